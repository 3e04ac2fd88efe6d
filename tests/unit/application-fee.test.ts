import { describe, expect, it } from 'vitest';
import { applicationFeeFor, bpsToPercentText } from '@/server/shared/application-fee';

describe('applicationFeeFor', () => {
  it('is zero with no fee', () => {
    expect(applicationFeeFor(12_345, { bps: 0, fixedFen: 0 })).toBe(0);
  });

  it('rounds the proportional part half up to whole fen', () => {
    // 0.6 % of ¥1.00 = 0.6 fen → 1; of ¥0.83 = 0.498 fen → 0; of ¥2.50 = 1.5 fen → 2
    expect(applicationFeeFor(100, { bps: 60, fixedFen: 0 })).toBe(1);
    expect(applicationFeeFor(83, { bps: 60, fixedFen: 0 })).toBe(0);
    expect(applicationFeeFor(250, { bps: 60, fixedFen: 0 })).toBe(2);
    // exactly half: 1 % of 50 fen = 0.5 → 1; of 150 fen = 1.5 → 2
    expect(applicationFeeFor(50, { bps: 100, fixedFen: 0 })).toBe(1);
    expect(applicationFeeFor(150, { bps: 100, fixedFen: 0 })).toBe(2);
    // 1 bps of 4 999 fen = 0.4999 → 0; of 5 000 fen = 0.5 → 1
    expect(applicationFeeFor(4_999, { bps: 1, fixedFen: 0 })).toBe(0);
    expect(applicationFeeFor(5_000, { bps: 1, fixedFen: 0 })).toBe(1);
  });

  it('adds the fixed part after rounding', () => {
    expect(applicationFeeFor(10_000, { bps: 60, fixedFen: 10 })).toBe(70);
    expect(applicationFeeFor(250, { bps: 60, fixedFen: 5 })).toBe(7);
  });

  it('never takes more than the payment', () => {
    expect(applicationFeeFor(30, { bps: 0, fixedFen: 50 })).toBe(30);
    expect(applicationFeeFor(1_000, { bps: 10_000, fixedFen: 1 })).toBe(1_000);
    expect(applicationFeeFor(0, { bps: 60, fixedFen: 10 })).toBe(0);
  });

  it('stays exact on the largest amounts', () => {
    expect(applicationFeeFor(2_000_000_000, { bps: 9_999, fixedFen: 0 })).toBe(1_999_800_000);
    expect(applicationFeeFor(2_000_000_001, { bps: 1, fixedFen: 0 })).toBe(200_000);
  });

  it('refuses impossible inputs', () => {
    expect(() => applicationFeeFor(-1, { bps: 0, fixedFen: 0 })).toThrow(RangeError);
    expect(() => applicationFeeFor(1.5, { bps: 0, fixedFen: 0 })).toThrow(RangeError);
    expect(() => applicationFeeFor(100, { bps: 10_001, fixedFen: 0 })).toThrow(RangeError);
    expect(() => applicationFeeFor(100, { bps: 0, fixedFen: -1 })).toThrow(RangeError);
  });
});

describe('bpsToPercentText', () => {
  it('shows basis points as a percent without trailing zeros', () => {
    expect(bpsToPercentText(60)).toBe('0.6');
    expect(bpsToPercentText(125)).toBe('1.25');
    expect(bpsToPercentText(1_000)).toBe('10');
    expect(bpsToPercentText(10_000)).toBe('100');
    expect(bpsToPercentText(0)).toBe('0');
  });
});
