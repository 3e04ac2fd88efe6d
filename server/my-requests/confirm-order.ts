import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZConfirm } from '../shared/schemas/work-orders';
import type { Member } from '../work-orders/access';
import { billClosedOrder } from '../work-orders/bill-order';
import { addEvent, applyTransition, eventActor, loadForAction, nowOf } from '../work-orders/order-core';
import { notifyAssignee, notifyResidents, ratingNote, statusMessage } from '../work-orders/notify';

/** The resident confirms the result with a rating (1–5) and a comment: CLOSED, and a price is billed now. */
export async function confirmOrder(scope: Scope, member: Member, input: z.output<typeof ZConfirm>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'confirm');
  const now = nowOf(scope);
  const actor = eventActor(scope, member);
  const updated = await applyTransition(scope, actor, order, 'confirm', to, {
    closedAt: now,
    rating: input.rating,
    ratingComment: input.comment,
    ratedAt: now,
    ratedById: scope.actorId,
    ratedByPhone: false,
  });
  await addEvent(scope, actor, order.id, { kind: 'rating', note: ratingNote(scope, input.rating, input.comment) });
  const billed = await billClosedOrder(scope, updated, now);
  // the household's other members and the assignee
  const message = statusMessage(scope, updated, to);
  await notifyResidents(scope, updated, message);
  await notifyAssignee(scope, updated, message);
  return { id: updated.id, status: updated.status, billed };
}
