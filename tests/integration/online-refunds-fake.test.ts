import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeRegister, makeTenant, uniq } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { withScope } from '@/server/db/scope';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { startStripeFake, type StripeFake } from '@/server/fakes/stripe';
import { getPaymentProvider } from '@/server/online-payments/stripe-provider';
import { handleStripeWebhook } from '@/server/online-payments/webhook';
import { writePayment } from '@/server/payments/record-payment';
import { ONLINE_ACTOR_ID } from '@/server/shared/system-actors';

// Online refunds end to end against the local Stripe fake through the real stripe SDK: the admin's
// refund goes to the fake (idempotency key = the refund's id), the fake settles it and delivers a
// signed charge.refunded to the webhook handler, which records it once however often it comes;
// a refund made in Stripe's dashboard is recorded too.

const ENV_KEYS = ['LINLI_FAKES', 'LINLI_STRIPE_FAKE_URL', 'LINLI_STRIPE_FAKE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const TZ = 'Asia/Shanghai';
const today = () => localDate(TZ);

describe.skipIf(!pgServerUrl())('online refunds through the Stripe fake and the webhook', () => {
  let t: TestDatabase;
  let fake: StripeFake;
  let A: Awaited<ReturnType<typeof makeTenant>> & Awaited<ReturnType<typeof makeRegister>>;
  let account: string;
  let stripe: Stripe;
  const answers: number[] = [];

  const tx = <R>(fn: Parameters<typeof withTenant<R>>[2]) => withTenant(t.db.prisma, A.tenant.id, fn);
  const refundPayments = () => tx((db) => db.payment.findMany({ where: { tenantId: A.tenant.id, kind: 'REFUND' }, orderBy: { enteredAt: 'asc' } }));
  const billPaid = async (id: string) => (await tx((db) => db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenant.id, id } } }))).paidFen;

  /** A bill paid online: a Checkout Session paid on the fake, recorded as the online recorder does (payment + charge). */
  async function paidOnline(amountFen: number, period: string) {
    const tenantId = A.tenant.id;
    const bill = await tx((db) =>
      db.bill.create({
        data: {
          tenantId,
          kind: 'ONE_OFF',
          objectKind: 'UNIT',
          objectId: A.unit.id,
          unitId: A.unit.id,
          payerKind: 'UNIT',
          payerId: A.unit.id,
          period,
          description: uniq('维修费'),
          amountFen,
          dueDate: dateColumn('2099-12-31'),
          createdById: A.admin.id,
        },
      }),
    );
    const provider = getPaymentProvider()!;
    const session = await provider.createCheckoutSession(account, {
      intentId: uniq('intent'),
      currency: 'CNY',
      lineItems: [{ name: '维修费', amountFen }],
      methods: ['card'],
      applicationFeeFen: 0,
      successUrl: 'http://linli.test/ok',
      cancelUrl: 'http://linli.test/cancel',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    fake.pay(session.id);
    const paid = await provider.getCheckoutSession(account, session.id);
    const charge = (await provider.getChargeForPaymentIntent(account, paid.paymentIntentId!))!;
    const payment = await withScope(t.db.prisma, tenantId, ONLINE_ACTOR_ID, async (s) => {
      const p = await writePayment(s, {
        payer: { kind: 'UNIT', id: A.unit.id },
        method: 'ONLINE',
        amountFen,
        receivedOn: today(),
        closedPeriod: 'move',
        allocate: { chosen: [bill.id], settled: 'skip' },
        useCredit: false,
        note: '',
        externalRef: charge.paymentIntentId,
      });
      await s.db.onlineCharge.create({
        data: {
          tenantId,
          paymentId: p.id,
          intentId: session.id,
          chargeId: charge.id,
          paymentIntentId: charge.paymentIntentId,
          amountFen,
          paidAt: charge.created,
        },
      });
      return p;
    });
    return { bill, payment, charge };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startStripeFake({
      webhookUrl: null,
      refunds: 'manual',
      retryScale: 0.0001,
      // Only refunds are under test here: the checkout events are answered without recording anything.
      deliver: async (body, signature) => {
        if (!['charge.refunded', 'charge.refund.updated'].includes((JSON.parse(body) as { type: string }).type)) return 200;
        const r = await handleStripeWebhook(t.db.prisma, body, signature);
        answers.push(r.status);
        return r.status;
      },
    });
    delete process.env.STRIPE_SECRET_KEY;
    Object.assign(process.env, {
      LINLI_FAKES: '1',
      LINLI_STRIPE_FAKE_URL: fake.url,
      LINLI_STRIPE_FAKE_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
    });
    const T = await makeTenant(t.db, 'Alpha 物业');
    A = { ...T, ...(await makeRegister(t.db, T)) };
    account = (await getPaymentProvider()!.createConnectedAccount({ tenantId: A.tenant.id })).id;
    fake.completeOnboarding(account);
    await tx((db) => db.onlinePaymentSettings.create({ data: { tenantId: A.tenant.id, stripeAccountId: account, status: 'READY', chargesEnabled: true } }));
    stripe = new Stripe(fake.secretKey, fake.stripeOptions);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake?.stop();
    await t?.drop();
  });

  it('a partial refund is sent with its id as idempotency key, recorded when charge.refunded arrives, once however often it is delivered', async () => {
    const { bill, payment, charge } = await paidOnline(10_000, '2026-03');
    const asked = await A.as.onlinePayments.requestRefund({
      tenant: A.slug,
      paymentId: payment.id,
      amountFen: 4_000,
      reason: '部分退款',
      idempotencyKey: uniq('key-fake'),
    });
    expect(asked.status).toBe('REQUESTED');
    const stripeRefund = (await stripe.refunds.list({ charge: charge.id }, { stripeAccount: account })).data;
    expect(stripeRefund).toHaveLength(1);
    expect(stripeRefund[0]!.metadata).toEqual({ refund: asked.id });
    expect(await refundPayments()).toHaveLength(0);

    fake.settleRefunds();
    await fake.idle();
    const events = fake.events({ type: 'charge.refunded', account });
    expect(events).toHaveLength(1);
    expect(answers.at(-1)).toBe(200);
    const recorded = await refundPayments();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ kind: 'REFUND', method: 'ONLINE', amountFen: 4_000, externalRef: stripeRefund[0]!.id });
    expect(await billPaid(bill.id)).toBe(6_000);

    // The same event four more times (Stripe's duplicates): nothing more.
    for (let i = 0; i < 4; i++) fake.redeliver(events[0]!.id);
    await fake.idle();
    expect(answers.slice(-4)).toEqual([200, 200, 200, 200]);
    expect(await refundPayments()).toHaveLength(1);
    expect(await billPaid(bill.id)).toBe(6_000);

    const list = await A.as.onlinePayments.listRefunds({ tenant: A.slug, paymentId: payment.id });
    expect(list.payment).toEqual({ online: true, refundableFen: 6_000 });
    expect(list.rows[0]).toMatchObject({ id: asked.id, status: 'SUCCEEDED', refundedOn: today() });
  });

  it("a refund made in Stripe's dashboard is recorded as Stripe's, and a refund Stripe finishes at once is recorded once", async () => {
    const { bill, payment, charge } = await paidOnline(5_000, '2026-04');
    const before = (await refundPayments()).length;
    await stripe.refunds.create({ payment_intent: charge.paymentIntentId, amount: 1_000 }, { stripeAccount: account });
    fake.settleRefunds();
    await fake.idle();
    expect(await billPaid(bill.id)).toBe(4_000);
    const rows = await A.as.onlinePayments.listRefunds({ tenant: A.slug, paymentId: payment.id });
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ amountFen: 1_000, status: 'SUCCEEDED', requestedBy: { id: 'system:stripe' } });

    fake.setRefundMode('immediate');
    try {
      const asked = await A.as.onlinePayments.requestRefund({ tenant: A.slug, paymentId: payment.id, amountFen: 4_000, reason: '全部退回' });
      expect(asked.status).toBe('SUCCEEDED');
      await fake.idle();
      expect((await refundPayments()).length).toBe(before + 2);
      expect(await billPaid(bill.id)).toBe(0);
      const after = await A.as.onlinePayments.listRefunds({ tenant: A.slug, paymentId: payment.id });
      expect(after.payment).toEqual({ online: true, refundableFen: 0 });
    } finally {
      fake.setRefundMode('manual');
    }
  });

  it('a refund Stripe fails (charge.refund.updated) is marked FAILED and what it held is refundable again', async () => {
    const { bill, payment } = await paidOnline(3_000, '2026-05');
    const before = (await refundPayments()).length;
    const asked = await A.as.onlinePayments.requestRefund({ tenant: A.slug, paymentId: payment.id, amountFen: 3_000, reason: '退款' });
    expect((await A.as.onlinePayments.listRefunds({ tenant: A.slug, paymentId: payment.id })).payment).toEqual({ online: true, refundableFen: 0 });
    fake.settleRefunds(false);
    await fake.idle();
    const after = await A.as.onlinePayments.listRefunds({ tenant: A.slug, paymentId: payment.id });
    expect(after.rows.find((r) => r.id === asked.id)).toMatchObject({ status: 'FAILED' });
    expect(after.payment).toEqual({ online: true, refundableFen: 3_000 });
    expect((await refundPayments()).length).toBe(before);
    expect(await billPaid(bill.id)).toBe(3_000);
  });
});
