import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZReturnVisit } from '../shared/schemas/work-orders';
import type { PageQuery } from '../shared/paging';
import { pageWindow } from '../shared/paging';
import { AppError } from '../errors';
import { AUTO_CLOSE_DAYS } from '../shared/work-order-states';
import { loadVisibleOrder, type Member } from './access';
import { addEvent, eventActor, nowOf } from './order-core';
import { ORDER_ROW_SELECT, toOrderRow } from './order-rows';
import { ratingNote } from './notify';

// 回访: completed orders nobody rated within AUTO_CLOSE_DAYS of completion. An admin calls the
// household and records the rating given on the phone (ratedByPhone).

const RATED_STATUSES = ['COMPLETED', 'CLOSED'] as const;

const dueWhere = (scope: Scope) => ({
  tenantId: scope.tenantId,
  status: { in: [...RATED_STATUSES] },
  rating: null,
  completedAt: { lte: new Date(nowOf(scope).getTime() - AUTO_CLOSE_DAYS * 86_400_000) },
});

/** The queue, the longest waiting first, with the household's names and phones to call. */
export async function listReturnVisits(scope: Scope, q: PageQuery) {
  const where = dueWhere(scope);
  const [total, rows] = await Promise.all([
    scope.db.workOrder.count({ where }),
    scope.db.workOrder.findMany({
      where,
      orderBy: [{ completedAt: 'asc' }, { number: 'asc' }],
      ...pageWindow(q),
      select: { ...ORDER_ROW_SELECT, unitId: true },
    }),
  ]);
  const unitIds = [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const residents = unitIds.length
    ? await scope.db.resident.findMany({
        where: { tenantId: scope.tenantId, unitId: { in: unitIds }, archivedAt: null },
        orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }],
        select: { unitId: true, name: true, phone: true },
      })
    : [];
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map(({ unitId, ...r }) => ({
      ...toOrderRow(scope, r),
      contact: residents.filter((x) => x.unitId === unitId).map((x) => ({ name: x.name, phone: x.phone })),
    })),
  };
}

/** Records a rating taken by phone on a completed order without one (the queue's or any other). */
export async function recordReturnVisit(scope: Scope, member: Member, input: z.output<typeof ZReturnVisit>) {
  const { order } = await loadVisibleOrder(scope, member, input.orderId);
  if (!(RATED_STATUSES as readonly string[]).includes(order.status) || order.rating !== null) throw new AppError('CONFLICT', 'workOrderNotRated');
  const now = nowOf(scope);
  const { count } = await scope.db.workOrder.updateMany({
    where: { tenantId: scope.tenantId, id: order.id, rating: null, status: { in: [...RATED_STATUSES] } },
    data: { rating: input.rating, ratingComment: input.comment, ratedAt: now, ratedById: scope.actorId, ratedByPhone: true },
  });
  if (count !== 1) throw new AppError('CONFLICT', 'workOrderAlreadyRated');
  await addEvent(scope, eventActor(scope, member), order.id, { kind: 'rating', note: ratingNote(scope, input.rating, input.comment) });
  return { id: order.id, rating: input.rating };
}
