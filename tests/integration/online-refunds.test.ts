import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq, makeUnitBill } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { withTenant } from '@/server/db/tenant';
import { withScope, type Scope } from '@/server/db/scope';
import { dateColumn, fromDateColumn, localDate, localDateToDayNumber } from '@/server/shared/calendar';
import { recordPayment, writePayment } from '@/server/payments/record-payment';
import { ONLINE_ACTOR_ID } from '@/server/shared/system-actors';
import { closeDay } from '@/server/payments/day-close';
import { getReceipt } from '@/server/payments/receipt';
import { AppError } from '@/server/errors';
import type { Charge, PaymentProvider, Refund } from '@/server/online-payments/provider';
import {
  STRIPE_ACTOR_ID,
  approveOnlineRefund,
  listOnlineRefunds,
  recordConfirmedRefunds,
  rejectOnlineRefund,
  requestAutomaticRefund,
  requestOnlineRefund,
  RefundChargeUnknown,
} from '@/server/online-payments/refunds';

// Issue #14 "An admin refunds": refunds of online payments, with four-eyes approval, sent to
// Stripe (here a PaymentProvider double keeping Stripe's idempotency per refund id), recorded
// once when Stripe confirms them: credit first, then the payment's allocations newest first.

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);
const shift = (day: string, n: number) => new Date((localDateToDayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);

/** A Stripe double: refunds per charge, idempotent per onlineRefundId like Stripe's idempotency key. */
class ProviderDouble {
  mode: 'pending' | 'succeeded' | 'error' = 'pending';
  calls: { account: string; paymentIntentId: string; amountFen: number; onlineRefundId: string }[] = [];
  charges = new Map<string, Charge>();
  private byKey = new Map<string, Refund>();

  charge(c: { chargeId: string; paymentIntentId: string; amountFen: number }) {
    const charge: Charge = {
      id: c.chargeId,
      paymentIntentId: c.paymentIntentId,
      status: 'succeeded',
      amountFen: c.amountFen,
      amountRefundedFen: 0,
      created: new Date(),
      feeFen: 0,
      netFen: c.amountFen,
      applicationFeeFen: 0,
      balanceTransactionId: null,
      refunds: [],
    };
    this.charges.set(c.chargeId, charge);
    return charge;
  }
  private byIntent(pi: string) {
    const c = [...this.charges.values()].find((x) => x.paymentIntentId === pi);
    if (!c) throw Object.assign(new Error('No such payment_intent'), { code: 'resource_missing' });
    return c;
  }
  /** A refund made in Stripe's dashboard (Linli did not ask). */
  dashboardRefund(chargeId: string, amountFen: number): Refund {
    const c = this.charges.get(chargeId)!;
    const r: Refund = { id: `re_dash_${uniq('r').slice(2)}`, chargeId, amountFen, status: 'succeeded', onlineRefundId: null, created: new Date() };
    c.refunds.push(r);
    c.amountRefundedFen += amountFen;
    return r;
  }
  /** Stripe settles every pending refund of the charge (what charge.refunded then reports). */
  settle(chargeId: string) {
    const c = this.charges.get(chargeId)!;
    c.refunds = c.refunds.map((r) => (r.status === 'pending' ? { ...r, status: 'succeeded' } : r));
    return structuredClone(c);
  }
  asProvider(): PaymentProvider {
    const no = () => {
      throw new Error('not used by refunds');
    };
    return {
      createConnectedAccount: no,
      getAccount: no,
      createAccountLink: no,
      createCheckoutSession: no,
      getCheckoutSession: no,
      expireCheckoutSession: no,
      getChargeForPaymentIntent: no,
      getCharge: async (_a, id) => structuredClone(this.charges.get(id)!),
      getRefund: no,
      listPayouts: no,
      listBalanceTransactions: no,
      verifyWebhook: no,
      createRefund: async (account, input) => {
        this.calls.push({ account, ...input });
        if (this.mode === 'error') throw Object.assign(new Error('Stripe is down'), { type: 'StripeConnectionError', code: 'api_connection_error' });
        const prior = this.byKey.get(input.onlineRefundId);
        if (prior) return prior;
        const c = this.byIntent(input.paymentIntentId);
        if (c.amountRefundedFen + input.amountFen > c.amountFen) throw Object.assign(new Error('exceeds'), { code: 'charge_exceeds_source_limit' });
        const r: Refund = {
          id: `re_${uniq('r').slice(2)}`,
          chargeId: c.id,
          amountFen: input.amountFen,
          status: this.mode,
          onlineRefundId: input.onlineRefundId,
          created: new Date(),
        };
        c.refunds.push(r);
        c.amountRefundedFen += input.amountFen;
        this.byKey.set(input.onlineRefundId, r);
        return r;
      },
    };
  }
}

async function company(t: TestDatabase, name: string) {
  const T = await makeTenant(t.db, name);
  const reg = await makeRegister(t.db, T);
  const tenantId = T.tenant.id;
  const admin2User = await addMember(t.db, tenantId, 'ADMIN');
  const cashierUser = await addMember(t.db, tenantId, 'CASHIER');
  const residentUser = await addMember(t.db, tenantId, 'RESIDENT');
  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, tenantId, fn);
  const account = `acct_${uniq('x').slice(2)}`;
  const feeItem = await tx(async (db) => {
    await db.onlinePaymentSettings.create({ data: { tenantId, stripeAccountId: account, status: 'READY', chargesEnabled: true } });
    return db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [reg.community.id] } });
  });
  const payer = { kind: 'UNIT' as const, id: reg.unit.id };
  const bill = (amountFen: number, period: string) =>
    makeUnitBill(t.db, {
      tenantId,
      unitId: reg.unit.id,
      feeItemId: feeItem.id,
      createdById: T.admin.id,
      period,
      amountFen,
      // due dates ahead: no late fees in these tests
      dueDate: dateColumn(shift(today(), 30 + Number(period.slice(5, 7)))),
    });
  const provider = new ProviderDouble();
  const run = <R>(actorId: string, fn: (s: Scope) => Promise<R>, now?: Date) => withScope(t.db.prisma, tenantId, actorId, fn, now);
  /** An online payment: the counter's recordPayment with method ONLINE plus its charge (what the online recorder writes). */
  const onlinePayment = async (amountFen: number, billIds?: string[]) => {
    const p = await run(ONLINE_ACTOR_ID, (s) =>
      writePayment(s, {
        payer,
        method: 'ONLINE',
        amountFen,
        receivedOn: today(),
        closedPeriod: 'move',
        allocate: billIds ? { chosen: billIds, settled: 'skip' } : 'oldest',
        useCredit: false,
        note: '',
      }),
    );
    const chargeId = `ch_${uniq('c').slice(2)}`;
    const paymentIntentId = `pi_${uniq('p').slice(2)}`;
    await tx((db) =>
      db.onlineCharge.create({ data: { tenantId, paymentId: p.id, intentId: uniq('intent'), chargeId, paymentIntentId, amountFen, paidAt: new Date() } }),
    );
    provider.charge({ chargeId, paymentIntentId, amountFen });
    return { ...p, chargeId };
  };
  const billRow = (id: string) => tx((db) => db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } }));
  const credit = () =>
    tx(async (db) => (await db.creditEntry.aggregate({ where: { tenantId, payerId: reg.unit.id }, _sum: { amountFen: true } }))._sum.amountFen ?? 0);
  const setFourEyes = (on: boolean) =>
    tx((db) => db.feeSettings.upsert({ where: { tenantId }, create: { tenantId, requireSecondApprover: on }, update: { requireSecondApprover: on } }));
  const deps = { provider: provider.asProvider() };
  return {
    ...T,
    ...reg,
    tenantId,
    tx,
    bill,
    billRow,
    credit,
    provider,
    deps,
    run,
    onlinePayment,
    setFourEyes,
    admin2User,
    admin2: callerFor(t.db, admin2User),
    cashier: callerFor(t.db, cashierUser),
    resident: callerFor(t.db, residentUser),
  };
}

