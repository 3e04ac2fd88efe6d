import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { notFound } from '../errors';
import { creditOf } from './ledger';
import { payerInfos, payerKey } from './payers';
import { ZCreditBalance } from '../shared/schemas/payments';

/**
 * A payer's credit balance (预存余额: Σ of its credit entries), the refunds awaiting approval,
 * what is still available to refund, and the latest movements.
 */
export async function creditBalance({ db, tenantId }: Scope, { payer }: z.output<typeof ZCreditBalance>) {
  const info = (await payerInfos(db, tenantId, [payer])).get(payerKey(payer.kind, payer.id));
  if (!info) throw notFound(payer.kind === 'UNIT' ? 'unit' : 'parkingSpace');
  // One query at a time: a transaction is one connection.
  const { balanceFen, pendingRefundFen } = await creditOf(db, tenantId, payer);
  const entries = await db.creditEntry.findMany({
    where: { tenantId, payerKind: payer.kind, payerId: payer.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 50,
    select: { id: true, amountFen: true, note: true, paymentId: true, createdAt: true },
  });
  return { payer: info, balanceFen, pendingRefundFen, availableFen: Math.max(0, balanceFen - pendingRefundFen), entries };
}
