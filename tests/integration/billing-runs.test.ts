import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant, uniq } from '../helpers/fixtures';
import { billAmountFen, parseYuanPrice, prorationForDates } from '@/server/shared/money';
import { meteredAmountFen } from '@/server/shared/tiers';
import { code, message } from '../helpers/outcome';

describe.skipIf(!pgServerUrl())('billing runs (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let tenant: string;
  const ids: Record<string, string> = {};

  /** Owner SQL (no RLS): fixtures the API does not offer, and reading what was written. */
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];
  const bills = (period: string, extra = '') =>
    sql<{
      id: string;
      objectId: string;
      feeItemId: string;
      amountFen: number;
      kind: string;
      voidedAt: Date | null;
      voidedByUndo: boolean;
      payerKind: string;
      payerId: string;
      dueDate: string;
      runId: string;
    }>(
      `select id, "objectId", "feeItemId", "amountFen", kind::text, "voidedAt", "voidedByUndo", "payerKind"::text as "payerKind", "payerId",
              to_char("dueDate", 'YYYY-MM-DD') as "dueDate", "runId"
       from "Bill" where "tenantId" = $1 and period = $2 ${extra} order by "createdAt", id`,
      [tenant, period],
    );
  const unit = async (number: string, area: string, status: 'OCCUPIED' | 'VACANT' | 'RENOVATION' = 'OCCUPIED', building = ids.b1!) =>
    (await A.as.property.createUnit({ tenant: A.slug, buildingId: building, number, floor: 1, area, status })).id;

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Alpha 物业');
    tenant = A.tenant.id;
    const c1 = await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' });
    const c2 = await A.as.property.createCommunity({ tenant: A.slug, name: '银杏里' });
    ids.c1 = c1.id;
    ids.c2 = c2.id;
    ids.b1 = (await A.as.property.createBuilding({ tenant: A.slug, communityId: c1.id, name: '1号楼' })).id;
    ids.b2 = (await A.as.property.createBuilding({ tenant: A.slug, communityId: c2.id, name: '9号楼' })).id;
    ids.occupied = await unit('101', '88.50');
    ids.vacant = await unit('102', '100.00', 'VACANT');
    ids.renovating = await unit('103', '60.00', 'RENOVATION');
    ids.movedIn = await unit('104', '90.00');
    ids.later = await unit('105', '70.00');
    ids.other = await unit('901', '50.00', 'OCCUPIED', ids.b2);
    // Billing starts: 104 on 17 May (prorated), 105 in June (not billed for May).
    await sql(`update "Unit" set "billingStart" = '2026-05-17' where id = $1`, [ids.movedIn]);
    await sql(`update "Unit" set "billingStart" = '2026-06-03' where id = $1`, [ids.later]);
    // A signed-in owner with an e-mail on 101, and an e-mail-only resident on 102.
    const r = await A.as.property.createResident({ tenant: A.slug, unitId: ids.occupied, name: '王伟', email: 'wang@example.test' });
    const user = await t.db.prisma.user.create({ data: { email: `${uniq('res')}@example.test`, name: '王伟' } });
    await sql(`update "Resident" set "userId" = $1 where id = $2`, [user.id, r.id]);
    ids.user = user.id;
    await A.as.property.createResident({ tenant: A.slug, unitId: ids.vacant, name: '李娜', email: 'li@example.test' });

    ids.space1 = (await A.as.parking.create({ tenant: A.slug, communityId: c1.id, number: 'B-001', unitId: ids.occupied })).id;
    ids.space2 = (await A.as.parking.create({ tenant: A.slug, communityId: c1.id, number: 'B-002', renterName: '赵六', renterEmail: 'zhao@example.test' })).id;

    ids.pf = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '物业费',
        calc: 'PER_AREA',
        dueDay: 20,
        communityIds: [c1.id],
        statusFactors: { OCCUPIED: '1', VACANT: '0.7' },
        initialPrice: { effectiveFrom: '2026-01', price: '2.3550' },
      })
    ).id;
    ids.parking = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '车位管理费',
        calc: 'FIXED',
        objectKind: 'PARKING',
        dueDay: 0,
        communityIds: [c1.id],
        initialPrice: { effectiveFrom: '2026-01', price: '150' },
      })
    ).id;
    ids.garbage = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '垃圾清运费',
        calc: 'FIXED',
        cycle: 'QUARTERLY',
        dueDay: 10,
        communityIds: [c2.id],
        initialPrice: { effectiveFrom: '2026-01', price: '30' },
      })
    ).id;
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('previews a run: bills, total, and every object left out with the reason; writes nothing', async () => {
    const p = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!, ids.parking!, ids.garbage!] });
    const pfOccupied = billAmountFen({ areaHundredths: 8850, priceUnits: 23_550, months: 1 });
    expect(pfOccupied).toBe(20_842); // 88.50 m² × ¥2.3550 = ¥208.4175 → ¥208.42
    const pfVacant = billAmountFen({ areaHundredths: 10_000, priceUnits: 23_550, months: 1, factors: [{ num: 7, den: 10 }] });
    expect(pfVacant).toBe(16_485);
    const pfMovedIn = billAmountFen({
      areaHundredths: 9000,
      priceUnits: 23_550,
      months: 1,
      factors: [prorationForDates({ period: '2026-05', from: '2026-05-17' })],
    });
    expect(pfMovedIn).toBe(10_256); // 90 × 2.355 × 15/31 = 102.5564… → ¥102.56
    const pf = p.items.find((i) => i.feeItemId === ids.pf)!;
    expect(pf).toMatchObject({ bills: 3, totalFen: pfOccupied + pfVacant + pfMovedIn, skipped: 2 });
    expect(p.items.find((i) => i.feeItemId === ids.parking)).toMatchObject({ bills: 2, totalFen: 30_000 });
    expect(p).toMatchObject({ period: '2026-05', bills: 5, totalFen: pfOccupied + pfVacant + pfMovedIn + 30_000, objects: 5 });
    const reasons = Object.fromEntries(
      p.skipped.map((s) => [`${s.feeItemId === ids.pf ? 'pf' : s.feeItemId === ids.garbage ? 'garbage' : 'parking'}:${s.reason}`, s]),
    );
    expect(reasons['pf:STATUS_NOT_IN_SCOPE']).toMatchObject({ count: 1, examples: [{ objectId: ids.renovating, label: '1号楼 103' }] });
    expect(reasons['pf:NOT_STARTED']).toMatchObject({ count: 1, examples: [{ objectId: ids.later }] });
    expect(reasons['garbage:NOT_CYCLE_START']).toMatchObject({ count: 1, message: expect.stringContaining('2026-07') });
    expect(p.toBill.find((b) => b.objectId === ids.movedIn)).toMatchObject({ amountFen: pfMovedIn, label: '1号楼 104' });
    expect(await bills('2026-05')).toEqual([]);
  });

  it('commits: amounts, due dates, payers, one audit entry, notifications and outbox e-mails', async () => {
    const audits = async () =>
      (await sql<{ n: number }>(`select count(*)::int as n from "AuditLog" where "tenantId" = $1 and action = 'billing.run'`, [tenant]))[0]!.n;
    const before = await audits();
    const r = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!, ids.parking!, ids.garbage!] });
    expect(r).toMatchObject({ billCount: 5, totalFen: 20_842 + 16_485 + 10_256 + 30_000 });
    const got = await bills('2026-05');
    const by = (objectId: string, item: string) => got.find((b) => b.objectId === objectId && b.feeItemId === item)!;
    expect(by(ids.occupied!, ids.pf!)).toMatchObject({
      amountFen: 20_842,
      dueDate: '2026-05-20',
      payerKind: 'UNIT',
      payerId: ids.occupied,
      kind: 'REGULAR',
      runId: r.runId,
    });
    expect(by(ids.vacant!, ids.pf!).amountFen).toBe(16_485);
    expect(by(ids.movedIn!, ids.pf!).amountFen).toBe(10_256);
    // a space tied to a unit is that household's; a space rented alone is its renter's; due on the last day (dueDay 0)
    expect(by(ids.space1!, ids.parking!)).toMatchObject({ amountFen: 15_000, payerKind: 'UNIT', payerId: ids.occupied, dueDate: '2026-05-31' });
    expect(by(ids.space2!, ids.parking!)).toMatchObject({ amountFen: 15_000, payerKind: 'PARKING', payerId: ids.space2 });
    const run = await A.as.billing.getRun({ tenant: A.slug, id: r.runId });
    expect(run).toMatchObject({ billCount: 5, totalFen: r.totalFen, status: 'COMMITTED' });
    expect(await audits()).toBe(before + 1);
    const audit = (
      await sql<{ after: { billCount: number; period: string } }>(
        `select after from "AuditLog" where "tenantId" = $1 and action = 'billing.run' order by "createdAt" desc limit 1`,
        [tenant],
      )
    )[0]!;
    expect(audit.after).toMatchObject({ billCount: 5, period: '2026-05' });

    const notes = await sql<{ userId: string; title: string; kind: string }>(`select "userId", title, kind from "Notification" where "tenantId" = $1`, [
      tenant,
    ]);
    expect(notes).toEqual([{ userId: ids.user, kind: 'bill.new', title: expect.stringContaining('2026-05') }]);
    const mails = await sql<{ recipient: string; body: string }>(
      `select recipient, body from "OutboxMessage" where "tenantId" = $1 and channel = 'EMAIL' order by recipient`,
      [tenant],
    );
    expect(mails.map((m) => m.recipient)).toEqual(['li@example.test', 'wang@example.test', 'zhao@example.test']);
    // 王伟's household: the unit's bill and the tied space's bill
    expect(mails.find((m) => m.recipient === 'wang@example.test')!.body).toMatch(/2 笔/);
  });

  it('running again bills nothing twice; an object added later is billed by re-running', async () => {
    const again = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!, ids.parking!] });
    expect(again).toMatchObject({ billCount: 0, totalFen: 0 });
    const preview = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!] });
    expect(preview.skipped.find((s) => s.reason === 'ALREADY_BILLED')).toMatchObject({ count: 3 });
    const added = await unit('106', '77.77');
    const third = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!, ids.parking!] });
    expect(third.billCount).toBe(1);
    const got = await bills('2026-05');
    expect(got.filter((b) => b.objectId === added)).toEqual([
      expect.objectContaining({ amountFen: billAmountFen({ areaHundredths: 7777, priceUnits: 23_550, months: 1 }) }),
    ]);
    const keys = got.map((b) => `${b.objectId}/${b.feeItemId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a bill voided on its own is never re-created; undoing a run lets a corrected run bill again', async () => {
    const [vacantBill] = (await bills('2026-05')).filter((b) => b.objectId === ids.vacant && b.feeItemId === ids.pf);
    await A.as.billing.voidBill({ tenant: A.slug, id: vacantBill!.id, reason: '业主已预缴' });
    const rerun = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!] });
    expect(rerun.billCount).toBe(0);
    const preview = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.pf!] });
    expect(preview.skipped.find((s) => s.reason === 'VOIDED')).toMatchObject({ count: 1, examples: [{ objectId: ids.vacant }] });
    expect((await bills('2026-05')).filter((b) => b.objectId === ids.vacant && b.feeItemId === ids.pf)).toHaveLength(1);

    // June: run, undo, change the vacancy factor, run again.
    const june = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-06', feeItemIds: [ids.pf!] });
    expect(june.billCount).toBe(5); // 101, 102, 104, 105 (prorated from 3 June), 106; not 103 (renovation)
    const undo = await A.as.billing.undoRun({ tenant: A.slug, runId: june.runId, reason: '空置系数有误' });
    expect(undo.billsVoided).toBe(5);
    expect(await code(A.as.billing.undoRun({ tenant: A.slug, runId: june.runId, reason: 'again' }))).toBe('PRECONDITION_FAILED');
    const voided = await bills('2026-06');
    expect(voided.every((b) => b.voidedAt !== null && b.voidedByUndo)).toBe(true);
    await A.as.feeItems.update({ tenant: A.slug, id: ids.pf!, statusFactors: { OCCUPIED: '1', VACANT: '0.5' } });
    const again = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-06', feeItemIds: [ids.pf!] });
    expect(again.billCount).toBe(5);
    const live = (await bills('2026-06')).filter((b) => b.voidedAt === null);
    expect(live.find((b) => b.objectId === ids.vacant)!.amountFen).toBe(
      billAmountFen({ areaHundredths: 10_000, priceUnits: 23_550, months: 1, factors: [{ num: 1, den: 2 }] }),
    );
    expect(live.find((b) => b.objectId === ids.later)!.amountFen).toBe(
      billAmountFen({ areaHundredths: 7000, priceUnits: 23_550, months: 1, factors: [prorationForDates({ period: '2026-06', from: '2026-06-03' })] }),
    );
    expect((await A.as.billing.getRun({ tenant: A.slug, id: june.runId })).status).toBe('UNDONE');
  });

  it('undo is refused while any bill of the run has a payment', async () => {
    const july = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-07', feeItemIds: [ids.pf!] });
    const [b] = await bills('2026-07');
    // A payment allocated to one bill, written as the payments service would (as the owner here).
    const [pay] = await sql<{ id: string }>(
      `insert into "Payment" ("tenantId", id, kind, method, "payerKind", "payerId", "amountFen", "receivedOn", "countedOn", "enteredById", "receiptYear", "receiptNo")
       values ($1, gen_random_uuid()::text, 'PAYMENT', 'CASH', 'UNIT', $2, 100, '2026-07-05', '2026-07-05', $3, 2026, 1) returning id`,
      [tenant, b!.payerId, A.admin.id],
    );
    await sql(`insert into "PaymentAllocation" ("tenantId", id, "paymentId", "billId", "amountFen") values ($1, gen_random_uuid()::text, $2, $3, 100)`, [
      tenant,
      pay!.id,
      b!.id,
    ]);
    await sql(`update "Bill" set "paidFen" = 100 where id = $1`, [b!.id]);
    const why = await message(A.as.billing.undoRun({ tenant: A.slug, runId: july.runId, reason: 'wrong' }));
    expect(why).toMatch(/payments/);
    expect(await code(A.as.billing.undoRun({ tenant: A.slug, runId: july.runId, reason: 'wrong' }))).toBe('PRECONDITION_FAILED');
    expect((await bills('2026-07')).every((x) => x.voidedAt === null)).toBe(true);
    expect(await code(A.as.billing.voidBill({ tenant: A.slug, id: b!.id, reason: 'x' }))).toBe('PRECONDITION_FAILED');
  });

  it('quarterly items bill at a cycle start only, for three months', async () => {
    const may2 = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [ids.garbage!] });
    expect(may2.billCount).toBe(0);
    const q3 = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-07', feeItemIds: [ids.garbage!] });
    expect(q3.billCount).toBe(1);
    const [g] = await bills('2026-07', `and "feeItemId" = '${ids.garbage}'`);
    expect(g).toMatchObject({ objectId: ids.other, amountFen: (3 * parseYuanPrice('30')) / 100, dueDate: '2026-07-10' });
  });

  it('metered items: consumption × price (tiers), a replacement, missing readings explained', async () => {
    const water = await A.as.feeItems.create({
      tenant: A.slug,
      name: '水费',
      calc: 'METERED',
      communityIds: [ids.c1!],
      initialPrice: {
        effectiveFrom: '2026-01',
        tiers: [
          { upTo: '10', price: '3.10' },
          { upTo: null, price: '4.50' },
        ],
      },
    });
    const m1 = await A.as.meters.create({ tenant: A.slug, unitId: ids.occupied!, feeItemId: water.id });
    const m2 = await A.as.meters.create({ tenant: A.slug, unitId: ids.vacant!, feeItemId: water.id });
    await A.as.meters.create({ tenant: A.slug, unitId: ids.movedIn!, feeItemId: water.id });
    await A.as.meters.recordReading({ tenant: A.slug, meterId: m1.id, period: '2026-04', reading: '100.000', readOn: '2026-04-28' });
    await A.as.meters.recordReading({ tenant: A.slug, meterId: m1.id, period: '2026-05', reading: '112.5', readOn: '2026-05-28' });
    await A.as.meters.recordReading({ tenant: A.slug, meterId: m2.id, period: '2026-04', reading: '950', readOn: '2026-04-28' });
    expect(await message(A.as.meters.recordReading({ tenant: A.slug, meterId: m2.id, period: '2026-05', reading: '3', readOn: '2026-05-28' }))).toMatch(
      /below the previous reading/,
    );
    const r = await A.as.meters.recordReading({
      tenant: A.slug,
      meterId: m2.id,
      period: '2026-05',
      reading: '3',
      readOn: '2026-05-28',
      replacement: { oldFinal: '955.5', newStart: '0' },
    });
    expect(r.consumption).toBe('8.500');
    const p = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-05', feeItemIds: [water.id] });
    const tiers = [
      { upTo: '10', priceUnits: 31_000 },
      { upTo: null, priceUnits: 45_000 },
    ];
    const a1 = meteredAmountFen({ previous: '100', current: '112.5', tiers });
    expect(a1).toBe(4225); // 10 × 3.10 + 2.5 × 4.50 = 42.25
    const a2 = meteredAmountFen({ previous: '950', current: '3', tiers }, { replacement: { oldFinal: '955.5', newStart: '0' } });
    expect(p.items[0]).toMatchObject({ bills: 2, totalFen: a1 + a2 });
    // 103 and 106 have no meter, 104 no May reading, 105 is billed from June
    expect(p.skipped.map((s) => [s.reason, s.count]).sort()).toEqual([
      ['MISSING_READING', 1],
      ['NOT_STARTED', 1],
      ['NO_METER', 2],
    ]);
    const c = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [water.id] });
    expect(c).toMatchObject({ billCount: 2, totalFen: a1 + a2 });
    expect((await A.as.billing.commitRun({ tenant: A.slug, period: '2026-05', feeItemIds: [water.id] })).billCount).toBe(0);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const count = async () => (await sql<{ n: number }>(`select count(*)::int as n from "Bill" where "tenantId" = $1`, [tenant]))[0]!.n;
    const runs = async () => (await sql<{ n: number }>(`select count(*)::int as n from "BillingRun" where "tenantId" = $1`, [tenant]))[0]!.n;
    const before = [await count(), await runs()];
    expect(await code(A.as.billing.commitRun({ tenant: A.slug, period: '2026-5' }))).toBe('BAD_REQUEST');
    expect(await code(A.as.billing.commitRun({ tenant: A.slug, period: '2026-13' }))).toBe('BAD_REQUEST');
    expect(await code(A.as.billing.getRunPreview({ tenant: A.slug, period: 'May 2026' }))).toBe('BAD_REQUEST');
    expect(await code(A.as.billing.commitRun({ tenant: A.slug, period: '2026-09', feeItemIds: ['nope'] }))).toBe('NOT_FOUND');
    expect(await code(A.as.billing.commitRun({ tenant: A.slug, period: '2026-09', communityIds: ['nope'] }))).toBe('NOT_FOUND');
    expect([await count(), await runs()]).toEqual(before);
  });

  it('a closed period takes no run, no undo and no price change from it', async () => {
    const aug = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-08', feeItemIds: [ids.pf!] });
    expect(aug.billCount).toBeGreaterThan(0);
    await sql(`insert into "PeriodClose" ("tenantId", id, period, figures, "closedById") values ($1, gen_random_uuid()::text, '2026-08', '{}', $2)`, [
      tenant,
      A.admin.id,
    ]);
    expect(await message(A.as.billing.commitRun({ tenant: A.slug, period: '2026-08', feeItemIds: [ids.pf!] }))).toMatch(/closed/);
    expect(await code(A.as.billing.undoRun({ tenant: A.slug, runId: aug.runId, reason: 'late' }))).toBe('PRECONDITION_FAILED');
    expect(await code(A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: ids.pf!, effectiveFrom: '2026-08', price: '2.50' }))).toBe('PRECONDITION_FAILED');
    expect(await code(A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: ids.pf!, effectiveFrom: '2026-03', price: '2.50' }))).toBe('PRECONDITION_FAILED');
    expect(await code(A.as.feeItems.setPrice({ tenant: A.slug, feeItemId: ids.pf!, effectiveFrom: '2026-09', price: '2.50' }))).toBe('OK');
    expect((await bills('2026-08')).every((b) => b.voidedAt === null)).toBe(true);
  });
});
