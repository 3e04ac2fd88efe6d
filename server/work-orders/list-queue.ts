import 'server-only';
import type { Scope } from '../db/scope';
import { OPEN_STATUSES } from '../shared/work-order-states';
import type { Member } from './access';
import { nowOf } from './order-core';
import { ORDER_ROW_SELECT, toOrderRow } from './order-rows';

// A staff member's queue on their phone: the open orders assigned to them, the most urgent
// deadline first, and what they completed in the last days.

export const RECENT_DAYS = 7;
const MAX_OPEN = 200;
const MAX_RECENT = 30;

export async function listQueue(scope: Scope, member: Member) {
  const { db, tenantId } = scope;
  const since = new Date(nowOf(scope).getTime() - RECENT_DAYS * 86_400_000);
  const [open, recent] = await Promise.all([
    db.workOrder.findMany({
      where: { tenantId, assigneeId: member.id, status: { in: [...OPEN_STATUSES] } },
      orderBy: [{ resolveDueAt: 'asc' }, { number: 'asc' }],
      take: MAX_OPEN,
      select: ORDER_ROW_SELECT,
    }),
    db.workOrder.findMany({
      where: { tenantId, assigneeId: member.id, status: { in: ['COMPLETED', 'CLOSED'] }, completedAt: { gte: since } },
      orderBy: [{ completedAt: 'desc' }, { number: 'desc' }],
      take: MAX_RECENT,
      select: ORDER_ROW_SELECT,
    }),
  ]);
  // the next deadline that matters: first response until there is one, then resolution
  const next = (r: (typeof open)[number]) => (r.firstRespondedAt ? r.resolveDueAt : r.firstResponseDueAt).getTime();
  open.sort((a, b) => next(a) - next(b) || a.number - b.number);
  return { open: open.map((r) => toOrderRow(scope, r)), recent: recent.map((r) => toOrderRow(scope, r)) };
}
