import { daysOverdue } from './late-fees';

// What a bill's stored columns imply (DOMAIN.md): outstanding = amount − adjusted − paid, never
// below 0; the status; days overdue and the late fee accrued but not yet charged, both on the
// company's local date. The late fee itself comes from late-fee-charges.ts.

export type BillStatus = 'OPEN' | 'PARTLY_PAID' | 'PAID' | 'VOID';

export type LateFeeTerms = { dailyBp: number | null; graceDays: number; capPercent: number | null };

export function outstandingFen(b: { amountFen: number; paidFen: number; adjustedFen: number }): number {
  return Math.max(0, b.amountFen - b.adjustedFen - b.paidFen);
}

export function billStatus(b: { amountFen: number; paidFen: number; adjustedFen: number; voided: boolean }): BillStatus {
  if (b.voided) return 'VOID';
  if (outstandingFen(b) === 0) return 'PAID';
  if (b.paidFen + b.adjustedFen > 0) return 'PARTLY_PAID';
  return 'OPEN';
}

/**
 * `lateFee`: the fee accrued as of today and not yet charged (late-fee-charges.ts
 * `accruedNotCharged`, the same accrual a payment and the job materialize) and what late-fee
 * bills charged for the bill.
 */
export function deriveBill(
  b: { kind: string; amountFen: number; paidFen: number; adjustedFen: number; voided: boolean; dueDate: string },
  today: string,
  lateFee: { accruedFen: number; chargedFen: number },
) {
  const outstanding = b.voided ? 0 : outstandingFen(b);
  return {
    outstandingFen: outstanding,
    status: billStatus(b),
    daysOverdue: outstanding > 0 ? daysOverdue(b.dueDate, today) : 0,
    lateFeeAccruedFen: b.voided ? 0 : lateFee.accruedFen,
    lateFeeChargedFen: lateFee.chargedFen,
  };
}
