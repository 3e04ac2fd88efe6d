// The statistics of the relationship section (DOMAIN.md "The relationship"), pure: from the
// figures a report has read (each community's rate parts per month, its quality index per bucket
// and over the range, the household segment counts) to the report's points, fits and summary.
// server/reports/relationship.ts reads the figures; the planted-effect test
// (tests/unit/relationship-planted.test.ts) feeds simulated figures to the same function.
//
// Definitions:
//   - a community's rate over months M = Σ numerator ÷ Σ denominator over M, each month's parts
//     as of its own end (or as published if closed): 当期收缴率 Σ collected ÷ Σ billed, 户数缴费率
//     Σ units paid ÷ Σ units billed (a unit counts once per month it is billed);
//   - communities: x = the community's index over the whole range, y = its rate over the range's
//     months; a community without either is left out; n = points;
//   - panel: one point per (community, bucket): the bucket's index against the rate over the
//     bucket's months; intervals by a cluster bootstrap over communities (fixed seed);
//   - lag: a community's index in bucket t against its rate in bucket t + 1, both in the range;
//     the point is labelled with bucket t;
//   - households: Wilson per segment, Newcombe for good − bad.
// The summary puts slopes in the words' units: percentage points per 10 index points
// (slope × 10 × 100), since rates are fractions and the index runs 0–100.

import {
  clusterBootstrap,
  fitCommunities,
  MIN_COMMUNITIES_FOR_INTERVAL,
  newcombeDifference,
  wilson,
  type CommunityFit,
  type PanelFit,
} from '../shared/statistics';
import type { NoIntervalReason, PanelPointOut, RelationshipPoint, RelationshipReport, RelationshipSummary, SegmentRate, SlopeSummary } from './types';

export interface RateParts {
  numerator: number;
  denominator: number;
}

export interface SegmentCount {
  units: number;
  paid: number;
}

export interface RelationshipData {
  communities: readonly { communityId: string; name: string; units: number }[];
  /** the range's buckets in order, with their months (YYYY-MM) */
  buckets: readonly { key: string; months: readonly string[] }[];
  /** community id → month → the chosen rate's parts of that month */
  monthlyRates: ReadonlyMap<string, ReadonlyMap<string, RateParts>>;
  /** community id → its quality index over the whole range (null or absent: no index) */
  rangeQuality: ReadonlyMap<string, number | null>;
  /** bucket key → community id → the community's index in that bucket */
  bucketQuality: ReadonlyMap<string, ReadonlyMap<string, number | null>>;
  households: { good: SegmentCount; bad: SegmentCount; none: SegmentCount; neither: SegmentCount };
  /** bootstrap settings (defaults: statistics.ts's replicates and fixed seed) */
  bootstrap?: { replicates?: number; seed?: number };
}

export type RelationshipSections = Pick<RelationshipReport, 'n' | 'minCommunitiesForInterval' | 'communities' | 'panel' | 'lag'> & {
  households: Pick<RelationshipReport['households'], 'good' | 'bad' | 'none' | 'difference'> & { neither: SegmentRate };
  summary: RelationshipSummary;
};

/** Σ numerator ÷ Σ denominator over the months given (absent months add nothing); null when Σ denominator is 0. */
export function rateOver(byMonth: ReadonlyMap<string, RateParts> | undefined, months: readonly string[]): number | null {
  if (!byMonth) return null;
  let num = 0;
  let den = 0;
  for (const m of months) {
    const p = byMonth.get(m);
    if (!p) continue;
    num += p.numerator;
    den += p.denominator;
  }
  return den === 0 ? null : num / den;
}

export function segmentRate({ units, paid }: SegmentCount): SegmentRate {
  return { units, paid, rate: units === 0 ? null : paid / units, interval: wilson(paid, units) };
}

const PER_10_POINTS = 10 * 100;

