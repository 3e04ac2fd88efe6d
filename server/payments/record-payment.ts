// Recording an offline payment (and applying a credit balance): one transaction that locks the
// payer and its bills, allocates, moves the bills' paidFen, books any surplus as credit, takes
// the receipt number and writes the audit entry. A failure anywhere rolls all of it back,
// the receipt number included.

import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { AppError } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { dateColumn } from '../shared/calendar';
import { lateFeesForPayment, linkLateFeesToPayment } from '../billing/late-fee-charges';
import { allocatePayment, type Allocation } from './allocation';
import {
  checkChosenBills,
  creditOf,
  effectiveDate,
  formatReceiptNo,
  lockBills,
  lockPayer,
  assignReceiptNo,
  today,
  writeAllocations,
  type ClosedPeriodPolicy,
} from './ledger';
import type { Payer } from '../shared/schemas/payments';
import type { PaymentMethod } from '../db/generated/enums';
import { ZApplyCredit, ZRecordPayment } from '../shared/schemas/payments';
import { assertReceivedOnInRange } from './received-on';
import { idempotent } from './idempotency';

export type RecordedPayment = {
  id: string;
  receiptNo: string;
  receiptYear: number;
  receiptNumber: number;
  amountFen: number;
  allocations: Allocation[];
  /** drawn from the payer's credit balance (useCredit) */
  creditUsedFen: number;
  /** surplus booked as the payer's credit (预存) */
  creditAddedFen: number;
  receivedOn: string;
  countedOn: string;
};

/**
 * An offline payment. `receivedOn` may not be in the future or in a closed period (关账); its
 * effective date `countedOn` follows DOMAIN.md's rule (ledger.ts `effectiveDate`): a closed
 * day (日结) never refuses it, it moves it to the first open day on or after today. With `useCredit`, the payer's credit balance covers what the
 * money does not (the money is applied first, so credit is drawn only when needed and a
 * payment never both draws and adds credit).
 */
export async function recordPayment(scope: Scope, input: z.output<typeof ZRecordPayment>): Promise<RecordedPayment> {
  // With an idempotency key, a retry (or a duplicate in flight) returns the first result (idempotency.ts).
  const { idempotencyKey, ...request } = input;
  const key = { tenantId: scope.tenantId, scope: 'payments.record', key: idempotencyKey, request: { ...request, actorId: scope.actorId } };
  return idempotent(scope.db, key, () => recordPaymentOnce(scope, input));
}

async function recordPaymentOnce(scope: Scope, q: z.output<typeof ZRecordPayment>): Promise<RecordedPayment> {
  const { db, tenantId, timeZone } = scope;
  const entryDay = today(scope);
  if (q.receivedOn > entryDay) {
    throw new AppError('BAD_REQUEST', 'receivedFuture', { day: q.receivedOn, today: entryDay });
  }
  await assertReceivedOnInRange(db, tenantId, timeZone, q.receivedOn);
  return writePayment(scope, {
    payer: q.payer,
    method: q.method,
    amountFen: q.amountFen,
    receivedOn: q.receivedOn,
    closedPeriod: 'refuse',
    allocate: q.billIds ? { chosen: q.billIds, settled: 'refuse' } : 'oldest',
    useCredit: q.useCredit,
    note: q.note,
  });
}

/** What a payment is, for `writePayment`: the counter's form, or an online payment's intent. */
export type PaymentWrite = {
  payer: Payer;
  method: PaymentMethod;
  amountFen: number;
  /** the local date the money was received (not in the future; checked by the caller) */
  receivedOn: string;
  /** counter: a received date in a closed period is refused; online: it moves to the first open day */
  closedPeriod: ClosedPeriodPolicy;
  /**
   * 'oldest': the payer's open bills, oldest first. `chosen`: exactly those bills, in that
   * order; a chosen bill that is void, another payer's or settled is refused ('refuse', the
   * counter) or skipped ('skip', online: paid at the counter meanwhile or by another session),
   * and what is left becomes credit. 'none': all of it is credit (预存 top-up).
   */
  allocate: 'oldest' | 'none' | { chosen: readonly string[]; settled: 'refuse' | 'skip' };
  useCredit: boolean;
  note: string;
  /** e.g. the Stripe payment intent of an online payment */
  externalRef?: string | null;
};

export type WrittenPayment = RecordedPayment & { /** countedOn is later than receivedOn (closed day or period) */ moved: boolean };

