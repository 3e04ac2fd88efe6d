import { describe, expect, it } from 'vitest';
import { expectedIndex, levelForIndex, levelRates, payProbability, clampProbability } from '@/server/demo/generate';
import { qualityIndex } from '@/server/shared/quality-index';
import { median, mulberry32 } from '@/server/shared/statistics';
import { fitRelationship, rateOver, type RateParts, type RelationshipData, type SegmentCount } from '@/server/reports/relationship-statistics';

// The proof of the relationship section, in memory (fixed seeds): 40 communities × 12
// months drawn with the demo generator's model (server/demo/generate.ts), fed to the same pure
// function the report uses (server/reports/relationship-statistics.ts).
//   - a community's service level is set so its expected quality index is a target spread evenly
//     over 40–90 (levelForIndex); its work orders are drawn with that level's rates (levelRates)
//     and its measured index per month / over the range is the quality index of those orders, so
//     x carries the sampling noise a real report has;
//   - a unit pays a month's bill with P = payProbability(planted index, 0.85, β) moved by ± gap/2
//     for a good / bad service experience, centred within the community (as the generator does),
//     the draw shared across months 60 % of the time (habitual payers); amounts by floor area.

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const COMMUNITIES = 40;
const BASE = 0.85;

interface Order {
  cancelled: boolean;
  frMet: boolean;
  resMet: boolean;
  ratio: number;
  reopened: boolean;
  rating: number | null;
}

function indexOf(orders: Order[]): number | null {
  const open = orders.filter((o) => !o.cancelled);
  const ratings = open.map((o) => o.rating).filter((r): r is number => r !== null);
  const share = (k: number, n: number) => (n ? k / n : null);
  return qualityIndex({
    meanRating: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
    csatShare: share(ratings.filter((r) => r >= 4).length, ratings.length),
    firstResponseShare: share(open.filter((o) => o.frMet).length, open.length),
    resolutionShare: share(open.filter((o) => o.resMet).length, open.length),
    reopenRate: share(open.filter((o) => o.reopened).length, open.length),
    cancellationRate: share(orders.length - open.length, orders.length),
    medianResolveMs: median(open.map((o) => o.ratio)),
    resolveTargetMs: 1,
  }).index;
}

function simulate({ effect, gap, seed }: { effect: number; gap: number; seed: number }): RelationshipData {
  const random = mulberry32(seed);
  const bern = (p: number) => random() < p;
  const communities: RelationshipData['communities'][number][] = [];
  const monthlyRates = new Map<string, Map<string, RateParts>>();
  const rangeQuality = new Map<string, number | null>();
  const bucketQuality = new Map<string, Map<string, number | null>>(MONTHS.map((m) => [m, new Map()]));
  const households: Record<'good' | 'bad' | 'none' | 'neither', SegmentCount> = {
    good: { units: 0, paid: 0 },
    bad: { units: 0, paid: 0 },
    none: { units: 0, paid: 0 },
    neither: { units: 0, paid: 0 },
  };

  for (let k = 0; k < COMMUNITIES; k++) {
    const id = `c${k}`;
    const level = levelForIndex(40 + (50 * k) / (COMMUNITIES - 1));
    const planted = expectedIndex(level);
    const r = levelRates(level);
    const p = payProbability(planted, BASE, effect);
    const units = Array.from({ length: 200 + Math.floor(random() * 200) }, () => {
      const u = random();
      // experience: good 30 %, bad 20 %, none 50 %
      const s = u < 0.3 ? 1 : u < 0.5 ? -1 : 0;
      return { amount: Math.round((6000 + random() * 8000) * 2.355), habit: random(), s };
    });
    communities.push({ communityId: id, name: id, units: units.length });
    const meanS = units.reduce((a, x) => a + x.s, 0) / units.length;

    const rates = new Map<string, RateParts>();
    const all: Order[] = [];
    MONTHS.forEach((month, mi) => {
      const orders: Order[] = Array.from({ length: Math.round(units.length * 0.125) }, () => {
        const cancelled = bern(r.cancel);
        const resMet = bern(r.resolutionMet);
        return {
          cancelled,
          frMet: bern(r.firstResponseMet),
          resMet,
          ratio: resMet ? 0.2 + 0.75 * random() : 1.05 + 1.5 * random(),
          reopened: bern(r.reopen),
          rating: !cancelled && bern(0.7) ? (bern(r.high) ? 4 + Number(bern(r.five)) : 1 + Number(bern(r.low)) + Number(bern(r.low))) : null,
        };
      });
      all.push(...orders);
      bucketQuality.get(month)!.set(id, indexOf(orders));

      const parts = { collected: 0, billed: 0, paidUnits: 0 };
      for (const u of units) {
        const draw = bern(0.6) ? u.habit : random();
        const paid = draw < clampProbability(p + (gap / 200) * (u.s - meanS));
        parts.billed += u.amount;
        if (paid) {
          parts.collected += u.amount;
          parts.paidUnits += 1;
        }
        if (mi === MONTHS.length - 1) {
          const seg = households[u.s === 1 ? 'good' : u.s === -1 ? 'bad' : 'none'];
          seg.units += 1;
          seg.paid += Number(paid);
        }
      }
      rates.set(month, { numerator: parts.collected, denominator: parts.billed });
    });
    monthlyRates.set(id, rates);
    rangeQuality.set(id, indexOf(all));
  }
  return { communities, buckets: MONTHS.map((m) => ({ key: m, months: [m] })), monthlyRates, rangeQuality, bucketQuality, households };
}

