import { describe, expect, it } from 'vitest';
import { parseUnitsCsv } from '@/server/property/import-units';

describe('parseUnitsCsv', () => {
  it('accepts Chinese or English headers, strips a BOM, and maps statuses and kinds', () => {
    const r = parseUnitsCsv(
      '\uFEFFCommunity,Building,Entrance,Unit,Floor,Area,Status,Name,Phone,Email,Kind\n翠竹园,1号楼,,101,1,89.5,vacant,王伟,,W@X.CN,occupant\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      community: '翠竹园',
      number: '101',
      floor: 1,
      area: '89.50',
      status: 'VACANT',
      kind: 'OCCUPANT',
      email: 'w@x.cn',
      line: 2,
    });
  });

  it('reports every bad cell with its line and column', () => {
    const r = parseUnitsCsv('小区,楼栋,房号,楼层,建筑面积,状态\n,1号楼,101,1.5,abc,已入住\n翠竹园,1号楼,102,2,80.123,出租\n');
    expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:community', '2:floor', '2:area', '3:area', '3:status']);
    // reasons are keys of the errors catalog (the UI renders them), with their English text
    expect(r.problems.map((p) => p.key)).toEqual(['importRequired', 'floorWhole', 'areaFormat', 'areaFormat', 'statusValues']);
  });

  it('names the missing required columns', () => {
    const r = parseUnitsCsv('小区,房号\n翠竹园,101\n');
    expect(r.problems.map((p) => p.column)).toEqual(['building', 'floor', 'area']);
    expect(r.problems[0]).toMatchObject({ key: 'missingColumn', params: { headers: expect.stringMatching(/building|楼栋/) } });
  });

  it('refuses an empty file and a header-only file', () => {
    expect(parseUnitsCsv('').problems[0]).toMatchObject({ key: 'fileEmpty', reason: 'The file is empty' });
    expect(parseUnitsCsv('小区,楼栋,房号,楼层,建筑面积\n').problems[0]!.key).toBe('headerNoRows');
  });

  it('requires a name when a phone is given, and consistent unit fields across lines', () => {
    const r = parseUnitsCsv('小区,楼栋,房号,楼层,建筑面积,姓名,电话\n翠竹园,1号楼,101,1,80,,13800000000\n翠竹园,1号楼,101,2,80,甲,\n');
    expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:residentName', '3:floor']);
    expect(r.problems[1]).toMatchObject({ key: 'differsFromLine', params: { line: 2 } });
  });
});
