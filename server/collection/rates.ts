// Pure pieces of the collection report: period bounds, the default cut-off date, rates with
// their numerator and denominator, and the arrears ageing buckets. No database here.

import { AppError } from '../errors';
import { periodBounds } from '../shared/calendar';

/**
 * The cut-off date D (DOMAIN.md): the period's last day, or local today if the period is not
 * over. An explicit cut-off may be any date from the period's first day on; one before it
 * would make "collected during P" meaningless, so it is refused.
 */
export function resolveCutoff(period: string, today: string, cutoff?: string): string {
  const { first, last } = periodBounds(period);
  if (cutoff !== undefined) {
    if (cutoff < first) throw new AppError('BAD_REQUEST', 'cutoffBeforePeriod', { first });
    return cutoff;
  }
  return today < last ? today : last;
}

export interface AmountRate {
  numeratorFen: number;
  denominatorFen: number;
  /** numerator ÷ denominator; null when the denominator is 0 */
  rate: number | null;
}
export interface CountRate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export const amountRate = (numeratorFen: number, denominatorFen: number): AmountRate => ({
  numeratorFen,
  denominatorFen,
  rate: denominatorFen === 0 ? null : numeratorFen / denominatorFen,
});
export const countRate = (numerator: number, denominator: number): CountRate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

/**
 * The additive parts of a collection summary for one scope, as of a cut-off date. Parts of
 * several buildings add up to their community's, communities' to the company's.
 */
export interface SummaryParts {
  /** Σ amount of period-P bills (before adjustments) */
  grossBilledFen: number;
  /** Σ approved adjustments on them effective by D */
  adjustedFen: number;
  /** grossBilled − adjusted: the billed amount of DOMAIN.md */
  billedFen: number;
  /** Σ allocations counted by D on period-P bills */
  collectedFen: number;
  /** Σ per bill max(0, billed − collected) */
  outstandingFen: number;
  /** unpaid part at P's first day of bills of earlier periods */
  openingArrearsFen: number;
  /** collected during P (up to D) on bills of earlier periods */
  arrearsRecoveredFen: number;
  /** waivers, discounts and voids of earlier periods' bills that took effect during P (up to D) */
  arrearsAdjustedFen: number;
  /** residential units with a period-P bill that leaves something to pay */
  unitsBilled: number;
  /** of those, units whose period-P bills are all fully paid by D */
  unitsPaid: number;
  // Bills that do not count in the payment rate (one-off charges, late fees, items with
  // countsInRate off): shown beside the rates, never inside them.
  notInRateBilledFen: number;
  notInRateCollectedFen: number;
  notInRateOutstandingFen: number;
  /** collected during P on such bills of earlier periods */
  notInRateRecoveredFen: number;
}

export const EMPTY_PARTS: SummaryParts = {
  grossBilledFen: 0,
  adjustedFen: 0,
  billedFen: 0,
  collectedFen: 0,
  outstandingFen: 0,
  openingArrearsFen: 0,
  arrearsRecoveredFen: 0,
  arrearsAdjustedFen: 0,
  unitsBilled: 0,
  unitsPaid: 0,
  notInRateBilledFen: 0,
  notInRateCollectedFen: 0,
  notInRateOutstandingFen: 0,
  notInRateRecoveredFen: 0,
};

export function addParts(a: SummaryParts, b: SummaryParts): SummaryParts {
  const out = { ...a };
  for (const k of Object.keys(EMPTY_PARTS) as (keyof SummaryParts)[]) out[k] = a[k] + b[k];
  return out;
}

export interface Figures extends SummaryParts {
  rates: {
    /** 当期收缴率 */
    currentPeriod: AmountRate;
    /** 户数缴费率 */
    household: CountRate;
    /** 清欠率 */
    arrearsRecovery: AmountRate;
    /** 综合收缴率 */
    overall: AmountRate;
  };
  /**
   * DOMAIN.md's roll-forward: opening − recovered − arrears adjusted + what P's own bills still
   * owe = the arrears carried into the next period (its opening arrears, taken at P's end).
   */
  rollForward: { openingFen: number; recoveredFen: number; adjustedFen: number; ownOutstandingFen: number; closingFen: number };
}

/** The four rates of DOMAIN.md from the parts. */
export function figuresFromParts(p: SummaryParts): Figures {
  return {
    ...p,
    rates: {
      currentPeriod: amountRate(p.collectedFen, p.billedFen),
      household: countRate(p.unitsPaid, p.unitsBilled),
      arrearsRecovery: amountRate(p.arrearsRecoveredFen, p.openingArrearsFen),
      overall: amountRate(p.collectedFen + p.arrearsRecoveredFen, p.billedFen + p.openingArrearsFen),
    },
    rollForward: {
      openingFen: p.openingArrearsFen,
      recoveredFen: p.arrearsRecoveredFen,
      adjustedFen: p.arrearsAdjustedFen,
      ownOutstandingFen: p.outstandingFen,
      closingFen: p.openingArrearsFen - p.arrearsRecoveredFen - p.arrearsAdjustedFen + p.outstandingFen,
    },
  };
}

// ── arrears ageing ────────────────────────────────────────────────────────────────
// A bill is in arrears from the day after its due date (days overdue ≥ 1, the rule of
// server/billing/late-fees.ts); the first bucket "0–30" therefore holds days 1–30.

export const AGEING_BUCKETS = [
  { key: 'd0_30Fen', from: 0, to: 30 },
  { key: 'd31_90Fen', from: 31, to: 90 },
  { key: 'd91_180Fen', from: 91, to: 180 },
  { key: 'over180Fen', from: 181, to: Infinity },
] as const;
export type BucketKey = (typeof AGEING_BUCKETS)[number]['key'];
export type Buckets = Record<BucketKey, number>;

export function bucketFor(daysOverdue: number): BucketKey {
  for (const b of AGEING_BUCKETS) if (daysOverdue <= b.to) return b.key;
  return 'over180Fen';
}