const contains = (i: { low: number; high: number } | null, v: number) => i !== null && i.low <= v && v <= i.high;

describe('the relationship recovers a planted effect (40 communities × 12 months, in memory)', () => {
  it('β = 5: the slope is about 5 percentage points per 10 index points; its 95% interval contains 5 and excludes 0', () => {
    const out = fitRelationship(simulate({ effect: 5, gap: 10, seed: 16_005 }));
    const s = out.summary.communities;
    expect(out.n).toBe(40);
    expect(s).toMatchObject({ n: 40, points: 40, intervalShown: true, noIntervalReason: null, direction: 'positive' });
    expect(contains(s.interval, 5), JSON.stringify(s)).toBe(true);
    expect(s.interval!.low).toBeGreaterThan(0);
    // r is strong and significant: its Fisher interval excludes 0
    expect(out.communities.fit.rInterval!.low).toBeGreaterThan(0.5);
    // the per-month panel (480 points, cluster bootstrap) and the lag view see it too
    expect(out.panel.fit).toMatchObject({ n: 40, points: 480, replicates: 2000 });
    expect(out.summary.panel.interval!.low).toBeGreaterThan(0);
    expect(out.lag.fit.points).toBe(40 * 11);
    expect(out.summary.lag.interval!.low).toBeGreaterThan(0);
  });

  it('β = 0: the slope’s 95% interval contains 0', () => {
    const out = fitRelationship(simulate({ effect: 0, gap: 10, seed: 16_000 }));
    const s = out.summary.communities;
    expect(s.intervalShown).toBe(true);
    expect(contains(s.interval, 0), JSON.stringify(s)).toBe(true);
    expect(s.direction).toBe('unclear');
    expect(contains(out.summary.panel.interval, 0), JSON.stringify(out.summary.panel)).toBe(true);
  });

  it('the household segments recover the planted unit-level gap (Wilson per segment, Newcombe for good − bad)', () => {
    const out = fitRelationship(simulate({ effect: 5, gap: 10, seed: 16_005 }));
    const h = out.households;
    expect(h.good.units + h.bad.units + h.none.units).toBe(out.communities.points.reduce((a, p) => a + p.units, 0));
    expect(h.neither.units).toBe(0);
    for (const seg of [h.good, h.bad, h.none]) expect(contains(seg.interval, seg.rate!)).toBe(true);
    const gap = out.summary.householdGap!;
    expect(contains(gap.interval, 10), JSON.stringify(gap)).toBe(true);
    expect(gap.interval.low).toBeGreaterThan(0);
    expect(gap.points).toBeCloseTo(100 * h.difference!.difference, 10);
  });

  it('without a planted gap the household interval contains 0', () => {
    const gap = fitRelationship(simulate({ effect: 5, gap: 0, seed: 16_007 })).summary.householdGap!;
    expect(contains(gap.interval, 0), JSON.stringify(gap)).toBe(true);
  });
});

