import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZComplete } from '../shared/schemas/work-orders';
import { claimOrderPhotos } from '../uploads/photos';
import type { Member } from './access';
import { applyTransition, eventActor, loadForAction, nowOf } from './order-core';
import { notifyResidents, statusMessage } from './notify';

/** Resolved: the resolution clock stops (met, unless already breached); the resident is asked to confirm. */
export async function completeOrder(scope: Scope, member: Member, input: z.output<typeof ZComplete>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'complete');
  const now = nowOf(scope);
  const updated = await applyTransition(
    scope,
    eventActor(scope, member),
    order,
    'complete',
    to,
    { completedAt: now, resolutionMet: order.resolutionMet ?? now.getTime() <= order.resolveDueAt.getTime() },
    input.note,
  );
  await claimOrderPhotos(scope, order.id, input.photoIds, 'work');
  await notifyResidents(scope, updated, statusMessage(scope, updated, to));
  return { id: updated.id, status: updated.status };
}
