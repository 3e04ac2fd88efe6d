import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { startStripeFake, type StripeFake } from '@/server/fakes/stripe';
import { getPaymentProvider } from '@/server/online-payments/stripe-provider';
import { seedDemoOnlinePayment } from '@/prisma/seed-online-payment';
import { DEMO_SLUG } from '@/prisma/seed';

// The demo company takes online payment on the Stripe fake from start-up (server/boot.ts →
// prisma/seed-online-payment.ts): a connected account the fake knows, onboarded, READY, with
// card, Alipay and WeChat Pay. Nothing without the fake; idempotent; other companies untouched.

const ENV_KEYS = ['LINLI_FAKES', 'LINLI_STRIPE_FAKE_URL', 'LINLI_STRIPE_FAKE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

describe.skipIf(!pgServerUrl())('demo company: online payment READY on the Stripe fake', () => {
  let t: TestDatabase;
  let fake: StripeFake;
  let demoId: string;
  let other: Awaited<ReturnType<typeof makeTenant>>;

  const settings = (tenantId: string) => withTenant(t.db.prisma, tenantId, (db) => db.onlinePaymentSettings.findUnique({ where: { tenantId } }));
  const connects = (tenantId: string) =>
    withTenant(t.db.prisma, tenantId, (db) => db.auditLog.count({ where: { tenantId, action: 'onlinePayments.connect' } }));

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startStripeFake({ webhookUrl: null });
    demoId = (await t.db.prisma.tenant.create({ data: { slug: DEMO_SLUG, name: '睦宁里物业（演示）' } })).id;
    other = await makeTenant(t.db, 'Other 物业');
    for (const k of ENV_KEYS) delete process.env[k];
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake?.stop();
    await t?.drop();
  });

  it('does nothing when the fake does not stand in for Stripe', async () => {
    process.env.STRIPE_SECRET_KEY = 'sk_test_real';
    process.env.STRIPE_WEBHOOK_SECRET = 'whsec_real';
    expect(await seedDemoOnlinePayment(t.db.prisma)).toBe('skipped');
    expect(await settings(demoId)).toBeNull();
    delete process.env.STRIPE_SECRET_KEY;
  });

  it('connects the demo on the fake: READY, charges enabled, card + Alipay + WeChat Pay; once', async () => {
    Object.assign(process.env, {
      LINLI_FAKES: '1',
      LINLI_STRIPE_FAKE_URL: fake.url,
      LINLI_STRIPE_FAKE_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
    });
    expect(await seedDemoOnlinePayment(t.db.prisma)).toBe('ready');
    const row = await settings(demoId);
    expect(row).toMatchObject({ status: 'READY', chargesEnabled: true, methods: ['card', 'alipay', 'wechat_pay'] });
    expect(row!.stripeAccountId).toMatch(/^acct_/);
    // the fake knows the account, so checkouts on it work
    expect(await getPaymentProvider()!.getAccount(row!.stripeAccountId!)).toMatchObject({ chargesEnabled: true, detailsSubmitted: true });
    expect(await connects(demoId)).toBe(1);

    // start-up again: the same account, nothing written
    expect(await seedDemoOnlinePayment(t.db.prisma)).toBe('ready');
    expect((await settings(demoId))!.stripeAccountId).toBe(row!.stripeAccountId);
    expect(await connects(demoId)).toBe(1);

    // another company is not connected by it
    expect(await settings(other.tenant.id)).toBeNull();
  });
});
