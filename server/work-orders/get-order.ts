import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZOrderRef } from '../shared/schemas/work-orders';
import { loadVisibleOrder, type Member } from './access';
import { orderDetail } from './order-detail';

/** An order's detail for staff, dispatchers, admins and executives (NOT_FOUND when not theirs to see). */
export async function getOrder(scope: Scope, member: Member, input: z.output<typeof ZOrderRef>) {
  const { order, actors } = await loadVisibleOrder(scope, member, input.orderId);
  return orderDetail(scope, member, order, actors, 'staff');
}