function direction(i: { low: number; high: number } | null): SlopeSummary['direction'] {
  if (!i) return null;
  if (i.low > 0) return 'positive';
  if (i.high < 0) return 'negative';
  return 'unclear';
}

/** A fit's slope in percentage points per 10 index points, with its interval and why none is shown. */
export function slopeSummary(fit: CommunityFit | PanelFit, points: number): SlopeSummary {
  const interval = fit.slopeInterval ? { low: fit.slopeInterval.low * PER_10_POINTS, high: fit.slopeInterval.high * PER_10_POINTS } : null;
  let noIntervalReason: NoIntervalReason | null = null;
  if (!interval) noIntervalReason = fit.n < MIN_COMMUNITIES_FOR_INTERVAL ? 'tooFewCommunities' : 'noLine';
  return {
    n: fit.n,
    points,
    per10Points: fit.slope === null ? null : fit.slope * PER_10_POINTS,
    interval,
    intervalShown: interval !== null,
    noIntervalReason,
    direction: direction(interval),
  };
}

/** The relationship's points, fits, household segments and summary from the figures read. */
export function fitRelationship(d: RelationshipData): RelationshipSections {
  const allMonths = d.buckets.flatMap((b) => b.months);
  const bootstrap = d.bootstrap ?? {};

  const points: RelationshipPoint[] = [];
  for (const c of d.communities) {
    const quality = d.rangeQuality.get(c.communityId) ?? null;
    const rate = rateOver(d.monthlyRates.get(c.communityId), allMonths);
    if (quality === null || rate === null) continue;
    points.push({ communityId: c.communityId, name: c.name, quality, rate, units: c.units });
  }
  const communityFit = fitCommunities(points.map((p) => ({ x: p.quality, y: p.rate })));

  const bucketRate = (communityId: string, b: { months: readonly string[] }) => rateOver(d.monthlyRates.get(communityId), b.months);
  const bucketIndex = (key: string, communityId: string) => d.bucketQuality.get(key)?.get(communityId) ?? null;

  const panelPoints: PanelPointOut[] = [];
  const lagPoints: PanelPointOut[] = [];
  for (const c of d.communities) {
    d.buckets.forEach((b, i) => {
      const quality = bucketIndex(b.key, c.communityId);
      if (quality === null) return;
      const rate = bucketRate(c.communityId, b);
      if (rate !== null) panelPoints.push({ communityId: c.communityId, name: c.name, units: c.units, bucket: b.key, quality, rate });
      const next = d.buckets[i + 1];
      const nextRate = next ? bucketRate(c.communityId, next) : null;
      if (nextRate !== null) lagPoints.push({ communityId: c.communityId, name: c.name, units: c.units, bucket: b.key, quality, rate: nextRate });
    });
  }
  const panelFit = (ps: PanelPointOut[]) =>
    clusterBootstrap(
      ps.map((p) => ({ x: p.quality, y: p.rate, cluster: p.communityId })),
      bootstrap,
    );
  const panel = panelFit(panelPoints);
  const lag = panelFit(lagPoints);

  const h = d.households;
  const difference = newcombeDifference(h.good.paid, h.good.units, h.bad.paid, h.bad.units);

  return {
    n: points.length,
    minCommunitiesForInterval: MIN_COMMUNITIES_FOR_INTERVAL,
    communities: { points, fit: communityFit },
    panel: { points: panelPoints, fit: panel },
    lag: { points: lagPoints, fit: lag },
    households: { good: segmentRate(h.good), bad: segmentRate(h.bad), none: segmentRate(h.none), neither: segmentRate(h.neither), difference },
    summary: {
      communities: slopeSummary(communityFit, points.length),
      panel: slopeSummary(panel, panelPoints.length),
      lag: slopeSummary(lag, lagPoints.length),
      householdGap: difference
        ? { points: difference.difference * 100, interval: { low: difference.interval.low * 100, high: difference.interval.high * 100 } }
        : null,
    },
  };
}
