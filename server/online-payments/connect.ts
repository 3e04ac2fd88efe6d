import 'server-only';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import type { StripeAccountStatus } from '../db/generated/enums';
import { AppError } from '../errors';
import { appUrl } from '../env';
import { recordAudit } from '../tenancy/audit';
import type { OnlinePaymentSettingsInput } from '../shared/schemas/online-payments';
import { onlinePaymentAvailable } from './config';
import type { ConnectedAccount, PaymentProvider } from './provider';
import { getPaymentProvider } from './stripe-provider';

// A company's Stripe connected account (Stripe Connect, one per tenant) and what residents see:
// the payment methods and the overpayment policy. Status: NOT_CONNECTED (no account yet),
// PENDING (account made, onboarding not finished or Stripe still checking), READY (Stripe lets it
// take charges). Every change is audited in the same transaction.

const ENTITY = 'OnlinePaymentSettings';

/** READY exactly when Stripe says the account can take charges. */
export const statusOf = (a: Pick<ConnectedAccount, 'chargesEnabled'>): StripeAccountStatus => (a.chargesEnabled ? 'READY' : 'PENDING');

function provider(): PaymentProvider {
  const p = getPaymentProvider();
  if (!p) throw new AppError('PRECONDITION_FAILED', 'onlinePaymentsOff');
  return p;
}

/** The company's settings row, made with the defaults on first use and locked for this transaction. */
async function lockedSettings(db: TenantDb, tenantId: string) {
  await db.onlinePaymentSettings.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
  await db.$queryRaw`select 1 from "OnlinePaymentSettings" where "tenantId" = ${tenantId} for update`;
  return db.onlinePaymentSettings.findUniqueOrThrow({ where: { tenantId } });
}

type SettingsRow = Awaited<ReturnType<typeof lockedSettings>>;

function view(
  scope: Pick<Scope, 'currency'>,
  s: Pick<
    SettingsRow,
    'stripeAccountId' | 'status' | 'chargesEnabled' | 'payoutsEnabled' | 'detailsSubmitted' | 'methods' | 'overpayment' | 'updatedAt'
  > | null,
) {
  return {
    /** Online payment is configured on this server (Stripe keys, or the fake in the demo). */
    available: onlinePaymentAvailable(),
    status: s?.status ?? ('NOT_CONNECTED' as StripeAccountStatus),
    stripeAccountId: s?.stripeAccountId ?? null,
    chargesEnabled: s?.chargesEnabled ?? false,
    payoutsEnabled: s?.payoutsEnabled ?? false,
    detailsSubmitted: s?.detailsSubmitted ?? false,
    methods: s?.methods ?? ['card'],
    overpayment: s?.overpayment ?? 'CREDIT',
    /** Residents pay in the company's currency. */
    currency: scope.currency,
    updatedAt: s?.updatedAt ?? null,
  };
}
export type OnlinePaymentSettingsView = ReturnType<typeof view>;

export async function getOnlinePaymentSettings(scope: Scope): Promise<OnlinePaymentSettingsView> {
  const s = await scope.db.onlinePaymentSettings.findUnique({ where: { tenantId: scope.tenantId } });
  return view(scope, s);
}

/** Where Stripe's hosted onboarding sends the admin back: the online payments page. */
export function onboardingUrls(slug: string) {
  const page = `${appUrl()}/${slug}/online-payments`;
  return { refreshUrl: `${page}?onboarding=refresh`, returnUrl: `${page}?onboarding=return` };
}

/**
 * Starts or continues onboarding: makes the connected account when the company has none
 * (PENDING from then on), and returns a fresh Account Link (they are single-use and expire).
 */
export async function connectStripe(scope: Scope): Promise<{ url: string; stripeAccountId: string }> {
  const { db, tenantId, actorId, slug } = scope;
  const p = provider();
  const s = await lockedSettings(db, tenantId);
  let accountId = s.stripeAccountId;
  if (!accountId) {
    // Idempotent per tenant at Stripe as well: a retry after a lost answer gets the same account.
    const account = await p.createConnectedAccount({ tenantId });
    accountId = account.id;
    const after = {
      stripeAccountId: accountId,
      status: 'PENDING' as const,
      chargesEnabled: account.chargesEnabled,
      payoutsEnabled: account.payoutsEnabled,
      detailsSubmitted: account.detailsSubmitted,
    };
    await db.onlinePaymentSettings.update({ where: { tenantId }, data: after });
    await recordAudit(db, {
      tenantId,
      actorId,
      action: 'onlinePayments.connect',
      entity: ENTITY,
      entityId: s.id,
      before: { stripeAccountId: null, status: s.status },
      after: { stripeAccountId: accountId, status: 'PENDING' },
    });
  }
  const link = await p.createAccountLink(accountId, onboardingUrls(slug));
  return { url: link.url, stripeAccountId: accountId };
}

/**
 * Writes what Stripe says of the account (status and flags), audited when the status changes.
 * The refresh button and the account.updated webhook (which finds the tenant by account id) both
 * come through here. `actorId` null: the webhook (system).
 */
export async function applyAccountState(db: TenantDb, tenantId: string, account: ConnectedAccount, actorId: string | null): Promise<SettingsRow | null> {
  const s = await db.onlinePaymentSettings.findUnique({ where: { tenantId } });
  if (!s || s.stripeAccountId !== account.id) return null;
  const status = statusOf(account);
  const data = { status, chargesEnabled: account.chargesEnabled, payoutsEnabled: account.payoutsEnabled, detailsSubmitted: account.detailsSubmitted };
  const unchanged =
    s.status === status && s.chargesEnabled === data.chargesEnabled && s.payoutsEnabled === data.payoutsEnabled && s.detailsSubmitted === data.detailsSubmitted;
  if (unchanged) return s;
  const updated = await db.onlinePaymentSettings.update({ where: { tenantId }, data });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'onlinePayments.status',
    entity: ENTITY,
    entityId: s.id,
    before: { status: s.status, chargesEnabled: s.chargesEnabled, payoutsEnabled: s.payoutsEnabled, detailsSubmitted: s.detailsSubmitted },
    after: data,
  });
  return updated;
}

/** Re-reads the account from Stripe (after onboarding, or when a webhook was missed). */
export async function refreshStripeStatus(scope: Scope): Promise<OnlinePaymentSettingsView> {
  const { db, tenantId, actorId } = scope;
  const s = await lockedSettings(db, tenantId);
  if (!s.stripeAccountId) return view(scope, s);
  const account = await provider().getAccount(s.stripeAccountId);
  return view(scope, (await applyAccountState(db, tenantId, account, actorId)) ?? s);
}

/** The payment methods residents see and the overpayment policy. */
export async function updateOnlinePaymentSettings(scope: Scope, input: OnlinePaymentSettingsInput): Promise<OnlinePaymentSettingsView> {
  const { db, tenantId, actorId } = scope;
  const s = await lockedSettings(db, tenantId);
  const before = { methods: s.methods, overpayment: s.overpayment };
  const after = { methods: input.methods, overpayment: input.overpayment };
  if (JSON.stringify(before) === JSON.stringify(after)) return view(scope, s);
  const updated = await db.onlinePaymentSettings.update({ where: { tenantId }, data: after });
  await recordAudit(db, { tenantId, actorId, action: 'onlinePayments.settings', entity: ENTITY, entityId: s.id, before, after });
  return view(scope, updated);
}
