import { loadScope } from '@/server/db/scope';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { billAmountFen } from '@/server/shared/money';
import { daysBetween } from '@/server/shared/calendar';
import { accruedLateFeeFen } from '@/server/billing/late-fees';
import { localDate } from '@/server/shared/calendar';
import { withTenant } from '@/server/db/tenant';
import { chargeLateFeeForBill } from '@/server/billing/late-fee-charges';
import { code } from '../helpers/outcome';

describe.skipIf(!pgServerUrl())('bills, corrections, adjustments and late fees (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let cashier: ReturnType<typeof callerFor>;
  let executive: ReturnType<typeof callerFor>;
  let resident: ReturnType<typeof callerFor>;
  let today: string;
  const ids: Record<string, string> = {};
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];
  const billOf = async (unitId: string, period: string) =>
    (await sql<{ id: string }>(`select id from "Bill" where "unitId" = $1 and period = $2 and kind = 'REGULAR' and "voidedAt" is null`, [unitId, period]))[0]!
      .id;
  const counts = async () =>
    (
      await sql<{ bills: number; adjustments: number; approved: number; adjusted: number }>(
        `select (select count(*)::int from "Bill" where "tenantId" = $1) as bills,
                (select count(*)::int from "Adjustment" where "tenantId" = $1) as adjustments,
                (select count(*)::int from "Adjustment" where "tenantId" = $1 and status = 'APPROVED') as approved,
                (select coalesce(sum("adjustedFen"), 0)::int from "Bill" where "tenantId" = $1) as adjusted`,
        [A.tenant.id],
      )
    )[0]!;

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Alpha 物业');
    today = localDate('Asia/Shanghai');
    cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    executive = callerFor(t.db, await addMember(t.db, A.tenant.id, 'EXECUTIVE'));
    resident = callerFor(t.db, await addMember(t.db, A.tenant.id, 'RESIDENT'));
    const c = await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' });
    ids.community = c.id;
    const b = await A.as.property.createBuilding({ tenant: A.slug, communityId: c.id, name: '3号楼' });
    for (const [key, number] of [
      ['u1', '301'],
      ['u2', '302'],
      ['u3', '303'],
      ['u4', '304'],
    ] as const) {
      ids[key] = (await A.as.property.createUnit({ tenant: A.slug, buildingId: b.id, number, floor: 3, area: '100.00' })).id;
    }
    ids.space = (await A.as.parking.create({ tenant: A.slug, communityId: c.id, number: 'A-18', renterName: '赵六' })).id;
    ids.pf = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '物业费',
        calc: 'PER_AREA',
        dueDay: 15,
        communityIds: [c.id],
        lateFee: { dailyBp: 5, graceDays: 10, capPercent: 10 },
        initialPrice: { effectiveFrom: '2025-01', price: '2.00' },
      })
    ).id;
    await A.as.billing.commitRun({ tenant: A.slug, period: '2025-01', feeItemIds: [ids.pf] });
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('lists bills with outstanding, status, days overdue (local date) and the accrued late fee; filters work', async () => {
    const list = await A.as.billing.listBills({ tenant: A.slug, period: '2025-01', unitId: ids.u1 });
    expect(list.total).toBe(1);
    const b = list.rows[0]!;
    expect(list.today).toBe(today);
    expect(b).toMatchObject({
      amountFen: 20_000,
      outstandingFen: 20_000,
      status: 'OPEN',
      dueDate: '2025-01-15',
      label: '3号楼 301',
      feeItemName: '物业费',
      communityName: '翠竹园',
    });
    expect(b.daysOverdue).toBe(daysBetween('2025-01-15', today));
    const accrued = accruedLateFeeFen({ outstandingFen: 20_000, dueDate: '2025-01-15', asOf: today, dailyRateBp: 5, graceDays: 10, capPercentOfAmount: 10 });
    expect(accrued).toBeGreaterThan(0);
    expect(b.lateFeeAccruedFen).toBe(accrued);
    expect((await A.as.billing.listBills({ tenant: A.slug, period: '2025-01' })).total).toBe(4);
    expect((await A.as.billing.listBills({ tenant: A.slug, status: 'PAID' })).total).toBe(0);
    expect((await A.as.billing.listBills({ tenant: A.slug, status: 'OPEN', communityId: ids.community })).total).toBe(4);
    expect((await A.as.billing.listBills({ tenant: A.slug, q: '302' })).rows.map((r) => r.unitId)).toEqual([ids.u2]);
    expect((await A.as.billing.listBills({ tenant: A.slug, payer: { kind: 'UNIT', id: ids.u3! } })).total).toBe(1);
    // executives and cashiers read bills; residents use their own views
    expect((await executive.billing.listBills({ tenant: A.slug })).total).toBe(4);
    expect((await cashier.billing.getBill({ tenant: A.slug, id: b.id })).id).toBe(b.id);
    expect(await code(resident.billing.listBills({ tenant: A.slug }))).toBe('FORBIDDEN');
  });

  it('a cashier requests a waiver, an admin approves it within what is outstanding; history is kept', async () => {
    const bill = await billOf(ids.u1!, '2025-01');
    const before = await counts();
    expect(await code(cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'WAIVER', amountFen: 0, reason: '困难户' }))).toBe('BAD_REQUEST');
    expect(await code(cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'WAIVER', amountFen: -5, reason: '困难户' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await code(cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'WAIVER', amountFen: 20_001, reason: '困难户' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await code(cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'WAIVER', amountFen: 100, reason: '' }))).toBe('BAD_REQUEST');
    expect(await counts()).toEqual(before);

    const w = await cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'WAIVER', amountFen: 5000, reason: '困难户减免' });
    const d1 = await cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'DISCOUNT', amountFen: 10_000, reason: '预缴优惠' });
    const d2 = await cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill, kind: 'DISCOUNT', amountFen: 10_000, reason: '重复申请' });
    expect(await code(cashier.billing.decideAdjustment({ tenant: A.slug, id: w.id, approve: true }))).toBe('FORBIDDEN');
    expect(await A.as.billing.decideAdjustment({ tenant: A.slug, id: w.id, approve: true, note: '同意' })).toMatchObject({ status: 'APPROVED' });
    expect(await A.as.billing.decideAdjustment({ tenant: A.slug, id: d1.id, approve: true })).toMatchObject({ status: 'APPROVED' });
    // 20,000 − 5,000 − 10,000 = 5,000 outstanding: a second 10,000 discount no longer fits
    const mid = await counts();
    expect(await code(A.as.billing.decideAdjustment({ tenant: A.slug, id: d2.id, approve: true }))).toBe('PRECONDITION_FAILED');
    expect(await counts()).toEqual(mid);
    await A.as.billing.decideAdjustment({ tenant: A.slug, id: d2.id, approve: false, note: '重复' });
    expect(await code(A.as.billing.decideAdjustment({ tenant: A.slug, id: d2.id, approve: true }))).toBe('PRECONDITION_FAILED');
    expect(await code(A.as.billing.decideAdjustment({ tenant: A.slug, id: w.id, approve: false }))).toBe('PRECONDITION_FAILED');

    const got = await A.as.billing.getBill({ tenant: A.slug, id: bill });
    expect(got).toMatchObject({ adjustedFen: 15_000, outstandingFen: 5000, status: 'PARTLY_PAID' });
    expect(got.adjustments.map((a) => [a.kind, a.amountFen, a.status, a.effectiveOn])).toEqual([
      ['WAIVER', 5000, 'APPROVED', today],
      ['DISCOUNT', 10_000, 'APPROVED', today],
      ['DISCOUNT', 10_000, 'REJECTED', null],
    ]);
    expect(got.history.map((h) => h.action)).toEqual(expect.arrayContaining(['billed', 'waiver requested', 'waiver approved', 'discount rejected']));
    const pending = await A.as.billing.listAdjustments({ tenant: A.slug, status: 'APPROVED' });
    expect(pending.total).toBe(2);
  });

  it('charges accrued late fees once: a LATE_FEE bill for the accrued amount minus what was charged', async () => {
    const bill = await billOf(ids.u1!, '2025-01');
    const expected = accruedLateFeeFen({ outstandingFen: 5000, dueDate: '2025-01-15', asOf: today, dailyRateBp: 5, graceDays: 10, capPercentOfAmount: 10 });
    expect(expected).toBe(500); // capped at 10% of the 5,000 still owed
    const r = await A.as.billing.chargeLateFees({ tenant: A.slug, billIds: [bill] });
    expect(r).toMatchObject({ charged: 1, totalFen: 500, charges: [{ billId: bill, amountFen: 500 }] });
    const again = await A.as.billing.chargeLateFees({ tenant: A.slug, billIds: [bill] });
    expect(again.charged).toBe(0);
    const late = await A.as.billing.getBill({ tenant: A.slug, id: r.charges[0]!.lateFeeBillId });
    expect(late).toMatchObject({
      kind: 'LATE_FEE',
      forBillId: bill,
      amountFen: 500,
      period: today.slice(0, 7),
      dueDate: today,
      payerKind: 'UNIT',
      payerId: ids.u1,
      lateFeeAccruedFen: 0,
    });
    const orig = await A.as.billing.getBill({ tenant: A.slug, id: bill });
    expect(orig).toMatchObject({ lateFeeAccruedFen: 0, lateFeeChargedFen: 500, lateFeeBills: [{ id: late.id, amountFen: 500 }] });

    // A whole period: every overdue bill with late-fee terms, except the one already charged.
    const period = await A.as.billing.chargeLateFees({ tenant: A.slug, period: '2025-01' });
    const each = accruedLateFeeFen({ outstandingFen: 20_000, dueDate: '2025-01-15', asOf: today, dailyRateBp: 5, graceDays: 10, capPercentOfAmount: 10 });
    expect(period).toMatchObject({ charged: 3, totalFen: 3 * each });
    expect((await A.as.billing.chargeLateFees({ tenant: A.slug, period: '2025-01' })).charged).toBe(0);
    // Only a charged late fee counts as billed.
    expect((await A.as.billing.listBills({ tenant: A.slug, kind: 'LATE_FEE' })).total).toBe(4);
  });

  it('the payments service can charge one bill’s late fee in its own transaction', async () => {
    await A.as.billing.commitRun({ tenant: A.slug, period: '2025-02', feeItemIds: [ids.pf!] });
    const bill = await billOf(ids.u4!, '2025-02');
    const charged = await withTenant(t.db.prisma, A.tenant.id, async (db) =>
      chargeLateFeeForBill(await loadScope(db, A.tenant.id, A.admin.id), { billId: bill }),
    );
    expect(charged).toMatchObject({ billId: bill, amountFen: 2000 });
    const none = await withTenant(t.db.prisma, A.tenant.id, async (db) => chargeLateFeeForBill(await loadScope(db, A.tenant.id, A.admin.id), { billId: bill }));
    expect(none).toBeNull();
  });

  it('voids with a reason (never the amount); a correction names the void bill, once', async () => {
    const bill = await billOf(ids.u2!, '2025-02');
    const open = await billOf(ids.u3!, '2025-02');
    expect(await code(A.as.billing.createCorrection({ tenant: A.slug, voidBillId: open, amountFen: 100, reason: 'x' }))).toBe('PRECONDITION_FAILED');
    await A.as.billing.voidBill({ tenant: A.slug, id: bill, reason: '面积登记错误' });
    expect(await code(A.as.billing.voidBill({ tenant: A.slug, id: bill, reason: 'again' }))).toBe('PRECONDITION_FAILED');
    const v = await A.as.billing.getBill({ tenant: A.slug, id: bill });
    expect(v).toMatchObject({ status: 'VOID', voidReason: '面积登记错误', voidedByUndo: false, amountFen: 20_000, outstandingFen: 0 });
    expect(await code(A.as.billing.createCorrection({ tenant: A.slug, voidBillId: bill, amountFen: 0, reason: '更正' }))).toBe('BAD_REQUEST');
    const c = await A.as.billing.createCorrection({ tenant: A.slug, voidBillId: bill, amountFen: 17_650, reason: '按 88.25㎡ 更正' });
    expect(await code(A.as.billing.createCorrection({ tenant: A.slug, voidBillId: bill, amountFen: 17_650, reason: 'twice' }))).toBe('CONFLICT');
    const got = await A.as.billing.getBill({ tenant: A.slug, id: c.id });
    expect(got).toMatchObject({ kind: 'CORRECTION', replacesId: bill, amountFen: 17_650, period: '2025-02', status: 'OPEN', unitId: ids.u2 });
    expect((await A.as.billing.getBill({ tenant: A.slug, id: bill })).correctedBy).toBe(c.id);
    // The run does not bring the void bill back either.
    expect((await A.as.billing.commitRun({ tenant: A.slug, period: '2025-02', feeItemIds: [ids.pf!] })).billCount).toBe(0);

    // "recompute": the amount a run would bill now (the area was corrected meanwhile).
    await A.as.property.updateUnit({ tenant: A.slug, id: ids.u3!, area: '88.25' });
    await A.as.billing.voidBill({ tenant: A.slug, id: open, reason: '面积更正' });
    const rc = await A.as.billing.createCorrection({ tenant: A.slug, voidBillId: open, recompute: true, reason: '按新面积重算' });
    expect(rc.amountFen).toBe(billAmountFen({ areaHundredths: 8825, priceUnits: 20_000, months: 1 }));
  });

  it('refuses to void a bill with payments, and a correction of a bill voided by undoing its run', async () => {
    const run = await A.as.billing.commitRun({ tenant: A.slug, period: '2025-03', feeItemIds: [ids.pf!] });
    const paid = await billOf(ids.u1!, '2025-03');
    const [pay] = await sql<{ id: string }>(
      `insert into "Payment" ("tenantId", id, kind, method, "payerKind", "payerId", "amountFen", "receivedOn", "countedOn", "enteredById", "receiptYear", "receiptNo")
       values ($1, gen_random_uuid()::text, 'PAYMENT', 'CASH', 'UNIT', $2, 3000, '2025-03-05', '2025-03-05', $3, 2025, 1) returning id`,
      [A.tenant.id, ids.u1, A.admin.id],
    );
    await sql(`insert into "PaymentAllocation" ("tenantId", id, "paymentId", "billId", "amountFen") values ($1, gen_random_uuid()::text, $2, $3, 3000)`, [
      A.tenant.id,
      pay!.id,
      paid,
    ]);
    await sql(`update "Bill" set "paidFen" = 3000 where id = $1`, [paid]);
    expect(await code(A.as.billing.voidBill({ tenant: A.slug, id: paid, reason: 'x' }))).toBe('PRECONDITION_FAILED');
    const got = await A.as.billing.getBill({ tenant: A.slug, id: paid });
    expect(got).toMatchObject({
      status: 'PARTLY_PAID',
      paidFen: 3000,
      outstandingFen: 17_000,
      allocations: [{ amountFen: 3000, payment: { method: 'CASH', receiptNo: 1 } }],
    });
    expect(got.history.map((h) => h.action)).toContain('paid');

    const other = await billOf(ids.u2!, '2025-04').catch(() => null);
    expect(other).toBeNull();
    const april = await A.as.billing.commitRun({ tenant: A.slug, period: '2025-04', feeItemIds: [ids.pf!] });
    const undone = await billOf(ids.u2!, '2025-04');
    await A.as.billing.undoRun({ tenant: A.slug, runId: april.runId, reason: '价格有误' });
    expect(await code(A.as.billing.createCorrection({ tenant: A.slug, voidBillId: undone, amountFen: 100, reason: 'x' }))).toBe('PRECONDITION_FAILED');
    void run;
  });

  it('one-off charges: on a unit or a space rented alone (its renter pays); bad input writes nothing', async () => {
    const before = await counts();
    expect(
      await code(
        A.as.billing.createOneOffCharge({ tenant: A.slug, unitId: ids.u1!, description: '装修押金', amountFen: 0, period: '2026-05', dueDate: '2026-05-31' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      await code(
        A.as.billing.createOneOffCharge({ tenant: A.slug, unitId: ids.u1!, description: '装修押金', amountFen: 100, period: '2026-5', dueDate: '2026-05-31' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      await code(
        A.as.billing.createOneOffCharge({ tenant: A.slug, unitId: ids.u1!, description: '装修押金', amountFen: 100, period: '2026-05', dueDate: '2026-02-30' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      await code(
        A.as.billing.createOneOffCharge({
          tenant: A.slug,
          unitId: ids.u1!,
          parkingSpaceId: ids.space!,
          description: 'x',
          amountFen: 100,
          period: '2026-05',
          dueDate: '2026-05-31',
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await counts()).toEqual(before);
    const u = await A.as.billing.createOneOffCharge({
      tenant: A.slug,
      unitId: ids.u1!,
      description: '装修押金',
      amountFen: 200_000,
      period: '2026-05',
      dueDate: '2026-05-31',
    });
    const s = await A.as.billing.createOneOffCharge({
      tenant: A.slug,
      parkingSpaceId: ids.space!,
      description: '门禁卡',
      amountFen: 5000,
      period: '2026-05',
      dueDate: '2026-05-31',
    });
    expect(await A.as.billing.getBill({ tenant: A.slug, id: u.id })).toMatchObject({ kind: 'ONE_OFF', payerKind: 'UNIT', payerId: ids.u1, amountFen: 200_000 });
    expect(await A.as.billing.getBill({ tenant: A.slug, id: s.id })).toMatchObject({
      kind: 'ONE_OFF',
      objectKind: 'PARKING',
      payerKind: 'PARKING',
      payerId: ids.space,
      label: '车位 A-18',
    });
  });
});
