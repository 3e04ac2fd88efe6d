import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { localDateToDayNumber } from '@/server/shared/calendar';
import { code, message } from '../helpers/outcome';

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);
const shift = (day: string, n: number) => new Date((localDateToDayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);
const prevMonth = (day: string) => shift(`${day.slice(0, 7)}-01`, -1).slice(0, 7);

/** The tRPC code of a rejection, or 'OK'. */

type Co = Awaited<ReturnType<typeof company>>;

/** A company with two units, a parking space rented alone, a cashier, and a way to issue bills. */
async function company(t: TestDatabase, name = 'Alpha 物业') {
  const T = await makeTenant(t.db, name);
  const reg = await makeRegister(t.db, T);
  const unit2 = await T.as.property.createUnit({ tenant: T.slug, buildingId: reg.building.id, number: '102', floor: 1, area: '90.00' });
  const cashierUser = await addMember(t.db, T.tenant.id, 'CASHIER');
  const tenantId = T.tenant.id;
  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, tenantId, fn);
  const { feeItem, space } = await tx(async (db) => ({
    feeItem: await db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [reg.community.id] } }),
    space: await db.parkingSpace.create({ data: { tenantId, communityId: reg.community.id, number: 'B-017', renterName: '李四' } }),
  }));
  let seq = 0;
  /** A bill for a unit (REGULAR, 物业费) or the parking space (ONE_OFF), due `due`. */
  const bill = (o: { unitId?: string; spaceId?: string; amountFen: number; period: string; due?: string; description?: string }) =>
    tx((db) =>
      o.spaceId
        ? db.bill.create({
            data: {
              tenantId,
              kind: 'ONE_OFF',
              objectKind: 'PARKING',
              objectId: o.spaceId,
              parkingSpaceId: o.spaceId,
              payerKind: 'PARKING',
              payerId: o.spaceId,
              period: o.period,
              description: o.description ?? '车位租金',
              amountFen: o.amountFen,
              dueDate: dateColumn(o.due ?? `${o.period}-15`),
              createdById: T.admin.id,
            },
          })
        : o.description
          ? db.bill.create({
              data: {
                tenantId,
                kind: 'ONE_OFF',
                objectKind: 'UNIT',
                objectId: o.unitId!,
                unitId: o.unitId!,
                payerKind: 'UNIT',
                payerId: o.unitId!,
                period: o.period,
                description: `${o.description} #${++seq}`,
                amountFen: o.amountFen,
                dueDate: dateColumn(o.due ?? `${o.period}-15`),
                createdById: T.admin.id,
              },
            })
          : db.bill.create({
              data: {
                tenantId,
                kind: 'REGULAR',
                objectKind: 'UNIT',
                objectId: o.unitId!,
                unitId: o.unitId!,
                payerKind: 'UNIT',
                payerId: o.unitId!,
                feeItemId: feeItem.id,
                period: o.period,
                amountFen: o.amountFen,
                dueDate: dateColumn(o.due ?? `${o.period}-15`),
                createdById: T.admin.id,
              },
            }),
    );
  const billRow = (id: string) => tx((db) => db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } }));
  const counts = () =>
    tx(async (db) => ({
      payments: await db.payment.count({ where: { tenantId } }),
      allocations: await db.paymentAllocation.count({ where: { tenantId } }),
      credit: await db.creditEntry.count({ where: { tenantId } }),
      counters: await db.receiptCounter.findMany({ where: { tenantId }, select: { year: true, lastNo: true } }),
      audit: await db.auditLog.count({ where: { tenantId } }),
    }));
  return {
    ...T,
    ...reg,
    unit2,
    space,
    feeItem,
    cashierUser,
    cashier: callerFor(t.db, cashierUser),
    tenantId,
    tx,
    bill,
    billRow,
    counts,
    unitPayer: { kind: 'UNIT' as const, id: reg.unit.id },
    unit2Payer: { kind: 'UNIT' as const, id: unit2.id },
    spacePayer: { kind: 'PARKING' as const, id: space.id },
  };
}

