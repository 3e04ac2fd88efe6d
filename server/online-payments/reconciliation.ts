import 'server-only';
import type { Scope } from '../db/scope';
import { AppError } from '../errors';
import { addDays, dateColumn, localDate } from '../shared/calendar';
import type { ReconciliationQuery } from '../shared/schemas/online-payments';
import type { BalanceTransaction, Payout } from './provider';
import { getPaymentProvider } from './stripe-provider';

// Reconciliation of online payments with Stripe, per local day (company time zone): gross,
// Stripe's fee, the platform's application fee, net, refunds and the payouts that carried the
// money, from Linli's OnlineCharge rows matched to the connected account's balance transactions.
// Flags what the two sides disagree on: a charge Stripe knows that Linli has no payment for, a
// Linli online payment Stripe does not know, and a charge whose amounts differ.

const DAY_MS = 86_400_000;
/** Balance transaction types that carry a payment (card: charge; Alipay, WeChat Pay: payment). */
const PAYMENT_TYPES = new Set(['charge', 'payment']);
/** How long after a charge its payout may arrive (Stripe's schedules: days; manual: longer). */
const PAYOUT_HORIZON_DAYS = 45;

export type ReconciliationFlag =
  | { kind: 'unknownAtLinli'; day: string; chargeId: string | null; balanceTransactionId: string; stripeAmountFen: number }
  | { kind: 'missingAtStripe'; day: string; chargeId: string | null; paymentId: string; linliAmountFen: number }
  | { kind: 'amountMismatch'; day: string; chargeId: string; paymentId: string; linliAmountFen: number; stripeAmountFen: number };

export type ReconciliationPayout = { id: string; arrivalDate: string | null; amountFen: number | null; status: string | null };

export interface ReconciliationDay {
  day: string;
  count: number;
  grossFen: number;
  stripeFeeFen: number;
  applicationFeeFen: number;
  netFen: number;
  refundsFen: number;
  payouts: ReconciliationPayout[];
}

export interface Reconciliation {
  from: string;
  to: string;
  currency: string;
  /** false: no Stripe account yet (nothing to compare) */
  connected: boolean;
  days: ReconciliationDay[];
  totals: Omit<ReconciliationDay, 'day' | 'payouts'>;
  flags: ReconciliationFlag[];
}

const emptyDay = (day: string): ReconciliationDay => ({
  day,
  count: 0,
  grossFen: 0,
  stripeFeeFen: 0,
  applicationFeeFen: 0,
  netFen: 0,
  refundsFen: 0,
  payouts: [],
});

