import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZAddNote } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import { claimOrderPhotos } from '../uploads/photos';
import { loadVisibleOrder, type Member } from './access';
import { addEvent, eventActor, firstResponseData, nowOf } from './order-core';
import { notifyResidents, staffNoteMessage } from './notify';

/**
 * The assignee or a dispatcher writes on the order: to the resident (told; the first response if
 * there was none yet) or internal (never shown to residents). With photos of the work.
 */
export async function addNote(scope: Scope, member: Member, input: z.output<typeof ZAddNote>) {
  const { order, actors } = await loadVisibleOrder(scope, member, input.orderId);
  if (!actors.includes('ASSIGNEE') && !actors.includes('DISPATCHER')) throw new AppError('FORBIDDEN', 'workOrderNotYours');
  const now = nowOf(scope);
  if (input.toResident && order.status !== 'CANCELLED') {
    const first = firstResponseData(order, now);
    if (Object.keys(first).length > 0) {
      await scope.db.workOrder.updateMany({ where: { tenantId: scope.tenantId, id: order.id, firstRespondedAt: null }, data: first });
    }
  }
  await addEvent(scope, eventActor(scope, member), order.id, { kind: 'note', note: input.note, toResident: input.toResident });
  await claimOrderPhotos(scope, order.id, input.photoIds, 'work');
  if (input.toResident) await notifyResidents(scope, order, staffNoteMessage(scope, order, input.note));
  return { id: order.id };
}
