import { describe, expect, it } from 'vitest';
import { AGEING_BUCKETS, EMPTY_PARTS, addParts, amountRate, bucketFor, countRate, figuresFromParts, resolveCutoff } from '@/server/collection/rates';
import { periodBounds, periodIsOver } from '@/server/shared/calendar';

describe('collection rates: periods and cut-off dates', () => {
  it('gives a period its first and last local dates, leap years included', () => {
    expect(periodBounds('2026-06')).toEqual({ first: '2026-06-01', last: '2026-06-30' });
    expect(periodBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(periodBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(() => periodBounds('2026-13')).toThrow(/YYYY-MM/);
  });

  it('defaults the cut-off to the period end, or today while the period runs', () => {
    expect(resolveCutoff('2026-06', '2026-11-25')).toBe('2026-06-30');
    expect(resolveCutoff('2026-11', '2026-11-25')).toBe('2026-11-25');
    expect(resolveCutoff('2026-11', '2026-11-30')).toBe('2026-11-30');
    expect(resolveCutoff('2026-06', '2026-11-25', '2026-07-31')).toBe('2026-07-31');
    expect(resolveCutoff('2026-06', '2026-11-25', '2026-06-01')).toBe('2026-06-01');
    expect(() => resolveCutoff('2026-06', '2026-11-25', '2026-05-31')).toThrow(/before the period/);
  });

  it('knows when a period is over', () => {
    expect(periodIsOver('2026-10', '2026-10-31')).toBe(false);
    expect(periodIsOver('2026-10', '2026-11-01')).toBe(true);
  });
});

describe('collection rates: numerators, denominators and the four rates', () => {
  it('returns null when there is nothing to divide by', () => {
    expect(amountRate(0, 0)).toEqual({ numeratorFen: 0, denominatorFen: 0, rate: null });
    expect(countRate(3, 4)).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it('derives the rates from additive parts, as DOMAIN.md defines them', () => {
    const building1 = {
      ...EMPTY_PARTS,
      billedFen: 45000,
      collectedFen: 15000,
      openingArrearsFen: 20000,
      arrearsRecoveredFen: 10000,
      unitsBilled: 2,
      unitsPaid: 1,
    };
    const building2 = { ...EMPTY_PARTS, billedFen: 38000, collectedFen: 12000, openingArrearsFen: 20000, unitsBilled: 1 };
    const f = figuresFromParts(addParts(building1, building2));
    expect(f.billedFen).toBe(83000);
    expect(f.rates.currentPeriod).toEqual({ numeratorFen: 27000, denominatorFen: 83000, rate: 27000 / 83000 });
    expect(f.rates.household).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect(f.rates.arrearsRecovery).toEqual({ numeratorFen: 10000, denominatorFen: 40000, rate: 0.25 });
    // (current collected + arrears recovered) ÷ (current billed + opening arrears)
    expect(f.rates.overall).toEqual({ numeratorFen: 37000, denominatorFen: 123000, rate: 37000 / 123000 });
  });
});

describe('collection rates: ageing buckets', () => {
  it('puts days overdue in 0–30, 31–90, 91–180 and over 180', () => {
    expect([1, 30, 31, 90, 91, 180, 181, 5000].map(bucketFor)).toEqual([
      'd0_30Fen',
      'd0_30Fen',
      'd31_90Fen',
      'd31_90Fen',
      'd91_180Fen',
      'd91_180Fen',
      'over180Fen',
      'over180Fen',
    ]);
    expect(AGEING_BUCKETS.map((b) => b.key)).toEqual(['d0_30Fen', 'd31_90Fen', 'd91_180Fen', 'over180Fen']);
  });
});
