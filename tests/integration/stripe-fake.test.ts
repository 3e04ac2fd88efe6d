import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStripeFake, type StripeFake } from '@/server/fakes/stripe/index.ts';

// The local Stripe fake (#14) driven by the real stripe SDK, pointed at it by host/port/protocol:
// Connect accounts and onboarding, Checkout Sessions paid or declined on the hosted page, signed
// webhooks (checked with stripe.webhooks.constructEvent) retried on failure, idempotency keys,
// Stripe's limits and errors, refunds, payouts, and the production lock-out.

type Received = { body: string; signature: string };

const lineItems = (unitAmount: number, name = '物业费 2026-11') => [
  { price_data: { currency: 'cny', unit_amount: unitAmount, product_data: { name } }, quantity: 1 },
];

async function sessionFor(stripe: Stripe, account: string, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}, key?: string) {
  return stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: lineItems(12345),
      allowed_payment_method_types: ['card', 'alipay'],
      success_url: 'http://app.test/return?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://app.test/cancel',
      metadata: { intent: 'intent-1' },
      payment_intent_data: { application_fee_amount: 100, metadata: { intent: 'intent-1' } },
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      locale: 'zh',
      ...extra,
    },
    { stripeAccount: account, ...(key ? { idempotencyKey: key } : {}) },
  );
}

