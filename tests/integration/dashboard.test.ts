import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeFeeItem, makeRegister, makeTenant, makeUnitBill } from '../helpers/fixtures';
import { addDays, dateColumn, localDate } from '@/server/shared/calendar';
import { code } from '../helpers/outcome';

// The staff dashboard (工作台) in one call (home.getDashboard): the same figures as the pages'
// own procedures, each only for a role that may read it.

const day = () => localDate('Asia/Shanghai');

describe.skipIf(!pgServerUrl())('home.getDashboard', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let reg: Awaited<ReturnType<typeof makeRegister>>;
  const callers = {} as Record<'cashier' | 'staff' | 'executive' | 'resident', ReturnType<typeof callerFor>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Dashboard Co');
    reg = await makeRegister(t.db, A);
    callers.cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    callers.staff = callerFor(t.db, await addMember(t.db, A.tenant.id, 'STAFF'));
    callers.executive = callerFor(t.db, await addMember(t.db, A.tenant.id, 'EXECUTIVE'));
    callers.resident = callerFor(t.db, await addMember(t.db, A.tenant.id, 'RESIDENT'));
    const tenantId = A.tenant.id;
    const period = day().slice(0, 7);
    // this period's bill (19,000 fen), overdue for ten days, partly paid today (6,000 fen) with a waiver asked for
    const feeItem = await makeFeeItem(t.db, tenantId, reg.community.id);
    const bill = await makeUnitBill(t.db, {
      tenantId,
      unitId: reg.unit.id,
      feeItemId: feeItem.id,
      createdById: A.admin.id,
      period,
      amountFen: 19_000,
      dueDate: dateColumn(addDays(day(), -10)),
    });
    await callers.cashier.payments.recordPayment({
      tenant: A.slug,
      payer: { kind: 'UNIT', id: reg.unit.id },
      method: 'CASH',
      amountFen: 6_000,
      receivedOn: day(),
    });
    await callers.cashier.billing.requestAdjustment({ tenant: A.slug, billId: bill.id, kind: 'WAIVER', amountFen: 1_000, reason: '困难户减免' });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("gives the admin every figure, equal to the pages' own procedures", async () => {
    const d = await A.as.home.getDashboard({ tenant: A.slug });
    const summary = await A.as.collection.getSummary({ tenant: A.slug, period: day().slice(0, 7) });
    const today = await A.as.payments.getDayTotals({ tenant: A.slug, day: day() });
    const arrears = await A.as.collection.listArrears({ tenant: A.slug, level: 'community', pageSize: 1 });
    const pending = await A.as.billing.getPendingApprovals({ tenant: A.slug });
    expect(d.counts).toEqual({ communities: 1, units: 1, residents: 1 });
    expect(d.fees).toMatchObject({
      summary,
      today: { closed: today.closed, moneyNetFen: today.moneyNetFen, count: today.count, netFen: today.netFen },
      arrearsFen: arrears.totals.totalFen,
      pendingRefunds: pending.refunds,
      pendingAdjustments: pending.adjustments,
    });
    // and they are the fixture's: 19,000 billed, 6,000 taken today, 13,000 overdue, one waiver waiting
    expect(d.fees!.summary!.billedFen).toBe(19_000);
    expect(d.fees!.today!.moneyNetFen).toBe(6_000);
    expect(d.fees!.arrearsFen).toBe(13_000);
    expect(d.fees!.pendingAdjustments).toBe(1);
  });

  it("shows a closed day's frozen totals", async () => {
    await A.as.payments.closeDay({ tenant: A.slug, day: day() });
    await callers.cashier.payments.recordPayment({
      tenant: A.slug,
      payer: { kind: 'UNIT', id: reg.unit.id },
      method: 'CASH',
      amountFen: 500,
      receivedOn: day(),
    }); // counted on the next open day
    const d = await A.as.home.getDashboard({ tenant: A.slug });
    expect(d.fees!.today).toMatchObject({ closed: true, moneyNetFen: 6_000, count: 1 });
    await A.as.payments.reopenDay({ tenant: A.slug, day: day(), reason: '补录' });
  });

  it('leaves out what a role may not read', async () => {
    const cashier = await callers.cashier.home.getDashboard({ tenant: A.slug });
    expect(cashier.fees).toMatchObject({ summary: null, arrearsFen: 13_000, pendingRefunds: null, pendingAdjustments: null });
    expect(cashier.fees!.today!.moneyNetFen).toBe(6_000);

    const executive = await callers.executive.home.getDashboard({ tenant: A.slug });
    expect(executive.fees).toMatchObject({ today: null, arrearsFen: 13_000, pendingRefunds: null, pendingAdjustments: null });
    expect(executive.fees!.summary!.billedFen).toBe(19_000);

    const staff = await callers.staff.home.getDashboard({ tenant: A.slug });
    expect(staff.fees).toBeNull();
    expect(staff.counts.communities).toBe(1);

    expect(await code(callers.resident.home.getDashboard({ tenant: A.slug }))).toBe('FORBIDDEN');
  });
});
