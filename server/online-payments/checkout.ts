import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import { AppError, notFound } from '../errors';
import { appUrl } from '../env';
import { logger } from '../logger';
import { serverTranslator } from '../i18n/translator';
import { outstandingFen } from '../billing/bill-status';
import { accruedNotCharged } from '../billing/late-fee-charges';
import { compareBillsOldestFirst } from '../payments/allocation';
import { formatReceiptNo, today } from '../payments/ledger';
import { myPayerUnits } from '../my-bills/resident';
import { getApplicationFee } from '../platform/application-fee';
import { applicationFeeFor } from '../shared/application-fee';
import { fromDateColumn } from '../shared/calendar';
import { pageWindow } from '../shared/paging';
import type { StartCheckoutInput, ZGetCheckout, ZMyCheckouts } from '../shared/schemas/checkout';
import type { CheckoutLineItem, PaymentProvider } from './provider';
import { getPaymentProvider } from './stripe-provider';

// A resident pays online (issue #14). Each attempt is a CheckoutIntent: its payer (one of the
// resident's homes), its bills and amounts read here from the database (never from the
// browser), one line per bill's outstanding amount plus, on a line of its own (lateFee), the
// late fee accrued on it up to today and not yet charged. The intent is written first; then the
// Stripe Checkout Session on the company's connected account, whose only metadata is the
// intent's id and whose idempotency key is that id. The webhook (webhook.ts) records the money
// (record-online-payment.ts); this file never does.
//
// Another attempt for the same home expires the attempts still open for any of the same bills
// (best effort: a session already paid cannot be expired, and its money then becomes credit or
// is refunded by policy, record-online-payment.ts).

/** How long Checkout's page stays payable (Stripe allows 30 minutes to 24 hours). */
const SESSION_MINUTES = 60;
/** Stripe takes at most 100 line items; more bills are shown as one line. */
const MAX_LINE_ITEMS = 100;

function provider(): PaymentProvider {
  const p = getPaymentProvider();
  if (!p) throw new AppError('PRECONDITION_FAILED', 'onlinePaymentsOff');
  return p;
}

/** The company's connected account, if it may take payments now, and the methods it offers. */
export async function readyAccount(db: TenantDb, tenantId: string) {
  const s = await db.onlinePaymentSettings.findUnique({
    where: { tenantId },
    select: { stripeAccountId: true, status: true, chargesEnabled: true, methods: true, overpayment: true },
  });
  if (!s || s.status !== 'READY' || !s.chargesEnabled || !s.stripeAccountId || s.methods.length === 0) return null;
  return { accountId: s.stripeAccountId, methods: s.methods, overpayment: s.overpayment };
}

type Line = { billId: string; lateFee: boolean; amountFen: number; name: string };

type PayableBill = {
  id: string;
  kind: string;
  period: string;
  dueDate: Date;
  amountFen: number;
  paidFen: number;
  adjustedFen: number;
  voidedAt: Date | null;
  payerKind: string;
  payerId: string;
  description: string;
  feeItem: { name: string } | null;
  forBill: { period: string; feeItem: { name: string } | null } | null;
};

const BILL_SELECT = {
  id: true,
  kind: true,
  period: true,
  dueDate: true,
  amountFen: true,
  paidFen: true,
  adjustedFen: true,
  voidedAt: true,
  payerKind: true,
  payerId: true,
  description: true,
  feeItem: { select: { name: true } },
  forBill: { select: { period: true, feeItem: { select: { name: true } } } },
} as const;

/** The home this attempt pays for: the bills', the one named, or the resident's only one. */
function pickUnit(units: readonly string[], unitId: string | undefined, candidates?: readonly string[]): string {
  if (unitId) {
    if (!units.includes(unitId)) throw notFound('unit');
    return unitId;
  }
  const pool = candidates ?? units;
  if (pool.length === 1) return pool[0]!;
  if (pool.length === 0) throw candidates ? new AppError('BAD_REQUEST', 'nothingToPay') : notFound('unit');
  throw new AppError('BAD_REQUEST', 'chooseTheUnit');
}

export type StartedCheckout = { intentId: string; checkoutUrl: string; amountFen: number };

/**
 * Starts an online payment for the signed-in resident: bills they choose (of one home), all
 * that their home owes, or a top-up of their credit (预存). The company must be READY (Stripe
 * Connect) with methods chosen. Bills of another company or another home are NOT_FOUND.
 */
