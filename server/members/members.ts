import 'server-only';
import type { Scope } from '../db/scope';
import type { Role } from '../db/generated/enums';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { endAllSessions } from '../auth/sessions';
import type { z } from 'zod';
import type { ZSetStaffDuties } from '../shared/schemas/members';

export async function listMembers({ db, tenantId }: Scope) {
  const rows = await db.membership.findMany({
    where: { tenantId },
    include: { user: { select: { email: true, name: true, phone: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((m) => ({
    id: m.id,
    userId: m.userId,
    email: m.user.email,
    phone: m.user.phone,
    name: m.user.name,
    role: m.role,
    status: m.status,
    // STAFF duties (#15): who dispatches work orders, and the skills auto-assignment matches
    dispatcher: m.role === 'STAFF' && m.dispatcher,
    skills: m.skills,
    createdAt: m.createdAt,
  }));
}

/**
 * Changes a member's role or disables/enables them. The last active admin cannot be demoted
 * or disabled, also when two admins act at once: the company's active admin memberships
 * are locked (FOR UPDATE) before counting, so the second of two concurrent demotions waits,
 * then counts what the first left. Disabling revokes the person's pending invitations to the
 * company. A role change or disabling ends every session of the person.
 */
export async function updateMember({ db, tenantId, actorId }: Scope, input: { id: string; role?: Role; status?: 'ACTIVE' | 'DISABLED' }) {
  const before = await db.membership.findUnique({
    where: { tenantId_id: { tenantId, id: input.id } },
    include: { user: { select: { email: true } } },
  });
  if (!before) throw notFound('member');
  const losesAdmin = before.role === 'ADMIN' && before.status === 'ACTIVE' && ((input.role && input.role !== 'ADMIN') || input.status === 'DISABLED');
  if (losesAdmin) {
    const admins = await db.$queryRaw<{ id: string; role: string; status: string }[]>`
      select "id", "role"::text, "status"::text from "Membership"
      where "tenantId" = ${tenantId} and "role" = 'ADMIN' and "status" = 'ACTIVE'
      order by "id" for update`;
    // Counted after the locks: rows another transaction demoted meanwhile no longer match.
    if (!admins.some((a) => a.id === input.id) || admins.length <= 1) {
      throw new AppError('PRECONDITION_FAILED', 'lastAdmin');
    }
  }
  const { count } = await db.membership.updateMany({
    where: { tenantId, id: input.id },
    data: {
      ...(input.role ? { role: input.role } : {}),
      // Dispatching is a staff duty: a member who stops being STAFF stops dispatching (and is not
      // silently a dispatcher again if made STAFF later).
      ...(input.role && input.role !== 'STAFF' ? { dispatcher: false } : {}),
      ...(input.status ? { status: input.status } : {}),
    },
  });
  if (count !== 1) throw notFound('member');
  const roleChanged = !!input.role && input.role !== before.role;
  const disabled = input.status === 'DISABLED' && before.status !== 'DISABLED';
  if (disabled && before.user.email) {
    await db.invitation.updateMany({
      where: { tenantId, email: before.user.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
  if (roleChanged || disabled) await endAllSessions(db, before.userId);
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'member.update',
    entity: 'Membership',
    entityId: input.id,
    before: { role: before.role, status: before.status },
    after: { role: input.role ?? before.role, status: input.status ?? before.status },
  });
}

/**
 * Sets a STAFF member's duties: dispatcher (workorders.dispatch on top of the role) and skills.
 * Only staff have duties (an admin dispatches anyway; other roles do no field work).
 */
export async function setStaffDuties({ db, tenantId, actorId }: Scope, input: z.output<typeof ZSetStaffDuties>) {
  const before = await db.membership.findUnique({ where: { tenantId_id: { tenantId, id: input.id } } });
  if (!before) throw notFound('member');
  if (before.role !== 'STAFF') throw new AppError('PRECONDITION_FAILED', 'staffDutiesStaffOnly');
  // Scoped to a STAFF row: a concurrent role change away from STAFF wins, duties are not set on it.
  const { count } = await db.membership.updateMany({
    where: { tenantId, id: input.id, role: 'STAFF' },
    data: { dispatcher: input.dispatcher, skills: input.skills },
  });
  if (count !== 1) throw new AppError('PRECONDITION_FAILED', 'staffDutiesStaffOnly');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'member.duties',
    entity: 'Membership',
    entityId: input.id,
    before: { dispatcher: before.dispatcher, skills: before.skills },
    after: { dispatcher: input.dispatcher, skills: input.skills },
  });
  return { id: input.id, dispatcher: input.dispatcher, skills: input.skills };
}
