import type { PrismaClient } from '../server/db/generated/client';
import { setPassword } from '../server/db/system';
import { hashPassword } from '../server/auth/password';

// The demo's street office (吹哨, #15): 南湖街道 at /street/nanhu, and its liaison's account
// (liaison@demo.linli.test, the demo password). The demo company's admin escalates orders to it
// from an order's page; the liaison answers at /street/nanhu.

export const DEMO_OFFICE = { slug: 'nanhu', name: '南湖街道', district: '建邺区' } as const;
export const DEMO_LIAISON = { email: 'liaison@demo.linli.test', name: '南湖街道联络员' } as const;

export async function seedDemoStreet(prisma: PrismaClient, password: string): Promise<void> {
  const office = await prisma.streetOffice.upsert({
    where: { slug: DEMO_OFFICE.slug },
    update: {},
    create: { slug: DEMO_OFFICE.slug, name: DEMO_OFFICE.name, district: DEMO_OFFICE.district },
  });
  const user = await prisma.user.upsert({
    where: { email: DEMO_LIAISON.email },
    update: {},
    create: { email: DEMO_LIAISON.email, name: DEMO_LIAISON.name },
  });
  await setPassword(prisma, user.id, await hashPassword(password));
  await prisma.streetLiaison.upsert({
    where: { officeId_userId: { officeId: office.id, userId: user.id } },
    update: { disabledAt: null },
    create: { officeId: office.id, userId: user.id },
  });
}
