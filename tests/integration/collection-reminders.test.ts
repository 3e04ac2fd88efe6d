import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { code } from '../helpers/outcome';

// Reminders, notifications, the outbox page and the resident's own fee views. Due dates are
// relative to today in the company's time zone, since reminders and "days overdue" are
// always as of today.

const TODAY = localDate('Asia/Shanghai');
const daysFromToday = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const PERIOD = TODAY.slice(0, 7);

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

describe.skipIf(!pgServerUrl())('reminders, notifications, outbox page and resident views (PostgreSQL)', () => {
  let t: TestDatabase;
  let R: Tenant;
  let B: Tenant;
  let resident1: TestUser; // linked to R1
  let resident2: TestUser; // linked to R2
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    R = await makeTenant(t.db, 'Rho 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    const { slug } = R;
    const tenantId = R.tenant.id;
    const c1 = await R.as.property.createCommunity({ tenant: slug, name: uniq('阳光花园'), address: '鼓楼区 1 号' });
    const c2 = await R.as.property.createCommunity({ tenant: slug, name: uniq('银杏里') });
    const b1 = await R.as.property.createBuilding({ tenant: slug, communityId: c1.id, name: '1号楼' });
    const b2 = await R.as.property.createBuilding({ tenant: slug, communityId: c2.id, name: '2号楼' });
    const unit = (buildingId: string, number: string) => R.as.property.createUnit({ tenant: slug, buildingId, number, floor: 1, area: '90.00' });
    const R1 = await unit(b1.id, '101');
    const R2 = await unit(b1.id, '102');
    const R3 = await unit(b1.id, '103');
    const R4 = await unit(b2.id, '201');
    Object.assign(id, { c1: c1.id, c2: c2.id, R1: R1.id, R2: R2.id, R3: R3.id, R4: R4.id });

    resident1 = await addMember(t.db, tenantId, 'RESIDENT');
    resident2 = await addMember(t.db, tenantId, 'RESIDENT');
    const chen = await R.as.property.createResident({ tenant: slug, unitId: R1.id, name: '陈一', phone: '13800000001', email: 'chen1@example.test' });
    await R.as.property.createResident({ tenant: slug, unitId: R1.id, name: '陈二', phone: '13800000002', email: 'Chen2@Example.test' });
    const gone = await R.as.property.createResident({ tenant: slug, unitId: R1.id, name: '陈三', email: 'gone@example.test' });
    await R.as.property.archiveResident({ tenant: slug, id: gone.id });
    const zhou = await R.as.property.createResident({ tenant: slug, unitId: R2.id, name: '周二', email: 'zhou@example.test' });
    await R.as.property.createResident({ tenant: slug, unitId: R4.id, name: '吴四' });

    await withTenant(t.db.prisma, tenantId, async (db) => {
      await db.resident.updateMany({ where: { tenantId, id: chen.id }, data: { userId: resident1.id } });
      await db.resident.updateMany({ where: { tenantId, id: zhou.id }, data: { userId: resident2.id } });
      const RT = await db.parkingSpace.create({ data: { tenantId, communityId: c1.id, number: 'P-01', unitId: R1.id } });
      const RS = await db.parkingSpace.create({ data: { tenantId, communityId: c1.id, number: 'P-02', renterName: '郑五', renterEmail: 'rs@example.test' } });
      id.RS = RS.id;
      const fee = await db.feeItem.create({
        data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [c1.id, c2.id], lateFeeDailyBp: 5, lateFeeGraceDays: 10, lateFeeCapPercent: 10 },
      });
      const park = await db.feeItem.create({ data: { tenantId, name: '车位费', calc: 'FIXED', objectKind: 'PARKING', communityIds: [c1.id] } });
      const who = R.admin.id;
      const bill = async (
        o: { unitId: string } | { spaceId: string; payerUnitId?: string },
        b: { kind?: 'REGULAR' | 'ONE_OFF' | 'LATE_FEE'; period?: string; amount: number; due: string; forBillId?: string; voided?: boolean },
      ) => {
        const kind = b.kind ?? 'REGULAR';
        const isUnit = 'unitId' in o;
        const r = await db.bill.create({
          data: {
            tenantId,
            kind,
            objectKind: isUnit ? 'UNIT' : 'PARKING',
            objectId: isUnit ? o.unitId : o.spaceId,
            ...(isUnit ? { unitId: o.unitId } : { parkingSpaceId: o.spaceId }),
            payerKind: isUnit || o.payerUnitId ? 'UNIT' : 'PARKING',
            payerId: isUnit ? o.unitId : (o.payerUnitId ?? o.spaceId),
            ...(kind === 'REGULAR' ? { feeItemId: isUnit ? fee.id : park.id } : {}),
            ...(b.forBillId ? { forBillId: b.forBillId } : {}),
            period: b.period ?? PERIOD,
            amountFen: b.amount,
            dueDate: dateColumn(b.due),
            createdById: who,
            ...(b.voided ? { voidedAt: new Date(), voidReason: 'entered twice' } : {}),
          },
        });
        return r.id;
      };
      let receiptNo = 0;
      const pay = async (unitId: string, allocs: [string, number][]) => {
        const p = await db.payment.create({
          data: {
            tenantId,
            kind: 'PAYMENT',
            method: 'WECHAT',
            payerKind: 'UNIT',
            payerId: unitId,
            amountFen: allocs.reduce((s, [, a]) => s + a, 0),
            receivedOn: dateColumn(TODAY),
            countedOn: dateColumn(TODAY),
            enteredById: who,
            receiptYear: 2026,
            receiptNo: ++receiptNo,
          },
        });
        for (const [billId, amountFen] of allocs) {
          await db.paymentAllocation.create({ data: { tenantId, paymentId: p.id, billId, amountFen } });
          await db.bill.updateMany({ where: { tenantId, id: billId }, data: { paidFen: { increment: amountFen } } });
        }
        return p.id;
      };
      // R1: 10000 overdue 40 days (accrues a late fee), its parking 15000 with 5000 paid, a bill
      // not due yet, one paid, one void, and a charged late fee of 100 (not due yet).
      id.r1Overdue = await bill({ unitId: R1.id }, { period: `${daysFromToday(-40).slice(0, 7)}`, amount: 10000, due: daysFromToday(-40) });
      id.r1Parking = await bill({ spaceId: RT.id, payerUnitId: R1.id }, { amount: 15000, due: daysFromToday(-40) });
      id.r1Future = await bill({ unitId: R1.id }, { kind: 'ONE_OFF', amount: 8000, due: daysFromToday(10) });
      id.r1Paid = await bill({ unitId: R1.id }, { kind: 'ONE_OFF', amount: 6000, due: daysFromToday(-3) });
      id.r1Void = await bill({ unitId: R1.id }, { kind: 'ONE_OFF', amount: 7000, due: daysFromToday(-3), voided: true });
      id.r1LateFee = await bill({ unitId: R1.id }, { kind: 'LATE_FEE', amount: 100, due: daysFromToday(5), forBillId: id.r1Overdue });
      id.r1PayParking = await pay(R1.id, [[id.r1Parking, 5000]]);
      id.r1PayPaid = await pay(R1.id, [[id.r1Paid, 6000]]);
      // R2: 20000, 200 days overdue. R3: paid in full. R4: 3000, 5 days. RS (rented alone): 5000, 10 days.
      id.r2Bill = await bill({ unitId: R2.id }, { period: daysFromToday(-200).slice(0, 7), amount: 20000, due: daysFromToday(-200) });
      id.r3Bill = await bill({ unitId: R3.id }, { amount: 10000, due: daysFromToday(-40) });
      id.r3Pay = await pay(R3.id, [[id.r3Bill, 10000]]);
      await bill({ unitId: R4.id }, { kind: 'ONE_OFF', amount: 3000, due: daysFromToday(-5) });
      await bill({ spaceId: RS.id }, { amount: 5000, due: daysFromToday(-10) });
      await db.creditEntry.createMany({
        data: [
          { tenantId, payerKind: 'UNIT', payerId: R1.id, amountFen: 3000, note: 'overpaid' },
          { tenantId, payerKind: 'UNIT', payerId: R1.id, amountFen: -1000, note: 'applied' },
          { tenantId, payerKind: 'UNIT', payerId: R2.id, amountFen: 5000, note: 'overpaid' },
        ],
      });
    });
  });
  afterAll(() => t?.drop());

  const reminderCount = () => withTenant(t.db.prisma, R.tenant.id, (db) => db.reminder.count({ where: { tenantId: R.tenant.id } }));

  it('reminds every payer in arrears once: reminder rows, in-app notifications and e-mails in the outbox, one audit entry', async () => {
    const r = await R.as.collection.sendReminders({ tenant: R.slug });
    // R1: 10000 + (15000 − 5000) = 20000; R2 20000; R4 3000; RS 5000. R3 owes nothing.
    expect(r.reminded.map((x) => [x.payerKind, x.payerId, x.arrearsFen]).sort()).toEqual(
      [
        ['PARKING', id.RS, 5000],
        ['UNIT', id.R1, 20000],
        ['UNIT', id.R2, 20000],
        ['UNIT', id.R4, 3000],
      ].sort(),
    );
    expect(r.skipped).toEqual([]);
    // Notifications: 陈一 (R1) and 周二 (R2) can sign in. E-mails: chen1 and chen2 (R1; not the
    // archived 陈三), zhou (R2), the renter of RS; 吴四 (R4) has none.
    // Texts: 陈一 and 陈二 (R1) have mobiles. R4 (吴四) has no contact for any channel.
    expect(r).toMatchObject({ sent: 4, notifications: 2, emails: 4, texts: 2 });
    expect(r.noContact.map((h) => h.payerId)).toEqual([id.R4]);
    expect(await reminderCount()).toBe(4);

    const outbox = await R.as.notifications.listOutbox({ tenant: R.slug, status: 'PENDING' });
    expect(
      outbox.rows
        .filter((m) => m.channel === 'EMAIL')
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['chen1@example.test', 'chen2@example.test', 'rs@example.test', 'zhou@example.test']);
    expect(
      outbox.rows
        .filter((m) => m.channel === 'SMS')
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['13800000001', '13800000002']);
    const toChen = outbox.rows.find((m) => m.recipient === 'chen1@example.test')!;
    expect(toChen).toMatchObject({ channel: 'EMAIL', status: 'PENDING', attempts: 0, subject: '【Rho 物业】物业费缴费提醒' });
    expect(toChen.body).toContain('¥200.00');
    expect(toChen.body).toContain('101');

    const audit = await R.as.company.listAudit({ tenant: R.slug, action: 'reminders.send' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({
      sent: 4,
      skipped: 0,
      notifications: 2,
      emails: 4,
      arrearsFen: 48000,
      parameters: { force: false, minDaysOverdue: 1 },
    });

    // The arrears list shows the reminder date.
    const arrears = await R.as.collection.listArrears({ tenant: R.slug });
    expect(arrears.rows.every((row) => row.lastReminderAt instanceof Date)).toBe(true);
  });

  it('skips payers reminded in the last 7 days unless forced, and reports why', async () => {
    const again = await R.as.collection.sendReminders({ tenant: R.slug });
    expect(again).toMatchObject({ sent: 0, notifications: 0, emails: 0 });
    expect(again.skipped).toHaveLength(4);
    expect(again.skipped.every((s) => s.reason === 'RECENTLY_REMINDED' && s.lastSentAt instanceof Date)).toBe(true);
    expect(await reminderCount()).toBe(4);

    const forced = await R.as.collection.sendReminders({ tenant: R.slug, unitIds: [id.R1!, id.R3!], force: true });
    expect(forced.reminded.map((x) => x.payerId)).toEqual([id.R1]);
    expect(forced.skipped).toEqual([{ payerKind: 'UNIT', payerId: id.R3, label: '', reason: 'NO_ARREARS', lastSentAt: null }]);
    expect(forced).toMatchObject({ notifications: 1, emails: 2 });

    const old = await R.as.collection.sendReminders({ tenant: R.slug, minDaysOverdue: 100, force: true });
    expect(old.reminded.map((x) => x.payerId)).toEqual([id.R2]);
    const c2 = await R.as.collection.sendReminders({ tenant: R.slug, communityId: id.c2!, force: true });
    expect(c2.reminded.map((x) => x.payerId)).toEqual([id.R4]);
    expect(await reminderCount()).toBe(7);

    // Eight days later R4 may be reminded again; RS, reminded six days ago, may not.
    await withTenant(t.db.prisma, R.tenant.id, async (db) => {
      await db.reminder.updateMany({ where: { tenantId: R.tenant.id, payerId: id.R4 }, data: { sentAt: new Date(Date.now() - 8 * 86_400_000) } });
      await db.reminder.updateMany({ where: { tenantId: R.tenant.id, payerId: id.RS }, data: { sentAt: new Date(Date.now() - 6 * 86_400_000) } });
    });
    const later = await R.as.collection.sendReminders({ tenant: R.slug });
    expect(later.reminded.map((x) => x.payerId)).toEqual([id.R4]);
    expect(later.skipped.map((s) => s.payerId).sort()).toEqual([id.R1, id.R2, id.RS].sort());

    const history = await R.as.collection.listReminders({ tenant: R.slug, unitId: id.R1! });
    expect(history.total).toBe(2);
    expect(history.rows[0]).toMatchObject({
      payerKind: 'UNIT',
      payerId: id.R1,
      label: '101',
      building: '1号楼',
      arrearsFen: 20000,
      forced: true,
      sentBy: { id: R.admin.id },
    });
    expect((await R.as.collection.listReminders({ tenant: R.slug })).total).toBe(8);
  });

  it('shows a user their own notifications and lets them mark them read', async () => {
    const me = callerFor(t.db, resident1);
    const list = await me.notifications.listMine({ tenant: R.slug });
    // the first batch and the forced reminder to R1
    expect(list).toMatchObject({ total: 2, unread: 2 });
    expect(list.rows[0]).toMatchObject({ kind: 'arrears.reminder', title: '缴费提醒', link: `/${R.slug}/my/bills`, readAt: null });
    expect(await me.notifications.markRead({ tenant: R.slug, ids: [list.rows[0]!.id] })).toEqual({ updated: 1 });
    expect(await me.notifications.listMine({ tenant: R.slug, unreadOnly: true })).toMatchObject({ total: 1, unread: 1 });

    // Someone else's notification: NOT_FOUND, and nothing is marked.
    // 周二 (R2): the first batch and the forced reminder to payers 100+ days overdue
    const other = await callerFor(t.db, resident2).notifications.listMine({ tenant: R.slug });
    expect(other.total).toBe(2);
    expect(await code(me.notifications.markRead({ tenant: R.slug, ids: [list.rows[1]!.id, other.rows[0]!.id] }))).toBe('NOT_FOUND');
    expect((await callerFor(t.db, resident2).notifications.listMine({ tenant: R.slug })).unread).toBe(2);
    expect((await me.notifications.listMine({ tenant: R.slug })).unread).toBe(1);
    // The admin has none; tenant B cannot reach R's.
    expect((await R.as.notifications.listMine({ tenant: R.slug })).total).toBe(0);
    expect(await code(B.as.notifications.markRead({ tenant: B.slug, ids: [list.rows[1]!.id] }))).toBe('NOT_FOUND');
    expect(await code(B.as.notifications.listMine({ tenant: R.slug }))).toBe('NOT_FOUND');
  });

  it('shows a resident their own bills with outstanding, status, days overdue and accrued late fee', async () => {
    const me = callerFor(t.db, resident1);
    const all = await me.myBills.listBills({ tenant: R.slug });
    expect(all.rows.map((b) => b.id).sort()).toEqual([id.r1Overdue, id.r1Parking, id.r1Future, id.r1Paid, id.r1LateFee].sort());
    const byId = new Map(all.rows.map((b) => [b.id, b]));
    // 40 days overdue, 10 grace days; accrued as of today counts through yesterday: 29 chargeable
    // days × 10000 × 5 bp = 145, less the 100 already charged as a late-fee bill → 45 accrued
    expect(byId.get(id.r1Overdue!)).toMatchObject({ status: 'OPEN', outstandingFen: 10000, daysOverdue: 40, accruedLateFeeFen: 45, feeItem: '物业费' });
    expect(byId.get(id.r1Parking!)).toMatchObject({
      status: 'PARTLY_PAID',
      paidFen: 5000,
      outstandingFen: 10000,
      daysOverdue: 40,
      accruedLateFeeFen: 0,
      objectKind: 'PARKING',
      object: { label: 'P-01' },
    });
    expect(byId.get(id.r1Future!)).toMatchObject({ status: 'OPEN', daysOverdue: 0, outstandingFen: 8000 });
    expect(byId.get(id.r1Paid!)).toMatchObject({ status: 'PAID', outstandingFen: 0, daysOverdue: 0 });
    expect((await me.myBills.listBills({ tenant: R.slug, status: 'VOID' })).rows.map((b) => b.id)).toEqual([id.r1Void]);
    expect((await me.myBills.listBills({ tenant: R.slug, status: 'OPEN' })).total).toBe(3);
    const page = await me.myBills.listBills({ tenant: R.slug, pageSize: 2, page: 3 });
    expect(page).toMatchObject({ total: 5 });
    expect(page.rows).toHaveLength(1);

    const payments = await me.myBills.listPayments({ tenant: R.slug });
    expect(payments.rows.map((p) => p.id).sort()).toEqual([id.r1PayParking, id.r1PayPaid].sort());
    const parking = payments.rows.find((p) => p.id === id.r1PayParking)!;
    expect(parking).toMatchObject({
      method: 'WECHAT',
      receiptYear: 2026,
      reversed: false,
      allocations: [{ billId: id.r1Parking, amountFen: 5000, feeItem: '车位费' }],
    });
    expect(parking.receipt).toMatch(/^2026-\d{6}$/);

    const summary = await me.myBills.getSummary({ tenant: R.slug });
    // owed: 10000 + 10000 (parking) + 8000 + 100 (late fee) = 28100; overdue: 10000 + 10000;
    // credit: 3000 − 1000 (R2's 5000 is not theirs)
    expect(summary).toMatchObject({ owedFen: 28100, overdueFen: 20000, creditFen: 2000, openBills: 4 });
    expect(summary.units).toEqual([expect.objectContaining({ unitId: id.R1, label: '101', owedFen: 28100 })]);

    const how = await me.myBills.getHowToPay({ tenant: R.slug });
    expect(how).toMatchObject({
      online: false,
      methods: ['CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY'],
      office: 'Rho 物业',
      communities: [{ address: '鼓楼区 1 号' }],
    });
  });

  it('never shows a resident another unit’s bills, payments or credit', async () => {
    const other = callerFor(t.db, resident2);
    const bills = await other.myBills.listBills({ tenant: R.slug });
    expect(bills.rows.map((b) => b.id)).toEqual([id.r2Bill]);
    expect((await other.myBills.listPayments({ tenant: R.slug })).total).toBe(0);
    expect(await other.myBills.getSummary({ tenant: R.slug })).toMatchObject({ owedFen: 20000, creditFen: 5000 });
    // A resident with no linked unit sees nothing; staff roles are not residents.
    const nobody = callerFor(t.db, await addMember(t.db, R.tenant.id, 'RESIDENT'));
    expect(await nobody.myBills.listBills({ tenant: R.slug })).toMatchObject({ total: 0, rows: [] });
    expect(await nobody.myBills.getSummary({ tenant: R.slug })).toMatchObject({ owedFen: 0, creditFen: 0 });
    expect(await code(R.as.myBills.listBills({ tenant: R.slug }))).toBe('FORBIDDEN');
    expect(await code(callerFor(t.db, resident1).myBills.listBills({ tenant: B.slug }))).toBe('NOT_FOUND');
    // An archived resident record no longer opens the unit.
    await withTenant(t.db.prisma, R.tenant.id, (db) =>
      db.resident.updateMany({ where: { tenantId: R.tenant.id, userId: resident2.id }, data: { archivedAt: new Date() } }),
    );
    expect((await other.myBills.listBills({ tenant: R.slug })).total).toBe(0);
  });

  it('sends one reminder when two admins send at the same moment', async () => {
    const Q = await makeTenant(t.db, 'Qoppa 物业');
    const admin2 = callerFor(t.db, await addMember(t.db, Q.tenant.id, 'ADMIN'));
    const c = await Q.as.property.createCommunity({ tenant: Q.slug, name: uniq('小区') });
    const b = await Q.as.property.createBuilding({ tenant: Q.slug, communityId: c.id, name: '1号楼' });
    const u = await Q.as.property.createUnit({ tenant: Q.slug, buildingId: b.id, number: '101', floor: 1, area: '80' });
    await withTenant(t.db.prisma, Q.tenant.id, (db) =>
      db.bill.create({
        data: {
          tenantId: Q.tenant.id,
          kind: 'ONE_OFF',
          objectKind: 'UNIT',
          objectId: u.id,
          unitId: u.id,
          payerKind: 'UNIT',
          payerId: u.id,
          period: PERIOD,
          amountFen: 1000,
          dueDate: dateColumn(daysFromToday(-20)),
          createdById: Q.admin.id,
        },
      }),
    );
    const [x, y] = await Promise.all([Q.as.collection.sendReminders({ tenant: Q.slug }), admin2.collection.sendReminders({ tenant: Q.slug })]);
    expect(x.sent + y.sent).toBe(1);
    expect(x.skipped.length + y.skipped.length).toBe(1);
    expect((await Q.as.collection.listReminders({ tenant: Q.slug })).total).toBe(1);
  });

  it('does not remind a payer who paid today after an early 日结 (the money counts tomorrow)', async () => {
    const Q = await makeTenant(t.db, 'Sampi 物业');
    const c = await Q.as.property.createCommunity({ tenant: Q.slug, name: uniq('小区') });
    const b = await Q.as.property.createBuilding({ tenant: Q.slug, communityId: c.id, name: '1号楼' });
    const u = await Q.as.property.createUnit({ tenant: Q.slug, buildingId: b.id, number: '101', floor: 1, area: '80' });
    await withTenant(t.db.prisma, Q.tenant.id, (db) =>
      db.bill.create({
        data: {
          tenantId: Q.tenant.id,
          kind: 'ONE_OFF',
          objectKind: 'UNIT',
          objectId: u.id,
          unitId: u.id,
          payerKind: 'UNIT',
          payerId: u.id,
          period: PERIOD,
          amountFen: 1000,
          dueDate: dateColumn(daysFromToday(-20)),
          createdById: Q.admin.id,
        },
      }),
    );
    await Q.as.payments.closeDay({ tenant: Q.slug, day: TODAY });
    const paid = await Q.as.payments.recordPayment({ tenant: Q.slug, payer: { kind: 'UNIT', id: u.id }, method: 'CASH', amountFen: 1000, receivedOn: TODAY });
    expect(paid.countedOn).toBe(daysFromToday(1));
    // As of today the money is not effective yet: the arrears list still shows the bill …
    expect((await Q.as.collection.listArrears({ tenant: Q.slug, asOf: TODAY })).total).toBe(1);
    // … but a reminder counts every record written
    expect(await Q.as.collection.sendReminders({ tenant: Q.slug })).toMatchObject({ sent: 0 });
  });

  it('refuses tenant B on reminders, history and the outbox of tenant A', async () => {
    const before = await reminderCount();
    expect(await code(B.as.collection.sendReminders({ tenant: B.slug, unitIds: [id.R1!], force: true }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.sendReminders({ tenant: B.slug, communityId: id.c1!, force: true }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.sendReminders({ tenant: R.slug, force: true }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.listReminders({ tenant: B.slug, unitId: id.R1! }))).toBe('NOT_FOUND');
    expect(await code(B.as.notifications.listOutbox({ tenant: R.slug }))).toBe('NOT_FOUND');
    expect((await B.as.notifications.listOutbox({ tenant: B.slug })).total).toBe(0);
    // B reminding its own (empty) company writes nothing anywhere.
    expect(await B.as.collection.sendReminders({ tenant: B.slug, force: true })).toMatchObject({ sent: 0 });
    expect(await reminderCount()).toBe(before);
  });
});
