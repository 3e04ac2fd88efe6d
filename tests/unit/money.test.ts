import { describe, expect, it } from 'vitest';
import {
  SQL_BILL_AMOUNT,
  billAmountExact,
  billAmountFen,
  fenToYuanString,
  formatFen,
  formatPriceUnits,
  multiplyFactors,
  parseArea,
  parseFactor,
  parseYuanPrice,
  prorationFactor,
  prorationForDates,
  roundHalfUpDiv,
  sqlBillAmount,
} from '@/server/shared/money';
import { addMonths, cycleMonths, cycleStart, daysBetween, daysInMonth, isCycleStart, monthsInCycle, parsePeriod } from '@/server/shared/calendar';

describe('roundHalfUpDiv', () => {
  it.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n], // half-up, not half-to-even
    [0n, 7n, 0n],
    [4_999_999n, 10_000_000n, 0n],
    [5_000_000n, 10_000_000n, 1n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [20n, 4n, 5n],
  ])('%s / %s → %s', (n, d, q) => expect(roundHalfUpDiv(n, d)).toBe(q));

  it('refuses negative amounts and non-positive denominators', () => {
    expect(() => roundHalfUpDiv(-5n, 10n)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(5n, 0n)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(5n, -10n)).toThrow(RangeError);
  });
});

describe('prices', () => {
  it.each([
    ['2.355', 23_550],
    ['2.3550', 23_550],
    ['150', 1_500_000],
    ['0.0001', 1],
    ['0', 0],
    [' 3.1 ', 31_000],
    ['9999.9999', 99_999_999],
    ['007.10', 71_000],
  ])('%s yuan → %s price units', (s, n) => expect(parseYuanPrice(s)).toBe(n));

  it('says why a price is refused', () => {
    expect(() => parseYuanPrice('2.35501')).toThrow(/at most 4 decimals/);
    expect(() => parseYuanPrice('-1')).toThrow(/negative/);
    expect(() => parseYuanPrice('abc')).toThrow(/number of yuan/);
  });
  it.each(['', '1e3', '1,000', '.5', '2.', '¥2', '0x10', 'NaN', '1 000'])('refuses %j', (s) => expect(() => parseYuanPrice(s)).toThrow());

  it.each([
    [23_550, '2.3550'],
    [1, '0.0001'],
    [0, '0.0000'],
    [1_500_000, '150.0000'],
  ])('formats %s as %s', (n, s) => {
    expect(formatPriceUnits(n)).toBe(s);
    expect(parseYuanPrice(s)).toBe(n);
  });
  it('refuses to format a non-integer price', () => expect(() => formatPriceUnits(1.5)).toThrow());
});

describe('areas and factors', () => {
  it.each([
    ['89.50', 8950],
    ['89.5', 8950],
    ['120', 12_000],
    ['0.01', 1],
    ['99999999.99', 9_999_999_999],
  ])('%s m² → %s hundredths', (s, n) => expect(parseArea(s)).toBe(n));
  it.each(['1.234', '-1', 'abc', '', '1e2', '89,5'])('refuses area %j', (s) => expect(() => parseArea(s)).toThrow(/Area/));

  it('parses decimal factors exactly', () => {
    expect(parseFactor('0.7')).toEqual({ num: 7n, den: 10n });
    expect(parseFactor('1')).toEqual({ num: 1n, den: 1n });
    expect(parseFactor('0.85')).toEqual({ num: 85n, den: 100n });
    expect(() => parseFactor('-0.7')).toThrow();
    expect(() => parseFactor('0.1234567')).toThrow();
  });
  it('multiplies factors without reducing or rounding', () => {
    expect(multiplyFactors([])).toEqual({ num: 1n, den: 1n });
    expect(
      multiplyFactors([
        { num: 7, den: 10 },
        { num: 14n, den: 30n },
      ]),
    ).toEqual({ num: 98n, den: 300n });
    expect(() => multiplyFactors([{ num: 1, den: 0 }])).toThrow(/denominator/);
    expect(() => multiplyFactors([{ num: -1, den: 2 }])).toThrow(/negative/);
    expect(() => multiplyFactors([{ num: 0.5, den: 1 }])).toThrow(/whole number/);
  });
});

