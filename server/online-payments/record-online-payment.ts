import 'server-only';
import type { Scope } from '../db/scope';
import { logger } from '../logger';
import { notifyUsers } from '../notifications/outbox';
import { serverTranslator, textLocale } from '../i18n/translator';
import { today } from '../payments/ledger';
import { writePayment, type WrittenPayment } from '../payments/record-payment';
import { localDate } from '../shared/calendar';
import { formatFen } from '../shared/money';
import type { Charge, CheckoutSession } from './provider';
import { requestAutomaticRefund } from './refunds';

// What a Checkout Session's state (re-fetched from Stripe by the webhook) does to its
// CheckoutIntent, in the webhook's one transaction (the one that records the event):
//   paid                     → the money is recorded, once, as a Payment through the counter's
//                              own writer (payments/record-payment.ts writePayment): method
//                              ONLINE, entered by the system actor 'system:online', received on
//                              the charge's local date, never refused by a closed day or period
//                              (it moves to the first open day; the 日结 report flags it);
//   complete but unpaid      → PROCESSING (an async method settles later);
//   async payment failed     → FAILED;    expired → EXPIRED;   bills untouched in both.
// Exactly once: the intent's row is locked first, and once SUCCEEDED nothing runs again
// (a second event about the same session, a replay, a duplicate in flight waiting on the lock).
// Lock order: the intent, then writePayment's (payer, days, bills, receipt counter).
//
// The intent's bills that are still open get paid; a bill settled meanwhile (at the counter, or
// by another session of the same resident) is skipped and its share becomes the payer's credit
// (预存). With the company's overpayment policy REFUND, that surplus is also refunded at once
// (refunds.ts requestAutomaticRefund: the refund takes the credit back when Stripe confirms it).

/** The intent's session cannot be applied yet (its intent is not in this company): answer 503, Stripe retries. */
export class EventNotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventNotReady';
  }
}

type LockedIntent = {
  id: string;
  purpose: 'BILLS' | 'TOP_UP';
  payerKind: 'UNIT' | 'PARKING';
  payerId: string;
  userId: string;
  amountFen: number;
  stripeAccountId: string;
  sessionId: string | null;
  status: 'OPEN' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'EXPIRED';
};

export type SessionOutcome =
  | { outcome: 'recorded'; intentId: string; paymentId: string; receiptNo: string; creditAddedFen: number; refundedFen: number }
  | { outcome: 'status'; intentId: string; status: LockedIntent['status'] }
  | { outcome: 'unchanged'; intentId: string; status: LockedIntent['status'] }
  | { outcome: 'ignored'; reason: string };

async function lockIntent(scope: Scope, intentId: string): Promise<LockedIntent | null> {
  const rows = await scope.db.$queryRaw<LockedIntent[]>`
    select "id", "purpose"::text as "purpose", "payerKind"::text as "payerKind", "payerId", "userId", "amountFen",
           "stripeAccountId", "sessionId", "status"::text as "status"
    from "CheckoutIntent" where "tenantId" = ${scope.tenantId} and "id" = ${intentId}
    for update`;
  return rows[0] ?? null;
}

/**
 * Applies a Checkout Session's state to its intent. `charge`: the session's payment intent's
 * charge when the session is paid (re-fetched from Stripe). `failed`: the event said the async
 * payment failed. Throws EventNotReady when the intent is not (yet) in this company.
 */
export async function applyCheckoutSession(
  scope: Scope,
  a: { account: string; session: CheckoutSession; charge: Charge | null; failed: boolean },
): Promise<SessionOutcome> {
  const { db, tenantId } = scope;
  const { session } = a;
  if (!session.intentId) return { outcome: 'ignored', reason: 'not a Linli session' };
  const intent = await lockIntent(scope, session.intentId);
  if (!intent) throw new EventNotReady(`checkout intent ${session.intentId} not found`);
  if (intent.stripeAccountId !== a.account || (intent.sessionId && intent.sessionId !== session.id)) {
    logger.warn({ intentId: intent.id, account: a.account, sessionId: session.id }, 'stripe webhook: session does not match its intent');
    return { outcome: 'ignored', reason: 'session does not match its intent' };
  }
  if (intent.status === 'SUCCEEDED') return { outcome: 'unchanged', intentId: intent.id, status: intent.status };

  if (session.status === 'complete' && session.paymentStatus === 'paid') {
    if (!a.charge || a.charge.status !== 'succeeded') throw new EventNotReady(`session ${session.id} is paid but its charge is not readable yet`);
    return recordOnlinePayment(scope, intent, session, a.charge);
  }
  const next: LockedIntent['status'] | null =
    a.failed && session.paymentStatus !== 'paid' ? 'FAILED' : session.status === 'expired' ? 'EXPIRED' : session.status === 'complete' ? 'PROCESSING' : null;
  if (!next || next === intent.status) return { outcome: 'unchanged', intentId: intent.id, status: intent.status };
  await db.checkoutIntent.updateMany({
    where: { tenantId, id: intent.id },
    data: {
      status: next,
      sessionId: session.id,
      ...(session.paymentIntentId ? { paymentIntentId: session.paymentIntentId } : {}),
      ...(next === 'FAILED' ? { failureCode: 'async_payment_failed' } : {}),
      ...(next === 'PROCESSING' ? {} : { settledAt: new Date() }),
    },
  });
  return { outcome: 'status', intentId: intent.id, status: next };
}

