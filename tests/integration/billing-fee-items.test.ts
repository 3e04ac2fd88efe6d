import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { billAmountFen } from '@/server/shared/money';
import { meteredAmountFen } from '@/server/shared/tiers';

const fail = async (p: Promise<unknown>) => {
  try {
    await p;
    return { code: 'OK', message: '' };
  } catch (e) {
    return { code: e instanceof TRPCError ? e.code : `NOT_TRPC: ${String(e)}`, message: (e as Error).message };
  }
};

describe.skipIf(!pgServerUrl())('fee items, prices, parking spaces, meters and readings (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  const ids: Record<string, string> = {};
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];
  const counts = async () =>
    (
      await sql<{ items: number; prices: number; spaces: number; meters: number; readings: number; audit: number }>(
        `select (select count(*)::int from "FeeItem" where "tenantId" = $1) as items,
                (select count(*)::int from "FeeItemPrice" where "tenantId" = $1) as prices,
                (select count(*)::int from "ParkingSpace" where "tenantId" = $1) as spaces,
                (select count(*)::int from "Meter" where "tenantId" = $1) as meters,
                (select count(*)::int from "MeterReading" where "tenantId" = $1) as readings,
                (select count(*)::int from "AuditLog" where "tenantId" = $1) as audit`,
        [A.tenant.id],
      )
    )[0]!;

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Alpha 物业');
    ids.c1 = (await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' })).id;
    ids.c2 = (await A.as.property.createCommunity({ tenant: A.slug, name: '银杏里' })).id;
    ids.b1 = (await A.as.property.createBuilding({ tenant: A.slug, communityId: ids.c1, name: '1号楼' })).id;
    ids.b2 = (await A.as.property.createBuilding({ tenant: A.slug, communityId: ids.c1, name: '2号楼' })).id;
    ids.bOther = (await A.as.property.createBuilding({ tenant: A.slug, communityId: ids.c2, name: '9号楼' })).id;
    ids.u1 = (await A.as.property.createUnit({ tenant: A.slug, buildingId: ids.b1, entrance: '1单元', number: '101', floor: 1, area: '90.00' })).id;
    ids.u2 = (await A.as.property.createUnit({ tenant: A.slug, buildingId: ids.b2, number: '201', floor: 2, area: '120.00' })).id;
    ids.uOther = (await A.as.property.createUnit({ tenant: A.slug, buildingId: ids.bOther, number: '901', floor: 9, area: '60.00' })).id;
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('refuses bad fee items with clear errors and writes nothing', async () => {
    const before = await counts();
    const base = {
      tenant: A.slug,
      name: '物业费',
      calc: 'PER_AREA' as const,
      communityIds: [ids.c1!],
      initialPrice: { effectiveFrom: '2026-01', price: '2.3550' },
    };
    const noScope = await fail(A.as.feeItems.create({ ...base, communityIds: [] }));
    expect(noScope).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/scope/) });
    expect((await fail(A.as.feeItems.create({ ...base, communityIds: ['no-such-community'] }))).code).toBe('NOT_FOUND');
    expect((await fail(A.as.feeItems.create({ ...base, buildingIds: [ids.bOther!] }))).code).toBe('BAD_REQUEST');
    const fine = await fail(A.as.feeItems.create({ ...base, initialPrice: { effectiveFrom: '2026-01', price: '2.35501' } }));
    expect(fine).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/4 decimals/) });
    expect((await fail(A.as.feeItems.create({ ...base, initialPrice: { effectiveFrom: '2026-01', price: '-1' } }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.feeItems.create({ ...base, initialPrice: { effectiveFrom: '2026-01', price: '0' } }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.feeItems.create({ ...base, initialPrice: { effectiveFrom: '2026-1', price: '2' } }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.feeItems.create({ ...base, dueDay: 29 }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.feeItems.create({ ...base, statusFactors: { VACANT: 'seventy' } }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.feeItems.create({ ...base, objectKind: 'PARKING' }))).code).toBe('BAD_REQUEST');
    expect(
      (
        await fail(
          A.as.feeItems.create({
            ...base,
            initialPrice: {
              effectiveFrom: '2026-01',
              tiers: [
                { upTo: '10', price: '3' },
                { upTo: null, price: '4' },
              ],
            },
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await fail(
          A.as.feeItems.create({
            ...base,
            name: '水',
            calc: 'METERED',
            initialPrice: {
              effectiveFrom: '2026-01',
              tiers: [
                { upTo: '10', price: '3' },
                { upTo: '5', price: '4' },
                { upTo: null, price: '5' },
              ],
            },
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(await counts()).toEqual(before);
    // and a cashier may not define fee items at all
    const cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    expect((await fail(cashier.feeItems.create(base))).code).toBe('FORBIDDEN');
    expect((await cashier.feeItems.list({ tenant: A.slug })).length).toBe(0);
  });

  it('a price change applies from its period on; history is visible; the run picks the right price', async () => {
    const item = await A.as.feeItems.create({
      tenant: A.slug,
      name: '物业费',
      calc: 'PER_AREA',
      communityIds: [ids.c1!],
      buildingIds: [ids.b1!],
      initialPrice: { effectiveFrom: '2026-01', price: '2.3550' },
    });
    ids.pf = item.id;
    expect((await fail(A.as.feeItems.create({ tenant: A.slug, name: '物业费', calc: 'FIXED', communityIds: [ids.c1!] }))).code).toBe('CONFLICT');
    await A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: item.id, effectiveFrom: '2026-07', price: '2.80' });
    await A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: item.id, effectiveFrom: '2026-03', price: '2.5' });
    expect((await fail(A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: item.id, effectiveFrom: '2026-03', price: '2.6' }))).code).toBe('CONFLICT');
    expect((await fail(A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: item.id, effectiveFrom: '2026-04', price: '2.60001' }))).code).toBe('BAD_REQUEST');
    const history = await A.as.feeItems.listPrices({ tenant: A.slug, feeItemId: item.id });
    expect(history.map((h) => [h.effectiveFrom, h.price, h.effectiveTo])).toEqual([
      ['2026-01', '2.3550', '2026-03'],
      ['2026-03', '2.5000', '2026-07'],
      ['2026-07', '2.8000', null],
    ]);
    const expectPrice = async (period: string, priceUnits: number | null) => {
      const p = await A.as.billing.getRunPreview({ tenant: A.slug, period, feeItemIds: [item.id] });
      if (priceUnits === null) {
        expect(p.skipped).toEqual([expect.objectContaining({ reason: 'NO_PRICE', message: `no price for ${period}`, count: 1 })]);
        return;
      }
      // only building 1 is in scope: unit 101 (90 m²)
      expect(p).toMatchObject({ bills: 1, totalFen: billAmountFen({ areaHundredths: 9000, priceUnits, months: 1 }) });
    };
    await expectPrice('2025-12', null);
    await expectPrice('2026-02', 23_550);
    await expectPrice('2026-03', 25_000);
    await expectPrice('2026-06', 25_000);
    await expectPrice('2026-07', 28_000);
    await expectPrice('2027-01', 28_000);
    // Earlier bills keep their price.
    await A.as.billing.commitRun({ tenant: A.slug, period: '2026-02', feeItemIds: [item.id] });
    await A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: item.id, effectiveFrom: '2026-02', price: '9.99' });
    const feb = await A.as.billing.listBills({ tenant: A.slug, period: '2026-02' });
    expect(feb.rows.map((b) => b.amountFen)).toEqual([billAmountFen({ areaHundredths: 9000, priceUnits: 23_550, months: 1 })]);
    const shown = await A.as.feeItems.get({ tenant: A.slug, id: item.id });
    expect(shown.prices).toHaveLength(4);
    const listed = await A.as.feeItems.list({ tenant: A.slug });
    expect(listed.find((i) => i.id === item.id)!.currentPrice).not.toBeNull();
  });

  it('updates scope and factors, archives (an archived item is not billed)', async () => {
    await A.as.feeItems.update({
      tenant: A.slug,
      id: ids.pf!,
      buildingIds: [],
      statusFactors: { OCCUPIED: '1' },
      lateFee: { dailyBp: 5, graceDays: 15, capPercent: 100 },
    });
    const got = await A.as.feeItems.get({ tenant: A.slug, id: ids.pf! });
    expect(got).toMatchObject({ buildingIds: [], statusFactors: { OCCUPIED: '1' }, lateFee: { dailyBp: 5, graceDays: 15, capPercent: 100 } });
    expect((await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-09', feeItemIds: [ids.pf!] })).bills).toBe(2);
    expect((await fail(A.as.feeItems.update({ tenant: A.slug, id: ids.pf!, communityIds: [] }))).code).toBe('BAD_REQUEST');
    await A.as.feeItems.archive({ tenant: A.slug, id: ids.pf! });
    const all = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-09' });
    expect(all.items.map((i) => i.feeItemId)).not.toContain(ids.pf);
    expect((await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-09', feeItemIds: [ids.pf!] })).skipped[0]!.reason).toBe('ARCHIVED');
    await A.as.feeItems.archive({ tenant: A.slug, id: ids.pf!, archived: false });
  });

  it('parking spaces: tied to a unit of the same community, or rented alone with a renter', async () => {
    const before = await counts();
    expect((await fail(A.as.parking.create({ tenant: A.slug, communityId: ids.c1!, number: 'B-1', unitId: ids.uOther! }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.parking.create({ tenant: A.slug, communityId: ids.c1!, number: 'B-1' }))).code).toBe('BAD_REQUEST');
    expect((await fail(A.as.parking.create({ tenant: A.slug, communityId: ids.c1!, number: 'B-1', unitId: 'nope' }))).code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
    const tied = await A.as.parking.create({ tenant: A.slug, communityId: ids.c1!, number: 'B-1', unitId: ids.u1! });
    const alone = await A.as.parking.create({
      tenant: A.slug,
      communityId: ids.c1!,
      number: 'B-2',
      renterName: '赵六',
      renterPhone: '13900000000',
    });
    expect((await fail(A.as.parking.create({ tenant: A.slug, communityId: ids.c1!, number: 'B-2', renterName: 'x' }))).code).toBe('CONFLICT');
    expect(await A.as.parking.get({ tenant: A.slug, id: tied.id })).toMatchObject({
      payer: { kind: 'UNIT', id: ids.u1 },
      unit: { label: '1号楼 1单元 101' },
    });
    expect(await A.as.parking.get({ tenant: A.slug, id: alone.id })).toMatchObject({
      payer: { kind: 'PARKING', id: alone.id },
      renterName: '赵六',
    });
    await A.as.parking.update({ tenant: A.slug, id: tied.id, unitId: null, renterName: '钱七' });
    expect(await A.as.parking.get({ tenant: A.slug, id: tied.id })).toMatchObject({ payer: { kind: 'PARKING' }, renterName: '钱七', unit: null });
    expect((await fail(A.as.parking.update({ tenant: A.slug, id: alone.id, renterName: '' }))).code).toBe('BAD_REQUEST');
    expect((await A.as.parking.list({ tenant: A.slug, q: '赵' })).rows.map((r) => r.id)).toEqual([alone.id]);
    await A.as.parking.archive({ tenant: A.slug, id: alone.id });
    expect((await A.as.parking.list({ tenant: A.slug })).total).toBe(1);
  });

  it('meters and readings: in period order, never below the last one unless a replacement', async () => {
    const water = await A.as.feeItems.create({
      tenant: A.slug,
      name: '水费',
      calc: 'METERED',
      communityIds: [ids.c1!],
      initialPrice: { effectiveFrom: '2026-01', price: '3.10' },
    });
    ids.water = water.id;
    expect((await fail(A.as.meters.create({ tenant: A.slug, unitId: ids.u1!, feeItemId: ids.pf! }))).code).toBe('BAD_REQUEST');
    const m = await A.as.meters.create({ tenant: A.slug, unitId: ids.u1!, feeItemId: water.id, serial: 'W-0001' });
    ids.meter = m.id;
    expect((await fail(A.as.meters.create({ tenant: A.slug, unitId: ids.u1!, feeItemId: water.id }))).code).toBe('CONFLICT');
    expect(
      (await A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-03', reading: '100.5', readOn: '2026-03-30' })).consumption,
    ).toBeNull();
    const before = await counts();
    const lower = await fail(A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-04', reading: '99', readOn: '2026-04-30' }));
    expect(lower).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/below the previous reading 100\.500/) });
    expect((await fail(A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-03', reading: '101', readOn: '2026-03-30' }))).code).toBe(
      'CONFLICT',
    );
    expect((await fail(A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-02', reading: '90', readOn: '2026-02-27' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await fail(A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-04', reading: '1.2345', readOn: '2026-04-30' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await fail(A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-04', reading: '120', readOn: '2026-04-31' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(await counts()).toEqual(before);
    expect((await A.as.meters.recordReading({ tenant: A.slug, meterId: m.id, period: '2026-04', reading: '112.75', readOn: '2026-04-30' })).consumption).toBe(
      '12.250',
    );
    const r = await A.as.meters.recordReading({
      tenant: A.slug,
      meterId: m.id,
      period: '2026-05',
      reading: '4',
      readOn: '2026-05-30',
      replacement: { oldFinal: '115', newStart: '0.5' },
    });
    expect(r.consumption).toBe('5.750'); // (115 − 112.75) + (4 − 0.5)
    const readings = await A.as.meters.listReadings({ tenant: A.slug, meterId: m.id });
    expect(readings.map((x) => [x.period, x.reading, x.consumption])).toEqual([
      ['2026-03', '100.500', null],
      ['2026-04', '112.750', '12.250'],
      ['2026-05', '4.000', '5.750'],
    ]);
    const list = await A.as.meters.list({ tenant: A.slug, feeItemId: water.id });
    expect(list.rows[0]).toMatchObject({ serial: 'W-0001', lastReading: { period: '2026-05', reading: '4.000' } });
    const p = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-05', feeItemIds: [water.id] });
    expect(p.toBill).toEqual([
      expect.objectContaining({
        objectId: ids.u1,
        consumption: '5.750',
        amountFen: meteredAmountFen({ previous: '112.75', current: '4', priceUnits: 31_000 }, { replacement: { oldFinal: '115', newStart: '0.5' } }),
      }),
    ]);
  });

  it('imports readings from CSV: all or nothing, with a row report; meters are created as needed', async () => {
    const header = '小区,楼栋,单元,房号,收费项目,账期,读数,抄表日期,旧表止码,新表起码';
    const before = await counts();
    const bad = [
      header,
      '翠竹园,1号楼,1单元,101,水费,2026-06,130,2026-06-30,,', // fine
      '翠竹园,1号楼,1单元,101,水费,2026-07,120,2026-07-30,,', // line 3: below line 2
      '翠竹园,2号楼,,201,水费,2026-6,10,2026-06-30,,', // line 4: bad period
      '翠竹园,2号楼,,999,水费,2026-06,10,2026-06-30,,', // line 5: no such unit
      '翠竹园,2号楼,,201,物业费,2026-06,10,2026-06-30,,', // line 6: not metered
      '翠竹园,2号楼,,201,水费,2026-06,10,2026-06-30,12,', // line 7: half a replacement
      '翠竹园,1号楼,1单元,101,水费,2026-05,130,2026-05-30,,', // line 8: already has May
    ].join('\n');
    const r = await A.as.meters.importReadings({ tenant: A.slug, csv: bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(expect.arrayContaining(['4:period', '7:newStart']));
    expect(await counts()).toEqual(before);
    const r2 = await A.as.meters.importReadings({
      tenant: A.slug,
      csv: bad
        .split('\n')
        .filter((_, i) => ![3, 6].includes(i))
        .join('\n'),
    });
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.problems.map((p) => `${p.line}:${p.column}`).sort()).toEqual(['6:period', '3:reading', '4:number', '5:feeItem'].sort());
    expect(r2.problems.find((p) => p.column === 'reading')!.reason).toMatch(/below the previous reading 130\.000/);
    expect(await counts()).toEqual(before);

    const good = [
      '\uFEFF' + header,
      '翠竹园,1号楼,1单元,101,水费,2026-06,130,2026-06-30,,',
      '翠竹园,2号楼,,201,水费,2026-05,10,2026-05-30,,',
      '翠竹园,2号楼,,201,水费,2026-06,18.5,2026-06-30,,',
    ].join('\r\n');
    const ok = await A.as.meters.importReadings({ tenant: A.slug, csv: good, fileName: 'june.csv' });
    expect(ok).toEqual({ ok: true, rows: 3, readingsCreated: 3, metersCreated: 1 });
    const after = await counts();
    expect(after).toMatchObject({ meters: before.meters + 1, readings: before.readings + 3, audit: before.audit + 1 });
    const june = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-06', feeItemIds: [ids.water!] });
    expect(june).toMatchObject({
      billCount: 2,
      totalFen:
        meteredAmountFen({ previous: '4', current: '130', priceUnits: 31_000 }) + meteredAmountFen({ previous: '10', current: '18.5', priceUnits: 31_000 }),
    });
  });
});
