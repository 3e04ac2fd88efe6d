// The one calendar: local dates ('YYYY-MM-DD') and periods ('YYYY-MM') of a company, and their
// arithmetic. Pure (no database, no server-only): the UI imports it too. Only localDate and
// localPeriod consult a time zone; everything else works on calendar values already taken in
// the company's zone, with Date.UTC as a proleptic-calendar day counter.
import { AppError, type ErrorKey, type ErrorParams } from '@/server/errors';
import type { BillingCycle } from '@/server/shared/money';

const bad = (key: ErrorKey, params?: ErrorParams) => new AppError('BAD_REQUEST', key, params);

/** The local date 'YYYY-MM-DD' in `timeZone` at instant `at`. */
export function localDate(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The local period 'YYYY-MM' in `timeZone` at instant `at`. */
export const localPeriod = (timeZone: string, at: Date = new Date()) => localDate(timeZone, at).slice(0, 7);

/** A 'YYYY-MM-DD' local date as the Date Prisma stores in a `@db.Date` column (UTC midnight). */
export const dateColumn = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

/** A `@db.Date` value back to 'YYYY-MM-DD'. */
export const fromDateColumn = (d: Date) => d.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Periods ('YYYY-MM') and local dates ('YYYY-MM-DD')
//
// These are calendar values in the company's time zone, already converted by the caller; no
// time zone is consulted here. Date.UTC is used only as a proleptic-calendar day counter.

export type Period = { year: number; month: number };

/** 'YYYY-MM' → { year, month }; year 1000–9999, month 01–12, nothing else. */
export function parsePeriod(s: string): Period {
  const m = typeof s === 'string' ? /^([1-9]\d{3})-(0[1-9]|1[0-2])$/.exec(s) : null;
  if (!m) throw bad('periodFormatGot', { value: String(s) });
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function formatPeriod(p: Period): string {
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`;
}

const monthIndex = (p: Period) => p.year * 12 + (p.month - 1);
const fromMonthIndex = (i: number): string => {
  const year = Math.floor(i / 12);
  if (year < 1000 || year > 9999) throw bad('periodYearRange', { year: String(year) });
  return formatPeriod({ year, month: (i % 12) + 1 });
};

/** `period` moved by `n` whole months (n may be negative): addMonths('2026-11', 3) = '2027-02'. */
export function addMonths(period: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw bad('monthOffsetWhole', { value: String(n) });
  return fromMonthIndex(monthIndex(parsePeriod(period)) + n);
}

export function monthsInCycle(cycle: BillingCycle): number {
  switch (cycle) {
    case 'MONTHLY':
      return 1;
    case 'QUARTERLY':
      return 3;
    case 'YEARLY':
      return 12;
    default:
      throw bad('cycleUnknown', { value: String(cycle) });
  }
}

/**
 * The first month of the cycle containing `period`. Cycles are aligned to `anchorMonth` (1–12):
 * with the default 1, quarters start in Jan/Apr/Jul/Oct and years in January. A quarterly or
 * yearly item's billing period is this month.
 */
export function cycleStart(period: string, cycle: BillingCycle, anchorMonth = 1): string {
  if (!Number.isInteger(anchorMonth) || anchorMonth < 1 || anchorMonth > 12) {
    throw bad('anchorMonthInvalid', { value: String(anchorMonth) });
  }
  const len = monthsInCycle(cycle);
  const i = monthIndex(parsePeriod(period));
  const offset = (((i - (anchorMonth - 1)) % len) + len) % len;
  return fromMonthIndex(i - offset);
}

/** Whether `period` opens a cycle; billing any other month of a cycle creates nothing for it. */
export function isCycleStart(period: string, cycle: BillingCycle, anchorMonth = 1): boolean {
  return cycleStart(period, cycle, anchorMonth) === period;
}

/** The months a cycle starting at `start` covers: ('2026-04', 'QUARTERLY') → 04, 05, 06. */
export function cycleMonths(start: string, cycle: BillingCycle): string[] {
  parsePeriod(start);
  return Array.from({ length: monthsInCycle(cycle) }, (_, k) => addMonths(start, k));
}

/** Days in the month 'YYYY-MM' (Gregorian leap years). */
export function daysInMonth(period: string): number {
  const { year, month } = parsePeriod(period);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' → a day number (days since 1970-01-01); differences are calendar days. */
export function localDateToDayNumber(s: string): number {
  const m = typeof s === 'string' ? /^([1-9]\d{3})-(0[1-9]|1[0-2])-(\d{2})$/.exec(s) : null;
  if (!m) throw bad('dateFormatGot', { value: String(s) });
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(`${m[1]}-${m[2]}`)) throw bad('noSuchDateGot', { value: s });
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return localDateToDayNumber(to) - localDateToDayNumber(from);
}

/** `ymd` moved by `n` calendar days: addDays('2026-02-28', 1) = '2026-03-01'. */
export const addDays = (ymd: string, n: number) => new Date((localDateToDayNumber(ymd) + n) * 86_400_000).toISOString().slice(0, 10);

/** A period's first and last local dates: '2026-02' → '2026-02-01', '2026-02-28'. */
export function periodBounds(period: string): { first: string; last: string } {
  parsePeriod(period);
  return { first: `${period}-01`, last: `${period}-${String(daysInMonth(period)).padStart(2, '0')}` };
}

/** Whether `period` is over on local date `today` (its last day has passed). */
export const periodIsOver = (period: string, today: string) => today > periodBounds(period).last;
