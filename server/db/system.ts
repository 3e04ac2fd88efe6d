import type { PrismaClient } from './generated/client';

// The few tenantless lookups (STYLE.md). Each calls a SECURITY DEFINER function from the
// security migration that returns the least it must; the app role cannot read the
// tenant-owned tables behind them directly.

export interface UserMembership {
  tenantId: string;
  slug: string;
  name: string;
  role: string;
  status: string;
}

/** The companies a user belongs to: sign-in redirect and the company switcher. */
export async function userMemberships(prisma: PrismaClient, userId: string): Promise<UserMembership[]> {
  const rows = await prisma.$queryRaw<
    { tenant_id: string; slug: string; name: string; role: string; status: string }[]
  >`select * from linli_user_memberships(${userId})`;
  return rows.map((r) => ({ tenantId: r.tenant_id, slug: r.slug, name: r.name, role: r.role, status: r.status }));
}

/** Which tenant an invitation token belongs to (accepting an invitation link). */
export async function invitationByTokenHash(
  prisma: PrismaClient,
  tokenHash: string,
): Promise<{ tenantId: string; invitationId: string } | null> {
  const rows = await prisma.$queryRaw<
    { tenant_id: string; invitation_id: string }[]
  >`select * from linli_invitation_by_token(${tokenHash})`;
  const r = rows[0];
  return r ? { tenantId: r.tenant_id, invitationId: r.invitation_id } : null;
}
