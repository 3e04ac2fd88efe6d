// The money rule, stated once (DOMAIN.md, "Money, time and quantities"):
//
//   - Amounts are integer fen (分). Never floats.
//   - Unit prices are integer "price units" of 1/100 fen, so a price has up to 4 decimals of a
//     yuan: ¥2.3550 = 23_550, ¥150 = 1_500_000.
//   - Areas are integer hundredths of a m² (the column is Decimal(10, 2)).
//   - Factors (vacancy 0.7, day-proration 14/30) are exact rationals.
//   - A bill amount is area × price × months × Π factors, computed exactly and rounded ONCE,
//     half-up, to the fen. `billAmountFen` and `SQL_BILL_AMOUNT` are the same formula, so a
//     test against PostgreSQL can hold them to the same results.
//
// Inputs and outputs are plain numbers (safe integers) or strings; products are taken in bigint
// because area × price × months alone reaches ~1.2e19 for the largest storable area and price.
//
// Refusals of user-facing input throw AppError('BAD_REQUEST'); a caller breaking a numeric
// precondition of a pure helper (a negative dividend, a zero denominator) gets a RangeError,
// because that is a bug, not bad input.

import { AppError, type ErrorKey, type ErrorParams } from '@/server/errors';
import { parseYuanText, PRICE_DECIMALS } from '@/server/shared/money-input';
import { cycleMonths, daysInMonth, localDateToDayNumber } from '@/server/shared/calendar';

/** An exact non-negative fraction. `den` > 0. Numbers must be safe integers. */
export type Rational = { num: bigint | number; den: bigint | number };

/** Price units per fen: a price unit is 1/100 fen. */
export const PRICE_UNITS_PER_FEN = 100;
/** Area is stored in hundredths of a m². */
export const AREA_SCALE = 100;

export type BillingCycle = 'MONTHLY' | 'QUARTERLY' | 'YEARLY';

const bad = (key: ErrorKey, params?: ErrorParams) => new AppError('BAD_REQUEST', key, params);

/** What a number is, in errors.numberRule. */
type NumberName = 'area' | 'price' | 'billAmount' | 'outstanding' | 'grace' | 'overdue' | 'rateBp' | 'rate' | 'cap' | 'net' | 'factor' | 'amount';

function safeNonNegativeInt(name: NumberName, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw bad('numberRule', { name, rule: 'nonNegativeInt', value: String(n) });
  return n;
}

function toBig(name: NumberName, v: bigint | number): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw bad('numberRule', { name, rule: 'int', value: String(v) });
  return BigInt(v);
}

function toSafeNumber(name: NumberName, v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw bad('numberRule', { name, rule: 'tooLarge', value: String(v) });
  }
  return Number(v);
}

// ---------------------------------------------------------------------------------------------
// Rounding and rationals

/**
 * `num / den` rounded half-up to an integer. Both must be non-negative and `den` > 0: amounts
 * are never negative here, so half-up and half-away-from-zero (PostgreSQL's `round(numeric)`)
 * coincide.
 */
export function roundHalfUpDiv(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError(`roundHalfUpDiv: denominator must be > 0, got ${den}`);
  if (num < 0n) throw new RangeError(`roundHalfUpDiv: amounts are non-negative, got ${num}`);
  return (2n * num + den) / (2n * den);
}

/** Validates a factor and returns it as bigints. Factors are non-negative, `den` > 0. */
export function toRational(r: Rational, name: NumberName = 'factor'): { num: bigint; den: bigint } {
  const num = toBig(name, r.num);
  const den = toBig(name, r.den);
  if (den <= 0n) throw bad('numberRule', { name, rule: 'denominator', value: String(den) });
  if (num < 0n) throw bad('numberRule', { name, rule: 'negative', value: String(num) });
  return { num, den };
}

/** The exact product of factors (empty product = 1), not reduced. */
export function multiplyFactors(factors: readonly Rational[] = []): { num: bigint; den: bigint } {
  let num = 1n;
  let den = 1n;
  for (const f of factors) {
    const r = toRational(f);
    num *= r.num;
    den *= r.den;
  }
  return { num, den };
}