const errorKey = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof AppError ? `${e.code}:${e.key}` : `NOT_APP_ERROR: ${String(e)}`;
  }
};

describe.skipIf(!pgServerUrl())('online refunds (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof company>>;
  let B: Awaited<ReturnType<typeof company>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await company(t, 'Alpha 物业');
    B = await company(t, 'Beta 物业');
  });
  afterAll(() => t?.drop());

  it('a partial refund takes the credit first, then reopens the newest allocations; recorded when Stripe confirms, once', async () => {
    const jan = await A.bill(20_000, '2026-01');
    const feb = await A.bill(20_000, '2026-02');
    const mar = await A.bill(20_000, '2026-03');
    const paid = await A.onlinePayment(70_000); // jan, feb, mar paid + 10 000 credit
    expect(paid.creditAddedFen).toBe(10_000);
    expect(await A.credit()).toBe(10_000);

    const asked = await A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 35_000, reason: '多收退回' }, A.deps));
    expect(asked.status).toBe('REQUESTED');
    expect(A.provider.calls.at(-1)).toMatchObject({ amountFen: 35_000, onlineRefundId: asked.id });
    // Nothing moves until Stripe confirms.
    expect((await A.billRow(mar.id)).paidFen).toBe(20_000);
    expect(await A.credit()).toBe(10_000);

    const charge = A.provider.settle(paid.chargeId);
    const r = await A.run(A.admin.id, (s) => recordConfirmedRefunds(s, charge));
    expect(r.recorded).toHaveLength(1);
    expect(r.recorded[0]).toMatchObject({ onlineRefundId: asked.id, amountFen: 35_000, countedOn: today() });
    expect(await A.credit()).toBe(0);
    expect((await A.billRow(mar.id)).paidFen).toBe(0);
    expect((await A.billRow(feb.id)).paidFen).toBe(15_000);
    expect((await A.billRow(jan.id)).paidFen).toBe(20_000);

    const money = await A.tx((db) =>
      db.payment.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: A.tenantId, id: r.recorded[0]!.refundPaymentId } },
        include: { allocations: true, credit: true },
      }),
    );
    expect(money).toMatchObject({ kind: 'REFUND', method: 'ONLINE', amountFen: 35_000, status: 'APPROVED' });
    expect(fromDateColumn(money.countedOn)).toBe(today());
    expect(money.allocations.map((a) => [a.billId, a.amountFen]).sort()).toEqual(
      [
        [mar.id, -20_000],
        [feb.id, -5_000],
      ].sort(),
    );
    expect(money.credit.map((c) => c.amountFen)).toEqual([-10_000]);

    // charge.refunded replayed (and the same refund seen again): nothing more is written.
    const again = await A.run(A.admin.id, (s) => recordConfirmedRefunds(s, A.provider.settle(paid.chargeId)));
    expect(again.recorded).toEqual([]);
    const refunds = await A.tx((db) => db.payment.count({ where: { tenantId: A.tenantId, kind: 'REFUND' } }));
    expect(refunds).toBe(1);
    expect((await A.billRow(feb.id)).paidFen).toBe(15_000);

    // The receipt shows the partial 红冲: refunded amount, date and what remains.
    const receipt = await A.run(A.admin.id, (s) => getReceipt(s, { id: paid.id }, 'ADMIN'));
    expect(receipt.refunds).toEqual([expect.objectContaining({ amountFen: 35_000, on: today() })]);
    expect(receipt.refundedFen).toBe(35_000);
    expect(receipt.remainingFen).toBe(35_000);
    const list = await A.as.payments.listPayments({ tenant: A.slug, kind: 'PAYMENT' });
    expect(list.rows.find((p) => p.id === paid.id)).toMatchObject({ refundedFen: 35_000 });

    // The rest is refundable, no more.
    expect(await errorKey(A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 35_001, reason: 'x' }, A.deps)))).toBe(
      'BAD_REQUEST:onlineRefundTooLarge',
    );
  });

  it('refuses more than is refundable, counting refunds asked for but not rejected or failed', async () => {
    const apr = await A.bill(10_000, '2026-04');
    const paid = await A.onlinePayment(10_000, [apr.id]);
    await A.setFourEyes(true);
    try {
      expect(await errorKey(A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 10_001, reason: 'x' }, A.deps)))).toBe(
        'BAD_REQUEST:onlineRefundTooLarge',
      );
      const first = await A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 6_000, reason: '一' }, A.deps));
      expect(first.status).toBe('PENDING_APPROVAL');
      expect(await errorKey(A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 4_001, reason: '二' }, A.deps)))).toBe(
        'BAD_REQUEST:onlineRefundTooLarge',
      );
      await A.run(A.admin2User.id, (s) => rejectOnlineRefund(s, { id: first.id, reason: '不退' }));
      // Rejected: the whole amount is refundable again.
      const second = await A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 10_000, reason: '全退' }, A.deps));
      expect(second.status).toBe('PENDING_APPROVAL');
    } finally {
      await A.setFourEyes(false);
    }
  });

  it('four-eyes: the requester cannot approve their own refund; a second admin can, and only then is Stripe called', async () => {
    const bill = await A.bill(30_000, '2026-05');
    const paid = await A.onlinePayment(30_000, [bill.id]);
    await A.setFourEyes(true);
    try {
      const calls = A.provider.calls.length;
      const since = await A.tx((db) => db.notification.count({ where: { tenantId: A.tenantId } }));
      const asked = await A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 12_000, reason: '部分退款' }, A.deps));
      expect(asked.status).toBe('PENDING_APPROVAL');
      expect(A.provider.calls.length).toBe(calls);
      // #17 point 4: the other admins are told of the request (not the requester), the requester of the decision.
      const told = async (kind: string) =>
        (
          await A.tx((db) =>
            db.notification.findMany({
              where: { tenantId: A.tenantId },
              orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
              select: { kind: true, userId: true, title: true, body: true, link: true },
            }),
          )
        )
          .slice(since)
          .filter((n) => n.kind === kind);
      const requested = await told('approval.requested');
      expect(requested.map((n) => n.userId)).toEqual([A.admin2User.id]);
      expect(requested[0]!.title).toMatch(/^退款待审批：/);
      expect(requested[0]!.body).toContain('¥120.00');
      expect(requested[0]!.body).toMatch(/收据 \d{4}-\d{6}/);
      expect(await errorKey(A.run(A.admin.id, (s) => approveOnlineRefund(s, { id: asked.id }, A.deps)))).toBe('FORBIDDEN:secondApproverRequired');

      // Stripe down: the approval fails with a clear key and the refund still waits (re-triable).
      A.provider.mode = 'error';
      expect(await errorKey(A.run(A.admin2User.id, (s) => approveOnlineRefund(s, { id: asked.id }, A.deps)))).toBe('BAD_GATEWAY:onlineRefundProviderFailed');
      const waiting = await A.tx((db) => db.onlineRefund.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenantId, id: asked.id } } }));
      expect(waiting.status).toBe('PENDING_APPROVAL');

      A.provider.mode = 'succeeded';
      const approved = await A.run(A.admin2User.id, (s) => approveOnlineRefund(s, { id: asked.id }, A.deps));
      expect(approved.status).toBe('SUCCEEDED');
      expect((await told('approval.decided')).map((n) => [n.userId, n.title.slice(0, 7), n.link])).toEqual([
        [A.admin.id, '退款申请已批准', `/${A.slug}/receipts/${paid.id}`],
      ]);
      // Same refund id both times: Stripe's idempotency key.
      expect(A.provider.calls.slice(calls).map((c) => c.onlineRefundId)).toEqual([asked.id, asked.id]);
      expect((await A.billRow(bill.id)).paidFen).toBe(18_000);
      expect(await errorKey(A.run(A.admin2User.id, (s) => approveOnlineRefund(s, { id: asked.id }, A.deps)))).toBe('CONFLICT:onlineRefundDecided');

      const rows = await A.run(A.admin.id, (s) => listOnlineRefunds(s, { paymentId: paid.id, page: 1, pageSize: 10 }));
      expect(rows.rows[0]).toMatchObject({ status: 'SUCCEEDED', requestedBy: { id: A.admin.id }, approvedBy: { id: A.admin2User.id }, countedOn: today() });

      // Through the router too: the requester is refused, the second admin's approval goes through.
      const asked2 = await A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 1_000, reason: '再退' }, A.deps));
      expect(await code(A.as.onlinePayments.approveRefund({ tenant: A.slug, id: asked2.id }))).toBe('FORBIDDEN');
      expect(await code(A.admin2.onlinePayments.rejectRefund({ tenant: A.slug, id: asked2.id, reason: '不退' }))).toBe('OK');
      const rejected = (await told('approval.decided')).at(-1)!;
      expect([rejected.userId, rejected.title.slice(0, 7)]).toEqual([A.admin.id, '退款申请已驳回']);
      expect(rejected.body).toContain('不退');
    } finally {
      A.provider.mode = 'pending';
      await A.setFourEyes(false);
    }
  });

  it('Stripe unreachable without four-eyes: nothing is written; a retry with the same key sends the same refund id', async () => {
    const jun = await A.bill(8_000, '2026-06');
    const paid = await A.onlinePayment(8_000, [jun.id]);
    const before = await A.tx((db) => db.onlineRefund.count({ where: { tenantId: A.tenantId, paymentId: paid.id } }));
    A.provider.mode = 'error';
    const q = { paymentId: paid.id, amountFen: 3_000, reason: '退', idempotencyKey: uniq('key-online-refund') };
    expect(await errorKey(A.run(A.admin.id, (s) => requestOnlineRefund(s, q, A.deps)))).toBe('BAD_GATEWAY:onlineRefundProviderFailed');
    expect(await A.tx((db) => db.onlineRefund.count({ where: { tenantId: A.tenantId, paymentId: paid.id } }))).toBe(before);
    const failedId = A.provider.calls.at(-1)!.onlineRefundId;
    A.provider.mode = 'pending';
    const ok = await A.run(A.admin.id, (s) => requestOnlineRefund(s, q, A.deps));
    expect(ok.id).toBe(failedId);
    // The same submission again returns the first, and Stripe is not asked again.
    const calls = A.provider.calls.length;
    expect((await A.run(A.admin.id, (s) => requestOnlineRefund(s, q, A.deps))).id).toBe(ok.id);
    expect(A.provider.calls.length).toBe(calls);
  });

  it("records a refund made in Stripe's dashboard that Linli did not ask for", async () => {
    const bill = await A.bill(5_000, '2026-07');
    const paid = await A.onlinePayment(5_000, [bill.id]);
    A.provider.dashboardRefund(paid.chargeId, 2_000);
    const r = await A.run(A.admin.id, (s) => recordConfirmedRefunds(s, A.provider.settle(paid.chargeId)));
    expect(r.recorded).toHaveLength(1);
    const row = await A.tx((db) => db.onlineRefund.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenantId, id: r.recorded[0]!.onlineRefundId } } }));
    expect(row).toMatchObject({ status: 'SUCCEEDED', requestedById: STRIPE_ACTOR_ID, amountFen: 2_000, stripeRefundId: expect.stringMatching(/^re_dash_/) });
    expect((await A.billRow(bill.id)).paidFen).toBe(3_000);
    // seen again: once
    expect((await A.run(A.admin.id, (s) => recordConfirmedRefunds(s, A.provider.settle(paid.chargeId)))).recorded).toEqual([]);
  });

  it("a refund confirmed after the day's close counts on the next open day", async () => {
    const C = await company(t, 'Gamma 物业');
    const bill = await C.bill(9_000, '2026-08');
    const paid = await C.onlinePayment(9_000);
    await C.run(C.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 9_000, reason: '全额退款' }, C.deps));
    await C.run(C.admin.id, (s) => closeDay(s, { day: today() }));
    const r = await C.run(C.admin.id, (s) => recordConfirmedRefunds(s, C.provider.settle(paid.chargeId)));
    expect(r.recorded[0]!.countedOn).toBe(shift(today(), 1));
    const money = await C.tx((db) => db.payment.findUniqueOrThrow({ where: { tenantId_id: { tenantId: C.tenantId, id: r.recorded[0]!.refundPaymentId } } }));
    expect(fromDateColumn(money.receivedOn)).toBe(today());
    expect(fromDateColumn(money.countedOn)).toBe(shift(today(), 1));
    expect((await C.billRow(bill.id)).paidFen).toBe(0);
  });

  it('an automatic refund of an overpayment skips approval and comes from the credit', async () => {
    await A.setFourEyes(true);
    try {
      const sep = await A.bill(4_000, '2026-09');
      const creditBefore = await A.credit();
      const paid = await A.onlinePayment(6_000, [sep.id]); // 2 000 over
      A.provider.mode = 'succeeded';
      const auto = await A.run(ONLINE_ACTOR_ID, (s) => requestAutomaticRefund(s, { paymentId: paid.id, amountFen: 2_000 }, A.deps));
      expect(auto.status).toBe('SUCCEEDED');
      expect(await A.credit()).toBe(creditBefore);
      // replayed: the same refund, not a second
      const again = await A.run(ONLINE_ACTOR_ID, (s) => requestAutomaticRefund(s, { paymentId: paid.id, amountFen: 2_000 }, A.deps));
      expect(again.id).toBe(auto.id);
      expect(await A.tx((db) => db.onlineRefund.count({ where: { tenantId: A.tenantId, paymentId: paid.id, automatic: true } }))).toBe(1);
    } finally {
      A.provider.mode = 'pending';
      await A.setFourEyes(false);
    }
  });

  it('only online payments; cashiers and residents are FORBIDDEN; another company gets NOT_FOUND', async () => {
    const oct = await A.bill(3_000, '2026-10');
    const cash = await A.run(A.admin.id, (s) =>
      recordPayment(s, {
        payer: { kind: 'UNIT', id: A.unit.id },
        method: 'CASH',
        amountFen: 3_000,
        receivedOn: today(),
        useCredit: false,
        note: '',
        billIds: [oct.id],
      }),
    );
    expect(await errorKey(A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: cash.id, amountFen: 1_000, reason: 'x' }, A.deps)))).toBe(
      'BAD_REQUEST:onlineRefundNotOnline',
    );
    const nov = await A.bill(3_000, '2026-11');
    const paid = await A.onlinePayment(3_000, [nov.id]);
    // An online payment goes back by a refund, never by a desk reversal (红冲).
    expect(await code(A.as.payments.reversePayment({ tenant: A.slug, paymentId: paid.id, reason: '误收' }))).toBe('BAD_REQUEST');
    const input = { tenant: A.slug, paymentId: paid.id, amountFen: 1_000, reason: '退款' };
    expect(await code(A.cashier.onlinePayments.requestRefund(input))).toBe('FORBIDDEN');
    expect(await code(A.resident.onlinePayments.requestRefund(input))).toBe('FORBIDDEN');
    expect(await code(A.cashier.onlinePayments.listRefunds({ tenant: A.slug }))).toBe('FORBIDDEN');
    // B's admin, in B's company, naming A's payment: not found, nothing written.
    expect(await code(B.as.onlinePayments.requestRefund({ ...input, tenant: B.slug }))).toBe('NOT_FOUND');
    expect(await errorKey(B.run(B.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 1_000, reason: 'x' }, B.deps)))).toBe(
      'NOT_FOUND:notFound.payment',
    );
    // …nor A's refunds nor A's charge.
    const asked = await A.run(A.admin.id, (s) => requestOnlineRefund(s, { paymentId: paid.id, amountFen: 1_000, reason: 'x' }, A.deps));
    expect(await code(B.as.onlinePayments.approveRefund({ tenant: B.slug, id: asked.id }))).toBe('NOT_FOUND');
    expect((await B.as.onlinePayments.listRefunds({ tenant: B.slug })).rows.map((r) => r.id)).not.toContain(asked.id);
    await expect(B.run(B.admin.id, (s) => recordConfirmedRefunds(s, A.provider.settle(paid.chargeId)))).rejects.toBeInstanceOf(RefundChargeUnknown);
    expect(await A.tx((db) => db.onlineRefund.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenantId, id: asked.id } } }))).toMatchObject({
      status: 'REQUESTED',
      refundPaymentId: null,
    });
  });
});
