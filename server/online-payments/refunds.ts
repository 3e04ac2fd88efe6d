// Refunds of online payments. An admin asks for one (at most what is still refundable); under
// the company's four-eyes setting a second admin approves it before Stripe is called, else it
// is approved at once. Approval sends it to Stripe; the money is recorded only when Stripe says
// it succeeded (the createRefund answer itself, or `charge.refunded` re-fetched by the webhook):
// a REFUND payment (method ONLINE) that takes the money back first from the credit the payment
// created, then from its allocations newest first as negative allocations, counted on its own
// effective date (DOMAIN.md "Dates of money", closedPeriod 'move'). A refund made in Stripe's
// dashboard is recorded the same way, under the actor 'system:stripe'. An overpayment refunded
// by policy (automatic) goes through the same path without approval.
//
// Stripe is called inside the request's transaction, as its last step before the final writes:
//   - the refund's id is Stripe's idempotency key (and its metadata.refund). For an admin's
//     request the id is derived from the form's idempotency key, for an automatic one from the
//     payment: a retry after a timeout gets the refund Stripe already made, never a second one;
//   - Stripe refuses or cannot be reached → AppError `onlineRefundProviderFailed` (BAD_GATEWAY)
//     and the transaction rolls back: the refund stays as it was (PENDING_APPROVAL, or not
//     requested at all) and may be sent again with the same key. An automatic refund is written
//     FAILED instead (with Stripe's reason), so the payment it belongs to is still recorded;
//   - Stripe refunded but our commit failed: the refund comes back with `charge.refunded`, its
//     metadata names an id we do not have, and it is recorded as a refund we did not ask for,
//     so the money is right either way.
//
// Lock order (ledger.ts): the payer's row, then the refunded payment's row (FOR NO KEY UPDATE:
// it serializes the refunds of one payment and their confirmation, and does not block the
// foreign-key share locks of rows that reference the payment), then days, bills, as ledger.ts.

import 'server-only';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import type { OnlineRefundStatus } from '../db/generated/enums';
import { AppError, notFound } from '../errors';
import { logger } from '../logger';
import { recordAudit } from '../tenancy/audit';
import { assertSecondApprover, getApprovalSettings } from '../tenancy/four-eyes';
import { dateColumn, fromDateColumn, localDate } from '../shared/calendar';
import { fenToYuanString } from '../shared/money';
import { pageWindow } from '../shared/paging';
import { compareBillsOldestFirst } from '../payments/allocation';
import { creditOf, effectiveDate, formatReceiptNo, lockBills, lockPayer, today, writeAllocations } from '../payments/ledger';
import { memberNames, payerInfos, payerKey, unknownPayer } from '../payments/payers';
import { ZApproveOnlineRefund, ZListOnlineRefunds, ZRejectOnlineRefund, ZRequestOnlineRefund } from '../shared/schemas/online-refunds';
import type { Charge, PaymentProvider, Refund } from './provider';
import { getPaymentProvider } from './stripe-provider';
import { ONLINE_ACTOR_ID } from '../shared/system-actors';
import { memberName, notifyApprovers, notifyRequester, objectLabel, type ApprovalSubject } from '../notifications/approvals';
import { serverTranslator } from '../i18n/translator';

/**
 * Who asked for a refund made in Stripe's dashboard (not a user: see server/shared/system-actors.ts).
 * The REFUND money records are entered, and automatic refunds asked for, by ONLINE_ACTOR_ID.
 */
export const STRIPE_ACTOR_ID = 'system:stripe';

/** Tests pass a provider double; the app uses the configured one (Stripe or its local fake). */
export type RefundDeps = { provider?: PaymentProvider };
function providerOf(deps?: RefundDeps): PaymentProvider {
  const p = deps?.provider ?? getPaymentProvider();
  if (!p) throw new AppError('PRECONDITION_FAILED', 'onlinePaymentsOff');
  return p;
}

const yuan = (fen: number) => `¥${fenToYuanString(fen)}`;
/** Statuses that hold part of the payment: asked for, sent, or done. */
const HOLDING: OnlineRefundStatus[] = ['PENDING_APPROVAL', 'REQUESTED', 'SUCCEEDED'];

/** A UUID-shaped id fixed by its parts (sha-256): the same request always names the same refund. */
function keyedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type LockedPayment = {
  id: string;
  kind: string;
  method: string;
  status: string;
  amountFen: number;
  payerKind: 'UNIT' | 'PARKING';
  payerId: string;
  receiptYear: number | null;
  receiptNo: number | null;
};

