import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import type { ZMyRequestsQuery } from '../shared/schemas/work-orders';
import { pageWindow } from '../shared/paging';
import { OPEN_STATUSES } from '../shared/work-order-states';
import { myUnitIds } from '../work-orders/access';
import { ORDER_ROW_SELECT, toOrderRow } from '../work-orders/order-rows';

// A resident's requests: the orders of their units and the ones they made, newest first.
// "open" = still being worked on or awaiting their confirmation; "done" = closed or cancelled.

export async function mineWhere(scope: Scope): Promise<Prisma.WorkOrderWhereInput> {
  const units = await myUnitIds(scope);
  return { tenantId: scope.tenantId, OR: [{ requesterId: scope.actorId }, ...(units.length ? [{ unitId: { in: units } }] : [])] };
}

export async function listMine(scope: Scope, q: z.output<typeof ZMyRequestsQuery>) {
  const statuses = q.status === 'open' ? [...OPEN_STATUSES, 'COMPLETED' as const] : q.status === 'done' ? (['CLOSED', 'CANCELLED'] as const) : null;
  const where: Prisma.WorkOrderWhereInput = { ...(await mineWhere(scope)), ...(statuses ? { status: { in: [...statuses] } } : {}) };
  const [total, rows] = await Promise.all([
    scope.db.workOrder.count({ where }),
    scope.db.workOrder.findMany({ where, orderBy: [{ createdAt: 'desc' }, { number: 'desc' }], ...pageWindow(q), select: ORDER_ROW_SELECT }),
  ]);
  return { total, page: q.page, pageSize: q.pageSize, rows: rows.map((r) => toOrderRow(scope, r)) };
}
