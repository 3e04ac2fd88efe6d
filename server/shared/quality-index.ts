// The service quality index (DOMAIN.md "Service quality"): a weighted mean, 0–100, of component
// scores. A component with no data (null) is left out and the weights of the rest renormalized;
// the index says how many components it rests on. Pure: report pages and the weights form import it.
//
// The inputs are a scope's and period's figures as the reports compute them; this module does not
// decide what counts as a rating or a reopen, only how the figures become one number. Figures out of
// their range (a share above 1, a rating of 6) are a bug upstream and throw a RangeError.

export const QUALITY_COMPONENTS = ['rating', 'csat', 'firstResponse', 'resolution', 'reopen', 'cancellation', 'resolveTime'] as const;
export type QualityComponent = (typeof QUALITY_COMPONENTS)[number];

/** A company's weights: any non-negative numbers (they are renormalized); 0 leaves a component out. */
export type QualityWeights = Record<QualityComponent, number>;

export const DEFAULT_QUALITY_WEIGHTS: QualityWeights = {
  rating: 1,
  csat: 1,
  firstResponse: 1,
  resolution: 1,
  reopen: 1,
  cancellation: 1,
  resolveTime: 1,
};

/** A scope's figures for a period; null = no data (no ratings, no resolved orders, …). */
export interface QualityFigures {
  /** Mean rating, 1–5. */
  meanRating: number | null;
  /** Share of ratings 4–5, 0–1. */
  csatShare: number | null;
  /** Share of orders first responded within the SLA, 0–1. */
  firstResponseShare: number | null;
  /** Share of orders resolved within the SLA, 0–1. */
  resolutionShare: number | null;
  /** Reopen rate, 0–1. */
  reopenRate: number | null;
  /** Cancellation rate, 0–1. */
  cancellationRate: number | null;
  /** Median time to resolve, ms (≥ 0). */
  medianResolveMs: number | null;
  /** The resolution target it is measured against, ms (> 0). */
  resolveTargetMs: number | null;
}

export interface QualityIndex {
  /** 0–100, or null when no component with a positive weight has data. */
  index: number | null;
  /** Components the index rests on: with data and a positive weight. */
  componentsUsed: number;
  /** Every component's score, 0–100 (shown even when its weight is 0), null without data. */
  scores: Record<QualityComponent, number | null>;
}

function share(value: number | null, what: string): number | null {
  if (value === null) return null;
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} = ${value} is not a share`);
  return value;
}

/** Each component's score, 0–100; null where the figure is missing. */
export function componentScores(f: QualityFigures): Record<QualityComponent, number | null> {
  if (f.meanRating !== null && !(f.meanRating >= 1 && f.meanRating <= 5)) {
    throw new RangeError(`meanRating = ${f.meanRating}`);
  }
  if (f.medianResolveMs !== null && !(f.medianResolveMs >= 0 && Number.isFinite(f.medianResolveMs))) {
    throw new RangeError(`medianResolveMs = ${f.medianResolveMs}`);
  }
  if (f.resolveTargetMs !== null && !(f.resolveTargetMs > 0 && Number.isFinite(f.resolveTargetMs))) {
    throw new RangeError(`resolveTargetMs = ${f.resolveTargetMs}`);
  }
  const csat = share(f.csatShare, 'csatShare');
  const firstResponse = share(f.firstResponseShare, 'firstResponseShare');
  const resolution = share(f.resolutionShare, 'resolutionShare');
  const reopen = share(f.reopenRate, 'reopenRate');
  const cancellation = share(f.cancellationRate, 'cancellationRate');
  const { medianResolveMs: median, resolveTargetMs: target } = f;
  return {
    rating: f.meanRating === null ? null : 25 * (f.meanRating - 1),
    csat: csat === null ? null : 100 * csat,
    firstResponse: firstResponse === null ? null : 100 * firstResponse,
    resolution: resolution === null ? null : 100 * resolution,
    reopen: reopen === null ? null : 100 * (1 - reopen),
    cancellation: cancellation === null ? null : 100 * (1 - cancellation),
    // Resolved instantly (median 0) is as good as it gets: min(1, target ÷ 0) = 1.
    resolveTime: median === null || target === null ? null : median <= target ? 100 : (100 * target) / median,
  };
}

export function checkWeights(weights: QualityWeights): void {
  for (const c of QUALITY_COMPONENTS) {
    const w = weights[c];
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`weight of ${c} = ${w}`);
  }
}

/** The index: Σ wᵢ·scoreᵢ ÷ Σ wᵢ over the components with data and a positive weight. */
export function qualityIndex(figures: QualityFigures, weights: QualityWeights = DEFAULT_QUALITY_WEIGHTS): QualityIndex {
  checkWeights(weights);
  const scores = componentScores(figures);
  let weighted = 0;
  let total = 0;
  let used = 0;
  for (const c of QUALITY_COMPONENTS) {
    const score = scores[c];
    const w = weights[c];
    if (score === null || w === 0) continue;
    weighted += w * score;
    total += w;
    used += 1;
  }
  return { index: used ? Math.min(100, Math.max(0, weighted / total)) : null, componentsUsed: used, scores };
}
