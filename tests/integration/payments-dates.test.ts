import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, makeFeeItem, makeUnitBill } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { localDateToDayNumber } from '@/server/shared/calendar';
import { code } from '../helpers/outcome';

// Issue #12 fee point 2: every money record stores its effective date (countedOn) by DOMAIN.md's
// rule, a closed day never refuses a record, and an admin may reopen a day (反日结).

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);
const shift = (day: string, n: number) => new Date((localDateToDayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);
const prevMonth = (day: string) => shift(`${day.slice(0, 7)}-01`, -1).slice(0, 7);

async function company(t: TestDatabase, name: string) {
  const T = await makeTenant(t.db, name);
  const reg = await makeRegister(t.db, T);
  const cashierUser = await addMember(t.db, T.tenant.id, 'CASHIER');
  const tenantId = T.tenant.id;
  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, tenantId, fn);
  const feeItem = await makeFeeItem(t.db, tenantId, reg.community.id);
  const bill = (amountFen: number, period: string) =>
    makeUnitBill(t.db, {
      tenantId,
      unitId: reg.unit.id,
      feeItemId: feeItem.id,
      createdById: T.admin.id,
      period,
      amountFen,
      dueDate: dateColumn(`${period}-15`),
    });
  return { ...T, ...reg, tenantId, tx, bill, cashier: callerFor(t.db, cashierUser), payer: { kind: 'UNIT' as const, id: reg.unit.id } };
}

