import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeFeeItem, makeRegister, makeTenant, makeUnitBill } from '../helpers/fixtures';
import { addDays, addMonths, dateColumn, localDate, periodBounds } from '@/server/shared/calendar';
import { code } from '../helpers/outcome';

// #17 points 4 and 5: approval queues an approver can judge (unit, payer, bill, amount, requester),
// the pending count, notifications both ways, and an audit log that names its objects.

const day = () => localDate('Asia/Shanghai');

async function company(t: TestDatabase, name: string) {
  const T = await makeTenant(t.db, name);
  const reg = await makeRegister(t.db, T);
  const cashierUser = await addMember(t.db, T.tenant.id, 'CASHIER');
  const admin2User = await addMember(t.db, T.tenant.id, 'ADMIN');
  const staffUser = await addMember(t.db, T.tenant.id, 'STAFF');
  const tenantId = T.tenant.id;
  const period = day().slice(0, 7);
  const feeItem = await makeFeeItem(t.db, tenantId, reg.community.id);
  const bill = await makeUnitBill(t.db, {
    tenantId,
    unitId: reg.unit.id,
    feeItemId: feeItem.id,
    createdById: T.admin.id,
    period,
    amountFen: 18_585,
    dueDate: dateColumn(`${period}-15`),
  });
  const unitLabel = `${reg.community.name} 1号楼 101`;
  return {
    ...T,
    reg,
    bill,
    period,
    unitLabel,
    cashierUser,
    admin2User,
    staffUser,
    cashier: callerFor(t.db, cashierUser),
    admin2: callerFor(t.db, admin2User),
    staff: callerFor(t.db, staffUser),
  };
}

