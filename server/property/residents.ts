import 'server-only';
import { pageWindow } from '../shared/paging';
import { unitLabel } from '../shared/labels';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { definedOnly } from '../shared/validation';
import { recordAudit } from '../tenancy/audit';
import { archivedFilter } from './errors';
import { ZArchive, ZListResidents, ZResidentInput, ZResidentUpdate } from '../shared/schemas/property';
import { seesResidentContacts } from '../shared/resident-contacts';
import type { Role } from '../db/generated/enums';

/** The caller's membership (ctx.membership): its role decides whether contacts are shown. */
export interface RegisterViewer {
  role: Role;
}

/** A resident's phone and e-mail as `viewer` may see them: blank for staff (seesResidentContacts). */
export function residentContact(viewer: RegisterViewer, r: { phone: string; email: string }) {
  return seesResidentContacts(viewer.role) ? { phone: r.phone, email: r.email } : { phone: '', email: '' };
}

export async function listResidents({ db, tenantId }: Scope, q: z.output<typeof ZListResidents>, viewer: RegisterViewer) {
  // Staff search by name only: matching on a phone or e-mail would reveal it.
  const contacts = seesResidentContacts(viewer.role);
  const where: Prisma.ResidentWhereInput = {
    tenantId,
    ...archivedFilter(q.includeArchived),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.communityId ? { unit: { communityId: q.communityId } } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.q
      ? {
          OR: [
            { name: { contains: q.q, mode: 'insensitive' } },
            ...(contacts ? [{ phone: { contains: q.q } }, { email: { contains: q.q, mode: 'insensitive' as const } }] : []),
          ],
        }
      : {}),
  };
  const total = await db.resident.count({ where });
  const rows = await db.resident.findMany({
    where,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...pageWindow(q),
    include: { unit: { include: { community: { select: { name: true } }, building: { select: { name: true } } } } },
  });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      ...residentContact(viewer, r),
      kind: r.kind,
      hasSignIn: !!r.userId,
      archived: !!r.archivedAt,
      unitId: r.unitId,
      unit: unitLabel({ community: r.unit.community.name, building: r.unit.building.name, entrance: r.unit.entrance, number: r.unit.number }),
    })),
  };
}

export async function createResident({ db, tenantId, actorId }: Scope, data: z.output<typeof ZResidentInput>) {
  const unit = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id: data.unitId } } });
  if (!unit) throw notFound('unit');
  if (unit.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'unit' });
  const r = await db.resident.create({ data: { tenantId, ...data } });
  await recordAudit(db, { tenantId, actorId, action: 'resident.create', entity: 'Resident', entityId: r.id, after: data });
  return { id: r.id };
}

export async function updateResident({ db, tenantId, actorId }: Scope, { id, ...data }: z.output<typeof ZResidentUpdate>) {
  const before = await db.resident.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!before) throw notFound('resident');
  const changes = definedOnly(data);
  await db.resident.updateMany({ where: { tenantId, id }, data: changes });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'resident.update',
    entity: 'Resident',
    entityId: id,
    before: { name: before.name, phone: before.phone, email: before.email, kind: before.kind },
    after: changes,
  });
}

export async function archiveResident({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  const { count } = await db.resident.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? new Date() : null } });
  if (count !== 1) throw notFound('resident');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'resident.archive' : 'resident.restore', entity: 'Resident', entityId: id });
}

/** A resident's own homes: only units whose resident records are linked to this user. */
/** `actorId` is the signed-in resident. */
export async function myUnits({ db, tenantId, actorId: userId }: Scope) {
  const records = await db.resident.findMany({
    where: { tenantId, userId, archivedAt: null, unit: { archivedAt: null } },
    include: { unit: { include: { community: { select: { name: true, address: true } }, building: { select: { name: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  return records.map((r) => ({
    unitId: r.unitId,
    community: r.unit.community.name,
    address: r.unit.community.address,
    building: r.unit.building.name,
    entrance: r.unit.entrance,
    number: r.unit.number,
    floor: r.unit.floor,
    area: r.unit.area.toFixed(2),
    status: r.unit.status,
    kind: r.kind,
  }));
}
