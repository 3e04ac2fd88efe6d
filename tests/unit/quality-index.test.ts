import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUALITY_WEIGHTS,
  QUALITY_COMPONENTS,
  componentScores,
  qualityIndex,
  type QualityFigures,
  type QualityWeights,
} from '@/server/shared/quality-index';

const HOUR = 3600_000;

const NONE: QualityFigures = {
  meanRating: null,
  csatShare: null,
  firstResponseShare: null,
  resolutionShare: null,
  reopenRate: null,
  cancellationRate: null,
  medianResolveMs: null,
  resolveTargetMs: null,
};

// Every figure present; the scores by hand from DOMAIN.md "Service quality":
// rating 25 × (4.2 − 1) = 80; CSAT 85; first response 90; resolution 75; 100 × (1 − 0.05) = 95;
// 100 × (1 − 0.1) = 90; 100 × min(1, 24 h ÷ 36 h) = 66.67.
const FULL: QualityFigures = {
  meanRating: 4.2,
  csatShare: 0.85,
  firstResponseShare: 0.9,
  resolutionShare: 0.75,
  reopenRate: 0.05,
  cancellationRate: 0.1,
  medianResolveMs: 36 * HOUR,
  resolveTargetMs: 24 * HOUR,
};

const weights = (w: Partial<QualityWeights>): QualityWeights => ({ ...DEFAULT_QUALITY_WEIGHTS, ...w });

describe('service quality index', () => {
  it('scores each component as DOMAIN.md defines it', () => {
    const s = componentScores(FULL);
    expect(s.rating).toBeCloseTo(80, 10);
    expect(s.csat).toBeCloseTo(85, 10);
    expect(s.firstResponse).toBeCloseTo(90, 10);
    expect(s.resolution).toBeCloseTo(75, 10);
    expect(s.reopen).toBeCloseTo(95, 10);
    expect(s.cancellation).toBeCloseTo(90, 10);
    expect(s.resolveTime).toBeCloseTo(200 / 3, 10);
  });

  it('is the plain mean of the seven scores under the default (equal) weights', () => {
    expect(new Set(Object.values(DEFAULT_QUALITY_WEIGHTS)).size).toBe(1);
    const q = qualityIndex(FULL);
    expect(q.componentsUsed).toBe(7);
    expect(q.index).toBeCloseTo((80 + 85 + 90 + 75 + 95 + 90 + 200 / 3) / 7, 10); // 83.10
    expect(q.index!.toFixed(2)).toBe('83.10');
  });

  it('spans 0 to 100 at the ends of every scale', () => {
    const best = qualityIndex({
      meanRating: 5,
      csatShare: 1,
      firstResponseShare: 1,
      resolutionShare: 1,
      reopenRate: 0,
      cancellationRate: 0,
      medianResolveMs: 0,
      resolveTargetMs: 4 * HOUR,
    });
    expect(best).toMatchObject({ index: 100, componentsUsed: 7 });
    const worst = qualityIndex({
      meanRating: 1,
      csatShare: 0,
      firstResponseShare: 0,
      resolutionShare: 0,
      reopenRate: 1,
      cancellationRate: 1,
      medianResolveMs: 400 * HOUR,
      resolveTargetMs: 4 * HOUR,
    });
    expect(worst.componentsUsed).toBe(7);
    expect(worst.index).toBeCloseTo(1 / 7, 10); // only the time score stays above 0: 100 × 4/400 = 1
  });

  it('caps the time score at 100 when the median beats the target', () => {
    const at = (median: number, target: number) => componentScores({ ...NONE, medianResolveMs: median * HOUR, resolveTargetMs: target * HOUR }).resolveTime;
    expect(at(12, 24)).toBe(100);
    expect(at(24, 24)).toBe(100);
    expect(at(48, 24)).toBe(50);
    expect(at(0, 24)).toBe(100);
    expect(componentScores({ ...NONE, medianResolveMs: 5 * HOUR }).resolveTime).toBeNull();
  });

  it('leaves out components without data and renormalizes the weights of the rest', () => {
    // Ratings and cancellations only: (100 + 80) / 2.
    const q = qualityIndex({ ...NONE, meanRating: 5, cancellationRate: 0.2 });
    expect(q).toMatchObject({ index: 90, componentsUsed: 2 });
    expect(q.scores).toEqual({
      rating: 100,
      csat: null,
      firstResponse: null,
      resolution: null,
      reopen: null,
      cancellation: 80,
      resolveTime: null,
    });
    expect(qualityIndex(NONE)).toMatchObject({ index: null, componentsUsed: 0 });
  });

  it('applies the company’s weights, whose scale does not matter', () => {
    // (3 × 100 + 1 × 80) / 4 = 95.
    const figures = { ...NONE, meanRating: 5, cancellationRate: 0.2 };
    expect(qualityIndex(figures, weights({ rating: 3 })).index).toBeCloseTo(95, 10);
    const doubled = Object.fromEntries(QUALITY_COMPONENTS.map((c) => [c, 2 * (c === 'rating' ? 3 : 1)])) as QualityWeights;
    expect(qualityIndex(figures, doubled).index).toBeCloseTo(95, 10);
    expect(qualityIndex(FULL, weights({ rating: 5, csat: 0.5 })).index).toBeCloseTo((5 * 80 + 0.5 * 85 + 90 + 75 + 95 + 90 + 200 / 3) / 10.5, 10);
  });

  it('does not count a component its company weighs at 0, but still shows its score', () => {
    const q = qualityIndex(FULL, weights({ resolveTime: 0, reopen: 0 }));
    expect(q.componentsUsed).toBe(5);
    expect(q.index).toBeCloseTo((80 + 85 + 90 + 75 + 90) / 5, 10);
    expect(q.scores.resolveTime).toBeCloseTo(200 / 3, 10);
    const zero = Object.fromEntries(QUALITY_COMPONENTS.map((c) => [c, 0])) as QualityWeights;
    expect(qualityIndex(FULL, zero)).toMatchObject({ index: null, componentsUsed: 0 });
  });

  it('refuses figures and weights out of range', () => {
    expect(() => componentScores({ ...NONE, meanRating: 0.5 })).toThrow(RangeError);
    expect(() => componentScores({ ...NONE, csatShare: 1.2 })).toThrow(RangeError);
    expect(() => componentScores({ ...NONE, reopenRate: -0.1 })).toThrow(RangeError);
    expect(() => componentScores({ ...NONE, cancellationRate: NaN })).toThrow(RangeError);
    expect(() => componentScores({ ...NONE, medianResolveMs: -1, resolveTargetMs: HOUR })).toThrow(RangeError);
    expect(() => componentScores({ ...NONE, medianResolveMs: HOUR, resolveTargetMs: 0 })).toThrow(RangeError);
    expect(() => qualityIndex(FULL, weights({ csat: -1 }))).toThrow(RangeError);
    expect(() => qualityIndex(FULL, weights({ csat: Infinity }))).toThrow(RangeError);
  });
});
