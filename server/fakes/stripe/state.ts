// The Stripe fake's objects and what happens to them: connected accounts and onboarding links,
// Checkout Sessions and the payments made on the hosted page, payment intents, charges with
// their balance transactions, refunds, payouts, and the events all of this emits. Objects are
// kept in an internal shape and written out in Stripe's (render*), so a field that Stripe
// derives (a charge's amount_refunded, a session's url) is always consistent.
// Every object but an account belongs to one connected account (`owner`, from the
// Stripe-Account header) or to the platform (null); another owner asking gets 404.
import { StripeError, invalid, missingParam, noSuch, unknownParam } from './errors.ts';
import { COUNTRY_CURRENCY, CURRENCIES, formatAmount } from './currencies.ts';
import { newId, randomChars } from './ids.ts';
import { bool, expandList, inRange, int, metadata, obj, onlyKnown, range, str, strArray, arr, type Params, type RangeFilter } from './params.ts';

export const API_VERSION = '2026-11-18.endive';

export type Json = Record<string, unknown>;
export type Owner = string | null;

/** Who is asking: the connected account (Stripe-Account header) and the request's ids. */
export type RequestContext = {
  account: Owner;
  requestId: string | null;
  idempotencyKey: string | null;
  /** the request's Stripe-Version (the SDK sends its pinned one) */
  apiVersion?: string;
};

const SYSTEM: RequestContext = { account: null, requestId: null, idempotencyKey: null };

/** API 2026-09-30 replaced Checkout's `payment_method_types` param by `allowed_payment_method_types`. */
const ALLOWED_TYPES_SINCE = '2026-09-30';

export type Account = {
  id: string;
  created: number;
  type: string;
  country: string;
  email: string | null;
  defaultCurrency: string;
  businessType: string | null;
  businessName: string | null;
  metadata: Record<string, string>;
  capabilities: string[];
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
};

export type AccountLink = {
  token: string;
  account: string;
  type: string;
  refreshUrl: string;
  returnUrl: string;
  created: number;
  expiresAt: number;
  used: boolean;
};

export type LineItem = { id: string; priceId: string; productId: string; name: string; description: string | null; unitAmount: number; quantity: number };

export type Session = {
  id: string;
  owner: Owner;
  created: number;
  expiresAt: number;
  mode: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  currency: string;
  lineItems: LineItem[];
  amountTotal: number;
  successUrl: string | null;
  cancelUrl: string | null;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  customerEmail: string | null;
  locale: string | null;
  paymentMethodTypes: string[];
  allowedPaymentMethodTypes: string[] | null;
  paymentMethodOptions: Json;
  paymentIntentId: string | null;
  piApplicationFee: number | null;
  piMetadata: Record<string, string>;
  piDescription: string | null;
  completedAt: number | null;
  /** when an async payment settles by itself (ms clock), null = by a control call */
  asyncSettleAt: number | null;
};

export type PaymentIntent = {
  id: string;
  owner: Owner;
  created: number;
  amount: number;
  currency: string;
  status: 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled';
  metadata: Record<string, string>;
  description: string | null;
  applicationFeeAmount: number | null;
  paymentMethodTypes: string[];
  latestCharge: string | null;
  lastPaymentError: Json | null;
  canceledAt: number | null;
  cancellationReason: string | null;
  paymentMethod: string | null;
};

export type Charge = {
  id: string;
  owner: Owner;
  created: number;
  amount: number;
  currency: string;
  status: 'succeeded' | 'pending' | 'failed';
  paymentIntent: string;
  method: string;
  paymentMethod: string;
  failureCode: string | null;
  failureMessage: string | null;
  balanceTransaction: string | null;
  applicationFeeAmount: number | null;
  applicationFeeId: string | null;
  metadata: Record<string, string>;
  description: string | null;
  email: string | null;
  refundIds: string[];
};

export type Refund = {
  id: string;
  owner: Owner;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  metadata: Record<string, string>;
  reason: string | null;
  balanceTransaction: string | null;
  failureBalanceTransaction: string | null;
  failureReason: string | null;
};

export type BalanceTransaction = {
  id: string;
  owner: Owner;
  created: number;
  availableOn: number;
  amount: number;
  fee: number;
  feeDetails: Json[];
  net: number;
  currency: string;
  type: string;
  reportingCategory: string;
  source: string | null;
  description: string | null;
  /** the payout that swept it (Stripe's `payout` filter), not a field of the object */
  payoutId: string | null;
};

export type Payout = {
  id: string;
  owner: Owner;
  created: number;
  amount: number;
  currency: string;
  arrivalDate: number;
  status: 'paid' | 'pending' | 'in_transit' | 'canceled' | 'failed';
  balanceTransaction: string;
  description: string | null;
  metadata: Record<string, string>;
};

