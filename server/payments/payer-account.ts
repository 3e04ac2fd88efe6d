import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { notFound } from '../errors';
import { listPayerBills } from '../billing/bills';
import { creditOf } from './ledger';
import { memberNames, payerInfos, payerKey } from './payers';
import { ZPayerAccount } from '../shared/schemas/payments';

/** Bills shown on the account; the unsettled ones come first, so they are all there unless a payer owes more than this many. */
const BILLS_SHOWN = 200;
const ADJUSTMENTS_SHOWN = 50;

/**
 * A payer's account (the unit page, a parking space's page): its bills, unsettled first, what it
 * owes, its credit (预存) and the balance of the two, late fees charged and accrued, and the
 * adjustments (discounts, waivers) asked for on its bills. Payments come from listPayments.
 *
 * balanceFen = credit − outstanding, to the fen: negative when the household owes more than its
 * credit. The late fee accrued but not yet charged is apart (a payment charges it first).
 */
export async function payerAccount(scope: Scope, { payer }: z.output<typeof ZPayerAccount>) {
  const { db, tenantId, locale } = scope;
  const info = (await payerInfos(db, tenantId, [payer])).get(payerKey(payer.kind, payer.id));
  if (!info) throw notFound(payer.kind === 'UNIT' ? 'unit' : 'parkingSpace');
  // One query at a time: a transaction is one connection.
  const { balanceFen: creditFen, pendingRefundFen } = await creditOf(db, tenantId, payer);
  const bills = await listPayerBills(scope, payer, BILLS_SHOWN);
  const adjustments = await db.adjustment.findMany({
    where: { tenantId, bill: { is: { payerKind: payer.kind, payerId: payer.id } } },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: ADJUSTMENTS_SHOWN,
    include: { bill: { select: { id: true, period: true, kind: true, description: true, feeItem: { select: { name: true } } } } },
  });
  const names = await memberNames(
    db,
    tenantId,
    adjustments.flatMap((a) => [a.requestedById, ...(a.decidedById ? [a.decidedById] : [])]),
    locale,
  );
  const lateFeeAccruedFen = bills.rows.reduce((s, b) => s + b.lateFeeAccruedFen, 0);
  const lateFeeBills = bills.rows.filter((b) => b.kind === 'LATE_FEE' && !b.voidedAt);
  return {
    payer: info,
    creditFen,
    pendingRefundFen,
    outstandingFen: bills.outstandingFen,
    balanceFen: creditFen - bills.outstandingFen,
    /** accrued on the bills shown and not yet charged */
    lateFeeAccruedFen,
    /** late-fee bills charged (not void) among the bills shown, and what of them is still owed */
    lateFeeChargedFen: lateFeeBills.reduce((s, b) => s + b.amountFen, 0),
    lateFeeOutstandingFen: lateFeeBills.reduce((s, b) => s + b.outstandingFen, 0),
    today: bills.today,
    billsTotal: bills.total,
    openBills: bills.openCount,
    bills: bills.rows,
    adjustments: adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      amountFen: a.amountFen,
      reason: a.reason,
      requestedAt: a.requestedAt,
      requestedBy: names.get(a.requestedById) ?? '',
      decidedAt: a.decidedAt,
      decidedBy: a.decidedById ? (names.get(a.decidedById) ?? '') : null,
      bill: { id: a.bill.id, period: a.bill.period, kind: a.bill.kind, name: a.bill.feeItem?.name ?? a.bill.description },
    })),
  };
}
