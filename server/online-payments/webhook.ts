import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { withScope, type Scope } from '../db/scope';
import { tenantByStripeAccount } from '../db/system';
import { logger } from '../logger';
import { ONLINE_ACTOR_ID } from '../shared/system-actors';
import { applyAccountState } from './connect';
import type { PaymentProvider, ProviderEvent } from './provider';
import { applyCheckoutSession, EventNotReady } from './record-online-payment';
import { RefundChargeUnknown, recordConfirmedRefunds } from './refunds';
import { getPaymentProvider } from './stripe-provider';

// POST /api/webhooks/stripe (app/api/webhooks/stripe/route.ts) lands here with the raw body.
//   1. The signature is checked over the raw body: a bad one → 400, nothing read or written.
//   2. Only the allow-listed types are handled (HANDLERS); others → 200, ignored.
//   3. The tenant is the company owning the event's connected account (`account`, looked up by
//      linli_tenant_by_stripe_account), never metadata: an unknown account → 200, ignored, logged.
//   4. The handler re-fetches the object from Stripe (the payload may be stale or reordered).
//   5. Its effect and the StripeEvent row (unique event id) commit in ONE transaction (applyOnce):
//      a replayed or duplicated event is a 200 no-op, also when two copies race (the second
//      insert waits on the unique index, then finds the first). An event that cannot be applied
//      yet (EventNotReady, RefundChargeUnknown: its checkout or charge is not known here yet)
//      rolls back, event row included, and answers 503, so Stripe delivers it again later.

export type WebhookResult = { status: number; body: Record<string, unknown> };

export type WebhookContext = {
  prisma: PrismaClient;
  provider: PaymentProvider;
  event: ProviderEvent;
  /** the connected account (acct_…) the event is about */
  account: string;
  tenantId: string;
  /**
   * Runs `effect` in one transaction as the company (scope actor: the system actor 'online'),
   * after recording the event there; returns null without running it when the event was
   * already recorded. Throwing rolls both back.
   */
  applyOnce: <T>(effect: (scope: Scope) => Promise<T>) => Promise<{ result: T } | null>;
};

export type WebhookHandler = (ctx: WebhookContext) => Promise<unknown>;

/** Checkout Session events: the session's current state decides (record-online-payment.ts). */
const checkoutSession: WebhookHandler = async (ctx) => {
  const session = await ctx.provider.getCheckoutSession(ctx.account, ctx.event.objectId);
  const paid = session.status === 'complete' && session.paymentStatus === 'paid' && session.paymentIntentId;
  const charge = paid ? await ctx.provider.getChargeForPaymentIntent(ctx.account, session.paymentIntentId!) : null;
  const failed = ctx.event.type === 'checkout.session.async_payment_failed';
  return ctx.applyOnce((scope) => applyCheckoutSession(scope, { account: ctx.account, session, charge, failed }));
};

/** Refunds Stripe confirmed (refunds.ts records them; its charge unknown yet → 503). */
const chargeRefunded: WebhookHandler = async (ctx) => {
  const charge = await ctx.provider.getCharge(ctx.account, ctx.event.objectId);
  return ctx.applyOnce((scope) => recordConfirmedRefunds(scope, charge));
};

/**
 * A refund's status changed (Stripe sends no charge.refunded for a refund that fails): its
 * charge re-fetched, a failed or canceled refund is marked FAILED (what it held is refundable
 * again), a succeeded one recorded as for charge.refunded.
 */
const chargeRefundUpdated: WebhookHandler = async (ctx) => {
  const refund = await ctx.provider.getRefund(ctx.account, ctx.event.objectId);
  const charge = await ctx.provider.getCharge(ctx.account, refund.chargeId);
  return ctx.applyOnce((scope) => recordConfirmedRefunds(scope, charge));
};

/** The connected account's status and flags (connect.ts; READY when charges are enabled). */
const accountUpdated: WebhookHandler = async (ctx) => {
  const account = await ctx.provider.getAccount(ctx.account);
  return ctx.applyOnce(async (scope) => {
    const s = await applyAccountState(scope.db, scope.tenantId, account, null);
    return { status: s?.status ?? null };
  });
};

