import 'server-only';
import { pageWindow } from '../shared/paging';
import type { Scope } from '../db/scope';
import type { z } from 'zod';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { outstandingFen } from './bill-status';
import { localDate } from '../shared/calendar';
import { lockBill } from './bills';
import { userNames } from './common';
import { ZDecideAdjustment, ZListAdjustments, ZRequestAdjustment } from '../shared/schemas/billing';
import { assertSecondApprover } from '../tenancy/four-eyes';
import { memberName, notifyApprovers, notifyRequester, type ApprovalSubject } from '../notifications/approvals';
import { payerInfos, payerKey } from '../payments/payers';

// Discounts and waivers (减免): a cashier requests one with a reason, an admin approves or
// rejects it. Approval reduces what is due on the bill (adjustedFen) in the transaction that
// locks the bill, so approvals and payments together never exceed the bill's amount (and the
// Bill_paid_within_amount check backs that up). A decided adjustment is never edited.

export async function requestAdjustment(scope: Scope, data: z.output<typeof ZRequestAdjustment>) {
  const { db, tenantId, actorId } = scope;
  const b = await lockBill(db, tenantId, data.billId);
  if (b.voidedAt) throw new AppError('PRECONDITION_FAILED', 'billIsVoid');
  const owed = outstandingFen(b);
  if (data.amountFen > owed) {
    throw new AppError('BAD_REQUEST', 'adjustmentExceeds', { kind: data.kind, amount: data.amountFen, owed });
  }
  const adj = await db.adjustment.create({
    data: { tenantId, billId: b.id, kind: data.kind, amountFen: data.amountFen, reason: data.reason, requestedById: actorId },
  });
  await recordAudit(db, { tenantId, actorId, action: 'adjustment.request', entity: 'Adjustment', entityId: adj.id, after: data });
  await notifyApprovers(scope, await subjectOf(scope, b.id, data), await memberName(scope, actorId));
  return { id: adj.id };
}

export async function decideAdjustment(scope: Scope, data: z.output<typeof ZDecideAdjustment>) {
  const { db, tenantId, actorId, timeZone } = scope;
  const adj = await db.adjustment.findUnique({ where: { tenantId_id: { tenantId, id: data.id } } });
  if (!adj) throw notFound('adjustment');
  // Bill first, then the adjustment row: the same order as every writer of a bill's amounts.
  const b = await lockBill(db, tenantId, adj.billId);
  const [current] = await db.$queryRaw<{ status: string }[]>`
    select "status"::text as status from "Adjustment" where "tenantId" = ${tenantId} and "id" = ${adj.id} for update`;
  if (current!.status !== 'PENDING') throw new AppError('PRECONDITION_FAILED', 'adjustmentDecided', { kind: adj.kind, status: current!.status });
  const today = localDate(timeZone);
  if (data.approve) {
    await assertSecondApprover(db, tenantId, adj.requestedById, actorId);
    if (b.voidedAt) throw new AppError('PRECONDITION_FAILED', 'adjustmentBillVoid');
    const owed = outstandingFen(b);
    if (adj.amountFen > owed) {
      throw new AppError('PRECONDITION_FAILED', 'adjustmentExceedsNow', { kind: adj.kind, amount: adj.amountFen, owed });
    }
    await db.$executeRaw`update "Bill" set "adjustedFen" = "adjustedFen" + ${adj.amountFen} where "tenantId" = ${tenantId} and "id" = ${b.id}`;
  }
  await db.adjustment.updateMany({
    where: { tenantId, id: adj.id, status: 'PENDING' },
    data: {
      status: data.approve ? 'APPROVED' : 'REJECTED',
      decidedById: actorId,
      decidedAt: new Date(),
      decisionNote: data.note,
      ...(data.approve ? { effectiveOn: dateColumn(today) } : {}),
    },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: data.approve ? 'adjustment.approve' : 'adjustment.reject',
    entity: 'Adjustment',
    entityId: adj.id,
    after: { billId: b.id, kind: adj.kind, amountFen: adj.amountFen, note: data.note, effectiveOn: data.approve ? today : null },
  });
  await notifyRequester(scope, await subjectOf(scope, b.id, adj), {
    requesterId: adj.requestedById,
    approved: data.approve,
    deciderName: await memberName(scope, actorId),
    note: data.note,
    link: `/${scope.slug}/bills/${b.id}`,
  });
  return { id: adj.id, status: data.approve ? ('APPROVED' as const) : ('REJECTED' as const) };
}

