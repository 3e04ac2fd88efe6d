import 'server-only';
import { pageWindow } from '../shared/paging';
import { spaceLabel, unitShortLabel } from '../shared/labels';
import type { Scope } from '../db/scope';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import type { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { uniqueOr } from '../property/errors';
import { ZArchive, ZById, ZListParkingSpaces, ZParkingSpaceInput, ZParkingSpaceUpdate } from '../shared/schemas/billing';

// A parking space is billed like a unit: tied to a unit, it is that household's (the unit is the
// payer); rented alone, its renter is the payer and the space itself stands for them.

async function checkUnit(db: TenantDb, tenantId: string, unitId: string, communityId: string) {
  const unit = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id: unitId } }, select: { communityId: true, archivedAt: true } });
  if (!unit) throw notFound('unit');
  if (unit.communityId !== communityId) throw new AppError('BAD_REQUEST', 'unitOtherCommunity');
  if (unit.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'unit' });
}

export async function createParkingSpace({ db, tenantId, actorId }: Scope, data: z.output<typeof ZParkingSpaceInput>) {
  const community = await db.community.findUnique({ where: { tenantId_id: { tenantId, id: data.communityId } }, select: { archivedAt: true } });
  if (!community) throw notFound('community');
  if (community.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'community' });
  if (data.unitId) await checkUnit(db, tenantId, data.unitId, data.communityId);
  // Tied to a unit, the household pays: a renter's details would be misleading.
  const renter = data.unitId
    ? { renterName: '', renterPhone: '', renterEmail: '' }
    : { renterName: data.renterName, renterPhone: data.renterPhone, renterEmail: data.renterEmail };
  const space = await uniqueOr(
    db.parkingSpace.create({ data: { tenantId, communityId: data.communityId, number: data.number, unitId: data.unitId, ...renter } }),
    'spaceExists',
    { number: data.number },
    'number',
  );
  await recordAudit(db, { tenantId, actorId, action: 'parkingSpace.create', entity: 'ParkingSpace', entityId: space.id, after: { ...data, ...renter } });
  return { id: space.id };
}

export async function updateParkingSpace({ db, tenantId, actorId }: Scope, { id, ...data }: z.output<typeof ZParkingSpaceUpdate>) {
  const before = await db.parkingSpace.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!before) throw notFound('parkingSpace');
  const unitId = data.unitId !== undefined ? data.unitId : before.unitId;
  if (data.unitId) await checkUnit(db, tenantId, data.unitId, before.communityId);
  const renterName = unitId ? '' : (data.renterName ?? before.renterName);
  if (!unitId && !renterName) throw new AppError('BAD_REQUEST', 'renterNeeded');
  const changes: Prisma.ParkingSpaceUncheckedUpdateManyInput = {
    ...(data.number !== undefined ? { number: data.number } : {}),
    unitId,
    renterName,
    renterPhone: unitId ? '' : (data.renterPhone ?? before.renterPhone),
    renterEmail: unitId ? '' : (data.renterEmail ?? before.renterEmail),
  };
  await uniqueOr(db.parkingSpace.updateMany({ where: { tenantId, id }, data: changes }), 'spaceNumberTaken', undefined, 'number');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'parkingSpace.update',
    entity: 'ParkingSpace',
    entityId: id,
    before: { number: before.number, unitId: before.unitId, renterName: before.renterName, renterPhone: before.renterPhone, renterEmail: before.renterEmail },
    after: changes,
  });
}

export async function archiveParkingSpace({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  const { count } = await db.parkingSpace.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? new Date() : null } });
  if (count !== 1) throw notFound('parkingSpace');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: archived ? 'parkingSpace.archive' : 'parkingSpace.restore',
    entity: 'ParkingSpace',
    entityId: id,
  });
}

const include = {
  community: { select: { id: true, name: true } },
  unit: { select: { id: true, entrance: true, number: true, building: { select: { name: true } } } },
} as const;

function show(p: Prisma.ParkingSpaceGetPayload<{ include: typeof include }>) {
  return {
    id: p.id,
    number: p.number,
    label: spaceLabel(p.number),
    community: p.community,
    unit: p.unit ? { id: p.unit.id, label: unitShortLabel({ building: p.unit.building.name, entrance: p.unit.entrance, number: p.unit.number }) } : null,
    renterName: p.renterName,
    renterPhone: p.renterPhone,
    renterEmail: p.renterEmail,
    payer: p.unitId ? { kind: 'UNIT' as const, id: p.unitId } : { kind: 'PARKING' as const, id: p.id },
    archived: !!p.archivedAt,
  };
}

export async function listParkingSpaces({ db, tenantId }: Scope, q: z.output<typeof ZListParkingSpaces>) {
  const where: Prisma.ParkingSpaceWhereInput = {
    tenantId,
    ...(q.includeArchived ? {} : { archivedAt: null }),
    ...(q.communityId ? { communityId: q.communityId } : {}),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.q
      ? {
          OR: [
            { number: { contains: q.q, mode: 'insensitive' as const } },
            { renterName: { contains: q.q, mode: 'insensitive' as const } },
            { renterPhone: { contains: q.q } },
          ],
        }
      : {}),
  };
  const total = await db.parkingSpace.count({ where });
  const rows = await db.parkingSpace.findMany({
    where,
    include,
    orderBy: [{ community: { name: 'asc' } }, { number: 'asc' }],
    ...pageWindow(q),
  });
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map(show) };
}

export async function getParkingSpace({ db, tenantId }: Scope, { id }: z.output<typeof ZById>) {
  const p = await db.parkingSpace.findUnique({ where: { tenantId_id: { tenantId, id } }, include });
  if (!p) throw notFound('parkingSpace');
  return show(p);
}
