import 'server-only';
import Stripe from 'stripe';
import { stripeConfig, type StripeConfig } from './config';
import type { BalanceTransaction, Charge, CheckoutSession, ConnectedAccount, PaymentProvider, Payout, Refund } from './provider';

// PaymentProvider over the `stripe` SDK: real Stripe, or the local fake at its host/port/protocol
// (config.ts). Every call for a company goes to its connected account ({ stripeAccount }); the
// writes that must happen once carry an idempotency key (a Checkout Session: the intent id; a
// refund: the OnlineRefund id), so a retry after a timeout returns the first object.

const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const date = (s: number) => new Date(s * 1000);
const idOf = (x: string | { id: string } | null | undefined) => (x == null ? null : typeof x === 'string' ? x : x.id);

function account(a: Stripe.Account): ConnectedAccount {
  return { id: a.id, chargesEnabled: !!a.charges_enabled, payoutsEnabled: !!a.payouts_enabled, detailsSubmitted: !!a.details_submitted };
}

function session(s: Stripe.Checkout.Session): CheckoutSession {
  return {
    id: s.id,
    url: s.url ?? null,
    status: (s.status ?? 'open') as CheckoutSession['status'],
    paymentStatus: s.payment_status as CheckoutSession['paymentStatus'],
    intentId: s.metadata?.intent ?? null,
    paymentIntentId: idOf(s.payment_intent),
    amountTotalFen: s.amount_total ?? 0,
    currency: (s.currency ?? '').toUpperCase(),
  };
}

function refund(r: Stripe.Refund): Refund {
  return {
    id: r.id,
    chargeId: idOf(r.charge) ?? '',
    amountFen: r.amount,
    status: (r.status ?? 'pending') as Refund['status'],
    onlineRefundId: r.metadata?.refund ?? null,
    created: date(r.created),
  };
}

/** Stripe's own fee and the platform's application fee, from the charge's balance transaction. */
function fees(c: Stripe.Charge): { feeFen: number; netFen: number; applicationFeeFen: number } {
  const bt = typeof c.balance_transaction === 'object' ? c.balance_transaction : null;
  const appFee = c.application_fee_amount ?? 0;
  if (!bt) return { feeFen: 0, netFen: c.amount - appFee, applicationFeeFen: appFee };
  // A direct charge's balance transaction fee is Stripe's fee plus the application fee; its
  // fee_details tell them apart.
  const details = bt.fee_details ?? [];
  const stripeFee = details.length ? details.filter((d) => d.type !== 'application_fee').reduce((s, d) => s + d.amount, 0) : bt.fee - appFee;
  return { feeFen: Math.max(0, stripeFee), netFen: bt.net, applicationFeeFen: appFee };
}

function charge(c: Stripe.Charge): Charge {
  return {
    id: c.id,
    paymentIntentId: idOf(c.payment_intent) ?? '',
    status: c.status as Charge['status'],
    amountFen: c.amount,
    amountRefundedFen: c.amount_refunded ?? 0,
    created: date(c.created),
    ...fees(c),
    balanceTransactionId: idOf(c.balance_transaction),
    refunds: (c.refunds?.data ?? []).map(refund),
  };
}

function balanceTransaction(b: Stripe.BalanceTransaction): BalanceTransaction {
  const source = idOf(b.source as string | { id: string } | null);
  return {
    id: b.id,
    type: b.type,
    amountFen: b.amount,
    feeFen: b.fee,
    netFen: b.net,
    sourceId: source,
    payoutId: b.type === 'payout' ? source : null,
    created: date(b.created),
  };
}

const CHARGE_EXPAND = ['balance_transaction', 'refunds'];

