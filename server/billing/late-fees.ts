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
// The outstanding amount is taken as constant over the span, and asOf is inclusive. This is the
// single-span primitive (kept for its tests); what the app charges, shows and materializes is
// `lateFeeAccrual` below (DOMAIN.md: spans split at each effective date, counted through the day
// before), with the cap over all of a bill's late-fee bills together.

import { AppError, type ErrorKey, type ErrorParams } from '@/server/errors';
import { parseFactor, roundHalfUpDiv, toRational, type Rational } from '../shared/money';
import { addDays, daysBetween, localDateToDayNumber } from '../shared/calendar';

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

const bad = (key: ErrorKey, params?: ErrorParams) => new AppError('BAD_REQUEST', key, params);

type NumberName = 'outstanding' | 'grace' | 'overdue' | 'rateBp' | 'cap' | 'billAmount' | 'net';

function nonNegativeInt(name: NumberName, n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw bad('numberRule', { name, rule: 'nonNegativeInt', value: String(n) });
  return BigInt(n);
}

function capPercent(p: number): { num: bigint; den: bigint } {
  const fail = () => bad('capPercentFormat', { value: String(p) });
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
  nonNegativeInt('overdue', overdue);
  nonNegativeInt('grace', graceDays);
  if (overdue <= graceDays) return 0;
  return accrueFrom === 'DUE_DATE' ? overdue : overdue - graceDays;
}

export function lateFeeBreakdown(input: LateFeeInput): LateFeeBreakdown {
  const principal = nonNegativeInt('outstanding', input.outstandingFen);
  if ((input.dailyRateBp === undefined) === (input.dailyRate === undefined)) {
    throw bad('lateFeeRateOne');
  }
  const rate = input.dailyRate !== undefined ? toRational(input.dailyRate, 'rate') : { num: nonNegativeInt('rateBp', input.dailyRateBp!), den: 10_000n };

  const overdue = daysOverdue(input.dueDate, input.asOf);
  const days = chargeableDays(overdue, input.graceDays, input.accrueFrom);

  // The fee and each cap as fractions n/d of a fen; the smallest wins, then one rounding.
  let n = principal * BigInt(days) * rate.num;
  let d = rate.den;
  let capped = false;
  const caps: { num: bigint; den: bigint }[] = [];
  if (input.capFen !== undefined) caps.push({ num: nonNegativeInt('cap', input.capFen), den: 1n });
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
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('lateFeeTooLarge');
  return { daysOverdue: overdue, chargeableDays: days, capped, amountFen: Number(fen) };
}

/** The late fee accrued up to and including `asOf`, in fen. */
export function accruedLateFeeFen(input: LateFeeInput): number {
  return lateFeeBreakdown(input).amountFen;
}

// ---------------------------------------------------------------------------------------------
// Late fees that follow the money (DOMAIN.md "Late fees"). This is THE accrual: the cashier
// desk and the bill lists (what is accrued as of today), a payment (what it materializes as of
// its effective date) and the scheduled job (as of the 1st of a month) all call `lateFeeAccrual`.
//
//   - Day n overdue is the n-th calendar day after the due date (local dates). Days 1…graceDays
//     are never charged; day n > graceDays accrues dailyBp/10 000 of the bill's balance at the END
//     of day n.
//   - The balance at the end of a day = amount − every change effective on or before that day:
//     allocations of payments (and of their reversals, negative) at the payment's effective date
//     (countedOn), approved adjustments at their effective date. So the span of days splits at
//     each payment's effective date, and money pays the principal (the late fee is another bill
//     and accrues nothing).
//   - "Accrued as of D" counts days up to and including D − 1 (D's balance is not final yet):
//     as of today = through yesterday; as of a payment's effective date = before it.
//   - The total over all of the bill's late-fee bills is capped at capPercent % of the bill's net
//     amount (amount − approved adjustments). The exact sum is rounded once, half-up; what a new
//     late-fee bill charges is that total minus what earlier late-fee bills charged, so repeated
//     materialization never charges a day twice and never accumulates rounding.