/** The allow-list. Others' parts plug their handlers in here. */
export const HANDLERS: Record<string, WebhookHandler> = {
  'checkout.session.completed': checkoutSession,
  'checkout.session.async_payment_succeeded': checkoutSession,
  'checkout.session.async_payment_failed': checkoutSession,
  'checkout.session.expired': checkoutSession,
  'charge.refunded': chargeRefunded,
  'charge.refund.updated': chargeRefundUpdated,
  'account.updated': accountUpdated,
};

const NOT_READY = [EventNotReady, RefundChargeUnknown];

async function alreadyRecorded(prisma: PrismaClient, tenantId: string, eventId: string): Promise<boolean> {
  const rows = await withScope(
    prisma,
    tenantId,
    ONLINE_ACTOR_ID,
    (s) => s.db.$queryRaw<{ n: number }[]>`select 1 as n from "StripeEvent" where "tenantId" = ${tenantId} and "eventId" = ${eventId}`,
  );
  return rows.length > 0;
}

export async function handleStripeWebhook(
  prisma: PrismaClient,
  rawBody: string,
  signatureHeader: string | null,
  deps: { provider?: PaymentProvider | null; now?: Date } = {},
): Promise<WebhookResult> {
  const provider = deps.provider ?? getPaymentProvider();
  if (!provider) return { status: 404, body: { error: 'online payment is off' } };
  let event: ProviderEvent;
  try {
    event = provider.verifyWebhook(rawBody, signatureHeader);
  } catch (e) {
    logger.warn({ err: (e as Error).message }, 'stripe webhook: bad signature');
    return { status: 400, body: { error: 'bad signature' } };
  }
  const handler = Object.hasOwn(HANDLERS, event.type) ? HANDLERS[event.type] : undefined;
  if (!handler) return { status: 200, body: { received: true, ignored: 'type' } };
  if (!event.account) {
    logger.warn({ eventId: event.id, type: event.type }, 'stripe webhook: no connected account');
    return { status: 200, body: { received: true, ignored: 'no account' } };
  }
  const account = event.account;
  const tenantId = await tenantByStripeAccount(prisma, account);
  if (!tenantId) {
    logger.warn({ eventId: event.id, type: event.type, account }, 'stripe webhook: unknown connected account');
    return { status: 200, body: { received: true, ignored: 'unknown account' } };
  }
  if (await alreadyRecorded(prisma, tenantId, event.id)) return { status: 200, body: { received: true, duplicate: true } };

  const applyOnce = <T>(effect: (scope: Scope) => Promise<T>) =>
    withScope(
      prisma,
      tenantId,
      ONLINE_ACTOR_ID,
      async (scope) => {
        const claimed = await scope.db.$queryRaw<{ id: string }[]>`
          insert into "StripeEvent" ("tenantId", "id", "eventId", "type", "account")
          values (${tenantId}, gen_random_uuid()::text, ${event.id}, ${event.type}, ${account})
          on conflict ("eventId") do nothing
          returning "id"`;
        if (claimed.length === 0) return null;
        return { result: await effect(scope) };
      },
      deps.now,
    );
  try {
    const applied = (await handler({ prisma, provider, event, account, tenantId, applyOnce })) as { result: unknown } | null;
    if (applied === null) return { status: 200, body: { received: true, duplicate: true } };
    return { status: 200, body: { received: true, applied: applied.result ?? null } };
  } catch (e) {
    if (NOT_READY.some((k) => e instanceof k)) {
      logger.info({ eventId: event.id, type: event.type, reason: (e as Error).message }, 'stripe webhook: not applicable yet, Stripe will retry');
      return { status: 503, body: { error: 'not ready', retry: true } };
    }
    logger.error({ err: e, eventId: event.id, type: event.type }, 'stripe webhook: failed');
    return { status: 500, body: { error: 'internal' } };
  }
}
