import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZReopen } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import { REOPEN_DAYS } from '../shared/work-order-states';
import type { Member } from '../work-orders/access';
import { applyTransition, eventActor, loadForAction, nowOf } from '../work-orders/order-core';
import { notifyAssignee, notifyResidents, statusMessage } from '../work-orders/notify';

/** Within REOPEN_DAYS of completion: back to the same assignee (ASSIGNED, to accept again); never billed again. */
export async function reopenOrder(scope: Scope, member: Member, input: z.output<typeof ZReopen>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'reopen');
  const now = nowOf(scope);
  if (!order.completedAt || now.getTime() - order.completedAt.getTime() > REOPEN_DAYS * 86_400_000) {
    throw new AppError('CONFLICT', 'workOrderReopenExpired', { days: REOPEN_DAYS });
  }
  const updated = await applyTransition(scope, eventActor(scope, member), order, 'reopen', to, { closedAt: null, reopenCount: { increment: 1 } }, input.reason);
  // the household's other members and the assignee
  const message = statusMessage(scope, updated, to);
  await notifyResidents(scope, updated, message);
  await notifyAssignee(scope, updated, message);
  return { id: updated.id, status: updated.status };
}
