import jStat from 'jstat';
import { linearRegression, mean as ssMean, median as ssMedian, quantileSorted, sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';

// The statistics of the analytics reports (DOMAIN.md "The relationship"): point estimates from
// simple-statistics, t and normal quantiles from jstat, and the few formulas no well-kept library
// offers (Fisher's z interval, the slope's t interval, Wilson and Newcombe intervals, a cluster
// bootstrap). Pure and synchronous: the report pages import it as well as the server.
//
// "No data" is null, never NaN: an empty sample has no mean, a sample without spread no
// correlation. Malformed input (unequal lengths, a non-finite value, successes above trials) is a
// bug in the caller and throws a RangeError.

/** Under this many communities the relationship page shows no interval and says why. */
export const MIN_COMMUNITIES_FOR_INTERVAL = 8;
/** Every interval here is a 95% interval. */
export const CONFIDENCE_LEVEL = 0.95;
/** Default number of bootstrap resamples, and the fixed seed that makes them repeatable. */
export const BOOTSTRAP_REPLICATES = 2000;
export const BOOTSTRAP_SEED = 0x4c696e6c; // "Linl"

export interface Interval {
  low: number;
  high: number;
}

export interface Point {
  x: number;
  y: number;
}

/** z with Φ(z) = 0.975: 1.959963984540054 (simple-statistics' probit is only good to 3 places). */
const Z = jStat.normal.inv(1 - (1 - CONFIDENCE_LEVEL) / 2, 0, 1);

function checkFinite(xs: readonly number[], what: string) {
  for (const x of xs) if (!Number.isFinite(x)) throw new RangeError(`${what}: ${x} is not a finite number`);
}

function checkPairs(xs: readonly number[], ys: readonly number[]) {
  if (xs.length !== ys.length) throw new RangeError(`x has ${xs.length} values, y ${ys.length}`);
  checkFinite(xs, 'x');
  checkFinite(ys, 'y');
}

export function mean(xs: readonly number[]): number | null {
  checkFinite(xs, 'mean');
  return xs.length ? ssMean(xs) : null;
}

export function median(xs: readonly number[]): number | null {
  checkFinite(xs, 'median');
  return xs.length ? ssMedian(xs) : null;
}

/** Sum of squared deviations from the mean. */
function ss(xs: readonly number[]): number {
  const m = ssMean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s;
}

/** Pearson's r; null under 2 pairs or when either variable does not vary. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  checkPairs(xs, ys);
  if (xs.length < 2 || ss(xs) === 0 || ss(ys) === 0) return null;
  return clampUnit(sampleCorrelation(xs, ys));
}

/** Spearman's ρ: Pearson's r of the ranks, tied values sharing the average of their ranks. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  checkPairs(xs, ys);
  if (xs.length < 2 || ss(xs) === 0 || ss(ys) === 0) return null;
  return clampUnit(sampleRankCorrelation(xs, ys));
}

/** r is computed as cov / (sx·sy) and may stray past ±1 by an ulp. */
function clampUnit(r: number): number {
  return Math.max(-1, Math.min(1, r));
}

/** The least-squares line y = intercept + slope·x; null under 2 points or when x does not vary. */
export function leastSquares(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } | null {
  checkPairs(xs, ys);
  if (xs.length < 2 || ss(xs) === 0) return null;
  const { m, b } = linearRegression(xs.map((x, i) => [x, ys[i]!]));
  return { slope: m, intercept: b };
}

/**
 * 95% interval of a correlation by Fisher's z: atanh(r) ± z / √(n − 3), transformed back.
 * Defined from n = 4; the relationship page shows it only from MIN_COMMUNITIES_FOR_INTERVAL
 * (fitCommunities applies that).
 */
export function fisherInterval(r: number, n: number): Interval | null {
  if (!(r >= -1 && r <= 1)) throw new RangeError(`r = ${r}`);
  if (n < 4) return null;
  const z = Math.atanh(r); // ±Infinity at r = ±1: the interval collapses onto r
  const half = Z / Math.sqrt(n - 3);
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}

/** 95% interval of the least-squares slope: b ± t(0.975, n − 2) · s / √Sxx. Defined from n = 3. */
export function slopeInterval(xs: readonly number[], ys: readonly number[]): Interval | null {
  const fit = leastSquares(xs, ys);
  const n = xs.length;
  if (!fit || n < 3) return null;
  let sse = 0;
  xs.forEach((x, i) => {
    const e = ys[i]! - fit.intercept - fit.slope * x;
    sse += e * e;
  });
  const se = Math.sqrt(sse / (n - 2) / ss(xs));
  const half = jStat.studentt.inv(1 - (1 - CONFIDENCE_LEVEL) / 2, n - 2) * se;
  return { low: fit.slope - half, high: fit.slope + half };
}

function checkCount(successes: number, n: number) {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`${successes} of ${n}`);
  }
}

