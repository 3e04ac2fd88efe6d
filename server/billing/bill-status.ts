import { accruedLateFeeFen, daysOverdue } from './late-fees';

// What a bill's stored columns imply (DOMAIN.md): outstanding = amount − adjusted − paid, never
// below 0; the status; days overdue and the late fee accrued but not yet charged, both on the
// company's local date.

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
 * The late fee accrued on a bill as of `today` under its item's terms, minus what late-fee
 * bills already charged for it (never below 0). Late-fee bills and void bills accrue nothing.
 */
export function accruedLateFeeNotCharged(
  b: { kind: string; amountFen: number; paidFen: number; adjustedFen: number; voided: boolean; dueDate: string },
  terms: LateFeeTerms | null,
  today: string,
  chargedFen: number,
): number {
  if (b.voided || b.kind === 'LATE_FEE' || !terms || terms.dailyBp === null) return 0;
  const owed = outstandingFen(b);
  if (owed === 0) return 0;
  const accrued = accruedLateFeeFen({
    outstandingFen: owed,
    dueDate: b.dueDate,
    asOf: today,
    dailyRateBp: terms.dailyBp,
    graceDays: terms.graceDays,
    ...(terms.capPercent !== null ? { capPercentOfAmount: terms.capPercent } : {}),
  });
  return Math.max(0, accrued - chargedFen);
}

export function deriveBill(
  b: { kind: string; amountFen: number; paidFen: number; adjustedFen: number; voided: boolean; dueDate: string },
  terms: LateFeeTerms | null,
  today: string,
  chargedLateFeeFen: number,
) {
  const outstanding = b.voided ? 0 : outstandingFen(b);
  return {
    outstandingFen: outstanding,
    status: billStatus(b),
    daysOverdue: outstanding > 0 ? daysOverdue(b.dueDate, today) : 0,
    lateFeeAccruedFen: accruedLateFeeNotCharged(b, terms, today, chargedLateFeeFen),
    lateFeeChargedFen: chargedLateFeeFen,
  };
}
