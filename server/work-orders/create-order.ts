import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZCreateOrder } from '../shared/schemas/work-orders';
import { AppError, notFound } from '../errors';
import type { Member } from './access';
import { insertOrder } from './insert-order';
import { eventActor } from './order-core';

/** Staff or an admin records an order: a phone call from a unit, or a common-area problem (no unit). */
export async function createOrder(scope: Scope, member: Member, input: z.output<typeof ZCreateOrder>) {
  const { db, tenantId } = scope;
  const community = await db.community.findUnique({ where: { tenantId_id: { tenantId, id: input.communityId } }, select: { archivedAt: true } });
  if (!community || community.archivedAt) throw notFound('community');
  if (input.unitId) {
    const unit = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id: input.unitId } }, select: { communityId: true, archivedAt: true } });
    if (!unit || unit.archivedAt) throw notFound('unit');
    if (unit.communityId !== input.communityId) throw new AppError('BAD_REQUEST', 'unitNotInCommunity');
  }
  const order = await insertOrder(scope, eventActor(scope, member), {
    communityId: input.communityId,
    unitId: input.unitId ?? null,
    requesterId: null,
    categoryId: input.categoryId,
    itemId: input.itemId,
    stationId: input.stationId,
    text: input.text,
    preferredTime: input.preferredTime,
    priority: input.priority,
    photoIds: input.photoIds,
  });
  return { id: order.id, number: order.number };
}