/**
 * Wilson's score interval for a proportion (Wilson 1927; method 3 of Newcombe 1998, Stat Med
 * 17:857–872): the p with |p̂ − p| = z·√(p(1 − p)/n). Null for n = 0.
 */
export function wilson(successes: number, n: number): Interval | null {
  checkCount(successes, n);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = Z * Z;
  const centre = (2 * n * p + z2) / (2 * (n + z2));
  const half = (Z * Math.sqrt(z2 + 4 * n * p * (1 - p))) / (2 * (n + z2));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The difference p₁ − p₂ of two independent proportions with Newcombe's hybrid score interval
 * (Newcombe 1998, Stat Med 17:873–890, method 10), built from the two Wilson intervals:
 * low = d − √((p₁ − l₁)² + (u₂ − p₂)²), high = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Null when either group is empty.
 */
export function newcombeDifference(successes1: number, n1: number, successes2: number, n2: number): { difference: number; interval: Interval } | null {
  const w1 = wilson(successes1, n1);
  const w2 = wilson(successes2, n2);
  if (!w1 || !w2) return null;
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const d = p1 - p2;
  return {
    difference: d,
    interval: {
      low: Math.max(-1, d - Math.hypot(p1 - w1.low, w2.high - p2)),
      high: Math.min(1, d + Math.hypot(w1.high - p1, p2 - w2.low)),
    },
  };
}

export interface Fit {
  /** Communities (clusters) the fit rests on. */
  n: number;
  slope: number | null;
  intercept: number | null;
  r: number | null;
  /** Null under MIN_COMMUNITIES_FOR_INTERVAL communities, or when the statistic is undefined. */
  slopeInterval: Interval | null;
  rInterval: Interval | null;
}

export interface CommunityFit extends Fit {
  rho: number | null;
}

/**
 * One point per community (x = quality index, y = collection rate over the range): the line,
 * Pearson's r, Spearman's ρ and, from MIN_COMMUNITIES_FOR_INTERVAL communities on, 95% intervals
 * for r (Fisher's z) and the slope (t with n − 2 df).
 */
export function fitCommunities(points: readonly Point[]): CommunityFit {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const n = points.length;
  const line = leastSquares(xs, ys);
  const r = pearson(xs, ys);
  const shown = n >= MIN_COMMUNITIES_FOR_INTERVAL;
  return {
    n,
    slope: line?.slope ?? null,
    intercept: line?.intercept ?? null,
    r,
    rho: spearman(xs, ys),
    slopeInterval: shown ? slopeInterval(xs, ys) : null,
    rInterval: shown && r !== null ? fisherInterval(r, n) : null,
  };
}

/** mulberry32 (Tommy Ettinger, public domain): a tiny seeded PRNG with uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PanelPoint extends Point {
  /** The community the point belongs to: its points are resampled together. */
  cluster: string;
}

export interface PanelFit extends Fit {
  /** Points (community × period) the line is fitted to. */
  points: number;
  /** Bootstrap resamples drawn, and how many of them had a defined slope. */
  replicates: number;
  validReplicates: number;
}