/** The paid session's money as a Payment (see the head of this file), its OnlineCharge, the intent SUCCEEDED, the resident told. */
async function recordOnlinePayment(scope: Scope, intent: LockedIntent, session: CheckoutSession, charge: Charge): Promise<SessionOutcome> {
  const { db, tenantId } = scope;
  const lines = await db.checkoutIntentLine.findMany({
    where: { tenantId, intentId: intent.id, lateFee: false },
    orderBy: { id: 'asc' },
    select: { billId: true },
  });
  const entryDay = today(scope);
  const chargeDay = localDate(scope.timeZone, charge.created);
  const payment: WrittenPayment = await writePayment(scope, {
    payer: { kind: intent.payerKind, id: intent.payerId },
    method: 'ONLINE',
    amountFen: charge.amountFen,
    receivedOn: chargeDay < entryDay ? chargeDay : entryDay,
    closedPeriod: 'move',
    // Accrued late fees are not lines of their own here: paying an overdue bill materializes
    // its late fee as of the payment's effective date, and the chosen bill's late-fee bill is paid with it.
    allocate: intent.purpose === 'TOP_UP' ? 'none' : { chosen: [...new Set(lines.map((l) => l.billId))], settled: 'skip' },
    useCredit: false,
    note: '',
    externalRef: charge.paymentIntentId,
  });
  await db.onlineCharge.create({
    data: {
      tenantId,
      paymentId: payment.id,
      intentId: intent.id,
      chargeId: charge.id,
      paymentIntentId: charge.paymentIntentId,
      amountFen: charge.amountFen,
      feeFen: charge.feeFen,
      netFen: charge.netFen,
      applicationFeeFen: charge.applicationFeeFen,
      balanceTransactionId: charge.balanceTransactionId,
      paidAt: charge.created,
    },
  });
  await db.checkoutIntent.updateMany({
    where: { tenantId, id: intent.id },
    data: {
      status: 'SUCCEEDED',
      paymentId: payment.id,
      sessionId: session.id,
      paymentIntentId: charge.paymentIntentId,
      settledAt: new Date(),
      failureCode: null,
    },
  });

  const t = serverTranslator(scope.locale);
  const amount = formatFen(charge.amountFen, scope.currency, textLocale(scope.locale));
  await notifyUsers(db, tenantId, [
    {
      userId: intent.userId,
      kind: 'payment.online',
      title: t('payments.onlinePaidTitle'),
      body: t(intent.purpose === 'TOP_UP' ? 'payments.onlineTopUpBody' : 'payments.onlinePaidBody', { amount, receiptNo: payment.receiptNo }),
      link: `/${scope.slug}/my-bills/checkout/${intent.id}`,
    },
  ]);

  // Money for bills settled meanwhile: credit (above), refunded too when the company says so.
  let refundedFen = 0;
  const surplusFen = intent.purpose === 'BILLS' ? payment.creditAddedFen : 0;
  if (surplusFen > 0) {
    const settings = await db.onlinePaymentSettings.findUnique({ where: { tenantId }, select: { overpayment: true } });
    if (settings?.overpayment === 'REFUND') {
      const r = await requestAutomaticRefund(scope, { paymentId: payment.id, amountFen: surplusFen });
      if (r.status !== 'FAILED') refundedFen = surplusFen;
    }
  }
  return { outcome: 'recorded', intentId: intent.id, paymentId: payment.id, receiptNo: payment.receiptNo, creditAddedFen: payment.creditAddedFen, refundedFen };
}
