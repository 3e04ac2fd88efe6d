import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { withTenant } from '@/server/db/tenant';
import { addDays, dateColumn, localDate } from '@/server/shared/calendar';
import { startStripeFake, type StripeFake } from '@/server/fakes/stripe';
import { getPaymentProvider } from '@/server/online-payments/stripe-provider';

// Reconciliation against the Stripe fake: charges made on the company's connected account
// (through the provider, paid on the fake), some recorded in Linli as online payments (rows
// written here, as the webhook would), some not; the report matches them per local day and flags
// a charge Stripe has that Linli does not, a Linli payment Stripe does not know, and an amount
// that differs.

const ENV_KEYS = ['LINLI_FAKES', 'LINLI_STRIPE_FAKE_URL', 'LINLI_STRIPE_FAKE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'APP_URL'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const TZ = 'Asia/Shanghai';

describe.skipIf(!pgServerUrl())('online payments: reconciliation', () => {
  let t: TestDatabase;
  let fake: StripeFake;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let unitId: string;
  let accountId: string;
  const today = localDate(TZ);
  const yesterday = addDays(today, -1);

  /** A paid charge on A's connected account (Stripe's side only). */
  async function stripeCharge(amountFen: number, applicationFeeFen = 0) {
    const p = getPaymentProvider()!;
    const s = await p.createCheckoutSession(accountId, {
      intentId: randomUUID(),
      currency: 'CNY',
      lineItems: [{ name: '物业费', amountFen }],
      methods: ['card'],
      applicationFeeFen,
      successUrl: 'http://linli.test/ok',
      cancelUrl: 'http://linli.test/cancel',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    fake.pay(s.id, 'card');
    const paid = await p.getCheckoutSession(accountId, s.id);
    return (await p.getChargeForPaymentIntent(accountId, paid.paymentIntentId!))!;
  }

  /** An online payment in Linli with its charge row (as record-online-payment writes them). */
  async function linliPayment(o: {
    chargeId: string;
    amountFen: number;
    paidAt: Date;
    applicationFeeFen?: number;
    feeFen?: number;
    balanceTransactionId?: string | null;
  }) {
    return withTenant(t.db.prisma, A.tenant.id, async (db) => {
      const day = dateColumn(localDate(TZ, o.paidAt));
      const payment = await db.payment.create({
        data: {
          tenantId: A.tenant.id,
          kind: 'PAYMENT',
          method: 'ONLINE',
          payerKind: 'UNIT',
          payerId: unitId,
          amountFen: o.amountFen,
          receivedOn: day,
          countedOn: day,
          enteredById: A.admin.id,
        },
      });
      await db.onlineCharge.create({
        data: {
          tenantId: A.tenant.id,
          paymentId: payment.id,
          intentId: randomUUID(),
          chargeId: o.chargeId,
          paymentIntentId: `pi_${randomUUID().slice(0, 8)}`,
          amountFen: o.amountFen,
          feeFen: o.feeFen ?? 0,
          netFen: o.amountFen - (o.feeFen ?? 0) - (o.applicationFeeFen ?? 0),
          applicationFeeFen: o.applicationFeeFen ?? 0,
          balanceTransactionId: o.balanceTransactionId ?? null,
          paidAt: o.paidAt,
        },
      });
      return payment;
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startStripeFake({ webhookUrl: null });
    delete process.env.STRIPE_SECRET_KEY;
    Object.assign(process.env, {
      LINLI_FAKES: '1',
      LINLI_STRIPE_FAKE_URL: fake.url,
      LINLI_STRIPE_FAKE_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      APP_URL: 'http://linli.test',
    });
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    unitId = (await makeRegister(t.db, A)).unit.id;
    accountId = (await A.as.onlinePayments.connect({ tenant: A.slug })).stripeAccountId;
    fake.completeOnboarding(accountId);
    await A.as.onlinePayments.refreshStatus({ tenant: A.slug });
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake?.stop();
    await t?.drop();
  });

  it('matches recorded charges, and flags an unknown Stripe charge, a payment Stripe lacks, and an amount mismatch', async () => {
    const matched = await stripeCharge(10_000, 60);
    const unknown = await stripeCharge(5_000);
    const differs = await stripeCharge(3_000);
    const now = new Date();
    const recorded = await linliPayment({
      chargeId: matched.id,
      amountFen: 10_000,
      paidAt: now,
      applicationFeeFen: 60,
      feeFen: matched.feeFen,
      balanceTransactionId: matched.balanceTransactionId,
    });
    const mismatch = await linliPayment({ chargeId: differs.id, amountFen: 2_500, paidAt: now });
    const missing = await linliPayment({ chargeId: 'ch_notatstripe0000000000', amountFen: 7_700, paidAt: now });
    // a refund confirmed today
    await withTenant(t.db.prisma, A.tenant.id, (db) =>
      db.onlineRefund.create({
        data: { tenantId: A.tenant.id, paymentId: recorded.id, amountFen: 1_000, status: 'SUCCEEDED', requestedById: A.admin.id, confirmedAt: now },
      }),
    );
    const [payout] = fake.createPayout(accountId) as { id: string }[];

    const r = await A.as.onlinePayments.getReconciliation({ tenant: A.slug, from: yesterday, to: today });
    expect(r.connected).toBe(true);
    expect(r.currency).toBe('CNY');
    expect(r.days.map((d) => d.day)).toEqual([today]);
    const day = r.days[0]!;
    // gross: what Linli recorded (10 000 + 2 500 + 7 700)
    expect(day).toMatchObject({ count: 3, grossFen: 20_200, applicationFeeFen: 60, refundsFen: 1_000 });
    // Stripe's fee of the matched charge is its balance transaction's fee less the application fee
    expect(matched.feeFen).toBe(60); // the fake's 0.6 %
    expect(day.stripeFeeFen).toBe(60 + Math.round(3_000 * 0.006));
    expect(day.netFen).toBe(10_000 - 60 - 60 + (3_000 - 18) + 7_700);
    expect(day.payouts.map((p) => p.id)).toEqual([payout!.id]);
    expect(day.payouts[0]!.arrivalDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const flags = r.flags.map((f) => ({ kind: f.kind, chargeId: f.chargeId }));
    expect(flags).toHaveLength(3);
    expect(flags).toEqual(
      expect.arrayContaining([
        { kind: 'unknownAtLinli', chargeId: unknown.id },
        { kind: 'missingAtStripe', chargeId: 'ch_notatstripe0000000000' },
        { kind: 'amountMismatch', chargeId: differs.id },
      ]),
    );
    expect(r.flags.find((f) => f.kind === 'amountMismatch')).toMatchObject({ linliAmountFen: 2_500, stripeAmountFen: 3_000, paymentId: mismatch.id });
    expect(r.flags.find((f) => f.kind === 'missingAtStripe')).toMatchObject({ paymentId: missing.id, linliAmountFen: 7_700 });
    expect(r.totals).toMatchObject({ count: 3, grossFen: 20_200, refundsFen: 1_000 });
  });

  it('puts a charge on its local day in the company time zone', async () => {
    // 23:30 and 00:30 Shanghai time around midnight after `from`
    const from = addDays(today, -10);
    const late = new Date(`${from}T15:30:00Z`);
    const early = new Date(`${from}T16:30:00Z`);
    await linliPayment({ chargeId: 'ch_latenight00000000000', amountFen: 100, paidAt: late });
    await linliPayment({ chargeId: 'ch_earlymorning00000000', amountFen: 200, paidAt: early });
    const r = await A.as.onlinePayments.getReconciliation({ tenant: A.slug, from, to: from });
    expect(r.days).toEqual([expect.objectContaining({ day: from, count: 1, grossFen: 100 })]);
    expect(r.flags.map((f) => f.chargeId)).toEqual(['ch_latenight00000000000']);
    const next = await A.as.onlinePayments.getReconciliation({ tenant: A.slug, from: addDays(from, 1), to: addDays(from, 1) });
    expect(next.days).toEqual([expect.objectContaining({ day: addDays(from, 1), count: 1, grossFen: 200 })]);
  });

  it('refuses a reversed or too long range', async () => {
    expect(await code(A.as.onlinePayments.getReconciliation({ tenant: A.slug, from: today, to: yesterday }))).toBe('BAD_REQUEST');
    expect(await code(A.as.onlinePayments.getReconciliation({ tenant: A.slug, from: addDays(today, -200), to: today }))).toBe('BAD_REQUEST');
  });

  it('is for admins and executives; a cashier is FORBIDDEN, another company NOT_FOUND', async () => {
    const exec = callerFor(t.db, await addMember(t.db, A.tenant.id, 'EXECUTIVE'));
    expect((await exec.onlinePayments.getReconciliation({ tenant: A.slug, from: yesterday, to: today })).days).toHaveLength(1);
    const cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    expect(await code(cashier.onlinePayments.getReconciliation({ tenant: A.slug, from: yesterday, to: today }))).toBe('FORBIDDEN');
    const resident = callerFor(t.db, await addMember(t.db, A.tenant.id, 'RESIDENT'));
    expect(await code(resident.onlinePayments.getReconciliation({ tenant: A.slug, from: yesterday, to: today }))).toBe('FORBIDDEN');
    expect(await code(B.as.onlinePayments.getReconciliation({ tenant: A.slug, from: yesterday, to: today }))).toBe('NOT_FOUND');
    // B's own report: not connected, nothing of A's
    const own = await B.as.onlinePayments.getReconciliation({ tenant: B.slug, from: yesterday, to: today });
    expect(own).toMatchObject({ connected: false, days: [], flags: [] });
  });
});
