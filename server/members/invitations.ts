import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import type { Scope } from '../db/scope';
import { withTenant } from '../db/tenant';
import { invitationByTokenHash } from '../db/system';
import { AppError, notFound } from '../errors';
import { hashPassword } from '../auth/password';
import { setPassword } from '../db/system';
import { appUrl } from '../env';
import { recordAudit } from '../tenancy/audit';
import { ZAcceptInvitation, ZCreateInvitation } from '../shared/schemas/tenancy';
import { enqueueOutbox } from '../notifications/outbox';
import { serverTranslator } from '../i18n/translator';
import { smsAvailable } from '../sms/config';

export const INVITATION_DAYS = 14;

// Only the token's hash is stored: a leaked database cannot be turned into sign-ups.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Invites someone by e-mail (a link to accept), by mobile number (an SMS; they accept by signing
 * in with that number, server/auth/phone-sign-in.ts), or both.
 */
export async function createInvitation({ db, tenantId, actorId, companyName, locale }: Scope, data: z.output<typeof ZCreateInvitation>) {
  if (data.phone && !data.email && !smsAvailable()) throw new AppError('PRECONDITION_FAILED', 'phoneSignInOff');
  if (data.residentId) {
    const resident = await db.resident.findUnique({
      where: { tenantId_id: { tenantId, id: data.residentId } },
    });
    if (!resident || resident.archivedAt) throw notFound('resident');
    if (resident.userId) throw new AppError('CONFLICT', 'residentHasSignIn');
  }
  const token = randomBytes(24).toString('base64url');
  const invitation = await db.invitation.create({
    data: {
      tenantId,
      email: data.email,
      phone: data.phone,
      name: data.name,
      role: data.role,
      residentId: data.residentId ?? null,
      tokenHash: hashToken(token),
      invitedById: actorId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'invitation.create',
    entity: 'Invitation',
    entityId: invitation.id,
    after: { email: data.email, phone: data.phone, name: data.name, role: data.role, residentId: data.residentId ?? null },
  });
  // By phone: an SMS pointing to the sign-in page (the phone is the key, no link token).
  const signIn = `${appUrl()}/sign-in`;
  if (data.phone) {
    const t = serverTranslator(locale);
    await enqueueOutbox(db, tenantId, [
      {
        channel: 'SMS',
        recipient: data.phone,
        subject: t('sms.invitationSubject', { company: companyName }),
        body: t('sms.invitation', { company: companyName, name: data.name, link: signIn, phone: data.phone }),
      },
    ]);
  }
  return {
    id: invitation.id,
    // APP_URL, never the request's Host: a forged Host must not put an attacker's origin in a link.
    link: data.email ? `${appUrl()}/invite/${token}` : signIn,
    /** an SMS went out: the person signs in with this number */
    phone: data.phone || null,
    expiresAt: invitation.expiresAt,
  };
}

export async function listInvitations({ db, tenantId }: Scope) {
  const rows = await db.invitation.findMany({
    where: { tenantId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    phone: r.phone,
    name: r.name,
    role: r.role,
    residentId: r.residentId,
    expiresAt: r.expiresAt,
    expired: r.expiresAt < new Date(),
    createdAt: r.createdAt,
  }));
}

export async function revokeInvitation({ db, tenantId, actorId }: Scope, input: { id: string }) {
  const { count } = await db.invitation.updateMany({
    where: { tenantId, id: input.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count !== 1) throw notFound('invitation');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'invitation.revoke',
    entity: 'Invitation',
    entityId: input.id,
  });
}

/**
 * What the invitation page shows before the person accepts. Nothing about accounts: whether
 * the e-mail already has one is not the token holder's business (no account oracle).
 */
export async function previewInvitation(prisma: PrismaClient, token: string) {
  const found = await invitationByTokenHash(prisma, hashToken(token));
  if (!found) throw notFound('invitation');
  return withTenant(prisma, found.tenantId, async (db) => {
    const inv = await db.invitation.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: found.tenantId, id: found.invitationId } },
      include: { tenant: true },
    });
    return {
      email: inv.email,
      name: inv.name,
      role: inv.role,
      company: inv.tenant.name,
      companySlug: inv.tenant.slug,
      status: inv.acceptedAt ? 'accepted' : inv.revokedAt ? 'revoked' : inv.expiresAt < new Date() ? 'expired' : 'open',
    } as const;
  });
}

/**
 * Accepts an invitation. Someone who already has an account accepts while signed in as that
 * account (`userId`); no password is asked here, so the link cannot be used to guess one. A
 * new person (no account for the e-mail) sets a name and password. A membership that was
 * disabled is never re-activated by an invitation. Adds the membership, and links the
 * resident record for a resident invitation. All in one transaction.
 */
export async function acceptInvitation(prisma: PrismaClient, input: z.output<typeof ZAcceptInvitation> & { userId: string | null }) {
  const data = input;
  const found = await invitationByTokenHash(prisma, hashToken(data.token));
  if (!found) throw notFound('invitation');
  return withTenant(prisma, found.tenantId, async (db) => {
    const inv = await db.invitation.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: found.tenantId, id: found.invitationId } },
      include: { tenant: true },
    });
    if (inv.acceptedAt) throw new AppError('CONFLICT', 'invitationUsed');
    if (inv.revokedAt) throw new AppError('PRECONDITION_FAILED', 'invitationRevoked');
    if (inv.expiresAt < new Date()) throw new AppError('PRECONDITION_FAILED', 'invitationExpired');
    // Sent to a phone only: accepted by signing in with that phone, not by this link.
    if (!inv.email) throw new AppError('PRECONDITION_FAILED', 'invitationByPhone');

    let user = await db.user.findUnique({ where: { email: inv.email } });
    if (input.userId) {
      if (!user || user.id !== input.userId) {
        throw new AppError('FORBIDDEN', 'invitationOtherAccount');
      }
    } else if (user) {
      throw new AppError('UNAUTHORIZED', 'invitationSignIn');
    } else {
      if (!data.password) throw new AppError('BAD_REQUEST', 'required', { what: 'password' }, { field: 'password' });
      user = await db.user.create({ data: { email: inv.email, name: data.name ?? inv.name } });
      await setPassword(db, user.id, await hashPassword(data.password));
    }
    const existing = await db.membership.findUnique({
      where: { tenantId_userId: { tenantId: inv.tenantId, userId: user.id } },
    });
    if (existing?.status === 'DISABLED') {
      throw new AppError('PRECONDITION_FAILED', 'membershipDisabled');
    }
    if (existing) throw new AppError('CONFLICT', 'alreadyMember');
    const claimed = await db.invitation.updateMany({
      where: { tenantId: inv.tenantId, id: inv.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError('CONFLICT', 'invitationUsed');

    await db.membership.create({ data: { tenantId: inv.tenantId, userId: user.id, role: inv.role } });
    if (inv.residentId) {
      const linked = await db.resident.updateMany({
        where: { tenantId: inv.tenantId, id: inv.residentId, userId: null },
        data: { userId: user.id },
      });
      if (linked.count !== 1) throw new AppError('CONFLICT', 'residentLinked');
    }
    await recordAudit(db, {
      tenantId: inv.tenantId,
      actorId: user.id,
      action: 'invitation.accept',
      entity: 'Invitation',
      entityId: inv.id,
      after: { userId: user.id, role: inv.role },
    });
    return { userId: user.id, email: user.email, tenantSlug: inv.tenant.slug };
  });
}
