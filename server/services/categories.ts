import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { uniqueOr } from '../property/errors';
import type { ZArchiveById, ZCreateCategory, ZListCategories, ZReorderCategories, ZUpdateCategory } from '../shared/schemas/services';

// Service categories (针线缝补, 小修小补, …): named per company, ordered by sortOrder, archived
// rather than deleted (orders keep pointing at them).

const show = (c: { id: string; name: string; kind: string; sortOrder: number; archivedAt: Date | null; _count?: { items: number } }) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  sortOrder: c.sortOrder,
  archived: c.archivedAt !== null,
  itemCount: c._count?.items ?? 0,
});

export async function listCategories({ db, tenantId }: Scope, input: z.output<typeof ZListCategories>) {
  const rows = await db.serviceCategory.findMany({
    where: { tenantId, ...(input.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    include: { _count: { select: { items: { where: { archivedAt: null } } } } },
  });
  return rows.map(show);
}

export async function createCategory({ db, tenantId, actorId }: Scope, input: z.output<typeof ZCreateCategory>) {
  const last = await db.serviceCategory.aggregate({ where: { tenantId }, _max: { sortOrder: true } });
  const c = await uniqueOr(
    db.serviceCategory.create({ data: { tenantId, name: input.name, kind: input.kind, sortOrder: (last._max.sortOrder ?? -1) + 1 } }),
    'serviceCategoryExists',
    { name: input.name },
    'name',
  );
  await recordAudit(db, { tenantId, actorId, action: 'serviceCategory.create', entity: 'ServiceCategory', entityId: c.id, after: input });
  return show(c);
}

export async function updateCategory({ db, tenantId, actorId }: Scope, input: z.output<typeof ZUpdateCategory>) {
  const before = await db.serviceCategory.findUnique({ where: { tenantId_id: { tenantId, id: input.id } } });
  if (!before) throw notFound('serviceCategory');
  const r = await uniqueOr(
    db.serviceCategory.updateMany({ where: { tenantId, id: input.id }, data: { name: input.name, ...(input.kind ? { kind: input.kind } : {}) } }),
    'serviceCategoryExists',
    { name: input.name },
    'name',
  );
  if (r.count !== 1) throw notFound('serviceCategory');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'serviceCategory.update',
    entity: 'ServiceCategory',
    entityId: input.id,
    before: { name: before.name, kind: before.kind },
    after: input,
  });
  return { id: input.id };
}

/** Puts the given categories first, in that order; the others keep their relative order after them. */
export async function reorderCategories({ db, tenantId, actorId }: Scope, input: z.output<typeof ZReorderCategories>) {
  const all = await db.serviceCategory.findMany({ where: { tenantId }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true } });
  const known = new Set(all.map((c) => c.id));
  if (input.ids.some((id) => !known.has(id))) throw notFound('serviceCategory');
  const order = [...input.ids, ...all.map((c) => c.id).filter((id) => !input.ids.includes(id))];
  for (const [i, id] of order.entries()) {
    await db.serviceCategory.updateMany({ where: { tenantId, id }, data: { sortOrder: i } });
  }
  await recordAudit(db, { tenantId, actorId, action: 'serviceCategory.reorder', entity: 'ServiceCategory', after: { ids: order } });
  return { ids: order };
}

export async function archiveCategory({ db, tenantId, actorId, now }: Scope, input: z.output<typeof ZArchiveById>) {
  const r = await db.serviceCategory.updateMany({
    where: { tenantId, id: input.id },
    data: { archivedAt: input.archived ? (now ?? new Date()) : null },
  });
  if (r.count !== 1) throw notFound('serviceCategory');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: input.archived ? 'serviceCategory.archive' : 'serviceCategory.restore',
    entity: 'ServiceCategory',
    entityId: input.id,
  });
  return { id: input.id, archived: input.archived };
}
