import { describe, expect, it } from 'vitest';
import { accruedLateFeeFen, chargeableDays, daysOverdue, lateFeeBreakdown, type LateFeeInput } from '@/server/billing/late-fees';

// ¥1,000 due on 15 January, 万分之五 per day, 15 days' grace.
const base: LateFeeInput = { outstandingFen: 100_000, dueDate: '2026-01-15', asOf: '2026-01-15', dailyRateBp: 5, graceDays: 15 };

describe('daysOverdue', () => {
  it.each([
    ['2026-01-15', '2026-01-15', 0], // paying on the due date is on time
    ['2026-01-15', '2026-01-10', 0],
    ['2026-01-15', '2026-01-16', 1],
    ['2026-01-31', '2026-03-01', 29],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-12-31', '2026-01-01', 1],
  ])('%s → %s: %s', (due, asOf, n) => expect(daysOverdue(due, asOf)).toBe(n));
  it('refuses impossible dates', () => expect(() => daysOverdue('2026-02-30', '2026-03-01')).toThrow(/No such date/));
});

describe('chargeableDays', () => {
  it('charges nothing within the grace period, then only days after it', () => {
    expect(chargeableDays(15, 15)).toBe(0);
    expect(chargeableDays(16, 15)).toBe(1);
    expect(chargeableDays(20, 15)).toBe(5);
    expect(chargeableDays(3, 0)).toBe(3);
  });
  it('can charge from the due date once the grace is exceeded', () => {
    expect(chargeableDays(15, 15, 'DUE_DATE')).toBe(0);
    expect(chargeableDays(16, 15, 'DUE_DATE')).toBe(16);
  });
});

describe('accruedLateFeeFen', () => {
  it('is 0 on the due date and within the grace period', () => {
    expect(accruedLateFeeFen(base)).toBe(0);
    expect(accruedLateFeeFen({ ...base, asOf: '2026-01-30' })).toBe(0); // 15 days overdue
  });

  it('accrues simple daily interest after the grace period', () => {
    // 20 days overdue − 15 grace = 5 days × ¥1000 × 0.05% = ¥2.50.
    expect(lateFeeBreakdown({ ...base, asOf: '2026-02-04' })).toEqual({ daysOverdue: 20, chargeableDays: 5, capped: false, amountFen: 250 });
    expect(accruedLateFeeFen({ ...base, asOf: '2026-02-04', accrueFrom: 'DUE_DATE' })).toBe(1000);
    expect(accruedLateFeeFen({ ...base, asOf: '2026-01-31' })).toBe(50); // day 16: 1 day
  });

  it('rounds once, half-up', () => {
    const oneDay = { dueDate: '2026-01-15', asOf: '2026-01-16', dailyRateBp: 5, graceDays: 0 };
    expect(accruedLateFeeFen({ ...oneDay, outstandingFen: 1000 })).toBe(1); // 0.5 fen
    expect(accruedLateFeeFen({ ...oneDay, outstandingFen: 999 })).toBe(0); // 0.4995 fen
    // 3 days of 0.4 fen = 1.2 fen → 1 (daily rounding would give 0).
    expect(accruedLateFeeFen({ ...oneDay, asOf: '2026-01-18', outstandingFen: 800 })).toBe(1);
  });

  it('takes a rate as an exact fraction', () => {
    // 1/3000 per day × 10 days × 100000 fen = 333.33… → 333.
    expect(accruedLateFeeFen({ ...base, dailyRateBp: undefined, dailyRate: { num: 1, den: 3000 }, graceDays: 0, asOf: '2026-01-25' })).toBe(333);
  });

  it('stops at an absolute cap', () => {
    // 100 days × 50 fen = 5000 fen, capped at 500.
    const late = { ...base, graceDays: 0, asOf: '2026-04-25' };
    expect(lateFeeBreakdown(late).amountFen).toBe(5000);
    expect(lateFeeBreakdown({ ...late, capFen: 500 })).toMatchObject({ capped: true, amountFen: 500 });
    expect(lateFeeBreakdown({ ...late, capFen: 5000 })).toMatchObject({ capped: false, amountFen: 5000 });
    expect(lateFeeBreakdown({ ...late, capFen: 4999 })).toMatchObject({ capped: true, amountFen: 4999 });
  });

  it('stops at a percent of the amount, the lower cap winning', () => {
    const late = { ...base, graceDays: 0, asOf: '2026-04-25' };
    expect(accruedLateFeeFen({ ...late, capPercentOfAmount: 3 })).toBe(3000);
    expect(accruedLateFeeFen({ ...late, capPercentOfAmount: 3, capFen: 2000 })).toBe(2000);
    expect(accruedLateFeeFen({ ...late, capPercentOfAmount: 2.5, capFen: 4000 })).toBe(2500);
    // 50% of 333 fen = 166.5 → 167: the cap is exact and the one rounding is half-up.
    expect(accruedLateFeeFen({ ...late, outstandingFen: 333, dailyRateBp: 100, capPercentOfAmount: 50 })).toBe(167);
  });

  it('refuses ambiguous or invalid inputs', () => {
    expect(() => accruedLateFeeFen({ ...base, dailyRate: { num: 1, den: 2000 } })).toThrow(/exactly one/);
    expect(() => accruedLateFeeFen({ ...base, dailyRateBp: undefined })).toThrow(/exactly one/);
    expect(() => accruedLateFeeFen({ ...base, outstandingFen: -1 })).toThrow(/Outstanding/);
    expect(() => accruedLateFeeFen({ ...base, outstandingFen: 10.5 })).toThrow(/Outstanding/);
    expect(() => accruedLateFeeFen({ ...base, graceDays: -1 })).toThrow(/Grace/);
    expect(() => accruedLateFeeFen({ ...base, dailyRateBp: 0.5 })).toThrow(/basis points/);
    expect(() => accruedLateFeeFen({ ...base, capPercentOfAmount: -3 })).toThrow(/Cap percent/);
    expect(() => accruedLateFeeFen({ ...base, asOf: '2026/02/01' })).toThrow(/YYYY-MM-DD/);
  });
});
