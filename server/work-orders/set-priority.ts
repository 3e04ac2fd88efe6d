import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZSetPriority } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import { slaDeadlines } from '../shared/sla';
import { isOpen } from '../shared/work-order-states';
import { loadVisibleOrder, type Member } from './access';
import { addEvent, eventActor, nowOf, outcomesFor, slaTargetsOf, transitionError } from './order-core';
import { priorityNote } from './notify';

/**
 * A dispatcher changes an open order's priority: both deadlines are recomputed from its creation
 * (the item's targets × the new factor, plus the pauses so far) and their outcomes re-judged.
 */
export async function setPriority(scope: Scope, member: Member, input: z.output<typeof ZSetPriority>) {
  const { order, actors } = await loadVisibleOrder(scope, member, input.orderId);
  if (!actors.includes('DISPATCHER')) throw new AppError('FORBIDDEN', 'forbidden');
  if (!isOpen(order.status)) throw transitionError('setPriority', order.status);
  if (order.priority === input.priority) return { id: order.id, priority: order.priority };
  const now = nowOf(scope);
  // a pause still running is added when it ends (endPauseData), like every pause
  const due = slaDeadlines(order.createdAt, await slaTargetsOf(scope, order), input.priority, order.pausedSeconds);
  const { count } = await scope.db.workOrder.updateMany({
    where: { tenantId: scope.tenantId, id: order.id, status: order.status, priority: order.priority },
    data: { priority: input.priority, ...due, ...outcomesFor(order, due, now) },
  });
  if (count !== 1) throw transitionError('setPriority', order.status);
  await addEvent(scope, eventActor(scope, member), order.id, { kind: 'priority', note: priorityNote(scope, order.priority, input.priority) });
  return { id: order.id, priority: input.priority, ...due };
}
