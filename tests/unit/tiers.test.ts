import { describe, expect, it } from 'vitest';
import { parseYuanPrice } from '@/server/shared/money';
import { consumptionThousandths, formatReading, meteredAmountFen, meteredBreakdown, parseReading, type Tier } from '@/server/shared/tiers';

// 阶梯水价: 0–180 m³ at ¥3.10, 180–260 at ¥4.20, above at ¥5.30.
const WATER: Tier[] = [
  { upTo: 180, priceUnits: parseYuanPrice('3.10') },
  { upTo: 260, priceUnits: parseYuanPrice('4.20') },
  { upTo: null, priceUnits: parseYuanPrice('5.30') },
];

describe('readings', () => {
  it.each([
    ['1234.567', 1_234_567],
    ['12.5', 12_500],
    ['0', 0],
    [' 7 ', 7000],
    [12, 12_000],
    [0, 0],
  ] as const)('%j → %s thousandths', (r, n) => expect(parseReading(r)).toBe(n));
  it.each([12.5, -1, Number.NaN])('refuses the number %s (decimals go as strings)', (r) => expect(() => parseReading(r)).toThrow());
  it.each(['1.2345', '-1', 'abc', '', '1e3', '1,5'])('refuses %j', (r) => expect(() => parseReading(r)).toThrow(/3 decimals/));
  it('formats thousandths', () => {
    expect(formatReading(1_234_500)).toBe('1234.500');
    expect(formatReading(5)).toBe('0.005');
  });
});

describe('flat price', () => {
  it('charges consumption × price, rounded once: 12.345 m³ × ¥3.10 = 3826.95 fen → 3827', () => {
    expect(meteredAmountFen({ previous: '100', current: '112.345', priceUnits: 31_000 })).toBe(3827);
  });
  it('rounds an exact half fen up and just below half down', () => {
    // 0.005 × ¥1 = 0.5 fen; 0.004 × ¥1 = 0.4 fen; 0.001 × ¥4.9990 = 0.4999 fen.
    expect(meteredAmountFen({ previous: 0, current: '0.005', priceUnits: 10_000 })).toBe(1);
    expect(meteredAmountFen({ previous: 0, current: '0.004', priceUnits: 10_000 })).toBe(0);
    expect(meteredAmountFen({ previous: 0, current: '0.001', priceUnits: 49_990 })).toBe(0);
    expect(meteredAmountFen({ previous: 0, current: '0.001', priceUnits: 50_000 })).toBe(1);
  });
  it('charges nothing for no consumption, but still checks the price', () => {
    expect(meteredAmountFen({ previous: '55.5', current: '55.500', priceUnits: 31_000 })).toBe(0);
    expect(() => meteredAmountFen({ previous: 1, current: 1, priceUnits: -1 })).toThrow(/Price/);
  });
  it('refuses a reading that went backwards without a replacement', () => {
    expect(() => meteredAmountFen({ previous: '100', current: '99.999', priceUnits: 31_000 })).toThrow(/replacement/);
  });
});

describe('tiered price', () => {
  it.each([
    ['150', 46_500], // 150 × 3.10
    ['180', 55_800], // exactly the first bound stays in tier 1
    ['180.001', 55_800], // 558 + 0.001 × 4.20 = 558.0042 yuan
    ['200', 64_200], // 558 + 20 × 4.20
    ['260', 89_400], // 558 + 80 × 4.20
    ['300', 110_600], // 558 + 336 + 40 × 5.30
    ['260.5', 89_665], // 558 + 336 + 0.5 × 5.30 = 896.65
  ])('consumption %s m³ → %s fen', (current, fen) => expect(meteredAmountFen({ previous: 0, current, tiers: WATER })).toBe(fen));

  it('splits into lines at the boundaries', () => {
    const b = meteredBreakdown({ previous: '1000', current: '1300', tiers: WATER });
    expect(b.consumptionThousandths).toBe(300_000);
    expect(b.lines).toEqual([
      { fromThousandths: 0, toThousandths: 180_000, quantityThousandths: 180_000, priceUnits: 31_000 },
      { fromThousandths: 180_000, toThousandths: 260_000, quantityThousandths: 80_000, priceUnits: 42_000 },
      { fromThousandths: 260_000, toThousandths: 300_000, quantityThousandths: 40_000, priceUnits: 53_000 },
    ]);
    expect(b.amountFen).toBe(110_600);
  });

  it('rounds the sum once, not each tier', () => {
    // Two lines of 0.5 fen each: 1 fen in total (per-line rounding would give 2).
    const tiers: Tier[] = [
      { upTo: '0.001', priceUnits: 50_000 },
      { upTo: null, priceUnits: 50_000 },
    ];
    expect(meteredAmountFen({ previous: 0, current: '0.002', tiers })).toBe(1);
  });

  it('refuses malformed tier schedules', () => {
    const run = (tiers: Tier[]) => () => meteredAmountFen({ previous: 0, current: 10, tiers });
    expect(run([])).toThrow(/at least one/);
    expect(run([{ upTo: 180, priceUnits: 1 }])).toThrow(/last tier must be unbounded/);
    expect(
      run([
        { upTo: null, priceUnits: 1 },
        { upTo: null, priceUnits: 2 },
      ]),
    ).toThrow(/Only the last/);
    expect(
      run([
        { upTo: 180, priceUnits: 1 },
        { upTo: 180, priceUnits: 2 },
        { upTo: null, priceUnits: 3 },
      ]),
    ).toThrow(/rise/);
    expect(
      run([
        { upTo: 0, priceUnits: 1 },
        { upTo: null, priceUnits: 3 },
      ]),
    ).toThrow(/rise/);
  });
});

describe('meter replacement', () => {
  const replacement = { oldFinal: '9999.5', newStart: '0' };

  it('adds the old meter’s last leg to the new meter’s first', () => {
    expect(consumptionThousandths('9990', '20.5', { replacement })).toBe(30_000);
    expect(meteredAmountFen({ previous: '9990', current: '20.5', priceUnits: 31_000 }, { replacement })).toBe(9300);
  });

  it('prices the combined consumption across tiers', () => {
    // (250 − 100) + (85 − 5) = 230 m³ → 558 + 50 × 4.20 = 768 yuan.
    const r = { oldFinal: 250, newStart: 5 };
    expect(meteredAmountFen({ previous: 100, current: 85, tiers: WATER }, { replacement: r })).toBe(76_800);
  });

  it('refuses legs that go backwards', () => {
    expect(() => consumptionThousandths('100', '20', { replacement: { oldFinal: '90', newStart: '0' } })).toThrow(/Old meter/);
    expect(() => consumptionThousandths('100', '20', { replacement: { oldFinal: '120', newStart: '30' } })).toThrow(/new meter/);
  });
});