describe('Stripe fake through the stripe SDK', () => {
  let fake: StripeFake;
  let stripe: Stripe;
  let received: Received[] = [];
  let answer = 200;

  const readyAccount = async () => {
    const acct = await stripe.accounts.create({ type: 'express', country: 'HK', email: 'pm@example.com' });
    fake.completeOnboarding(acct.id);
    return acct.id;
  };
  const eventsOf = (type: string) =>
    received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, fake.webhookSecret)).filter((e) => e.type === type);

  beforeAll(async () => {
    fake = await startStripeFake({
      deliver: async (body, signature) => {
        received.push({ body, signature });
        return answer;
      },
      retryScale: 0.0001, // 60 s → 6 ms, 300 s → 30 ms, …
      refunds: 'manual',
    });
    stripe = new Stripe(fake.secretKey, { ...fake.stripeOptions, maxNetworkRetries: 0 });
  });
  afterAll(() => fake?.stop());
  beforeEach(() => {
    received = [];
    answer = 200;
  });

  it('creates a connected account and onboards it on the hosted page (account.updated, signed)', async () => {
    const acct = await stripe.accounts.create({
      type: 'express',
      country: 'HK',
      email: 'pm@example.com',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    expect(acct).toMatchObject({ object: 'account', charges_enabled: false, details_submitted: false, payouts_enabled: false });
    expect(acct.id).toMatch(/^acct_/);
    const link = await stripe.accountLinks.create({
      account: acct.id,
      type: 'account_onboarding',
      refresh_url: 'http://app.test/refresh',
      return_url: 'http://app.test/done',
    });
    expect(link.object).toBe('account_link');
    expect(link.url.startsWith(fake.url)).toBe(true);
    const page = await fetch(link.url);
    expect(await page.text()).toContain('完成 · Complete');
    const done = await fetch(`${link.url}/complete`, { method: 'POST', redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://app.test/done');
    // a spent link sends the browser to refresh_url
    expect((await fetch(link.url, { redirect: 'manual' })).headers.get('location')).toBe('http://app.test/refresh');

    const after = await stripe.accounts.retrieve(acct.id);
    expect(after).toMatchObject({ charges_enabled: true, details_submitted: true, payouts_enabled: true });
    await fake.idle();
    const [updated] = eventsOf('account.updated');
    expect(updated?.account).toBe(acct.id);
    expect((updated?.data.object as Stripe.Account).charges_enabled).toBe(true);
  });

  it('refuses checkout on an account that has not finished onboarding', async () => {
    const acct = await stripe.accounts.create({ type: 'express', country: 'HK' });
    await expect(sessionFor(stripe, acct.id)).rejects.toMatchObject({ statusCode: 400, code: 'account_invalid' });
  });

  it('pays a session on the hosted page after a declined card, and delivers checkout.session.completed', async () => {
    const account = await readyAccount();
    const s = await sessionFor(stripe, account);
    expect(s).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 12345,
      currency: 'cny',
      payment_intent: null,
    });
    expect(s.id).toMatch(/^cs_test_/);
    expect(s.url).toBe(`${fake.url}/c/pay/${s.id}`);

    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('¥123.45');
    expect(html).toContain('物业费 2026-11');

    const form = { method: 'POST', redirect: 'manual' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const declined = await fetch(`${s.url}/decline`, { ...form, body: 'method=card' });
    expect(declined.headers.get('location')).toContain('error=card_declined');
    expect(await (await fetch(new URL(declined.headers.get('location')!, fake.url))).text()).toContain('Your card was declined');
    expect((await stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: account })).status).toBe('open');

    const paid = await fetch(`${s.url}/pay`, { ...form, body: 'method=alipay' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://app.test/return?session=${s.id}`);

    const got = await stripe.checkout.sessions.retrieve(s.id, { expand: ['payment_intent.latest_charge.balance_transaction'] }, { stripeAccount: account });
    expect(got).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, metadata: { intent: 'intent-1' } });
    const pi = got.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 12345, application_fee_amount: 100, metadata: { intent: 'intent-1' } });
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', status: 'succeeded', paid: true, amount: 12345, payment_method_details: { type: 'alipay' } });
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(txn).toMatchObject({ object: 'balance_transaction', amount: 12345, fee: 74 + 100, net: 12345 - 174 });

    await fake.idle();
    const [completed] = eventsOf('checkout.session.completed');
    expect(completed?.account).toBe(account);
    expect((completed?.data.object as Stripe.Checkout.Session).id).toBe(s.id);
    expect(eventsOf('charge.failed')).toHaveLength(1);
    expect(eventsOf('payment_intent.succeeded')).toHaveLength(1);
    // a paid session cannot be paid again
    expect(() => fake.pay(s.id)).toThrow(/no longer active/);
  });

  it('rejects a delivery with a forged signature check', async () => {
    const account = await readyAccount();
    fake.pay((await sessionFor(stripe, account)).id);
    await fake.idle();
    const r = received[0]!;
    expect(() => stripe.webhooks.constructEvent(r.body, r.signature, 'whsec_wrong')).toThrow();
    expect(() => stripe.webhooks.constructEvent(r.body.replace('"livemode"', '"livemode" '), r.signature, fake.webhookSecret)).toThrow();
    expect(r.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('expires a session (checkout.session.expired) and refuses to expire it twice', async () => {
    const account = await readyAccount();
    const s = await sessionFor(stripe, account);
    const expired = await stripe.checkout.sessions.expire(s.id, {}, { stripeAccount: account });
    expect(expired).toMatchObject({ status: 'expired', url: null });
    await expect(stripe.checkout.sessions.expire(s.id, {}, { stripeAccount: account })).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
    });
    await fake.idle();
    expect(eventsOf('checkout.session.expired').map((e) => (e.data.object as Stripe.Checkout.Session).id)).toEqual([s.id]);
  });

  it("answers 404 resource_missing for another account's objects", async () => {
    const a = await readyAccount();
    const b = await readyAccount();
    const s = await sessionFor(stripe, a);
    await expect(stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: b })).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'session',
    });
    await expect(stripe.checkout.sessions.retrieve(s.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    fake.pay(s.id);
    const pi = (await stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: a })).payment_intent as string;
    await expect(stripe.paymentIntents.retrieve(pi, {}, { stripeAccount: b })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 1 }, { stripeAccount: b })).rejects.toMatchObject({ statusCode: 404 });
    expect((await stripe.paymentIntents.retrieve(pi, {}, { stripeAccount: a })).status).toBe('succeeded');
  });

  it('replays an idempotent request and refuses the key with other params', async () => {
    const account = await readyAccount();
    const first = await sessionFor(stripe, account, {}, 'intent-42');
    const again = await sessionFor(stripe, account, {}, 'intent-42');
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.state.sessions.size).toBeGreaterThan(0);
    const count = [...fake.state.sessions.values()].filter((s) => s.id === first.id).length;
    expect(count).toBe(1);
    await expect(sessionFor(stripe, account, { line_items: lineItems(999) }, 'intent-42')).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeIdempotencyError',
      rawType: 'idempotency_error',
    });
    // the same key under another account is another key
    const other = await readyAccount();
    expect((await sessionFor(stripe, other, {}, 'intent-42')).id).not.toBe(first.id);
  });

  it("enforces Stripe's metadata limits, required params and currencies", async () => {
    const account = await readyAccount();
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expect(sessionFor(stripe, account, { metadata: tooMany })).rejects.toMatchObject({ statusCode: 400, param: 'metadata' });
    await expect(sessionFor(stripe, account, { metadata: { intent: 'x'.repeat(501) } })).rejects.toMatchObject({
      statusCode: 400,
      param: 'metadata[intent]',
      message: expect.stringContaining('Metadata values can have up to 500 characters'),
    });
    await expect(sessionFor(stripe, account, { metadata: { ['k'.repeat(41)]: 'v' } })).rejects.toMatchObject({ statusCode: 400 });
    expect((await sessionFor(stripe, account, { metadata: { intent: 'x'.repeat(500) } })).metadata?.intent).toHaveLength(500);
    await expect(
      sessionFor(stripe, account, { line_items: [{ price_data: { currency: 'xyz', unit_amount: 1, product_data: { name: 'x' } }, quantity: 1 }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: 'line_items[0][price_data][currency]',
      message: expect.stringContaining('Invalid currency: xyz'),
    });
    await expect(sessionFor(stripe, account, { line_items: lineItems(-5) })).rejects.toMatchObject({
      statusCode: 400,
      param: 'line_items[0][price_data][unit_amount]',
    });
    await expect(
      sessionFor(stripe, account, { line_items: [{ price_data: { currency: 'cny', unit_amount: 100, product_data: { name: 'x' } } }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_missing',
      param: 'line_items[0][quantity]',
    });
    await expect(sessionFor(stripe, account, { locale: 'zh-CN' as Stripe.Checkout.SessionCreateParams.Locale })).rejects.toMatchObject({ param: 'locale' });
    await expect(sessionFor(stripe, account, { expires_at: Math.floor(Date.now() / 1000) + 60 })).rejects.toMatchObject({ param: 'expires_at' });
    // API 2026-09-30 replaced payment_method_types by allowed_payment_method_types (the SDK pins 2026-11-18)
    await expect(sessionFor(stripe, account, { payment_method_types: ['card'] } as Partial<Stripe.Checkout.SessionCreateParams>)).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'payment_method_types',
    });
    const old = new Stripe(fake.secretKey, { ...fake.stripeOptions, apiVersion: '2026-08-26.dahlia' as Stripe.LatestApiVersion });
    const legacy = await sessionFor(old, account, {
      allowed_payment_method_types: undefined,
      payment_method_types: ['alipay'],
    } as Partial<Stripe.Checkout.SessionCreateParams>);
    expect(legacy.payment_method_types).toEqual(['alipay']);
    await expect(sessionFor(stripe, account, { allowed_payment_method_types: ['wechat_pay'] })).rejects.toMatchObject({
      param: 'payment_method_options[wechat_pay][client]',
    });
    const wechat = await sessionFor(stripe, account, {
      allowed_payment_method_types: ['wechat_pay'],
      payment_method_options: { wechat_pay: { client: 'web' } },
    });
    expect(wechat.payment_method_types).toEqual(['wechat_pay']);
  });

  it('retries a delivery answered 500 with back-off until it is answered 2xx', async () => {
    const account = await readyAccount();
    received = [];
    answer = 500;
    fake.pay((await sessionFor(stripe, account)).id);
    const completed = fake.events({ type: 'checkout.session.completed', account }).at(-1)!;
    await new Promise((r) => setTimeout(r, 60)); // 1st try, retry after 6 ms, then 30 ms
    const tries = fake.deliveries(completed.id)[0]!.attempts;
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries.every((t) => t.status === 500)).toBe(true);
    // growing back-off between attempts
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(5);
    answer = 200;
    await fake.deliverPending();
    expect(fake.deliveries(completed.id)[0]!.state).toBe('succeeded');
    const bodies = received.filter((r) => r.body.includes(completed.id));
    expect(bodies.length).toBe(fake.deliveries(completed.id)[0]!.attempts.length);
    for (const r of bodies) expect(stripe.webhooks.constructEvent(r.body, r.signature, fake.webhookSecret).id).toBe(completed.id);
    // a duplicate on demand
    received = [];
    fake.redeliver(completed.id);
    await fake.idle();
    expect(received.map((r) => JSON.parse(r.body).id)).toEqual([completed.id]);
  });

  it('refunds in part, refuses an over-refund, and confirms with charge.refunded', async () => {
    const account = await readyAccount();
    const s = await sessionFor(stripe, account);
    fake.pay(s.id, 'card');
    const pi = (await stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: account })).payment_intent as string;
    const refund = await stripe.refunds.create({ payment_intent: pi, amount: 2345, metadata: { refund: 'r-1' } }, { stripeAccount: account });
    expect(refund).toMatchObject({ object: 'refund', status: 'pending', amount: 2345, payment_intent: pi, metadata: { refund: 'r-1' } });
    expect(refund.id).toMatch(/^re_/);
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 10001 }, { stripeAccount: account })).rejects.toMatchObject({
      statusCode: 400,
      param: 'amount',
    });
    expect(fake.settleRefunds()).toEqual([refund.id]);
    expect((await stripe.refunds.retrieve(refund.id, {}, { stripeAccount: account })).status).toBe('succeeded');
    await fake.idle();
    const [refunded] = eventsOf('charge.refunded');
    const charge = refunded?.data.object as Stripe.Charge;
    expect(charge).toMatchObject({ amount_refunded: 2345, refunded: false });
    expect(charge.refunds?.data.map((r) => r.id)).toEqual([refund.id]);
    // the rest, then nothing more
    await stripe.refunds.create({ payment_intent: pi }, { stripeAccount: account });
    await expect(stripe.refunds.create({ payment_intent: pi, amount: 1 }, { stripeAccount: account })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
    const ch = await stripe.charges.retrieve(charge.id, { expand: ['balance_transaction'] }, { stripeAccount: account });
    expect(ch).toMatchObject({ amount_refunded: 12345, refunded: true });
  });

  it('pays out the balance and lists its balance transactions', async () => {
    const account = await readyAccount();
    const s = await sessionFor(stripe, account);
    fake.pay(s.id, 'card');
    const [po] = fake.createPayout(account);
    expect(po).toMatchObject({ object: 'payout', amount: 12345 - 174, status: 'paid' });
    const listed = await stripe.payouts.list({ created: { gte: Math.floor(Date.now() / 1000) - 60 } }, { stripeAccount: account });
    expect(listed.object).toBe('list');
    expect(listed.data.map((p) => p.id)).toEqual([po!.id]);
    const txns = await stripe.balanceTransactions.list({ payout: po!.id as string }, { stripeAccount: account });
    expect(txns.data.map((t) => t.type).sort()).toEqual(['charge', 'payout']);
    expect(txns.data.reduce((sum, t) => sum + t.net, 0)).toBe(0);
    expect((await stripe.balanceTransactions.list({ type: 'payout' }, { stripeAccount: account })).data).toHaveLength(1);
  });

  it('answers 401 without a test secret key', async () => {
    await expect(new Stripe('sk_live_123456789012', fake.stripeOptions).accounts.list()).rejects.toMatchObject({ statusCode: 401 });
    const res = await fetch(`${fake.url}/v1/checkout/sessions/cs_test_x`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});

describe('Stripe fake in production', () => {
  it('answers 404 to everything with NODE_ENV=production and a DATABASE_URL, unless LINLI_FAKES=1', async () => {
    const locked = await startStripeFake({ env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/linli' } });
    try {
      const stripe = new Stripe(locked.secretKey, { ...locked.stripeOptions, maxNetworkRetries: 0 });
      await expect(stripe.accounts.create({ type: 'express' })).rejects.toMatchObject({ statusCode: 404 });
      expect((await fetch(`${locked.url}/_fake/health`)).status).toBe(404);
      expect((await fetch(`${locked.url}/c/pay/cs_test_x`)).status).toBe(404);
    } finally {
      await locked.stop();
    }
    const allowed = await startStripeFake({ env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/linli', LINLI_FAKES: '1' } });
    try {
      expect((await fetch(`${allowed.url}/_fake/health`)).status).toBe(200);
    } finally {
      await allowed.stop();
    }
  });
});

describe('Stripe fake: async payments, time, restarts, and control over HTTP', () => {
  let clock = Date.now();
  const now = () => clock;

  it('completes an async payment unpaid, then async_payment_succeeded (or _failed)', async () => {
    const got: string[] = [];
    const fake = await startStripeFake({
      deliver: async (body) => {
        got.push(JSON.parse(body).type as string);
        return 200;
      },
      asyncDelayMs: 20,
    });
    try {
      const stripe = new Stripe(fake.secretKey, fake.stripeOptions);
      const acct = (await stripe.accounts.create({ type: 'express' })).id;
      fake.completeOnboarding(acct);
      const s = await sessionFor(stripe, acct, { expires_at: undefined });
      const done = fake.payAsync(s.id, 'alipay');
      expect(done).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
      const pi = await stripe.paymentIntents.retrieve(done.payment_intent as string, {}, { stripeAccount: acct });
      expect(pi.status).toBe('processing');
      await new Promise((r) => setTimeout(r, 60));
      await fake.idle();
      expect((await stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: acct })).payment_status).toBe('paid');
      expect(got).toContain('checkout.session.async_payment_succeeded');
      expect(got.indexOf('checkout.session.completed')).toBeLessThan(got.indexOf('checkout.session.async_payment_succeeded'));

      // from the hosted page: "async (fails)"
      const s2 = await sessionFor(stripe, acct, { expires_at: undefined });
      const res = await fetch(`${s2.url}/async-fail`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'method=alipay',
      });
      expect(res.headers.get('location')).toBe(`http://app.test/return?session=${s2.id}`);
      await new Promise((r) => setTimeout(r, 60));
      await fake.idle();
      const failed = await stripe.checkout.sessions.retrieve(s2.id, { expand: ['payment_intent'] }, { stripeAccount: acct });
      expect(failed).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
      expect((failed.payment_intent as Stripe.PaymentIntent).status).toBe('requires_payment_method');
      expect(got).toContain('checkout.session.async_payment_failed');
    } finally {
      await fake.stop();
    }
  });

  it('expires a session at its expires_at and an account link after 5 minutes', async () => {
    clock = Date.now();
    const expired: string[] = [];
    const verifier = new Stripe('sk_test_verifier');
    const fake: StripeFake = await startStripeFake({
      now,
      deliver: async (body, signature) => {
        // signed at the wall clock's time, so it verifies though the fake's clock moved 30 minutes
        const e = verifier.webhooks.constructEvent(body, signature, fake.webhookSecret);
        const t = Number(/t=(\d+)/.exec(signature)?.[1]);
        if (Math.abs(t - Date.now() / 1000) > 300) return 400; // constructEvent refuses it in the past; Stripe never signs in the future
        if (e.type === 'checkout.session.expired') expired.push((e.data.object as Stripe.Checkout.Session).id);
        return 200;
      },
    });
    try {
      const stripe = new Stripe(fake.secretKey, fake.stripeOptions);
      const acct = (await stripe.accounts.create({ type: 'express' })).id;
      const link = await stripe.accountLinks.create({
        account: acct,
        type: 'account_onboarding',
        refresh_url: 'http://app.test/r',
        return_url: 'http://app.test/d',
      });
      fake.completeOnboarding(acct);
      const s = await sessionFor(stripe, acct, { expires_at: Math.floor(clock / 1000) + 1800 });
      clock += 1799 * 1000;
      expect((await stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: acct })).status).toBe('open');
      clock += 2000;
      expect((await stripe.checkout.sessions.retrieve(s.id, {}, { stripeAccount: acct })).status).toBe('expired');
      expect((await fetch(s.url!)).status).toBe(200); // the page says it expired
      await fake.idle();
      expect(expired).toEqual([s.id]);
      expect((await fetch(link.url, { redirect: 'manual' })).headers.get('location')).toBe('http://app.test/r');
    } finally {
      await fake.stop();
    }
  });

  it('delivers to a URL, and is driven over HTTP under /_fake/', async () => {
    const { createServer } = await import('node:http');
    const bodies: { body: string; sig: string }[] = [];
    const endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push({ body, sig: String(req.headers['stripe-signature']) });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    const port = (endpoint.address() as { port: number }).port;
    const fake = await startStripeFake({ webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`, refunds: 'manual' });
    const post = (path: string, body = '') =>
      fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    try {
      const stripe = new Stripe(fake.secretKey, fake.stripeOptions);
      const acct = (await stripe.accounts.create({ type: 'express' })).id;
      expect((await post(`/_fake/accounts/${acct}/complete`)).status).toBe(200);
      const s = await sessionFor(stripe, acct, { expires_at: undefined });
      expect((await post(`/_fake/checkout/sessions/${s.id}/decline`)).status).toBe(200);
      const paid = (await (await post(`/_fake/checkout/sessions/${s.id}/pay`, 'method=card')).json()) as Stripe.Checkout.Session;
      expect(paid.payment_status).toBe('paid');
      await fake.idle();
      const types = bodies.map((b) => stripe.webhooks.constructEvent(b.body, b.sig, fake.webhookSecret).type);
      expect(types).toContain('checkout.session.completed');

      const events = (await (await fetch(`${fake.url}/_fake/events?type=checkout.session.completed`)).json()) as { data: Stripe.Event[] };
      expect(events.data).toHaveLength(1);
      const before = bodies.length;
      expect((await post(`/_fake/events/${events.data[0]!.id}/redeliver`)).status).toBe(200);
      await fake.idle();
      expect(bodies.length).toBe(before + 1);
      expect(JSON.parse(bodies.at(-1)!.body).id).toBe(events.data[0]!.id);

      const refund = await stripe.refunds.create({ payment_intent: paid.payment_intent as string, amount: 45 }, { stripeAccount: acct });
      expect(((await (await post('/_fake/refunds/settle')).json()) as { settled: string[] }).settled).toEqual([refund.id]);
      const payouts = (await (await post('/_fake/payouts', `account=${acct}`)).json()) as { data: Stripe.Payout[] };
      expect(payouts.data[0]).toMatchObject({ object: 'payout', amount: 12345 - 174 - 45 });
      expect((await post('/_fake/checkout/sessions/cs_test_nope/pay')).status).toBe(404);
    } finally {
      await fake.stop();
      endpoint.close();
    }
  });

  it('keeps its objects, idempotency keys and undelivered events across a restart (stateFile)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'stripe-fake-'));
    const stateFile = join(dir, 'stripe-fake.json');
    const keys = { secretKey: 'sk_test_restart_restart_restart', webhookSecret: 'whsec_restart' };
    try {
      const first = await startStripeFake({ ...keys, stateFile, deliver: async () => 503, retryScale: 10 });
      const stripe1 = new Stripe(first.secretKey, first.stripeOptions);
      const acct = (await stripe1.accounts.create({ type: 'express' })).id;
      first.completeOnboarding(acct);
      const s = await sessionFor(stripe1, acct, { expires_at: undefined }, 'intent-restart');
      await first.idle();
      await first.stop();

      const delivered: string[] = [];
      const second = await startStripeFake({
        ...keys,
        stateFile,
        deliver: async (body) => {
          delivered.push(JSON.parse(body).type as string);
          return 200;
        },
      });
      try {
        const stripe2 = new Stripe(second.secretKey, second.stripeOptions);
        const again = await sessionFor(stripe2, acct, { expires_at: undefined }, 'intent-restart');
        expect(again.id).toBe(s.id);
        expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
        // a replay is the first response as it was; a retrieve shows the page on the new port
        expect((await stripe2.checkout.sessions.retrieve(s.id, {}, { stripeAccount: acct })).url).toBe(`${second.url}/c/pay/${s.id}`);
        second.pay(s.id);
        await second.idle();
        expect(delivered).toContain('account.updated'); // failed before the restart, delivered after
        expect(delivered).toContain('checkout.session.completed');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds deliveries so a test sends events in an order of its choosing', async () => {
    const order: string[] = [];
    const fake = await startStripeFake({
      refunds: 'immediate',
      deliver: async (body) => {
        order.push(JSON.parse(body).type as string);
        return 200;
      },
    });
    try {
      const stripe = new Stripe(fake.secretKey, fake.stripeOptions);
      const acct = (await stripe.accounts.create({ type: 'express' })).id;
      fake.completeOnboarding(acct);
      await fake.idle();
      order.length = 0;
      fake.holdDeliveries();
      const s = await sessionFor(stripe, acct, { expires_at: undefined });
      const pi = fake.pay(s.id).payment_intent as string;
      await stripe.refunds.create({ payment_intent: pi, amount: 10 }, { stripeAccount: acct });
      await fake.idle();
      expect(order).toEqual([]); // held
      const refunded = fake.events({ type: 'charge.refunded', account: acct })[0]!;
      const completed = fake.events({ type: 'checkout.session.completed', account: acct })[0]!;
      expect(await fake.sendEvent(refunded.id)).toEqual([200]);
      expect(await fake.sendEvent(completed.id)).toEqual([200]);
      expect(order).toEqual(['charge.refunded', 'checkout.session.completed']);
      await fake.deliverPending();
      expect(order.length).toBeGreaterThan(2);
      expect(order.filter((t) => t === 'checkout.session.completed')).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });

  it('lists newest first with has_more and cursors (auto-pagination)', async () => {
    const fake = await startStripeFake();
    try {
      const stripe = new Stripe(fake.secretKey, fake.stripeOptions);
      const acct = (await stripe.accounts.create({ type: 'express' })).id;
      fake.completeOnboarding(acct);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await sessionFor(stripe, acct, { expires_at: undefined })).id);
      const page = await stripe.checkout.sessions.list({ limit: 2 }, { stripeAccount: acct });
      expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/checkout/sessions' });
      expect(page.data.map((x) => x.id)).toEqual([ids[2], ids[1]]);
      const all = await stripe.checkout.sessions.list({ limit: 2 }, { stripeAccount: acct }).autoPagingToArray({ limit: 10 });
      expect(all.map((x) => x.id)).toEqual([...ids].reverse());
      expect((await stripe.checkout.sessions.list({}, {})).data).toEqual([]); // the platform has none
      const items = await stripe.checkout.sessions.listLineItems(ids[0]!, {}, { stripeAccount: acct });
      expect(items.data[0]).toMatchObject({ object: 'item', amount_total: 12345, description: '物业费 2026-11', quantity: 1 });
    } finally {
      await fake.stop();
    }
  });

  it('settles refunds by itself after the configured delay', async () => {
    const fake = await startStripeFake({ refunds: 20 });
    try {
      const stripe = new Stripe(fake.secretKey, fake.stripeOptions);
      const acct = (await stripe.accounts.create({ type: 'express' })).id;
      fake.completeOnboarding(acct);
      const s = await sessionFor(stripe, acct, { expires_at: undefined });
      const pi = fake.pay(s.id).payment_intent as string;
      const r = await stripe.refunds.create({ payment_intent: pi, amount: 100 }, { stripeAccount: acct, idempotencyKey: 'refund-1' });
      expect(r.status).toBe('pending');
      const replay = await stripe.refunds.create({ payment_intent: pi, amount: 100 }, { stripeAccount: acct, idempotencyKey: 'refund-1' });
      expect(replay.id).toBe(r.id);
      await new Promise((res) => setTimeout(res, 60));
      expect((await stripe.refunds.retrieve(r.id, {}, { stripeAccount: acct })).status).toBe('succeeded');
      expect(fake.events({ type: 'charge.refunded' })).toHaveLength(1);
      expect((await stripe.refunds.list({ payment_intent: pi }, { stripeAccount: acct })).data.map((x) => x.id)).toEqual([r.id]);
    } finally {
      await fake.stop();
    }
  });
});

describe('Stripe fake next to the app (scripts/server.mjs)', () => {
  const envOf = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

  it('starts when the fakes are on, hands the app its URL, key and webhook secret, and keeps the secrets per data folder', async () => {
    const { startStripeFakeForApp, stripeFakesOn } = await import('@/server/fakes/stripe/app.ts');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'stripe-fake-app-'));
    try {
      expect(stripeFakesOn(envOf({}))).toBe(true);
      expect(stripeFakesOn(envOf({ STRIPE_SECRET_KEY: 'sk_test_real' }))).toBe(false);
      expect(stripeFakesOn(envOf({ APP_DATABASE_URL: 'postgres://db/linli' }))).toBe(false);
      expect(stripeFakesOn(envOf({ APP_DATABASE_URL: 'postgres://db/linli', LINLI_FAKES: '1' }))).toBe(true);

      const env = envOf({ LINLI_DATA_DIR: dir, HOST: '127.0.0.1' });
      const fake = (await startStripeFakeForApp({ appPort: 39_000, host: '127.0.0.1', env }))!;
      try {
        expect(env.LINLI_STRIPE_FAKE_URL).toBe(fake.url);
        expect(env.LINLI_STRIPE_FAKE_KEY).toMatch(/^sk_test_/);
        expect(env.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_/);
        expect(env.STRIPE_SECRET_KEY).toBeUndefined();
        const saved = JSON.parse(readFileSync(join(dir, 'fakes.json'), 'utf8')) as Record<string, string>;
        expect(saved).toMatchObject({ stripeSecretKey: env.LINLI_STRIPE_FAKE_KEY, stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET });
        const stripe = new Stripe(env.LINLI_STRIPE_FAKE_KEY!, fake.stripeOptions);
        expect((await stripe.accounts.create({ type: 'express' })).id).toMatch(/^acct_/);
      } finally {
        await fake.stop();
      }
      const env2 = envOf({ LINLI_DATA_DIR: dir });
      const again = (await startStripeFakeForApp({ appPort: 39_000, host: '127.0.0.1', env: env2 }))!;
      try {
        expect(env2.LINLI_STRIPE_FAKE_KEY).toBe(env.LINLI_STRIPE_FAKE_KEY);
        expect(env2.STRIPE_WEBHOOK_SECRET).toBe(env.STRIPE_WEBHOOK_SECRET);
        expect(again.state.accounts.size).toBe(1); // stripe-fake.json in the data folder
      } finally {
        await again.stop();
      }
      // production with a database: the fakes stay off
      const prod = envOf({ NODE_ENV: 'production', APP_DATABASE_URL: 'postgres://db/linli', LINLI_DATA_DIR: dir });
      expect(await startStripeFakeForApp({ appPort: 39_000, env: prod })).toBeNull();
      expect(prod.LINLI_STRIPE_FAKE_URL).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
