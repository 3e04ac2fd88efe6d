import 'server-only';
import { pageWindow } from '../shared/paging';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { AppError, notFound } from '../errors';
import { definedOnly } from '../shared/validation';
import { recordAudit } from '../tenancy/audit';
import { archivedFilter, uniqueOr } from './errors';
import { ZArchive, ZCommunityInput, ZCommunityUpdate, ZListCommunities } from '../shared/schemas/property';

export async function listCommunities({ db, tenantId }: Scope, q: z.output<typeof ZListCommunities>) {
  const where = {
    tenantId,
    ...archivedFilter(q.includeArchived),
    ...(q.q ? { OR: [{ name: { contains: q.q, mode: 'insensitive' as const } }, { address: { contains: q.q, mode: 'insensitive' as const } }] } : {}),
  };
  const total = await db.community.count({ where });
  const rows = await db.community.findMany({
    where,
    orderBy: { name: 'asc' },
    ...pageWindow(q),
    include: { _count: { select: { buildings: { where: { archivedAt: null } }, units: { where: { archivedAt: null } } } } },
  });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((c) => ({
      id: c.id,
      name: c.name,
      address: c.address,
      district: c.district,
      archived: !!c.archivedAt,
      buildings: c._count.buildings,
      units: c._count.units,
    })),
  };
}

export async function getCommunity({ db, tenantId }: Scope, { id }: { id: string }) {
  const c = await db.community.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!c) throw notFound('community');
  return { id: c.id, name: c.name, address: c.address, district: c.district, archived: !!c.archivedAt };
}

export async function createCommunity({ db, tenantId, actorId }: Scope, data: z.output<typeof ZCommunityInput>) {
  const c = await uniqueOr(db.community.create({ data: { tenantId, ...data } }), 'communityExists', { name: data.name }, 'name');
  await recordAudit(db, { tenantId, actorId, action: 'community.create', entity: 'Community', entityId: c.id, after: data });
  return { id: c.id, name: c.name };
}

export async function updateCommunity({ db, tenantId, actorId }: Scope, { id, ...given }: z.output<typeof ZCommunityUpdate>) {
  const data = definedOnly(given);
  const before = await db.community.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!before) throw notFound('community');
  await uniqueOr(db.community.updateMany({ where: { tenantId, id }, data }), 'communityExists', { name: data.name ?? before.name }, 'name');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'community.update',
    entity: 'Community',
    entityId: id,
    before: { name: before.name, address: before.address, district: before.district },
    after: data,
  });
}

export async function archiveCommunity({ db, tenantId, actorId }: Scope, { id, archived }: z.output<typeof ZArchive>) {
  if (archived) {
    const active = await db.building.count({ where: { tenantId, communityId: id, archivedAt: null } });
    if (active > 0) throw new AppError('PRECONDITION_FAILED', 'archiveBuildingsFirst', { count: active });
  }
  const { count } = await db.community.updateMany({
    where: { tenantId, id },
    data: { archivedAt: archived ? new Date() : null },
  });
  if (count !== 1) throw notFound('community');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'community.archive' : 'community.restore', entity: 'Community', entityId: id });
}
