import 'server-only';
import { pageWindow } from '../shared/paging';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { ZAuditQuery } from '../shared/schemas/tenancy';
import { isAuditAction } from '../shared/audit-catalog';
import { auditObjects } from './audit-objects';

export async function listAudit({ db, tenantId }: Scope, q: z.output<typeof ZAuditQuery>) {
  const where = {
    tenantId,
    ...(q.entity ? { entity: q.entity } : {}),
    // a known action exactly (billing.lateFees is not billing.lateFees.payment); else a prefix ("billing.")
    ...(q.action ? { action: isAuditAction(q.action) ? q.action : { startsWith: q.action } } : {}),
  };
  // Sequential: queries inside one interactive transaction share its connection.
  const total = await db.auditLog.count({ where });
  const rows = await db.auditLog.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    ...pageWindow(q),
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const actors = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(actors.map((a) => [a.id, a]));
  const objects = await auditObjects(db, tenantId, rows);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.createdAt,
      actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, name: '?', email: '' }) : null,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      /** the object by its label, with its page under the company (null: none, or gone) */
      object: r.entityId ? (objects.get(`${r.entity}:${r.entityId}`) ?? null) : null,
      before: r.before,
      after: r.after,
    })),
  };
}