/**
 * A factor written as a decimal ("0.7", "1", "0.85") → an exact rational ({7, 10}). At most 6
 * decimals; for anything not a terminating decimal (1/3) pass a rational directly.
 */
export function parseFactor(s: string): { num: bigint; den: bigint } {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(s.trim());
  if (!m) throw bad('factorFormat', { value: s });
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

// ---------------------------------------------------------------------------------------------
// Prices and areas

/**
 * "2.355" / "2.3550" / "150" (yuan) → price units (1/100 fen): 23_550 / 23_550 / 1_500_000.
 * Refuses negatives, more than 4 decimals, exponents, separators and anything else.
 */
export function parseYuanPrice(s: string): number {
  // The grammar is server/shared/money-input.ts's (the forms parse with it too); here strict: the API's text.
  const r = parseYuanText(typeof s === 'string' ? s : '', PRICE_DECIMALS, Number.MAX_SAFE_INTEGER);
  if (r.ok) return r.value;
  if (r.problem === 'negative') throw bad('priceNegative', { value: s });
  if (r.problem === 'decimals') throw bad('priceDecimals', { value: s });
  throw bad('priceNumber', { value: String(s) });
}

/** Price units → yuan with exactly 4 decimals: 23_550 → "2.3550". */
export function formatPriceUnits(n: number): string {
  safeNonNegativeInt('price', n);
  const s = String(n).padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

/** "89.50" / "89.5" / "120" (m²) → hundredths of a m²: 8950 / 8950 / 12000. At most 2 decimals. */
export function parseArea(s: string): number {
  const t = typeof s === 'string' ? s.trim() : '';
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw bad('areaNumber', { value: String(s) });
  return toSafeNumber('area', BigInt(m[1]! + (m[2] ?? '').padEnd(2, '0')));
}

// ---------------------------------------------------------------------------------------------
// Bill amounts

export type BillAmountInput = {
  /** Hundredths of a m². Omit for per-object items (a parking space, a flat fee). */
  areaHundredths?: number;
  /** 1/100 fen per m² per month, or per object per month. */
  priceUnits: number;
  /** Whole months covered (1 monthly, 3 quarterly, 12 yearly). */
  months: number;
  /** Vacancy, proration, … multiplied exactly. */
  factors?: readonly Rational[];
};

/** The exact amount before rounding, in fen, as a fraction. Exposed for tests and breakdowns. */
export function billAmountExact(input: BillAmountInput): { num: bigint; den: bigint } {
  const price = BigInt(safeNonNegativeInt('price', input.priceUnits));
  if (!Number.isSafeInteger(input.months) || input.months < 1) {
    throw bad('monthsInvalid', { value: String(input.months) });
  }
  const f = multiplyFactors(input.factors);
  let num = price * BigInt(input.months) * f.num;
  let den = BigInt(PRICE_UNITS_PER_FEN) * f.den;
  if (input.areaHundredths !== undefined) {
    num *= BigInt(safeNonNegativeInt('area', input.areaHundredths));
    den *= BigInt(AREA_SCALE);
  }
  return { num, den };
}

/**
 * round_half_up(area × price × months × Π factors) in whole fen, rounded once at the end.
 * Throws if the result exceeds Number.MAX_SAFE_INTEGER fen.
 */
export function billAmountFen(input: BillAmountInput): number {
  const { num, den } = billAmountExact(input);
  return toSafeNumber('billAmount', roundHalfUpDiv(num, den));
}

/**
 * The same computation in PostgreSQL, for set-based billing runs. Placeholders `:area_hundredths`
 * (pass 100, i.e. 1.00 m², for per-object items), `:price_units`, `:months`, `:factor_num`,
 * `:factor_den` (the product of all factors; 1 and 1 when there are none). Result: bigint fen.
 *
 * Why `div` and not `round(a / b)`: `round(numeric)` rounds half away from zero, which is
 * half-up for non-negative amounts, but numeric division first rounds its quotient to a finite
 * scale (as few as 0 decimals for large quotients), so `round(a / b)` can round twice. `div`
 * truncates the exact integer quotient, and floor((2n + d) / 2d) is half-up for n, d ≥ 0, the
 * same identity as `roundHalfUpDiv`. Every operand is cast to numeric so no int8 product can
 * overflow.
 */
export const SQL_BILL_AMOUNT = `div(
  2 * (:area_hundredths)::numeric * (:price_units)::numeric * (:months)::numeric * (:factor_num)::numeric
    + 10000 * (:factor_den)::numeric,
  20000 * (:factor_den)::numeric
)::bigint`;

export type SqlBillAmountParams = {
  areaHundredths: string;
  priceUnits: string;
  months: string;
  factorNum: string;
  factorDen: string;
};

/**
 * `SQL_BILL_AMOUNT` with each placeholder replaced by a SQL expression (a column, `$1`, a
 * literal). The expressions are pasted verbatim: pass trusted SQL, never user input.
 */
export function sqlBillAmount(p: SqlBillAmountParams): string {
  const map: Record<string, string> = {
    area_hundredths: p.areaHundredths,
    price_units: p.priceUnits,
    months: p.months,
    factor_num: p.factorNum,
    factor_den: p.factorDen,
  };
  return SQL_BILL_AMOUNT.replace(/(?<!:):([a-z_]+)/g, (whole, name: string) => map[name] ?? whole);
}

// ---------------------------------------------------------------------------------------------
// Proration

/** daysOccupied ÷ daysInPeriod, exact. 0 ≤ daysOccupied ≤ daysInPeriod, daysInPeriod ≥ 1. */
export function prorationFactor(daysOccupied: number, daysInPeriod: number): Rational {
  if (!Number.isSafeInteger(daysInPeriod) || daysInPeriod < 1) {
    throw bad('daysInPeriodInvalid', { value: String(daysInPeriod) });
  }
  if (!Number.isSafeInteger(daysOccupied) || daysOccupied < 0 || daysOccupied > daysInPeriod) {
    throw bad('daysOccupiedInvalid', { max: daysInPeriod, value: String(daysOccupied) });
  }
  return { num: daysOccupied, den: daysInPeriod };
}

/**
 * The day-proration of the cycle starting at `period` for an occupancy running from `from` to
 * `to`, both local dates and both inclusive (moving in on the 17th of a 30-day month occupies
 * the 17th to the 30th: 14/30). Omit `from` or `to` for an open end.
 */
export function prorationForDates(args: { period: string; cycle?: BillingCycle; from?: string; to?: string }): Rational {
  const months = cycleMonths(args.period, args.cycle ?? 'MONTHLY');
  const first = localDateToDayNumber(`${months[0]!}-01`);
  const lastMonth = months[months.length - 1]!;
  const last = localDateToDayNumber(`${lastMonth}-${String(daysInMonth(lastMonth)).padStart(2, '0')}`);
  const from = args.from === undefined ? first : Math.max(first, localDateToDayNumber(args.from));
  const to = args.to === undefined ? last : Math.min(last, localDateToDayNumber(args.to));
  return prorationFactor(Math.max(0, to - from + 1), last - first + 1);
}

// ---------------------------------------------------------------------------------------------
// Display

function fractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units → a decimal string with the currency's minor digits: 123450 → "1234.50". */
function minorToDecimal(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) throw bad('minorUnitsWhole', { value: String(minor) });
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor));
  if (digits === 0) return sign + abs;
  const s = abs.padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Fen → yuan as a plain decimal string with 2 decimals: 123450 → "1234.50", -5 → "-0.05". */
export function fenToYuanString(fen: number): string {
  return minorToDecimal(fen, 2);
}

/**
 * Minor units shown as money, e.g. 123450 → "¥1,234.50" in zh-CN. The number is handed to
 * Intl as an exact decimal string, so no float ever touches the amount.
 */
export function formatFen(fen: number, currency = 'CNY', locale = 'zh-CN'): string {
  const digits = fractionDigits(currency);
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // Intl.NumberFormat accepts decimal strings since ES2023 (NumberFormat v3); the lib typing lags.
  return nf.format(minorToDecimal(fen, digits) as unknown as number);
}
