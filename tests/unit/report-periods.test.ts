import { describe, expect, it } from 'vitest';
import { bucketKeyOf, bucketMonths, makeBucket, monthsOf, previousKey, rangeBuckets, yearEarlierKey } from '@/server/reports/periods';
import { AppError } from '@/server/errors';

describe('report buckets', () => {
  it('names the bucket a month falls in at each grain', () => {
    expect(bucketKeyOf('2026-05', 'month')).toBe('2026-05');
    expect(bucketKeyOf('2026-05', 'quarter')).toBe('2026-Q2');
    expect(bucketKeyOf('2026-12', 'quarter')).toBe('2026-Q4');
    expect(bucketKeyOf('2026-01', 'year')).toBe('2026');
  });

  it('gives a bucket its months', () => {
    expect(bucketMonths('2026-Q3')).toEqual({ firstMonth: '2026-07', lastMonth: '2026-09' });
    expect(bucketMonths('2026')).toEqual({ firstMonth: '2026-01', lastMonth: '2026-12' });
    expect(monthsOf(bucketMonths('2026-Q1'))).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(() => bucketMonths('2026-Q5')).toThrow(RangeError);
  });

  it('finds the bucket before and the one a year earlier, across a year end', () => {
    expect(previousKey('2026-01')).toBe('2025-12');
    expect(previousKey('2026-Q1')).toBe('2025-Q4');
    expect(previousKey('2026')).toBe('2025');
    expect(yearEarlierKey('2026-03')).toBe('2025-03');
    expect(yearEarlierKey('2026-Q2')).toBe('2025-Q2');
  });

  it('reads each bucket as of min(D, its last day) and marks it closed only when all its months are', () => {
    const b = makeBucket('2026-Q1', '2026-02-10', new Set(['2026-01']));
    expect(b).toEqual({
      key: '2026-Q1',
      firstMonth: '2026-01',
      lastMonth: '2026-03',
      firstDay: '2026-01-01',
      lastDay: '2026-03-31',
      cutoff: '2026-02-10',
      closed: false,
    });
    expect(makeBucket('2026-01', '2026-06-30', new Set(['2026-01'])).closed).toBe(true);
    expect(makeBucket('2026-01', '2026-06-30', new Set()).cutoff).toBe('2026-01-31');
  });

  it('widens a range to whole quarters, defaults D to today when the range is not over, and drops buckets after D', () => {
    const r = rangeBuckets({ grain: 'quarter', from: '2026-02', to: '2026-11', today: '2026-08-15' }, new Set());
    expect(r.cutoff).toBe('2026-08-15');
    expect(r.buckets.map((b) => [b.key, b.cutoff])).toEqual([
      ['2026-Q1', '2026-03-31'],
      ['2026-Q2', '2026-06-30'],
      ['2026-Q3', '2026-08-15'],
    ]);
    const m = rangeBuckets({ grain: 'month', from: '2026-01', to: '2026-03', today: '2026-12-01' }, new Set());
    expect(m.cutoff).toBe('2026-03-31');
    expect(m.buckets).toHaveLength(3);
  });

  it('refuses a cut-off before the range starts, by key', () => {
    try {
      rangeBuckets({ grain: 'month', from: '2026-03', to: '2026-04', cutoff: '2026-02-28', today: '2026-12-01' }, new Set());
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).key).toBe('cutoffBeforePeriod');
    }
  });
});
