import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZAddNote } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import { claimOrderPhotos } from '../uploads/photos';
import { loadVisibleOrder, type Member } from '../work-orders/access';
import { addEvent, eventActor } from '../work-orders/order-core';
import { notifyAssignee, residentNoteMessage } from '../work-orders/notify';

/** The resident writes to the staff on their order (with photos); the assignee is told. */
export async function addMyNote(scope: Scope, member: Member, input: z.output<typeof ZAddNote>) {
  const { order, actors } = await loadVisibleOrder(scope, member, input.orderId);
  if (!actors.includes('RESIDENT')) throw new AppError('FORBIDDEN', 'forbidden');
  await addEvent(scope, eventActor(scope, member), order.id, { kind: 'note', note: input.note, toResident: false });
  await claimOrderPhotos(scope, order.id, input.photoIds, 'request');
  await notifyAssignee(scope, order, residentNoteMessage(scope, order, input.note));
  return { id: order.id };
}