/**
 * The online payment `paymentId` with its charge, its payer's row and its own row locked (in
 * that order). Another company's or unknown → NOT_FOUND; not an online payment → BAD_REQUEST.
 */
async function lockOnlinePayment(db: TenantDb, tenantId: string, paymentId: string) {
  const head = await db.payment.findUnique({
    where: { tenantId_id: { tenantId, id: paymentId } },
    select: { payerKind: true, payerId: true },
  });
  if (!head) throw notFound('payment');
  await lockPayer(db, tenantId, { kind: head.payerKind, id: head.payerId });
  const rows = await db.$queryRaw<LockedPayment[]>`
    select "id", "kind"::text as "kind", "method"::text as "method", "status"::text as "status", "amountFen",
           "payerKind"::text as "payerKind", "payerId", "receiptYear", "receiptNo"
    from "Payment" where "tenantId" = ${tenantId} and "id" = ${paymentId}
    for no key update`;
  const payment = rows[0];
  if (!payment) throw notFound('payment');
  const charge = await db.onlineCharge.findFirst({ where: { tenantId, paymentId }, orderBy: { createdAt: 'asc' } });
  if (payment.kind !== 'PAYMENT' || payment.method !== 'ONLINE' || !charge) throw new AppError('BAD_REQUEST', 'onlineRefundNotOnline');
  return { payment, charge };
}

/**
 * What can still be taken back from payment `p` as recorded now: the credit it created and not
 * yet taken back (no more than the payer's balance: credit spent since is gone), plus what its
 * allocations still hold per bill (less the negative allocations of its refunds so far).
 */
async function takeable(db: TenantDb, tenantId: string, p: LockedPayment) {
  const refundPaymentIds = (
    await db.onlineRefund.findMany({
      where: { tenantId, paymentId: p.id, status: 'SUCCEEDED', refundPaymentId: { not: null } },
      select: { refundPaymentId: true },
    })
  ).map((r) => r.refundPaymentId!);
  const ids = [p.id, ...refundPaymentIds];
  const credit = await db.creditEntry.findMany({ where: { tenantId, paymentId: { in: ids } }, select: { paymentId: true, amountFen: true } });
  const added = credit.filter((c) => c.paymentId === p.id && c.amountFen > 0).reduce((s, c) => s + c.amountFen, 0);
  const takenBack = -credit.filter((c) => c.paymentId !== p.id).reduce((s, c) => s + c.amountFen, 0);
  const { balanceFen } = await creditOf(db, tenantId, { kind: p.payerKind, id: p.payerId });
  const creditFen = Math.max(0, Math.min(added - takenBack, balanceFen));

  const allocations = await db.paymentAllocation.findMany({
    where: { tenantId, paymentId: { in: ids } },
    select: { billId: true, amountFen: true, bill: { select: { kind: true, dueDate: true, period: true } } },
  });
  const byBill = new Map<string, { billId: string; heldFen: number; lateFee: boolean; dueDate: string; period: string }>();
  for (const a of allocations) {
    const b = byBill.get(a.billId) ?? {
      billId: a.billId,
      heldFen: 0,
      lateFee: a.bill.kind === 'LATE_FEE',
      dueDate: fromDateColumn(a.bill.dueDate),
      period: a.bill.period,
    };
    b.heldFen += a.amountFen;
    byBill.set(a.billId, b);
  }
  // Newest first: the reverse of the order the payment was allocated in (principal before late
  // fees, oldest first), so the bills it paid last reopen first.
  const bills = [...byBill.values()]
    .filter((b) => b.heldFen > 0)
    .map((b) => ({ ...b, id: b.billId, outstandingFen: 0 }))
    .sort((a, b) => compareBillsOldestFirst(b, a));
  return { creditFen, bills, totalFen: creditFen + bills.reduce((s, b) => s + b.heldFen, 0) };
}

/** Σ refunds of the payment in the given statuses. */
async function refundsFen(db: TenantDb, tenantId: string, paymentId: string, statuses: OnlineRefundStatus[]) {
  const r = await db.onlineRefund.aggregate({ where: { tenantId, paymentId, status: { in: statuses } }, _sum: { amountFen: true } });
  return r._sum.amountFen ?? 0;
}

