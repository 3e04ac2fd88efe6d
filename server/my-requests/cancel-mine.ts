import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZCancel } from '../shared/schemas/work-orders';
import type { Member } from '../work-orders/access';
import { cancelWith } from '../work-orders/cancel-order';
import { loadForAction } from '../work-orders/order-core';

/** The resident withdraws their request (before work starts), with a reason. */
export async function cancelMine(scope: Scope, member: Member, input: z.output<typeof ZCancel>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'cancel');
  return cancelWith(scope, member, order, to, 'cancel', input.reason);
}
