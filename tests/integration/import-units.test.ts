import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';

const HEADER = '小区,楼栋,单元,房号,楼层,建筑面积,状态,姓名,电话,身份';

describe.skipIf(!pgServerUrl())('CSV import of units and residents (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db);
    await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' });
  });
  afterAll(() => t?.drop());

  const counts = async () => ({
    units: (await A.as.property.listUnits({ tenant: A.slug, includeArchived: true })).total,
    residents: (await A.as.property.listResidents({ tenant: A.slug, includeArchived: true })).total,
    audit: (await A.as.company.listAudit({ tenant: A.slug, action: 'import' })).total,
  });

  it('imports nothing from a file with a bad row, and reports every problem with line and column', async () => {
    const before = await counts();
    const csv = [
      HEADER,
      '翠竹园,1号楼,1单元,101,1,89.50,已入住,王伟,13800000001,业主',
      '翠竹园,1号楼,1单元,102,1,-3,已入住,李娜,13800000002,业主', // line 3: bad area
      '无名园,1号楼,1单元,103,x,80,已入住,赵六,13800000003,业主', // line 4: bad floor (community checked later)
      '翠竹园,1号楼,1单元,104,1,80,出租,孙七,13800000004,房东', // line 5: bad status and kind
    ].join('\n');
    const r = await A.as.property.importUnits({ tenant: A.slug, csv });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.problems.map((p) => `${p.line}:${p.column}`);
    expect(got).toEqual(expect.arrayContaining(['3:area', '4:floor', '5:status', '5:kind']));
    expect(r.problems.find((p) => p.line === 3)!.reason).toMatch(/m²/);
    expect(await counts()).toEqual(before);
  });

  it('reports an unknown community and a missing column, writing nothing', async () => {
    const before = await counts();
    const r = await A.as.property.importUnits({ tenant: A.slug, csv: `${HEADER}\n无名园,1号楼,1单元,103,1,80,已入住,赵六,13800000003,业主\n` });
    expect(r).toMatchObject({ ok: false, problems: [{ line: 2, column: 'community', reason: expect.stringMatching(/无名园/) }] });
    const r2 = await A.as.property.importUnits({ tenant: A.slug, csv: '小区,楼栋,房号,楼层\n翠竹园,1号楼,101,1\n' });
    expect(r2).toMatchObject({ ok: false, problems: [{ line: 1, column: 'area' }] });
    expect(await counts()).toEqual(before);
  });

  it('imports a good file (UTF-8 with BOM, Chinese text, several residents per unit) and audits it once', async () => {
    const before = await counts();
    const csv =
      '\uFEFF' +
      [
        HEADER,
        '翠竹园,1号楼,1单元,101,1,89.50,已入住,王伟,13800000001,业主',
        '翠竹园,1号楼,1单元,101,1,89.50,已入住,李娜,13800000002,租户',
        '翠竹园,2号楼,,201,2,120,空置,,,',
        '"翠竹园","2号楼","","202","2","120.5","装修中","赵六, Jr.","",""',
      ].join('\r\n');
    const r = await A.as.property.importUnits({ tenant: A.slug, csv, fileName: 'units.csv' });
    expect(r).toEqual({ ok: true, rows: 4, buildingsCreated: 2, unitsCreated: 3, unitsUpdated: 0, residentsCreated: 3, residentsUpdated: 0 });
    const after = await counts();
    expect(after).toEqual({ units: before.units + 3, residents: before.residents + 3, audit: before.audit + 1 });
    const units = await A.as.property.listUnits({ tenant: A.slug, q: '王伟' });
    expect(units.rows[0]).toMatchObject({ building: '1号楼', entrance: '1单元', number: '101', area: '89.50', status: 'OCCUPIED' });
    expect(units.rows[0]!.residents.map((x) => [x.name, x.kind])).toEqual([
      ['王伟', 'OWNER'],
      ['李娜', 'OCCUPANT'],
    ]);
    const renovating = await A.as.property.listUnits({ tenant: A.slug, status: 'RENOVATION' });
    expect(renovating.rows.map((u) => [u.number, u.area, u.residents[0]?.name])).toEqual([['202', '120.50', '赵六, Jr.']]);
  });

  it('re-importing updates the units it names instead of duplicating them', async () => {
    const csv = [HEADER, '翠竹园,1号楼,1单元,101,1,90.00,已入住,王伟,13900000009,业主'].join('\n');
    const r = await A.as.property.importUnits({ tenant: A.slug, csv });
    expect(r).toMatchObject({ ok: true, unitsCreated: 0, unitsUpdated: 1, residentsCreated: 0, residentsUpdated: 1, buildingsCreated: 0 });
    const u = await A.as.property.listUnits({ tenant: A.slug, q: '王伟' });
    expect(u.total).toBe(1);
    expect(u.rows[0]!.area).toBe('90.00');
  });

  it('flags the same unit with conflicting fields on two lines', async () => {
    const csv = [HEADER, '翠竹园,3号楼,1单元,301,3,90,已入住,甲,,', '翠竹园,3号楼,1单元,301,3,95,已入住,乙,,'].join('\n');
    const r = await A.as.property.importUnits({ tenant: A.slug, csv });
    expect(r).toMatchObject({ ok: false, problems: [{ line: 3, column: 'area', reason: expect.stringMatching(/line 2/) }] });
  });

  it('imports 10,000 rows in one go', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `翠竹园,${10 + Math.floor(i / 400)}号楼,${1 + (Math.floor(i / 20) % 20)}单元,${1000 + (i % 20)},${1 + (i % 20)},${(60 + (i % 90)).toFixed(2)},已入住,住户${i},138${String(i).padStart(8, '0')},业主`,
      );
    }
    const r = await A.as.property.importUnits({ tenant: A.slug, csv: lines.join('\n') });
    expect(r).toMatchObject({ ok: true, rows: 10_000, unitsCreated: 10_000, residentsCreated: 10_000, buildingsCreated: 25 });
  });
});
