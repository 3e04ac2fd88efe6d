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
export async function enqueueAccountMessage(
  db: PrismaClient | TenantDb,
  m: { recipient: string; subject: string; body: string; channel?: 'EMAIL' | 'SMS' },
): Promise<void> {
  await db.$executeRaw`select linli_account_message(${m.recipient}, ${m.subject}, ${m.body}, ${m.channel ?? 'EMAIL'})`;
}

export interface ClaimedAccountMessage {
  id: string;
  /** EMAIL, or SMS (a sign-in code to a phone) */
  channel: string;
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

// ── Phone sign-in and SMS (the phone_sign_in migration; no grant on PhoneCode, SmsSend) ──

/**
 * Counts one SMS against the caps (per phone 1/60 s, 5/h, 10/day; per IP 20/h), race-safe
 * (the phone is locked in the function). Allowed → recorded; refused → seconds to wait.
 */
export async function reserveSmsSend(
  prisma: PrismaClient | TenantDb,
  s: { phone: string; ip: string; kind: string; now?: Date },
): Promise<{ allowed: boolean; retryAfter: number }> {
  const rows = await prisma.$queryRaw<{ allowed: boolean; retry_after: number }[]>`
    select * from linli_sms_reserve(${s.phone}, ${s.ip}, ${s.kind}, ${s.now ?? new Date()})`;
  const r = rows[0];
  return { allowed: !!r?.allowed, retryAfter: Number(r?.retry_after ?? 60) };
}

/** Stores a new sign-in code's hash for a phone; the phone's older codes are spent. */
export async function issuePhoneCode(prisma: PrismaClient, phone: string, codeHash: string, expiresAt: Date, now: Date): Promise<void> {
  await prisma.$executeRaw`select linli_phone_code_issue(${phone}, ${codeHash}, ${expiresAt}, ${now})`;
}

/** Spends a code: true when it was the phone's live, unexpired code. */
export async function consumePhoneCode(prisma: PrismaClient, phone: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ ok: boolean }[]>`select linli_phone_code_consume(${phone}, ${codeHash}, ${now}) as ok`;
  return !!rows[0]?.ok;
}

export async function prunePhoneRecords(prisma: PrismaClient, now: Date): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: number }[]>`select linli_phone_prune(${now}) as n`;
  return Number(rows[0]?.n ?? 0);
}

/** The user and password hash for a phone (11 digits); null when no user has it. */
export async function passwordForPhone(prisma: PrismaClient, phone: string): Promise<{ userId: string; hash: string | null } | null> {
  const rows = await prisma.$queryRaw<{ user_id: string; password_hash: string | null }[]>`
    select * from linli_password_for_phone(${phone})`;
  const r = rows[0];
  return r ? { userId: r.user_id, hash: r.password_hash } : null;
}

export interface ResidentByPhone {
  tenantId: string;
  residentId: string;
  name: string;
  userId: string | null;
}

/** Residents (not archived) with this phone, in every company. */
export async function residentsByPhone(prisma: PrismaClient | TenantDb, phone: string): Promise<ResidentByPhone[]> {
  const rows = await prisma.$queryRaw<{ tenant_id: string; resident_id: string; name: string; user_id: string | null }[]>`
    select * from linli_residents_by_phone(${phone})`;
  return rows.map((r) => ({ tenantId: r.tenant_id, residentId: r.resident_id, name: r.name, userId: r.user_id }));
}

/** Open invitations to this phone, in every company. */
export async function invitationsByPhone(prisma: PrismaClient | TenantDb, phone: string, now: Date): Promise<{ tenantId: string; invitationId: string }[]> {
  const rows = await prisma.$queryRaw<{ tenant_id: string; invitation_id: string }[]>`select * from linli_invitations_by_phone(${phone}, ${now})`;
  return rows.map((r) => ({ tenantId: r.tenant_id, invitationId: r.invitation_id }));
}

// ── /platform (operators in PLATFORM_ADMINS; the caller checks that first) ──────────────

export interface PlatformTenant {
  tenantId: string;
  slug: string;
  name: string;
  createdAt: Date;
  stripeAccountId: string | null;
  /** NOT_CONNECTED, PENDING or READY */
  stripeStatus: string;
  members: number;
}

/** Every company with its online payment status (the /platform overview). */
export async function platformTenants(prisma: PrismaClient): Promise<PlatformTenant[]> {
  const rows = await prisma.$queryRaw<
    { tenant_id: string; slug: string; name: string; created_at: Date; stripe_account_id: string | null; stripe_status: string; members: bigint }[]
  >`select * from linli_platform_tenants()`;
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    slug: r.slug,
    name: r.name,
    createdAt: r.created_at,
    stripeAccountId: r.stripe_account_id,
    stripeStatus: r.stripe_status,
    members: Number(r.members),
  }));
}

// ── Stripe Connect webhooks ─────────────────────────────────────────────────────────────

/** The company whose connected account this is (a Connect event names its account; metadata never picks the tenant). */
export async function tenantByStripeAccount(prisma: PrismaClient, accountId: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ tenant_id: string }[]>`select * from linli_tenant_by_stripe_account(${accountId})`;
  return rows[0]?.tenant_id ?? null;
}
