// Metered charges (water, electricity, gas) from two meter readings, at a flat price or a tiered
// price (阶梯水价). Same money rule as money.ts: exact arithmetic, rounded once, half-up, to fen.
//
// Readings and quantities are integer thousandths of the meter's unit (m³ → litres, kWh → Wh):
// meters print at most 3 decimals, so a reading is a decimal string with ≤ 3 decimals ("1234.567")
// or a whole number (1234). Floats are refused: 0.1 + 0.2 is not a meter reading.

import { AppError, type ErrorKey, type ErrorParams } from '@/server/errors';
import { PRICE_UNITS_PER_FEN, roundHalfUpDiv } from './money';

/** A meter reading or quantity: a decimal string with ≤ 3 decimals, or a whole number. */
export type Reading = string | number;

/**
 * One step of a tiered price. `upTo` is the cumulative consumption per cycle where the step ends
 * (consumption exactly at `upTo` is still in this step); `null` means unbounded and is required
 * on the last step, so every quantity has a price. `priceUnits` is 1/100 fen per unit.
 */
export type Tier = { upTo: Reading | null; priceUnits: number };

export type MeteredInput = { previous: Reading; current: Reading; priceUnits: number } | { previous: Reading; current: Reading; tiers: readonly Tier[] };

export type MeteredOptions = {
  /** The meter was replaced during the cycle: the old meter's last reading and the new one's first. */
  replacement?: { oldFinal: Reading; newStart: Reading };
};

export type MeteredLine = { fromThousandths: number; toThousandths: number; quantityThousandths: number; priceUnits: number };
export type MeteredBreakdown = { consumptionThousandths: number; lines: MeteredLine[]; amountFen: number };

/** Thousandths of a unit per unit. */
export const READING_SCALE = 1000;

const bad = (key: ErrorKey, params?: ErrorParams) => new AppError('BAD_REQUEST', key, params);

/** Which reading a message names (errors.readingFormat's select); a tier bound also gives its tier number. */
export type ReadingName = 'reading' | 'previous' | 'current' | 'oldFinal' | 'newStart' | 'tier';

/** "1234.5" → 1_234_500; 1234 → 1_234_000. Non-negative, ≤ 3 decimals. */
export function parseReading(r: Reading, which: ReadingName = 'reading', tier = 0): number {
  if (typeof r === 'number') {
    if (!Number.isSafeInteger(r) || r < 0) {
      throw bad('readingNumberWhole', { which, tier, value: String(r) });
    }
    const v = r * READING_SCALE;
    if (!Number.isSafeInteger(v)) throw bad('readingTooLarge', { which, tier, value: String(r) });
    return v;
  }
  const m = typeof r === 'string' ? /^(\d{1,12})(?:\.(\d{1,3}))?$/.exec(r.trim()) : null;
  if (!m) throw bad('readingFormat', { which, tier, value: String(r) });
  return Number(m[1]! + (m[2] ?? '').padEnd(3, '0'));
}

/** 1_234_500 → "1234.500". */
export function formatReading(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths) || thousandths < 0) throw bad('quantityInvalid', { value: String(thousandths) });
  const s = String(thousandths).padStart(4, '0');
  return `${s.slice(0, -3)}.${s.slice(-3)}`;
}

/**
 * Consumption in thousandths. Without a replacement, current < previous is refused (a typo, or a
 * replacement nobody recorded); with one, consumption = (oldFinal − previous) + (current − newStart)
 * and each leg must be non-negative on its own.
 */
export function consumptionThousandths(previous: Reading, current: Reading, options: MeteredOptions = {}): number {
  const prev = parseReading(previous, 'previous');
  const cur = parseReading(current, 'current');
  const rep = options.replacement;
  if (!rep) {
    if (cur < prev) {
      throw bad('readingBelowPrevious', { current: formatReading(cur), previous: formatReading(prev) });
    }
    return cur - prev;
  }
  const oldFinal = parseReading(rep.oldFinal, 'oldFinal');
  const newStart = parseReading(rep.newStart, 'newStart');
  if (oldFinal < prev) {
    throw bad('oldFinalBelowPrevious', { final: formatReading(oldFinal), previous: formatReading(prev) });
  }
  if (cur < newStart) {
    throw bad('readingBelowNewStart', { current: formatReading(cur), start: formatReading(newStart) });
  }
  return oldFinal - prev + (cur - newStart);
}

function validPrice(p: number): number {
  if (!Number.isSafeInteger(p) || p < 0) throw bad('priceUnitsInvalid', { value: String(p) });
  return p;
}

/** Splits a consumption over tiers. Bounds must rise strictly; the last bound must be null. */
export function splitOverTiers(consumption: number, tiers: readonly Tier[]): MeteredLine[] {
  if (tiers.length === 0) throw bad('tiersNeeded');
  const lines: MeteredLine[] = [];
  let lower = 0;
  tiers.forEach((t, i) => {
    const isLast = i === tiers.length - 1;
    const priceUnits = validPrice(t.priceUnits);
    if (t.upTo === null && !isLast) throw bad('tierUnboundedOnlyLast');
    if (t.upTo !== null && isLast) throw bad('tierLastUnbounded');
    const upper = t.upTo === null ? Infinity : parseReading(t.upTo, 'tier', i + 1);
    if (upper <= lower) throw bad('tierBoundsRise', { tier: i + 1 });
    const to = Math.min(consumption, upper);
    if (to > lower) lines.push({ fromThousandths: lower, toThousandths: to, quantityThousandths: to - lower, priceUnits });
    lower = upper;
  });
  return lines;
}

/** Consumption, the per-tier lines and the amount (Σ quantity × price, rounded once). */
export function meteredBreakdown(input: MeteredInput, options: MeteredOptions = {}): MeteredBreakdown {
  const consumption = consumptionThousandths(input.previous, input.current, options);
  let lines: MeteredLine[];
  if ('tiers' in input) {
    lines = splitOverTiers(consumption, input.tiers);
  } else {
    const priceUnits = validPrice(input.priceUnits);
    lines = consumption > 0 ? [{ fromThousandths: 0, toThousandths: consumption, quantityThousandths: consumption, priceUnits }] : [];
  }
  const num = lines.reduce((sum, l) => sum + BigInt(l.quantityThousandths) * BigInt(l.priceUnits), 0n);
  const fen = roundHalfUpDiv(num, BigInt(READING_SCALE * PRICE_UNITS_PER_FEN));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('meteredTooLarge');
  return { consumptionThousandths: consumption, lines, amountFen: Number(fen) };
}

/**
 * The charge in fen for a metered item over one cycle. Tier bounds apply per cycle: a schedule
 * published per year (Beijing's 0–180 m³/year) is passed as is for a yearly cycle and scaled by
 * the caller for shorter ones.
 */
export function meteredAmountFen(input: MeteredInput, options: MeteredOptions = {}): number {
  return meteredBreakdown(input, options).amountFen;
}