export async function reconcileOnlinePayments(scope: Scope, q: ReconciliationQuery): Promise<Reconciliation> {
  const { db, tenantId, timeZone, currency } = scope;
  const inRange = (at: Date) => {
    const d = localDate(timeZone, at);
    return d >= q.from && d <= q.to ? d : null;
  };
  // Instants that surely cover the local days in any time zone (±14 h); filtered by local day after.
  const lo = new Date(dateColumn(q.from).getTime() - DAY_MS);
  const hi = new Date(dateColumn(addDays(q.to, 1)).getTime() + DAY_MS);

  const settings = await db.onlinePaymentSettings.findUnique({ where: { tenantId }, select: { stripeAccountId: true } });

  const charges = (
    await db.onlineCharge.findMany({
      where: { tenantId, paidAt: { gte: lo, lt: hi } },
      select: {
        chargeId: true,
        paymentId: true,
        amountFen: true,
        feeFen: true,
        netFen: true,
        applicationFeeFen: true,
        balanceTransactionId: true,
        payoutId: true,
        paidAt: true,
      },
      orderBy: [{ paidAt: 'asc' }, { id: 'asc' }],
    })
  ).flatMap((c) => {
    const day = inRange(c.paidAt);
    return day ? [{ ...c, day }] : [];
  });
  // Online payments recorded without a charge row (never expected: a payment Stripe cannot know).
  const orphanPayments = await db.payment.findMany({
    where: { tenantId, method: 'ONLINE', kind: 'PAYMENT', receivedOn: { gte: dateColumn(q.from), lte: dateColumn(q.to) }, onlineCharges: { none: {} } },
    select: { id: true, amountFen: true, receivedOn: true },
  });
  const refunds = (
    await db.onlineRefund.findMany({
      where: { tenantId, status: 'SUCCEEDED', confirmedAt: { gte: lo, lt: hi } },
      select: { amountFen: true, confirmedAt: true },
    })
  ).flatMap((r) => {
    const day = r.confirmedAt && inRange(r.confirmedAt);
    return day ? [{ ...r, day }] : [];
  });

  const days = new Map<string, ReconciliationDay>();
  const dayRow = (d: string) => days.get(d) ?? days.set(d, emptyDay(d)).get(d)!;
  const flags: ReconciliationFlag[] = orphanPayments.map((p) => ({
    kind: 'missingAtStripe' as const,
    day: p.receivedOn.toISOString().slice(0, 10),
    chargeId: null,
    paymentId: p.id,
    linliAmountFen: p.amountFen,
  }));

  // Stripe's side: the balance transactions around the range, and the payouts that may carry them.
  let bts: BalanceTransaction[] = [];
  const payoutOf = new Map<string, Payout>(); // balance transaction id → payout
  const payoutsById = new Map<string, Payout>();
  const accountId = settings?.stripeAccountId ?? null;
  if (accountId) {
    const provider = getPaymentProvider();
    if (!provider) throw new AppError('PRECONDITION_FAILED', 'onlinePaymentsOff');
    bts = await provider.listBalanceTransactions(accountId, { from: lo, to: hi });
    const payouts = await provider.listPayouts(accountId, { from: lo, to: new Date(hi.getTime() + PAYOUT_HORIZON_DAYS * DAY_MS) });
    for (const po of payouts) {
      payoutsById.set(po.id, po);
      for (const t of await provider.listBalanceTransactions(accountId, { payoutId: po.id })) payoutOf.set(t.id, po);
    }
  }
  const payments = bts.filter((t) => PAYMENT_TYPES.has(t.type));
  const btBySource = new Map(payments.flatMap((t) => (t.sourceId ? [[t.sourceId, t] as const] : [])));
  const btById = new Map(payments.map((t) => [t.id, t] as const));
  const matched = new Set<string>();

  for (const c of charges) {
    const row = dayRow(c.day);
    const bt = btBySource.get(c.chargeId) ?? (c.balanceTransactionId ? btById.get(c.balanceTransactionId) : undefined);
    row.count += 1;
    row.grossFen += c.amountFen;
    row.applicationFeeFen += c.applicationFeeFen;
    if (bt) {
      matched.add(bt.id);
      // A direct charge's balance transaction fee is Stripe's fee plus the application fee.
      row.stripeFeeFen += Math.max(0, bt.feeFen - c.applicationFeeFen);
      row.netFen += bt.netFen;
      if (bt.amountFen !== c.amountFen) {
        flags.push({
          kind: 'amountMismatch',
          day: c.day,
          chargeId: c.chargeId,
          paymentId: c.paymentId,
          linliAmountFen: c.amountFen,
          stripeAmountFen: bt.amountFen,
        });
      }
    } else {
      row.stripeFeeFen += c.feeFen;
      row.netFen += c.netFen;
      if (accountId) flags.push({ kind: 'missingAtStripe', day: c.day, chargeId: c.chargeId, paymentId: c.paymentId, linliAmountFen: c.amountFen });
    }
    const po =
      (bt && payoutOf.get(bt.id)) ??
      (c.payoutId ? (payoutsById.get(c.payoutId) ?? { id: c.payoutId, arrivalDate: null, amountFen: null, status: null }) : null);
    if (po && !row.payouts.some((p) => p.id === po.id)) {
      row.payouts.push({
        id: po.id,
        arrivalDate: po.arrivalDate ? localDate(timeZone, po.arrivalDate) : null,
        amountFen: po.amountFen,
        status: po.status,
      });
    }
  }
  for (const t of payments) {
    const day = inRange(t.created);
    if (day && !matched.has(t.id)) flags.push({ kind: 'unknownAtLinli', day, chargeId: t.sourceId, balanceTransactionId: t.id, stripeAmountFen: t.amountFen });
  }
  for (const r of refunds) dayRow(r.day).refundsFen += r.amountFen;

  const sorted = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  const totals = sorted.reduce(
    (s, d) => ({
      count: s.count + d.count,
      grossFen: s.grossFen + d.grossFen,
      stripeFeeFen: s.stripeFeeFen + d.stripeFeeFen,
      applicationFeeFen: s.applicationFeeFen + d.applicationFeeFen,
      netFen: s.netFen + d.netFen,
      refundsFen: s.refundsFen + d.refundsFen,
    }),
    { count: 0, grossFen: 0, stripeFeeFen: 0, applicationFeeFen: 0, netFen: 0, refundsFen: 0 },
  );
  flags.sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind));
  return { from: q.from, to: q.to, currency, connected: !!accountId, days: sorted, totals, flags };
}
