import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZOrderRef } from '../shared/schemas/work-orders';
import type { Member } from '../work-orders/access';
import { cancelWith } from '../work-orders/cancel-order';
import { applyTransition, endPauseData, eventActor, loadForAction, nowOf } from '../work-orders/order-core';
import { notifyAssignee, notifyResidents, statusMessage } from '../work-orders/notify';

/** The resident accepts the quoted price: the pause ends (its length moves both deadlines), work may start. */
export async function acceptQuote(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'acceptQuote');
  const now = nowOf(scope);
  const updated = await applyTransition(scope, eventActor(scope, member), order, 'acceptQuote', to, { quoteAcceptedAt: now, ...endPauseData(order, now) });
  // the household's other members and the assignee
  const message = statusMessage(scope, updated, to);
  await notifyResidents(scope, updated, message);
  await notifyAssignee(scope, updated, message);
  return { id: updated.id, status: updated.status };
}

/** The resident declines the price: the order is cancelled, nothing is billed. */
export async function declineQuote(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'declineQuote');
  return cancelWith(scope, member, order, to, 'declineQuote', null);
}
