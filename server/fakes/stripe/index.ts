// Linli's local Stripe fake: an HTTP server the real `stripe` SDK talks to unchanged
// (`new Stripe(key, { host, port, protocol: 'http' })`), with Stripe's request encoding,
// auth, Stripe-Account scoping, idempotency keys, error objects, hosted checkout and
// onboarding pages, and signed webhooks with retries. Started by scripts/server.mjs when the
// fakes are on, and by tests in-process. Plain TypeScript with erasable syntax only (Node
// strips the types), so scripts/server.mjs imports it directly.
//
// API (Bearer sk_test_…; Stripe-Account scopes to a connected account; Idempotency-Key on POST):
//   POST/GET /v1/accounts, GET/POST /v1/accounts/:id, GET /v1/account, POST /v1/account_links
//   POST/GET /v1/checkout/sessions, GET /v1/checkout/sessions/:id (expand), …/:id/line_items,
//     POST …/:id/expire
//   GET /v1/payment_intents(/:id), GET /v1/charges(/:id), POST/GET /v1/refunds, GET /v1/refunds/:id
//   GET /v1/balance, GET /v1/balance_transactions(/:id) (payout, type, source, created[…]),
//   GET /v1/payouts(/:id) (created[…], arrival_date[…], status), GET /v1/events(/:id)
// Hosted pages: /c/pay/:session (Pay, Decline, Async, Async fails, Cancel → cancel_url),
//   /setup/e/:token (account onboarding: Complete → return_url; spent or expired → refresh_url).
// Control (tests, demo): the functions on the returned handle (pay, decline, payAsync,
// settleAsync, expire, completeOnboarding, events, redeliver, deliverPending, idle,
// holdDeliveries, sendEvent, deliveries, settleRefund(s), createPayout, …), and the same over
// HTTP under /_fake/ (controlRoutes below).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { StripeError, invalid } from './errors.ts';
import { parseForm, type Params } from './form.ts';
import { newId, randomChars } from './ids.ts';
import { checkoutPage, messagePage, onboardingPage } from './pages.ts';
import { API_VERSION, StripeFakeState, maskKey, type Json, type RefundMode, type RequestContext, type StripeEvent } from './state.ts';
import { WebhookDeliverer, signatureHeader, type DeliverFn, type Delivery } from './webhooks.ts';

export { API_VERSION, signatureHeader, type DeliverFn, type StripeEvent };

export type StripeFakeOptions = {
  /** 0 (default): a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** base URL of the hosted pages as a browser reaches them (default http://<host>:<port>) */
  publicUrl?: string;
  /** the API key to accept; any sk_test_… is accepted unless strictKey */
  secretKey?: string;
  strictKey?: boolean;
  webhookSecret?: string;
  /** where events go: a URL (POST) … */
  webhookUrl?: string | null;
  /** … or an in-process endpoint */
  deliver?: DeliverFn | null;
  /** Stripe's retry back-off (about 3 days) times this; tests use e.g. 0.0001 */
  retryScale?: number;
  maxDeliveryAttempts?: number;
  /** refunds: 'immediate', 'manual' (control call), or ms until they succeed (default 2000) */
  refunds?: RefundMode;
  /** ms until a "pay later" payment settles by itself (default 5000); null: control call only */
  asyncDelayMs?: number | null;
  /** JSON file the state is kept in across restarts */
  stateFile?: string | null;
  /** environment for the production guard (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** ms clock */
  now?: () => number;
  feeFor?: (amount: number, method: string) => number;
};

/** With NODE_ENV=production and a real database the fake answers 404 unless LINLI_FAKES=1. */
export function fakesLockedOut(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production' && Boolean(env.DATABASE_URL || env.APP_DATABASE_URL) && env.LINLI_FAKES !== '1';
}

type IdempotentEntry = { fingerprint: string; endpoint: string; status: number; body: string; requestId: string; at: number };

type Route = { method: string; re: RegExp; run: (ctx: RequestContext, p: Params, m: RegExpMatchArray) => Json };

export type StripeFake = Awaited<ReturnType<typeof startStripeFake>>;

