import { describe, expect, it } from 'vitest';
import {
  MIN_COMMUNITIES_FOR_INTERVAL,
  clusterBootstrap,
  fisherInterval,
  fitCommunities,
  leastSquares,
  mean,
  median,
  mulberry32,
  newcombeDifference,
  pearson,
  slopeInterval,
  spearman,
  wilson,
  type Interval,
  type PanelPoint,
} from '@/server/shared/statistics';

/** A published figure to 4 decimals: our value must round to it. */
const to4 = (x: number) => Number(x.toFixed(4));
const bounds4 = (i: Interval | null) => (i ? [to4(i.low), to4(i.high)] : null);
const contains = (i: Interval | null, v: number) => i !== null && i.low <= v && v <= i.high;
const width = (i: Interval | null) => (i ? i.high - i.low : NaN);

// Anscombe's quartet: F. J. Anscombe, "Graphs in statistical analysis", The American Statistician
// 27 (1973) 17–21, Table 1. Every set: mean x 9, mean y 7.5, line y = 3 + 0.5x, r = 0.82,
// residual sum of squares 13.75, standard error of the slope 0.118.
const X123 = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const Y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
const Y2 = [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74];
const Y3 = [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73];
const X4 = [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8];
const Y4 = [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89];
const QUARTET: [number[], number[]][] = [
  [X123, Y1],
  [X123, Y2],
  [X123, Y3],
  [X4, Y4],
];

describe('statistics: location, correlation and the least-squares line', () => {
  it('gives means and medians, and null for an empty sample', () => {
    expect(mean(X123)).toBe(9);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(() => mean([1, NaN])).toThrow(RangeError);
  });

  it.each(QUARTET)('reproduces Anscombe (1973): line 3 + 0.5x and r = 0.82 (set %#)', (x, y) => {
    const line = leastSquares(x, y)!;
    expect(line.slope).toBeCloseTo(0.5, 2);
    expect(line.intercept).toBeCloseTo(3, 2);
    expect(pearson(x, y)).toBeCloseTo(0.82, 2);
    expect(mean(y)).toBeCloseTo(7.5, 2);
  });

  it('reproduces Swinscow & Campbell, Statistics at Square One (BMJ), ch. 11: r = 0.846, slope 1.033 ml/cm', () => {
    // Table 11.1: height (cm) and pulmonary anatomical deadspace (ml) of 15 children.
    const height = [110, 116, 124, 129, 131, 138, 142, 150, 153, 155, 156, 159, 164, 168, 174];
    const deadspace = [44, 31, 43, 45, 56, 79, 57, 56, 58, 92, 78, 64, 88, 112, 101];
    expect(pearson(height, deadspace)).toBeCloseTo(0.846, 3);
    expect(leastSquares(height, deadspace)!.slope).toBeCloseTo(1.033, 3);
  });

  it('ranks ties by their average rank in Spearman ρ', () => {
    // Anscombe set 4: ten x's tie at 8 (midrank 5.5) and the one x of 19 goes with the largest y,
    // so ρ = Σdx·dy / √(Σdx²·Σdy²) = 27.5 / √(27.5 · 110) = 0.5 exactly (R: cor(x4, y4, method = "spearman")).
    expect(spearman(X4, Y4)).toBeCloseTo(0.5, 12);
    // Set 1 has no ties: ρ = 1 − 6Σd² / (n(n² − 1)) = 1 − 6·40 / 1320 = 0.8182.
    expect(spearman(X123, Y1)).toBeCloseTo(1 - 240 / 1320, 12);
    // With ties the pairs' order does not matter (arbitrary tie-breaking would make it matter).
    const x = [1, 2, 2, 2, 3, 4];
    const y = [2, 1, 3, 5, 4, 6];
    const order = [5, 3, 1, 0, 4, 2];
    expect(
      spearman(
        order.map((i) => x[i]!),
        order.map((i) => y[i]!),
      ),
    ).toBeCloseTo(spearman(x, y)!, 12);
    // Hand-computed: x ranks 1, 3, 3, 3, 5, 6; y ranks 2, 1, 3, 5, 4, 6 → Σdxdy = 11.5, Σdx² = 15.5, Σdy² = 17.5.
    expect(spearman(x, y)).toBeCloseTo(11.5 / Math.sqrt(15.5 * 17.5), 12);
  });

  it('has no correlation or line without spread, and refuses unequal samples', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(leastSquares([2, 2], [1, 3])).toBeNull();
    expect(leastSquares([1], [1])).toBeNull();
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
  });
});

