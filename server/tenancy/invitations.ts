import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { withTenant } from '../db/tenant';
import { invitationByTokenHash } from '../db/system';
import { AppError, notFound } from '../errors';
import { hashPassword, verifyPassword } from '../auth/password';
import { recordAudit } from './audit';
import { ZAcceptInvitation, ZCreateInvitation } from './schemas';

export const INVITATION_DAYS = 14;

// Only the token's hash is stored: a leaked database cannot be turned into sign-ups.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createInvitation(
  db: TenantDb,
  input: z.input<typeof ZCreateInvitation> & { tenantId: string; actorId: string; origin: string; tenantSlug: string },
) {
  const data = ZCreateInvitation.parse(input);
  if (data.residentId) {
    const resident = await db.resident.findUnique({
      where: { tenantId_id: { tenantId: input.tenantId, id: data.residentId } },
    });
    if (!resident || resident.archivedAt) throw notFound('Resident');
    if (resident.userId) throw new AppError('CONFLICT', 'This resident already has a sign-in');
  }
  const token = randomBytes(24).toString('base64url');
  const invitation = await db.invitation.create({
    data: {
      tenantId: input.tenantId,
      email: data.email,
      name: data.name,
      role: data.role,
      residentId: data.residentId ?? null,
      tokenHash: hashToken(token),
      invitedById: input.actorId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    },
  });
  await recordAudit(db, {
    tenantId: input.tenantId,
    actorId: input.actorId,
    action: 'invitation.create',
    entity: 'Invitation',
    entityId: invitation.id,
    after: { email: data.email, name: data.name, role: data.role, residentId: data.residentId ?? null },
  });
  return {
    id: invitation.id,
    link: `${input.origin.replace(/\/$/, '')}/invite/${token}`,
    expiresAt: invitation.expiresAt,
  };
}

export async function listInvitations(db: TenantDb, { tenantId }: { tenantId: string }) {
  const rows = await db.invitation.findMany({
    where: { tenantId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    residentId: r.residentId,
    expiresAt: r.expiresAt,
    expired: r.expiresAt < new Date(),
    createdAt: r.createdAt,
  }));
}

export async function revokeInvitation(db: TenantDb, input: { tenantId: string; actorId: string; id: string }) {
  const { count } = await db.invitation.updateMany({
    where: { tenantId: input.tenantId, id: input.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count !== 1) throw notFound('Invitation');
  await recordAudit(db, {
    tenantId: input.tenantId,
    actorId: input.actorId,
    action: 'invitation.revoke',
    entity: 'Invitation',
    entityId: input.id,
  });
}

/** What the invitation page shows before the person accepts. */
export async function previewInvitation(prisma: PrismaClient, token: string) {
  const found = await invitationByTokenHash(prisma, hashToken(token));
  if (!found) throw notFound('Invitation');
  return withTenant(prisma, found.tenantId, async (db) => {
    const inv = await db.invitation.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: found.tenantId, id: found.invitationId } },
      include: { tenant: true },
    });
    // Inside the transaction: the embedded database has one connection, so reaching for the
    // outer client here would wait on this very transaction forever.
    const user = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
    return {
      email: inv.email,
      name: inv.name,
      role: inv.role,
      company: inv.tenant.name,
      companySlug: inv.tenant.slug,
      status: inv.acceptedAt ? 'accepted' : inv.revokedAt ? 'revoked' : inv.expiresAt < new Date() ? 'expired' : 'open',
      hasAccount: !!user,
    } as const;
  });
}

/**
 * Accepts an invitation: a new person sets a name and password; someone who already has an
 * account (another company) confirms with their password. Adds the membership, and links
 * the resident record for a resident invitation. All in one transaction.
 */
export async function acceptInvitation(prisma: PrismaClient, input: z.input<typeof ZAcceptInvitation>) {
  const data = ZAcceptInvitation.parse(input);
  const found = await invitationByTokenHash(prisma, hashToken(data.token));
  if (!found) throw notFound('Invitation');
  return withTenant(prisma, found.tenantId, async (db) => {
    const inv = await db.invitation.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: found.tenantId, id: found.invitationId } },
      include: { tenant: true },
    });
    if (inv.acceptedAt) throw new AppError('CONFLICT', 'This invitation has already been used');
    if (inv.revokedAt) throw new AppError('PRECONDITION_FAILED', 'This invitation was withdrawn');
    if (inv.expiresAt < new Date()) throw new AppError('PRECONDITION_FAILED', 'This invitation has expired; ask for a new one');

    let user = await db.user.findUnique({ where: { email: inv.email } });
    if (user) {
      if (!(await verifyPassword(user.passwordHash, data.password))) {
        throw new AppError('UNAUTHORIZED', 'You already have a Linli account: enter its password to accept', {
          field: 'password',
        });
      }
    } else {
      user = await db.user.create({
        data: { email: inv.email, name: data.name ?? inv.name, passwordHash: await hashPassword(data.password) },
      });
    }
    const claimed = await db.invitation.updateMany({
      where: { tenantId: inv.tenantId, id: inv.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError('CONFLICT', 'This invitation has already been used');

    const existing = await db.membership.findUnique({
      where: { tenantId_userId: { tenantId: inv.tenantId, userId: user.id } },
    });
    if (existing) {
      await db.membership.update({
        where: { tenantId_id: { tenantId: inv.tenantId, id: existing.id } },
        data: { role: inv.role, status: 'ACTIVE' },
      });
    } else {
      await db.membership.create({ data: { tenantId: inv.tenantId, userId: user.id, role: inv.role } });
    }
    if (inv.residentId) {
      const linked = await db.resident.updateMany({
        where: { tenantId: inv.tenantId, id: inv.residentId, userId: null },
        data: { userId: user.id },
      });
      if (linked.count !== 1) throw new AppError('CONFLICT', 'This resident record is already linked to a sign-in');
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