export function stripeProvider(config: Exclude<StripeConfig, { mode: 'off' }>): PaymentProvider {
  const stripe = new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(config.mode === 'fake' ? { host: config.host, port: config.port, protocol: config.protocol } : {}),
  });
  const on = (stripeAccount: string) => ({ stripeAccount });

  return {
    async createConnectedAccount({ tenantId, email, country }) {
      const a = await stripe.accounts.create(
        {
          type: 'express',
          ...(country ? { country } : {}),
          ...(email ? { email } : {}),
          metadata: { tenant: tenantId },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        },
        { idempotencyKey: `account-${tenantId}` },
      );
      return account(a);
    },
    async getAccount(accountId) {
      return account(await stripe.accounts.retrieve(accountId));
    },
    async createAccountLink(accountId, urls) {
      const l = await stripe.accountLinks.create({ account: accountId, refresh_url: urls.refreshUrl, return_url: urls.returnUrl, type: 'account_onboarding' });
      return { url: l.url };
    },

    async createCheckoutSession(accountId, input) {
      const s = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: input.lineItems.map((l) => ({
            quantity: 1,
            price_data: { currency: input.currency.toLowerCase(), unit_amount: l.amountFen, product_data: { name: l.name } },
          })),
          allowed_payment_method_types: input.methods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
          ...(input.methods.includes('wechat_pay') ? { payment_method_options: { wechat_pay: { client: 'web' } } } : {}),
          payment_intent_data: {
            ...(input.applicationFeeFen > 0 ? { application_fee_amount: input.applicationFeeFen } : {}),
            metadata: { intent: input.intentId },
          },
          metadata: { intent: input.intentId },
          client_reference_id: input.intentId,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          expires_at: sec(input.expiresAt),
          ...(input.locale ? { locale: (input.locale === 'zh-CN' ? 'zh' : input.locale) as Stripe.Checkout.SessionCreateParams.Locale } : {}),
        },
        { ...on(accountId), idempotencyKey: input.intentId },
      );
      return session(s);
    },
    async getCheckoutSession(accountId, sessionId) {
      return session(await stripe.checkout.sessions.retrieve(sessionId, {}, on(accountId)));
    },
    async expireCheckoutSession(accountId, sessionId) {
      return session(await stripe.checkout.sessions.expire(sessionId, {}, on(accountId)));
    },
    async getChargeForPaymentIntent(accountId, paymentIntentId) {
      const pi = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: CHARGE_EXPAND.map((e) => `latest_charge.${e}`) }, on(accountId));
      const latest = pi.latest_charge;
      if (!latest) return null;
      return charge(typeof latest === 'string' ? await stripe.charges.retrieve(latest, { expand: CHARGE_EXPAND }, on(accountId)) : latest);
    },
    async getCharge(accountId, chargeId) {
      return charge(await stripe.charges.retrieve(chargeId, { expand: CHARGE_EXPAND }, on(accountId)));
    },

    async createRefund(accountId, input) {
      const r = await stripe.refunds.create(
        { payment_intent: input.paymentIntentId, amount: input.amountFen, metadata: { refund: input.onlineRefundId } },
        { ...on(accountId), idempotencyKey: input.onlineRefundId },
      );
      return refund(r);
    },
    async getRefund(accountId, refundId) {
      return refund(await stripe.refunds.retrieve(refundId, {}, on(accountId)));
    },

    async listPayouts(accountId, range) {
      const out: Payout[] = [];
      for await (const p of stripe.payouts.list({ arrival_date: { gte: sec(range.from), lte: sec(range.to) }, limit: 100 }, on(accountId))) {
        out.push({ id: p.id, amountFen: p.amount, arrivalDate: date(p.arrival_date), status: p.status });
      }
      return out;
    },
    async listBalanceTransactions(accountId, filter) {
      const out: BalanceTransaction[] = [];
      const params: Stripe.BalanceTransactionListParams = {
        limit: 100,
        ...(filter.payoutId ? { payout: filter.payoutId } : {}),
        ...(filter.from || filter.to ? { created: { ...(filter.from ? { gte: sec(filter.from) } : {}), ...(filter.to ? { lte: sec(filter.to) } : {}) } } : {}),
      };
      for await (const b of stripe.balanceTransactions.list(params, on(accountId))) out.push(balanceTransaction(b));
      return out;
    },

    verifyWebhook(rawBody, signatureHeader) {
      if (!signatureHeader) throw new Error('No Stripe-Signature header');
      const e = stripe.webhooks.constructEvent(rawBody, signatureHeader, config.webhookSecret);
      const object = e.data.object as unknown as Record<string, unknown>;
      return { id: e.id, type: e.type, account: e.account ?? null, objectId: String(object.id ?? ''), object };
    },
  };
}

// ── the one provider of the process ──────────────────────────────────────────────────

let override: PaymentProvider | null = null;
let cached: { key: string; provider: PaymentProvider } | null = null;

/** Tests (and the benchmark) put a provider of their own here (e.g. the SDK over a fake they started); null restores the configured one. */
export function setPaymentProvider(p: PaymentProvider | null): void {
  override = p;
}

/** The configured provider, or null when online payment is off (config.ts). */
export function getPaymentProvider(e: NodeJS.ProcessEnv = process.env): PaymentProvider | null {
  if (override) return override;
  const config = stripeConfig(e);
  if (config.mode === 'off') return null;
  const key = JSON.stringify(config);
  if (cached?.key !== key) cached = { key, provider: stripeProvider(config) };
  return cached.provider;
}
