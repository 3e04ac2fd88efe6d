import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { AppError } from '@/server/errors';

const fails = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TRPCError);
  const cause = (e as TRPCError).cause;
  return { code: (e as TRPCError).code, key: cause instanceof AppError ? cause.key : undefined, params: cause instanceof AppError ? cause.params : undefined };
};

describe.skipIf(!pgServerUrl())("generating a building's units (PostgreSQL)", () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let communityId: string;
  let buildingId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    communityId = (await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' })).id;
    buildingId = (await A.as.property.createBuilding({ tenant: A.slug, communityId, name: '9号楼' })).id;
  });
  afterAll(() => t?.drop());

  // 2 entrances × 3 floors × 2 units, 1-0301 style, 89.50 m² at …01 and 120.00 m² at …02
  const spec = { entrances: 2, entrancePattern: '', floors: 3, perFloor: 2, numberPattern: '{entrance}-{floor:02}{unit:02}', areas: ['89.5', '120'] };
  const units = async (tenant = A) =>
    (await tenant.as.property.listUnits({ tenant: tenant.slug, buildingId, includeArchived: true, pageSize: 200 })).rows.map(
      (u) => `${u.number} ${u.area} ${u.status}`,
    );
  const audits = async () => (await A.as.company.listAudit({ tenant: A.slug, action: 'unit.generate' })).total;

  it('previews every unit and writes nothing', async () => {
    const p = await A.as.property.getGeneratedUnits({ tenant: A.slug, buildingId, ...spec });
    expect(p).toMatchObject({ total: 12, existing: 0, existingLabels: [], building: { name: '9号楼', community: '翠竹园' } });
    expect(p.units.slice(0, 2)).toEqual([
      { entrance: '', number: '1-0101', floor: 1, position: 1, area: '89.50', label: '1-0101' },
      { entrance: '', number: '1-0102', floor: 1, position: 2, area: '120.00', label: '1-0102' },
    ]);
    expect(await units()).toEqual([]);
  });

  it('generates them in one step, with the area of their position, audited once', async () => {
    expect(await A.as.property.generateUnits({ tenant: A.slug, buildingId, ...spec })).toEqual({ created: 12 });
    const got = await units();
    expect(got).toHaveLength(12);
    expect(got).toContain('1-0301 89.50 VACANT');
    expect(got).toContain('2-0302 120.00 VACANT');
    const at = (end: string) => got.filter((u) => u.split(' ')[0]!.endsWith(end)).map((u) => u.split(' ')[1]);
    expect(at('01')).toEqual(Array(6).fill('89.50'));
    expect(at('02')).toEqual(Array(6).fill('120.00'));
    expect(await audits()).toBe(1);
    // the building's units belong to its community
    expect((await A.as.property.listUnits({ tenant: A.slug, communityId, pageSize: 200 })).total).toBe(12);
  });

  it('is all or nothing: one unit the building already has refuses the whole generation, naming it', async () => {
    const before = await units();
    // floors 3–4: floor 3 exists, floor 4 does not
    const e = await fails(A.as.property.generateUnits({ tenant: A.slug, buildingId, ...spec, firstFloor: 3, floors: 2 }));
    expect(e).toMatchObject({ code: 'CONFLICT', key: 'generateExisting', params: { count: 4 } });
    expect(String(e.params!.labels)).toContain('1-0301');
    expect(await units()).toEqual(before);
    expect(await audits()).toBe(1);
    // the preview says so before anything is tried
    const p = await A.as.property.getGeneratedUnits({ tenant: A.slug, buildingId, ...spec, firstFloor: 3, floors: 2 });
    expect(p).toMatchObject({ total: 8, existing: 4 });
    expect(p.existingLabels).toEqual(['1-0301', '1-0302', '2-0301', '2-0302']);
  });

  it('counts an archived unit as existing (it keeps its number)', async () => {
    const unit = (await A.as.property.listUnits({ tenant: A.slug, buildingId, q: '2-0302' })).rows[0]!;
    await A.as.property.archiveUnit({ tenant: A.slug, id: unit.id });
    const e = await fails(A.as.property.generateUnits({ tenant: A.slug, buildingId, ...spec, firstFloor: 3, floors: 1, entrances: 2 }));
    expect(e).toMatchObject({ code: 'CONFLICT', key: 'generateExisting' });
    await A.as.property.archiveUnit({ tenant: A.slug, id: unit.id, archived: false });
  });

  it('refuses patterns that name two units alike before touching the database', async () => {
    const before = await units();
    const e = await fails(A.as.property.generateUnits({ tenant: A.slug, buildingId, ...spec, numberPattern: '{floor}{unit:02}', firstFloor: 10 }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(await units()).toEqual(before);
  });

  it('refuses an archived building', async () => {
    const b = await A.as.property.createBuilding({ tenant: A.slug, communityId, name: '旧楼' });
    await A.as.property.archiveBuilding({ tenant: A.slug, id: b.id });
    expect(await fails(A.as.property.generateUnits({ tenant: A.slug, buildingId: b.id, ...spec }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      key: 'parentArchived',
    });
  });

  it("another company's building is NOT_FOUND for preview and commit, and nothing of A's changes", async () => {
    const before = await units();
    expect((await fails(B.as.property.getGeneratedUnits({ tenant: B.slug, buildingId, ...spec, firstFloor: 20 }))).code).toBe('NOT_FOUND');
    expect((await fails(B.as.property.generateUnits({ tenant: B.slug, buildingId, ...spec, firstFloor: 20 }))).code).toBe('NOT_FOUND');
    // B's admin naming A's slug is no member of A
    expect((await fails(B.as.property.generateUnits({ tenant: A.slug, buildingId, ...spec, firstFloor: 20 }))).code).toBe('NOT_FOUND');
    expect(await units()).toEqual(before);
    expect((await B.as.property.listUnits({ tenant: B.slug })).total).toBe(0);
  });

  it('a cashier may neither preview nor generate', async () => {
    const cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    expect((await fails(cashier.property.getGeneratedUnits({ tenant: A.slug, buildingId, ...spec, firstFloor: 20 }))).code).toBe('FORBIDDEN');
    expect((await fails(cashier.property.generateUnits({ tenant: A.slug, buildingId, ...spec, firstFloor: 20 }))).code).toBe('FORBIDDEN');
  });

  it('writes a large building with one statement (3 × 33 × 6 = 594 units)', async () => {
    const tower = await A.as.property.createBuilding({ tenant: A.slug, communityId, name: '塔楼' });
    const started = performance.now();
    const r = await A.as.property.generateUnits({
      tenant: A.slug,
      buildingId: tower.id,
      entrances: 3,
      floors: 33,
      perFloor: 6,
      areas: ['89.5', '120', '76.35', '76.35', '120', '89.5'],
      status: 'OCCUPIED',
    });
    expect(r).toEqual({ created: 594 });
    expect(performance.now() - started).toBeLessThan(10_000);
    const list = await A.as.property.listUnits({ tenant: A.slug, buildingId: tower.id, q: '3306' });
    expect(list.rows.map((u) => `${u.entrance}-${u.number} ${u.area} ${u.status}`)).toEqual([
      '1单元-3306 89.50 OCCUPIED',
      '2单元-3306 89.50 OCCUPIED',
      '3单元-3306 89.50 OCCUPIED',
    ]);
  });
});
