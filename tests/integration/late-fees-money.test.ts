import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScope } from '@/server/db/scope';
import { ZApplyCredit, ZRecordPayment, ZReversePayment } from '@/server/shared/schemas/payments';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeRegister, makeTenant } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, fromDateColumn, localDate } from '@/server/shared/calendar';
import { applyCredit, recordPayment } from '@/server/payments/record-payment';
import { reversePayment } from '@/server/payments/reverse-payment';
import { runLateFeeJob } from '@/server/billing/late-fee-job';
import { lateFeeAccrual } from '@/server/billing/late-fees';

// Issue #12 fee point 4: late fees follow the money (DOMAIN.md "Late fees"). Every bill here is
// DOMAIN.md's worked example: ¥1000 due 2026-10-05, 10 grace days, 5 bp (0.05 %) a day, so days
// 11… (from 10-16) accrue 50 fen a day on the full balance. Dates are the company's (Asia/Shanghai);
// `at(day)` is noon there.

const at = (day: string) => new Date(`${day}T04:00:00.000Z`);
const TZ = 'Asia/Shanghai';

describe.skipIf(!pgServerUrl())('late fees follow the money (PostgreSQL)', () => {
  let t: TestDatabase;
  let T: Awaited<ReturnType<typeof makeTenant>>;
  let tenantId: string;
  let feeItemId: string;
  let buildingId: string;
  let n = 0;
  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, tenantId, fn);

  /** A unit with one ¥1000 bill due 2026-10-05 (period 2026-10). */
  async function unitWithBill() {
    const unit = await T.as.property.createUnit({ tenant: T.slug, buildingId, number: String(200 + ++n), floor: 2, area: '100.00' });
    const bill = await tx((db) =>
      db.bill.create({
        data: {
          tenantId,
          kind: 'REGULAR',
          objectKind: 'UNIT',
          objectId: unit.id,
          unitId: unit.id,
          payerKind: 'UNIT',
          payerId: unit.id,
          feeItemId,
          period: '2026-10',
          amountFen: 100_000,
          dueDate: dateColumn('2026-10-05'),
          createdById: T.admin.id,
        },
      }),
    );
    return { unitId: unit.id, billId: bill.id };
  }
  const pay = (unitId: string, amountFen: number, day: string, billIds?: string[]) =>
    tx(async (db) =>
      recordPayment(
        await loadScope(db, tenantId, T.admin.id, at(day)),
        ZRecordPayment.parse({ payer: { kind: 'UNIT', id: unitId }, method: 'CASH', amountFen, receivedOn: day, ...(billIds ? { billIds } : {}) }),
      ),
    );
  const lateFeeBills = (billId: string) =>
    tx((db) => db.bill.findMany({ where: { tenantId, forBillId: billId, kind: 'LATE_FEE' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }));
  const show = (b: Awaited<ReturnType<typeof lateFeeBills>>[number]) => ({
    amountFen: b.amountFen,
    period: b.period,
    through: b.lateFeeThrough ? fromDateColumn(b.lateFeeThrough) : null,
    paymentId: b.lateFeePaymentId,
    paidFen: b.paidFen,
    void: !!b.voidedAt,
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    T = await makeTenant(t.db, 'Late 物业');
    tenantId = T.tenant.id;
    const reg = await makeRegister(t.db, T);
    buildingId = reg.building.id;
    feeItemId = (
      await tx((db) =>
        db.feeItem.create({
          data: {
            tenantId,
            name: '物业费',
            calc: 'PER_AREA',
            communityIds: [reg.community.id],
            lateFeeDailyBp: 5,
            lateFeeGraceDays: 10,
            lateFeeCapPercent: null,
          },
        }),
      )
    ).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('a payment that settles an overdue bill materializes exactly one late-fee bill: 9 × 50 fen, in the month of its effective date', async () => {
    const { unitId, billId } = await unitWithBill();
    const p = await pay(unitId, 100_000, '2026-10-25'); // day 20
    expect(p.countedOn).toBe('2026-10-25');
    expect(p.allocations).toEqual([{ billId, amountFen: 100_000 }]); // the principal first; the fee is its own bill
    const lf = await lateFeeBills(billId);
    expect(lf.map(show)).toEqual([{ amountFen: 450, period: '2026-10', through: '2026-10-24', paymentId: p.id, paidFen: 0, void: false }]);
    expect(lf[0]).toMatchObject({ payerKind: 'UNIT', payerId: unitId, unitId, feeItemId, dueDate: dateColumn('2026-10-25') });
    // The settled bill accrues nothing more; paying the fee creates no further late-fee bill.
    const q = await pay(unitId, 450, '2026-11-03');
    expect(q.allocations).toEqual([{ billId: lf[0]!.id, amountFen: 450 }]);
    expect(await lateFeeBills(billId)).toHaveLength(1);
    const list = await T.as.billing.listBills({ tenant: T.slug, payer: { kind: 'UNIT', id: unitId } });
    expect(list.rows.find((r) => r.id === billId)).toMatchObject({ status: 'PAID', lateFeeAccruedFen: 0, lateFeeChargedFen: 450 });
  });

  it('a partial payment splits the span: 9 × 50 before it, 25 a day from its effective date on', async () => {
    const { unitId, billId } = await unitWithBill();
    await pay(unitId, 50_000, '2026-10-25');
    // The desk shows what the next payment would materialize, by the same accrual (as of today).
    const today = localDate(TZ);
    const expected = lateFeeAccrual({
      amountFen: 100_000,
      netAmountFen: 100_000,
      dueDate: '2026-10-05',
      rule: { dailyBp: 5, graceDays: 10, capPercent: null },
      changes: [{ on: '2026-10-25', reduceFen: 50_000 }],
      asOf: today,
    }).totalFen;
    const row = (await T.as.billing.listBills({ tenant: T.slug, payer: { kind: 'UNIT', id: unitId } })).rows.find((r) => r.id === billId)!;
    expect(row).toMatchObject({ lateFeeChargedFen: 450, lateFeeAccruedFen: expected - 450 });
    const p2 = await pay(unitId, 50_000, '2026-10-31', [billId]);
    const lf = (await lateFeeBills(billId)).map(show);
    expect(lf.map((b) => [b.amountFen, b.through])).toEqual([
      [450, '2026-10-24'],
      [6 * 25, '2026-10-30'], // 10-25 … 10-30 on ¥500
    ]);
    expect(lf[1]!.paymentId).toBe(p2.id);
  });

  it('money beyond every principal pays the new late-fee bill; a reversal voids the late-fee bills its payment materialized', async () => {
    const { unitId, billId } = await unitWithBill();
    const p = await pay(unitId, 100_450, '2026-10-25');
    const [lf] = await lateFeeBills(billId);
    expect(p.allocations).toEqual([
      { billId, amountFen: 100_000 },
      { billId: lf!.id, amountFen: 450 },
    ]);
    expect(p.creditAddedFen).toBe(0);
    const r = await tx(async (db) =>
      reversePayment(await loadScope(db, tenantId, T.admin.id, at('2026-10-26')), ZReversePayment.parse({ paymentId: p.id, reason: '录错金额' })),
    );
    expect(r.inPlace).toBe(true);
    const after = await lateFeeBills(billId);
    expect(after.map(show)).toEqual([{ amountFen: 450, period: '2026-10', through: '2026-10-24', paymentId: p.id, paidFen: 0, void: true }]);
    expect(after[0]!.voidedByUndo).toBe(true);
    // The voided days are charged again by the next materialization, never twice: a payment
    // on 10-28 (day 23) charges days 11…22 on the full balance.
    await pay(unitId, 100_000, '2026-10-28');
    const again = (await lateFeeBills(billId)).filter((b) => !b.voidedAt).map(show);
    expect(again.map((b) => [b.amountFen, b.through])).toEqual([[12 * 50, '2026-10-27']]);
  });

  it('credit applied to an overdue bill materializes its late fee as of that day too', async () => {
    const unit = await T.as.property.createUnit({ tenant: T.slug, buildingId, number: String(200 + ++n), floor: 2, area: '100.00' });
    await pay(unit.id, 100_000, '2026-10-01'); // no bill yet: all credit
    const bill = await tx((db) =>
      db.bill.create({
        data: {
          tenantId,
          kind: 'REGULAR',
          objectKind: 'UNIT',
          objectId: unit.id,
          unitId: unit.id,
          payerKind: 'UNIT',
          payerId: unit.id,
          feeItemId,
          period: '2026-10',
          amountFen: 100_000,
          dueDate: dateColumn('2026-10-05'),
          createdById: T.admin.id,
        },
      }),
    );
    const c = await tx(async (db) =>
      applyCredit(await loadScope(db, tenantId, T.admin.id, at('2026-10-20')), ZApplyCredit.parse({ payer: { kind: 'UNIT', id: unit.id } })),
    );
    expect(c.allocations).toEqual([{ billId: bill.id, amountFen: 100_000 }]);
    expect((await lateFeeBills(bill.id)).map(show)).toEqual([
      { amountFen: 4 * 50, period: '2026-10', through: '2026-10-19', paymentId: c.id, paidFen: 0, void: false },
    ]);
  });

  it('a bill settled otherwise (a full waiver) keeps its accrued fee visible, and an admin may charge it by hand once', async () => {
    const { billId } = await unitWithBill();
    const w = await T.as.billing.requestAdjustment({ tenant: T.slug, billId, kind: 'WAIVER', amountFen: 100_000, reason: '困难户' });
    await T.as.billing.decideAdjustment({ tenant: T.slug, id: w.id, approve: true }); // effective today: days before it accrued on ¥1000
    const row = await T.as.billing.getBill({ tenant: T.slug, id: billId });
    expect(row.status).toBe('PAID');
    expect(row.lateFeeAccruedFen).toBeGreaterThan(0);
    expect((await T.as.billing.chargeLateFees({ tenant: T.slug, period: '2026-10' })).charges.map((c) => c.billId)).not.toContain(billId); // the period sweep: owing bills only
    const byHand = await T.as.billing.chargeLateFees({ tenant: T.slug, billIds: [billId] });
    expect(byHand.charges).toEqual([expect.objectContaining({ billId, amountFen: row.lateFeeAccruedFen })]);
    expect((await T.as.billing.chargeLateFees({ tenant: T.slug, billIds: [billId] })).charged).toBe(0);
  });

  it('the job materializes last month’s accrual once, also when run twice and after a payment', async () => {
    const a = await unitWithBill();
    const b = await unitWithBill();
    const mine = (rs: Awaited<ReturnType<typeof runLateFeeJob>>) => rs.filter((r) => r.tenantId === tenantId);
    // Company-local dates: at 23:30 on 10-31 in Shanghai (15:30 UTC) it is still October: as of
    // 10-01, nothing is due yet; an hour later it is 11-01 there: as of the 1st, through 10-31,
    // 16 days (10-16 … 10-31) × 50 on each unpaid bill.
    expect(mine(await runLateFeeJob(t.db.prisma, new Date('2026-10-31T15:30:00Z')))).toMatchObject([{ asOf: '2026-10-01', count: 0 }]);
    const first = mine(await runLateFeeJob(t.db.prisma, new Date('2026-10-31T16:30:00Z')));
    expect(first).toMatchObject([{ asOf: '2026-11-01', outcome: 'charged' }]);
    for (const x of [a, b]) {
      expect((await lateFeeBills(x.billId)).map(show)).toEqual([
        { amountFen: 800, period: '2026-11', through: '2026-10-31', paymentId: null, paidFen: 0, void: false },
      ]);
    }
    const twice = mine(await runLateFeeJob(t.db.prisma, at('2026-11-05')));
    expect(twice).toMatchObject([{ outcome: 'charged', count: 0, totalFen: 0 }]);
    expect(await lateFeeBills(a.billId)).toHaveLength(1);

    // A payment on 11-10: days 11-01 … 11-09 on ¥1000 (9 × 50); a ¥500 part payment on b.
    await pay(a.unitId, 100_000, '2026-11-10');
    await pay(b.unitId, 50_000, '2026-11-10');
    expect((await lateFeeBills(a.billId)).map((x) => [x.amountFen, show(x).through])).toEqual([
      [800, '2026-10-31'],
      [450, '2026-11-09'],
    ]);
    // The job on 12-01 charges only b, only the days after its payment's: 11-10 … 11-30 × 25.
    const dec = mine(await runLateFeeJob(t.db.prisma, at('2026-12-01')));
    expect(dec).toMatchObject([{ asOf: '2026-12-01', outcome: 'charged' }]);
    expect(await lateFeeBills(a.billId)).toHaveLength(2);
    expect((await lateFeeBills(b.billId)).map((x) => [x.amountFen, show(x).through, x.period])).toEqual([
      [800, '2026-10-31', '2026-11'],
      [450, '2026-11-09', '2026-11'],
      [21 * 25, '2026-11-30', '2026-12'],
    ]);
    expect(mine(await runLateFeeJob(t.db.prisma, at('2026-12-02')))).toMatchObject([{ count: 0 }]);
    // Waiving a late-fee bill is an ordinary waiver, and the waived days are not charged again.
    const lf = (await lateFeeBills(b.billId))[2]!;
    const w = await T.as.billing.requestAdjustment({ tenant: T.slug, billId: lf.id, kind: 'WAIVER', amountFen: lf.amountFen, reason: '滞纳金减免' });
    await T.as.billing.decideAdjustment({ tenant: T.slug, id: w.id, approve: true });
    expect(mine(await runLateFeeJob(t.db.prisma, at('2026-12-03')))).toMatchObject([{ count: 0 }]);
  });
});