describe.skipIf(!pgServerUrl())('dates of money: countedOn by the rule, never refused by a closed day, 反日结 (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('a payment received on a day-closed day counts on the first open day on or after its entry day; after an early 日结 of today, tomorrow', async () => {
    const C = await company(t, 'Dates 物业');
    const pay = (receivedOn: string, amountFen = 1_000) =>
      C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen, receivedOn });
    const d3 = shift(today(), -3);
    await C.cashier.payments.closeDay({ tenant: C.slug, day: d3 });
    // received on an open earlier day: its received date, whenever entered
    expect(await pay(shift(today(), -2))).toMatchObject({ countedOn: shift(today(), -2) });
    // received on a closed day: the entry day (today is open)
    expect(await pay(d3)).toMatchObject({ receivedOn: d3, countedOn: today() });
    // today closed early: the next open day, never refused (old rule: PRECONDITION_FAILED)
    await C.cashier.payments.closeDay({ tenant: C.slug, day: today() });
    expect(await pay(today())).toMatchObject({ receivedOn: today(), countedOn: shift(today(), 1) });
    expect(await pay(d3)).toMatchObject({ receivedOn: d3, countedOn: shift(today(), 1) });
    // an open day between a closed received day and today does not take it: the rule starts at the entry day
    expect(await pay(shift(today(), -2))).toMatchObject({ countedOn: shift(today(), -2) });
    const tomorrow = await C.as.payments.listPayments({ tenant: C.slug, day: shift(today(), 1) });
    expect(tomorrow.total).toBe(2);
    // today's frozen totals (the one payment moved to it before its close) did not move
    expect(await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() })).toMatchObject({ closed: true, count: 1, netFen: 1_000 });
  });

  it('credit use, refunds and reversals are never refused by a closed day either', async () => {
    const C = await company(t, 'Dates2 物业');
    const p = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen: 9_000, receivedOn: today() });
    expect(p.creditAddedFen).toBe(9_000);
    const q = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen: 500, receivedOn: today() });
    const refund = await C.cashier.payments.requestRefund({ tenant: C.slug, payer: C.payer, amountFen: 1_000, method: 'CASH', reason: '退款' });
    await C.bill(3_000, today().slice(0, 7));
    await C.cashier.payments.closeDay({ tenant: C.slug, day: today() });

    const next = shift(today(), 1);
    expect(await C.cashier.payments.applyCredit({ tenant: C.slug, payer: C.payer })).toMatchObject({ amountFen: 3_000, receivedOn: today(), countedOn: next });
    expect(await C.as.payments.decideRefund({ tenant: C.slug, id: refund.id, approve: true })).toMatchObject({ status: 'APPROVED', countedOn: next });
    expect(await C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: q.id, reason: '重复' })).toMatchObject({ inPlace: false, countedOn: next });
    const totals = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: next });
    expect(totals).toMatchObject({ closed: false, count: 3, paymentsFen: 3_000, reversalsFen: 500, refundsFen: 1_000 });
  });

  it('反日结: an admin reopens a closed day with a reason (audited); records keep their dates; the next close recomputes the totals', async () => {
    const C = await company(t, 'Dates3 物业');
    const B = await company(t, 'Dates3B 物业');
    const y = shift(today(), -1);
    const first = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen: 2_000, receivedOn: y });
    await C.cashier.payments.closeDay({ tenant: C.slug, day: y });
    const moved = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen: 3_000, receivedOn: y });
    expect(moved.countedOn).toBe(today());

    expect(await code(C.cashier.payments.reopenDay({ tenant: C.slug, day: y, reason: '漏录' }))).toBe('FORBIDDEN');
    expect(await code(B.as.payments.reopenDay({ tenant: C.slug, day: y, reason: '漏录' }))).toBe('NOT_FOUND');
    expect(await code(C.as.payments.reopenDay({ tenant: C.slug, day: y, reason: '' }))).toBe('BAD_REQUEST');
    expect(await code(C.as.payments.reopenDay({ tenant: C.slug, day: shift(y, -1), reason: '漏录' }))).toBe('PRECONDITION_FAILED'); // not closed
    expect(await code(B.as.payments.reopenDay({ tenant: B.slug, day: y, reason: '漏录' }))).toBe('PRECONDITION_FAILED'); // B's own day is not closed

    expect(await C.as.payments.reopenDay({ tenant: C.slug, day: y, reason: '漏录一笔' })).toMatchObject({ day: y, reopened: true });
    expect(await C.cashier.payments.getDayTotals({ tenant: C.slug, day: y })).toMatchObject({ closed: false, count: 1, netFen: 2_000 });
    const audit = await C.as.company.listAudit({ tenant: C.slug, action: 'day.reopen' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ before: { day: y, count: 1, netFen: 2_000 }, after: { day: y, reason: '漏录一笔' } });
    expect(await code(C.as.payments.reopenDay({ tenant: C.slug, day: y, reason: 'again' }))).toBe('PRECONDITION_FAILED');

    // The payment moved to today stays on today; a new one received yesterday counts yesterday.
    expect((await C.as.payments.getPayment({ tenant: C.slug, id: moved.id })).countedOn).toBe(today());
    const late = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'WECHAT', amountFen: 4_000, receivedOn: y });
    expect(late.countedOn).toBe(y);
    const closed = await C.cashier.payments.closeDay({ tenant: C.slug, day: y });
    expect(closed).toMatchObject({ count: 2, netFen: 6_000 });
    expect(await C.cashier.payments.getDayTotals({ tenant: C.slug, day: y })).toMatchObject({ closed: true, count: 2, netFen: 6_000 });
    expect((await C.cashier.payments.getDayClose({ tenant: C.slug, day: y })).records.map((r) => r.id).sort()).toEqual([first.id, late.id].sort());
    // reopened rows are kept, not deleted
    expect(await C.tx((db) => db.dayClose.count({ where: { tenantId: C.tenantId, day: dateColumn(y) } }))).toBe(2);
  });

  it('反日结 is refused once the day’s period is closed (关账)', async () => {
    const C = await company(t, 'Dates4 物业');
    const last = prevMonth(today());
    await C.bill(1_000, last); // the company bills from last month on: a date in it may be received (#12 accounts 7)
    await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen: 1_000, receivedOn: `${last}-10` });
    await C.cashier.payments.closeDay({ tenant: C.slug, day: `${last}-10` });
    await C.cashier.payments.closeDay({ tenant: C.slug, day: `${last}-11` });
    expect(await code(C.as.payments.reopenDay({ tenant: C.slug, day: `${last}-11`, reason: '试' }))).toBe('OK');
    await C.as.collection.closePeriod({ tenant: C.slug, period: last });
    expect(await code(C.as.payments.reopenDay({ tenant: C.slug, day: `${last}-10`, reason: '补录' }))).toBe('PRECONDITION_FAILED');
    expect(await C.cashier.payments.getDayTotals({ tenant: C.slug, day: `${last}-10` })).toMatchObject({ closed: true });
    // and a received date in the closed period is still refused at the counter
    expect(await code(C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.payer, method: 'CASH', amountFen: 1_000, receivedOn: `${last}-11` }))).toBe(
      'PRECONDITION_FAILED',
    );
  });
});