/** What may still be refunded: the amount less refunds asked for, sent or done, and no more than can be taken back. */
async function refundableOf(db: TenantDb, tenantId: string, p: LockedPayment) {
  const held = await refundsFen(db, tenantId, p.id, HOLDING);
  const inFlight = await refundsFen(db, tenantId, p.id, ['PENDING_APPROVAL', 'REQUESTED']);
  const t = await takeable(db, tenantId, p);
  return Math.max(0, Math.min(p.amountFen - held, t.totalFen - inFlight));
}

async function connectedAccount(db: TenantDb, tenantId: string): Promise<string> {
  const s = await db.onlinePaymentSettings.findUnique({ where: { tenantId }, select: { stripeAccountId: true } });
  if (!s?.stripeAccountId) throw new AppError('PRECONDITION_FAILED', 'stripeNotConnected');
  return s.stripeAccountId;
}

const providerCode = (e: unknown) => {
  const o = e as { code?: unknown; type?: unknown } | null;
  return typeof o?.code === 'string' ? o.code : typeof o?.type === 'string' ? o.type : '';
};

/**
 * Sends refund `id` (approved by `approverId`) to Stripe: status REQUESTED with Stripe's refund
 * id; recorded at once if Stripe answers succeeded. Stripe's failure: see the file's head.
 */
async function send(
  scope: Scope,
  refund: { id: string; amountFen: number; automatic: boolean },
  locked: Awaited<ReturnType<typeof lockOnlinePayment>>,
  approverId: string | null,
  deps?: RefundDeps,
) {
  const { db, tenantId } = scope;
  const account = await connectedAccount(db, tenantId);
  const now = scope.now ?? new Date();
  await db.onlineRefund.update({
    where: { tenantId_id: { tenantId, id: refund.id } },
    data: { status: 'REQUESTED', approvedById: approverId, decidedAt: now },
  });
  let answer: Refund;
  try {
    answer = await providerOf(deps).createRefund(account, {
      paymentIntentId: locked.charge.paymentIntentId,
      amountFen: refund.amountFen,
      onlineRefundId: refund.id,
    });
  } catch (e) {
    const code = providerCode(e);
    logger.warn({ err: (e as Error)?.message, code, refundId: refund.id }, 'online refund: Stripe refused or did not answer');
    if (!refund.automatic) throw new AppError('BAD_GATEWAY', 'onlineRefundProviderFailed', { code: code || 'provider_error' });
    await db.onlineRefund.update({ where: { tenantId_id: { tenantId, id: refund.id } }, data: { status: 'FAILED', failureReason: code || 'provider_error' } });
    return { status: 'FAILED' as const };
  }
  if (answer.status === 'failed' || answer.status === 'canceled') {
    await db.onlineRefund.update({
      where: { tenantId_id: { tenantId, id: refund.id } },
      data: { status: 'FAILED', stripeRefundId: answer.id, failureReason: answer.status },
    });
    return { status: 'FAILED' as const };
  }
  await db.onlineRefund.update({ where: { tenantId_id: { tenantId, id: refund.id } }, data: { stripeRefundId: answer.id } });
  if (answer.status === 'succeeded') {
    await confirm(scope, locked.payment, answer);
    return { status: 'SUCCEEDED' as const };
  }
  return { status: 'REQUESTED' as const };
}

/**
 * An admin asks to refund `amountFen` of online payment `paymentId`. More than is refundable →
 * BAD_REQUEST naming what is. Under four-eyes it waits for a second admin (PENDING_APPROVAL);
 * otherwise it is sent to Stripe now. A repeated idempotency key returns the first request.
 */
