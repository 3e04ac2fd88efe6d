import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { archivedFilter, uniqueOr } from './errors';
import { ZArchive, ZBuildingInput, ZBuildingUpdate, ZListBuildings } from '../shared/schemas/property';

export async function listBuildings({ db, tenantId }: Scope, q: z.output<typeof ZListBuildings>) {
  const rows = await db.building.findMany({
    where: { tenantId, communityId: q.communityId, ...archivedFilter(q.includeArchived) },
    orderBy: { name: 'asc' },
    include: { _count: { select: { units: { where: { archivedAt: null } } } } },
  });
  return rows.map((b) => ({ id: b.id, communityId: b.communityId, name: b.name, archived: !!b.archivedAt, units: b._count.units }));
}

export async function createBuilding({ db, tenantId, actorId }: Scope, data: z.output<typeof ZBuildingInput>) {
  const community = await db.community.findUnique({ where: { tenantId_id: { tenantId, id: data.communityId } } });
  if (!community) throw notFound('community');
  if (community.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'community' });
  const b = await uniqueOr(
    db.building.create({ data: { tenantId, communityId: data.communityId, name: data.name } }),
    'buildingExists',
    { name: data.name },
    'name',
  );
  await recordAudit(db, { tenantId, actorId, action: 'building.create', entity: 'Building', entityId: b.id, after: data });
  return { id: b.id, name: b.name };
}

export async function updateBuilding({ db, tenantId, actorId }: Scope, { id, name }: z.output<typeof ZBuildingUpdate>) {
  const before = await db.building.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!before) throw notFound('building');
  await uniqueOr(db.building.updateMany({ where: { tenantId, id }, data: { name } }), 'buildingExists', { name: name }, 'name');
  await recordAudit(db, { tenantId, actorId, action: 'building.update', entity: 'Building', entityId: id, before: { name: before.name }, after: { name } });
}

export async function archiveBuilding({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  if (archived) {
    const active = await db.unit.count({ where: { tenantId, buildingId: id, archivedAt: null } });
    if (active > 0) throw new AppError('PRECONDITION_FAILED', 'archiveUnitsFirst', { count: active });
  }
  const { count } = await db.building.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? new Date() : null } });
  if (count !== 1) throw notFound('building');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'building.archive' : 'building.restore', entity: 'Building', entityId: id });
}