/** Per-cluster sums of the centred values: enough to refit any resample in O(clusters). */
interface Sums {
  n: number;
  x: number;
  y: number;
  xx: number;
  xy: number;
  yy: number;
}

function lineOf(s: Sums): { slope: number | null; r: number | null } {
  const sxx = s.xx - (s.x * s.x) / s.n;
  const syy = s.yy - (s.y * s.y) / s.n;
  const sxy = s.xy - (s.x * s.y) / s.n;
  // Sums of squares that vanish up to rounding are zero: a resample of one community whose x
  // never changes has no slope.
  const eps = 1e-12 * (s.xx + s.yy + 1);
  const slope = sxx > eps ? sxy / sxx : null;
  const r = sxx > eps && syy > eps ? clampUnit(sxy / Math.sqrt(sxx * syy)) : null;
  return { slope, r };
}

function percentileInterval(values: number[]): Interval | null {
  if (!values.length) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - CONFIDENCE_LEVEL) / 2;
  return { low: quantileSorted(values, tail), high: quantileSorted(values, 1 - tail) };
}

/**
 * Per-period panel points (community × period): the pooled least-squares line and r, with 95%
 * percentile intervals from a cluster bootstrap that resamples communities with replacement,
 * keeping each community's points together (periods of one community are not independent).
 * Seeded: the same points give the same intervals. Intervals are null under
 * MIN_COMMUNITIES_FOR_INTERVAL communities.
 */
export function clusterBootstrap(
  points: readonly PanelPoint[],
  { replicates = BOOTSTRAP_REPLICATES, seed = BOOTSTRAP_SEED }: { replicates?: number; seed?: number } = {},
): PanelFit {
  if (!Number.isInteger(replicates) || replicates < 1) throw new RangeError(`replicates = ${replicates}`);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const line = leastSquares(xs, ys);
  const r = pearson(xs, ys);

  const byCluster = new Map<string, Sums>();
  // Centring on the overall means keeps the one-pass sums free of cancellation.
  const mx = xs.length ? ssMean(xs) : 0;
  const my = ys.length ? ssMean(ys) : 0;
  for (const p of points) {
    const x = p.x - mx;
    const y = p.y - my;
    const s = byCluster.get(p.cluster) ?? { n: 0, x: 0, y: 0, xx: 0, xy: 0, yy: 0 };
    s.n += 1;
    s.x += x;
    s.y += y;
    s.xx += x * x;
    s.xy += x * y;
    s.yy += y * y;
    byCluster.set(p.cluster, s);
  }
  const clusters = [...byCluster.values()];
  const k = clusters.length;
  const fit: PanelFit = {
    n: k,
    points: points.length,
    slope: line?.slope ?? null,
    intercept: line?.intercept ?? null,
    r,
    slopeInterval: null,
    rInterval: null,
    replicates: 0,
    validReplicates: 0,
  };
  if (k < MIN_COMMUNITIES_FOR_INTERVAL || !line) return fit;

  const random = mulberry32(seed);
  const slopes: number[] = [];
  const rs: number[] = [];
  for (let b = 0; b < replicates; b++) {
    const s: Sums = { n: 0, x: 0, y: 0, xx: 0, xy: 0, yy: 0 };
    for (let i = 0; i < k; i++) {
      const c = clusters[Math.floor(random() * k)]!;
      s.n += c.n;
      s.x += c.x;
      s.y += c.y;
      s.xx += c.xx;
      s.xy += c.xy;
      s.yy += c.yy;
    }
    const one = lineOf(s);
    if (one.slope !== null) slopes.push(one.slope);
    if (one.r !== null) rs.push(one.r);
  }
  fit.replicates = replicates;
  fit.validReplicates = slopes.length;
  fit.slopeInterval = percentileInterval(slopes);
  fit.rInterval = r === null ? null : percentileInterval(rs);
  return fit;
}
