// The columns of a report (pure): a range of months at a grain becomes buckets (months,
// quarters, years), each read as of min(D, its last day). DOMAIN.md: "A quarter's or year's rate
// uses its months' bills, opening arrears at its first day, and counts a household as paid when
// all its bills of the range are paid."

import { AppError } from '../errors';
import { addMonths, periodBounds } from '../shared/calendar';
import type { ReportGrain } from '../shared/schemas/reports';
import type { Bucket } from './types';

/** The bucket key a month falls in at a grain: 2026-05 → 2026-05 | 2026-Q2 | 2026. */
export function bucketKeyOf(month: string, grain: ReportGrain): string {
  if (grain === 'month') return month;
  if (grain === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** First and last month of a bucket key. */
export function bucketMonths(key: string): { firstMonth: string; lastMonth: string } {
  if (/^\d{4}-\d{2}$/.test(key)) return { firstMonth: key, lastMonth: key };
  if (/^\d{4}$/.test(key)) return { firstMonth: `${key}-01`, lastMonth: `${key}-12` };
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) throw new RangeError(`bucket key ${key}`);
  const first = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}`;
  return { firstMonth: first, lastMonth: addMonths(first, 2) };
}

/** Months of a bucket, in order. */
export function monthsOf(b: Pick<Bucket, 'firstMonth' | 'lastMonth'>): string[] {
  const out: string[] = [];
  for (let m = b.firstMonth; m <= b.lastMonth; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The bucket `key` read as of min(cutoff, its last day); closed when all its months are. */
export function makeBucket(key: string, cutoff: string, closedMonths: ReadonlySet<string>): Bucket {
  const { firstMonth, lastMonth } = bucketMonths(key);
  const firstDay = periodBounds(firstMonth).first;
  const lastDay = periodBounds(lastMonth).last;
  const b = { key, firstMonth, lastMonth, firstDay, lastDay, cutoff: cutoff < lastDay ? cutoff : lastDay, closed: false };
  b.closed = monthsOf(b).every((m) => closedMonths.has(m));
  return b;
}

/** The bucket before (previous month / quarter / year) and the one a year earlier. */
export function previousKey(key: string): string {
  const { firstMonth } = bucketMonths(key);
  if (/^\d{4}$/.test(key)) return String(Number(key) - 1);
  return bucketKeyOf(addMonths(firstMonth, /Q/.test(key) ? -3 : -1), /Q/.test(key) ? 'quarter' : 'month');
}
export function yearEarlierKey(key: string): string {
  if (/^\d{4}$/.test(key)) return String(Number(key) - 1);
  return `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;
}

/**
 * The range's buckets. `from`/`to` widen to whole quarters/years. The cut-off D defaults to the
 * last day of the range, or `today` if the range is not over; a D before the range's first day
 * is refused, and buckets that start after D are dropped (nothing can be read of them yet).
 */
export function rangeBuckets(
  p: { grain: ReportGrain; from: string; to: string; cutoff?: string | undefined; today: string },
  closedMonths: ReadonlySet<string>,
): { cutoff: string; buckets: Bucket[] } {
  const first = bucketMonths(bucketKeyOf(p.from, p.grain)).firstMonth;
  const last = bucketMonths(bucketKeyOf(p.to, p.grain)).lastMonth;
  const firstDay = periodBounds(first).first;
  const lastDay = periodBounds(last).last;
  let cutoff: string;
  if (p.cutoff !== undefined) {
    if (p.cutoff < firstDay) throw new AppError('BAD_REQUEST', 'cutoffBeforePeriod', { first: firstDay });
    cutoff = p.cutoff;
  } else cutoff = p.today < lastDay ? p.today : lastDay;
  const keys: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) {
    const k = bucketKeyOf(m, p.grain);
    if (keys[keys.length - 1] !== k) keys.push(k);
  }
  const buckets = keys.map((k) => makeBucket(k, cutoff, closedMonths)).filter((b) => b.firstDay <= cutoff);
  return { cutoff, buckets };
}

/** The whole range read as one bucket (key `total`); closed when its months all are. */
export function totalBucket(buckets: readonly Bucket[], cutoff: string): Bucket | null {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) return null;
  return {
    key: 'total',
    firstMonth: first.firstMonth,
    lastMonth: last.lastMonth,
    firstDay: first.firstDay,
    lastDay: last.lastDay,
    cutoff: cutoff < last.lastDay ? cutoff : last.lastDay,
    closed: buckets.every((b) => b.closed),
  };
}

/** A month bucket that is closed reads its published figures; everything else is computed. */
export const isPublishedMonth = (b: Bucket) => b.closed && b.firstMonth === b.lastMonth;