describe.skipIf(!pgServerUrl())('approvals and the audit log (#17 points 4, 5)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof company>>;
  let B: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    A = await company(t, 'Alpha 物业');
    B = await company(t, 'Beta 物业');
  }, 120_000);
  afterAll(() => t?.drop());

  const notes = async (
    who: { notifications: { listMine: (i: { tenant: string }) => Promise<{ rows: { kind: string; title: string; body: string; link: string }[] }> } },
    slug: string,
  ) => (await who.notifications.listMine({ tenant: slug })).rows;

  it('a waiver request reaches the approvers (not the requester, not staff), shows in the queue with unit, payer, bill, amount and requester, and counts as pending', async () => {
    await A.cashier.billing.requestAdjustment({ tenant: A.slug, billId: A.bill.id, kind: 'WAIVER', amountFen: 5_000, reason: '困难户减免' });

    for (const approver of [A.as, A.admin2]) {
      const [n] = (await notes(approver, A.slug)).filter((x) => x.kind === 'approval.requested');
      expect(n).toBeDefined();
      expect(n!.title).toBe(`减免待审批：${A.unitLabel}`);
      expect(n!.body).toContain('CASHIER');
      expect(n!.body).toContain('¥50.00');
      expect(n!.body).toContain(`物业费 ${A.period}`);
      expect(n!.body).toContain('困难户减免');
      expect(n!.link).toBe(`/${A.slug}/adjustments?status=PENDING`);
    }
    expect((await notes(A.cashier, A.slug)).filter((x) => x.kind.startsWith('approval.'))).toEqual([]);
    expect((await notes(A.staff, A.slug)).filter((x) => x.kind.startsWith('approval.'))).toEqual([]);

    const q = await A.as.billing.listAdjustments({ tenant: A.slug, status: 'PENDING' });
    expect(q.rows).toHaveLength(1);
    expect(q.rows[0]).toMatchObject({
      kind: 'WAIVER',
      amountFen: 5_000,
      reason: '困难户减免',
      requestedBy: 'CASHIER',
      bill: { id: A.bill.id, period: A.period, feeItemName: '物业费', amountFen: 18_585, outstandingFen: 18_585, objectKind: 'UNIT', objectLabel: A.unitLabel },
      payer: { kind: 'UNIT', id: A.reg.unit.id, label: A.unitLabel, name: '张三' },
    });
    expect(await A.as.billing.getPendingApprovals({ tenant: A.slug })).toEqual({ adjustments: 1, refunds: 0 });
    // tenant-scoped: B sees none of A's, and B's admin naming A is not a member there
    expect((await B.as.billing.listAdjustments({ tenant: B.slug, status: 'PENDING' })).rows).toEqual([]);
    expect(await B.as.billing.getPendingApprovals({ tenant: B.slug })).toEqual({ adjustments: 0, refunds: 0 });
    expect(await code(B.as.billing.getPendingApprovals({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await code(A.cashier.billing.getPendingApprovals({ tenant: A.slug }))).toBe('FORBIDDEN');
  });

  it('the decision reaches the requester with a link to the bill, and the count drops', async () => {
    const [row] = (await A.as.billing.listAdjustments({ tenant: A.slug, status: 'PENDING' })).rows;
    await A.as.billing.decideAdjustment({ tenant: A.slug, id: row!.id, approve: true, note: '同意' });
    const [n] = (await notes(A.cashier, A.slug)).filter((x) => x.kind === 'approval.decided');
    expect(n).toMatchObject({ title: `减免申请已批准：${A.unitLabel}`, link: `/${A.slug}/bills/${A.bill.id}` });
    expect(n!.body).toContain('Admin');
    expect(n!.body).toContain('审批意见：同意');
    expect(await A.as.billing.getPendingApprovals({ tenant: A.slug })).toEqual({ adjustments: 0, refunds: 0 });
    // the approver does not hear of their own decision
    expect((await notes(A.as, A.slug)).filter((x) => x.kind === 'approval.decided')).toEqual([]);
  });

  it('a refund of credit: approvers told, the queue names unit, payer, amount, requester and reason; the rejection reaches the cashier', async () => {
    const payer = { kind: 'UNIT' as const, id: A.reg.unit.id };
    await A.cashier.payments.recordPayment({ tenant: A.slug, payer, method: 'CASH', amountFen: 20_000, receivedOn: day() });
    const r = await A.cashier.payments.requestRefund({ tenant: A.slug, payer, amountFen: 1_000, method: 'CASH', reason: '多缴退回' });
    const [n] = (await notes(A.admin2, A.slug)).filter((x) => x.kind === 'approval.requested' && x.title.startsWith('退款'));
    expect(n).toMatchObject({ title: `退款待审批：${A.unitLabel}`, link: `/${A.slug}/refunds?status=PENDING` });
    expect(n!.body).toContain('¥10.00');
    expect(await A.as.billing.getPendingApprovals({ tenant: A.slug })).toEqual({ adjustments: 0, refunds: 1 });

    const queue = await A.as.payments.listPayments({ tenant: A.slug, kind: 'REFUND', status: 'PENDING' });
    expect(queue.rows).toHaveLength(1);
    expect(queue.rows[0]).toMatchObject({
      id: r.id,
      amountFen: 1_000,
      note: '多缴退回',
      payer: { label: A.unitLabel, name: '张三' },
      cashier: { name: 'CASHIER' },
    });
    expect((await B.as.payments.listPayments({ tenant: B.slug, kind: 'REFUND' })).rows).toEqual([]);

    await A.admin2.payments.decideRefund({ tenant: A.slug, id: r.id, approve: false, note: '请核实' });
    const decided = (await notes(A.cashier, A.slug)).filter((x) => x.kind === 'approval.decided' && x.title.startsWith('退款'));
    expect(decided).toHaveLength(1);
    expect(decided[0]!.title).toBe(`退款申请已驳回：${A.unitLabel}`);
    expect(decided[0]!.body).toContain('请核实');
  });

  it('the audit log names actions and objects by label with links, and filters by action', async () => {
    const log = await A.as.company.listAudit({ tenant: A.slug, pageSize: 100 });
    const of = (action: string) => log.rows.filter((r) => r.action === action);
    expect(of('adjustment.request')[0]!.object).toEqual({ label: `${A.unitLabel} · 物业费 · ${A.period}`, href: `/bills/${A.bill.id}` });
    expect(of('unit.create')[0]!.object).toEqual({ label: A.unitLabel, href: `/units/${A.reg.unit.id}` });
    expect(of('community.create')[0]!.object).toEqual({ label: A.reg.community.name, href: `/communities/${A.reg.community.id}` });
    expect(of('resident.create')[0]!.object).toEqual({ label: `张三 · ${A.unitLabel}`, href: `/units/${A.reg.unit.id}` });
    const paid = of('payment.record')[0]!.object!;
    expect(paid.label).toMatch(new RegExp(`^\\d{4}-\\d{6} · ${A.unitLabel}$`));
    expect(paid.href).toMatch(/^\/receipts\//);
    expect(of('refund.request')[0]!.object).toEqual({ label: A.unitLabel, href: '/refunds' });

    const approvals = await A.as.company.listAudit({ tenant: A.slug, action: 'adjustment.approve' });
    expect(approvals.rows.map((r) => r.action)).toEqual(['adjustment.approve']);
    const refunds = await A.as.company.listAudit({ tenant: A.slug, entity: 'Payment', action: 'refund.reject' });
    expect(refunds.rows.map((r) => r.action)).toEqual(['refund.reject']);
    // B's log holds nothing of A's
    const bLog = await B.as.company.listAudit({ tenant: B.slug, pageSize: 100 });
    expect(bLog.rows.some((r) => r.object?.label.includes(A.reg.community.name))).toBe(false);
  });
});

describe.skipIf(!pgServerUrl())('period close explains itself (#17 point 9)', () => {
  let t: TestDatabase;
  let C: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    C = await company(t, 'Gamma 物业');
  }, 120_000);
  afterAll(() => t?.drop());

  it('the current period: what it would freeze, why it cannot close yet, and the days not day-closed', async () => {
    await C.cashier.payments.recordPayment({ tenant: C.slug, payer: { kind: 'UNIT', id: C.reg.unit.id }, method: 'CASH', amountFen: 8_000, receivedOn: day() });
    const { last } = periodBounds(C.period);
    expect(await C.as.collection.getPeriodClosePreview({ tenant: C.slug, period: C.period })).toEqual({
      period: C.period,
      closedAt: null,
      over: false,
      current: true,
      lastDay: last,
      closableFrom: addDays(last, 1),
      bills: 1,
      billedFen: 18_585,
      communities: 1,
      buildings: 1,
      payments: 1,
      collectedFen: 8_000,
      openDays: 1,
    });
    expect(await code(C.as.collection.closePeriod({ tenant: C.slug, period: C.period }))).toBe('PRECONDITION_FAILED');
    const next = await C.as.collection.getPeriodClosePreview({ tenant: C.slug, period: addMonths(C.period, 1) });
    expect(next).toMatchObject({ over: false, current: false, bills: 0 });
  });

  it('an empty past period says so (no bills), and closing it still works', async () => {
    const previous = addMonths(C.period, -1);
    expect(await C.as.collection.getPeriodClosePreview({ tenant: C.slug, period: previous })).toMatchObject({
      over: true,
      current: false,
      bills: 0,
      billedFen: 0,
      payments: 0,
      openDays: 0,
      closedAt: null,
    });
    await C.as.collection.closePeriod({ tenant: C.slug, period: previous });
    expect((await C.as.collection.getPeriodClosePreview({ tenant: C.slug, period: previous })).closedAt).not.toBeNull();
  });

  it('admins only, and only their company', async () => {
    expect(await code(C.cashier.collection.getPeriodClosePreview({ tenant: C.slug, period: C.period }))).toBe('FORBIDDEN');
    const D = await makeTenant(t.db, 'Delta 物业');
    expect(await code(D.as.collection.getPeriodClosePreview({ tenant: C.slug, period: C.period }))).toBe('NOT_FOUND');
    expect(await D.as.collection.getPeriodClosePreview({ tenant: D.slug, period: C.period })).toMatchObject({ bills: 0, payments: 0 });
  });
});
