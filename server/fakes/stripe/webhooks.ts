// Webhook delivery as Stripe does it: each event POSTed as JSON with a `Stripe-Signature`
// header `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the whsec_ secret>`
// (what stripe.webhooks.constructEvent checks). A delivery answered with anything but 2xx, or
// failing, is retried with Stripe's backoff (about three days), scaled by `retryScale`
// (tests: 0.0001). The target is a URL or an in-process function.
import { createHmac } from 'node:crypto';
import type { StripeEvent } from './state.ts';

/** In-process endpoint: gets the raw body and the signature header, answers an HTTP status. */
export type DeliverFn = (rawBody: string, signatureHeader: string) => Promise<number>;

/** Seconds after the 1st, 2nd, … failed attempt (Stripe: exponential back-off over ~3 days). */
export const RETRY_SCHEDULE_S = [60, 300, 1800, 3600, 7200, 14400, 28800, 43200, 43200, 43200, 43200, 43200, 43200];

export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export type DeliveryAttempt = { at: number; status: number | null; error: string | null };

export type Delivery = {
  eventId: string;
  state: 'pending' | 'in_flight' | 'succeeded' | 'failed';
  attempts: DeliveryAttempt[];
  /** ms clock of the next attempt (pending) */
  nextAt: number | null;
  /** a duplicate delivery asked for by a control call */
  duplicate: boolean;
};

export type DelivererOptions = {
  secret: string;
  url?: string | null;
  deliver?: DeliverFn | null;
  retryScale?: number;
  /** attempts before giving up (Stripe: about 3 days of retries) */
  maxAttempts?: number;
  timeoutMs?: number;
  now?: () => number;
  event: (id: string) => StripeEvent | undefined;
  onChange?: () => void;
};

export class WebhookDeliverer {
  deliveries: Delivery[] = [];
  private opts: DelivererOptions;
  private timers = new Map<Delivery, ReturnType<typeof setTimeout>>();
  private inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(opts: DelivererOptions) {
    this.opts = opts;
  }

  get enabled(): boolean {
    return Boolean(this.opts.url || this.opts.deliver);
  }

  configure(target: { url?: string | null; deliver?: DeliverFn | null; retryScale?: number }): void {
    if ('url' in target) this.opts.url = target.url ?? null;
    if ('deliver' in target) this.opts.deliver = target.deliver ?? null;
    if (target.retryScale !== undefined) this.opts.retryScale = target.retryScale;
  }

  private nowMs(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** A new event: delivered now (asynchronously), retried on failure. */
  enqueue(eventId: string, duplicate = false): Delivery | null {
    if (!this.enabled || this.stopped) return null;
    const d: Delivery = { eventId, state: 'pending', attempts: [], nextAt: this.held ? null : this.nowMs(), duplicate };
    this.deliveries.push(d);
    if (!this.held) this.schedule(d, 0);
    return d;
  }

  private held = false;

  /**
   * Held: new deliveries wait (state pending, no timer) until deliverPending() or hold(false),
   * or are sent one by one with send(eventId) — to deliver events in an order of a test's choosing.
   */
  hold(on: boolean): void {
    this.held = on;
    if (on) return;
    for (const d of this.deliveries) if (d.state === 'pending' && d.nextAt === null && !this.timers.has(d)) this.schedule(d, 0);
  }

  /** Sends the event's waiting (held or backing-off) deliveries now; resolves with their answers. */
  async send(eventId: string): Promise<(number | null)[]> {
    const waiting = this.deliveries.filter((d) => d.eventId === eventId && d.state === 'pending');
    for (const d of waiting) {
      const t = this.timers.get(d);
      if (t) clearTimeout(t);
      this.timers.delete(d);
    }
    await Promise.all(waiting.map((d) => this.attempt(d)));
    return waiting.map((d) => d.attempts.at(-1)?.status ?? null);
  }

  private schedule(d: Delivery, ms: number): void {
    const old = this.timers.get(d);
    if (old) clearTimeout(old);
    const t = setTimeout(() => {
      this.timers.delete(d);
      this.track(this.attempt(d));
    }, ms);
    t.unref?.();
    this.timers.set(d, t);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async attempt(d: Delivery): Promise<void> {
    if (this.stopped || d.state !== 'pending') return;
    const event = this.opts.event(d.eventId);
    if (!event) return;
    d.state = 'in_flight';
    d.nextAt = null;
    const pendingNow = this.deliveries.filter((x) => x.eventId === d.eventId && x.state !== 'succeeded' && x.state !== 'failed').length;
    const payload = JSON.stringify({ ...event, pending_webhooks: Math.max(1, pendingNow) }, null, 2);
    const at = this.nowMs();
    // signed at the wall clock's time even when the fake's clock is moved (tests): receivers
    // check the timestamp against their own clock (constructEvent: 5 minutes' tolerance)
    const header = signatureHeader(payload, this.opts.secret, Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await this.post(payload, header);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    d.attempts.push({ at, status, error });
    if (status !== null && status >= 200 && status < 300) {
      d.state = 'succeeded';
    } else {
      const n = d.attempts.length;
      const max = this.opts.maxAttempts ?? RETRY_SCHEDULE_S.length + 1;
      if (n >= max || this.stopped) {
        d.state = 'failed';
      } else {
        d.state = 'pending';
        const delay = Math.round(RETRY_SCHEDULE_S[Math.min(n - 1, RETRY_SCHEDULE_S.length - 1)]! * 1000 * (this.opts.retryScale ?? 1));
        d.nextAt = this.nowMs() + delay;
        this.schedule(d, delay);
      }
    }
    this.opts.onChange?.();
  }

  private async post(payload: string, header: string): Promise<number> {
    if (this.opts.deliver) return this.opts.deliver(payload, header);
    const res = await fetch(this.opts.url!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': header,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'cache-control': 'no-cache',
        accept: '*/*; q=0.5, application/xml',
      },
      body: payload,
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 20_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  }

  /** Attempts every pending delivery now (not waiting for its back-off) and waits for them. */
  async deliverPending(): Promise<number> {
    const pending = this.deliveries.filter((d) => d.state === 'pending');
    for (const d of pending) {
      const t = this.timers.get(d);
      if (t) clearTimeout(t);
      this.timers.delete(d);
      this.track(this.attempt(d));
    }
    await this.idle();
    return pending.length;
  }

  /** Waits until no delivery is in flight (retries still waiting on their back-off do not count). */
  async idle(): Promise<void> {
    // a timer due now (delay 0) is about to start an attempt: let it
    const dueFirst = () => this.deliveries.some((d) => d.state === 'pending' && d.attempts.length === 0 && this.timers.has(d));
    while (this.inFlight.size || dueFirst()) {
      if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      else await new Promise((r) => setTimeout(r, 1));
    }
  }

  forEvent(eventId: string): Delivery[] {
    return this.deliveries.filter((d) => d.eventId === eventId);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
