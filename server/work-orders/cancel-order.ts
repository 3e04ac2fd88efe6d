import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { WorkOrder } from '../db/generated/client';
import type { ZCancel } from '../shared/schemas/work-orders';
import type { WorkOrderStatus } from '../db/generated/enums';
import type { Member } from './access';
import { applyTransition, endPauseData, eventActor, loadForAction, nowOf } from './order-core';
import { notifyAssignee, notifyResidents, statusMessage } from './notify';

/** Cancels with a reason (nothing is billed); a running pause ends. Residents and the assignee are told. */
export async function cancelWith(
  scope: Scope,
  member: Member,
  order: WorkOrder,
  to: WorkOrderStatus,
  action: 'cancel' | 'declineQuote',
  reason: string | null,
) {
  const now = nowOf(scope);
  const updated = await applyTransition(
    scope,
    eventActor(scope, member),
    order,
    action,
    to,
    { cancelledAt: now, cancelReason: reason, ...endPauseData(order, now) },
    reason ?? '',
  );
  const message = statusMessage(scope, updated, to);
  await notifyResidents(scope, updated, message);
  await notifyAssignee(scope, updated, message);
  return { id: updated.id, status: updated.status };
}

/** A dispatcher cancels an order (any open status). */
export async function cancelOrder(scope: Scope, member: Member, input: z.output<typeof ZCancel>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'cancel');
  return cancelWith(scope, member, order, to, 'cancel', input.reason);
}
