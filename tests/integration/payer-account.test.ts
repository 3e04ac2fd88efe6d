import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate, localDateToDayNumber } from '@/server/shared/calendar';
import { code } from '../helpers/outcome';

// Issue #17 point 3: the unit page's account (payments.getPayerAccount) — bills with the
// unsettled ones first, what is owed, credit and the balance to the fen, late fees charged and
// accrued, adjustments; another company's unit is NOT_FOUND. Point 1: the day-close page lists
// the records received on a day but counted on a later one, and the day's reopens with reasons;
// the payment form says where a payment will count before it is taken (getDayStatus).

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);
const shift = (day: string, n: number) => new Date((localDateToDayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);
const monthsAgo = (n: number) => {
  const [y, m] = today().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

async function company(t: TestDatabase, name: string) {
  const T = await makeTenant(t.db, name);
  const reg = await makeRegister(t.db, T);
  const cashierUser = await addMember(t.db, T.tenant.id, 'CASHIER');
  const staffUser = await addMember(t.db, T.tenant.id, 'STAFF');
  const tenantId = T.tenant.id;
  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, tenantId, fn);
  const plain = await tx((db) => db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [reg.community.id] } }));
  const withLateFee = await tx((db) =>
    db.feeItem.create({ data: { tenantId, name: '垃圾清运费', calc: 'FIXED', communityIds: [reg.community.id], lateFeeDailyBp: 5, lateFeeGraceDays: 0 } }),
  );
  const bill = (amountFen: number, period: string, extra: { feeItemId?: string; kind?: 'REGULAR' | 'LATE_FEE'; forBillId?: string; dueDate?: string } = {}) =>
    tx((db) =>
      db.bill.create({
        data: {
          tenantId,
          kind: extra.kind ?? 'REGULAR',
          objectKind: 'UNIT',
          objectId: reg.unit.id,
          unitId: reg.unit.id,
          payerKind: 'UNIT',
          payerId: reg.unit.id,
          feeItemId: extra.kind === 'LATE_FEE' ? null : (extra.feeItemId ?? plain.id),
          period,
          amountFen,
          dueDate: dateColumn(extra.dueDate ?? `${period}-15`),
          forBillId: extra.forBillId ?? null,
          description: extra.kind === 'LATE_FEE' ? '滞纳金' : '',
          createdById: T.admin.id,
        },
      }),
    );
  return {
    ...T,
    ...reg,
    tenantId,
    tx,
    bill,
    withLateFee,
    cashier: callerFor(t.db, cashierUser),
    staff: callerFor(t.db, staffUser),
    payer: { kind: 'UNIT' as const, id: reg.unit.id },
  };
}

