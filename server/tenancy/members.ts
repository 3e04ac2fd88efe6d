import type { TenantDb } from '../db/tenant';
import type { Role } from '../db/generated/enums';
import { AppError, notFound } from '../errors';
import { recordAudit } from './audit';

export async function listMembers(db: TenantDb, { tenantId }: { tenantId: string }) {
  const rows = await db.membership.findMany({
    where: { tenantId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((m) => ({
    id: m.id,
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    status: m.status,
    createdAt: m.createdAt,
  }));
}

/** Changes a member's role or disables/enables them. The last active admin cannot be removed. */
export async function updateMember(
  db: TenantDb,
  input: { tenantId: string; actorId: string; id: string; role?: Role; status?: 'ACTIVE' | 'DISABLED' },
) {
  const before = await db.membership.findUnique({ where: { tenantId_id: { tenantId: input.tenantId, id: input.id } } });
  if (!before) throw notFound('Member');
  const losesAdmin =
    before.role === 'ADMIN' &&
    before.status === 'ACTIVE' &&
    ((input.role && input.role !== 'ADMIN') || input.status === 'DISABLED');
  if (losesAdmin) {
    const admins = await db.membership.count({ where: { tenantId: input.tenantId, role: 'ADMIN', status: 'ACTIVE' } });
    if (admins <= 1) throw new AppError('PRECONDITION_FAILED', 'A company needs at least one active admin');
  }
  const { count } = await db.membership.updateMany({
    where: { tenantId: input.tenantId, id: input.id },
    data: { ...(input.role ? { role: input.role } : {}), ...(input.status ? { status: input.status } : {}) },
  });
  if (count !== 1) throw notFound('Member');
  await recordAudit(db, {
    tenantId: input.tenantId,
    actorId: input.actorId,
    action: 'member.update',
    entity: 'Membership',
    entityId: input.id,
    before: { role: before.role, status: before.status },
    after: { role: input.role ?? before.role, status: input.status ?? before.status },
  });
}