describe('billAmountFen', () => {
  const area = parseArea('89.50');
  const price = parseYuanPrice('2.3550');

  it('area × 4-decimal price: 89.50 m² × ¥2.3550 = 21077.25 fen → 21077', () => {
    expect(billAmountExact({ areaHundredths: area, priceUnits: price, months: 1 })).toEqual({
      num: 8950n * 23_550n,
      den: 10_000n,
    });
    expect(billAmountFen({ areaHundredths: area, priceUnits: price, months: 1 })).toBe(21_077);
  });

  it('rounds an exact half fen up and just below half down', () => {
    // 1.00 m² × ¥0.0050 = 0.5 fen; 1.00 m² × ¥0.0049 = 0.49 fen.
    expect(billAmountFen({ areaHundredths: 100, priceUnits: 50, months: 1 })).toBe(1);
    expect(billAmountFen({ areaHundredths: 100, priceUnits: 49, months: 1 })).toBe(0);
    // 0.01 m² × ¥0.5000 = 0.5 fen; 0.01 m² × ¥0.4999 = 0.4999 fen.
    expect(billAmountFen({ areaHundredths: 1, priceUnits: 5000, months: 1 })).toBe(1);
    expect(billAmountFen({ areaHundredths: 1, priceUnits: 4999, months: 1 })).toBe(0);
    // Per-object: ¥12.345 → 1234.5 fen → 1235; ¥12.3449 → 1234.49 fen → 1234.
    expect(billAmountFen({ priceUnits: parseYuanPrice('12.345'), months: 1 })).toBe(1235);
    expect(billAmountFen({ priceUnits: parseYuanPrice('12.3449'), months: 1 })).toBe(1234);
  });

  it('gets 1.00 m² × ¥1.0050 = 100.5 fen right where float arithmetic gives 100.4999…', () => {
    expect(Math.round(1.005 * 100)).toBe(100); // the trap
    expect(billAmountFen({ areaHundredths: 100, priceUnits: parseYuanPrice('1.005'), months: 1 })).toBe(101);
  });

  it('rounds once, at the end, not per month or before the factor', () => {
    // ¥0.0050 per object per month × 3 months = 1.5 fen → 2 (per-month rounding would give 3).
    expect(billAmountFen({ priceUnits: 50, months: 3 })).toBe(2);
    // 100.5 fen × 1/2 = 50.25 → 50 (rounding first would give 101 × 1/2 = 50.5 → 51).
    expect(billAmountFen({ areaHundredths: 100, priceUnits: 10_050, months: 1, factors: [{ num: 1, den: 2 }] })).toBe(50);
  });

  it('applies the vacancy factor 0.7 exactly: 21077.25 × 0.7 = 14754.075 → 14754', () => {
    expect(billAmountFen({ areaHundredths: area, priceUnits: price, months: 1, factors: [parseFactor('0.7')] })).toBe(14_754);
    expect(billAmountFen({ areaHundredths: area, priceUnits: price, months: 1, factors: [{ num: 7, den: 10 }] })).toBe(14_754);
    // 3 months at 0.7: 63231.75 × 0.7 = 44262.225 → 44262.
    expect(billAmountFen({ areaHundredths: area, priceUnits: price, months: 3, factors: [{ num: 7n, den: 10n }] })).toBe(44_262);
  });

  it('prorates a move-in on the 17th of a 30-day month as 14/30', () => {
    const f = prorationForDates({ period: '2026-04', from: '2026-04-17' });
    expect(f).toEqual({ num: 14, den: 30 });
    // 100.00 m² × ¥2.0000 = 20000 fen; × 14/30 = 9333.33… → 9333; also vacant: × 0.7 = 6533.33… → 6533.
    const base = { areaHundredths: 10_000, priceUnits: 20_000, months: 1 };
    expect(billAmountFen({ ...base, factors: [f] })).toBe(9333);
    expect(billAmountFen({ ...base, factors: [f, { num: 7, den: 10 }] })).toBe(6533);
    // 10000 fen × 14/30 = 4666.66… → 4667 (a repeating decimal rounds the right way).
    expect(billAmountFen({ priceUnits: 1_000_000, months: 1, factors: [f] })).toBe(4667);
  });

  it('computes the largest area × largest price × 12 months with no precision loss', () => {
    const a = parseArea('99999999.99');
    const p = parseYuanPrice('9999.9999');
    const byHand = (9_999_999_999n * 99_999_999n * 12n) / 10_000n; // remainder 12 < 5000: rounds down
    expect((9_999_999_999n * 99_999_999n * 12n) % 10_000n).toBe(12n);
    expect(byHand).toBe(1_199_999_987_880_000n);
    expect(billAmountFen({ areaHundredths: a, priceUnits: p, months: 12 })).toBe(Number(byHand));
    expect(Number.isSafeInteger(billAmountFen({ areaHundredths: a, priceUnits: p, months: 12 }))).toBe(true);
  });

  it('stays exact where doubles drift by a fen: 99,999,999.99 m² × ¥9,999.9847 × 12', () => {
    const byHand = (9_999_999_999n * 99_999_847n * 12n * 2n + 10_000n) / 20_000n;
    expect(byHand).toBe(1_199_998_163_880_000n);
    expect(Math.round(99_999_999.99 * 9_999.9847 * 12 * 100)).toBe(1_199_998_163_880_001); // the trap
    expect(billAmountFen({ areaHundredths: parseArea('99999999.99'), priceUnits: parseYuanPrice('9999.9847'), months: 12 })).toBe(Number(byHand));
  });

  it('refuses an amount too large to be a safe integer rather than losing fen', () => {
    expect(() => billAmountFen({ areaHundredths: 9_999_999_999, priceUnits: 99_999_999, months: 120 })).toThrow(/too large/);
  });

  it('refuses bad inputs', () => {
    expect(() => billAmountFen({ priceUnits: 100, months: 0 })).toThrow(/Months/);
    expect(() => billAmountFen({ priceUnits: 100, months: 1.5 })).toThrow(/Months/);
    expect(() => billAmountFen({ priceUnits: -1, months: 1 })).toThrow(/Price/);
    expect(() => billAmountFen({ priceUnits: 1.5, months: 1 })).toThrow(/Price/);
    expect(() => billAmountFen({ areaHundredths: -100, priceUnits: 1, months: 1 })).toThrow(/Area/);
    expect(() => billAmountFen({ areaHundredths: 89.5, priceUnits: 1, months: 1 })).toThrow(/Area/);
  });
});

