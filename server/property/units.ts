import 'server-only';
import { pageWindow } from '../shared/paging';
import { unitNumberLabel } from '../shared/labels';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import type { UnitStatus } from '../db/generated/enums';
import { AppError, notFound } from '../errors';
import { definedOnly } from '../shared/validation';
import { recordAudit } from '../tenancy/audit';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { archivedFilter, uniqueOr } from './errors';
import { ZArchive, ZListUnits, ZUnitInput, ZUnitUpdate } from '../shared/schemas/property';
import { residentContact, type RegisterViewer } from './residents';
import { seesResidentContacts } from '../shared/resident-contacts';

export async function listUnits({ db, tenantId }: Scope, q: z.output<typeof ZListUnits>, viewer: RegisterViewer) {
  const where: Prisma.UnitWhereInput = {
    tenantId,
    ...archivedFilter(q.includeArchived),
    ...(q.communityId ? { communityId: q.communityId } : {}),
    ...(q.buildingId ? { buildingId: q.buildingId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.q
      ? {
          OR: [
            { number: { contains: q.q } },
            { building: { name: { contains: q.q, mode: 'insensitive' } } },
            {
              residents: {
                some: {
                  archivedAt: null,
                  // staff search residents by name only: a match on a phone would reveal it
                  OR: [{ name: { contains: q.q, mode: 'insensitive' } }, ...(seesResidentContacts(viewer.role) ? [{ phone: { contains: q.q } }] : [])],
                },
              },
            },
          ],
        }
      : {}),
  };
  const total = await db.unit.count({ where });
  const rows = await db.unit.findMany({
    where,
    orderBy: [{ community: { name: 'asc' } }, { building: { name: 'asc' } }, { entrance: 'asc' }, { floor: 'asc' }, { number: 'asc' }],
    ...pageWindow(q),
    include: {
      community: { select: { name: true } },
      building: { select: { name: true } },
      residents: { where: { archivedAt: null }, select: { id: true, name: true, kind: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((u) => ({
      id: u.id,
      community: u.community.name,
      communityId: u.communityId,
      building: u.building.name,
      buildingId: u.buildingId,
      ...unitFields(u),
      residents: u.residents,
    })),
  };
}

/** What the list and a unit's page both show of it. */
function unitFields(u: {
  entrance: string;
  number: string;
  floor: number;
  area: Prisma.Decimal;
  status: UnitStatus;
  billingStart: Date | null;
  archivedAt: Date | null;
}) {
  return {
    entrance: u.entrance,
    number: u.number,
    label: unitNumberLabel(u),
    floor: u.floor,
    area: u.area.toFixed(2),
    status: u.status,
    billingStart: u.billingStart ? fromDateColumn(u.billingStart) : null,
    archived: !!u.archivedAt,
  };
}

export async function getUnit({ db, tenantId }: Scope, { id }: { id: string }, viewer: RegisterViewer) {
  const u = await db.unit.findUnique({
    where: { tenantId_id: { tenantId, id } },
    include: {
      community: { select: { id: true, name: true } },
      building: { select: { id: true, name: true } },
      residents: { orderBy: [{ archivedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }] },
    },
  });
  if (!u) throw notFound('unit');
  return {
    id: u.id,
    community: u.community,
    building: u.building,
    ...unitFields(u),
    residents: u.residents.map((r) => ({
      id: r.id,
      name: r.name,
      ...residentContact(viewer, r),
      kind: r.kind,
      hasSignIn: !!r.userId,
      archived: !!r.archivedAt,
    })),
  };
}

export async function createUnit({ db, tenantId, actorId }: Scope, data: z.output<typeof ZUnitInput>) {
  const building = await db.building.findUnique({ where: { tenantId_id: { tenantId, id: data.buildingId } } });
  if (!building) throw notFound('building');
  if (building.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'building' });
  const u = await uniqueOr(
    db.unit.create({
      data: { tenantId, communityId: building.communityId, ...data, billingStart: data.billingStart ? dateColumn(data.billingStart) : null },
    }),
    'unitExists',
    { label: unitNumberLabel(data) },
    'number',
  );
  await recordAudit(db, { tenantId, actorId, action: 'unit.create', entity: 'Unit', entityId: u.id, after: data });
  return { id: u.id };
}

export async function updateUnit({ db, tenantId, actorId }: Scope, { id, ...data }: z.output<typeof ZUnitUpdate>) {
  const before = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!before) throw notFound('unit');
  const changes = definedOnly(data);
  const { billingStart, ...rest } = changes;
  await uniqueOr(
    db.unit.updateMany({
      where: { tenantId, id },
      data: { ...rest, ...(billingStart !== undefined ? { billingStart: billingStart === null ? null : dateColumn(billingStart) } : {}) },
    }),
    'unitNumberTaken',
    undefined,
    'number',
  );
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'unit.update',
    entity: 'Unit',
    entityId: id,
    before: {
      entrance: before.entrance,
      number: before.number,
      floor: before.floor,
      area: before.area.toFixed(2),
      status: before.status,
      billingStart: before.billingStart ? fromDateColumn(before.billingStart) : null,
    },
    after: changes,
  });
}

export async function archiveUnit({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  const { count } = await db.unit.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? new Date() : null } });
  if (count !== 1) throw notFound('unit');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'unit.archive' : 'unit.restore', entity: 'Unit', entityId: id });
}
