import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZOrderRef } from '../shared/schemas/work-orders';
import { loadVisibleOrder, type Member } from '../work-orders/access';
import { orderDetail } from '../work-orders/order-detail';

/** One of the resident's orders as they see it: no internal notes, escalations, staff phone or contact list. */
export async function getMine(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, actors } = await loadVisibleOrder(scope, member, input.orderId);
  return orderDetail(scope, member, order, actors, 'resident');
}
