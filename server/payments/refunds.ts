// Refunds pay a payer's credit balance back. A cashier requests one (a REFUND record, PENDING);
// an admin approves it (the credit is taken out, counted on the approval day) or rejects it.

import 'server-only';
import type { z } from 'zod';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { dateColumn } from '../shared/calendar';
import { fenToYuanString } from '../shared/money';
import { creditOf, effectiveDate, lockPayer, today } from './ledger';
import type { Scope } from '../db/scope';
import { ZDecideRefund, ZRequestRefund } from '../shared/schemas/payments';
import { assertSecondApprover } from '../tenancy/four-eyes';
import { memberName, notifyApprovers, notifyRequester, objectLabel } from '../notifications/approvals';

const yuan = (fen: number) => `¥${fenToYuanString(fen)}`;

/**
 * Requests a refund of at most the payer's credit balance less the refunds already waiting.
 * Too large → BAD_REQUEST naming the balance; nothing is written.
 */
export async function requestRefund(scope: Scope, q: z.output<typeof ZRequestRefund>) {
  const { db, tenantId, actorId } = scope;
  await lockPayer(db, tenantId, q.payer);
  const { balanceFen, pendingRefundFen } = await creditOf(db, tenantId, q.payer);
  const available = balanceFen - pendingRefundFen;
  if (q.amountFen > available) {
    throw new AppError(
      'BAD_REQUEST',
      pendingRefundFen > 0 ? 'refundTooLargePending' : 'refundTooLarge',
      { amount: yuan(q.amountFen), balance: yuan(balanceFen), pending: yuan(pendingRefundFen), available: yuan(Math.max(0, available)) },
      { balanceFen, pendingRefundFen },
    );
  }
  const day = today(scope);
  const refund = await db.payment.create({
    data: {
      tenantId,
      kind: 'REFUND',
      method: q.method,
      payerKind: q.payer.kind,
      payerId: q.payer.id,
      amountFen: q.amountFen,
      // Placeholders until approval, which sets the day the money is paid back.
      receivedOn: dateColumn(day),
      countedOn: dateColumn(day),
      enteredById: actorId,
      status: 'PENDING',
      note: q.reason,
    },
    select: { id: true },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'refund.request',
    entity: 'Payment',
    entityId: refund.id,
    after: { payer: q.payer, amountFen: q.amountFen, method: q.method, reason: q.reason, balanceFen },
  });
  await notifyApprovers(
    scope,
    { kind: 'REFUND', amountFen: q.amountFen, object: await objectLabel(scope, q.payer), bill: '', reason: q.reason },
    await memberName(scope, actorId),
  );
  return { id: refund.id, status: 'PENDING' as const, balanceFen };
}

/**
 * Approves or rejects a pending refund. Approval re-checks the balance under the payer's lock
 * (credit may have been used since the request), books −amount of credit and dates the refund
 * today, counted by the effective-date rule (the next open day if today is already closed).
 */
export async function decideRefund(scope: Scope, q: z.output<typeof ZDecideRefund>) {
  const { db, tenantId, actorId } = scope;
  const refund = await db.payment.findUnique({ where: { tenantId_id: { tenantId, id: q.id } } });
  if (!refund || refund.kind !== 'REFUND') throw notFound('refund');
  if (refund.status !== 'PENDING') throw new AppError('CONFLICT', 'refundDecided', { status: refund.status });
  const payer = { kind: refund.payerKind, id: refund.payerId };
  await lockPayer(db, tenantId, payer);

  if (!q.approve) {
    const { count } = await db.payment.updateMany({
      where: { tenantId, id: refund.id, status: 'PENDING' },
      data: { status: 'REJECTED', approvedById: actorId },
    });
    if (count !== 1) throw new AppError('CONFLICT', 'refundDecided', { status: '' });
    await recordAudit(db, {
      tenantId,
      actorId,
      action: 'refund.reject',
      entity: 'Payment',
      entityId: refund.id,
      after: { amountFen: refund.amountFen, note: q.note ?? null },
    });
    await tellRequester(scope, refund, false, q.note);
    return { id: refund.id, status: 'REJECTED' as const };
  }

  await assertSecondApprover(db, tenantId, refund.enteredById, actorId);
  const day = today(scope);
  const { countedOn } = await effectiveDate(db, tenantId, { receivedOn: day, entryDay: day, closedPeriod: 'move' });
  const state = { creditFen: (await creditOf(db, tenantId, payer)).balanceFen };
  if (refund.amountFen > state.creditFen) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'refundNowTooLarge',
      { amount: yuan(refund.amountFen), balance: yuan(state.creditFen) },
      {
        balanceFen: state.creditFen,
      },
    );
  }
  const { count } = await db.payment.updateMany({
    where: { tenantId, id: refund.id, status: 'PENDING' },
    data: { status: 'APPROVED', approvedById: actorId, receivedOn: dateColumn(day), countedOn: dateColumn(countedOn) },
  });
  if (count !== 1) throw new AppError('CONFLICT', 'refundDecided', { status: '' });
  await db.creditEntry.create({
    data: { tenantId, payerKind: payer.kind, payerId: payer.id, paymentId: refund.id, amountFen: -refund.amountFen, note: '退款' },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'refund.approve',
    entity: 'Payment',
    entityId: refund.id,
    after: { amountFen: refund.amountFen, countedOn, balanceBeforeFen: state.creditFen, note: q.note ?? null },
  });
  await tellRequester(scope, refund, true, q.note);
  return { id: refund.id, status: 'APPROVED' as const, countedOn, balanceFen: state.creditFen - refund.amountFen };
}

/** The cashier who asked hears of the decision, with a link to the refunds queue. */
async function tellRequester(
  scope: Scope,
  refund: { amountFen: number; payerKind: 'UNIT' | 'PARKING'; payerId: string; enteredById: string; note: string | null },
  approved: boolean,
  note: string | null | undefined,
) {
  await notifyRequester(
    scope,
    {
      kind: 'REFUND',
      amountFen: refund.amountFen,
      object: await objectLabel(scope, { kind: refund.payerKind, id: refund.payerId }),
      bill: '',
      reason: refund.note ?? '',
    },
    { requesterId: refund.enteredById, approved, deciderName: await memberName(scope, scope.actorId), note },
  );
}
