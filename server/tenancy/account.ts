import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { userMemberships } from '../db/system';

/** The signed-in user's active companies (company switcher). */
export async function myCompanies(prisma: PrismaClient, { userId }: { userId: string }) {
  const rows = await userMemberships(prisma, userId);
  return rows.filter((r) => r.status === 'ACTIVE').map(({ slug, name, role }) => ({ slug, name, role }));
}

export async function setMyLocale(prisma: PrismaClient, { userId, locale }: { userId: string; locale: string }) {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}