/**
 * The one way a payment is written, at the counter (recordPayment) and online
 * (online-payments/record-online-payment.ts): in the caller's transaction, it locks the payer,
 * takes the effective date (ledger.ts lock order), locks the bills, materializes the late fees
 * of the overdue bills it pays, allocates, books surplus as credit, takes the receipt number
 * and writes the audit entry, all as `scope.actorId`.
 */
export async function writePayment(scope: Scope, q: PaymentWrite): Promise<WrittenPayment> {
  const { db, tenantId, actorId } = scope;
  const entryDay = today(scope);
  const { tiedToUnitId } = await lockPayer(db, tenantId, q.payer);
  if (tiedToUnitId) {
    // Its bills are the unit's; money booked to the space would sit there as credit unused.
    throw new AppError('BAD_REQUEST', 'spaceTiedToUnit');
  }
  const { countedOn, moved } = await effectiveDate(db, tenantId, { receivedOn: q.receivedOn, entryDay, closedPeriod: q.closedPeriod });
  const state = { creditFen: (await creditOf(db, tenantId, q.payer)).balanceFen };

  const asked = typeof q.allocate === 'object' ? q.allocate.chosen : undefined;
  const bills = await lockBills(db, tenantId, q.payer, asked ?? []);
  let billIds: string[] | undefined = asked ? [...asked] : undefined;
  if (typeof q.allocate === 'object') {
    if (q.allocate.settled === 'refuse') checkChosenBills(bills, q.payer, q.allocate.chosen);
    else {
      const payable = new Set(
        bills.filter((b) => !b.void && b.payerKind === q.payer.kind && b.payerId === q.payer.id && b.outstandingFen > 0).map((b) => b.id),
      );
      billIds = q.allocate.chosen.filter((id) => payable.has(id));
    }
  }
  // Nothing to allocate over: a top-up, or every chosen bill settled meanwhile (all credit).
  const allocating = q.allocate !== 'none' && !(billIds && billIds.length === 0);
  const open = allocating ? bills.filter((b) => !b.void && b.payerKind === q.payer.kind && b.payerId === q.payer.id) : [];

  let creditUsedFen = 0;
  if (allocating && q.useCredit && state.creditFen > 0) {
    const targets = billIds ? open.filter((b) => billIds.includes(b.id)) : open;
    const due = targets.reduce((s, b) => s + b.outstandingFen, 0);
    creditUsedFen = Math.min(state.creditFen, Math.max(0, due - q.amountFen));
  }
  // 滞纳金: the fee accrued on the overdue bills this money pays, as of its effective date,
  // becomes late-fee bills first; the money pays every principal before any late fee.
  const lateFees = allocating
    ? await lateFeesForPayment(db, {
        tenantId,
        actorId,
        locale: scope.locale,
        countedOn,
        open,
        moneyFen: q.amountFen + creditUsedFen,
        chosen: billIds,
      })
    : { bills: [], chosen: undefined, charges: [] };
  const { allocations, creditFen: creditAddedFen } = allocating
    ? allocatePayment(q.amountFen + creditUsedFen, lateFees.bills, lateFees.chosen)
    : { allocations: [] as Allocation[], creditFen: q.amountFen };

  const year = Number(entryDay.slice(0, 4));
  const payment = await db.payment.create({
    data: {
      tenantId,
      kind: 'PAYMENT',
      method: q.method,
      payerKind: q.payer.kind,
      payerId: q.payer.id,
      amountFen: q.amountFen,
      receivedOn: dateColumn(q.receivedOn),
      countedOn: dateColumn(countedOn),
      enteredById: actorId,
      note: q.note,
      externalRef: q.externalRef ?? null,
    },
    select: { id: true },
  });
  await writeAllocations(db, tenantId, payment.id, allocations);
  await linkLateFeesToPayment(db, tenantId, lateFees.charges, payment.id);
  const credit = [
    ...(creditUsedFen > 0 ? [{ amountFen: -creditUsedFen, note: '预存抵扣' }] : []),
    ...(creditAddedFen > 0 ? [{ amountFen: creditAddedFen, note: '预存' }] : []),
  ];
  if (credit.length) {
    await db.creditEntry.createMany({
      data: credit.map((c) => ({ tenantId, payerKind: q.payer.kind, payerId: q.payer.id, paymentId: payment.id, ...c })),
    });
  }
  const receiptNumber = await assignReceiptNo(db, tenantId, payment.id, year);
  const receiptNo = formatReceiptNo(year, receiptNumber)!;
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'payment.record',
    entity: 'Payment',
    entityId: payment.id,
    after: {
      receiptNo,
      payer: q.payer,
      method: q.method,
      amountFen: q.amountFen,
      receivedOn: q.receivedOn,
      countedOn,
      allocations,
      creditUsedFen,
      creditAddedFen,
      chosen: asked ?? null,
      ...(q.externalRef ? { externalRef: q.externalRef } : {}),
    },
  });
  return {
    id: payment.id,
    receiptNo,
    receiptYear: year,
    receiptNumber,
    amountFen: q.amountFen,
    allocations,
    creditUsedFen,
    creditAddedFen,
    receivedOn: q.receivedOn,
    countedOn,
    moved,
  };
}