describe.skipIf(!pgServerUrl())('offline payments, credit, refunds, reversals, receipts, day close (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Co;
  let B: Co;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await company(t, 'Alpha 物业');
    B = await company(t, 'Beta 物业');
  });
  afterAll(() => t?.drop());

  it('allocates oldest first (due date, then period), and exactly to the chosen bills when chosen', async () => {
    const jan = await A.bill({ unitId: A.unit.id, amountFen: 20_000, period: '2026-01' });
    const mar = await A.bill({ unitId: A.unit.id, amountFen: 20_000, period: '2026-03' });
    const feb = await A.bill({ unitId: A.unit.id, amountFen: 20_000, period: '2026-02' });
    const day = today();

    const r = await A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'CASH', amountFen: 30_000, receivedOn: day });
    expect(r.allocations).toEqual([
      { billId: jan.id, amountFen: 20_000 },
      { billId: feb.id, amountFen: 10_000 },
    ]);
    expect(r.creditAddedFen).toBe(0);
    expect(r.countedOn).toBe(day);
    expect(r.receiptNo).toMatch(new RegExp(`^${day.slice(0, 4)}-\\d{6}$`));
    expect((await A.billRow(jan.id)).paidFen).toBe(20_000);
    expect((await A.billRow(feb.id)).paidFen).toBe(10_000);
    expect((await A.billRow(mar.id)).paidFen).toBe(0);

    // Chosen: March first, then February's remainder, in that order.
    const c = await A.cashier.payments.recordPayment({
      tenant: A.slug,
      payer: A.unitPayer,
      method: 'WECHAT',
      amountFen: 25_000,
      receivedOn: day,
      billIds: [mar.id, feb.id],
    });
    expect(c.allocations).toEqual([
      { billId: mar.id, amountFen: 20_000 },
      { billId: feb.id, amountFen: 5_000 },
    ]);
    expect((await A.billRow(feb.id)).paidFen).toBe(15_000);
    expect(c.receiptNumber).toBe(r.receiptNumber + 1);

    const p = await A.as.payments.getPayment({ tenant: A.slug, id: c.id });
    expect(p.allocations.map((a) => [a.bill.period, a.amountFen, a.bill.name])).toEqual([
      ['2026-03', 20_000, '物业费'],
      ['2026-02', 5_000, '物业费'],
    ]);
    expect(p.cashier.id).toBe(A.cashierUser.id);
    expect(p.payer.label).toContain('101');
  });

  it('turns an overpayment into credit, then applies it to the next bill (with cash, and on its own)', async () => {
    const payer = A.unit2Payer;
    const day = today();
    const b1 = await A.bill({ unitId: A.unit2.id, amountFen: 10_000, period: '2026-04' });
    const over = await A.cashier.payments.recordPayment({ tenant: A.slug, payer, method: 'CASH', amountFen: 16_000, receivedOn: day });
    expect(over.allocations).toEqual([{ billId: b1.id, amountFen: 10_000 }]);
    expect(over.creditAddedFen).toBe(6_000);
    expect((await A.as.payments.getCreditBalance({ tenant: A.slug, payer })).balanceFen).toBe(6_000);

    // A new bill of ¥100: ¥50 cash + ¥50 of the credit (drawn only for what the cash does not cover).
    const b2 = await A.bill({ unitId: A.unit2.id, amountFen: 10_000, period: '2026-05' });
    const mixed = await A.cashier.payments.recordPayment({ tenant: A.slug, payer, method: 'CASH', amountFen: 5_000, receivedOn: day, useCredit: true });
    expect(mixed.creditUsedFen).toBe(5_000);
    expect(mixed.creditAddedFen).toBe(0);
    expect(mixed.allocations).toEqual([{ billId: b2.id, amountFen: 10_000 }]);
    expect((await A.billRow(b2.id)).paidFen).toBe(10_000);
    expect((await A.as.payments.getCreditBalance({ tenant: A.slug, payer })).balanceFen).toBe(1_000);
    const receipt = await A.as.payments.getReceipt({ tenant: A.slug, id: mixed.id });
    expect(receipt).toMatchObject({ totalFen: 5_000, itemsTotalFen: 10_000, creditUsedFen: 5_000, totalCapital: '伍拾元整' });

    // The rest of the credit applied on its own: a CREDIT payment with a receipt.
    const b3 = await A.bill({ unitId: A.unit2.id, amountFen: 2_500, period: '2026-06' });
    const applied = await A.cashier.payments.applyCredit({ tenant: A.slug, payer });
    expect(applied.amountFen).toBe(1_000);
    expect(applied.allocations).toEqual([{ billId: b3.id, amountFen: 1_000 }]);
    expect((await A.as.payments.getCreditBalance({ tenant: A.slug, payer })).balanceFen).toBe(0);
    const credit = await A.as.payments.getPayment({ tenant: A.slug, id: applied.id });
    expect(credit.method).toBe('CREDIT');
    expect(credit.receiptNo).toBe(applied.receiptNo);
    expect(await code(A.cashier.payments.applyCredit({ tenant: A.slug, payer }))).toBe('BAD_REQUEST'); // no balance left
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const b = await A.bill({ unitId: A.unit.id, amountFen: 5_000, period: '2025-12' });
    const voided = await A.bill({ unitId: A.unit.id, amountFen: 5_000, period: '2025-11', description: '装修押金' });
    await A.tx((db) => db.bill.updateMany({ where: { tenantId: A.tenantId, id: voided.id }, data: { voidedAt: new Date(), voidReason: 'test' } }));
    const otherPayersBill = await A.bill({ unitId: A.unit2.id, amountFen: 5_000, period: '2025-12' });
    const before = await A.counts();
    const base = { tenant: A.slug, payer: A.unitPayer, method: 'CASH' as const, receivedOn: today() };

    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 0 }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: -100 }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 10.5 }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 100, receivedOn: '2026-02-30' }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 100, receivedOn: '25/11/2026' }))).toBe('BAD_REQUEST');
    expect(await message(A.cashier.payments.recordPayment({ ...base, amountFen: 100, receivedOn: shift(today(), 1) }))).toMatch(/future/);
    expect(await message(A.cashier.payments.recordPayment({ ...base, amountFen: 100, billIds: [voided.id] }))).toMatch(/void/);
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 100, billIds: [voided.id] }))).toBe('BAD_REQUEST');
    expect(await message(A.cashier.payments.recordPayment({ ...base, amountFen: 100, billIds: [otherPayersBill.id] }))).toMatch(/another payer/);
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 100, billIds: ['no-such-bill'] }))).toBe('NOT_FOUND');
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 100, billIds: [b.id, b.id] }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.recordPayment({ ...base, method: 'CREDIT' as never, amountFen: 100 }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.recordPayment({ ...base, amountFen: 100, payer: { kind: 'UNIT', id: 'nope' } }))).toBe('NOT_FOUND');
    expect(await code(A.cashier.payments.reversePayment({ tenant: A.slug, paymentId: 'nope', reason: 'x' }))).toBe('NOT_FOUND');
    const tied = await A.tx((db) => db.parkingSpace.create({ data: { tenantId: A.tenantId, communityId: A.community.id, number: 'T-1', unitId: A.unit.id } }));
    expect(await message(A.cashier.payments.recordPayment({ ...base, amountFen: 100, payer: { kind: 'PARKING', id: tied.id } }))).toMatch(/tied to a unit/);
    expect(await code(A.cashier.payments.requestRefund({ tenant: A.slug, payer: A.unitPayer, amountFen: 0, method: 'CASH', reason: 'x' }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.closeDay({ tenant: A.slug, day: shift(today(), 1) }))).toBe('BAD_REQUEST');
    expect(await code(A.cashier.payments.closeDay({ tenant: A.slug, day: '2026-13-01' }))).toBe('BAD_REQUEST');
    expect(await A.counts()).toEqual(before);
    expect((await A.billRow(b.id)).paidFen).toBe(0);
  });

  it('the Bill_paid_within_amount check refuses over-allocation even if a service forgot the lock', async () => {
    const b = await A.bill({ unitId: A.unit.id, amountFen: 1_000, period: '2025-10' });
    await expect(A.tx((db) => db.$executeRaw`update "Bill" set "paidFen" = 1001 where "tenantId" = ${A.tenantId} and "id" = ${b.id}`)).rejects.toThrow(
      /Bill_paid_within_amount/,
    );
  });

  it('a chosen bill settled meanwhile is refused (CONFLICT), not silently turned into credit', async () => {
    const b = await A.bill({ unitId: A.unit.id, amountFen: 3_000, period: '2025-09' });
    await A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'POS', amountFen: 3_000, receivedOn: today(), billIds: [b.id] });
    expect(
      await code(
        A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'POS', amountFen: 3_000, receivedOn: today(), billIds: [b.id] }),
      ),
    ).toBe('CONFLICT');
  });

  it('reversal restores outstanding, takes back the credit it created, marks the receipt 红冲, and cannot happen twice', async () => {
    const C = await company(t, 'Gamma 物业');
    const b = await C.bill({ unitId: C.unit.id, amountFen: 8_000, period: '2026-07' });
    const p = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 10_000, receivedOn: today() });
    expect(p.creditAddedFen).toBe(2_000);
    const counter = (await C.counts()).counters;

    const r = await C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: p.id, reason: '录错户' });
    expect(r).toMatchObject({ inPlace: true, countedOn: today() });
    expect((await C.billRow(b.id)).paidFen).toBe(0);
    expect((await C.as.payments.getCreditBalance({ tenant: C.slug, payer: C.unitPayer })).balanceFen).toBe(0);
    expect((await C.counts()).counters).toEqual(counter); // no new receipt number
    const receipt = await C.as.payments.getReceipt({ tenant: C.slug, id: p.id });
    expect(receipt.reversed).toMatchObject({ id: r.id, on: today(), reason: '录错户' });
    const rev = await C.as.payments.getPayment({ tenant: C.slug, id: r.id });
    expect(rev.allocations.map((a) => a.amountFen)).toEqual([-8_000]);
    expect(rev.receiptNo).toBeNull();
    expect(rev.reverses?.receiptNo).toBe(p.receiptNo);

    expect(await code(C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: p.id, reason: 'again' }))).toBe('CONFLICT');
    expect(await code(C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: r.id, reason: 'reverse the reversal' }))).toBe('BAD_REQUEST');
    // the day's totals net to zero
    const totals = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() });
    expect(totals).toMatchObject({ count: 2, paymentsFen: 10_000, reversalsFen: 10_000, netFen: 0 });
  });

  it('refuses to reverse a payment whose credit has been used since', async () => {
    const C = await company(t, 'Delta 物业');
    const p = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 5_000, receivedOn: today() });
    expect(p.creditAddedFen).toBe(5_000);
    await C.bill({ unitId: C.unit.id, amountFen: 3_000, period: '2026-08' });
    await C.cashier.payments.applyCredit({ tenant: C.slug, payer: C.unitPayer });
    const before = await C.counts();
    expect(await message(C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: p.id, reason: 'x' }))).toMatch(/used or refunded/);
    expect(await C.counts()).toEqual(before);
  });

  it('refunds: at most the credit balance, approved by an admin, re-checked under lock', async () => {
    const C = await company(t, 'Epsilon 物业');
    const payer = C.spacePayer; // a parking space rented alone is a payer of its own
    const bill = await C.bill({ spaceId: C.space.id, amountFen: 15_000, period: '2026-09' });
    const p = await C.cashier.payments.recordPayment({ tenant: C.slug, payer, method: 'BANK_TRANSFER', amountFen: 25_000, receivedOn: today() });
    expect(p.allocations).toEqual([{ billId: bill.id, amountFen: 15_000 }]);
    expect(p.creditAddedFen).toBe(10_000);

    const before = await C.counts();
    const tooMuch = await message(C.cashier.payments.requestRefund({ tenant: C.slug, payer, amountFen: 10_001, method: 'CASH', reason: '退租' }));
    expect(tooMuch).toMatch(/¥100\.00/);
    expect(await code(C.cashier.payments.requestRefund({ tenant: C.slug, payer, amountFen: 10_001, method: 'CASH', reason: '退租' }))).toBe('BAD_REQUEST');
    expect(await C.counts()).toEqual(before);

    const req1 = await C.cashier.payments.requestRefund({ tenant: C.slug, payer, amountFen: 6_000, method: 'CASH', reason: '退租' });
    // a second request may not exceed what the first leaves
    expect(await message(C.cashier.payments.requestRefund({ tenant: C.slug, payer, amountFen: 5_000, method: 'CASH', reason: '再退' }))).toMatch(
      /awaiting approval/,
    );
    const req2 = await C.cashier.payments.requestRefund({ tenant: C.slug, payer, amountFen: 4_000, method: 'CASH', reason: '再退' });
    expect(await C.as.payments.getCreditBalance({ tenant: C.slug, payer })).toMatchObject({ balanceFen: 10_000, pendingRefundFen: 10_000, availableFen: 0 });

    expect(await code(C.cashier.payments.decideRefund({ tenant: C.slug, id: req1.id, approve: true }))).toBe('FORBIDDEN'); // cashiers cannot approve
    const ok = await C.as.payments.decideRefund({ tenant: C.slug, id: req1.id, approve: true });
    expect(ok).toMatchObject({ status: 'APPROVED', countedOn: today(), balanceFen: 4_000 });
    expect(await code(C.as.payments.decideRefund({ tenant: C.slug, id: req1.id, approve: false }))).toBe('CONFLICT');

    // Credit used after the request: approval re-checks and refuses.
    await C.bill({ spaceId: C.space.id, amountFen: 3_000, period: '2026-10' });
    await C.cashier.payments.applyCredit({ tenant: C.slug, payer });
    expect(await message(C.as.payments.decideRefund({ tenant: C.slug, id: req2.id, approve: true }))).toMatch(/now more than the credit balance ¥10\.00/);
    expect(await C.as.payments.decideRefund({ tenant: C.slug, id: req2.id, approve: false })).toMatchObject({ status: 'REJECTED' });
    expect(await C.as.payments.getCreditBalance({ tenant: C.slug, payer })).toMatchObject({ balanceFen: 1_000, pendingRefundFen: 0 });

    const refunds = await C.as.payments.listPayments({ tenant: C.slug, kind: 'REFUND' });
    expect(refunds.rows.map((r) => [r.amountFen, r.status]).sort()).toEqual([
      [4_000, 'REJECTED'],
      [6_000, 'APPROVED'],
    ]);
    const totals = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() });
    expect(totals.refundsFen).toBe(6_000); // the rejected one does not count
    expect(totals.byMethod.find((m) => m.method === 'CASH')).toMatchObject({ refundsFen: 6_000, netFen: -6_000 });
    expect(totals.moneyNetFen).toBe(25_000 - 6_000);
  });

  it('a closed period refuses a received date in it; a reversal after the close lands on the open day', async () => {
    const C = await company(t, 'Zeta 物业');
    const last = prevMonth(today());
    await C.bill({ unitId: C.unit.id, amountFen: 4_000, period: last });
    const early = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 4_000, receivedOn: `${last}-03` });
    expect(early.countedOn).toBe(`${last}-03`);
    await C.tx((db) => db.periodClose.create({ data: { tenantId: C.tenantId, period: last, figures: {}, closedById: C.admin.id } }));

    const before = await C.counts();
    const refused = C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 100, receivedOn: `${last}-20` });
    expect(await code(refused)).toBe('PRECONDITION_FAILED');
    expect(
      await message(C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 100, receivedOn: `${last}-20` })),
    ).toMatch(/closed/);
    expect(await C.counts()).toEqual(before);

    const r = await C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: early.id, reason: '关账后发现错误' });
    expect(r).toMatchObject({ inPlace: false, countedOn: today(), receivedOn: today() });
  });

  it('after 日结 a payment received that day counts on the entry day, and a reversal lands on the open day', async () => {
    const C = await company(t, 'Eta 物业');
    const yesterday = shift(today(), -1);
    await C.bill({ unitId: C.unit.id, amountFen: 9_000, period: '2026-06' });
    const p = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'ALIPAY', amountFen: 5_000, receivedOn: yesterday });
    expect(p.countedOn).toBe(yesterday);

    const closed = await C.cashier.payments.closeDay({ tenant: C.slug, day: yesterday });
    expect(closed).toMatchObject({ count: 1, netFen: 5_000, byMethod: [{ method: 'ALIPAY', netFen: 5_000 }] });
    expect(closed.byCashier).toEqual([expect.objectContaining({ cashierId: C.cashierUser.id, netFen: 5_000 })]);
    expect(await code(C.cashier.payments.closeDay({ tenant: C.slug, day: yesterday }))).toBe('CONFLICT');

    const late = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 1_000, receivedOn: yesterday });
    expect(late).toMatchObject({ receivedOn: yesterday, countedOn: today() });
    const rev = await C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: p.id, reason: '金额错' });
    expect(rev).toMatchObject({ inPlace: false, countedOn: today() });

    const y = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: yesterday });
    expect(y).toMatchObject({ closed: true, count: 1, netFen: 5_000 }); // the closed day did not move
    const report = await C.cashier.payments.getDayClose({ tenant: C.slug, day: yesterday });
    expect(report.records.map((r) => [r.kind, r.amountFen, r.receiptNo])).toEqual([['PAYMENT', 5_000, p.receiptNo]]);
    expect(report.closedBy.id).toBe(C.cashierUser.id);
    const td = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() });
    expect(td).toMatchObject({ closed: false, count: 2, paymentsFen: 1_000, reversalsFen: 5_000, netFen: -4_000 });
    expect((await C.as.payments.listPayments({ tenant: C.slug, day: today() })).total).toBe(2);

    // Today closed too (an early 日结): nothing is refused, both count on the next open day,
    // tomorrow (issue #12 fee point 2; this test used to expect PRECONDITION_FAILED here).
    await C.cashier.payments.closeDay({ tenant: C.slug, day: today() });
    const after = await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: 'CASH', amountFen: 1_000, receivedOn: yesterday });
    expect(after).toMatchObject({ receivedOn: yesterday, countedOn: shift(today(), 1) });
    expect(await C.cashier.payments.reversePayment({ tenant: C.slug, paymentId: late.id, reason: 'x' })).toMatchObject({
      inPlace: false,
      countedOn: shift(today(), 1),
    });
    expect(await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() })).toMatchObject({ closed: true, count: 2, netFen: -4_000 });
  });

  it('records an invoice number against a receipt, audited with the number it replaced', async () => {
    const p = await A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'CASH', amountFen: 1_234, receivedOn: today() });
    await A.cashier.payments.setInvoiceNo({ tenant: A.slug, paymentId: p.id, invoiceNo: '04400123' });
    await A.cashier.payments.setInvoiceNo({ tenant: A.slug, paymentId: p.id, invoiceNo: '04400124' });
    expect((await A.as.payments.getReceipt({ tenant: A.slug, id: p.id })).invoiceNo).toBe('04400124');
    const audit = await A.tx((db) =>
      db.auditLog.findMany({ where: { tenantId: A.tenantId, action: 'payment.invoiceNo', entityId: p.id }, orderBy: { createdAt: 'asc' } }),
    );
    expect(audit.map((a) => [a.before, (a.after as { invoiceNo: string }).invoiceNo])).toEqual([
      [{ invoiceNo: null }, '04400123'],
      [{ invoiceNo: '04400123' }, '04400124'],
    ]);
    expect(await code(A.cashier.payments.setInvoiceNo({ tenant: A.slug, paymentId: p.id, invoiceNo: '发票 1' }))).toBe('BAD_REQUEST');
  });

  it('receipt data: company, number, payer, items with periods, yuan and capitals, method, cashier', async () => {
    const b = await A.bill({ unitId: A.unit.id, amountFen: 140_950, period: '2027-01', due: '2027-01-15' });
    const p = await A.cashier.payments.recordPayment({
      tenant: A.slug,
      payer: A.unitPayer,
      method: 'CASH',
      amountFen: 140_950,
      receivedOn: today(),
      billIds: [b.id],
      note: '现场缴纳',
    });
    const r = await A.as.payments.getReceipt({ tenant: A.slug, id: p.id });
    expect(r).toMatchObject({
      companyName: 'Alpha 物业',
      receiptNo: p.receiptNo,
      totalFen: 140_950,
      totalYuan: '1409.50',
      totalCapital: '壹仟肆佰零玖元伍角整',
      method: 'CASH',
      receivedOn: today(),
      cashier: 'CASHIER',
      reversed: null,
      note: '现场缴纳',
      items: [{ billId: b.id, name: '物业费', period: '2027-01', periodLabel: '2027-01', billAmountFen: 140_950, amountFen: 140_950 }],
    });
    expect(r.payer).toMatchObject({ kind: 'UNIT', community: A.community.name, building: '1号楼', unit: '101', name: '张三' });
    expect(r.enteredAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // refunds and reversals have no receipt of their own
    const rv = await A.cashier.payments.reversePayment({ tenant: A.slug, paymentId: p.id, reason: 'x' });
    expect(await code(A.as.payments.getReceipt({ tenant: A.slug, id: rv.id }))).toBe('NOT_FOUND');
  });

  it('residents see their own unit’s receipts only; staff see none', async () => {
    const own = await A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'CASH', amountFen: 500, receivedOn: today() });
    const other = await A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.unit2Payer, method: 'CASH', amountFen: 500, receivedOn: today() });
    const residentUser = await addMember(t.db, A.tenantId, 'RESIDENT');
    await A.tx((db) => db.resident.updateMany({ where: { tenantId: A.tenantId, id: A.resident.id }, data: { userId: residentUser.id } }));
    const resident = callerFor(t.db, residentUser);
    expect((await resident.payments.getReceipt({ tenant: A.slug, id: own.id })).receiptNo).toBe(own.receiptNo);
    expect(await code(resident.payments.getReceipt({ tenant: A.slug, id: other.id }))).toBe('NOT_FOUND');
    expect(await code(resident.payments.listPayments({ tenant: A.slug }))).toBe('FORBIDDEN');
    expect(await code(resident.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'CASH', amountFen: 1, receivedOn: today() }))).toBe(
      'FORBIDDEN',
    );

    // archived: no longer theirs
    await A.tx((db) => db.resident.updateMany({ where: { tenantId: A.tenantId, id: A.resident.id }, data: { archivedAt: new Date() } }));
    expect(await code(resident.payments.getReceipt({ tenant: A.slug, id: own.id }))).toBe('NOT_FOUND');
    await A.tx((db) => db.resident.updateMany({ where: { tenantId: A.tenantId, id: A.resident.id }, data: { archivedAt: null } }));

    const staff = callerFor(t.db, await addMember(t.db, A.tenantId, 'STAFF'));
    expect(await code(staff.payments.getReceipt({ tenant: A.slug, id: own.id }))).toBe('FORBIDDEN');
    const exec = callerFor(t.db, await addMember(t.db, A.tenantId, 'EXECUTIVE'));
    expect((await exec.payments.getReceipt({ tenant: A.slug, id: other.id })).receiptNo).toBe(other.receiptNo);
    expect(await code(exec.payments.recordPayment({ tenant: A.slug, payer: A.unitPayer, method: 'CASH', amountFen: 1, receivedOn: today() }))).toBe(
      'FORBIDDEN',
    );
  });

  it('tenant B gets NOT_FOUND on tenant A’s payers, bills, payments, receipts, refunds and day closes', async () => {
    const bill = await A.bill({ unitId: A.unit.id, amountFen: 700, period: '2027-02' });
    const p = await A.cashier.payments.recordPayment({
      tenant: A.slug,
      payer: A.unitPayer,
      method: 'CASH',
      amountFen: 2_000,
      receivedOn: today(),
      billIds: [bill.id],
    });
    const refund = await A.cashier.payments.requestRefund({ tenant: A.slug, payer: A.unitPayer, amountFen: 100, method: 'CASH', reason: 'x' });
    const day = shift(today(), -3);
    await A.cashier.payments.closeDay({ tenant: A.slug, day });
    const before = await A.counts();
    const b = B.as.payments;
    const s = B.slug;

    expect(await code(b.recordPayment({ tenant: s, payer: A.unitPayer, method: 'CASH', amountFen: 100, receivedOn: today() }))).toBe('NOT_FOUND');
    expect(await code(b.recordPayment({ tenant: s, payer: B.unitPayer, method: 'CASH', amountFen: 100, receivedOn: today(), billIds: [bill.id] }))).toBe(
      'NOT_FOUND',
    );
    expect(await code(b.applyCredit({ tenant: s, payer: A.unitPayer }))).toBe('NOT_FOUND');
    expect(await code(b.applyCredit({ tenant: s, payer: A.spacePayer }))).toBe('NOT_FOUND');
    expect(await code(b.reversePayment({ tenant: s, paymentId: p.id, reason: 'x' }))).toBe('NOT_FOUND');
    expect(await code(b.getPayment({ tenant: s, id: p.id }))).toBe('NOT_FOUND');
    expect(await code(b.getReceipt({ tenant: s, id: p.id }))).toBe('NOT_FOUND');
    expect(await code(b.setInvoiceNo({ tenant: s, paymentId: p.id, invoiceNo: '1' }))).toBe('NOT_FOUND');
    expect(await code(b.getCreditBalance({ tenant: s, payer: A.unitPayer }))).toBe('NOT_FOUND');
    expect(await code(b.requestRefund({ tenant: s, payer: A.unitPayer, amountFen: 1, method: 'CASH', reason: 'x' }))).toBe('NOT_FOUND');
    expect(await code(b.decideRefund({ tenant: s, id: refund.id, approve: true }))).toBe('NOT_FOUND');
    expect(await code(b.getDayClose({ tenant: s, day }))).toBe('NOT_FOUND');
    expect((await b.getDayTotals({ tenant: s, day: today() })).count).toBe(0);
    expect((await b.listPayments({ tenant: s, payer: A.unitPayer })).total).toBe(0);
    // a member of B naming A's slug is not a member there
    expect(await code(b.getPayment({ tenant: A.slug, id: p.id }))).toBe('NOT_FOUND');
    expect(await A.counts()).toEqual(before);
    expect((await A.billRow(bill.id)).paidFen).toBe(700);
  });

  it('lists payments by day, method, cashier and payer, newest first, paginated', async () => {
    const C = await company(t, `Theta ${uniq()}`);
    for (const [m, amt] of [
      ['CASH', 100],
      ['WECHAT', 200],
      ['CASH', 300],
    ] as const) {
      await C.cashier.payments.recordPayment({ tenant: C.slug, payer: C.unitPayer, method: m, amountFen: amt, receivedOn: today() });
    }
    await C.as.payments.recordPayment({ tenant: C.slug, payer: C.spacePayer, method: 'POS', amountFen: 400, receivedOn: today() });
    const all = await C.as.payments.listPayments({ tenant: C.slug, day: today(), pageSize: 2 });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.amountFen)).toEqual([400, 300]);
    expect(all.rows[0]!.payer).toMatchObject({ kind: 'PARKING', parkingSpace: 'B-017', name: '李四' });
    expect((await C.as.payments.listPayments({ tenant: C.slug, method: 'CASH' })).rows.map((r) => r.amountFen)).toEqual([300, 100]);
    expect((await C.as.payments.listPayments({ tenant: C.slug, cashierId: C.admin.id })).total).toBe(1);
    expect((await C.as.payments.listPayments({ tenant: C.slug, payer: C.unitPayer })).total).toBe(3);
    expect((await C.as.payments.listPayments({ tenant: C.slug, from: shift(today(), 1), to: shift(today(), 5) })).total).toBe(0);
    expect(await code(C.as.payments.listPayments({ tenant: C.slug, from: today(), to: shift(today(), -1) }))).toBe('BAD_REQUEST');
    const totals = await C.cashier.payments.getDayTotals({ tenant: C.slug, day: today() });
    expect(totals.byCashier.map((c) => [c.cashierId, c.count, c.netFen]).sort()).toEqual(
      [
        [C.admin.id, 1, 400],
        [C.cashierUser.id, 3, 600],
      ].sort(),
    );
  });
});
