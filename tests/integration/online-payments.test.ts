import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, type TestUser } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { withTenant } from '@/server/db/tenant';
import { withScope } from '@/server/db/scope';
import { dateColumn, fromDateColumn, localDate, localDateToDayNumber } from '@/server/shared/calendar';
import { startStripeFake, signatureHeader, type StripeFake } from '@/server/fakes/stripe';
import { handleStripeWebhook } from '@/server/online-payments/webhook';
import { getPaymentProvider } from '@/server/online-payments/stripe-provider';
import { ONLINE_ACTOR_ID } from '@/server/shared/system-actors';
import { closeDay, dayCloseReport } from '@/server/payments/day-close';

// Residents pay online (#14), end to end in process: the resident's startCheckout through the
// tRPC caller, the local Stripe fake (driven by the real stripe SDK) paying, declining or
// expiring the session on its hosted page's behalf, and its signed webhooks delivered straight
// into handleStripeWebhook. Every payment is recorded once, through the counter's writer.

const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);
const shift = (day: string, n: number) => new Date((localDateToDayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);

const ENV_KEYS = ['LINLI_FAKES', 'LINLI_STRIPE_FAKE_URL', 'LINLI_STRIPE_FAKE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'APP_URL'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

/** A company with a unit, its resident signed in, a cashier, bills on demand, and a connected account (PENDING). */
async function company(t: TestDatabase, name: string) {
  const T = await makeTenant(t.db, name);
  const reg = await makeRegister(t.db, T);
  const tenantId = T.tenant.id;
  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, tenantId, fn);
  const cashierUser = await addMember(t.db, tenantId, 'CASHIER');
  const residentUser: TestUser = await addMember(t.db, tenantId, 'RESIDENT');
  await tx((db) => db.resident.updateMany({ where: { tenantId, id: reg.resident.id }, data: { userId: residentUser.id } }));
  const feeItem = await tx((db) =>
    db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [reg.community.id], lateFeeDailyBp: 50, lateFeeGraceDays: 0 } }),
  );
  let n = 0;
  const bill = (amountFen: number, o: { due?: string; period?: string } = {}) =>
    tx((db) =>
      db.bill.create({
        data: {
          tenantId,
          kind: 'ONE_OFF',
          objectKind: 'UNIT',
          objectId: reg.unit.id,
          unitId: reg.unit.id,
          payerKind: 'UNIT',
          payerId: reg.unit.id,
          feeItemId: feeItem.id,
          period: o.period ?? today().slice(0, 7),
          description: `测试 #${++n}`,
          amountFen,
          dueDate: dateColumn(o.due ?? shift(today(), 10)),
          createdById: T.admin.id,
        },
      }),
    );
  // The company's connected account: made at Stripe, PENDING here; onboarding's account.updated makes it READY.
  const provider = getPaymentProvider()!;
  const acct = await provider.createConnectedAccount({ tenantId, country: 'CN' });
  await tx((db) => db.onlinePaymentSettings.create({ data: { tenantId, stripeAccountId: acct.id, status: 'PENDING', methods: ['card', 'alipay'] } }));
  return {
    ...T,
    ...reg,
    tenantId,
    tx,
    bill,
    feeItem,
    account: acct.id,
    cashier: callerFor(t.db, cashierUser),
    resident: callerFor(t.db, residentUser),
    residentUser,
    payer: { kind: 'UNIT' as const, id: reg.unit.id },
    billRow: (id: string) => tx((db) => db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } })),
    intentRow: (id: string) => tx((db) => db.checkoutIntent.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } })),
    payments: () => tx((db) => db.payment.findMany({ where: { tenantId }, include: { allocations: true, credit: true }, orderBy: { enteredAt: 'asc' } })),
    credit: () => tx(async (db) => (await db.creditEntry.aggregate({ where: { tenantId }, _sum: { amountFen: true } }))._sum.amountFen ?? 0),
    events: () => tx((db) => db.stripeEvent.count({ where: { tenantId } })),
  };
}