export async function listAdjustments({ db, tenantId }: Scope, q: z.output<typeof ZListAdjustments>) {
  const where = { tenantId, ...(q.status ? { status: q.status } : {}), ...(q.billId ? { billId: q.billId } : {}) };
  const total = await db.adjustment.count({ where });
  const rows = await db.adjustment.findMany({
    where,
    include: {
      bill: {
        select: {
          id: true,
          period: true,
          kind: true,
          amountFen: true,
          paidFen: true,
          adjustedFen: true,
          objectKind: true,
          objectId: true,
          payerKind: true,
          payerId: true,
          description: true,
          feeItem: { select: { name: true } },
        },
      },
    },
    orderBy: { requestedAt: 'desc' },
    ...pageWindow(q),
  });
  const who = await userNames(
    db,
    rows.flatMap((r) => [r.requestedById, r.decidedById]),
  );
  // The unit (or space) billed and who pays it: what an approver judges a request by.
  const labels = await payerInfos(
    db,
    tenantId,
    rows.flatMap((r) => [
      { kind: r.bill.objectKind, id: r.bill.objectId },
      { kind: r.bill.payerKind, id: r.bill.payerId },
    ]),
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      amountFen: a.amountFen,
      reason: a.reason,
      status: a.status,
      requestedBy: who.get(a.requestedById) ?? null,
      requestedAt: a.requestedAt,
      decidedBy: a.decidedById ? (who.get(a.decidedById) ?? null) : null,
      decidedAt: a.decidedAt,
      decisionNote: a.decisionNote,
      effectiveOn: a.effectiveOn ? fromDateColumn(a.effectiveOn) : null,
      bill: {
        id: a.bill.id,
        period: a.bill.period,
        kind: a.bill.kind,
        feeItemName: a.bill.feeItem?.name ?? null,
        description: a.bill.description,
        amountFen: a.bill.amountFen,
        outstandingFen: outstandingFen(a.bill),
        objectKind: a.bill.objectKind,
        objectId: a.bill.objectId,
        objectLabel: labels.get(payerKey(a.bill.objectKind, a.bill.objectId))?.label ?? '',
      },
      payer: {
        kind: a.bill.payerKind,
        id: a.bill.payerId,
        label: labels.get(payerKey(a.bill.payerKind, a.bill.payerId))?.label ?? '',
        name: labels.get(payerKey(a.bill.payerKind, a.bill.payerId))?.name ?? '',
      },
    })),
  };
}

/** What a message about an adjustment names: its unit (or space), its bill (fee item and period), amount and reason. */
async function subjectOf(scope: Scope, billId: string, a: { kind: 'WAIVER' | 'DISCOUNT'; amountFen: number; reason: string }): Promise<ApprovalSubject> {
  const bill = await scope.db.bill.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: scope.tenantId, id: billId } },
    select: { objectKind: true, objectId: true, period: true, description: true, feeItem: { select: { name: true } } },
  });
  const object = (await payerInfos(scope.db, scope.tenantId, [{ kind: bill.objectKind, id: bill.objectId }])).get(payerKey(bill.objectKind, bill.objectId));
  return {
    kind: a.kind,
    amountFen: a.amountFen,
    reason: a.reason,
    object: object?.label ?? '',
    bill: `${bill.feeItem?.name ?? bill.description} ${bill.period}`.trim(),
  };
}
