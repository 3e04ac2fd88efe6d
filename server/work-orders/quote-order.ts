import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZQuote } from '../shared/schemas/work-orders';
import { AppError } from '../errors';
import type { Member } from './access';
import { applyTransition, eventActor, loadForAction, nowOf } from './order-core';
import { notifyResidents, quoteMessage, quoteNote } from './notify';

/**
 * The assignee prices a QUOTED service after inspection; the SLA clocks pause until the
 * resident accepts or declines (server/my-requests/answer-quote.ts).
 */
export async function quoteOrder(scope: Scope, member: Member, input: z.output<typeof ZQuote>) {
  const { order, to } = await loadForAction(scope, member, input.orderId, 'quote');
  if (order.priceModel !== 'QUOTED') throw new AppError('BAD_REQUEST', 'workOrderNotQuoted');
  const now = nowOf(scope);
  const updated = await applyTransition(
    scope,
    eventActor(scope, member),
    order,
    'quote',
    to,
    { priceFen: input.priceFen, quotedAt: now, quoteAcceptedAt: null, pausedSince: order.pausedSince ?? now },
    quoteNote(scope, input.priceFen, input.note),
  );
  await notifyResidents(scope, updated, quoteMessage(scope, updated, input.priceFen, input.note));
  return { id: updated.id, status: updated.status, priceFen: updated.priceFen };
}