describe('SQL twin', () => {
  it('names every placeholder and substitutes them all', () => {
    for (const p of ['area_hundredths', 'price_units', 'months', 'factor_num', 'factor_den']) {
      expect(SQL_BILL_AMOUNT).toContain(`:${p}`);
    }
    expect(SQL_BILL_AMOUNT).toMatch(/^div\(/);
    const sql = sqlBillAmount({ areaHundredths: 'u.area_hundredths', priceUnits: '$1', months: '3', factorNum: '7', factorDen: '10' });
    expect(sql).not.toMatch(/(?<!:):[a-z]/);
    expect(sql).toContain('(u.area_hundredths)::numeric');
    expect(sql).toContain('($1)::numeric');
  });
});

describe('periods', () => {
  it('parses strictly', () => {
    expect(parsePeriod('2026-04')).toEqual({ year: 2026, month: 4 });
    expect(parsePeriod('2026-12')).toEqual({ year: 2026, month: 12 });
  });
  it.each(['2026-4', '2026-13', '2026-00', '26-04', '2026-04-01', ' 2026-04', '2026/04', '0999-01', ''])('refuses %j', (s) =>
    expect(() => parsePeriod(s)).toThrow(/YYYY-MM/),
  );

  it.each([
    ['2024-02', 29],
    ['2026-02', 28],
    ['1900-02', 28],
    ['2000-02', 29],
    ['2026-04', 30],
    ['2026-12', 31],
  ])('daysInMonth(%s) = %s', (p, n) => expect(daysInMonth(p)).toBe(n));

  it.each([
    ['2026-11', 3, '2027-02'],
    ['2026-01', -1, '2025-12'],
    ['2026-05', 0, '2026-05'],
    ['2026-05', -17, '2024-12'],
    ['2026-05', 24, '2028-05'],
  ] as const)('addMonths(%s, %s) = %s', (p, n, out) => expect(addMonths(p, n)).toBe(out));

  it('knows cycle lengths', () => {
    expect([monthsInCycle('MONTHLY'), monthsInCycle('QUARTERLY'), monthsInCycle('YEARLY')]).toEqual([1, 3, 12]);
  });

  it.each([
    ['2026-01', 'QUARTERLY', '2026-01'],
    ['2026-03', 'QUARTERLY', '2026-01'],
    ['2026-04', 'QUARTERLY', '2026-04'],
    ['2026-05', 'QUARTERLY', '2026-04'],
    ['2026-09', 'QUARTERLY', '2026-07'],
    ['2026-12', 'QUARTERLY', '2026-10'],
    ['2026-07', 'YEARLY', '2026-01'],
    ['2026-01', 'YEARLY', '2026-01'],
    ['2026-07', 'MONTHLY', '2026-07'],
  ] as const)('cycleStart(%s, %s) = %s', (p, c, out) => expect(cycleStart(p, c)).toBe(out));

  it('aligns cycles to another anchor month', () => {
    expect(cycleStart('2026-01', 'QUARTERLY', 2)).toBe('2025-11');
    expect(cycleStart('2026-02', 'QUARTERLY', 2)).toBe('2026-02');
    expect(cycleStart('2026-03', 'YEARLY', 7)).toBe('2025-07');
    expect(cycleStart('2026-07', 'YEARLY', 7)).toBe('2026-07');
    expect(() => cycleStart('2026-07', 'YEARLY', 13)).toThrow(/anchor/);
  });

  it('bills a quarterly or yearly item only in the first month of its cycle', () => {
    expect(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((p) => isCycleStart(p, 'QUARTERLY'))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
    expect(isCycleStart('2026-01', 'YEARLY')).toBe(true);
    expect(isCycleStart('2026-02', 'YEARLY')).toBe(false);
    expect(isCycleStart('2026-02', 'MONTHLY')).toBe(true);
    expect(cycleMonths('2026-04', 'QUARTERLY')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(cycleMonths('2026-11', 'QUARTERLY')).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('proration', () => {
  it('validates days', () => {
    expect(prorationFactor(14, 30)).toEqual({ num: 14, den: 30 });
    expect(prorationFactor(0, 30)).toEqual({ num: 0, den: 30 });
    expect(() => prorationFactor(31, 30)).toThrow();
    expect(() => prorationFactor(-1, 30)).toThrow();
    expect(() => prorationFactor(1, 0)).toThrow();
    expect(() => prorationFactor(1.5, 30)).toThrow();
  });

  it('counts both ends inclusive and clips to the period', () => {
    expect(prorationForDates({ period: '2026-02', to: '2026-02-10' })).toEqual({ num: 10, den: 28 });
    expect(prorationForDates({ period: '2024-02', from: '2024-02-29' })).toEqual({ num: 1, den: 29 });
    expect(prorationForDates({ period: '2026-04', from: '2026-04-10', to: '2026-04-12' })).toEqual({ num: 3, den: 30 });
    expect(prorationForDates({ period: '2026-04', from: '2026-03-01' })).toEqual({ num: 30, den: 30 });
    expect(prorationForDates({ period: '2026-04', from: '2026-05-01' })).toEqual({ num: 0, den: 30 });
    expect(prorationForDates({ period: '2026-04' })).toEqual({ num: 30, den: 30 });
  });

  it('prorates over the days of a quarter', () => {
    // 2026-04 quarter = 30 + 31 + 30 = 91 days; from 1 May: 31 + 30 = 61.
    expect(prorationForDates({ period: '2026-04', cycle: 'QUARTERLY', from: '2026-05-01' })).toEqual({ num: 61, den: 91 });
  });

  it('counts calendar days across months and leap days', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-01-31')).toBe(-29);
    expect(() => daysBetween('2026-02-29', '2026-03-01')).toThrow(/No such date/);
    expect(() => daysBetween('2026-2-1', '2026-03-01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('display', () => {
  it.each([
    [123_450, '1234.50'],
    [5, '0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-5, '-0.05'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('fenToYuanString(%s) = %s', (fen, s) => expect(fenToYuanString(fen)).toBe(s));

  it('formats with Intl from an exact decimal', () => {
    expect(formatFen(123_450)).toBe('¥1,234.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
    expect(formatFen(123_450, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatFen(1234, 'JPY', 'en-US')).toBe('¥1,234'); // yen have no minor unit
    expect(() => formatFen(1.5)).toThrow();
  });
});