export async function requestOnlineRefund(scope: Scope, q: z.output<typeof ZRequestOnlineRefund>, deps?: RefundDeps) {
  const { db, tenantId, actorId } = scope;
  const locked = await lockOnlinePayment(db, tenantId, q.paymentId);
  const id = q.idempotencyKey ? keyedId(tenantId, 'online-refund', actorId, q.idempotencyKey) : undefined;
  if (id) {
    const prior = await db.onlineRefund.findUnique({ where: { tenantId_id: { tenantId, id } } });
    if (prior) {
      if (prior.paymentId !== q.paymentId || prior.amountFen !== q.amountFen) throw new AppError('UNPROCESSABLE_CONTENT', 'idempotencyKeyReused');
      return { id: prior.id, status: prior.status, amountFen: prior.amountFen };
    }
  }
  const refundable = await refundableOf(db, tenantId, locked.payment);
  if (q.amountFen > refundable) {
    throw new AppError('BAD_REQUEST', 'onlineRefundTooLarge', { amount: yuan(q.amountFen), refundable: yuan(refundable) }, { refundableFen: refundable });
  }
  const { requireSecondApprover } = await getApprovalSettings(scope);
  const row = await db.onlineRefund.create({
    data: {
      tenantId,
      ...(id ? { id } : {}),
      paymentId: q.paymentId,
      amountFen: q.amountFen,
      reason: q.reason,
      requestedById: actorId,
      status: 'PENDING_APPROVAL',
    },
    select: { id: true, amountFen: true, automatic: true },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'onlineRefund.request',
    entity: 'OnlineRefund',
    entityId: row.id,
    after: {
      paymentId: q.paymentId,
      receiptNo: formatReceiptNo(locked.payment.receiptYear, locked.payment.receiptNo),
      amountFen: q.amountFen,
      reason: q.reason,
      refundableFen: refundable,
      needsApproval: requireSecondApprover,
    },
  });
  if (requireSecondApprover) {
    await notifyApprovers(scope, await refundSubject(scope, locked.payment, q.amountFen, q.reason), await memberName(scope, actorId));
    return { id: row.id, status: 'PENDING_APPROVAL' as const, amountFen: row.amountFen };
  }
  const sent = await send(scope, row, locked, actorId, deps);
  return { id: row.id, status: sent.status, amountFen: row.amountFen };
}

/**
 * Refunds an overpayment by the company's policy (REFUND): called by the online payment
 * recorder in its own transaction once the payment (and the credit the surplus became) is
 * written. No approval; one automatic refund per payment (a replayed event returns it).
 */
export async function requestAutomaticRefund(scope: Scope, q: { paymentId: string; amountFen: number }, deps?: RefundDeps) {
  const { db, tenantId } = scope;
  const locked = await lockOnlinePayment(db, tenantId, q.paymentId);
  const id = keyedId(tenantId, 'online-refund-automatic', q.paymentId);
  const prior = await db.onlineRefund.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (prior) return { id: prior.id, status: prior.status, amountFen: prior.amountFen };
  const refundable = await refundableOf(db, tenantId, locked.payment);
  if (q.amountFen > refundable) {
    throw new AppError('BAD_REQUEST', 'onlineRefundTooLarge', { amount: yuan(q.amountFen), refundable: yuan(refundable) }, { refundableFen: refundable });
  }
  const row = await db.onlineRefund.create({
    data: { tenantId, id, paymentId: q.paymentId, amountFen: q.amountFen, automatic: true, requestedById: ONLINE_ACTOR_ID, status: 'PENDING_APPROVAL' },
    select: { id: true, amountFen: true, automatic: true },
  });
  await recordAudit(db, {
    tenantId,
    actorId: ONLINE_ACTOR_ID,
    action: 'onlineRefund.automatic',
    entity: 'OnlineRefund',
    entityId: row.id,
    after: { paymentId: q.paymentId, amountFen: q.amountFen },
  });
  const sent = await send(scope, row, locked, null, deps);
  return { id: row.id, status: sent.status, amountFen: row.amountFen };
}

/** Loads a refund of this company for a decision, with its payment locked; it must still wait for approval. */
async function pendingRefund(scope: Scope, id: string) {
  const { db, tenantId } = scope;
  const head = await db.onlineRefund.findUnique({ where: { tenantId_id: { tenantId, id } }, select: { paymentId: true } });
  if (!head) throw notFound('onlineRefund');
  const locked = await lockOnlinePayment(db, tenantId, head.paymentId);
  // Read again under the payment's lock: a concurrent decision committed while we waited is seen.
  const refund = await db.onlineRefund.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } });
  if (refund.status !== 'PENDING_APPROVAL') throw new AppError('CONFLICT', 'onlineRefundDecided', { status: refund.status });
  return { refund, locked };
}

