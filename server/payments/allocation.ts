// How a payment is split over a payer's open bills.
//
// Invariants of the result:
//   - Σ allocations + creditFen = amountFen;
//   - no allocation exceeds its bill's outstanding amount, and none is 0;
//   - each bill appears at most once; overpayment becomes credit (预存), never a negative bill.
//
// Order: principal before late-fee bills, then oldest first (due date, then period, then id, compared as plain strings so the order is
// the same on every machine and locale), unless the cashier chose bills, in which case exactly
// those bills, in the order chosen.

import { AppError, type ErrorKey, type ErrorParams } from '@/server/errors';
import { localDateToDayNumber, parsePeriod } from '@/server/shared/calendar';

export type OpenBill = {
  id: string;
  /** What is still due, in fen (≥ 0). */
  outstandingFen: number;
  /** Local date 'YYYY-MM-DD'. */
  dueDate: string;
  /** Billing period 'YYYY-MM'. */
  period: string;
  /** A late-fee bill: paid after every principal (DOMAIN.md "Late fees": money pays the principal first). */
  lateFee?: boolean;
};

export type Allocation = { billId: string; amountFen: number };
export type AllocationResult = { allocations: Allocation[]; creditFen: number };

const bad = (key: ErrorKey, params?: ErrorParams) => new AppError('BAD_REQUEST', key, params);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Principal first, then oldest first: due date, then period, then id. Validated 'YYYY-MM-DD' and 'YYYY-MM' sort as text. */
export function compareBillsOldestFirst(a: OpenBill, b: OpenBill): number {
  return Number(!!a.lateFee) - Number(!!b.lateFee) || cmp(a.dueDate, b.dueDate) || cmp(a.period, b.period) || cmp(a.id, b.id);
}

/**
 * Splits `amountFen` (> 0) over `bills`. With `chosen`, only those bill ids, in that order; a
 * chosen bill that is already settled gets nothing. Refuses unknown or repeated chosen ids, an
 * empty choice (omit `chosen` for oldest first; pass no bills for a pure prepayment), and bills
 * repeated in the input.
 */
export function allocatePayment(amountFen: number, bills: readonly OpenBill[], chosen?: readonly string[]): AllocationResult {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw bad('paymentAmountInvalid');
  }
  const byId = new Map<string, OpenBill>();
  for (const b of bills) {
    if (byId.has(b.id)) throw bad('billListedTwice', { id: b.id });
    if (!Number.isSafeInteger(b.outstandingFen) || b.outstandingFen < 0) {
      throw bad('billOutstandingInvalid', { id: b.id });
    }
    localDateToDayNumber(b.dueDate);
    parsePeriod(b.period);
    byId.set(b.id, b);
  }

  let order: OpenBill[];
  if (chosen === undefined) {
    order = [...bills].sort(compareBillsOldestFirst);
  } else {
    if (chosen.length === 0) throw bad('noBillsChosen');
    const seen = new Set<string>();
    order = chosen.map((id) => {
      if (seen.has(id)) throw bad('billChosenTwice', { id });
      seen.add(id);
      const bill = byId.get(id);
      if (!bill) throw bad('billNotPayerOpen', { id });
      return bill;
    });
  }

  let left = amountFen;
  const allocations: Allocation[] = [];
  for (const bill of order) {
    if (left === 0) break;
    const take = Math.min(left, bill.outstandingFen);
    if (take === 0) continue;
    allocations.push({ billId: bill.id, amountFen: take });
    left -= take;
  }
  return { allocations, creditFen: left };
}
