import 'server-only';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';
import { Prisma } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { TX_OPTIONS } from '../db/tenant';
import { claimSignUpRequest, setPassword, storeSignUpRequest, type PendingSignUp } from '../db/system';
import { AppError } from '../errors';
import { hashPassword } from '../auth/password';
import { sendAccountMail, type SentMail } from '../auth/account-mail';
import { recordAudit } from './audit';
import { hashToken } from '../members/invitations';
import { ZCreateCompany, ZSignUp } from '../shared/schemas/tenancy';
import { createDefaultCatalogue } from '../services/default-catalogue';
import type { z } from 'zod';

export const SIGN_UP_LINK_HOURS = 24;

const slugTaken = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * Creates a company and makes `userId` its first admin. The tenant row is global; the
 * membership and audit entry are written inside the new tenant's scope, so row-level
 * security checks them like any other write.
 */
export async function createCompany(prisma: PrismaClient, input: z.output<typeof ZCreateCompany> & { userId: string }) {
  const { companyName, slug } = input;
  try {
    return await prisma.$transaction(async (tx) => addCompany(tx, { companyName, slug, userId: input.userId }));
  } catch (e) {
    if (slugTaken(e)) throw new AppError('CONFLICT', 'slugTaken', { slug: slug }, { field: 'slug' });
    throw e;
  }
}

async function addCompany(tx: TenantDb, { companyName, slug, userId, admin }: { companyName: string; slug: string; userId: string; admin?: string }) {
  const tenant = await tx.tenant.create({ data: { name: companyName, slug } });
  await tx.$queryRaw`select set_config('app.tenant_id', ${tenant.id}, true)`;
  await tx.membership.create({ data: { tenantId: tenant.id, userId, role: 'ADMIN' } });
  await createDefaultCatalogue(tx, tenant.id);
  await recordAudit(tx, {
    tenantId: tenant.id,
    actorId: userId,
    action: 'company.create',
    entity: 'Tenant',
    entityId: tenant.id,
    after: { name: tenant.name, slug: tenant.slug, ...(admin ? { admin } : {}) },
  });
  return { id: tenant.id, slug: tenant.slug, name: tenant.name };
}

export interface SignUpAnswer {
  /** always true: the answer never says whether the e-mail already has an account */
  sent: true;
  email: string;
  /** embedded demo only (no mail server): the mail that was sent, with its link */
  demoMail: SentMail | null;
}

/**
 * Public sign-up, step 1. Answers "check your e-mail" whether or not the e-mail already has
 * an account, after the same work (a password hash either way). A new e-mail gets a link
 * that creates the account and company (step 2); a known one gets a note to sign in
 * instead. Only the URL name, which is public anyway, may be refused here.
 */
export async function requestSignUp(prisma: PrismaClient, data: z.output<typeof ZSignUp>, opts: { showMail: boolean }): Promise<SignUpAnswer> {
  if (await prisma.tenant.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
    throw new AppError('CONFLICT', 'slugTaken', { slug: data.slug }, { field: 'slug' });
  }
  const passwordHash = await hashPassword(data.password);
  const existing = await prisma.user.findUnique({ where: { email: data.email }, select: { id: true } });
  let mail: SentMail;
  if (existing) {
    mail = await sendAccountMail(prisma, { kind: 'sign-up-existing', to: data.email });
  } else {
    const token = randomBytes(24).toString('base64url');
    await storeSignUpRequest(
      prisma,
      hashToken(token),
      { email: data.email, name: data.adminName, companyName: data.companyName, slug: data.slug, passwordHash },
      new Date(Date.now() + SIGN_UP_LINK_HOURS * 3_600_000),
    );
    mail = await sendAccountMail(prisma, { kind: 'sign-up-link', to: data.email, token });
  }
  return { sent: true, email: data.email, demoMail: opts.showMail ? mail : null };
}

/**
 * Sign-up, step 2: the link from the e-mail creates the account and its company, once.
 * If the URL name was taken in the meantime, the account is still created (the person adds
 * the company from "My companies"); if the e-mail got an account meanwhile, nothing is.
 */
export async function confirmSignUp(prisma: PrismaClient, token: string): Promise<{ email: string; tenantSlug: string | null }> {
  return prisma.$transaction(async (tx) => {
    const pending = await claimSignUpRequest(tx, hashToken(token));
    if (!pending) throw new AppError('NOT_FOUND', 'linkInvalid');
    if (await tx.user.findUnique({ where: { email: pending.email }, select: { id: true } })) {
      throw new AppError('CONFLICT', 'emailHasAccount');
    }
    const r = await createAccount(tx, pending);
    return { email: pending.email, tenantSlug: r.tenant?.slug ?? null };
  }, TX_OPTIONS);
}

async function createAccount(tx: TenantDb, p: PendingSignUp) {
  const user = await tx.user.create({ data: { email: p.email, name: p.name } });
  await setPassword(tx, user.id, p.passwordHash);
  const slugFree = !(await tx.tenant.findUnique({ where: { slug: p.slug }, select: { id: true } }));
  const tenant = slugFree ? await addCompany(tx, { companyName: p.companyName, slug: p.slug, userId: user.id, admin: p.email }) : null;
  return { userId: user.id, tenant };
}

/**
 * An account with its company at once, for tests and fixtures that stand in for a person
 * who opened the link (the real flow is requestSignUp + confirmSignUp).
 */
export async function createAccountWithCompany(prisma: PrismaClient, data: z.output<typeof ZSignUp>) {
  const passwordHash = await hashPassword(data.password);
  return prisma.$transaction(async (tx) => {
    const r = await createAccount(tx, { email: data.email, name: data.adminName, companyName: data.companyName, slug: data.slug, passwordHash });
    if (!r.tenant) throw new AppError('CONFLICT', 'slugTaken', { slug: data.slug }, { field: 'slug' });
    return { userId: r.userId, tenant: r.tenant };
  }, TX_OPTIONS);
}