/** A second admin approves (four-eyes: never the requester) and the refund is sent to Stripe. */
export async function approveOnlineRefund(scope: Scope, q: z.output<typeof ZApproveOnlineRefund>, deps?: RefundDeps) {
  const { db, tenantId, actorId } = scope;
  const { refund, locked } = await pendingRefund(scope, q.id);
  await assertSecondApprover(db, tenantId, refund.requestedById, actorId);
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'onlineRefund.approve',
    entity: 'OnlineRefund',
    entityId: refund.id,
    after: { paymentId: refund.paymentId, amountFen: refund.amountFen, note: q.note ?? null },
  });
  const sent = await send(scope, refund, locked, actorId, deps);
  await notifyRequester(scope, await refundSubject(scope, locked.payment, refund.amountFen, refund.reason), {
    requesterId: refund.requestedById,
    approved: true,
    deciderName: await memberName(scope, actorId),
    note: q.note,
    link: `/${scope.slug}/receipts/${refund.paymentId}`,
  });
  return { id: refund.id, status: sent.status };
}

/** Rejects a refund waiting for approval (the requester may reject their own: it moves no money). */
export async function rejectOnlineRefund(scope: Scope, q: z.output<typeof ZRejectOnlineRefund>) {
  const { db, tenantId, actorId } = scope;
  const { refund, locked } = await pendingRefund(scope, q.id);
  await db.onlineRefund.update({
    where: { tenantId_id: { tenantId, id: refund.id } },
    data: { status: 'REJECTED', approvedById: actorId, decidedAt: scope.now ?? new Date(), failureReason: q.reason },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'onlineRefund.reject',
    entity: 'OnlineRefund',
    entityId: refund.id,
    after: { paymentId: refund.paymentId, amountFen: refund.amountFen, reason: q.reason },
  });
  await notifyRequester(scope, await refundSubject(scope, locked.payment, refund.amountFen, refund.reason), {
    requesterId: refund.requestedById,
    approved: false,
    deciderName: await memberName(scope, actorId),
    note: q.reason,
    link: `/${scope.slug}/receipts/${refund.paymentId}`,
  });
  return { id: refund.id, status: 'REJECTED' as const };
}

/** A charge.refunded whose charge Linli has not recorded yet: the webhook answers 5xx so Stripe retries. */
export class RefundChargeUnknown extends Error {
  constructor(readonly chargeId: string) {
    super(`charge ${chargeId} is not recorded yet`);
    this.name = 'RefundChargeUnknown';
  }
}

/**
 * Records the refunds Stripe has confirmed on `charge` (re-fetched from Stripe by the webhook
 * for `charge.refunded`): each succeeded refund not recorded yet becomes a REFUND payment, once
 * (the refunds of a payment are serialized by its row lock, a recorded one is SUCCEEDED, and
 * stripeRefundId is unique). A refund Linli did not ask for (Stripe's dashboard) gets its own
 * OnlineRefund row. Refunds Stripe reports failed or canceled mark theirs FAILED.
 */
export async function recordConfirmedRefunds(scope: Scope, charge: Charge) {
  const { db, tenantId } = scope;
  const known = await db.onlineCharge.findUnique({ where: { chargeId: charge.id }, select: { tenantId: true, paymentId: true } });
  if (!known || known.tenantId !== tenantId) throw new RefundChargeUnknown(charge.id);
  const locked = await lockOnlinePayment(db, tenantId, known.paymentId);
  const recorded: { onlineRefundId: string; refundPaymentId: string; amountFen: number; countedOn: string }[] = [];
  const failed: string[] = [];
  for (const r of [...charge.refunds].sort((a, b) => a.created.getTime() - b.created.getTime() || a.id.localeCompare(b.id))) {
    if (r.status === 'succeeded') {
      const done = await confirm(scope, locked.payment, r);
      if (done) recorded.push(done);
    } else if (r.status === 'failed' || r.status === 'canceled') {
      const { count } = await db.onlineRefund.updateMany({
        where: { tenantId, paymentId: locked.payment.id, status: 'REQUESTED', OR: [{ stripeRefundId: r.id }, { id: r.onlineRefundId ?? '' }] },
        data: { status: 'FAILED', stripeRefundId: r.id, failureReason: r.status },
      });
      if (count) failed.push(r.id);
    }
  }
  return { paymentId: locked.payment.id, recorded, failed };
}

/**
 * Records one succeeded Stripe refund of payment `p` (its rows already locked), unless it is
 * recorded already. Returns what it wrote, or null.
 */
