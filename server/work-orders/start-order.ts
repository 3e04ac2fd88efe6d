import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZOrderRef } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import type { Member } from './access';
import { applyTransition, eventActor, loadForAction } from './order-core';
import { notifyResidents, statusMessage } from './notify';

/** Work starts; a QUOTED service only once the resident accepted its price. */
export async function startOrder(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'start');
  if (order.priceModel === 'QUOTED' && !order.quoteAcceptedAt) throw new AppError('CONFLICT', 'workOrderQuoteNotAccepted');
  const updated = await applyTransition(scope, eventActor(scope, member), order, 'start', to);
  await notifyResidents(scope, updated, statusMessage(scope, updated, to));
  return { id: updated.id, status: updated.status };
}
