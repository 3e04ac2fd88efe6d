// Service-quality figures from a scope's counts (pure; server/reports/quality.ts runs the SQL).
// The index is never stored: a closed month publishes these stats (PeriodClose.figures.quality)
// and the index is taken with the company's current weights whenever the figures are read.

import { qualityIndex, type QualityWeights } from '../shared/quality-index';
import type { QualityFigures } from './types';

/** What one SQL row (or a published month) holds for a scope and bucket: every figure but the index. */
export type QualityStats = Omit<QualityFigures, 'index'>;

/** The counts one aggregate row gives. */
export interface QualityCounts {
  orders: number;
  ratings: number;
  ratingSum: number;
  csat: number;
  firstResponseDecided: number;
  firstResponseMet: number;
  resolutionDecided: number;
  resolutionMet: number;
  resolved: number;
  reopened: number;
  cancelled: number;
  /** median time to resolve, ms (null without a resolved order) */
  medianResolveMs: number | null;
  /** median of time to resolve ÷ the order's own target (null without one) */
  medianResolveRatio: number | null;
}

export const EMPTY_COUNTS: QualityCounts = {
  orders: 0,
  ratings: 0,
  ratingSum: 0,
  csat: 0,
  firstResponseDecided: 0,
  firstResponseMet: 0,
  resolutionDecided: 0,
  resolutionMet: 0,
  resolved: 0,
  reopened: 0,
  cancelled: 0,
  medianResolveMs: null,
  medianResolveRatio: null,
};

const HOUR_MS = 3_600_000;
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function qualityStats(c: QualityCounts, units: number): QualityStats {
  return {
    orders: c.orders,
    ratings: c.ratings,
    meanRating: ratio(c.ratingSum, c.ratings),
    csatShare: ratio(c.csat, c.ratings),
    firstResponseDecided: c.firstResponseDecided,
    firstResponseShare: ratio(c.firstResponseMet, c.firstResponseDecided),
    resolutionDecided: c.resolutionDecided,
    resolutionShare: ratio(c.resolutionMet, c.resolutionDecided),
    resolved: c.resolved,
    reopenRate: ratio(c.reopened, c.resolved),
    cancelled: c.cancelled,
    cancellationRate: ratio(c.cancelled, c.orders),
    medianResolveHours: c.medianResolveMs === null ? null : c.medianResolveMs / HOUR_MS,
    medianResolveRatio: c.medianResolveRatio,
    units,
    ordersPer100Units: units === 0 ? null : (100 * c.orders) / units,
  };
}

/**
 * The index over the stats. Orders of different services have different targets, so the
 * resolve-time component compares each order with its own target: a median ratio r stands for a
 * median time of r hours against a target of 1 hour, i.e. 100 × min(1, 1 ÷ r).
 */
export function withIndex(s: QualityStats, weights: QualityWeights): QualityFigures {
  const index = qualityIndex(
    {
      meanRating: s.meanRating,
      csatShare: s.csatShare,
      firstResponseShare: s.firstResponseShare,
      resolutionShare: s.resolutionShare,
      reopenRate: s.reopenRate,
      cancellationRate: s.cancellationRate,
      medianResolveMs: s.medianResolveRatio === null ? null : s.medianResolveRatio * HOUR_MS,
      resolveTargetMs: s.medianResolveRatio === null ? null : HOUR_MS,
    },
    weights,
  );
  return { ...s, index };
}

export const emptyQuality = (units: number, weights: QualityWeights): QualityFigures => withIndex(qualityStats(EMPTY_COUNTS, units), weights);
