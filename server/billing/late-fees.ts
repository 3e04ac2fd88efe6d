// Late fees (滞纳金 / 违约金): simple interest per day on the outstanding amount, after a grace
// period, optionally capped; computed exactly and rounded once, half-up, to the fen.
//
// Day counting, on local calendar dates (the caller converts to the company's time zone):
//   - the due date itself is not overdue: paying on the due date is on time;
//   - the day after the due date is day 1 overdue, so daysOverdue(due, asOf) = asOf − due (≥ 0);
//   - by default the first `graceDays` overdue days are never charged, even once the grace has
//     run out (accrueFrom 'GRACE_END'); 'DUE_DATE' charges every overdue day once the grace is
//     exceeded, for contracts that say so.
//   - asOf counts as a full day: a fee computed "as of" a date includes that date.
//
// The outstanding amount is taken as constant over the span: after a partial payment the caller
// computes each span with its own outstanding amount and due date.

import { AppError } from '@/server/errors';
import { daysBetween, parseFactor, roundHalfUpDiv, toRational, type Rational } from './money';

export type LateFeeInput = {
  /** Principal the fee accrues on, in fen. */
  outstandingFen: number;
  /** Last day to pay without a fee, local date 'YYYY-MM-DD'. */
  dueDate: string;
  /** The local date the fee is computed for, inclusive. */
  asOf: string;
  /** Basis points of the outstanding amount per day (5 = 0.05%/day = 万分之五). */
  dailyRateBp?: number;
  /** The daily rate as an exact fraction, for rates that are not whole basis points. */
  dailyRate?: Rational;
  /** Overdue days before any fee accrues. */
  graceDays: number;
  /** Absolute cap, in fen. */
  capFen?: number;
  /** Cap as a percent of `outstandingFen` (100 = the fee never exceeds the principal); ≤ 6 decimals. */
  capPercentOfAmount?: number;
  accrueFrom?: 'GRACE_END' | 'DUE_DATE';
};

export type LateFeeBreakdown = {
  daysOverdue: number;
  chargeableDays: number;
  /** Whether a cap, not the daily accrual, set the amount. */
  capped: boolean;
  amountFen: number;
};

const bad = (message: string) => new AppError('BAD_REQUEST', message);

function nonNegativeInt(name: string, n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw bad(`${name} must be a non-negative whole number, got ${String(n)}`);
  return BigInt(n);
}

function capPercent(p: number): { num: bigint; den: bigint } {
  const fail = () => bad(`Cap percent must be a non-negative number with at most 6 decimals, got ${String(p)}`);
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) throw fail();
  try {
    return parseFactor(String(p));
  } catch {
    throw fail();
  }
}

/** Calendar days `asOf` is past `dueDate`; 0 on or before the due date. */
export function daysOverdue(dueDate: string, asOf: string): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}

/** Overdue days that are charged, under the grace rule above. */
export function chargeableDays(overdue: number, graceDays: number, accrueFrom: 'GRACE_END' | 'DUE_DATE' = 'GRACE_END'): number {
  nonNegativeInt('Days overdue', overdue);
  nonNegativeInt('Grace days', graceDays);
  if (overdue <= graceDays) return 0;
  return accrueFrom === 'DUE_DATE' ? overdue : overdue - graceDays;
}

export function lateFeeBreakdown(input: LateFeeInput): LateFeeBreakdown {
  const principal = nonNegativeInt('Outstanding amount', input.outstandingFen);
  if ((input.dailyRateBp === undefined) === (input.dailyRate === undefined)) {
    throw bad('Give the daily rate either in basis points or as a fraction, exactly one of them');
  }
  const rate =
    input.dailyRate !== undefined
      ? toRational(input.dailyRate, 'Daily rate')
      : { num: nonNegativeInt('Daily rate (basis points)', input.dailyRateBp!), den: 10_000n };

  const overdue = daysOverdue(input.dueDate, input.asOf);
  const days = chargeableDays(overdue, input.graceDays, input.accrueFrom);

  // The fee and each cap as fractions n/d of a fen; the smallest wins, then one rounding.
  let n = principal * BigInt(days) * rate.num;
  let d = rate.den;
  let capped = false;
  const caps: { num: bigint; den: bigint }[] = [];
  if (input.capFen !== undefined) caps.push({ num: nonNegativeInt('Cap', input.capFen), den: 1n });
  if (input.capPercentOfAmount !== undefined) {
    const pct = capPercent(input.capPercentOfAmount);
    caps.push({ num: principal * pct.num, den: 100n * pct.den });
  }
  for (const c of caps) {
    if (c.num * d < n * c.den) {
      n = c.num;
      d = c.den;
      capped = true;
    }
  }
  const fen = roundHalfUpDiv(n, d);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('Late fee is too large');
  return { daysOverdue: overdue, chargeableDays: days, capped, amountFen: Number(fen) };
}

/** The late fee accrued up to and including `asOf`, in fen. */
export function accruedLateFeeFen(input: LateFeeInput): number {
  return lateFeeBreakdown(input).amountFen;
}
