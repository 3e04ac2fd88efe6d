import 'server-only';
import type { Scope } from '../../db/scope';
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../../tenancy/audit';
import { assertPeriodOpen } from '../common';
import { ZUndoRun } from '../../shared/schemas/billing';
import { serverTranslator } from '../../i18n/translator';

/**
 * Voids every bill of a run (voidedByUndo, so a corrected run may bill them again). Refused
 * while any of them carries a payment or an approved adjustment, or a late fee was charged on
 * it, or the period is closed. The run's bills are locked first: a payment being recorded on
 * one of them either committed before (and is seen) or waits and then finds the bill void.
 */
export async function undoRun({ db, tenantId, actorId, locale }: Scope, { runId, reason }: z.output<typeof ZUndoRun>) {
  const [run] = await db.$queryRaw<{ id: string; period: string; status: string }[]>`
    select "id", "period", "status"::text as status from "BillingRun" where "tenantId" = ${tenantId} and "id" = ${runId} for update`;
  if (!run) throw notFound('billingRun');
  if (run.status === 'UNDONE') throw new AppError('PRECONDITION_FAILED', 'runUndone');
  await assertPeriodOpen(db, tenantId, run.period, 'undoRun');
  await db.$executeRaw`select 1 from "Bill" where "tenantId" = ${tenantId} and "runId" = ${runId} and "voidedAt" is null order by "id" for update`;
  const [blockers] = await db.$queryRaw<{ paid: number; adjusted: number; late: number }[]>`
    select
      (select count(distinct a."billId")::int from "PaymentAllocation" a join "Bill" b on b."tenantId" = a."tenantId" and b."id" = a."billId"
        where b."tenantId" = ${tenantId} and b."runId" = ${runId} and b."voidedAt" is null) as paid,
      (select count(distinct j."billId")::int from "Adjustment" j join "Bill" b on b."tenantId" = j."tenantId" and b."id" = j."billId"
        where b."tenantId" = ${tenantId} and b."runId" = ${runId} and b."voidedAt" is null and j."status" = 'APPROVED') as adjusted,
      (select count(*)::int from "Bill" l join "Bill" b on b."tenantId" = l."tenantId" and b."id" = l."forBillId"
        where b."tenantId" = ${tenantId} and b."runId" = ${runId} and b."voidedAt" is null and l."voidedAt" is null) as late`;
  if (blockers!.paid || blockers!.adjusted || blockers!.late) {
    throw new AppError('PRECONDITION_FAILED', 'runCannotUndo', { paid: blockers!.paid, adjusted: blockers!.adjusted, late: blockers!.late }, blockers);
  }

  const voided = await db.$queryRaw<{ id: string }[]>`
    update "Bill" set "voidedAt" = now(), "voidReason" = ${reason}, "voidedByUndo" = true
    where "tenantId" = ${tenantId} and "runId" = ${runId} and "voidedAt" is null
    returning "id"`;
  await rejectPendingAdjustments(
    db,
    tenantId,
    actorId,
    voided.map((v) => v.id),
    serverTranslator(locale)('bills.voidedNote', { reason }),
  );
  await db.billingRun.updateMany({ where: { tenantId, id: runId }, data: { status: 'UNDONE', undoneAt: new Date(), undoneById: actorId, undoReason: reason } });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'billing.undo',
    entity: 'BillingRun',
    entityId: runId,
    after: { period: run.period, reason, billsVoided: voided.length },
  });
  return { runId, billsVoided: voided.length };
}

/** Pending adjustments of bills that were just voided are rejected (they can never apply). */
export async function rejectPendingAdjustments(db: TenantDb, tenantId: string, actorId: string, billIds: string[], note: string) {
  if (!billIds.length) return 0;
  return db.$executeRaw`
    update "Adjustment" set "status" = 'REJECTED', "decidedById" = ${actorId}, "decidedAt" = now(), "decisionNote" = ${note}
    where "tenantId" = ${tenantId} and "status" = 'PENDING' and "billId" = any(${billIds}::text[])`;
}