describe('statistics: intervals for r and the slope', () => {
  it('gives r a Fisher z interval: Anscombe set 1 (R cor.test: r 0.8164205, 0.4243912 to 0.9506933)', () => {
    expect(pearson(X123, Y1)).toBeCloseTo(0.8164205, 7);
    expect(bounds4(fisherInterval(pearson(X123, Y1)!, 11))).toEqual([0.4244, 0.9507]);
  });

  it('follows the worked example of Biostatistics For Dummies (Pokorny, Wiley): r = 0.5, N = 12 → z from −0.104 to 1.203', () => {
    const i = fisherInterval(0.5, 12)!;
    expect(Math.atanh(i.low)).toBeCloseTo(-0.104, 3);
    expect(Math.atanh(i.high)).toBeCloseTo(1.203, 3);
    expect([i.low, i.high].map((v) => v.toFixed(2))).toEqual(['-0.10', '0.83']);
  });

  it('needs n ≥ 4 for Fisher z and collapses onto a perfect correlation', () => {
    expect(fisherInterval(0.9, 3)).toBeNull();
    expect(fisherInterval(1, 10)).toEqual({ low: 1, high: 1 });
    expect(() => fisherInterval(1.1, 10)).toThrow(RangeError);
  });

  it('gives the slope a t interval with n − 2 df: Anscombe set 1 (R confint: 0.2333701 to 0.7668117)', () => {
    const i = slopeInterval(X123, Y1)!;
    expect(i.low).toBeCloseTo(0.2333701, 6);
    expect(i.high).toBeCloseTo(0.7668117, 6);
    // Its half-width is t(0.975, 9) = 2.262157 times Anscombe's standard error 0.118.
    expect((i.high - i.low) / 2 / 2.262157).toBeCloseTo(0.118, 3);
    expect(slopeInterval([1, 2], [1, 2])).toBeNull();
  });

  it(`shows no interval under ${MIN_COMMUNITIES_FOR_INTERVAL} communities, but still the line, r and ρ`, () => {
    const points = X123.map((x, i) => ({ x, y: Y1[i]! }));
    const seven = fitCommunities(points.slice(0, 7));
    expect(seven).toMatchObject({ n: 7, slopeInterval: null, rInterval: null });
    expect(seven.r).not.toBeNull();
    expect(seven.rho).not.toBeNull();
    expect(seven.slope).not.toBeNull();
    const eight = fitCommunities(points.slice(0, 8));
    expect(eight.slopeInterval).not.toBeNull();
    expect(eight.rInterval).not.toBeNull();
    const all = fitCommunities(points);
    expect(bounds4(all.slopeInterval)).toEqual([0.2334, 0.7668]);
    expect(bounds4(all.rInterval)).toEqual([0.4244, 0.9507]);
    expect(fitCommunities([])).toMatchObject({ n: 0, slope: null, r: null, rho: null });
  });
});

describe('statistics: proportions', () => {
  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17 (1998) 857–872, Table I, method 3 (score, no
  // continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('gives %i/%i the Wilson interval %f to %f (Newcombe 1998a)', (x, n, low, high) => {
    expect(bounds4(wilson(x, n))).toEqual([low, high]);
  });

  it('has no Wilson interval without trials and refuses impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(1.5, 4)).toThrow(RangeError);
  });

  // R. G. Newcombe, "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890, Table II, method 10
  // (hybrid score interval from the two Wilson intervals), examples (a)–(h).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('gives %i/%i − %i/%i Newcombe’s interval %f to %f (Newcombe 1998b)', (x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference(x1, n1, x2, n2)!;
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(bounds4(d.interval)).toEqual([low, high]);
  });

  it('has no difference when a group is empty', () => {
    expect(newcombeDifference(1, 2, 0, 0)).toBeNull();
  });
});

// ——— simulation helpers (seeded) ———