export type StripeEvent = {
  id: string;
  object: 'event';
  account?: string;
  api_version: string;
  created: number;
  data: { object: Json; previous_attributes?: Json };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export type RefundMode = 'immediate' | 'manual' | number;

export type StateOptions = {
  /** ms clock (tests move time) */
  now?: () => number;
  /** base URL of the hosted pages (checkout, onboarding) */
  publicUrl: () => string;
  /** Stripe's fee on a charge: default 0.6 % rounded + 0 */
  feeFor?: (amount: number, method: string) => number;
  /** refunds: 'immediate' (succeeded when created), 'manual' (pending until settleRefunds), or ms until they succeed */
  refunds?: RefundMode;
  /** ms until an async ("pay later") payment settles by itself; null: only by a control call */
  asyncDelayMs?: number | null;
  /** called for each new event (delivery) */
  onEvent?: (event: StripeEvent) => void;
  /** a change worth saving */
  onChange?: () => void;
};

const PAYMENT_METHOD_TYPES = ['card', 'alipay', 'wechat_pay'];
const LOCALES = (
  'auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru ' + 'sk sl sv th tr vi zh zh-HK zh-TW'
).split(' ');
const MAX_AMOUNT = 99_999_999;

const list = (data: Json[], url: string, hasMore = false): Json => ({ object: 'list', data, has_more: hasMore, url });

export class StripeFakeState {
  accounts = new Map<string, Account>();
  links = new Map<string, AccountLink>();
  sessions = new Map<string, Session>();
  paymentIntents = new Map<string, PaymentIntent>();
  charges = new Map<string, Charge>();
  refunds = new Map<string, Refund>();
  balanceTransactions = new Map<string, BalanceTransaction>();
  payouts = new Map<string, Payout>();
  events = new Map<string, StripeEvent>();
  private opts: StateOptions;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(opts: StateOptions) {
    this.opts = opts;
  }

  nowMs(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  setRefundMode(mode: RefundMode): void {
    this.opts.refunds = mode;
  }

  setAsyncDelay(ms: number | null): void {
    this.opts.asyncDelayMs = ms;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  private changed(): void {
    this.opts.onChange?.();
  }

  // ── events ────────────────────────────────────────────────────────────────

  emit(type: string, owner: Owner, object: Json, ctx: RequestContext = SYSTEM, previous?: Json): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      ...(owner ? { account: owner } : {}),
      api_version: API_VERSION,
      created: this.now(),
      data: previous ? { object, previous_attributes: previous } : { object },
      livemode: false,
      pending_webhooks: 0,
      request: { id: ctx.requestId, idempotency_key: ctx.idempotencyKey },
      type,
    };
    this.events.set(event.id, event);
    this.opts.onEvent?.(event);
    return event;
  }

  // ── ownership ─────────────────────────────────────────────────────────────

  private owned<T extends { owner: Owner }>(map: Map<string, T>, id: string, ctx: RequestContext, what: string, param: string): T {
    const o = map.get(id);
    if (!o || o.owner !== ctx.account) throw noSuch(what, id, param);
    return o;
  }

  /** The Stripe-Account header names an account this platform has. */
  checkAccountHeader(account: Owner, apiKey: string): void {
    if (account && !this.accounts.has(account)) {
      throw new StripeError(
        403,
        'invalid_request_error',
        `The provided key '${maskKey(apiKey)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        { code: 'account_invalid' },
      );
    }
  }

  // ── accounts ──────────────────────────────────────────────────────────────

  createAccount(ctx: RequestContext, p: Params): Json {
    if (ctx.account) throw invalid('You cannot create connected accounts on behalf of a connected account (remove the Stripe-Account header).');
    onlyKnown(p, [
      'type',
      'country',
      'email',
      'business_type',
      'business_profile',
      'capabilities',
      'controller',
      'metadata',
      'default_currency',
      'settings',
      'tos_acceptance',
      'company',
      'individual',
      'external_account',
      'expand',
    ]);
    const type = str(p, 'type') ?? (obj(p, 'controller') ? 'none' : undefined);
    if (!type) throw missingParam('type');
    if (!['express', 'standard', 'custom', 'none'].includes(type)) {
      throw invalid(`Invalid type: must be one of custom, express, or standard`, 'type', 'parameter_invalid_string');
    }
    const country = (str(p, 'country') ?? 'US').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country))
      throw invalid(`Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`, 'country');
    const caps = obj(p, 'capabilities') ?? {};
    const capabilities = Object.keys(caps).filter((k) => {
      const c = caps[k];
      return typeof c === 'object' && !Array.isArray(c) && c.requested === 'true';
    });
    const profile = obj(p, 'business_profile') ?? {};
    const a: Account = {
      id: newId('acct'),
      created: this.now(),
      type: type === 'none' ? 'custom' : type,
      country,
      email: str(p, 'email') ?? null,
      defaultCurrency: (str(p, 'default_currency') ?? COUNTRY_CURRENCY[country] ?? 'usd').toLowerCase(),
      businessType: str(p, 'business_type') ?? null,
      businessName: typeof profile.name === 'string' ? profile.name : null,
      metadata: metadata(p) ?? {},
      capabilities: capabilities.length ? capabilities : type === 'standard' ? ['card_payments', 'transfers'] : [],
      detailsSubmitted: false,
      chargesEnabled: false,
      payoutsEnabled: false,
    };
    this.accounts.set(a.id, a);
    this.changed();
    return this.expand(this.renderAccount(a), expandList(p), ctx);
  }

  getAccount(ctx: RequestContext, id: string, p: Params): Json {
    const a = this.accounts.get(id);
    // a connected account may read itself; the platform reads all of its accounts
    if (!a || (ctx.account && ctx.account !== id)) throw noSuch('account', id, 'account');
    return this.expand(this.renderAccount(a), expandList(p), ctx);
  }

  listAccounts(ctx: RequestContext, p: Params): Json {
    const created = range(p, 'created');
    const items = ctx.account ? [] : [...this.accounts.values()].filter((a) => inRange(a.created, created));
    return this.paginate(
      items.map((a) => this.renderAccount(a)),
      p,
      '/v1/accounts',
      ctx,
      ['created', 'limit', 'starting_after', 'ending_before', 'expand'],
    );
  }

  /** POST /v1/accounts/:id: e-mail, business name, metadata, capabilities (account.updated). */
  updateAccount(ctx: RequestContext, id: string, p: Params): Json {
    const a = this.accounts.get(id);
    if (!a || (ctx.account && ctx.account !== id)) throw noSuch('account', id, 'account');
    onlyKnown(p, ['email', 'metadata', 'business_profile', 'capabilities', 'settings', 'default_currency', 'business_type', 'expand']);
    const before: Json = {};
    const email = str(p, 'email');
    if (email !== undefined) {
      before.email = a.email;
      a.email = email;
    }
    const profile = obj(p, 'business_profile');
    if (profile && typeof profile.name === 'string') {
      before.business_profile = { name: a.businessName };
      a.businessName = profile.name;
    }
    const meta = metadata(p);
    if (meta !== undefined) {
      before.metadata = a.metadata;
      a.metadata = p.metadata === '' ? {} : { ...a.metadata, ...meta };
      for (const [k, v] of Object.entries(obj(p, 'metadata') ?? {})) if (v === '') delete a.metadata[k];
    }
    const caps = obj(p, 'capabilities');
    if (caps) {
      for (const k of Object.keys(caps)) {
        const c = caps[k];
        if (typeof c === 'object' && !Array.isArray(c) && c.requested === 'true' && !a.capabilities.includes(k)) a.capabilities.push(k);
      }
    }
    const rendered = this.renderAccount(a);
    this.emit('account.updated', a.id, rendered, ctx, before);
    this.changed();
    return this.expand(rendered, expandList(p), ctx);
  }

  /** GET /v1/account: the account the request is made for. */
  getOwnAccount(ctx: RequestContext): Json {
    if (ctx.account) return this.renderAccount(this.accounts.get(ctx.account)!);
    return {
      id: 'acct_platformfake0000',
      object: 'account',
      business_profile: { name: 'Stripe fake platform' },
      charges_enabled: true,
      country: 'US',
      default_currency: 'usd',
      details_submitted: true,
      payouts_enabled: true,
      type: 'standard',
    };
  }

  renderAccount(a: Account): Json {
    const status = a.detailsSubmitted ? 'active' : 'inactive';
    const due = a.detailsSubmitted ? [] : ['business_profile.url', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'];
    const requirements = (currentlyDue: string[]) => ({
      alternatives: [],
      current_deadline: null,
      currently_due: currentlyDue,
      disabled_reason: currentlyDue.length ? 'requirements.past_due' : null,
      errors: [],
      eventually_due: currentlyDue,
      past_due: currentlyDue,
      pending_verification: [],
    });
    return {
      id: a.id,
      object: 'account',
      business_profile: {
        annual_revenue: null,
        estimated_worker_count: null,
        mcc: null,
        name: a.businessName,
        product_description: null,
        support_address: null,
        support_email: null,
        support_phone: null,
        support_url: null,
        url: null,
      },
      business_type: a.businessType,
      capabilities: Object.fromEntries(a.capabilities.map((c) => [c, status])),
      charges_enabled: a.chargesEnabled,
      controller: { is_controller: true, type: 'application' },
      country: a.country,
      created: a.created,
      default_currency: a.defaultCurrency,
      details_submitted: a.detailsSubmitted,
      email: a.email,
      external_accounts: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/accounts/${a.id}/external_accounts` },
      future_requirements: { ...requirements([]), disabled_reason: null },
      metadata: a.metadata,
      payouts_enabled: a.payoutsEnabled,
      requirements: requirements(due),
      settings: {
        dashboard: { display_name: a.businessName, timezone: 'Etc/UTC' },
        payments: { statement_descriptor: null },
        payouts: { debit_negative_balances: true, schedule: { delay_days: 2, interval: 'daily' }, statement_descriptor: null },
      },
      tos_acceptance: { date: a.detailsSubmitted ? a.created : null },
      type: a.type,
    };
  }

  createAccountLink(ctx: RequestContext, p: Params): Json {
    onlyKnown(p, ['account', 'type', 'refresh_url', 'return_url', 'collect', 'collection_options', 'expand']);
    const account = str(p, 'account', { required: true })!;
    const type = str(p, 'type', { required: true })!;
    if (!['account_onboarding', 'account_update'].includes(type)) {
      throw invalid('Invalid type: must be one of account_onboarding or account_update', 'type');
    }
    const refreshUrl = str(p, 'refresh_url', { required: true })!;
    const returnUrl = str(p, 'return_url', { required: true })!;
    for (const [name, url] of [
      ['refresh_url', refreshUrl],
      ['return_url', returnUrl],
    ] as const) {
      if (!isUrl(url)) throw invalid(`Not a valid URL`, name, 'url_invalid');
    }
    if (ctx.account || !this.accounts.has(account)) throw noSuch('account', account, 'account');
    const link: AccountLink = {
      token: randomChars(32),
      account,
      type,
      refreshUrl,
      returnUrl,
      created: this.now(),
      expiresAt: this.now() + 300,
      used: false,
    };
    this.links.set(link.token, link);
    this.changed();
    return { object: 'account_link', created: link.created, expires_at: link.expiresAt, url: `${this.opts.publicUrl()}/setup/e/${link.token}` };
  }

  /** An Account Link visited: the link, or where to send the browser when it is spent or expired. */
  openLink(token: string): { link: AccountLink; redirect: string | null } | null {
    const link = this.links.get(token);
    if (!link) return null;
    if (link.used || this.now() > link.expiresAt) return { link, redirect: link.refreshUrl };
    return { link, redirect: null };
  }

  /** The onboarding page's Complete: details submitted, charges and payouts enabled. */
  completeOnboarding(token: string): string {
    const opened = this.openLink(token);
    if (!opened) throw noSuch('account_link', token, 'account_link');
    if (opened.redirect) return opened.redirect;
    opened.link.used = true;
    this.completeAccount(opened.link.account);
    return opened.link.returnUrl;
  }

  completeAccount(accountId: string): Json {
    const a = this.accounts.get(accountId);
    if (!a) throw noSuch('account', accountId, 'account');
    const before = { details_submitted: a.detailsSubmitted, charges_enabled: a.chargesEnabled, payouts_enabled: a.payoutsEnabled };
    a.detailsSubmitted = true;
    a.chargesEnabled = true;
    a.payoutsEnabled = true;
    if (!a.capabilities.length) a.capabilities = ['card_payments', 'transfers'];
    const rendered = this.renderAccount(a);
    this.emit('account.updated', a.id, rendered, SYSTEM, before);
    this.changed();
    return rendered;
  }

  // ── checkout sessions ─────────────────────────────────────────────────────

  createSession(ctx: RequestContext, p: Params): Json {
    onlyKnown(p, [
      'mode',
      'line_items',
      'payment_method_types',
      'allowed_payment_method_types',
      'excluded_payment_method_types',
      'success_url',
      'cancel_url',
      'metadata',
      'client_reference_id',
      'expires_at',
      'payment_intent_data',
      'locale',
      'customer_email',
      'currency',
      'payment_method_options',
      'submit_type',
      'billing_address_collection',
      'customer_creation',
      'expand',
      'ui_mode',
      'custom_text',
      'phone_number_collection',
      'allow_promotion_codes',
      'automatic_tax',
    ]);
    const account = ctx.account ? this.accounts.get(ctx.account) : undefined;
    const mode = str(p, 'mode', { required: true })!;
    if (!['payment', 'setup', 'subscription'].includes(mode)) throw invalid('Invalid mode: must be one of payment, setup, or subscription', 'mode');
    if (mode !== 'payment') throw invalid(`The Stripe fake supports mode=payment only.`, 'mode');
    const uiMode = str(p, 'ui_mode') ?? 'hosted';
    if (uiMode !== 'hosted') throw invalid('The Stripe fake supports ui_mode=hosted only.', 'ui_mode');
    const successUrl = str(p, 'success_url', { max: 5000 }) ?? null;
    const cancelUrl = str(p, 'cancel_url', { max: 5000 }) ?? null;
    if (successUrl === null) throw missingParam('success_url');
    if (!isUrl(successUrl)) throw invalid('Not a valid URL', 'success_url', 'url_invalid');
    if (cancelUrl !== null && !isUrl(cancelUrl)) throw invalid('Not a valid URL', 'cancel_url', 'url_invalid');

    const rawItems = arr(p, 'line_items');
    if (!rawItems || rawItems.length === 0) throw missingParam('line_items');
    if (rawItems.length > 100) throw invalid('line_items cannot have more than 100 items.', 'line_items');
    let currency: string | null = null;
    const lineItems: LineItem[] = rawItems.map((raw, i) => {
      const prefix = `line_items[${i}]`;
      if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Invalid object', prefix);
      onlyKnown(raw, ['price_data', 'quantity', 'price', 'adjustable_quantity', 'tax_rates', 'dynamic_tax_rates'], prefix);
      if (raw.price !== undefined) throw invalid(`No such price: '${String(raw.price)}'`, `${prefix}[price]`, 'resource_missing');
      const pd = obj(raw, 'price_data', prefix);
      if (!pd) throw missingParam(`${prefix}[price_data]`);
      const pdPrefix = `${prefix}[price_data]`;
      onlyKnown(pd, ['currency', 'unit_amount', 'unit_amount_decimal', 'product_data', 'product', 'tax_behavior', 'recurring'], pdPrefix);
      const cur = str(pd, 'currency', { required: true, prefix: pdPrefix })!.toLowerCase();
      if (!CURRENCIES.has(cur)) {
        throw invalid(`Invalid currency: ${cur}. Stripe currently supports these currencies: ${[...CURRENCIES].join(', ')}`, `${pdPrefix}[currency]`);
      }
      if (currency !== null && cur !== currency) {
        throw invalid('All line items must use the same currency.', `${pdPrefix}[currency]`);
      }
      currency = cur;
      const unitAmount = int(pd, 'unit_amount', { required: true, prefix: pdPrefix, min: 0, max: MAX_AMOUNT })!;
      const product = obj(pd, 'product_data', pdPrefix);
      if (!product) throw missingParam(`${pdPrefix}[product_data]`);
      onlyKnown(product, ['name', 'description', 'images', 'metadata', 'tax_code', 'unit_label'], `${pdPrefix}[product_data]`);
      const name = str(product, 'name', { required: true, prefix: `${pdPrefix}[product_data]`, max: 250 })!;
      metadata(product, 'metadata', `${pdPrefix}[product_data]`);
      const quantity = int(raw, 'quantity', { required: true, prefix, min: 1, max: 999_999 })!;
      return {
        id: `li_${randomChars(24)}`,
        priceId: `price_${randomChars(24)}`,
        productId: `prod_${randomChars(14)}`,
        name,
        description: str(product, 'description', { prefix: `${pdPrefix}[product_data]` }) ?? null,
        unitAmount,
        quantity,
      };
    });
    const amountTotal = lineItems.reduce((s, li) => s + li.unitAmount * li.quantity, 0);
    if (amountTotal > MAX_AMOUNT)
      throw invalid(`The Checkout Session's total amount must be no more than ${formatAmount(MAX_AMOUNT, currency!)}.`, 'line_items', 'amount_too_large');
    if (amountTotal < 1)
      throw invalid(`The Checkout Session's total amount due must add up to at least ${formatAmount(1, currency!)}`, 'line_items', 'amount_too_small');

    const newApi = (ctx.apiVersion ?? API_VERSION).slice(0, 10) >= ALLOWED_TYPES_SINCE;
    if (newApi && p.payment_method_types !== undefined) throw unknownParam('payment_method_types');
    if (!newApi && p.allowed_payment_method_types !== undefined) throw unknownParam('allowed_payment_method_types');
    const typesParam = newApi ? 'allowed_payment_method_types' : 'payment_method_types';
    const allowed = strArray(p, typesParam) ?? null;
    const excluded = strArray(p, 'excluded_payment_method_types') ?? [];
    (allowed ?? []).forEach((m, i) => {
      if (!PAYMENT_METHOD_TYPES.includes(m)) {
        throw invalid(`Invalid ${typesParam}[${i}]: must be one of ${PAYMENT_METHOD_TYPES.join(', ')}`, `${typesParam}[${i}]`);
      }
    });
    // without a list, the "dynamic" methods: card only in the fake
    const methods = (allowed ?? ['card']).filter((m) => !excluded.includes(m));
    if (methods.length === 0) throw invalid('No payment method types remain after excluded_payment_method_types.', 'excluded_payment_method_types');
    const pmo = obj(p, 'payment_method_options') ?? {};
    if (methods.includes('wechat_pay')) {
      const w = obj(pmo, 'wechat_pay', 'payment_method_options');
      if (!w || !w.client) {
        throw invalid(
          'You must provide `payment_method_options[wechat_pay][client]` when `wechat_pay` is in `payment_method_types`.',
          'payment_method_options[wechat_pay][client]',
          'parameter_missing',
        );
      }
    }
    const now = this.now();
    const expiresAt = int(p, 'expires_at') ?? now + 24 * 3600;
    if (expiresAt < now + 30 * 60) {
      throw invalid('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at');
    }
    if (expiresAt > now + 24 * 3600) {
      throw invalid('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at');
    }
    const locale = str(p, 'locale') ?? null;
    if (locale !== null && !LOCALES.includes(locale)) {
      throw invalid(`Invalid locale: must be one of ${LOCALES.join(', ')}`, 'locale');
    }
    const meta = metadata(p) ?? {};
    const clientReferenceId = str(p, 'client_reference_id', { max: 200 }) ?? null;
    const pid = obj(p, 'payment_intent_data') ?? {};
    onlyKnown(
      pid,
      ['application_fee_amount', 'metadata', 'description', 'capture_method', 'statement_descriptor', 'statement_descriptor_suffix', 'receipt_email'],
      'payment_intent_data',
    );
    const fee = int(pid, 'application_fee_amount', { prefix: 'payment_intent_data', min: 0 }) ?? null;
    if (fee !== null && !ctx.account) {
      throw invalid(
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
        'payment_intent_data[application_fee_amount]',
      );
    }
    if (fee !== null && fee > amountTotal) {
      throw invalid('The application fee amount cannot exceed the amount of the payment.', 'payment_intent_data[application_fee_amount]');
    }
    const piMetadata = metadata(pid, 'metadata', 'payment_intent_data') ?? {};
    if (account && !account.chargesEnabled) {
      throw invalid(
        `The account ${account.id} cannot currently make charges: charges_enabled is false (onboarding is not complete).`,
        undefined,
        'account_invalid',
      );
    }
    const s: Session = {
      id: newId('cs_test'),
      owner: ctx.account,
      created: now,
      expiresAt,
      mode,
      status: 'open',
      paymentStatus: 'unpaid',
      currency: currency!,
      lineItems,
      amountTotal,
      successUrl,
      cancelUrl,
      metadata: meta,
      clientReferenceId,
      customerEmail: str(p, 'customer_email') ?? null,
      locale,
      paymentMethodTypes: methods,
      allowedPaymentMethodTypes: allowed,
      paymentMethodOptions: paramsToJson(pmo),
      paymentIntentId: null,
      piApplicationFee: fee,
      piMetadata,
      piDescription: str(pid, 'description', { prefix: 'payment_intent_data' }) ?? null,
      completedAt: null,
      asyncSettleAt: null,
    };
    this.sessions.set(s.id, s);
    this.changed();
    return this.expand(this.renderSession(s), expandList(p), ctx);
  }

  sessionUrl(s: Session): string {
    return `${this.opts.publicUrl()}/c/pay/${s.id}`;
  }

  renderSession(s: Session): Json {
    const paid = s.completedAt !== null;
    return {
      id: s.id,
      object: 'checkout.session',
      adaptive_pricing: { enabled: false },
      after_expiration: null,
      allow_promotion_codes: null,
      allowed_payment_method_types: s.allowedPaymentMethodTypes ?? null,
      amount_subtotal: s.amountTotal,
      amount_total: s.amountTotal,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: null,
      cancel_url: s.cancelUrl,
      client_reference_id: s.clientReferenceId,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created: s.created,
      currency: s.currency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: null,
      customer_creation: 'if_required',
      customer_details: paid
        ? { address: null, email: s.customerEmail ?? 'resident@example.com', name: null, phone: null, tax_exempt: 'none', tax_ids: [] }
        : null,
      customer_email: s.customerEmail,
      discounts: [],
      expires_at: s.expiresAt,
      invoice: null,
      invoice_creation: null,
      livemode: false,
      locale: s.locale,
      metadata: s.metadata,
      mode: s.mode,
      payment_intent: s.paymentIntentId,
      payment_link: null,
      payment_method_collection: 'if_required',
      payment_method_configuration_details: null,
      payment_method_options: s.paymentMethodOptions,
      payment_method_types: s.paymentMethodTypes,
      payment_status: s.paymentStatus,
      phone_number_collection: { enabled: false },
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: s.status,
      submit_type: null,
      subscription: null,
      success_url: s.successUrl,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: s.status === 'open' ? this.sessionUrl(s) : null,
    };
  }

  renderLineItems(s: Session): Json {
    return list(
      s.lineItems.map((li) => ({
        id: li.id,
        object: 'item',
        amount_discount: 0,
        amount_subtotal: li.unitAmount * li.quantity,
        amount_tax: 0,
        amount_total: li.unitAmount * li.quantity,
        currency: s.currency,
        description: li.name,
        price: {
          id: li.priceId,
          object: 'price',
          active: false,
          billing_scheme: 'per_unit',
          created: s.created,
          currency: s.currency,
          livemode: false,
          lookup_key: null,
          metadata: {},
          nickname: null,
          product: li.productId,
          recurring: null,
          tax_behavior: 'unspecified',
          tiers_mode: null,
          transform_quantity: null,
          type: 'one_time',
          unit_amount: li.unitAmount,
          unit_amount_decimal: String(li.unitAmount),
        },
        quantity: li.quantity,
      })),
      `/v1/checkout/sessions/${s.id}/line_items`,
    );
  }

  private lastSweep = 0;

  /** Sessions past their expires_at expire (Stripe does this within minutes). At most once a second. */
  sweepExpired(force = false): void {
    if (!force && this.nowMs() - this.lastSweep < 1000) return;
    this.lastSweep = this.nowMs();
    for (const s of this.sessions.values()) this.expireIfDue(s);
  }

  private expireIfDue(s: Session): Session {
    if (s.status === 'open' && s.expiresAt <= this.now()) this.doExpire(s, SYSTEM);
    return s;
  }

  session(ctx: RequestContext, id: string): Session {
    return this.expireIfDue(this.owned(this.sessions, id, ctx, 'checkout.session', 'session'));
  }

  getSession(ctx: RequestContext, id: string, p: Params): Json {
    return this.expand(this.renderSession(this.session(ctx, id)), expandList(p), ctx);
  }

  getLineItems(ctx: RequestContext, id: string, p: Params): Json {
    return this.paginate(
      (this.renderLineItems(this.session(ctx, id)).data as Json[]).slice().reverse(),
      p,
      `/v1/checkout/sessions/${id}/line_items`,
      ctx,
      ['limit', 'starting_after', 'ending_before', 'expand'],
      true,
    );
  }

  listSessions(ctx: RequestContext, p: Params): Json {
    const pi = str(p, 'payment_intent');
    const status = str(p, 'status');
    const created = range(p, 'created');
    const items = [...this.sessions.values()].filter(
      (s) => s.owner === ctx.account && (!pi || s.paymentIntentId === pi) && (!status || s.status === status) && inRange(s.created, created),
    );
    return this.paginate(
      items.map((s) => this.renderSession(s)),
      p,
      '/v1/checkout/sessions',
      ctx,
      ['payment_intent', 'status', 'created', 'limit', 'starting_after', 'ending_before', 'expand', 'customer', 'payment_link'],
    );
  }

  expireSession(ctx: RequestContext, id: string, p: Params): Json {
    const s = this.session(ctx, id);
    if (s.status !== 'open') {
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
        undefined,
        'checkout_session_not_open',
      );
    }
    this.doExpire(s, ctx);
    return this.expand(this.renderSession(s), expandList(p), ctx);
  }

  private doExpire(s: Session, ctx: RequestContext): void {
    s.status = 'expired';
    const pi = s.paymentIntentId ? this.paymentIntents.get(s.paymentIntentId) : undefined;
    if (pi && pi.status === 'requires_payment_method') {
      pi.status = 'canceled';
      pi.canceledAt = this.now();
      pi.cancellationReason = 'abandoned';
      this.emit('payment_intent.canceled', s.owner, this.renderPaymentIntent(pi), ctx);
    }
    this.emit('checkout.session.expired', s.owner, this.renderSession(s), ctx);
    this.changed();
  }

  // ── paying on the hosted page ─────────────────────────────────────────────

  /** The session a hosted page shows (no owner check: the page's URL is the capability). */
  hostedSession(id: string): Session | undefined {
    const s = this.sessions.get(id);
    return s && this.expireIfDue(s);
  }

  private ensurePaymentIntent(s: Session): PaymentIntent {
    if (s.paymentIntentId) return this.paymentIntents.get(s.paymentIntentId)!;
    const pi: PaymentIntent = {
      id: newId('pi'),
      owner: s.owner,
      created: this.now(),
      amount: s.amountTotal,
      currency: s.currency,
      status: 'requires_payment_method',
      metadata: { ...s.piMetadata },
      description: s.piDescription,
      applicationFeeAmount: s.piApplicationFee,
      paymentMethodTypes: s.paymentMethodTypes,
      latestCharge: null,
      lastPaymentError: null,
      canceledAt: null,
      cancellationReason: null,
      paymentMethod: null,
    };
    this.paymentIntents.set(pi.id, pi);
    s.paymentIntentId = pi.id;
    this.emit('payment_intent.created', s.owner, this.renderPaymentIntent(pi));
    return pi;
  }

  /**
   * One payment attempt on the hosted page: 'succeed' pays, 'decline' is refused with
   * card_declined (the session stays open), 'async' / 'async_fail' complete the session unpaid
   * and settle later (checkout.session.async_payment_succeeded / _failed).
   */
  attemptPayment(id: string, outcome: 'succeed' | 'decline' | 'async' | 'async_fail', method?: string): { ok: boolean; error?: Json; session: Session } {
    const s = this.hostedSession(id);
    if (!s) throw noSuch('checkout.session', id, 'session');
    if (s.status !== 'open') throw invalid(`This Checkout Session is no longer active (status ${s.status}).`, undefined, 'checkout_session_not_open');
    const m = method && s.paymentMethodTypes.includes(method) ? method : s.paymentMethodTypes[0]!;
    const pi = this.ensurePaymentIntent(s);
    const pm = `pm_${randomChars(24)}`;
    pi.paymentMethod = pm;
    const ch: Charge = {
      id: newId('ch'),
      owner: s.owner,
      created: this.now(),
      amount: pi.amount,
      currency: pi.currency,
      status: outcome === 'succeed' ? 'succeeded' : outcome === 'decline' ? 'failed' : 'pending',
      paymentIntent: pi.id,
      method: m,
      paymentMethod: pm,
      failureCode: null,
      failureMessage: null,
      balanceTransaction: null,
      applicationFeeAmount: pi.applicationFeeAmount,
      applicationFeeId: null,
      metadata: { ...pi.metadata },
      description: pi.description,
      email: s.customerEmail ?? 'resident@example.com',
      refundIds: [],
    };
    this.charges.set(ch.id, ch);
    pi.latestCharge = ch.id;

    if (outcome === 'decline') {
      ch.failureCode = 'card_declined';
      ch.failureMessage = 'Your card was declined.';
      const error = {
        charge: ch.id,
        code: 'card_declined',
        decline_code: 'generic_decline',
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        message: 'Your card was declined.',
        payment_method: { id: pm, object: 'payment_method', type: m },
        type: 'card_error',
      };
      pi.lastPaymentError = error;
      pi.status = 'requires_payment_method';
      this.emit('charge.failed', s.owner, this.renderCharge(ch));
      this.emit('payment_intent.payment_failed', s.owner, this.renderPaymentIntent(pi));
      this.changed();
      return { ok: false, error, session: s };
    }

    pi.lastPaymentError = null;
    s.status = 'complete';
    s.completedAt = this.now();
    if (outcome === 'succeed') {
      this.succeedCharge(ch, pi);
      s.paymentStatus = 'paid';
      this.emit('charge.succeeded', s.owner, this.renderCharge(ch));
      this.emit('payment_intent.succeeded', s.owner, this.renderPaymentIntent(pi));
      this.emit('checkout.session.completed', s.owner, this.renderSession(s));
    } else {
      pi.status = 'processing';
      s.paymentStatus = 'unpaid';
      this.emit('charge.pending', s.owner, this.renderCharge(ch));
      this.emit('payment_intent.processing', s.owner, this.renderPaymentIntent(pi));
      this.emit('checkout.session.completed', s.owner, this.renderSession(s));
      const delay = this.opts.asyncDelayMs === undefined ? 5000 : this.opts.asyncDelayMs;
      if (delay !== null) {
        s.asyncSettleAt = this.nowMs() + delay;
        this.later(delay, () => {
          if (s.paymentStatus === 'unpaid' && s.status === 'complete' && pi.status === 'processing') this.settleAsync(s.id, outcome === 'async');
        });
      }
    }
    this.changed();
    return { ok: true, session: s };
  }

  /** An async payment's outcome: checkout.session.async_payment_succeeded or _failed. */
  settleAsync(id: string, succeeded: boolean): Session {
    const s = this.sessions.get(id);
    if (!s) throw noSuch('checkout.session', id, 'session');
    const pi = s.paymentIntentId ? this.paymentIntents.get(s.paymentIntentId) : undefined;
    if (s.status !== 'complete' || s.paymentStatus !== 'unpaid' || !pi || pi.status !== 'processing') {
      throw invalid(`Checkout Session ${id} has no payment waiting to settle.`);
    }
    const ch = this.charges.get(pi.latestCharge!)!;
    s.asyncSettleAt = null;
    if (succeeded) {
      this.succeedCharge(ch, pi);
      s.paymentStatus = 'paid';
      this.emit('charge.succeeded', s.owner, this.renderCharge(ch));
      this.emit('payment_intent.succeeded', s.owner, this.renderPaymentIntent(pi));
      this.emit('checkout.session.async_payment_succeeded', s.owner, this.renderSession(s));
    } else {
      ch.status = 'failed';
      ch.failureCode = 'payment_intent_payment_attempt_failed';
      ch.failureMessage = 'The payment failed.';
      pi.status = 'requires_payment_method';
      pi.lastPaymentError = {
        charge: ch.id,
        code: 'payment_intent_payment_attempt_failed',
        doc_url: 'https://stripe.com/docs/error-codes/payment-intent-payment-attempt-failed',
        message: 'The payment failed.',
        type: 'invalid_request_error',
      };
      this.emit('charge.failed', s.owner, this.renderCharge(ch));
      this.emit('payment_intent.payment_failed', s.owner, this.renderPaymentIntent(pi));
      this.emit('checkout.session.async_payment_failed', s.owner, this.renderSession(s));
    }
    this.changed();
    return s;
  }

  private succeedCharge(ch: Charge, pi: PaymentIntent): void {
    ch.status = 'succeeded';
    const stripeFee = this.opts.feeFor ? this.opts.feeFor(ch.amount, ch.method) : Math.round(ch.amount * 0.006);
    const appFee = ch.applicationFeeAmount ?? 0;
    if (ch.applicationFeeAmount !== null) ch.applicationFeeId = `fee_${randomChars(24)}`;
    const feeDetails: Json[] = [{ amount: stripeFee, application: null, currency: ch.currency, description: 'Stripe processing fees', type: 'stripe_fee' }];
    if (appFee > 0) {
      feeDetails.push({ amount: appFee, application: 'ca_linlifakeplatform', currency: ch.currency, description: 'Application fee', type: 'application_fee' });
    }
    const txn = this.addTransaction(ch.owner, {
      amount: ch.amount,
      fee: stripeFee + appFee,
      feeDetails,
      currency: ch.currency,
      type: ch.method === 'card' ? 'charge' : 'payment',
      reportingCategory: 'charge',
      source: ch.id,
      description: ch.description,
    });
    ch.balanceTransaction = txn.id;
    pi.status = 'succeeded';
  }

  private addTransaction(
    owner: Owner,
    t: Pick<BalanceTransaction, 'amount' | 'fee' | 'feeDetails' | 'currency' | 'type' | 'reportingCategory' | 'source' | 'description'>,
  ): BalanceTransaction {
    const created = this.now();
    const txn: BalanceTransaction = { id: newId('txn'), owner, created, availableOn: created, net: t.amount - t.fee, payoutId: null, ...t };
    this.balanceTransactions.set(txn.id, txn);
    return txn;
  }

  // ── payment intents and charges ───────────────────────────────────────────

  renderPaymentIntent(pi: PaymentIntent): Json {
    return {
      id: pi.id,
      object: 'payment_intent',
      allowed_payment_method_types: pi.paymentMethodTypes,
      amount: pi.amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: pi.status === 'succeeded' ? pi.amount : 0,
      application: null,
      application_fee_amount: pi.applicationFeeAmount,
      automatic_payment_methods: null,
      canceled_at: pi.canceledAt,
      cancellation_reason: pi.cancellationReason,
      capture_method: 'automatic',
      client_secret: `${pi.id}_secret_${pi.id.slice(3, 28)}`,
      confirmation_method: 'automatic',
      created: pi.created,
      currency: pi.currency,
      customer: null,
      description: pi.description,
      excluded_payment_method_types: null,
      last_payment_error: pi.lastPaymentError,
      latest_charge: pi.latestCharge,
      livemode: false,
      metadata: pi.metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: pi.paymentMethod,
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: pi.paymentMethodTypes,
      processing: null,
      receipt_email: null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: pi.status,
      transfer_data: null,
      transfer_group: null,
    };
  }

  getPaymentIntent(ctx: RequestContext, id: string, p: Params): Json {
    const pi = this.owned(this.paymentIntents, id, ctx, 'payment_intent', 'intent');
    return this.expand(this.renderPaymentIntent(pi), expandList(p), ctx);
  }

  listPaymentIntents(ctx: RequestContext, p: Params): Json {
    const created = range(p, 'created');
    const items = [...this.paymentIntents.values()].filter((x) => x.owner === ctx.account && inRange(x.created, created));
    return this.paginate(
      items.map((x) => this.renderPaymentIntent(x)),
      p,
      '/v1/payment_intents',
      ctx,
      ['created', 'customer', 'limit', 'starting_after', 'ending_before', 'expand'],
    );
  }

  amountRefunded(ch: Charge): number {
    return ch.refundIds.reduce((sum, id) => {
      const r = this.refunds.get(id)!;
      return r.status === 'failed' || r.status === 'canceled' ? sum : sum + r.amount;
    }, 0);
  }

  renderCharge(ch: Charge): Json {
    const refunded = this.amountRefunded(ch);
    const succeeded = ch.status === 'succeeded';
    const details: Json =
      ch.method === 'card'
        ? {
            card: {
              amount_authorized: ch.amount,
              brand: 'visa',
              checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
              country: 'US',
              exp_month: 12,
              exp_year: new Date(this.nowMs()).getUTCFullYear() + 3,
              fingerprint: 'fakeFingerprint0',
              funding: 'credit',
              last4: ch.failureCode === 'card_declined' ? '0002' : '4242',
              network: 'visa',
              three_d_secure: null,
              wallet: null,
            },
            type: 'card',
          }
        : { [ch.method]: { fingerprint: 'fakeFingerprint0', transaction_id: `fake${ch.id.slice(3, 15)}` }, type: ch.method };
    const refunds = ch.refundIds.map((id) => this.renderRefund(this.refunds.get(id)!)).reverse();
    return {
      id: ch.id,
      object: 'charge',
      amount: ch.amount,
      amount_captured: succeeded ? ch.amount : 0,
      amount_refunded: refunded,
      application: ch.applicationFeeAmount !== null ? 'ca_linlifakeplatform' : null,
      application_fee: ch.applicationFeeId,
      application_fee_amount: ch.applicationFeeAmount,
      balance_transaction: ch.balanceTransaction,
      billing_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
        email: ch.email,
        name: null,
        phone: null,
      },
      calculated_statement_descriptor: 'LINLI FAKE',
      captured: succeeded,
      created: ch.created,
      currency: ch.currency,
      customer: null,
      description: ch.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: ch.failureCode,
      failure_message: ch.failureMessage,
      fraud_details: {},
      livemode: false,
      metadata: ch.metadata,
      on_behalf_of: null,
      outcome:
        ch.status === 'failed'
          ? {
              network_status: 'declined_by_network',
              reason: 'generic_decline',
              risk_level: 'normal',
              risk_score: 20,
              seller_message: 'The bank did not return any further details with this decline.',
              type: 'issuer_declined',
            }
          : {
              network_status: 'approved_by_network',
              reason: null,
              risk_level: 'normal',
              risk_score: 20,
              seller_message: 'Payment complete.',
              type: 'authorized',
            },
      paid: succeeded,
      payment_intent: ch.paymentIntent,
      payment_method: ch.paymentMethod,
      payment_method_details: details,
      receipt_email: null,
      receipt_number: null,
      receipt_url: succeeded ? `${this.opts.publicUrl()}/receipts/${ch.id}` : null,
      refunded: refunded > 0 && refunded === ch.amount,
      refunds: { object: 'list', data: refunds, has_more: false, total_count: refunds.length, url: `/v1/charges/${ch.id}/refunds` },
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: ch.status,
      transfer_data: null,
      transfer_group: null,
    };
  }

  getCharge(ctx: RequestContext, id: string, p: Params): Json {
    const ch = this.owned(this.charges, id, ctx, 'charge', 'id');
    return this.expand(this.renderCharge(ch), expandList(p), ctx);
  }

  listCharges(ctx: RequestContext, p: Params): Json {
    const pi = str(p, 'payment_intent');
    const created = range(p, 'created');
    const items = [...this.charges.values()].filter((c) => c.owner === ctx.account && (!pi || c.paymentIntent === pi) && inRange(c.created, created));
    return this.paginate(
      items.map((c) => this.renderCharge(c)),
      p,
      '/v1/charges',
      ctx,
      ['payment_intent', 'created', 'customer', 'limit', 'starting_after', 'ending_before', 'expand', 'transfer_group'],
    );
  }

  // ── refunds ───────────────────────────────────────────────────────────────

  renderRefund(r: Refund): Json {
    return {
      id: r.id,
      object: 'refund',
      amount: r.amount,
      balance_transaction: r.balanceTransaction,
      charge: r.charge,
      created: r.created,
      currency: r.currency,
      destination_details: null,
      failure_balance_transaction: r.failureBalanceTransaction,
      failure_reason: r.failureReason,
      metadata: r.metadata,
      payment_intent: r.paymentIntent,
      reason: r.reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: r.status,
      transfer_reversal: null,
    };
  }

  createRefund(ctx: RequestContext, p: Params): Json {
    onlyKnown(p, [
      'payment_intent',
      'charge',
      'amount',
      'metadata',
      'reason',
      'refund_application_fee',
      'reverse_transfer',
      'expand',
      'instructions_email',
      'origin',
    ]);
    const piId = str(p, 'payment_intent');
    const chId = str(p, 'charge');
    if (!piId && !chId)
      throw invalid('One of the following params should be provided for this request: payment_intent or charge.', undefined, 'parameter_missing');
    let ch: Charge;
    if (chId) {
      ch = this.owned(this.charges, chId, ctx, 'charge', 'charge');
      if (piId && ch.paymentIntent !== piId) throw invalid(`Charge ${chId} does not belong to PaymentIntent ${piId}.`, 'charge');
    } else {
      const pi = this.owned(this.paymentIntents, piId!, ctx, 'payment_intent', 'payment_intent');
      const latest = pi.latestCharge ? this.charges.get(pi.latestCharge) : undefined;
      if (!latest || pi.status !== 'succeeded' || latest.status !== 'succeeded') {
        throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
      }
      ch = latest;
    }
    if (ch.status !== 'succeeded') throw invalid(`Charge ${ch.id} has not succeeded and cannot be refunded.`, 'charge', 'charge_not_refundable');
    const refunded = this.amountRefunded(ch);
    const remaining = ch.amount - refunded;
    if (remaining <= 0) throw invalid(`Charge ${ch.id} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = int(p, 'amount', { min: 1 }) ?? remaining;
    if (amount > remaining) {
      throw invalid(
        `Refund amount (${formatAmount(amount, ch.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, ch.currency)})`,
        'amount',
        'amount_too_large',
      );
    }
    const reason = str(p, 'reason') ?? null;
    if (reason !== null && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) {
      throw invalid('Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', 'reason');
    }
    const meta = metadata(p) ?? {};
    const refundAppFee = bool(p, 'refund_application_fee') ?? false;
    const r: Refund = {
      id: newId('re'),
      owner: ch.owner,
      created: this.now(),
      amount,
      currency: ch.currency,
      charge: ch.id,
      paymentIntent: ch.paymentIntent,
      status: 'pending',
      metadata: meta,
      reason,
      balanceTransaction: null,
      failureBalanceTransaction: null,
      failureReason: null,
    };
    const txn = this.addTransaction(ch.owner, {
      amount: -amount,
      fee: 0,
      feeDetails: [],
      currency: ch.currency,
      type: ch.method === 'card' ? 'refund' : 'payment_refund',
      reportingCategory: 'refund',
      source: r.id,
      description: 'REFUND FOR CHARGE',
    });
    r.balanceTransaction = txn.id;
    if (refundAppFee && ch.applicationFeeAmount) {
      const back = Math.floor((ch.applicationFeeAmount * amount) / ch.amount);
      if (back > 0) {
        this.addTransaction(ch.owner, {
          amount: back,
          fee: 0,
          feeDetails: [],
          currency: ch.currency,
          type: 'application_fee_refund',
          reportingCategory: 'fee',
          source: `fr_${randomChars(24)}`,
          description: 'Application fee refund',
        });
      }
    }
    this.refunds.set(r.id, r);
    ch.refundIds.push(r.id);
    const mode = this.opts.refunds ?? 2000;
    if (mode === 'immediate') {
      r.status = 'succeeded';
      this.emit('refund.created', ch.owner, this.renderRefund(r), ctx);
      this.emit('charge.refunded', ch.owner, this.renderCharge(ch), ctx, { amount_refunded: refunded, refunded: false });
    } else {
      this.emit('refund.created', ch.owner, this.renderRefund(r), ctx);
      if (typeof mode === 'number') this.later(mode, () => r.status === 'pending' && this.settleRefund(r.id, true));
    }
    this.changed();
    return this.expand(this.renderRefund(r), expandList(p), ctx);
  }

  /** A pending refund's outcome: succeeded (refund.updated, charge.refunded) or failed (refund.failed). */
  settleRefund(id: string, succeeded: boolean): Json {
    const r = this.refunds.get(id);
    if (!r) throw noSuch('refund', id, 'refund');
    if (r.status !== 'pending') throw invalid(`Refund ${id} is not pending (status ${r.status}).`);
    const ch = this.charges.get(r.charge)!;
    const before = this.amountRefunded(ch);
    if (succeeded) {
      r.status = 'succeeded';
      const rendered = this.renderRefund(r);
      this.emit('refund.updated', r.owner, rendered, SYSTEM, { status: 'pending' });
      this.emit('charge.refund.updated', r.owner, rendered, SYSTEM, { status: 'pending' });
      this.emit('charge.refunded', r.owner, this.renderCharge(ch), SYSTEM, { amount_refunded: before - r.amount, refunded: false });
    } else {
      r.status = 'failed';
      r.failureReason = 'unknown';
      const txn = this.addTransaction(r.owner, {
        amount: r.amount,
        fee: 0,
        feeDetails: [],
        currency: r.currency,
        type: 'refund_failure',
        reportingCategory: 'refund_failure',
        source: r.id,
        description: 'REFUND FAILURE',
      });
      r.failureBalanceTransaction = txn.id;
      const rendered = this.renderRefund(r);
      this.emit('refund.updated', r.owner, rendered, SYSTEM, { status: 'pending' });
      this.emit('refund.failed', r.owner, rendered, SYSTEM);
      this.emit('charge.refund.updated', r.owner, rendered, SYSTEM, { status: 'pending' });
    }
    this.changed();
    return this.renderRefund(r);
  }

  /** Settles every pending refund (control call); returns their ids. */
  settlePendingRefunds(succeeded = true): string[] {
    const ids = [...this.refunds.values()].filter((r) => r.status === 'pending').map((r) => r.id);
    for (const id of ids) this.settleRefund(id, succeeded);
    return ids;
  }

  getRefund(ctx: RequestContext, id: string, p: Params): Json {
    return this.expand(this.renderRefund(this.owned(this.refunds, id, ctx, 'refund', 'refund')), expandList(p), ctx);
  }

  listRefunds(ctx: RequestContext, p: Params): Json {
    const pi = str(p, 'payment_intent');
    const ch = str(p, 'charge');
    const created = range(p, 'created');
    const items = [...this.refunds.values()].filter(
      (r) => r.owner === ctx.account && (!pi || r.paymentIntent === pi) && (!ch || r.charge === ch) && inRange(r.created, created),
    );
    return this.paginate(
      items.map((r) => this.renderRefund(r)),
      p,
      '/v1/refunds',
      ctx,
      ['payment_intent', 'charge', 'created', 'limit', 'starting_after', 'ending_before', 'expand'],
    );
  }

  // ── balance and payouts ───────────────────────────────────────────────────

  renderBalanceTransaction(t: BalanceTransaction): Json {
    return {
      id: t.id,
      object: 'balance_transaction',
      amount: t.amount,
      available_on: t.availableOn,
      balance_type: 'payments',
      created: t.created,
      currency: t.currency,
      description: t.description,
      exchange_rate: null,
      fee: t.fee,
      fee_details: t.feeDetails,
      net: t.net,
      reporting_category: t.reportingCategory,
      source: t.source,
      status: 'available',
      type: t.type,
    };
  }

  getBalanceTransaction(ctx: RequestContext, id: string, p: Params): Json {
    const t = this.owned(this.balanceTransactions, id, ctx, 'balance transaction', 'id');
    return this.expand(this.renderBalanceTransaction(t), expandList(p), ctx);
  }

  listBalanceTransactions(ctx: RequestContext, p: Params): Json {
    const payout = str(p, 'payout');
    const type = str(p, 'type');
    const source = str(p, 'source');
    const currency = str(p, 'currency')?.toLowerCase();
    const created: RangeFilter | undefined = range(p, 'created');
    if (payout) this.owned(this.payouts, payout, ctx, 'payout', 'payout');
    const items = [...this.balanceTransactions.values()].filter(
      (t) =>
        t.owner === ctx.account &&
        (!payout || t.payoutId === payout) &&
        (!type || t.type === type) &&
        (!source || t.source === source) &&
        (!currency || t.currency === currency) &&
        inRange(t.created, created),
    );
    return this.paginate(
      items.map((t) => this.renderBalanceTransaction(t)),
      p,
      '/v1/balance_transactions',
      ctx,
      ['payout', 'type', 'source', 'currency', 'created', 'limit', 'starting_after', 'ending_before', 'expand'],
    );
  }

  /** GET /v1/balance: what is not paid out yet, per currency. */
  getBalance(ctx: RequestContext): Json {
    const sums = new Map<string, number>();
    for (const t of this.balanceTransactions.values()) {
      if (t.owner === ctx.account && !t.payoutId) sums.set(t.currency, (sums.get(t.currency) ?? 0) + t.net);
    }
    const rows = [...sums].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
    return { object: 'balance', available: rows, livemode: false, pending: rows.map((r) => ({ ...r, amount: 0 })) };
  }

  renderPayout(po: Payout): Json {
    return {
      id: po.id,
      object: 'payout',
      amount: po.amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: po.arrivalDate,
      automatic: true,
      balance_transaction: po.balanceTransaction,
      created: po.created,
      currency: po.currency,
      description: po.description,
      destination: 'ba_fakebankaccount0000',
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: po.metadata,
      method: 'standard',
      original_payout: null,
      payout_method: null,
      reconciliation_status: 'completed',
      reversed_by: null,
      source_type: 'card',
      statement_descriptor: null,
      status: po.status,
      trace_id: null,
      type: 'bank_account',
    };
  }

  /**
   * Control: pays out the account's balance not paid out yet (one payout per currency). The
   * swept balance transactions then list under `GET /v1/balance_transactions?payout=po_…`.
   */
  createPayout(account: Owner, opts: { arrivalDate?: number } = {}): Json[] {
    if (account && !this.accounts.has(account)) throw noSuch('account', account, 'account');
    const byCurrency = new Map<string, BalanceTransaction[]>();
    for (const t of this.balanceTransactions.values()) {
      if (t.owner === account && !t.payoutId) byCurrency.set(t.currency, [...(byCurrency.get(t.currency) ?? []), t]);
    }
    const out: Json[] = [];
    for (const [currency, txns] of byCurrency) {
      const amount = txns.reduce((s, t) => s + t.net, 0);
      if (amount <= 0) continue;
      const created = this.now();
      const id = newId('po');
      const txn = this.addTransaction(account, {
        amount: -amount,
        fee: 0,
        feeDetails: [],
        currency,
        type: 'payout',
        reportingCategory: 'payout',
        source: id,
        description: 'STRIPE PAYOUT',
      });
      const po: Payout = {
        id,
        owner: account,
        created,
        amount,
        currency,
        arrivalDate: opts.arrivalDate ?? created + 86400,
        status: 'paid',
        balanceTransaction: txn.id,
        description: 'STRIPE PAYOUT',
        metadata: {},
      };
      for (const t of txns) t.payoutId = po.id;
      txn.payoutId = po.id;
      this.payouts.set(po.id, po);
      this.emit('payout.created', account, { ...this.renderPayout(po), status: 'pending' });
      this.emit('payout.paid', account, this.renderPayout(po));
      out.push(this.renderPayout(po));
    }
    if (out.length) this.changed();
    return out;
  }

  getPayout(ctx: RequestContext, id: string, p: Params): Json {
    return this.expand(this.renderPayout(this.owned(this.payouts, id, ctx, 'payout', 'payout')), expandList(p), ctx);
  }

  listPayouts(ctx: RequestContext, p: Params): Json {
    const created = range(p, 'created');
    const arrival = range(p, 'arrival_date');
    const status = str(p, 'status');
    const items = [...this.payouts.values()].filter(
      (po) => po.owner === ctx.account && inRange(po.created, created) && inRange(po.arrivalDate, arrival) && (!status || po.status === status),
    );
    return this.paginate(
      items.map((po) => this.renderPayout(po)),
      p,
      '/v1/payouts',
      ctx,
      ['created', 'arrival_date', 'status', 'destination', 'limit', 'starting_after', 'ending_before', 'expand'],
    );
  }

  // ── events (API) ──────────────────────────────────────────────────────────

  getEvent(ctx: RequestContext, id: string): Json {
    const e = this.events.get(id);
    if (!e || (e.account ?? null) !== ctx.account) throw noSuch('event', id, 'id');
    return e;
  }

  listEvents(ctx: RequestContext, p: Params): Json {
    const type = str(p, 'type');
    const types = strArray(p, 'types');
    const created = range(p, 'created');
    const match = (t: string) => {
      if (types) return types.includes(t);
      if (!type) return true;
      if (type.endsWith('.*')) return t.startsWith(type.slice(0, -1));
      return t === type;
    };
    const items = [...this.events.values()].filter((e) => (e.account ?? null) === ctx.account && match(e.type) && inRange(e.created, created));
    return this.paginate(items, p, '/v1/events', ctx, ['type', 'types', 'created', 'limit', 'starting_after', 'ending_before', 'delivery_success', 'expand']);
  }

  // ── lists and expansion ───────────────────────────────────────────────────

  /**
   * Stripe's list: newest first, `limit` (1–100, default 10), `starting_after` / `ending_before`
   * cursors, `has_more`. `items` are in creation order.
   */
  paginate(items: Json[], p: Params, url: string, ctx: RequestContext, known: string[], oldestFirst = false): Json {
    onlyKnown(p, known);
    const limit = int(p, 'limit', { min: 1, max: 100 }) ?? 10;
    let ordered = oldestFirst ? items.slice() : items.slice().reverse();
    const after = str(p, 'starting_after');
    const before = str(p, 'ending_before');
    let hasMore: boolean;
    if (after) {
      const i = ordered.findIndex((o) => o.id === after);
      if (i < 0) throw noSuch('object', after, 'starting_after');
      ordered = ordered.slice(i + 1);
      hasMore = ordered.length > limit;
      ordered = ordered.slice(0, limit);
    } else if (before) {
      const i = ordered.findIndex((o) => o.id === before);
      if (i < 0) throw noSuch('object', before, 'ending_before');
      ordered = ordered.slice(0, i);
      hasMore = ordered.length > limit;
      ordered = ordered.slice(-limit);
    } else {
      hasMore = ordered.length > limit;
      ordered = ordered.slice(0, limit);
    }
    return this.expand(list(ordered, url, hasMore), expandList(p), ctx);
  }

  /** The object an id names, as its owner sees it (for `expand`). */
  private renderById(id: string, ctx: RequestContext): Json | null {
    const pick = <T extends { owner: Owner }>(map: Map<string, T>, render: (x: T) => Json) => {
      const x = map.get(id);
      return x && x.owner === ctx.account ? render(x) : null;
    };
    if (id.startsWith('pi_')) return pick(this.paymentIntents, (x) => this.renderPaymentIntent(x));
    if (id.startsWith('ch_') || id.startsWith('py_')) return pick(this.charges, (x) => this.renderCharge(x));
    if (id.startsWith('re_')) return pick(this.refunds, (x) => this.renderRefund(x));
    if (id.startsWith('txn_')) return pick(this.balanceTransactions, (x) => this.renderBalanceTransaction(x));
    if (id.startsWith('po_')) return pick(this.payouts, (x) => this.renderPayout(x));
    if (id.startsWith('cs_')) return pick(this.sessions, (x) => this.renderSession(x));
    return null;
  }

  /** Applies `expand[]` paths (dotted, up to 4 levels; `data.` inside lists). */
  expand(object: Json, paths: string[], ctx: RequestContext): Json {
    for (const path of paths) {
      const parts = path.split('.');
      if (parts.length > 4) throw invalid(`You cannot expand more than 4 levels of a property. Property: ${path}`, 'expand');
      this.expandAt(object, parts, path, ctx);
    }
    return object;
  }

  private expandAt(node: Json, parts: string[], path: string, ctx: RequestContext): void {
    const [head, ...rest] = parts;
    if (head === undefined) return;
    if (node.object === 'list' && head === 'data') {
      for (const item of node.data as Json[]) this.expandAt(item, rest, path, ctx);
      return;
    }
    if (node.object === 'checkout.session' && head === 'line_items' && !('line_items' in node)) {
      const s = this.sessions.get(node.id as string);
      if (s) node.line_items = this.renderLineItems(s);
      if (rest.length) this.expandAt(node.line_items as Json, rest, path, ctx);
      return;
    }
    if (!(head in node)) throw invalid(`This property cannot be expanded (${head}).`, 'expand');
    let value = node[head];
    if (typeof value === 'string') {
      const found = this.renderById(value, ctx);
      if (!found) throw invalid(`This property cannot be expanded (${head}).`, 'expand');
      node[head] = found;
      value = found;
    }
    if (rest.length && value && typeof value === 'object') this.expandAt(value as Json, rest, path, ctx);
  }

  // ── persistence ───────────────────────────────────────────────────────────

  snapshot(): Json {
    return {
      accounts: [...this.accounts.values()],
      links: [...this.links.values()],
      sessions: [...this.sessions.values()],
      paymentIntents: [...this.paymentIntents.values()],
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      balanceTransactions: [...this.balanceTransactions.values()],
      payouts: [...this.payouts.values()],
      events: [...this.events.values()],
    };
  }

  restore(data: Json): void {
    const load = <T>(map: Map<string, T>, rows: unknown, key: (x: T) => string) => {
      if (!Array.isArray(rows)) return;
      for (const r of rows as T[]) map.set(key(r), r);
    };
    load(this.accounts, data.accounts, (x) => x.id);
    load(this.links, data.links, (x) => x.token);
    load(this.sessions, data.sessions, (x) => x.id);
    load(this.paymentIntents, data.paymentIntents, (x) => x.id);
    load(this.charges, data.charges, (x) => x.id);
    load(this.refunds, data.refunds, (x) => x.id);
    load(this.balanceTransactions, data.balanceTransactions, (x) => x.id);
    load(this.payouts, data.payouts, (x) => x.id);
    load(this.events, data.events, (x) => x.id);
  }
}

function isUrl(s: string): boolean {
  try {
    const u = new URL(s.replace('{CHECKOUT_SESSION_ID}', 'x'));
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function maskKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : '***';
}

function paramsToJson(p: Params): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === 'object' && !Array.isArray(v) ? paramsToJson(v) : v;
  return out;
}
