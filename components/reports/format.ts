import { formatFen } from '@/server/shared/money';
import type { Interval } from '@/server/reports/types';

// How the reports show their numbers (Intl only, in the reader's language). Pure: the report
// components, the exports and the unit tests share it.

export interface ReportFormat {
  locale: string;
  /** a rate 0–1 as a percentage, two decimals; '—' without one */
  rate: (r: number | null | undefined) => string;
  /** a change of a rate (difference of fractions) in percentage points, signed, one decimal */
  pp: (d: number | null | undefined) => string;
  /** a number already in percentage points, signed, one decimal */
  points: (p: number | null | undefined) => string;
  /** a plain number with up to `digits` decimals */
  num: (n: number | null | undefined, digits?: number) => string;
  /** a whole number with grouping */
  int: (n: number | null | undefined) => string;
  money: (fen: number) => string;
  /** an interval of plain numbers: low–high */
  interval: (i: Interval | null | undefined, digits?: number) => string;
}

const DASH = '—';

export function reportFormat(locale: string, currency: string): ReportFormat {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const ints = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const nums = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let f = nums.get(digits);
    if (!f) nums.set(digits, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits })));
    return f;
  };
  const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
  const num = (n: number | null | undefined, digits = 1) => (ok(n) ? numberFormat(digits).format(n) : DASH);
  return {
    locale,
    rate: (r) => (ok(r) ? percent.format(r) : DASH),
    pp: (d) => (ok(d) ? signed.format(d * 100) : DASH),
    points: (p) => (ok(p) ? signed.format(p) : DASH),
    num,
    int: (n) => (ok(n) ? ints.format(n) : DASH),
    money: (fen) => formatFen(fen, currency, locale),
    interval: (i, digits = 2) => (i ? `${num(i.low, digits)} – ${num(i.high, digits)}` : DASH),
  };
}

/** A bucket key's words: 2026-03 as is, 2026-Q1 and 2026 by the catalog (quarter, year). */
export function bucketLabel(key: string, words: { quarter: (year: string, q: string) => string; year: (year: string) => string }): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return words.quarter(q[1]!, q[2]!);
  if (/^\d{4}$/.test(key)) return words.year(key);
  return key;
}

/** Text for an ECharts tooltip (which renders HTML): names come from users. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
