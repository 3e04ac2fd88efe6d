import type { Interval, RelationshipReport, SlopeSummary } from '@/server/reports/types';

// The relationship's summary numbers: the slope per 10 index points in percentage points
// (slope × 10 × 100, the rate being a fraction and the index 0–100) with its interval. The
// server's summary when it sends one, else the same read off the fit.

export type FitName = 'communities' | 'panel' | 'lag';

const scale = (i: Interval | null): Interval | null => (i ? { low: i.low * 1000, high: i.high * 1000 } : null);

export function slopeSummary(rel: RelationshipReport, which: FitName): SlopeSummary {
  const sent = rel.summary?.[which];
  if (sent) return sent;
  const fit = rel[which].fit;
  const interval = scale(fit.slopeInterval);
  const points = 'points' in fit ? (fit.points as number) : fit.n;
  return {
    n: fit.n,
    points,
    per10Points: fit.slope === null ? null : fit.slope * 1000,
    interval,
    intervalShown: interval !== null,
    noIntervalReason: interval ? null : fit.slope === null ? 'noLine' : fit.n < rel.minCommunitiesForInterval ? 'tooFewCommunities' : 'noLine',
    direction: interval ? (interval.low > 0 ? 'positive' : interval.high < 0 ? 'negative' : 'unclear') : null,
  };
}
