import { describe, expect, it } from 'vitest';
import {
  accruedLateFeeFen,
  chargeableDays,
  daysOverdue,
  lateFeeAccrual,
  lateFeeBreakdown,
  lateFeeNotCharged,
  type LateFeeInput,
} from '@/server/billing/late-fees';

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

describe('lateFeeAccrual (late fees follow the money)', () => {
  // DOMAIN.md / issue #12: a ¥1000 bill due 10-05, 10 grace days, 0.05 %/day (5 bp), ¥500 paid on day 20.
  const rule = { dailyBp: 5, graceDays: 10, capPercent: null };
  const bill = { amountFen: 100_000, netAmountFen: 100_000, dueDate: '2026-10-05', rule };
  const paidDay20 = [{ on: '2026-10-25', reduceFen: 50_000 }];

  it('the worked example: 9 × 50 fen on the full balance before the payment, 25 fen a day after', () => {
    // As of the payment's effective date (day 20): days 11…19 on ¥1000.
    const atPayment = lateFeeAccrual({ ...bill, changes: paidDay20, asOf: '2026-10-25' });
    expect(atPayment.spans).toEqual([{ from: '2026-10-16', to: '2026-10-24', days: 9, balanceFen: 100_000 }]);
    expect(atPayment.totalFen).toBe(9 * 50);
    // Day 20 itself accrues on the balance at its end (¥500): 25 fen a day from then on.
    const later = lateFeeAccrual({ ...bill, changes: paidDay20, asOf: '2026-10-31' });
    expect(later.spans).toEqual([
      { from: '2026-10-16', to: '2026-10-24', days: 9, balanceFen: 100_000 },
      { from: '2026-10-25', to: '2026-10-30', days: 6, balanceFen: 50_000 },
    ]);
    expect(later.totalFen).toBe(9 * 50 + 6 * 25);
    // What a later late-fee bill charges once the payment's bill charged 450: only the new days.
    expect(lateFeeNotCharged(later, 450)).toBe(150);
    // Without the payment the whole span would be on ¥1000.
    expect(lateFeeAccrual({ ...bill, changes: [], asOf: '2026-10-31' }).totalFen).toBe(15 * 50);
  });

  it('as of a day counts through the day before, and nothing within the grace days', () => {
    expect(lateFeeAccrual({ ...bill, changes: [], asOf: '2026-10-16' }).totalFen).toBe(0); // through day 10
    expect(lateFeeAccrual({ ...bill, changes: [], asOf: '2026-10-17' }).totalFen).toBe(50); // day 11 only
    expect(lateFeeAccrual({ ...bill, changes: [], asOf: '2026-10-05' }).totalFen).toBe(0);
    expect(lateFeeAccrual({ ...bill, changes: [], asOf: '2026-09-01' }).spans).toEqual([]);
    // Grace 0: the day after the due date is the first day charged.
    expect(lateFeeAccrual({ ...bill, rule: { ...rule, graceDays: 0 }, changes: [], asOf: '2026-10-07' }).totalFen).toBe(50);
  });

  it('local dates: spans cross month and leap-year ends by calendar days', () => {
    const feb = { ...bill, dueDate: '2028-02-20', rule: { ...rule, graceDays: 0 } };
    // 2028-02-21 … 2028-03-01 = 10 days (29 February included).
    expect(lateFeeAccrual({ ...feb, changes: [], asOf: '2028-03-02' }).spans).toEqual([
      { from: '2028-02-21', to: '2028-03-01', days: 10, balanceFen: 100_000 },
    ]);
  });

  it('principal first: a payment settling the principal stops the accrual; a reversal brings it back from its date', () => {
    const settled = [{ on: '2026-10-20', reduceFen: 100_000 }];
    expect(lateFeeAccrual({ ...bill, changes: settled, asOf: '2026-12-01' }).totalFen).toBe(4 * 50); // days 11…14
    const reversed = [...settled, { on: '2026-10-30', reduceFen: -100_000 }];
    // 10-16…10-19 on ¥1000, 10-20…10-29 nothing owed, 10-30…11-30 on ¥1000 again (32 days).
    expect(lateFeeAccrual({ ...bill, changes: reversed, asOf: '2026-12-01' }).totalFen).toBe((4 + 32) * 50);
    // A payment before the grace ends counts from the first chargeable day.
    expect(lateFeeAccrual({ ...bill, changes: [{ on: '2026-10-10', reduceFen: 60_000 }], asOf: '2026-10-18' }).totalFen).toBe(2 * 20);
  });

  it('the cap holds over all of the bill’s late-fee bills together, on the net amount', () => {
    const capped = { ...bill, rule: { ...rule, graceDays: 0, capPercent: 1 } }; // at most ¥10
    const early = lateFeeAccrual({ ...capped, changes: [], asOf: '2026-10-16' }); // 10 days × 50
    expect(early).toMatchObject({ totalFen: 500, capFen: 1000, capped: false });
    const charged = early.totalFen; // a first late-fee bill charged 500
    const late = lateFeeAccrual({ ...capped, changes: [], asOf: '2027-01-01' }); // 87 days × 50 = 4350 uncapped
    expect(late).toMatchObject({ uncappedFen: 4350, totalFen: 1000, capped: true });
    expect(lateFeeNotCharged(late, charged)).toBe(500); // the second bill brings the total to the cap, no further
    expect(lateFeeNotCharged(late, charged + 500)).toBe(0);
    // An approved waiver of half the bill halves the cap.
    expect(lateFeeAccrual({ ...capped, netAmountFen: 50_000, changes: [], asOf: '2027-01-01' }).totalFen).toBe(500);
  });

  it('rounds the exact total once, half-up', () => {
    const tiny = { ...bill, amountFen: 1000, netAmountFen: 1000, rule: { ...rule, graceDays: 0 } }; // 0.5 fen a day
    expect(lateFeeAccrual({ ...tiny, changes: [], asOf: '2026-10-07' }).totalFen).toBe(1); // 0.5 → 1
    expect(lateFeeAccrual({ ...tiny, changes: [], asOf: '2026-10-08' }).totalFen).toBe(1); // 1.0
    expect(lateFeeAccrual({ ...tiny, changes: [], asOf: '2026-10-09' }).totalFen).toBe(2); // 1.5 → 2
  });

  it('refuses a rate above 1 % a day and impossible dates', () => {
    expect(() => lateFeeAccrual({ ...bill, rule: { ...rule, dailyBp: 101 }, changes: [], asOf: '2026-11-01' })).toThrow(/at most 100/);
    expect(() => lateFeeAccrual({ ...bill, changes: [{ on: '2026-02-30', reduceFen: 1 }], asOf: '2026-11-01' })).toThrow(/No such date/);
  });
});
