import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { withTenant } from '@/server/db/tenant';
import { startStripeFake, type StripeFake } from '@/server/fakes/stripe';
import { applyAccountState } from '@/server/online-payments/connect';
import { getPaymentProvider } from '@/server/online-payments/stripe-provider';

// Connecting a company's Stripe account against the local Stripe fake, in process: the account
// is made once, the Account Link leads to the fake's hosted onboarding, completing it there makes
// the account READY (by the refresh button, or by account.updated through applyAccountState).
// Only an admin manages it; another company sees NOT_FOUND and changes nothing.

const ENV_KEYS = ['LINLI_FAKES', 'LINLI_STRIPE_FAKE_URL', 'LINLI_STRIPE_FAKE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'APP_URL'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const APP = 'http://linli.test';

describe.skipIf(!pgServerUrl())('online payments: connect the Stripe account', () => {
  let t: TestDatabase;
  let fake: StripeFake;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let fakeEnv: Record<string, string>;

  const audit = (tenantId: string, action: string) =>
    withTenant(t.db.prisma, tenantId, (db) => db.auditLog.findMany({ where: { tenantId, action }, orderBy: { createdAt: 'asc' } }));
  const settingsRow = (tenantId: string) => withTenant(t.db.prisma, tenantId, (db) => db.onlinePaymentSettings.findUnique({ where: { tenantId } }));

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startStripeFake({ webhookUrl: null });
    fakeEnv = {
      LINLI_FAKES: '1',
      LINLI_STRIPE_FAKE_URL: fake.url,
      LINLI_STRIPE_FAKE_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      APP_URL: APP,
    };
    delete process.env.STRIPE_SECRET_KEY;
    Object.assign(process.env, fakeEnv);
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake?.stop();
    await t?.drop();
  });

  it('starts not connected, in the company currency, with card', async () => {
    expect(await A.as.onlinePayments.getSettings({ tenant: A.slug })).toMatchObject({
      available: true,
      status: 'NOT_CONNECTED',
      stripeAccountId: null,
      methods: ['card'],
      overpayment: 'CREDIT',
      currency: 'CNY',
    });
  });

  it('connects: one account, PENDING, an Account Link to the hosted onboarding that returns to the page', async () => {
    const first = await A.as.onlinePayments.connect({ tenant: A.slug });
    expect(first.stripeAccountId).toMatch(/^acct_/);
    expect(first.url.startsWith(`${fake.url}/setup/e/`)).toBe(true);
    expect(await settingsRow(A.tenant.id)).toMatchObject({ stripeAccountId: first.stripeAccountId, status: 'PENDING', chargesEnabled: false });
    const connected = await audit(A.tenant.id, 'onlinePayments.connect');
    expect(connected).toHaveLength(1);
    expect(connected[0]!.after).toEqual({ stripeAccountId: first.stripeAccountId, status: 'PENDING' });
    expect(connected[0]!.actorId).toBe(A.admin.id);

    // 继续开通: the same account, a fresh link
    const again = await A.as.onlinePayments.connect({ tenant: A.slug });
    expect(again.stripeAccountId).toBe(first.stripeAccountId);
    expect(again.url).not.toBe(first.url);
    expect(await audit(A.tenant.id, 'onlinePayments.connect')).toHaveLength(1);
    const accounts = [...fake.state.accounts.values()].filter((a) => (a as { metadata?: Record<string, string> }).metadata?.tenant === A.tenant.id);
    expect(accounts).toHaveLength(1);

    // the onboarding page opens; its Complete sends the browser back to the page
    const page = await fetch(again.url);
    expect(page.status).toBe(200);
    await page.text();
    const done = await fetch(`${again.url}/complete`, { method: 'POST', redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${APP}/${A.slug}/online-payments?onboarding=return`);
    expect((await settingsRow(A.tenant.id))!.status).toBe('PENDING'); // Linli learns it from Stripe, not the redirect

    const refreshed = await A.as.onlinePayments.refreshStatus({ tenant: A.slug });
    expect(refreshed).toMatchObject({ status: 'READY', chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true });
    const status = await audit(A.tenant.id, 'onlinePayments.status');
    expect(status).toHaveLength(1);
    expect(status[0]!.before).toMatchObject({ status: 'PENDING' });
    expect(status[0]!.after).toMatchObject({ status: 'READY' });
    // nothing changed at Stripe: a second refresh writes nothing
    await A.as.onlinePayments.refreshStatus({ tenant: A.slug });
    expect(await audit(A.tenant.id, 'onlinePayments.status')).toHaveLength(1);
  });

  it('account.updated (as the webhook applies it) makes an account READY, for its own company only', async () => {
    const { stripeAccountId } = await B.as.onlinePayments.connect({ tenant: B.slug });
    fake.completeOnboarding(stripeAccountId);
    const events = fake.events({ type: 'account.updated', account: stripeAccountId });
    expect(events.length).toBeGreaterThan(0);
    // the webhook re-fetches the account named by the event and reaches the tenant by that id
    const account = await getPaymentProvider()!.getAccount(events.at(-1)!.account!);
    // applied to another company, it changes nothing there
    expect(await withTenant(t.db.prisma, A.tenant.id, (db) => applyAccountState(db, A.tenant.id, account, null))).toBeNull();
    const applied = await withTenant(t.db.prisma, B.tenant.id, (db) => applyAccountState(db, B.tenant.id, account, null));
    expect(applied).toMatchObject({ status: 'READY', chargesEnabled: true });
    const status = await audit(B.tenant.id, 'onlinePayments.status');
    expect(status).toHaveLength(1);
    expect(status[0]!.actorId).toBeNull();
  });

  it('saves the methods residents see and the overpayment policy, audited; at least one known method', async () => {
    const saved = await A.as.onlinePayments.updateSettings({ tenant: A.slug, methods: ['wechat_pay', 'card'], overpayment: 'REFUND' });
    expect(saved).toMatchObject({ methods: ['card', 'wechat_pay'], overpayment: 'REFUND', status: 'READY' });
    const rows = await audit(A.tenant.id, 'onlinePayments.settings');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.before).toEqual({ methods: ['card'], overpayment: 'CREDIT' });
    expect(rows[0]!.after).toEqual({ methods: ['card', 'wechat_pay'], overpayment: 'REFUND' });

    expect(await code(A.as.onlinePayments.updateSettings({ tenant: A.slug, methods: [], overpayment: 'CREDIT' }))).toBe('BAD_REQUEST');
    expect(await code(A.as.onlinePayments.updateSettings({ tenant: A.slug, methods: ['paypal' as 'card'], overpayment: 'CREDIT' }))).toBe('BAD_REQUEST');
    expect(await code(A.as.onlinePayments.updateSettings({ tenant: A.slug, methods: ['card'], overpayment: 'KEEP' as 'CREDIT' }))).toBe('BAD_REQUEST');
    expect(await settingsRow(A.tenant.id)).toMatchObject({ methods: ['card', 'wechat_pay'], overpayment: 'REFUND' });
    expect(await audit(A.tenant.id, 'onlinePayments.settings')).toHaveLength(1);
  });

  it('cashier, executive and resident cannot manage it (FORBIDDEN)', async () => {
    for (const role of ['CASHIER', 'EXECUTIVE', 'RESIDENT'] as const) {
      const as = callerFor(t.db, await addMember(t.db, A.tenant.id, role));
      expect(await code(as.onlinePayments.getSettings({ tenant: A.slug }))).toBe('FORBIDDEN');
      expect(await code(as.onlinePayments.connect({ tenant: A.slug }))).toBe('FORBIDDEN');
      expect(await code(as.onlinePayments.refreshStatus({ tenant: A.slug }))).toBe('FORBIDDEN');
      expect(await code(as.onlinePayments.updateSettings({ tenant: A.slug, methods: ['alipay'], overpayment: 'CREDIT' }))).toBe('FORBIDDEN');
    }
    expect(await settingsRow(A.tenant.id)).toMatchObject({ methods: ['card', 'wechat_pay'], overpayment: 'REFUND' });
  });

  it("another company's admin gets NOT_FOUND and changes nothing", async () => {
    const before = await settingsRow(A.tenant.id);
    expect(await code(B.as.onlinePayments.getSettings({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await code(B.as.onlinePayments.connect({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await code(B.as.onlinePayments.refreshStatus({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await code(B.as.onlinePayments.updateSettings({ tenant: A.slug, methods: ['alipay'], overpayment: 'CREDIT' }))).toBe('NOT_FOUND');
    expect(await settingsRow(A.tenant.id)).toEqual(before);
    // B's own page shows B's account, not A's
    const own = await B.as.onlinePayments.getSettings({ tenant: B.slug });
    expect(own.stripeAccountId).not.toBe(before!.stripeAccountId);
  });

  it('says online payment is off on a server without Stripe, and refuses to connect', async () => {
    const C = await makeTenant(t.db, 'Gamma 物业');
    delete process.env.LINLI_FAKES;
    delete process.env.LINLI_STRIPE_FAKE_URL;
    try {
      expect((await C.as.onlinePayments.getSettings({ tenant: C.slug })).available).toBe(false);
      expect(await code(C.as.onlinePayments.connect({ tenant: C.slug }))).toBe('PRECONDITION_FAILED');
      expect(await settingsRow(C.tenant.id)).toBeNull();
    } finally {
      Object.assign(process.env, fakeEnv);
    }
  });
});