async function confirm(scope: Scope, p: LockedPayment, r: Refund) {
  const { db, tenantId } = scope;
  let row =
    (await db.onlineRefund.findUnique({ where: { stripeRefundId: r.id } })) ??
    (r.onlineRefundId ? await db.onlineRefund.findUnique({ where: { tenantId_id: { tenantId, id: r.onlineRefundId } } }) : null);
  if (row && (row.tenantId !== tenantId || row.paymentId !== p.id)) row = null;
  if (row?.status === 'SUCCEEDED') return null;
  if (!row) {
    row = await db.onlineRefund.create({
      data: { tenantId, paymentId: p.id, amountFen: r.amountFen, requestedById: STRIPE_ACTOR_ID, status: 'REQUESTED', stripeRefundId: r.id },
    });
    await recordAudit(db, {
      tenantId,
      actorId: STRIPE_ACTOR_ID,
      action: 'onlineRefund.external',
      entity: 'OnlineRefund',
      entityId: row.id,
      after: { paymentId: p.id, stripeRefundId: r.id, amountFen: r.amountFen, askedAs: r.onlineRefundId },
    });
  } else if (row.amountFen !== r.amountFen) {
    logger.warn({ refundId: row.id, asked: row.amountFen, refunded: r.amountFen }, 'online refund: Stripe refunded another amount than asked');
  }

  const money = await takeBack(scope, p, r);
  const { count } = await db.onlineRefund.updateMany({
    where: { tenantId, id: row.id, status: { not: 'SUCCEEDED' } },
    data: { status: 'SUCCEEDED', stripeRefundId: r.id, amountFen: r.amountFen, refundPaymentId: money.id, confirmedAt: scope.now ?? new Date() },
  });
  if (count !== 1) throw new Error(`online refund ${row.id} confirmed twice`);
  await recordAudit(db, {
    tenantId,
    actorId: ONLINE_ACTOR_ID,
    action: 'onlineRefund.confirm',
    entity: 'OnlineRefund',
    entityId: row.id,
    after: { paymentId: p.id, refundPaymentId: money.id, stripeRefundId: r.id, amountFen: r.amountFen, ...money.parts },
  });
  return { onlineRefundId: row.id, refundPaymentId: money.id, amountFen: r.amountFen, countedOn: money.countedOn };
}

/**
 * The REFUND payment of Stripe refund `r`: received on the refund's local date, counted by
 * the effective-date rule (never refused: a closed day or period moves it to the first open
 * day); −credit first (what the payment created and is still there), then negative
 * allocations newest first, which reopen those bills. Should Stripe refund more than is left
 * (credit spent since, a dashboard refund), the rest is taken from the payer's credit, which
 * then shows what the household owes back.
 */
async function takeBack(scope: Scope, p: LockedPayment, r: Refund) {
  const { db, tenantId, timeZone } = scope;
  const payer = { kind: p.payerKind, id: p.payerId };
  const entryDay = today(scope);
  const refundDay = localDate(timeZone, r.created);
  const receivedOn = refundDay < entryDay ? refundDay : entryDay;
  const { countedOn } = await effectiveDate(db, tenantId, { receivedOn, entryDay, closedPeriod: 'move', what: 'refund' });

  const t = await takeable(db, tenantId, p);
  let left = r.amountFen;
  const creditFen = Math.min(left, t.creditFen);
  left -= creditFen;
  const allocations: { billId: string; amountFen: number }[] = [];
  for (const b of t.bills) {
    if (left === 0) break;
    const take = Math.min(left, b.heldFen);
    allocations.push({ billId: b.billId, amountFen: -take });
    left -= take;
  }
  const beyondFen = left;
  if (allocations.length) {
    await lockBills(
      db,
      tenantId,
      payer,
      allocations.map((a) => a.billId),
    );
  }
  const refund = await db.payment.create({
    data: {
      tenantId,
      kind: 'REFUND',
      method: 'ONLINE',
      payerKind: p.payerKind,
      payerId: p.payerId,
      amountFen: r.amountFen,
      receivedOn: dateColumn(receivedOn),
      countedOn: dateColumn(countedOn),
      enteredById: ONLINE_ACTOR_ID,
      status: 'APPROVED',
      externalRef: r.id,
      note: formatReceiptNo(p.receiptYear, p.receiptNo) ?? '',
    },
    select: { id: true },
  });
  await writeAllocations(db, tenantId, refund.id, allocations);
  if (creditFen + beyondFen > 0) {
    await db.creditEntry.create({
      data: { tenantId, payerKind: payer.kind, payerId: payer.id, paymentId: refund.id, amountFen: -(creditFen + beyondFen), note: '在线退款' },
    });
  }
  return { id: refund.id, countedOn, parts: { receivedOn, countedOn, creditFen, allocations, beyondFen } };
}

