import { describe, expect, it } from 'vitest';
import { expandUnits, fillPattern, parsePattern, repeatedUnits, type GenerateSpec } from '@/server/shared/unit-generator';
import { ZGenerateUnits } from '@/server/shared/schemas/property';
import { parseKeyMessage } from '@/server/shared/error-key';

const spec = (over: Partial<GenerateSpec> = {}): GenerateSpec => ({
  entrances: 2,
  entrancePattern: '{entrance}单元',
  firstFloor: 1,
  floors: 3,
  perFloor: 2,
  numberPattern: '{floor}{unit:02}',
  areas: ['89.50', '120.00'],
  ...over,
});

describe('unit number patterns', () => {
  it('fills placeholders, padded to their width', () => {
    const at = { entrance: 1, floor: 3, unit: 1 };
    expect(fillPattern('{entrance}-{floor:02}{unit:02}', at)).toBe('1-0301');
    expect(fillPattern('{floor}{unit:02}', at)).toBe('301');
    expect(fillPattern('{floor}{unit}', { ...at, floor: 12, unit: 3 })).toBe('123');
    expect(fillPattern('{unit:3}', at)).toBe('001');
    expect(fillPattern('B{floor}', { ...at, floor: -1 })).toBe('B-1');
    expect(fillPattern('{floor:02}', { ...at, floor: -1 })).toBe('-01');
  });

  it('takes the Chinese placeholder names too', () => {
    expect(fillPattern('{单元}-{楼层:02}{户:02}', { entrance: 2, floor: 11, unit: 4 })).toBe('2-1104');
    expect(fillPattern('{单元}单元', { entrance: 2, floor: 1, unit: 1 })).toBe('2单元');
    expect(fillPattern('{层}{室:2}', { entrance: 1, floor: 5, unit: 1 })).toBe('501');
  });

  it('names an unknown or unclosed placeholder', () => {
    expect(parsePattern('{building}-{unit}')).toEqual({ bad: '{building}' });
    expect(parsePattern('{unit:5}')).toEqual({ bad: '{unit:5}' });
    expect(parsePattern('{floor}{unit')).toEqual({ bad: '{' });
    expect(parsePattern('{floor}}')).toEqual({ bad: '}' });
    expect('parts' in parsePattern('no placeholders')).toBe(true);
  });
});

describe('expandUnits', () => {
  it('makes entrances × floors × units per floor, entrance by entrance, floor by floor', () => {
    const units = expandUnits(spec());
    expect(units).toHaveLength(12);
    expect(units.slice(0, 3).map((u) => [u.entrance, u.number, u.floor, u.position])).toEqual([
      ['1单元', '101', 1, 1],
      ['1单元', '102', 1, 2],
      ['1单元', '201', 2, 1],
    ]);
    expect(units.at(-1)).toMatchObject({ entrance: '2单元', number: '302', floor: 3, position: 2 });
  });

  it('gives each unit the area of its position on the floor', () => {
    const units = expandUnits(spec({ entrancePattern: '', numberPattern: '{entrance}-{floor:02}{unit:02}', entrances: 1, floors: 4 }));
    expect(units.filter((u) => u.number.endsWith('01')).map((u) => u.area)).toEqual(['89.50', '89.50', '89.50', '89.50']);
    expect(units.filter((u) => u.number.endsWith('02')).map((u) => u.area)).toEqual(['120.00', '120.00', '120.00', '120.00']);
    expect(units.map((u) => u.number)).toContain('1-0301');
  });

  it('starts at the lowest floor given', () => {
    const units = expandUnits(spec({ entrances: 1, firstFloor: 2, floors: 2 }));
    expect(units.map((u) => u.number)).toEqual(['201', '202', '301', '302']);
  });

  it('finds the numbers a pattern repeats', () => {
    // two entrances, and neither pattern tells them apart
    expect(repeatedUnits(expandUnits(spec({ entrancePattern: '' })))).toEqual(['101', '102', '201', '202', '301']);
    expect(repeatedUnits(expandUnits(spec()))).toEqual([]);
  });
});

describe('ZGenerateUnits', () => {
  const base = { buildingId: 'b1', entrances: 2, floors: 3, perFloor: 2, areas: ['89.5', '120'] };
  const keys = (input: unknown) => {
    const r = ZGenerateUnits.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${parseKeyMessage(i.message)?.key ?? i.message}`);
  };

  it('defaults the patterns and status, and canonicalises areas', () => {
    const r = ZGenerateUnits.parse(base);
    expect(r).toMatchObject({
      entrancePattern: '{entrance}单元',
      numberPattern: '{floor}{unit:02}',
      firstFloor: 1,
      status: 'VACANT',
      areas: ['89.50', '120.00'],
    });
  });

  it('takes the counts as the form types them', () => {
    expect(ZGenerateUnits.parse({ ...base, entrances: '2', floors: '3', perFloor: '2' })).toMatchObject({ entrances: 2, floors: 3, perFloor: 2 });
  });

  it('refuses what would not generate one unit per number', () => {
    expect(keys({ ...base, areas: ['89.5'] })).toEqual(['areas:generateAreas']);
    expect(keys({ ...base, entrancePattern: '' })).toEqual(['numberPattern:generateRepeats']);
    expect(keys({ ...base, numberPattern: '{floor}' })).toEqual(['numberPattern:generateRepeats']);
    expect(keys({ ...base, numberPattern: '{floor}{house}' })).toEqual(['numberPattern:unitPatternPlaceholder']);
    expect(keys({ ...base, numberPattern: 'X'.repeat(19) + '{floor}{unit}' })).toEqual(['numberPattern:generateTooLong']);
    expect(keys({ ...base, entrances: 0 })).toEqual(['entrances:generateCount']);
    expect(keys({ ...base, entrances: 20, floors: 200, perFloor: 2 })).toEqual(['perFloor:generateTooMany']);
    expect(keys({ ...base, firstFloor: 199 })).toEqual(['floors:floorRange']);
  });
});