describe('relationship statistics: definitions', () => {
  it('a rate over months is Σ numerator ÷ Σ denominator, not the mean of the months’ rates', () => {
    const m = new Map([
      ['2026-01', { numerator: 90, denominator: 100 }],
      ['2026-02', { numerator: 10, denominator: 100_0 }],
    ]);
    expect(rateOver(m, ['2026-01', '2026-02'])).toBeCloseTo(100 / 1100, 12);
    expect(rateOver(m, ['2026-03'])).toBeNull();
    expect(rateOver(undefined, ['2026-01'])).toBeNull();
  });

  it('under 8 communities: points, line and r, but no interval, and the reason', () => {
    const d = simulate({ effect: 5, gap: 10, seed: 3 });
    const few = { ...d, communities: d.communities.slice(0, 7) };
    const out = fitRelationship(few);
    expect(out.n).toBe(7);
    expect(out.communities.fit.slope).not.toBeNull();
    expect(out.communities.fit.slopeInterval).toBeNull();
    expect(out.communities.fit.rInterval).toBeNull();
    expect(out.summary.communities).toMatchObject({ n: 7, intervalShown: false, interval: null, noIntervalReason: 'tooFewCommunities', direction: null });
    expect(out.summary.panel).toMatchObject({ n: 7, points: 84, intervalShown: false, noIntervalReason: 'tooFewCommunities' });
  });

  it('communities without an index or a rate are left out; the lag pairs bucket t’s index with bucket t + 1’s rate', () => {
    const parts = (n: number, d: number) => ({ numerator: n, denominator: d });
    const out = fitRelationship({
      communities: [
        { communityId: 'a', name: 'A', units: 10 },
        { communityId: 'b', name: 'B', units: 20 },
        { communityId: 'c', name: 'C', units: 30 },
      ],
      buckets: [
        { key: '2026-Q1', months: ['2026-01', '2026-02', '2026-03'] },
        { key: '2026-Q2', months: ['2026-04', '2026-05', '2026-06'] },
      ],
      monthlyRates: new Map([
        [
          'a',
          new Map([
            ['2026-01', parts(50, 100)],
            ['2026-04', parts(30, 100)],
          ]),
        ],
        ['b', new Map([['2026-02', parts(0, 0)]])],
        ['c', new Map([['2026-06', parts(1, 4)]])],
      ]),
      rangeQuality: new Map<string, number | null>([
        ['a', 70],
        ['b', 60],
        ['c', null],
      ]),
      bucketQuality: new Map([
        [
          '2026-Q1',
          new Map<string, number | null>([
            ['a', 65],
            ['c', 50],
          ]),
        ],
        ['2026-Q2', new Map<string, number | null>([['a', 75]])],
      ]),
      households: { good: { units: 0, paid: 0 }, bad: { units: 3, paid: 1 }, none: { units: 0, paid: 0 }, neither: { units: 0, paid: 0 } },
    });
    expect(out.communities.points).toEqual([{ communityId: 'a', name: 'A', units: 10, quality: 70, rate: 0.4 }]);
    expect(out.panel.points.map((p) => [p.communityId, p.bucket, p.quality, p.rate])).toEqual([
      ['a', '2026-Q1', 65, 0.5],
      ['a', '2026-Q2', 75, 0.3],
    ]);
    expect(out.lag.points.map((p) => [p.communityId, p.bucket, p.quality, p.rate])).toEqual([
      ['a', '2026-Q1', 65, 0.3],
      ['c', '2026-Q1', 50, 0.25],
    ]);
    expect(out.summary.communities).toMatchObject({ n: 1, per10Points: null, noIntervalReason: 'tooFewCommunities' });
    expect(out.households.difference).toBeNull();
    expect(out.summary.householdGap).toBeNull();
    expect(out.households.bad).toMatchObject({ units: 3, paid: 1, rate: 1 / 3 });
  });
});
