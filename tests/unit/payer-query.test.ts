import { describe, expect, it } from 'vitest';
import { normalizePayerText, parsePayerQuery } from '@/server/shared/payer-query';

// What cashiers type at the desk (issue #13 point 4), and what the one payer search makes of it.
describe('parsePayerQuery', () => {
  const cases: [string, object][] = [
    ['101', { number: '101' }],
    ['1-301', { building: '1', number: '301', buildingOrEntrance: true }],
    ['1号楼 101', { building: '1', number: '101' }],
    ['1号楼1单元301', { building: '1', entrance: '1', number: '301' }],
    ['翠竹园 1-101', { community: '翠竹园', building: '1', number: '101', buildingOrEntrance: true }],
    ['张三', { name: '张三' }],
    ['13800138000', { phone: '13800138000' }],
    ['2026-000123', { receipt: { year: 2026, no: 123 } }],
    // more of the same forms
    ['翠竹园1号楼101', { community: '翠竹园', building: '1', number: '101' }],
    ['3栋2单元1502室', { building: '3', entrance: '2', number: '1502' }],
    ['1-2-301', { building: '1', entrance: '2', number: '301' }],
    ['2单元301', { entrance: '2', number: '301' }],
    ['1#301', { building: '1', number: '301' }],
    ['A座101', { building: 'A', number: '101' }],
    ['1号楼', { building: '1' }],
    ['翠竹园 张三', { community: '翠竹园', name: '张三' }],
    ['138 0013 8000', { phone: '13800138000' }],
    ['+86 138-0013-8000', { phone: '13800138000' }],
    ['0138001', { phone: '0138001' }],
    ['NO.2026-000045', { receipt: { year: 2026, no: 45 } }],
  ];
  it.each(cases)('%s', (input, expected) => {
    const q = parsePayerQuery(input);
    const { text, ...rest } = q!;
    expect(text).toBe(normalizePayerText(input));
    expect(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  it('reads full-width digits, letters, dashes and spaces as ASCII', () => {
    expect(parsePayerQuery('１－３０１')).toMatchObject({ building: '1', number: '301' });
    expect(parsePayerQuery('翠竹园　１号楼　１０１')).toMatchObject({ community: '翠竹园', building: '1', number: '101' });
    expect(parsePayerQuery('２０２６－０００１２３')).toMatchObject({ receipt: { year: 2026, no: 123 } });
    expect(parsePayerQuery('Ａ座１０１')).toMatchObject({ building: 'A', number: '101' });
    expect(parsePayerQuery('1—301')).toMatchObject({ building: '1', number: '301' });
  });

  it('ignores extra spaces', () => {
    expect(parsePayerQuery('  1号楼   101 ')).toMatchObject({ text: '1号楼 101', building: '1', number: '101' });
    expect(parsePayerQuery('1 - 301')).toMatchObject({ text: '1-301', building: '1', number: '301' });
    expect(parsePayerQuery(' 翠竹园   1-101')).toMatchObject({ community: '翠竹园', building: '1', number: '101' });
    expect(parsePayerQuery(' 张三 ')).toEqual({ text: '张三', name: '张三' });
  });

  it('returns null for nothing typed', () => {
    expect(parsePayerQuery('')).toBeNull();
    expect(parsePayerQuery(' 　 ')).toBeNull();
  });

  it('an address with a dash is not a phone; a short number is a unit, not a phone', () => {
    expect(parsePayerQuery('1502-3012')).toMatchObject({ building: '1502', number: '3012' });
    expect(parsePayerQuery('150201')).toMatchObject({ number: '150201' });
    expect(parsePayerQuery('1-301')!.phone).toBeUndefined();
  });
});