export type LateFeeRule = { dailyBp: number; graceDays: number; capPercent: number | null };

/** A change to what the bill owes, effective from the end of local day `on`: payments reduce it (> 0), reversals add back (< 0). */
export type BalanceChange = { on: string; reduceFen: number };

export type AccrualInput = {
  amountFen: number;
  dueDate: string;
  rule: LateFeeRule;
  changes: readonly BalanceChange[];
  /** amount − approved adjustments, for the cap */
  netAmountFen: number;
  /** exclusive: days up to asOf − 1 are counted */
  asOf: string;
};

export type AccrualSpan = { from: string; to: string; days: number; balanceFen: number };
export type Accrual = {
  /** the last day counted (asOf − 1) */
  through: string;
  spans: AccrualSpan[];
  /** Σ balance × days × rate, rounded once, half-up, before the cap */
  uncappedFen: number;
  capFen: number | null;
  capped: boolean;
  /** the fee accrued in total as of asOf (all late-fee bills of the bill together may charge this much) */
  totalFen: number;
};

const DAY_MS = 86_400_000;

export function lateFeeAccrual(input: AccrualInput): Accrual {
  const amount = Number(nonNegativeInt('billAmount', input.amountFen));
  const bp = nonNegativeInt('rateBp', input.rule.dailyBp);
  if (bp > 100n) throw bad('lateFeeRateOver', { value: String(input.rule.dailyBp) });
  const grace = Number(nonNegativeInt('grace', input.rule.graceDays));
  const net = nonNegativeInt('net', Math.max(0, input.netAmountFen));
  const through = addDays(input.asOf, -1);
  const first = addDays(input.dueDate, grace + 1);
  const changes = [...input.changes].map((c) => ({ day: localDateToDayNumber(c.on), fen: c.reduceFen })).sort((a, b) => a.day - b.day);
  for (const c of changes) if (!Number.isSafeInteger(c.fen)) throw bad('balanceChangeWhole', { value: String(c.fen) });

  const spans: AccrualSpan[] = [];
  const start = localDateToDayNumber(first);
  const end = localDateToDayNumber(through);
  let balance = amount;
  let i = 0;
  // Everything effective on or before the first chargeable day sets its balance.
  while (i < changes.length && changes[i]!.day <= start) balance -= changes[i++]!.fen;
  let from = start;
  while (from <= end) {
    const next = i < changes.length ? changes[i]!.day : Infinity;
    const to = Math.min(end, next - 1);
    const owed = Math.max(0, balance);
    if (to >= from && owed > 0) {
      const iso = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
      spans.push({ from: iso(from), to: iso(to), days: to - from + 1, balanceFen: owed });
    }
    if (next > end) break;
    // changes effective on day `next` set the balance from that day on
    while (i < changes.length && changes[i]!.day === next) balance -= changes[i++]!.fen;
    from = next;
  }
  const n = spans.reduce((s, sp) => s + BigInt(sp.balanceFen) * BigInt(sp.days) * bp, 0n);
  const d = 10_000n;
  const uncapped = roundHalfUpDiv(n, d);
  let totalNum = n;
  let totalDen = d;
  let capFen: number | null = null;
  let capped = false;
  if (input.rule.capPercent !== null) {
    const pct = capPercent(input.rule.capPercent);
    const cNum = net * pct.num;
    const cDen = 100n * pct.den;
    capFen = Number(roundHalfUpDiv(cNum, cDen));
    if (cNum * totalDen < totalNum * cDen) {
      totalNum = cNum;
      totalDen = cDen;
      capped = true;
    }
  }
  const total = roundHalfUpDiv(totalNum, totalDen);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('lateFeeTooLarge');
  return { through, spans, uncappedFen: Number(uncapped), capFen, capped, totalFen: Number(total) };
}

/** What a new late-fee bill would charge now: the accrued total minus what earlier late-fee bills charged, never below 0. */
export const lateFeeNotCharged = (accrual: Accrual, chargedFen: number) => Math.max(0, accrual.totalFen - chargedFen);
