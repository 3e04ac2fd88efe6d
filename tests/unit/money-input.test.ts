import { describe, expect, it } from 'vitest';
import { ZAmountFen } from '@/server/shared/schemas/payments';
import {
  AMOUNT_MESSAGES,
  MAX_INT4,
  canonicalYuanText,
  fenToYuanText,
  parseYuanText,
  priceUnitsToYuanText,
  yuanToFen,
  zYuanToFen,
  zYuanToPriceUnits,
} from '@/server/shared/money-input';

const fen = (s: unknown) => zYuanToFen().safeParse(s);
const units = (s: unknown) => zYuanToPriceUnits().safeParse(s);
const problem = (r: ReturnType<typeof fen>) => (r.success ? null : (r.error.issues[0] as { params?: { problem: string } }).params!.problem);

describe('amounts: yuan text → fen', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.05', 5],
    ['0.5', 50],
    ['0', 0],
    ['0.00', 0],
    [' 7 ', 700],
    ['007.10', 710],
    ['¥12', 1200],
    ['￥ 12.3', 1230],
    ['1,234.50', 123_450],
    ['1,234,567', 123_456_700],
    ['１２．５０', 1250],
    ['￥１，２３４', 123_400],
    [12.5, 1250],
    ['21474836.47', MAX_INT4],
  ])('%j → %s fen', (s, n) => {
    const r = fen(s);
    expect(r.success && r.data).toBe(n);
  });

  it.each([
    ['12.345', 'decimals'],
    ['0.001', 'decimals'],
    ['12.500', 'decimals'], // even a trailing zero: refused, never rounded
    ['１２．３４５', 'decimals'],
    ['-1', 'negative'],
    ['-0.01', 'negative'],
    ['−5', 'negative'],
    ['－５', 'negative'],
    ['', 'required'],
    ['   ', 'required'],
    ['abc', 'format'],
    ['1e3', 'format'],
    ['12.', 'format'],
    ['.5', 'format'],
    ['12,34', 'format'],
    ['1,2345', 'format'],
    ['1 000', 'format'],
    ['0x10', 'format'],
    ['NaN', 'format'],
    ['12元', 'format'],
    ['+12', 'format'],
    ['21474836.48', 'tooLarge'],
    ['99999999999999999999', 'tooLarge'],
    [1e21, 'format'],
  ])('refuses %j (%s)', (s, why) => expect(problem(fen(s))).toBe(why));

  it.each([null, undefined, Number.NaN, Infinity, {}, ['12']])('refuses the non-text %j, saying it is not an amount', (v) => {
    const r = fen(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(AMOUNT_MESSAGES.format);
  });

  it('says why in words', () => {
    const r = fen('1.234');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('amountDecimals'); // a key of the errors catalog
  });

  it('feeds the server rule: piped into ZAmountFen, 0 and over the column are refused there', () => {
    const form = zYuanToFen().pipe(ZAmountFen);
    expect(form.parse('12.50')).toBe(1250);
    expect(form.safeParse('0').success).toBe(false);
    expect(form.safeParse('0.00').success).toBe(false);
    expect(form.safeParse('20000000.01').success).toBe(false); // over the payments max (¥20,000,000.00)
    expect(form.parse('20000000.00')).toBe(2_000_000_000);
  });

  it('a limit of its own', () => {
    expect(zYuanToFen(100).safeParse('1.00').success).toBe(true);
    expect(problem(zYuanToFen(100).safeParse('1.01'))).toBe('tooLarge');
  });

  it('yuanToFen for previews; round trip with fenToYuanText', () => {
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('12.555')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    for (const n of [0, 1, 5, 50, 99, 100, 1250, 123_450, MAX_INT4]) expect(yuanToFen(fenToYuanText(n))).toBe(n);
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(-1250)).toBe('-12.50');
    expect(() => fenToYuanText(1.5)).toThrow();
  });
});

describe('unit prices: yuan text → 1/100 fen', () => {
  it.each([
    ['2.355', 23_550],
    ['2.3550', 23_550],
    ['150', 1_500_000],
    ['0.0001', 1],
    ['0', 0],
    ['¥2.5', 25_000],
    ['２．３５５', 23_550],
    ['1,000', 10_000_000],
    ['214748.3647', MAX_INT4],
  ])('%j → %s price units', (s, n) => {
    const r = units(s);
    expect(r.success && r.data).toBe(n);
  });

  it.each([
    ['2.35501', 'decimals'],
    ['0.00001', 'decimals'],
    ['2.35500', 'decimals'],
    ['-2', 'negative'],
    ['', 'required'],
    ['2.', 'format'],
    ['abc', 'format'],
    ['214748.3648', 'tooLarge'],
  ])('refuses %j (%s)', (s, why) => expect(problem(units(s))).toBe(why));

  it('round trip with priceUnitsToYuanText', () => {
    for (const n of [0, 1, 23_550, 1_500_000, MAX_INT4]) expect(units(priceUnitsToYuanText(n)).data).toBe(n);
    expect(priceUnitsToYuanText(23_550)).toBe('2.3550');
  });
});

describe('the API grammar (untyped) is the canonical one', () => {
  it('refuses what only a person types', () => {
    for (const s of ['¥2', '1,000', '２']) expect(parseYuanText(s, 4).ok).toBe(false);
    expect(parseYuanText('2.355', 4)).toEqual({ ok: true, value: 23_550 });
  });
  it('canonicalYuanText', () => {
    expect(canonicalYuanText(' ￥１，２３４．５ ')).toBe('1234.5');
    expect(canonicalYuanText('12,34')).toBe('12,34');
  });
});
