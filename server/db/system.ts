import type { PrismaClient } from './generated/client';
import type { TenantDb } from './tenant';

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
export async function invitationByTokenHash(prisma: PrismaClient, tokenHash: string): Promise<{ tenantId: string; invitationId: string } | null> {
  const rows = await prisma.$queryRaw<{ tenant_id: string; invitation_id: string }[]>`select * from linli_invitation_by_token(${tokenHash})`;
  const r = rows[0];
  return r ? { tenantId: r.tenant_id, invitationId: r.invitation_id } : null;
}

// ── Accounts: password hashes, pending sign-ups, account mail (the app role has no grant on
// the tables behind these; see the accounts_security migration) ──────────────────────

/** The user and password hash for an e-mail (sign-in); null when the e-mail is unknown. */
export async function passwordForEmail(prisma: PrismaClient, email: string): Promise<{ userId: string; hash: string | null } | null> {
  const rows = await prisma.$queryRaw<{ user_id: string; password_hash: string | null }[]>`
    select * from linli_password_for_email(${email})`;
  const r = rows[0];
  return r ? { userId: r.user_id, hash: r.password_hash } : null;
}

/** A user's password hash (password change). */
export async function passwordOfUser(prisma: PrismaClient | TenantDb, userId: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ h: string | null }[]>`select linli_password_of_user(${userId}) as h`;
  return rows[0]?.h ?? null;
}

/** Sets a user's password hash (sign-up, invitation, change, reset). */
export async function setPassword(db: PrismaClient | TenantDb, userId: string, hash: string): Promise<void> {
  await db.$executeRaw`select linli_set_password(${userId}, ${hash})`;
}

export interface PendingSignUp {
  email: string;
  name: string;
  companyName: string;
  slug: string;
  passwordHash: string;
}

/** Keeps a sign-up until the link in its e-mail is opened. */
export async function storeSignUpRequest(prisma: PrismaClient, tokenHash: string, r: PendingSignUp, expiresAt: Date): Promise<void> {
  await prisma.$executeRaw`select linli_sign_up_request(${tokenHash}, ${r.email}, ${r.name}, ${r.companyName}, ${r.slug}, ${r.passwordHash}, ${expiresAt})`;
}

/** Claims a pending sign-up by its link (once, unexpired); inside the caller's transaction. */
export async function claimSignUpRequest(tx: TenantDb, tokenHash: string): Promise<PendingSignUp | null> {
  const rows = await tx.$queryRaw<{ email: string; name: string; company_name: string; slug: string; password_hash: string }[]>`
    select * from linli_claim_sign_up(${tokenHash})`;
  const r = rows[0];
  return r ? { email: r.email, name: r.name, companyName: r.company_name, slug: r.slug, passwordHash: r.password_hash } : null;
}

/** An e-mail about an account that belongs to no company; delivered by the outbox job. */
export async function enqueueAccountMessage(db: PrismaClient | TenantDb, m: { recipient: string; subject: string; body: string }): Promise<void> {
  await db.$executeRaw`select linli_account_message(${m.recipient}, ${m.subject}, ${m.body})`;
}

export interface ClaimedAccountMessage {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

export async function claimAccountMessages(prisma: PrismaClient, limit: number): Promise<ClaimedAccountMessage[]> {
  const rows = await prisma.$queryRaw<ClaimedAccountMessage[]>`select * from linli_account_message_claim(${limit}::int)`;
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/** Sent (error null: the body, which may hold a link, is dropped) or failed. */
export async function settleAccountMessage(prisma: PrismaClient, id: string, error: string | null, final: boolean): Promise<void> {
  await prisma.$executeRaw`select linli_account_message_settle(${id}, ${error}, ${final})`;
}
