import 'server-only';
import type { PrismaClient } from '../db/generated/client';

/** The street offices the user is an active liaison of (sign-in landing, the street area's header). */
export async function listMyStreetOffices(prisma: PrismaClient, user: { id: string }) {
  const rows = await prisma.streetLiaison.findMany({
    where: { userId: user.id, disabledAt: null },
    select: { office: { select: { slug: true, name: true, district: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => r.office);
}
