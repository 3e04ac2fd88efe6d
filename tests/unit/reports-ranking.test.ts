import { describe, expect, it } from 'vitest';
import { overallRanks, rankedDesc, rateChange, ranksDesc } from '@/server/reports/ranking';
import { EMPTY_COUNTS, qualityStats, withIndex } from '@/server/reports/quality-stats';
import { isPublishedMonth, totalBucket } from '@/server/reports/periods';
import { makeBucket } from '@/server/reports/periods';
import { EMPTY_PARTS, figuresFromParts } from '@/server/collection/rates';
import { DEFAULT_QUALITY_WEIGHTS } from '@/server/shared/quality-index';

describe('rankings', () => {
  it('competition ranks: equal values share a rank, the next skips; no value, no rank', () => {
    expect(ranksDesc([0.9, 0.5, 0.9, null, 0.7])).toEqual([1, 4, 1, null, 3]);
    expect(ranksDesc([])).toEqual([]);
  });

  it('a ranked list puts items without a value last, sharing the rank after the valued ones', () => {
    const items = [
      { name: '乙', v: 0.5 },
      { name: '丙', v: null },
      { name: '甲', v: 0.8 },
      { name: '丁', v: 0.5 },
      { name: '戊', v: null },
    ];
    const r = rankedDesc(
      items,
      (x) => x.v,
      (x) => x.name,
    );
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ['甲', 1],
      ['丁', 2],
      ['乙', 2],
      ['丙', 4],
      ['戊', 4],
    ]);
  });

  it('季度评比: the mean of the two ranks, ties by collection rate, missing values count as last', () => {
    const r = overallRanks([
      { qualityIndex: 80, collectionRate: 0.9 }, // ranks 2, 2 → 2, the higher rate
      { qualityIndex: 90, collectionRate: 0.8 }, // ranks 1, 3 → 2
      { qualityIndex: 70, collectionRate: 0.7 }, // 3, 4 → 3.5
      { qualityIndex: null, collectionRate: 0.95 }, // (3 valued + 1 = 4), 1 → 2.5
      { qualityIndex: null, collectionRate: null }, // 4, (4 valued + 1 = 5) → 4.5
    ]);
    expect(r.map((x) => [x.qualityRank, x.collectionRank, x.meanRank, x.overallRank])).toEqual([
      [2, 2, 2, 1],
      [1, 3, 2, 2],
      [3, 4, 3.5, 4],
      [null, 1, 2.5, 3],
      [null, null, 4.5, 5],
    ]);
  });

  it('overall ranks are shared when both the mean and the rate are equal', () => {
    const r = overallRanks([
      { qualityIndex: 60, collectionRate: 0.5 },
      { qualityIndex: 60, collectionRate: 0.5 },
      { qualityIndex: 50, collectionRate: 0.4 },
    ]);
    expect(r.map((x) => x.overallRank)).toEqual([1, 1, 3]);
  });
});

describe('rate changes', () => {
  const f = (billed: number, collected: number) => figuresFromParts({ ...EMPTY_PARTS, billedFen: billed, collectedFen: collected });
  it('subtracts fractions; null when either side has no rate or there is no earlier bucket', () => {
    const c = rateChange(f(100, 80), f(100, 50));
    expect(c.currentPeriod).toBeCloseTo(0.3, 12);
    expect(c.household).toBeNull();
    expect(c.overall).toBeCloseTo(0.3, 12);
    expect(rateChange(f(100, 80), f(0, 0)).currentPeriod).toBeNull();
    expect(rateChange(f(100, 80), undefined).currentPeriod).toBeNull();
  });
});

describe('quality stats', () => {
  it('shares from counts; null without a denominator; reach per 100 units', () => {
    const s = qualityStats(
      {
        ...EMPTY_COUNTS,
        orders: 8,
        ratings: 4,
        ratingSum: 15,
        csat: 3,
        firstResponseDecided: 5,
        firstResponseMet: 4,
        resolved: 6,
        reopened: 3,
        cancelled: 2,
        medianResolveMs: 9 * 3_600_000,
        medianResolveRatio: 2,
      },
      200,
    );
    expect(s).toMatchObject({
      meanRating: 3.75,
      csatShare: 0.75,
      firstResponseShare: 0.8,
      resolutionShare: null,
      reopenRate: 0.5,
      cancellationRate: 0.25,
      medianResolveHours: 9,
      ordersPer100Units: 4,
    });
    // index: rating 25 × 2.75, CSAT 75, FR 80, reopen 50, cancellation 75, resolve time 100 ÷ 2;
    // resolution has no data: 6 components
    const q = withIndex(s, DEFAULT_QUALITY_WEIGHTS);
    expect(q.index.componentsUsed).toBe(6);
    expect(q.index.index).toBeCloseTo((68.75 + 75 + 80 + 50 + 75 + 50) / 6, 12);
    expect(withIndex(qualityStats(EMPTY_COUNTS, 0), DEFAULT_QUALITY_WEIGHTS)).toMatchObject({
      ordersPer100Units: null,
      index: { index: null, componentsUsed: 0 },
    });
    // a median faster than its targets scores 100
    expect(withIndex({ ...s, medianResolveRatio: 0.4 }, DEFAULT_QUALITY_WEIGHTS).index.scores.resolveTime).toBe(100);
  });
});

describe('the range as one bucket', () => {
  it('spans the buckets, read as of min(D, its end); published only when it is one closed month', () => {
    const closed = new Set(['2026-01', '2026-02', '2026-03']);
    const q1 = makeBucket('2026-Q1', '2026-05-10', closed);
    const q2 = makeBucket('2026-Q2', '2026-05-10', closed);
    expect(totalBucket([q1, q2], '2026-05-10')).toEqual({
      key: 'total',
      firstMonth: '2026-01',
      lastMonth: '2026-06',
      firstDay: '2026-01-01',
      lastDay: '2026-06-30',
      cutoff: '2026-05-10',
      closed: false,
    });
    expect(totalBucket([], '2026-05-10')).toBeNull();
    expect(isPublishedMonth(q1)).toBe(false);
    const jan = makeBucket('2026-01', '2026-05-10', closed);
    expect(isPublishedMonth(jan)).toBe(true);
    expect(isPublishedMonth(totalBucket([jan], '2026-05-10')!)).toBe(true);
  });
});