describe.skipIf(!pgServerUrl())('a payer account and the day close, as the counter reads them (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('the unit account: unsettled bills first, outstanding, credit and balance to the fen, late fees, adjustments; other tenants NOT_FOUND', async () => {
    const A = await company(t, 'Account 物业');
    const B = await company(t, 'AccountB 物业');
    const old = await A.bill(10_000, monthsAgo(3));
    const partly = await A.bill(12_345, monthsAgo(2));
    const settled = await A.bill(2_450, monthsAgo(1));
    const voided = await A.bill(7_777, monthsAgo(1), { feeItemId: A.withLateFee.id });
    await A.tx((db) => db.bill.updateMany({ where: { tenantId: A.tenantId, id: voided.id }, data: { voidedAt: new Date(), voidReason: '录错' } }));
    const lateFee = await A.bill(111, today().slice(0, 7), { kind: 'LATE_FEE', forBillId: old.id, dueDate: today() });
    const accruing = await A.bill(3_000, monthsAgo(2), { feeItemId: A.withLateFee.id, dueDate: `${monthsAgo(2)}-01` });
    // B's unit: its bill must not show up in A's account.
    await B.bill(99_999, monthsAgo(1));

    // An approved waiver of 10.00 on the oldest bill, and a pending discount on the partly paid one.
    const waiver = await A.cashier.billing.requestAdjustment({ tenant: A.slug, billId: old.id, kind: 'WAIVER', amountFen: 1_000, reason: '困难户' });
    await A.as.billing.decideAdjustment({ tenant: A.slug, id: waiver.id, approve: true });
    await A.cashier.billing.requestAdjustment({ tenant: A.slug, billId: partly.id, kind: 'DISCOUNT', amountFen: 500, reason: '老人优惠' });
    // 23.45 on the partly paid bill; 30.00 on the settled one leaves 5.50 as credit.
    const base = { tenant: A.slug, payer: A.payer, method: 'CASH' as const, receivedOn: today() };
    await A.cashier.payments.recordPayment({ ...base, amountFen: 2_345, billIds: [partly.id] });
    const over = await A.cashier.payments.recordPayment({ ...base, amountFen: 3_000, billIds: [settled.id] });
    expect(over.creditAddedFen).toBe(550);

    const acc = await A.cashier.payments.getPayerAccount({ tenant: A.slug, payer: A.payer });
    expect(acc.payer).toMatchObject({ kind: 'UNIT', id: A.unit.id, name: '张三' });
    // outstanding: (100.00 − 10.00) + (123.45 − 23.45) + 1.11 + 30.00 = 221.11; the pending discount does not count yet
    expect(acc.outstandingFen).toBe(9_000 + 10_000 + 111 + 3_000);
    expect(acc.creditFen).toBe(550);
    expect(acc.balanceFen).toBe(550 - 22_111);
    expect(acc.billsTotal).toBe(6);
    expect(acc.openBills).toBe(4);
    // unsettled first (oldest due first), then the settled one, the void one last
    expect(acc.bills.map((b) => b.id)).toEqual([old.id, accruing.id, partly.id, lateFee.id, settled.id, voided.id]);
    expect(acc.bills.map((b) => b.status)).toEqual(['PARTLY_PAID', 'OPEN', 'PARTLY_PAID', 'OPEN', 'PAID', 'VOID']);
    // late fees: the charged bill, and the accrual of the overdue bill whose item has terms — as the bill list says
    expect(acc.lateFeeChargedFen).toBe(111);
    expect(acc.lateFeeOutstandingFen).toBe(111);
    const listed = await A.cashier.billing.listBills({ tenant: A.slug, payer: A.payer, pageSize: 200 });
    const accrued = listed.rows.find((b) => b.id === accruing.id)!.lateFeeAccruedFen;
    expect(accrued).toBeGreaterThan(0);
    expect(acc.lateFeeAccruedFen).toBe(accrued);
    // adjustments, newest first, with their bill
    expect(acc.adjustments.map((a) => [a.kind, a.status, a.amountFen, a.bill.id])).toEqual([
      ['DISCOUNT', 'PENDING', 500, partly.id],
      ['WAIVER', 'APPROVED', 1_000, old.id],
    ]);

    // who may read it: fee readers of the company only
    expect((await A.as.payments.getPayerAccount({ tenant: A.slug, payer: A.payer })).balanceFen).toBe(acc.balanceFen);
    expect(await code(A.staff.payments.getPayerAccount({ tenant: A.slug, payer: A.payer }))).toBe('FORBIDDEN');
    expect(await code(B.as.payments.getPayerAccount({ tenant: A.slug, payer: A.payer }))).toBe('NOT_FOUND');
    expect(await code(B.as.payments.getPayerAccount({ tenant: B.slug, payer: A.payer }))).toBe('NOT_FOUND');
    const bAcc = await B.as.payments.getPayerAccount({ tenant: B.slug, payer: B.payer });
    expect(bAcc).toMatchObject({ outstandingFen: 99_999, creditFen: 0, balanceFen: -99_999, billsTotal: 1, adjustments: [] });
  });

  it('a parking space: rented alone it is its own payer; tied to a unit its bills are the unit household’s', async () => {
    const A = await company(t, 'Parking 物业');
    const alone = await A.as.parking.create({ tenant: A.slug, communityId: A.community.id, number: 'B-017', renterName: '周先生' });
    const tied = await A.as.parking.create({ tenant: A.slug, communityId: A.community.id, number: 'B-018', unitId: A.unit.id });
    const spaceBill = (spaceId: string, payer: { kind: 'UNIT' | 'PARKING'; id: string }, amountFen: number) =>
      A.tx((db) =>
        db.bill.create({
          data: {
            tenantId: A.tenantId,
            kind: 'ONE_OFF',
            objectKind: 'PARKING',
            objectId: spaceId,
            parkingSpaceId: spaceId,
            payerKind: payer.kind,
            payerId: payer.id,
            period: monthsAgo(1),
            amountFen,
            description: '车位费',
            dueDate: dateColumn(`${monthsAgo(1)}-15`),
            createdById: A.admin.id,
          },
        }),
      );
    await spaceBill(alone.id, { kind: 'PARKING', id: alone.id }, 15_000);
    await spaceBill(tied.id, A.payer, 12_000);
    await A.cashier.payments.recordPayment({
      tenant: A.slug,
      payer: { kind: 'PARKING', id: alone.id },
      method: 'WECHAT',
      amountFen: 4_001,
      receivedOn: today(),
    });

    const own = await A.cashier.payments.getPayerAccount({ tenant: A.slug, payer: { kind: 'PARKING', id: alone.id } });
    expect(own).toMatchObject({ payer: { kind: 'PARKING', name: '周先生' }, outstandingFen: 10_999, creditFen: 0, balanceFen: -10_999, billsTotal: 1 });
    const unit = await A.cashier.payments.getPayerAccount({ tenant: A.slug, payer: A.payer });
    expect(unit).toMatchObject({ outstandingFen: 12_000, billsTotal: 1 });
    expect(unit.bills[0]).toMatchObject({ objectKind: 'PARKING', parkingSpaceId: tied.id });
    const B = await company(t, 'ParkingB 物业');
    expect(await code(B.as.payments.getPayerAccount({ tenant: B.slug, payer: { kind: 'PARKING', id: alone.id } }))).toBe('NOT_FOUND');
  });

  it('the day close lists what was received on the day but counted later, and its reopens with their reasons', async () => {
    const C = await company(t, 'Later 物业');
    const pay = (amountFen: number, receivedOn = today()) =>
      C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen, receivedOn });
    await pay(1_000);
    // the form's "where will it count" before and after the close
    expect(await C.cashier.payments.getDayStatus({ tenant: C.slug, day: today() })).toEqual({
      day: today(),
      dayClosed: false,
      periodClosed: false,
      countedOn: today(),
    });
    await C.cashier.payments.closeDay({ tenant: C.slug, day: today() });
    expect(await C.cashier.payments.getDayStatus({ tenant: C.slug, day: today() })).toEqual({
      day: today(),
      dayClosed: true,
      periodClosed: false,
      countedOn: shift(today(), 1),
    });
    const lastMonthDay = `${monthsAgo(1)}-10`;
    expect(await C.cashier.payments.getDayStatus({ tenant: C.slug, day: lastMonthDay })).toMatchObject({ periodClosed: false, countedOn: lastMonthDay });
    await C.as.collection.closePeriod({ tenant: C.slug, period: monthsAgo(1) });
    expect(await C.cashier.payments.getDayStatus({ tenant: C.slug, day: lastMonthDay })).toMatchObject({ periodClosed: true, countedOn: null });
    expect(await code(C.staff.payments.getDayStatus({ tenant: C.slug, day: today() }))).toBe('FORBIDDEN');
    const moved = await pay(2_500);
    expect(moved.countedOn).toBe(shift(today(), 1));

    const day = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() });
    expect(day).toMatchObject({ closed: true, count: 1, netFen: 1_000, reopens: [] });
    expect(day.countedLater).toHaveLength(1);
    expect(day.countedLater[0]).toMatchObject({ id: moved.id, amountFen: 2_500, countedOn: shift(today(), 1), receiptNo: moved.receiptNo, cashier: 'CASHIER' });
    // the next day counts it and lists nothing as moved out
    const next = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: shift(today(), 1) });
    expect(next).toMatchObject({ closed: false, count: 1, netFen: 2_500, countedLater: [] });

    await C.as.payments.reopenDay({ tenant: C.slug, day: today(), reason: '漏录一笔现金' });
    const reopened = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() });
    expect(reopened).toMatchObject({ closed: false, count: 1, reopens: [{ closedBy: 'CASHIER', reopenedBy: 'Admin', reason: '漏录一笔现金' }] });
    // reopening re-dates nothing: the moved record still counts tomorrow
    expect(reopened.countedLater.map((r) => r.id)).toEqual([moved.id]);
  });
});