function normal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function binomial(random: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

interface PanelOptions {
  seed: number;
  communities: number;
  periods: number;
  /** y = intercept + slope·x + community effect (sd) + point noise (sd). */
  slope: number;
  communitySd: number;
  noiseSd: number;
  /** Spread of a community's own slope around `slope`. */
  slopeSd?: number;
}

function plantedPanel(o: PanelOptions): PanelPoint[] {
  const random = mulberry32(o.seed);
  const points: PanelPoint[] = [];
  for (let c = 0; c < o.communities; c++) {
    const level = 40 + 50 * random();
    const u = o.communitySd * normal(random);
    const b = o.slope + (o.slopeSd ?? 0) * normal(random);
    for (let t = 0; t < o.periods; t++) {
      const x = level + 3 * normal(random);
      points.push({ cluster: `c${c}`, x, y: 50 + b * (x - 65) + u + o.noiseSd * normal(random) });
    }
  }
  return points;
}

describe('statistics: cluster bootstrap over communities', () => {
  const base = { communities: 30, periods: 12, slope: 0.4, communitySd: 2, noiseSd: 1 };

  it('is repeatable for a fixed seed and moves with the seed', () => {
    const points = plantedPanel({ seed: 1, ...base });
    const a = clusterBootstrap(points, { replicates: 500 });
    const b = clusterBootstrap(points, { replicates: 500 });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ n: 30, points: 360, replicates: 500, validReplicates: 500 });
    const c = clusterBootstrap(points, { replicates: 500, seed: 7 });
    expect(c.slopeInterval).not.toEqual(a.slopeInterval);
    expect(c.slope).toBe(a.slope);
  });

  it('covers the planted slope, and r lies in its interval', () => {
    const fit = clusterBootstrap(plantedPanel({ seed: 2, ...base }), { replicates: 1000 });
    expect(contains(fit.slopeInterval, 0.4)).toBe(true);
    expect(contains(fit.slopeInterval, 0)).toBe(false);
    expect(contains(fit.rInterval, fit.r!)).toBe(true);
  });

  it('widens when communities differ, and is wider than the naive interval that treats periods as independent', () => {
    const calm = clusterBootstrap(plantedPanel({ seed: 3, ...base, communitySd: 0.5 }), { replicates: 1000 });
    const points = plantedPanel({ seed: 3, ...base, communitySd: 6, slopeSd: 0.2 });
    const rough = clusterBootstrap(points, { replicates: 1000 });
    expect(width(rough.slopeInterval)).toBeGreaterThan(2 * width(calm.slopeInterval));
    expect(contains(rough.slopeInterval, 0.4)).toBe(true);
    const naive = slopeInterval(
      points.map((p) => p.x),
      points.map((p) => p.y),
    );
    expect(width(rough.slopeInterval)).toBeGreaterThan(1.5 * width(naive));
  });

  it(`gives no interval under ${MIN_COMMUNITIES_FOR_INTERVAL} communities`, () => {
    const fit = clusterBootstrap(plantedPanel({ seed: 4, ...base, communities: 7 }));
    expect(fit).toMatchObject({ n: 7, slopeInterval: null, rInterval: null, replicates: 0 });
    expect(fit.slope).not.toBeNull();
  });
});

// The planted effect of issue #16, in memory: 40 communities × 12 months, a community's quality
// index spread over 40–90 (moving ±3 from month to month), P(pay) = base + β × (index − 70) / 10
// plus a community effect, 200 units a month each. The slope is read in percentage points per
// 10 index points.
function plantedCollection(beta: number, seed: number) {
  const random = mulberry32(seed);
  const units = 200;
  const panel: PanelPoint[] = [];
  const communities: { x: number; y: number }[] = [];
  for (let c = 0; c < 40; c++) {
    const level = 40 + 50 * random();
    const own = 0.02 * normal(random);
    let indexSum = 0;
    let paid = 0;
    for (let month = 0; month < 12; month++) {
      const index = level + 3 * normal(random);
      const p = Math.min(0.99, Math.max(0.01, 0.85 + (beta / 100) * ((index - 70) / 10) + own));
      const k = binomial(random, units, p);
      panel.push({ cluster: `c${c}`, x: index / 10, y: (100 * k) / units });
      indexSum += index;
      paid += k;
    }
    communities.push({ x: indexSum / 12 / 10, y: (100 * paid) / (12 * units) });
  }
  return { panel, communities };
}

describe('statistics: the planted effect (#16)', () => {
  it('finds β = 5 points per 10 index points: both intervals contain 5 and exclude 0', () => {
    const { panel, communities } = plantedCollection(5, 16);
    const byCommunity = fitCommunities(communities);
    expect(byCommunity.n).toBe(40);
    expect(contains(byCommunity.slopeInterval, 5)).toBe(true);
    expect(contains(byCommunity.slopeInterval, 0)).toBe(false);
    expect(byCommunity.rInterval!.low).toBeGreaterThan(0);
    const byPeriod = clusterBootstrap(panel, { replicates: 1000 });
    expect(contains(byPeriod.slopeInterval, 5)).toBe(true);
    expect(contains(byPeriod.slopeInterval, 0)).toBe(false);
  });

  it('finds nothing where nothing was planted: with β = 0 both intervals contain 0', () => {
    const { panel, communities } = plantedCollection(0, 16);
    expect(contains(fitCommunities(communities).slopeInterval, 0)).toBe(true);
    expect(contains(fitCommunities(communities).rInterval, 0)).toBe(true);
    expect(contains(clusterBootstrap(panel, { replicates: 1000 }).slopeInterval, 0)).toBe(true);
  });

  it('recovers a planted household gap with Newcombe’s interval', () => {
    // Units with a good service experience pay with P = 0.92, with a bad one P = 0.80.
    const random = mulberry32(16);
    const good = binomial(random, 3000, 0.92);
    const bad = binomial(random, 800, 0.8);
    const gap = newcombeDifference(good, 3000, bad, 800)!;
    expect(contains(gap.interval, 0.12)).toBe(true);
    expect(contains(gap.interval, 0)).toBe(false);
    const none = newcombeDifference(binomial(random, 3000, 0.85), 3000, binomial(random, 800, 0.85), 800)!;
    expect(contains(none.interval, 0)).toBe(true);
  });
});
