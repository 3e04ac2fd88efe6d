import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { code } from '../helpers/outcome';

// Every billing procedure, called by company B's admin with company A's ids: NOT_FOUND (never
// FORBIDDEN, which would reveal that the record exists), and nothing of A's changes.
describe.skipIf(!pgServerUrl())('billing: tenant B cannot read or write tenant A’s records (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  const a: Record<string, string> = {};
  const b: Record<string, string> = {};
  const snapshot = async () =>
    (
      await owner.query(
        `select (select json_agg(row_to_json(x) order by x.id) from "Bill" x where "tenantId" = $1) as bills,
                (select json_agg(row_to_json(x) order by x.id) from "FeeItem" x where "tenantId" = $1) as items,
                (select json_agg(row_to_json(x) order by x.id) from "FeeItemPrice" x where "tenantId" = $1) as prices,
                (select json_agg(row_to_json(x) order by x.id) from "ParkingSpace" x where "tenantId" = $1) as spaces,
                (select json_agg(row_to_json(x) order by x.id) from "Meter" x where "tenantId" = $1) as meters,
                (select json_agg(row_to_json(x) order by x.id) from "MeterReading" x where "tenantId" = $1) as readings,
                (select json_agg(row_to_json(x) order by x.id) from "BillingRun" x where "tenantId" = $1) as runs,
                (select json_agg(row_to_json(x) order by x.id) from "Adjustment" x where "tenantId" = $1) as adjustments`,
        [A.tenant.id],
      )
    ).rows[0];
  const bCounts = async () =>
    (
      await owner.query(
        `select (select count(*)::int from "Bill" where "tenantId" = $1) as bills, (select count(*)::int from "FeeItem" where "tenantId" = $1) as items,
                (select count(*)::int from "ParkingSpace" where "tenantId" = $1) as spaces, (select count(*)::int from "Meter" where "tenantId" = $1) as meters,
                (select count(*)::int from "Adjustment" where "tenantId" = $1) as adjustments, (select count(*)::int from "BillingRun" where "tenantId" = $1) as runs`,
        [B.tenant.id],
      )
    ).rows[0];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    a.community = (await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' })).id;
    a.building = (await A.as.property.createBuilding({ tenant: A.slug, communityId: a.community, name: '1号楼' })).id;
    a.unit = (await A.as.property.createUnit({ tenant: A.slug, buildingId: a.building, number: '101', floor: 1, area: '90.00' })).id;
    a.space = (await A.as.parking.create({ tenant: A.slug, communityId: a.community, number: 'P-1', renterName: '赵六' })).id;
    a.item = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '物业费',
        calc: 'PER_AREA',
        communityIds: [a.community],
        initialPrice: { effectiveFrom: '2026-01', price: '2.00' },
      })
    ).id;
    a.water = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '水费',
        calc: 'METERED',
        communityIds: [a.community],
        initialPrice: { effectiveFrom: '2026-01', price: '3.00' },
      })
    ).id;
    a.meter = (await A.as.meters.create({ tenant: A.slug, unitId: a.unit, feeItemId: a.water })).id;
    await A.as.meters.recordReading({ tenant: A.slug, meterId: a.meter, period: '2026-01', reading: '10', readOn: '2026-01-30' });
    a.run = (await A.as.billing.commitRun({ tenant: A.slug, period: '2026-01', feeItemIds: [a.item] })).runId;
    a.bill = (await A.as.billing.listBills({ tenant: A.slug })).rows[0]!.id;
    a.voidBill = (
      await A.as.billing.createOneOffCharge({ tenant: A.slug, unitId: a.unit, description: '押金', amountFen: 100, period: '2026-01', dueDate: '2026-01-31' })
    ).id;
    await A.as.billing.voidBill({ tenant: A.slug, id: a.voidBill, reason: '作废' });
    a.adjustment = (await A.as.billing.requestAdjustment({ tenant: A.slug, billId: a.bill, kind: 'DISCOUNT', amountFen: 100, reason: '优惠' })).id;
    // B has its own register so that "not found" is not just "B has nothing".
    b.community = (await B.as.property.createCommunity({ tenant: B.slug, name: '翠竹园' })).id;
    b.building = (await B.as.property.createBuilding({ tenant: B.slug, communityId: b.community, name: '1号楼' })).id;
    b.unit = (await B.as.property.createUnit({ tenant: B.slug, buildingId: b.building, number: '101', floor: 1, area: '90.00' })).id;
    b.item = (
      await B.as.feeItems.create({
        tenant: B.slug,
        name: '物业费',
        calc: 'PER_AREA',
        communityIds: [b.community],
        initialPrice: { effectiveFrom: '2026-01', price: '2.00' },
      })
    ).id;
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('every procedure answers NOT_FOUND for A’s ids and changes nothing of A’s', async () => {
    const before = await snapshot();
    const bBefore = await bCounts();
    const s = B.slug;
    const calls: [string, () => Promise<unknown>][] = [
      ['getFeeItem', () => B.as.feeItems.get({ tenant: s, id: a.item! })],
      ['updateFeeItem', () => B.as.feeItems.update({ tenant: s, id: a.item!, name: 'hijack' })],
      ['archiveFeeItem', () => B.as.feeItems.archive({ tenant: s, id: a.item! })],
      ['setPrice', () => B.as.feeItems.setPrice({ tenant: s, feeItemId: a.item!, effectiveFrom: '2026-06', price: '1' })],
      ['priceHistory', () => B.as.feeItems.listPrices({ tenant: s, feeItemId: a.item! })],
      ['createFeeItem (A community)', () => B.as.feeItems.create({ tenant: s, name: 'x', calc: 'FIXED', communityIds: [a.community!] })],
      ['updateFeeItem (A community)', () => B.as.feeItems.update({ tenant: s, id: b.item!, communityIds: [a.community!] })],
      ['getParkingSpace', () => B.as.parking.get({ tenant: s, id: a.space! })],
      ['updateParkingSpace', () => B.as.parking.update({ tenant: s, id: a.space!, renterName: 'x' })],
      ['archiveParkingSpace', () => B.as.parking.archive({ tenant: s, id: a.space! })],
      ['createParkingSpace (A community)', () => B.as.parking.create({ tenant: s, communityId: a.community!, number: 'X', renterName: 'x' })],
      ['createParkingSpace (A unit)', () => B.as.parking.create({ tenant: s, communityId: b.community!, number: 'X', unitId: a.unit! })],
      ['createMeter (A unit)', () => B.as.meters.create({ tenant: s, unitId: a.unit!, feeItemId: b.item! })],
      ['createMeter (A item)', () => B.as.meters.create({ tenant: s, unitId: b.unit!, feeItemId: a.water! })],
      ['archiveMeter', () => B.as.meters.archive({ tenant: s, id: a.meter! })],
      ['recordReading', () => B.as.meters.recordReading({ tenant: s, meterId: a.meter!, period: '2026-02', reading: '20', readOn: '2026-02-27' })],
      ['listReadings', () => B.as.meters.listReadings({ tenant: s, meterId: a.meter! })],
      ['previewRun (A item)', () => B.as.billing.getRunPreview({ tenant: s, period: '2026-02', feeItemIds: [a.item!] })],
      ['previewRun (A community)', () => B.as.billing.getRunPreview({ tenant: s, period: '2026-02', communityIds: [a.community!] })],
      ['commitRun (A item)', () => B.as.billing.commitRun({ tenant: s, period: '2026-02', feeItemIds: [a.item!] })],
      ['commitRun (A community)', () => B.as.billing.commitRun({ tenant: s, period: '2026-02', communityIds: [a.community!] })],
      ['undoRun', () => B.as.billing.undoRun({ tenant: s, runId: a.run!, reason: 'x' })],
      ['getRun', () => B.as.billing.getRun({ tenant: s, id: a.run! })],
      ['getBill', () => B.as.billing.getBill({ tenant: s, id: a.bill! })],
      ['voidBill', () => B.as.billing.voidBill({ tenant: s, id: a.bill!, reason: 'x' })],
      ['createCorrection', () => B.as.billing.createCorrection({ tenant: s, voidBillId: a.voidBill!, amountFen: 50, reason: 'x' })],
      [
        'createOneOffCharge (A unit)',
        () => B.as.billing.createOneOffCharge({ tenant: s, unitId: a.unit!, description: 'x', amountFen: 1, period: '2026-02', dueDate: '2026-02-28' }),
      ],
      [
        'createOneOffCharge (A space)',
        () =>
          B.as.billing.createOneOffCharge({ tenant: s, parkingSpaceId: a.space!, description: 'x', amountFen: 1, period: '2026-02', dueDate: '2026-02-28' }),
      ],
      [
        'createOneOffCharge (A item)',
        () =>
          B.as.billing.createOneOffCharge({
            tenant: s,
            unitId: b.unit!,
            feeItemId: a.item!,
            description: 'x',
            amountFen: 1,
            period: '2026-02',
            dueDate: '2026-02-28',
          }),
      ],
      ['requestAdjustment', () => B.as.billing.requestAdjustment({ tenant: s, billId: a.bill!, kind: 'WAIVER', amountFen: 1, reason: 'x' })],
      ['decideAdjustment', () => B.as.billing.decideAdjustment({ tenant: s, id: a.adjustment!, approve: true })],
      ['chargeLateFees', () => B.as.billing.chargeLateFees({ tenant: s, billIds: [a.bill!] })],
    ];
    const results: Record<string, string> = {};
    for (const [name, call] of calls) results[name] = await code(call());
    expect(results).toEqual(Object.fromEntries(calls.map(([name]) => [name, 'NOT_FOUND'])));
    expect(await snapshot()).toEqual(before);
    expect(await bCounts()).toEqual(bBefore);
  });

  it('lists show only the caller’s own records', async () => {
    const s = B.slug;
    expect((await B.as.feeItems.list({ tenant: s })).map((i) => i.id)).toEqual([b.item]);
    expect((await B.as.parking.list({ tenant: s })).total).toBe(0);
    expect((await B.as.meters.list({ tenant: s })).total).toBe(0);
    expect((await B.as.billing.listRuns({ tenant: s })).total).toBe(0);
    expect((await B.as.billing.listBills({ tenant: s })).total).toBe(0);
    expect((await B.as.billing.listBills({ tenant: s, unitId: a.unit! })).total).toBe(0);
    expect((await B.as.billing.listAdjustments({ tenant: s })).total).toBe(0);
    const p = await B.as.billing.getRunPreview({ tenant: s, period: '2026-01' });
    expect(p.items.map((i) => i.feeItemId)).toEqual([b.item]);
    expect(p.toBill.map((x) => x.objectId)).toEqual([b.unit]);
    // A's slug is simply not B's company
    expect(await code(B.as.billing.listBills({ tenant: A.slug }))).toBe('NOT_FOUND');
  });
});