/**
 * Applies the payer's credit balance to its open bills (oldest first unless chosen): a payment
 * of method CREDIT with its own receipt, received today and counted by the effective-date rule
 * (the next open day if today is already closed). Refused when there is no balance or nothing
 * open to apply it to.
 */
export async function applyCredit(scope: Scope, input: z.output<typeof ZApplyCredit>): Promise<RecordedPayment> {
  const { idempotencyKey, ...request } = input;
  const key = { tenantId: scope.tenantId, scope: 'payments.applyCredit', key: idempotencyKey, request: { ...request, actorId: scope.actorId } };
  return idempotent(scope.db, key, () => applyCreditOnce(scope, input));
}

async function applyCreditOnce(scope: Scope, q: z.output<typeof ZApplyCredit>): Promise<RecordedPayment> {
  const { db, tenantId, actorId } = scope;
  const day = today(scope);
  await lockPayer(db, tenantId, q.payer);
  const { countedOn } = await effectiveDate(db, tenantId, { receivedOn: day, entryDay: day, closedPeriod: 'move' });
  const state = { creditFen: (await creditOf(db, tenantId, q.payer)).balanceFen };
  if (state.creditFen <= 0) throw new AppError('BAD_REQUEST', 'noCredit');

  const bills = await lockBills(db, tenantId, q.payer, q.billIds ?? []);
  if (q.billIds) checkChosenBills(bills, q.payer, q.billIds);
  const open = bills.filter((b) => !b.void && b.payerKind === q.payer.kind && b.payerId === q.payer.id);
  const lateFees = await lateFeesForPayment(db, { tenantId, actorId, locale: scope.locale, countedOn, open, moneyFen: state.creditFen, chosen: q.billIds });
  const { allocations, creditFen: left } = allocatePayment(state.creditFen, lateFees.bills, lateFees.chosen);
  const applied = state.creditFen - left;
  if (applied === 0) throw new AppError('BAD_REQUEST', 'noOpenBillsForCredit');

  const year = Number(day.slice(0, 4));
  const payment = await db.payment.create({
    data: {
      tenantId,
      kind: 'PAYMENT',
      method: 'CREDIT',
      payerKind: q.payer.kind,
      payerId: q.payer.id,
      amountFen: applied,
      receivedOn: dateColumn(day),
      countedOn: dateColumn(countedOn),
      enteredById: actorId,
      note: '预存抵扣',
    },
    select: { id: true },
  });
  await writeAllocations(db, tenantId, payment.id, allocations);
  await linkLateFeesToPayment(db, tenantId, lateFees.charges, payment.id);
  await db.creditEntry.create({
    data: { tenantId, payerKind: q.payer.kind, payerId: q.payer.id, paymentId: payment.id, amountFen: -applied, note: '预存抵扣' },
  });
  const receiptNumber = await assignReceiptNo(db, tenantId, payment.id, year);
  const receiptNo = formatReceiptNo(year, receiptNumber)!;
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'payment.applyCredit',
    entity: 'Payment',
    entityId: payment.id,
    after: { receiptNo, payer: q.payer, amountFen: applied, countedOn, allocations, chosen: q.billIds ?? null },
  });
  return {
    id: payment.id,
    receiptNo,
    receiptYear: year,
    receiptNumber,
    amountFen: applied,
    allocations,
    creditUsedFen: applied,
    creditAddedFen: 0,
    receivedOn: day,
    countedOn,
  };
}