/** The online refunds of this company (or of one payment), newest first, with what the pages show. */
export async function listOnlineRefunds({ db, tenantId, locale }: Scope, q: z.output<typeof ZListOnlineRefunds>) {
  const where = { tenantId, ...(q.status ? { status: q.status } : {}), ...(q.paymentId ? { paymentId: q.paymentId } : {}) };
  const total = await db.onlineRefund.count({ where });
  const rows = await db.onlineRefund.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
    include: { payment: { select: { amountFen: true, payerKind: true, payerId: true, receiptYear: true, receiptNo: true, receivedOn: true } } },
  });
  const refundPayments = await db.payment.findMany({
    where: { tenantId, id: { in: rows.flatMap((r) => (r.refundPaymentId ? [r.refundPaymentId] : [])) } },
    select: { id: true, countedOn: true, receivedOn: true },
  });
  const refundPaymentById = new Map(refundPayments.map((p) => [p.id, p]));
  const names = await memberNames(
    db,
    tenantId,
    rows.flatMap((r) => [r.requestedById, ...(r.approvedById ? [r.approvedById] : [])]),
    locale,
  );
  const payers = await payerInfos(
    db,
    tenantId,
    rows.map((r) => ({ kind: r.payment.payerKind, id: r.payment.payerId })),
  );
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '', system: id.startsWith('system:') } : null);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    /** for one payment: whether it can be refunded here, and how much still can (the refund form's amount) */
    payment: q.paymentId ? await refundableOfPayment(db, tenantId, q.paymentId) : null,
    rows: rows.map((r) => {
      const money = r.refundPaymentId ? refundPaymentById.get(r.refundPaymentId) : undefined;
      return {
        id: r.id,
        paymentId: r.paymentId,
        receiptNo: formatReceiptNo(r.payment.receiptYear, r.payment.receiptNo),
        paymentAmountFen: r.payment.amountFen,
        paymentReceivedOn: fromDateColumn(r.payment.receivedOn),
        payer: payers.get(payerKey(r.payment.payerKind, r.payment.payerId)) ?? unknownPayer(r.payment.payerKind, r.payment.payerId),
        amountFen: r.amountFen,
        reason: r.reason,
        automatic: r.automatic,
        status: r.status,
        requestedBy: person(r.requestedById)!,
        approvedBy: person(r.approvedById),
        failureReason: r.failureReason,
        createdAt: r.createdAt,
        decidedAt: r.decidedAt,
        confirmedAt: r.confirmedAt,
        refundPaymentId: r.refundPaymentId,
        refundedOn: money ? fromDateColumn(money.receivedOn) : null,
        countedOn: money ? fromDateColumn(money.countedOn) : null,
      };
    }),
  };
}

/** Whether payment `paymentId` is an online payment of this company, and what may still be refunded of it. */
async function refundableOfPayment(db: TenantDb, tenantId: string, paymentId: string) {
  const p = await db.payment.findUnique({
    where: { tenantId_id: { tenantId, id: paymentId } },
    select: { id: true, kind: true, method: true, status: true, amountFen: true, payerKind: true, payerId: true, receiptYear: true, receiptNo: true },
  });
  if (!p) throw notFound('payment');
  const online = p.kind === 'PAYMENT' && p.method === 'ONLINE' && (await db.onlineCharge.count({ where: { tenantId, paymentId } })) > 0;
  return { online, refundableFen: online ? await refundableOf(db, tenantId, p) : 0 };
}

/** What a message about an online refund names: the payer's unit (or space) and the payment's receipt. */
async function refundSubject(
  scope: Scope,
  p: { payerKind: string; payerId: string; receiptYear: number | null; receiptNo: number | null },
  amountFen: number,
  reason: string | null,
): Promise<ApprovalSubject> {
  const kind = p.payerKind === 'PARKING' ? ('PARKING' as const) : ('UNIT' as const);
  const receipt = formatReceiptNo(p.receiptYear, p.receiptNo);
  return {
    kind: 'REFUND',
    amountFen,
    object: await objectLabel(scope, { kind, id: p.payerId }),
    bill: receipt ? serverTranslator(scope.locale)('approvals.receipt', { no: receipt }) : '',
    reason: reason ?? '',
  };
}
