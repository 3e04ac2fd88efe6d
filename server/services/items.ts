import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import type { ServiceItem } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { uniqueOr } from '../property/errors';
import type { ZArchiveById, ZCreateItem, ZListItems, ZUpdateItem } from '../shared/schemas/services';

// Service items: what a resident orders. Price model, SLA targets at NORMAL priority (DOMAIN.md
// "Service quality"), default priority, where offered (empty = everywhere), the skills it needs.

type ItemTerms = z.output<typeof ZCreateItem>;

export const showItem = (i: ServiceItem) => ({
  id: i.id,
  categoryId: i.categoryId,
  name: i.name,
  description: i.description,
  priceModel: i.priceModel,
  priceFen: i.priceFen,
  firstResponseMinutes: i.firstResponseMinutes,
  resolveHours: i.resolveHours,
  defaultPriority: i.defaultPriority,
  communityIds: i.communityIds,
  skills: i.skills,
  archived: i.archivedAt !== null,
});

/** The category must be this company's and active; the communities this company's. */
async function checkTerms(db: TenantDb, tenantId: string, t: ItemTerms) {
  const cat = await db.serviceCategory.findUnique({ where: { tenantId_id: { tenantId, id: t.categoryId } }, select: { name: true, archivedAt: true } });
  if (!cat) throw notFound('serviceCategory');
  if (cat.archivedAt) throw new AppError('BAD_REQUEST', 'serviceCategoryArchived', { name: cat.name });
  if (t.communityIds.length) {
    const n = await db.community.count({ where: { tenantId, id: { in: t.communityIds } } });
    if (n !== t.communityIds.length) throw notFound('community');
  }
}

const columns = (t: ItemTerms) => ({
  categoryId: t.categoryId,
  name: t.name,
  description: t.description,
  priceModel: t.priceModel,
  priceFen: t.priceModel === 'FREE' ? null : t.priceFen,
  firstResponseMinutes: t.firstResponseMinutes,
  resolveHours: t.resolveHours,
  defaultPriority: t.defaultPriority,
  communityIds: t.communityIds,
  skills: t.skills,
});

export async function listItems({ db, tenantId }: Scope, input: z.output<typeof ZListItems>) {
  const rows = await db.serviceItem.findMany({
    where: { tenantId, ...(input.categoryId ? { categoryId: input.categoryId } : {}), ...(input.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ category: { sortOrder: 'asc' } }, { name: 'asc' }],
  });
  return rows.map(showItem);
}

export async function getItem({ db, tenantId }: Scope, input: { id: string }) {
  const i = await db.serviceItem.findUnique({ where: { tenantId_id: { tenantId, id: input.id } } });
  if (!i) throw notFound('serviceItem');
  return showItem(i);
}

export async function createItem({ db, tenantId, actorId }: Scope, input: ItemTerms) {
  await checkTerms(db, tenantId, input);
  const i = await uniqueOr(db.serviceItem.create({ data: { tenantId, ...columns(input) } }), 'serviceItemExists', { name: input.name }, 'name');
  await recordAudit(db, { tenantId, actorId, action: 'serviceItem.create', entity: 'ServiceItem', entityId: i.id, after: columns(input) });
  return showItem(i);
}

export async function updateItem({ db, tenantId, actorId }: Scope, input: z.output<typeof ZUpdateItem>) {
  const before = await db.serviceItem.findUnique({ where: { tenantId_id: { tenantId, id: input.id } } });
  if (!before) throw notFound('serviceItem');
  await checkTerms(db, tenantId, input);
  const r = await uniqueOr(
    db.serviceItem.updateMany({ where: { tenantId, id: input.id }, data: columns(input) }),
    'serviceItemExists',
    { name: input.name },
    'name',
  );
  if (r.count !== 1) throw notFound('serviceItem');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'serviceItem.update',
    entity: 'ServiceItem',
    entityId: input.id,
    before: columns({ ...showItem(before) }),
    after: columns(input),
  });
  return { id: input.id };
}

export async function archiveItem({ db, tenantId, actorId, now }: Scope, input: z.output<typeof ZArchiveById>) {
  const r = await db.serviceItem.updateMany({ where: { tenantId, id: input.id }, data: { archivedAt: input.archived ? (now ?? new Date()) : null } });
  if (r.count !== 1) throw notFound('serviceItem');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: input.archived ? 'serviceItem.archive' : 'serviceItem.restore',
    entity: 'ServiceItem',
    entityId: input.id,
  });
  return { id: input.id, archived: input.archived };
}
