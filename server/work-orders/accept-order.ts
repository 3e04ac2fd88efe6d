import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZOrderRef } from '../shared/schemas/work-orders';
import type { Member } from './access';
import { applyTransition, eventActor, firstResponseData, loadForAction, nowOf } from './order-core';
import { notifyResidents, statusMessage } from './notify';

/** The assignee takes the order: its first response (unless a note to the resident came first). */
export async function acceptOrder(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'accept');
  const updated = await applyTransition(scope, eventActor(scope, member), order, 'accept', to, firstResponseData(order, nowOf(scope)));
  await notifyResidents(scope, updated, statusMessage(scope, updated, to));
  return { id: updated.id, status: updated.status };
}