export async function startStripeFake(opts: StripeFakeOptions = {}) {
  const host = opts.host ?? '127.0.0.1';
  const secretKey = opts.secretKey ?? `sk_test_${randomChars(40)}`;
  const webhookSecret = opts.webhookSecret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const lockedOut = fakesLockedOut(opts.env ?? process.env);
  const nowMs = opts.now ?? Date.now;
  let publicUrl = opts.publicUrl?.replace(/\/$/, '') ?? '';

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const idempotency = new Map<string, IdempotentEntry>();
  const save = () => {
    if (!opts.stateFile || saveTimer) return;
    saveTimer = setTimeout(flush, 200);
    saveTimer.unref?.();
  };
  const flush = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (!opts.stateFile) return;
    mkdirSync(dirname(opts.stateFile), { recursive: true });
    const tmp = `${opts.stateFile}.tmp`;
    const undelivered = deliverer?.deliveries.filter((d) => d.state === 'pending' || d.state === 'in_flight').map((d) => d.eventId) ?? [];
    writeFileSync(tmp, JSON.stringify({ version: 1, state: state.snapshot(), idempotency: [...idempotency], undelivered }));
    renameSync(tmp, opts.stateFile);
  };

  let deliverer: WebhookDeliverer | null = null;
  const state = new StripeFakeState({
    now: opts.now,
    publicUrl: () => publicUrl,
    feeFor: opts.feeFor,
    refunds: opts.refunds,
    asyncDelayMs: opts.asyncDelayMs,
    onEvent: (e) => {
      deliverer?.enqueue(e.id);
    },
    onChange: save,
  });
  deliverer = new WebhookDeliverer({
    secret: webhookSecret,
    url: opts.webhookUrl ?? null,
    deliver: opts.deliver ?? null,
    retryScale: opts.retryScale,
    maxAttempts: opts.maxDeliveryAttempts,
    now: opts.now,
    event: (id) => state.events.get(id),
    onChange: save,
  });
  const webhooks = deliverer;

  // events not delivered yet when the state was saved: delivered again once listening
  let undelivered: string[] = [];
  if (opts.stateFile) {
    try {
      const saved = JSON.parse(readFileSync(opts.stateFile, 'utf8')) as {
        state?: Json;
        idempotency?: [string, IdempotentEntry][];
        undelivered?: string[];
      };
      if (saved.state) state.restore(saved.state);
      for (const [k, v] of saved.idempotency ?? []) idempotency.set(k, v);
      undelivered = [...new Set(saved.undelivered ?? [])];
    } catch {
      // no saved state yet (or unreadable): start empty
    }
  }

  const sys = (account: string | null = null): RequestContext => ({ account, requestId: null, idempotencyKey: null });
  const routes: Route[] = [
    { method: 'POST', re: /^\/v1\/accounts$/, run: (c, p) => state.createAccount(c, p) },
    { method: 'GET', re: /^\/v1\/accounts$/, run: (c, p) => state.listAccounts(c, p) },
    { method: 'GET', re: /^\/v1\/accounts\/([^/]+)$/, run: (c, p, m) => state.getAccount(c, m[1]!, p) },
    { method: 'POST', re: /^\/v1\/accounts\/([^/]+)$/, run: (c, p, m) => state.updateAccount(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/account$/, run: (c) => state.getOwnAccount(c) },
    { method: 'POST', re: /^\/v1\/account_links$/, run: (c, p) => state.createAccountLink(c, p) },
    { method: 'POST', re: /^\/v1\/checkout\/sessions$/, run: (c, p) => state.createSession(c, p) },
    { method: 'GET', re: /^\/v1\/checkout\/sessions$/, run: (c, p) => state.listSessions(c, p) },
    { method: 'GET', re: /^\/v1\/checkout\/sessions\/([^/]+)$/, run: (c, p, m) => state.getSession(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/, run: (c, p, m) => state.getLineItems(c, m[1]!, p) },
    { method: 'POST', re: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, run: (c, p, m) => state.expireSession(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/payment_intents$/, run: (c, p) => state.listPaymentIntents(c, p) },
    { method: 'GET', re: /^\/v1\/payment_intents\/([^/]+)$/, run: (c, p, m) => state.getPaymentIntent(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/charges$/, run: (c, p) => state.listCharges(c, p) },
    { method: 'GET', re: /^\/v1\/charges\/([^/]+)$/, run: (c, p, m) => state.getCharge(c, m[1]!, p) },
    { method: 'POST', re: /^\/v1\/refunds$/, run: (c, p) => state.createRefund(c, p) },
    { method: 'GET', re: /^\/v1\/refunds$/, run: (c, p) => state.listRefunds(c, p) },
    { method: 'GET', re: /^\/v1\/refunds\/([^/]+)$/, run: (c, p, m) => state.getRefund(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/balance$/, run: (c) => state.getBalance(c) },
    { method: 'GET', re: /^\/v1\/balance_transactions$/, run: (c, p) => state.listBalanceTransactions(c, p) },
    { method: 'GET', re: /^\/v1\/balance_transactions\/([^/]+)$/, run: (c, p, m) => state.getBalanceTransaction(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/payouts$/, run: (c, p) => state.listPayouts(c, p) },
    { method: 'GET', re: /^\/v1\/payouts\/([^/]+)$/, run: (c, p, m) => state.getPayout(c, m[1]!, p) },
    { method: 'GET', re: /^\/v1\/events$/, run: (c, p) => state.listEvents(c, p) },
    { method: 'GET', re: /^\/v1\/events\/([^/]+)$/, run: (c, _p, m) => state.getEvent(c, m[1]!) },
  ];

  // ── control (also over HTTP under /_fake/) ────────────────────────────────
  const control = {
    /** Pays an open session as the hosted page's Pay does (method: card, alipay, wechat_pay). */
    pay: (sessionId: string, method?: string) => state.renderSession(state.attemptPayment(sessionId, 'succeed', method).session),
    /** A declined card: the session stays open; returns the error. */
    decline: (sessionId: string) => state.attemptPayment(sessionId, 'decline').error!,
    /** "Pay later": the session completes unpaid and settles after asyncDelayMs (or settleAsync). */
    payAsync: (sessionId: string, method?: string, opts: { fail?: boolean } = {}) =>
      state.renderSession(state.attemptPayment(sessionId, opts.fail ? 'async_fail' : 'async', method).session),
    settleAsync: (sessionId: string, succeeded = true) => state.renderSession(state.settleAsync(sessionId, succeeded)),
    expire: (sessionId: string) => {
      const s = state.sessions.get(sessionId);
      return state.expireSession(sys(s?.owner ?? null), sessionId, {});
    },
    completeOnboarding: (accountId: string) => state.completeAccount(accountId),
    /** Events, oldest first (optionally of one type / one account). */
    events: (filter: { type?: string; account?: string | null } = {}): StripeEvent[] =>
      [...state.events.values()].filter(
        (e) => (!filter.type || e.type === filter.type) && (filter.account === undefined || (e.account ?? null) === filter.account),
      ),
    /** Delivers an event once more (a duplicate, as Stripe sometimes sends). */
    redeliver: (eventId: string): Delivery | null => {
      if (!state.events.has(eventId)) throw invalid(`No such event: '${eventId}'`, 'id', 'resource_missing');
      return webhooks.enqueue(eventId, true);
    },
    /** Attempts every delivery waiting on its back-off now; resolves when they are answered. */
    deliverPending: () => webhooks.deliverPending(),
    /** Holds new deliveries until deliverPending(), sendEvent() or hold(false): events in a chosen order. */
    holdDeliveries: (on = true) => webhooks.hold(on),
    /** Sends an event's waiting deliveries now; resolves with the endpoint's answers. */
    sendEvent: (eventId: string) => webhooks.send(eventId),
    /** Resolves when no delivery is in flight. */
    idle: () => webhooks.idle(),
    deliveries: (eventId?: string): Delivery[] => (eventId ? webhooks.forEvent(eventId) : webhooks.deliveries),
    setWebhookTarget: (target: { url?: string | null; deliver?: DeliverFn | null; retryScale?: number }) => webhooks.configure(target),
    settleRefund: (refundId: string, succeeded = true) => state.settleRefund(refundId, succeeded),
    /** Settles every pending refund; returns their ids. */
    settleRefunds: (succeeded = true) => state.settlePendingRefunds(succeeded),
    setRefundMode: (mode: RefundMode) => state.setRefundMode(mode),
    setAsyncDelay: (ms: number | null) => state.setAsyncDelay(ms),
    /** Pays out the account's balance (one payout per currency). */
    createPayout: (accountId: string | null, opts: { arrivalDate?: number } = {}) => state.createPayout(accountId, opts),
  };

  const controlRoutes: { method: string; re: RegExp; run: (p: Params, m: RegExpMatchArray) => unknown }[] = [
    { method: 'GET', re: /^\/_fake\/health$/, run: () => ({ ok: true }) },
    {
      method: 'POST',
      re: /^\/_fake\/checkout\/sessions\/([^/]+)\/pay$/,
      run: (p, m) => control.pay(m[1]!, typeof p.method === 'string' ? p.method : undefined),
    },
    { method: 'POST', re: /^\/_fake\/checkout\/sessions\/([^/]+)\/decline$/, run: (_p, m) => ({ error: control.decline(m[1]!) }) },
    {
      method: 'POST',
      re: /^\/_fake\/checkout\/sessions\/([^/]+)\/pay_async$/,
      run: (p, m) => control.payAsync(m[1]!, typeof p.method === 'string' ? p.method : undefined, { fail: p.fail === 'true' }),
    },
    { method: 'POST', re: /^\/_fake\/checkout\/sessions\/([^/]+)\/async_(succeed|fail)$/, run: (_p, m) => control.settleAsync(m[1]!, m[2] === 'succeed') },
    { method: 'POST', re: /^\/_fake\/checkout\/sessions\/([^/]+)\/expire$/, run: (_p, m) => control.expire(m[1]!) },
    { method: 'POST', re: /^\/_fake\/accounts\/([^/]+)\/complete$/, run: (_p, m) => control.completeOnboarding(m[1]!) },
    {
      method: 'GET',
      re: /^\/_fake\/events$/,
      run: (p) => ({
        object: 'list',
        data: control.events({
          type: typeof p.type === 'string' ? p.type : undefined,
          account: typeof p.account === 'string' ? (p.account === '' ? null : p.account) : undefined,
        }),
      }),
    },
    { method: 'POST', re: /^\/_fake\/events\/([^/]+)\/redeliver$/, run: (_p, m) => ({ delivery: control.redeliver(m[1]!) }) },
    { method: 'POST', re: /^\/_fake\/webhooks\/deliver_pending$/, run: async () => ({ attempted: await control.deliverPending() }) },
    {
      method: 'POST',
      re: /^\/_fake\/webhooks\/hold$/,
      run: (p) => {
        control.holdDeliveries(p.on !== 'false');
        return { held: p.on !== 'false' };
      },
    },
    { method: 'POST', re: /^\/_fake\/events\/([^/]+)\/send$/, run: async (_p, m) => ({ statuses: await control.sendEvent(m[1]!) }) },
    { method: 'GET', re: /^\/_fake\/deliveries$/, run: (p) => ({ data: control.deliveries(typeof p.event === 'string' ? p.event : undefined) }) },
    { method: 'POST', re: /^\/_fake\/refunds\/settle$/, run: (p) => ({ settled: control.settleRefunds(p.status !== 'failed') }) },
    { method: 'POST', re: /^\/_fake\/refunds\/([^/]+)\/settle$/, run: (p, m) => control.settleRefund(m[1]!, p.status !== 'failed') },
    {
      method: 'POST',
      re: /^\/_fake\/payouts$/,
      run: (p) => ({ object: 'list', data: control.createPayout(typeof p.account === 'string' && p.account ? p.account : null) }),
    },
  ];

  // ── HTTP ──────────────────────────────────────────────────────────────────

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  const sendHtml = (res: ServerResponse, status: number, html: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
  const redirect = (res: ServerResponse, to: string) => {
    res.writeHead(303, { location: to, 'cache-control': 'no-store' });
    res.end();
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1_000_000) reject(new StripeError(413, 'invalid_request_error', 'Request body too large.'));
        else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  function authenticate(req: IncomingMessage): string {
    const auth = req.headers.authorization ?? '';
    let key = '';
    if (/^bearer /i.test(auth)) key = auth.slice(7).trim();
    else if (/^basic /i.test(auth)) key = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
    if (!key) {
      throw new StripeError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    if (!key.startsWith('sk_test_') || (opts.strictKey && key !== secretKey)) {
      throw new StripeError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`, { code: 'api_key_invalid' });
    }
    return key;
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    const requestId = newId('req');
    const headers: Record<string, string> = {
      'request-id': requestId,
      'stripe-version': String(req.headers['stripe-version'] ?? API_VERSION),
    };
    try {
      const method = req.method ?? 'GET';
      const body = method === 'POST' ? await readBody(req) : '';
      const apiKey = authenticate(req);
      const account = typeof req.headers['stripe-account'] === 'string' && req.headers['stripe-account'] ? req.headers['stripe-account'] : null;
      state.checkAccountHeader(account, apiKey);
      const params = parseForm(method === 'POST' ? body : query);
      const route = routes.find((r) => r.method === method && r.re.test(path));
      if (!route) {
        const exists = routes.some((r) => r.re.test(path));
        throw new StripeError(
          exists ? 405 : 404,
          'invalid_request_error',
          `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        );
      }
      const keyHeader = req.headers['idempotency-key'];
      const idemKey = method === 'POST' && typeof keyHeader === 'string' && keyHeader ? keyHeader : null;
      const ctx: RequestContext = { account, requestId, idempotencyKey: idemKey, apiVersion: headers['stripe-version'] };
      if (idemKey) {
        if (idemKey.length > 255) throw invalid('Idempotency-Key must be at most 255 characters long.', undefined, 'idempotency_key_in_use');
        headers['idempotency-key'] = idemKey;
        const scope = `${account ?? ''}\u0000${idemKey}`;
        const fingerprint = canonical(params);
        const endpoint = `${method} ${path}`;
        pruneIdempotency();
        const prior = idempotency.get(scope);
        if (prior) {
          if (prior.endpoint !== endpoint) {
            throw new StripeError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${prior.endpoint.split(' ')[1]}' vs '${path}'). Try using a key other than '${idemKey}' if you meant to execute a different request.`,
            );
          }
          if (prior.fingerprint !== fingerprint) {
            throw new StripeError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
            );
          }
          send(res, prior.status, prior.body, { ...headers, 'idempotent-replayed': 'true', 'original-request': prior.requestId });
          return;
        }
        const out = JSON.stringify(route.run(ctx, params, path.match(route.re)!), null, 2);
        idempotency.set(scope, { fingerprint, endpoint, status: 200, body: out, requestId, at: nowMs() });
        save();
        send(res, 200, out, headers);
        return;
      }
      send(res, 200, JSON.stringify(route.run(ctx, params, path.match(route.re)!), null, 2), headers);
    } catch (e) {
      const err = e instanceof StripeError ? e : new StripeError(500, 'api_error', e instanceof Error ? e.message : 'Internal error');
      if (!(e instanceof StripeError)) console.error('[stripe fake]', e);
      send(res, err.status, JSON.stringify({ error: { ...err.body().error, request_log_url: `${publicUrl}/logs/${requestId}` } }, null, 2), headers);
    }
  }

  function pruneIdempotency(): void {
    const cutoff = nowMs() - 24 * 3600 * 1000;
    if (idempotency.size < 1000) return;
    for (const [k, v] of idempotency) if (v.at < cutoff) idempotency.delete(k);
  }

  async function hosted(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const method = req.method ?? 'GET';
    let m = path.match(/^\/c\/pay\/([^/]+)$/);
    if (m && method === 'GET') {
      const s = state.hostedSession(decodeURIComponent(m[1]!));
      if (!s) sendHtml(res, 404, messagePage('找不到此支付页面 · Checkout session not found'));
      else
        sendHtml(
          res,
          200,
          checkoutPage(s, s.owner ? state.accounts.get(s.owner) : undefined, query.get('error') === 'card_declined' ? 'Your card was declined.' : null),
        );
      return true;
    }
    m = path.match(/^\/c\/pay\/([^/]+)\/(pay|decline|async|async-fail)$/);
    if (m && method === 'POST') {
      const id = decodeURIComponent(m[1]!);
      const form = parseForm(await readBody(req));
      const chosen = typeof form.method === 'string' ? form.method : undefined;
      const s = state.hostedSession(id);
      if (!s) {
        sendHtml(res, 404, messagePage('找不到此支付页面 · Checkout session not found'));
        return true;
      }
      if (s.status !== 'open') {
        redirect(res, `/c/pay/${encodeURIComponent(id)}`);
        return true;
      }
      const action = m[2]!;
      const outcome = action === 'pay' ? 'succeed' : action === 'decline' ? 'decline' : action === 'async' ? 'async' : 'async_fail';
      const result = state.attemptPayment(id, outcome, chosen);
      if (!result.ok) {
        redirect(res, `/c/pay/${encodeURIComponent(id)}?error=card_declined`);
        return true;
      }
      redirect(res, (s.successUrl ?? `/c/pay/${encodeURIComponent(id)}`).replace('{CHECKOUT_SESSION_ID}', s.id));
      return true;
    }
    m = path.match(/^\/setup\/e\/([^/]+)$/);
    if (m && method === 'GET') {
      const opened = state.openLink(decodeURIComponent(m[1]!));
      if (!opened) sendHtml(res, 404, messagePage('此链接无效 · This link is not valid'));
      else if (opened.redirect) redirect(res, opened.redirect);
      else sendHtml(res, 200, onboardingPage(opened.link, state.accounts.get(opened.link.account)!));
      return true;
    }
    m = path.match(/^\/setup\/e\/([^/]+)\/(complete|leave)$/);
    if (m && method === 'POST') {
      await readBody(req);
      const token = decodeURIComponent(m[1]!);
      const opened = state.openLink(token);
      if (!opened) sendHtml(res, 404, messagePage('此链接无效 · This link is not valid'));
      else if (opened.redirect) redirect(res, opened.redirect);
      else if (m[2] === 'complete') redirect(res, state.completeOnboarding(token));
      else {
        opened.link.used = true;
        redirect(res, opened.link.returnUrl);
      }
      return true;
    }
    return false;
  }

  async function controlHttp(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    const method = req.method ?? 'GET';
    try {
      const params = parseForm(method === 'POST' ? await readBody(req) : query);
      const route = controlRoutes.find((r) => r.method === method && r.re.test(path));
      if (!route) throw new StripeError(404, 'invalid_request_error', `Unrecognized control URL (${method}: ${path}).`);
      send(res, 200, JSON.stringify(await route.run(params, path.match(route.re)!), null, 2));
    } catch (e) {
      const err = e instanceof StripeError ? e : new StripeError(500, 'api_error', e instanceof Error ? e.message : 'Internal error');
      send(res, err.status, JSON.stringify(err.body(), null, 2));
    }
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const done = (p: Promise<unknown>) =>
      p.catch((e: unknown) => {
        console.error('[stripe fake]', e);
        if (!res.headersSent) send(res, 500, JSON.stringify({ error: { type: 'api_error', message: 'Internal error' } }));
        else res.end();
      });
    if (lockedOut) {
      req.resume();
      send(res, 404, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Not found.' } }));
      return;
    }
    if (path.startsWith('/v1/')) void done(api(req, res, path, url.search.slice(1)));
    else if (path.startsWith('/_fake/')) void done(controlHttp(req, res, path, url.search.slice(1)));
    else
      void done(
        hosted(req, res, path, url.searchParams).then((handled) => {
          if (!handled) sendHtml(res, 404, messagePage('Not found'));
        }),
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  if (!publicUrl) publicUrl = url;

  // sessions past expires_at expire (and emit checkout.session.expired) as on Stripe
  const sweep = setInterval(() => state.sweepExpired(true), 5000);
  for (const id of undelivered) webhooks.enqueue(id);
  sweep.unref?.();

  return {
    url,
    host: urlHost,
    port,
    secretKey,
    webhookSecret,
    lockedOut,
    /** the internal objects (tests may look, e.g. at state.sessions) */
    state,
    ...control,
    /** base URL of the hosted pages (session.url, account link url) from now on */
    setPublicUrl(u: string): void {
      publicUrl = u.replace(/\/$/, '');
    },
    /** options for `new Stripe(secretKey, stripeOptions)` */
    stripeOptions: { host: urlHost, port, protocol: 'http' as const },
    async stop(): Promise<void> {
      clearInterval(sweep);
      state.stop();
      webhooks.stop();
      if (opts.stateFile) flush();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Params in a stable form: the same request with keys in another order is the same request. */
function canonical(p: unknown): string {
  if (Array.isArray(p)) return `[${p.map(canonical).join(',')}]`;
  if (p && typeof p === 'object') {
    return `{${Object.keys(p)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((p as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(p);
}
