import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZCreateRequest } from '../shared/schemas/work-orders';
import { AppError, notFound } from '../errors';
import type { Member } from '../work-orders/access';
import { insertOrder } from '../work-orders/insert-order';
import { eventActor } from '../work-orders/order-core';
import { myUnits } from './request-options';

/** A resident orders a service or reports a problem for one of their units (chosen when they have several). */
export async function createRequest(scope: Scope, member: Member, input: z.output<typeof ZCreateRequest>) {
  const units = await myUnits(scope);
  let unit = input.unitId ? units.find((u) => u.id === input.unitId) : units.length === 1 ? units[0] : undefined;
  if (input.unitId && !unit) throw notFound('unit');
  if (!unit) {
    if (units.length === 0) throw notFound('unit');
    throw new AppError('BAD_REQUEST', 'chooseUnit');
  }
  unit = unit!;
  const order = await insertOrder(scope, eventActor(scope, member), {
    communityId: unit.communityId,
    unitId: unit.id,
    requesterId: scope.actorId,
    categoryId: input.categoryId,
    itemId: input.itemId,
    stationId: input.stationId,
    text: input.text,
    preferredTime: input.preferredTime,
    photoIds: input.photoIds,
  });
  return { id: order.id, number: order.number };
}