type Company = Awaited<ReturnType<typeof company>>;

describe.skipIf(!pgServerUrl())('online payments: checkout and webhooks (PostgreSQL + Stripe fake)', () => {
  let t: TestDatabase;
  let fake: StripeFake;
  let A: Company;
  let B: Company;
  /** every delivery the fake made: status answered */
  const answered: { type: string; account: string | null; status: number }[] = [];
  /** while set, deliveries are answered 503 without being applied (the app "down") */
  let down = false;

  const sessionOf = async (C: Company, intentId: string) => (await C.intentRow(intentId)).sessionId!;
  /** The hosted page's Pay, then every webhook answered. */
  const pay = async (C: Company, intentId: string) => {
    fake.pay(await sessionOf(C, intentId));
    await fake.idle();
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startStripeFake({
      deliver: async (body, signature) => {
        const e = JSON.parse(body) as { type: string; account?: string };
        const status = down ? 503 : (await handleStripeWebhook(t.db.prisma, body, signature)).status;
        answered.push({ type: e.type, account: e.account ?? null, status });
        return status;
      },
      retryScale: 1, // retries only when a test asks (deliverPending)
      refunds: 'immediate',
      asyncDelayMs: null,
    });
    Object.assign(process.env, {
      LINLI_FAKES: '1',
      LINLI_STRIPE_FAKE_URL: fake.url,
      LINLI_STRIPE_FAKE_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      APP_URL: 'http://linli.test',
    });
    delete process.env.STRIPE_SECRET_KEY;
    A = await company(t, 'Alpha 物业');
    B = await company(t, 'Beta 物业');
    fake.completeOnboarding(A.account);
    fake.completeOnboarding(B.account);
    await fake.idle();
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake?.stop();
    await t?.drop();
  });

  it('account.updated (onboarding finished) makes the company READY, through the account id', async () => {
    const s = await A.tx((db) => db.onlinePaymentSettings.findUniqueOrThrow({ where: { tenantId: A.tenantId } }));
    expect(s).toMatchObject({ status: 'READY', chargesEnabled: true });
    expect(answered.filter((a) => a.type === 'account.updated' && a.account === A.account).every((a) => a.status === 200)).toBe(true);
  });

  it('pays two bills: one payment (ONLINE, by the system actor, gapless receipt), even when the webhook is delivered 5 times', async () => {
    const b1 = await A.bill(10_000);
    const b2 = await A.bill(2_550);
    const started = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [b1.id, b2.id] });
    expect(started.amountFen).toBe(12_550);
    expect(started.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const intent = await A.intentRow(started.intentId);
    expect(intent).toMatchObject({ status: 'OPEN', amountFen: 12_550, stripeAccountId: A.account, purpose: 'BILLS' });
    // Only the intent id goes to Stripe, as metadata and idempotency key.
    const session = fake.state.sessions.get(intent.sessionId!) as unknown as { metadata: Record<string, string> };
    expect(session.metadata).toEqual({ intent: intent.id });
    expect(await A.resident.onlinePayments.getCheckout({ tenant: A.slug, intentId: intent.id })).toMatchObject({ status: 'OPEN', paymentId: null });

    await pay(A, intent.id);
    const [completed] = fake.events({ type: 'checkout.session.completed', account: A.account }).slice(-1);
    for (let i = 0; i < 4; i++) fake.redeliver(completed!.id);
    await fake.idle();
    expect(fake.deliveries(completed!.id).filter((d) => d.state === 'succeeded')).toHaveLength(5);

    const payments = (await A.payments()).filter((p) => p.externalRef);
    expect(payments).toHaveLength(1);
    const p = payments[0]!;
    expect(p).toMatchObject({ kind: 'PAYMENT', method: 'ONLINE', amountFen: 12_550, enteredById: ONLINE_ACTOR_ID, receivedOn: dateColumn(today()) });
    expect(p.allocations.map((a) => [a.billId, a.amountFen]).sort()).toEqual(
      [
        [b1.id, 10_000],
        [b2.id, 2_550],
      ].sort(),
    );
    expect((await A.billRow(b1.id)).paidFen).toBe(10_000);
    const done = await A.resident.onlinePayments.getCheckout({ tenant: A.slug, intentId: intent.id });
    expect(done).toMatchObject({ status: 'SUCCEEDED', paymentId: p.id, receiptNo: `${today().slice(0, 4)}-${String(p.receiptNo).padStart(6, '0')}` });
    const charge = await A.tx((db) => db.onlineCharge.findFirstOrThrow({ where: { tenantId: A.tenantId, paymentId: p.id } }));
    expect(charge).toMatchObject({ intentId: intent.id, amountFen: 12_550 });
    expect(charge.netFen).toBe(12_550 - charge.feeFen - charge.applicationFeeFen);
    const notes = await A.tx((db) => db.notification.findMany({ where: { tenantId: A.tenantId, userId: A.residentUser.id, kind: 'payment.online' } }));
    expect(notes).toHaveLength(1);
    // The cashier's views name the system actor and list it under its own method.
    const listed = await A.cashier.payments.getPayment({ tenant: A.slug, id: p.id });
    expect(listed.cashier).toEqual({ id: ONLINE_ACTOR_ID, name: '在线支付' });
    const day = await A.cashier.payments.getDayTotals({ tenant: A.slug, day: today() });
    expect(day.byMethod.find((m) => m.method === 'ONLINE')?.paymentsFen).toBeGreaterThanOrEqual(12_550);
    expect(await A.resident.onlinePayments.listMyCheckouts({ tenant: A.slug })).toMatchObject({
      rows: expect.arrayContaining([expect.objectContaining({ id: intent.id, status: 'SUCCEEDED' })]),
    });
  });

  it('refuses a bad signature with 400 and writes nothing', async () => {
    const before = await A.events();
    const body = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'checkout.session.completed',
      account: A.account,
      data: { object: { id: 'cs_x' } },
    });
    const bad = signatureHeader(body, 'whsec_not_the_secret', Math.floor(Date.now() / 1000));
    expect((await handleStripeWebhook(t.db.prisma, body, bad)).status).toBe(400);
    expect((await handleStripeWebhook(t.db.prisma, body, null)).status).toBe(400);
    const good = signatureHeader(body, fake.webhookSecret, Math.floor(Date.now() / 1000));
    expect((await handleStripeWebhook(t.db.prisma, `${body} `, good)).status).toBe(400); // body altered after signing
    expect(await A.events()).toBe(before);
  });

  it("an event on another company's account never touches this company (the account picks the tenant, not metadata)", async () => {
    const bill = await A.bill(7_000);
    const started = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    const provider = getPaymentProvider()!;
    // A session on B's account claiming A's intent in its metadata.
    const forged = await provider.createCheckoutSession(B.account, {
      intentId: started.intentId,
      currency: 'CNY',
      lineItems: [{ name: 'x', amountFen: 7_000 }],
      methods: ['card'],
      applicationFeeFen: 0,
      successUrl: 'http://linli.test/ok',
      cancelUrl: 'http://linli.test/cancel',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const aBefore = { payments: (await A.payments()).length, events: await A.events() };
    fake.pay(forged.id);
    await fake.idle();
    const last = answered.filter((a) => a.type === 'checkout.session.completed').at(-1)!;
    expect(last).toMatchObject({ account: B.account, status: 503 }); // no such intent in B: retried, never applied to A
    expect((await A.payments()).length).toBe(aBefore.payments);
    expect(await A.events()).toBe(aBefore.events);
    expect((await A.intentRow(started.intentId)).status).toBe('OPEN');
    expect((await A.billRow(bill.id)).paidFen).toBe(0);
    // B's own ledger is untouched too.
    expect((await B.payments()).length).toBe(0);
  });

  it('a bill paid at the counter while the resident was in Checkout: the online money becomes credit, never a double payment', async () => {
    const bill = await A.bill(5_000);
    const started = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    await A.cashier.payments.recordPayment({ tenant: A.slug, payer: A.payer, method: 'CASH', amountFen: 5_000, receivedOn: today(), billIds: [bill.id] });
    const creditBefore = await A.credit();
    await pay(A, started.intentId);
    const intent = await A.intentRow(started.intentId);
    expect(intent.status).toBe('SUCCEEDED');
    const p = (await A.payments()).find((x) => x.id === intent.paymentId)!;
    expect(p.allocations).toHaveLength(0);
    expect(p.credit.map((c) => c.amountFen)).toEqual([5_000]);
    expect((await A.billRow(bill.id)).paidFen).toBe(5_000);
    expect((await A.credit()) - creditBefore).toBe(5_000);
    expect(await A.resident.onlinePayments.getCheckout({ tenant: A.slug, intentId: intent.id })).toMatchObject({ creditAddedFen: 5_000 });
  });

  it('with the overpayment policy REFUND, money for a bill settled meanwhile is refunded automatically (once)', async () => {
    await B.tx((db) => db.onlinePaymentSettings.updateMany({ where: { tenantId: B.tenantId }, data: { overpayment: 'REFUND' } }));
    try {
      const bill = await B.bill(4_500);
      const started = await B.resident.onlinePayments.startCheckout({ tenant: B.slug, billIds: [bill.id] });
      await B.cashier.payments.recordPayment({ tenant: B.slug, payer: B.payer, method: 'CASH', amountFen: 4_500, receivedOn: today(), billIds: [bill.id] });
      const creditBefore = await B.credit();
      await pay(B, started.intentId);
      const intent = await B.intentRow(started.intentId);
      expect(intent.status).toBe('SUCCEEDED');
      const refunds = await B.tx((db) => db.onlineRefund.findMany({ where: { tenantId: B.tenantId, paymentId: intent.paymentId! } }));
      expect(refunds).toEqual([expect.objectContaining({ automatic: true, amountFen: 4_500, status: 'SUCCEEDED', requestedById: ONLINE_ACTOR_ID })]);
      const money = (await B.payments()).filter((p) => p.kind === 'REFUND' && p.method === 'ONLINE');
      expect(money.map((m) => m.amountFen)).toEqual([4_500]);
      expect((await B.credit()) - creditBefore).toBe(0); // booked as credit, then taken back by the refund
      expect((await B.billRow(bill.id)).paidFen).toBe(4_500);
    } finally {
      await B.tx((db) => db.onlinePaymentSettings.updateMany({ where: { tenantId: B.tenantId }, data: { overpayment: 'CREDIT' } }));
    }
  });

  it('two sessions paying the same bill: the first pays it, the second becomes credit', async () => {
    const bill = await A.bill(3_000);
    down = true;
    const first = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    fake.pay(await sessionOf(A, first.intentId)); // paid at Stripe; the app has not heard yet
    await fake.idle();
    // A second attempt tries to expire the first, which Stripe refuses (complete): both stand.
    const second = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    expect((await A.intentRow(first.intentId)).status).toBe('OPEN');
    fake.pay(await sessionOf(A, second.intentId));
    await fake.idle();
    const creditBefore = await A.credit();
    down = false;
    await fake.deliverPending();
    await fake.idle();
    const i1 = await A.intentRow(first.intentId);
    const i2 = await A.intentRow(second.intentId);
    expect([i1.status, i2.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect((await A.billRow(bill.id)).paidFen).toBe(3_000);
    const ps = (await A.payments()).filter((p) => p.id === i1.paymentId || p.id === i2.paymentId);
    expect(ps.reduce((s, p) => s + p.allocations.reduce((x, a) => x + a.amountFen, 0), 0)).toBe(3_000);
    expect((await A.credit()) - creditBefore).toBe(3_000);
  });

  it('itemizes the accrued late fee and materializes it when the overdue bill is paid', async () => {
    const bill = await A.bill(20_000, { due: shift(today(), -11), period: shift(today(), -40).slice(0, 7) });
    const started = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    const view = await A.resident.onlinePayments.getCheckout({ tenant: A.slug, intentId: started.intentId });
    const late = view.lines.filter((l) => l.lateFee);
    // 0.5 %/day on ¥200 for the 10 days after the due date through yesterday: ¥10.
    expect(late).toEqual([expect.objectContaining({ billId: bill.id, amountFen: 1_000 })]);
    expect(view.amountFen).toBe(21_000);
    await pay(A, started.intentId);
    const intent = await A.intentRow(started.intentId);
    expect(intent.status).toBe('SUCCEEDED');
    const lateBills = await A.tx((db) => db.bill.findMany({ where: { tenantId: A.tenantId, forBillId: bill.id, kind: 'LATE_FEE' } }));
    expect(lateBills).toHaveLength(1);
    expect(lateBills[0]).toMatchObject({ amountFen: 1_000, paidFen: 1_000, lateFeePaymentId: intent.paymentId });
    expect((await A.billRow(bill.id)).paidFen).toBe(20_000);
    const p = (await A.payments()).find((x) => x.id === intent.paymentId)!;
    expect(p.credit).toHaveLength(0);
  });

  it('a closed day moves the effective date of an online payment (never refused) and the 日结 report flags it', async () => {
    const bill = await A.bill(4_000);
    const started = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    await withScope(t.db.prisma, A.tenantId, A.admin.id, (s) => closeDay(s, { day: today() }));
    await pay(A, started.intentId);
    const intent = await A.intentRow(started.intentId);
    expect(intent.status).toBe('SUCCEEDED');
    const p = (await A.payments()).find((x) => x.id === intent.paymentId)!;
    expect(fromDateColumn(p.receivedOn)).toBe(today());
    expect(fromDateColumn(p.countedOn)).toBe(shift(today(), 1));
    expect((await A.billRow(bill.id)).paidFen).toBe(4_000);
    await withScope(t.db.prisma, A.tenantId, A.admin.id, (s) => closeDay({ ...s, now: new Date(Date.now() + 86_400_000) }, { day: shift(today(), 1) }));
    const report = await withScope(t.db.prisma, A.tenantId, A.admin.id, (s) => dayCloseReport(s, { day: shift(today(), 1) }));
    expect(report.records.find((r) => r.id === p.id)).toMatchObject({ moved: true, method: 'ONLINE', cashier: '在线支付' });
  });

  it('a declined card leaves the bills open and the attempt open; paying then records it', async () => {
    const bill = await B.bill(6_600);
    const paymentsBefore = (await B.payments()).length;
    const started = await B.resident.onlinePayments.startCheckout({ tenant: B.slug, billIds: [bill.id] });
    const sessionId = await sessionOf(B, started.intentId);
    const error = fake.decline(sessionId) as unknown as { code?: string; decline_code?: string };
    expect(error).toBeTruthy();
    await fake.idle();
    expect((await B.intentRow(started.intentId)).status).toBe('OPEN');
    expect((await B.billRow(bill.id)).paidFen).toBe(0);
    expect((await B.payments()).length).toBe(paymentsBefore);
    await pay(B, started.intentId);
    expect((await B.intentRow(started.intentId)).status).toBe('SUCCEEDED');
    expect((await B.billRow(bill.id)).paidFen).toBe(6_600);
  });

  it('an expired session marks the attempt EXPIRED and leaves the bills open', async () => {
    const bill = await B.bill(1_200);
    const started = await B.resident.onlinePayments.startCheckout({ tenant: B.slug, billIds: [bill.id] });
    fake.expire(await sessionOf(B, started.intentId));
    await fake.idle();
    expect((await B.intentRow(started.intentId)).status).toBe('EXPIRED');
    expect(await B.resident.onlinePayments.getCheckout({ tenant: B.slug, intentId: started.intentId })).toMatchObject({ status: 'EXPIRED', paymentId: null });
    expect((await B.billRow(bill.id)).paidFen).toBe(0);
  });

  it('a top-up (预存) becomes credit with its own receipt', async () => {
    const creditBefore = await B.credit();
    const started = await B.resident.onlinePayments.startCheckout({ tenant: B.slug, topUpFen: 8_800 });
    await pay(B, started.intentId);
    const intent = await B.intentRow(started.intentId);
    expect(intent).toMatchObject({ status: 'SUCCEEDED', purpose: 'TOP_UP' });
    const p = (await B.payments()).find((x) => x.id === intent.paymentId)!;
    expect(p).toMatchObject({ amountFen: 8_800, method: 'ONLINE' });
    expect(p.receiptNo).not.toBeNull();
    expect(p.allocations).toHaveLength(0);
    expect((await B.credit()) - creditBefore).toBe(8_800);
  });

  it("a resident of company B cannot start a checkout for company A's bills, nor read A's attempts (NOT_FOUND)", async () => {
    const bill = await A.bill(900);
    const started = await A.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] });
    expect(await code(B.resident.onlinePayments.startCheckout({ tenant: B.slug, billIds: [bill.id] }))).toBe('NOT_FOUND');
    expect(await code(B.resident.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] }))).toBe('NOT_FOUND');
    expect(await code(B.resident.onlinePayments.getCheckout({ tenant: B.slug, intentId: started.intentId }))).toBe('NOT_FOUND');
    // Staff of A cannot pay: the permission is the resident's own.
    expect(await code(A.cashier.onlinePayments.startCheckout({ tenant: A.slug, billIds: [bill.id] }))).toBe('FORBIDDEN');
  });

  it('a webhook for an intent not known yet answers 503 and writes nothing; the retry after the intent exists is applied', async () => {
    const bill = await A.bill(4_400);
    const intentId = randomUUID();
    const provider = getPaymentProvider()!;
    const session = await provider.createCheckoutSession(A.account, {
      intentId,
      currency: 'CNY',
      lineItems: [{ name: '物业费', amountFen: 4_400 }],
      methods: ['card'],
      applicationFeeFen: 0,
      successUrl: 'http://linli.test/ok',
      cancelUrl: 'http://linli.test/cancel',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const events = await A.events();
    fake.pay(session.id);
    await fake.idle();
    const [completed] = fake.events({ type: 'checkout.session.completed', account: A.account }).slice(-1);
    expect(fake.deliveries(completed!.id).at(-1)!.attempts.at(-1)!.status).toBe(503);
    expect(await A.events()).toBe(events);
    expect((await A.billRow(bill.id)).paidFen).toBe(0);

    await A.tx((db) =>
      db.checkoutIntent.create({
        data: {
          tenantId: A.tenantId,
          id: intentId,
          purpose: 'BILLS',
          payerKind: 'UNIT',
          payerId: A.unit.id,
          userId: A.residentUser.id,
          amountFen: 4_400,
          currency: 'CNY',
          stripeAccountId: A.account,
          sessionId: session.id,
          lines: { create: { billId: bill.id, amountFen: 4_400 } },
        },
      }),
    );
    await fake.deliverPending();
    await fake.idle();
    expect(fake.deliveries(completed!.id).at(-1)!.state).toBe('succeeded');
    expect((await A.intentRow(intentId)).status).toBe('SUCCEEDED');
    expect((await A.billRow(bill.id)).paidFen).toBe(4_400);
  });

  it('an async method: PROCESSING until it settles, then recorded once', async () => {
    const bill = await B.bill(2_000);
    const started = await B.resident.onlinePayments.startCheckout({ tenant: B.slug, billIds: [bill.id] });
    const sessionId = await sessionOf(B, started.intentId);
    fake.payAsync(sessionId, 'alipay');
    await fake.idle();
    expect((await B.intentRow(started.intentId)).status).toBe('PROCESSING');
    expect((await B.billRow(bill.id)).paidFen).toBe(0);
    fake.settleAsync(sessionId, true);
    await fake.idle();
    expect((await B.intentRow(started.intentId)).status).toBe('SUCCEEDED');
    expect((await B.billRow(bill.id)).paidFen).toBe(2_000);
  });
});
