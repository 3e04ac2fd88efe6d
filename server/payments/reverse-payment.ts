// 红冲: a mistaken payment is undone by a REVERSAL record, never edited or deleted.

import 'server-only';
import type { z } from 'zod';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { creditOf, effectiveDate, formatReceiptNo, lockBills, lockPayer, today, writeAllocations } from './ledger';
import type { Scope } from '../db/scope';
import { voidLateFeesOfPayment } from '../billing/late-fee-charges';
import { ZReversePayment } from '../shared/schemas/payments';

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === 'P2002';

/**
 * Reverses a payment: negative allocations give each bill back what the payment paid, the
 * credit it added is taken back (refused if it has been used or refunded since) and the credit
 * it drew is returned. It takes no receipt number; the original receipt shows 红冲.
 *
 * Where it counts (DOMAIN.md "Dates of money", ledger.ts `effectiveDate`): its received date
 * is the day the original counted in, so it undoes the payment in place while that day is not
 * day-closed and its period is open; otherwise it counts on the first open day on or after
 * today (never refused), and the payment is undone from that effective date on.
 */
export async function reversePayment(scope: Scope, q: z.output<typeof ZReversePayment>) {
  const { db, tenantId, actorId } = scope;
  const original = await db.payment.findUnique({
    where: { tenantId_id: { tenantId, id: q.paymentId } },
    include: { allocations: { select: { billId: true, amountFen: true } }, credit: { select: { amountFen: true } }, reversedBy: { select: { id: true } } },
  });
  if (!original) throw notFound('payment');
  if (original.kind !== 'PAYMENT') throw new AppError('BAD_REQUEST', 'onlyPaymentReversed');
  // Stripe holds an online payment's money: it goes back by a refund (online-payments/refunds.ts), which Stripe confirms.
  if (original.method === 'ONLINE') throw new AppError('BAD_REQUEST', 'onlinePaymentRefundInstead');
  if (original.reversedBy.length) throw new AppError('CONFLICT', 'alreadyReversed');
  const payer = { kind: original.payerKind, id: original.payerId };
  const entryDay = today(scope);
  const origCounted = fromDateColumn(original.countedOn);
  const origReceived = fromDateColumn(original.receivedOn);

  await lockPayer(db, tenantId, payer);
  // Reversals of one payment queue on its payer's lock: the ones that waited see the winner's
  // reversal here (committed while they waited) and answer CONFLICT before checking anything
  // the winner changed (its credit taken back would otherwise read as "credit used since").
  if (await db.payment.count({ where: { tenantId, reversesId: original.id } })) {
    throw new AppError('CONFLICT', 'alreadyReversed');
  }
  const { countedOn, moved } = await effectiveDate(db, tenantId, { receivedOn: origCounted, entryDay, closedPeriod: 'move' });
  const inPlace = !moved;
  const receivedOn = inPlace ? origReceived : entryDay;
  const state = { creditFen: (await creditOf(db, tenantId, payer)).balanceFen };

  const creditAdded = original.credit.filter((c) => c.amountFen > 0).reduce((s, c) => s + c.amountFen, 0);
  const creditUsed = -original.credit.filter((c) => c.amountFen < 0).reduce((s, c) => s + c.amountFen, 0);
  if (creditAdded > state.creditFen) {
    throw new AppError('PRECONDITION_FAILED', 'creditUsedSinceReverse', {
      added: `¥${(creditAdded / 100).toFixed(2)}`,
      balance: `¥${(state.creditFen / 100).toFixed(2)}`,
    });
  }

  // Lock the bills the payment paid (they may be settled now, so not among the open ones).
  await lockBills(
    db,
    tenantId,
    payer,
    original.allocations.map((a) => a.billId),
  );

  let reversal: { id: string };
  try {
    reversal = await db.payment.create({
      data: {
        tenantId,
        kind: 'REVERSAL',
        method: original.method,
        payerKind: original.payerKind,
        payerId: original.payerId,
        amountFen: original.amountFen,
        receivedOn: dateColumn(receivedOn),
        countedOn: dateColumn(countedOn),
        enteredById: actorId,
        reversesId: original.id,
        note: q.reason,
      },
      select: { id: true },
    });
  } catch (e) {
    // Payment_one_reversal: a concurrent reversal of the same payment won.
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'alreadyReversed');
    throw e;
  }
  await writeAllocations(
    db,
    tenantId,
    reversal.id,
    original.allocations.map((a) => ({ billId: a.billId, amountFen: -a.amountFen })),
  );
  // Late-fee bills this payment materialized that nothing paid or waived since are voided (DOMAIN.md "Late fees").
  const lateFeeBillsVoided = await voidLateFeesOfPayment(db, { tenantId, actorId, paymentId: original.id, reason: q.reason, locale: scope.locale });
  const credit = [
    ...(creditAdded > 0 ? [{ amountFen: -creditAdded, note: '红冲：撤回预存' }] : []),
    ...(creditUsed > 0 ? [{ amountFen: creditUsed, note: '红冲：退回预存抵扣' }] : []),
  ];
  if (credit.length) {
    await db.creditEntry.createMany({
      data: credit.map((c) => ({ tenantId, payerKind: payer.kind, payerId: payer.id, paymentId: reversal.id, ...c })),
    });
  }
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'payment.reverse',
    entity: 'Payment',
    entityId: original.id,
    after: {
      reversalId: reversal.id,
      receiptNo: formatReceiptNo(original.receiptYear, original.receiptNo),
      reason: q.reason,
      amountFen: original.amountFen,
      countedOn,
      inPlace,
      creditTakenBackFen: creditAdded,
      creditReturnedFen: creditUsed,
      lateFeeBillsVoided,
    },
  });
  return { id: reversal.id, reversesId: original.id, countedOn, receivedOn, inPlace };
}