export async function startCheckout(scope: Scope, input: StartCheckoutInput): Promise<StartedCheckout> {
  const { db, tenantId } = scope;
  const stripe = provider();
  const account = await readyAccount(db, tenantId);
  if (!account) throw new AppError('PRECONDITION_FAILED', 'onlinePaymentsNotReady');
  const units = await myPayerUnits(scope);
  const t = serverTranslator(scope.locale);

  let payerId: string;
  let bills: PayableBill[] = [];
  const topUp = input.topUpFen;
  if (topUp !== undefined) {
    payerId = pickUnit(units, input.unitId);
  } else if (input.billIds) {
    const ids = [...new Set(input.billIds)];
    const found = units.length
      ? await db.bill.findMany({ where: { tenantId, id: { in: ids }, payerKind: 'UNIT', payerId: { in: units } }, select: BILL_SELECT })
      : [];
    if (found.length !== ids.length) throw notFound('bill');
    const payers = [...new Set(found.map((b) => b.payerId))];
    if (payers.length > 1) throw new AppError('BAD_REQUEST', 'checkoutOnePayer');
    payerId = pickUnit(units, input.unitId ?? payers[0], payers);
    if (payerId !== payers[0]) throw new AppError('BAD_REQUEST', 'checkoutOnePayer');
    bills = found;
  } else {
    const owing = units.length
      ? await db.bill.findMany({ where: { tenantId, payerKind: 'UNIT', payerId: { in: units }, voidedAt: null }, select: BILL_SELECT })
      : [];
    const open = owing.filter((b) => outstandingFen(b) > 0);
    payerId = pickUnit(units, input.unitId, [...new Set(open.map((b) => b.payerId))]);
    bills = open.filter((b) => b.payerId === payerId);
  }

  const lines = topUp !== undefined ? [{ billId: '', lateFee: false, amountFen: topUp, name: t('payments.onlineItemTopUp') }] : await billLines(scope, bills);
  if (lines.length === 0) throw new AppError('BAD_REQUEST', 'nothingToPay');
  const amountFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const applicationFeeFen = applicationFeeFor(amountFen, await getApplicationFee(db));

  // A new attempt for the same bills (or a second top-up) retires the open ones.
  await expireOverlapping(scope, stripe, account.accountId, payerId, topUp !== undefined ? null : bills.map((b) => b.id));

  const intent = await db.checkoutIntent.create({
    data: {
      tenantId,
      purpose: topUp !== undefined ? 'TOP_UP' : 'BILLS',
      payerKind: 'UNIT',
      payerId,
      userId: scope.actorId,
      amountFen,
      currency: scope.currency,
      stripeAccountId: account.accountId,
      applicationFeeFen,
    },
    select: { id: true },
  });
  if (topUp === undefined) {
    await db.checkoutIntentLine.createMany({
      data: lines.map((l) => ({ tenantId, intentId: intent.id, billId: l.billId, lateFee: l.lateFee, amountFen: l.amountFen })),
    });
  }
  const page = `${appUrl()}/${scope.slug}/my-bills/checkout/${intent.id}`;
  const items: CheckoutLineItem[] =
    lines.length > MAX_LINE_ITEMS
      ? [{ name: t('payments.onlineItemMany', { count: lines.length }), amountFen }]
      : lines.map((l) => ({ name: l.name, amountFen: l.amountFen }));
  const session = await stripe.createCheckoutSession(account.accountId, {
    intentId: intent.id,
    currency: scope.currency,
    lineItems: items,
    methods: account.methods,
    applicationFeeFen,
    successUrl: `${page}?session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${page}?cancelled=1`,
    expiresAt: new Date(Date.now() + SESSION_MINUTES * 60_000), // Stripe's clock, not a test's
    locale: scope.locale,
  });
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`);
  await db.checkoutIntent.updateMany({
    where: { tenantId, id: intent.id },
    data: { sessionId: session.id, checkoutUrl: session.url },
  });
  return { intentId: intent.id, checkoutUrl: session.url, amountFen };
}

/** One line per open bill (principal first, oldest first), then its accrued late fee on a line of its own. */
async function billLines(scope: Scope, bills: readonly PayableBill[]): Promise<Line[]> {
  const t = serverTranslator(scope.locale);
  const open = bills
    .filter((b) => !b.voidedAt && outstandingFen(b) > 0)
    .map((b) => ({ ...b, outstandingFen: outstandingFen(b), due: fromDateColumn(b.dueDate), lateFee: b.kind === 'LATE_FEE' }))
    .sort((a, b) => compareBillsOldestFirst({ ...a, dueDate: a.due }, { ...b, dueDate: b.due }));
  const accrued = await accruedNotCharged(
    scope.db,
    scope.tenantId,
    open.filter((b) => !b.lateFee).map((b) => b.id),
    today(scope),
  );
  const item = (b: PayableBill) => b.feeItem?.name ?? (b.description || t(`receipt.kinds.${b.kind as 'ONE_OFF'}`));
  const lines: Line[] = open.map((b) => ({
    billId: b.id,
    lateFee: false,
    amountFen: b.outstandingFen,
    name:
      b.kind === 'LATE_FEE'
        ? t('payments.onlineItemLateFee', { item: b.forBill?.feeItem?.name ?? '', period: b.forBill?.period ?? b.period })
        : t('payments.onlineItemBill', { item: item(b), period: b.period }),
  }));
  for (const b of open) {
    const fen = accrued.get(b.id) ?? 0;
    if (fen > 0) lines.push({ billId: b.id, lateFee: true, amountFen: fen, name: t('payments.onlineItemLateFee', { item: item(b), period: b.period }) });
  }
  return lines;
}

/** Expires this home's open attempts that pay any of `billIds` (top-ups: other open top-ups). Best effort. */
async function expireOverlapping(scope: Scope, stripe: PaymentProvider, accountId: string, payerId: string, billIds: string[] | null) {
  const { db, tenantId } = scope;
  const open = await db.checkoutIntent.findMany({
    where: {
      tenantId,
      payerKind: 'UNIT',
      payerId,
      status: 'OPEN',
      sessionId: { not: null },
      ...(billIds ? { purpose: 'BILLS', lines: { some: { billId: { in: billIds } } } } : { purpose: 'TOP_UP' }),
    },
    select: { id: true, sessionId: true, stripeAccountId: true },
  });
  for (const o of open) {
    try {
      const s = await stripe.expireCheckoutSession(o.stripeAccountId || accountId, o.sessionId!);
      if (s.status === 'expired') {
        await db.checkoutIntent.updateMany({ where: { tenantId, id: o.id, status: 'OPEN' }, data: { status: 'EXPIRED', settledAt: new Date() } });
      }
    } catch (e) {
      // Paid meanwhile (complete sessions cannot be expired) or the provider is down: the webhook settles it.
      logger.info({ err: e, intentId: o.id }, 'checkout: could not expire an earlier session');
    }
  }
}

/**
 * One of the resident's own attempts, for the return page: OPEN (in Checkout), PROCESSING
 * (paid, being confirmed), SUCCEEDED (with receipt number and payment id), FAILED or EXPIRED.
 * An attempt still OPEN here whose session Stripe reports complete shows as PROCESSING (the
 * webhook records it; this read writes nothing).
 */
export async function getCheckout(scope: Scope, { intentId }: z.output<typeof ZGetCheckout>) {
  const { db, tenantId } = scope;
  const intent = await db.checkoutIntent.findFirst({
    where: { tenantId, id: intentId, userId: scope.actorId },
    include: {
      lines: {
        orderBy: [{ lateFee: 'asc' }, { id: 'asc' }],
        include: {
          bill: {
            select: {
              kind: true,
              period: true,
              description: true,
              feeItem: { select: { name: true } },
              forBill: { select: { feeItem: { select: { name: true } } } },
            },
          },
        },
      },
      payment: { select: { id: true, receiptYear: true, receiptNo: true, credit: { select: { amountFen: true } } } },
    },
  });
  if (!intent) throw notFound('checkout');
  let status = intent.status;
  if (status === 'OPEN' && intent.sessionId) {
    const stripe = getPaymentProvider();
    try {
      const s = stripe ? await stripe.getCheckoutSession(intent.stripeAccountId, intent.sessionId) : null;
      if (s?.status === 'complete') status = 'PROCESSING';
    } catch (e) {
      logger.info({ err: e, intentId }, 'checkout: session not readable');
    }
  }
  return {
    id: intent.id,
    purpose: intent.purpose,
    status,
    amountFen: intent.amountFen,
    currency: intent.currency,
    createdAt: intent.createdAt,
    settledAt: intent.settledAt,
    failureCode: intent.failureCode,
    lines: intent.lines.map((l) => ({
      billId: l.billId,
      lateFee: l.lateFee,
      amountFen: l.amountFen,
      kind: l.bill.kind,
      period: l.bill.period,
      description: l.bill.description,
      feeItem: l.bill.feeItem?.name ?? l.bill.forBill?.feeItem?.name ?? null,
    })),
    paymentId: intent.payment?.id ?? null,
    receiptNo: intent.payment ? formatReceiptNo(intent.payment.receiptYear, intent.payment.receiptNo) : null,
    /** what became credit (预存): a top-up, or bills paid meanwhile */
    creditAddedFen: intent.payment ? intent.payment.credit.filter((c) => c.amountFen > 0).reduce((s, c) => s + c.amountFen, 0) : 0,
  };
}

/** The resident's attempts, newest first. */
export async function listMyCheckouts(scope: Scope, q: z.output<typeof ZMyCheckouts>) {
  const { db, tenantId } = scope;
  const where = { tenantId, userId: scope.actorId };
  const total = await db.checkoutIntent.count({ where });
  const rows = await db.checkoutIntent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
    select: {
      id: true,
      purpose: true,
      status: true,
      amountFen: true,
      currency: true,
      createdAt: true,
      settledAt: true,
      payment: { select: { id: true, receiptYear: true, receiptNo: true } },
    },
  });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map(({ payment, ...r }) => ({
      ...r,
      paymentId: payment?.id ?? null,
      receiptNo: payment ? formatReceiptNo(payment.receiptYear, payment.receiptNo) : null,
    })),
  };
}
