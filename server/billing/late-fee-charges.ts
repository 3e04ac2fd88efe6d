import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { fromDateColumn, localDate } from '../tenancy/local-date';
import { accruedLateFeeNotCharged } from './bill-status';
import { assertPeriodOpen, tenantSettings } from './common';
import { ZChargeLateFees } from './schemas';

// Charging late fees (滞纳金): the fee accrued on a bill up to today (its item's daily rate after
// the grace days, up to the cap, late-fees.ts) minus the late-fee bills already issued for it
// becomes a LATE_FEE bill naming it. Only then does it count as billed. The bills are locked
// while this runs, so two charges at once cannot both charge the same accrued amount.

type Candidate = {
  id: string;
  kind: string;
  objectKind: string;
  objectId: string;
  unitId: string | null;
  parkingSpaceId: string | null;
  payerKind: string;
  payerId: string;
  feeItemId: string | null;
  period: string;
  amountFen: number;
  paidFen: number;
  adjustedFen: number;
  dueDate: Date;
  item_name: string | null;
  bp: number;
  grace: number;
  cap: number | null;
  charged: bigint;
};

export type LateFeeCharge = { billId: string; lateFeeBillId: string; amountFen: number };

async function charge(db: TenantDb, tenantId: string, actorId: string, filter: Prisma.Sql, timeZone?: string) {
  const company = await tenantSettings(db, tenantId);
  const today = localDate(timeZone ?? company.timeZone);
  const period = today.slice(0, 7);
  await assertPeriodOpen(db, tenantId, period, 'charging late fees');
  // Lock the bills first (in id order, as every multi-bill writer does), then read what was charged.
  const locked = await db.$queryRaw<{ id: string }[]>`
    select b."id" from "Bill" b
    join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"
    where b."tenantId" = ${tenantId} and b."voidedAt" is null and b."kind" <> 'LATE_FEE' and f."lateFeeDailyBp" is not null
      and b."dueDate" < ${today}::date and b."paidFen" + b."adjustedFen" < b."amountFen" and ${filter}
    order by b."id" for update of b`;
  if (!locked.length) return { today, charges: [] as LateFeeCharge[] };
  const ids = locked.map((l) => l.id);
  const rows = await db.$queryRaw<Candidate[]>`
    select b."id", b."kind"::text as kind, b."objectKind"::text as "objectKind", b."objectId", b."unitId", b."parkingSpaceId",
           b."payerKind"::text as "payerKind", b."payerId", b."feeItemId", b."period", b."amountFen", b."paidFen", b."adjustedFen", b."dueDate",
           f."name" as item_name, f."lateFeeDailyBp" as bp, f."lateFeeGraceDays" as grace, f."lateFeeCapPercent" as cap,
           coalesce((select sum(l."amountFen") from "Bill" l
                     where l."tenantId" = b."tenantId" and l."payerKind" = b."payerKind" and l."payerId" = b."payerId"
                       and l."kind" = 'LATE_FEE' and l."voidedAt" is null and l."forBillId" = b."id"), 0)::bigint as charged
    from "Bill" b join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"
    where b."tenantId" = ${tenantId} and b."id" = any(${ids}::text[])`;
  const due = rows
    .map((r) => ({
      r,
      fen: accruedLateFeeNotCharged(
        { kind: r.kind, amountFen: r.amountFen, paidFen: r.paidFen, adjustedFen: r.adjustedFen, voided: false, dueDate: fromDateColumn(r.dueDate) },
        { dailyBp: r.bp, graceDays: r.grace, capPercent: r.cap },
        today,
        Number(r.charged),
      ),
    }))
    .filter((x) => x.fen > 0);
  if (!due.length) return { today, charges: [] as LateFeeCharge[] };
  const en = company.locale === 'en';
  const description = (r: Candidate) => (en ? `Late fee: ${r.item_name ?? ''} ${r.period}` : `滞纳金：${r.item_name ?? ''} ${r.period}`);
  const inserted = await db.$queryRaw<{ id: string; forBillId: string; amountFen: number }[]>`
    insert into "Bill" ("tenantId", "id", "kind", "objectKind", "objectId", "unitId", "parkingSpaceId", "payerKind", "payerId",
                        "feeItemId", "period", "description", "amountFen", "dueDate", "forBillId", "createdById", "createdAt")
    select ${tenantId}, gen_random_uuid()::text, 'LATE_FEE'::"BillKind", t.ok::"ObjectKind", t.oid, t.uid, t.pid, t.pk::"ObjectKind", t.payer,
           t.fid, ${period}, t.descr, t.amt, ${today}::date, t.bid, ${actorId}, now()
    from unnest(${due.map((d) => d.r.objectKind)}::text[], ${due.map((d) => d.r.objectId)}::text[], ${due.map((d) => d.r.unitId)}::text[],
                ${due.map((d) => d.r.parkingSpaceId)}::text[], ${due.map((d) => d.r.payerKind)}::text[], ${due.map((d) => d.r.payerId)}::text[],
                ${due.map((d) => d.r.feeItemId)}::text[], ${due.map((d) => description(d.r))}::text[], ${due.map((d) => d.fen)}::int[],
                ${due.map((d) => d.r.id)}::text[]) as t(ok, oid, uid, pid, pk, payer, fid, descr, amt, bid)
    returning "id", "forBillId", "amountFen"`;
  return { today, charges: inserted.map((i) => ({ billId: i.forBillId, lateFeeBillId: i.id, amountFen: i.amountFen })) };
}

/** Charges the accrued late fees of the given bills, or of every bill of a period. */
export async function chargeLateFees(db: TenantDb, input: z.input<typeof ZChargeLateFees> & { tenantId: string; actorId: string; timeZone?: string }) {
  const data = ZChargeLateFees.parse(input);
  const { tenantId, actorId } = input;
  if (data.billIds) {
    const n = await db.bill.count({ where: { tenantId, id: { in: data.billIds } } });
    if (n !== data.billIds.length) throw notFound('Bill');
  }
  const filter = data.billIds ? Prisma.sql`b."id" = any(${data.billIds}::text[])` : Prisma.sql`b."period" = ${data.period!}`;
  const { today, charges } = await charge(db, tenantId, actorId, filter, input.timeZone);
  const totalFen = charges.reduce((s, c) => s + c.amountFen, 0);
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'billing.lateFees',
    entity: 'Bill',
    after: { billIds: data.billIds ?? null, period: data.period ?? null, asOf: today, charged: charges.length, totalFen },
  });
  return { asOf: today, charged: charges.length, totalFen, charges };
}

/**
 * For the payments service: charges the late fee accrued on one bill (if any) in the caller's
 * transaction, before a payment is allocated. Returns the late-fee bill, or null when nothing
 * is due (no late-fee terms, within grace, already charged, settled or void).
 */
export async function chargeLateFeeForBill(
  db: TenantDb,
  input: { tenantId: string; actorId: string; billId: string; timeZone?: string },
): Promise<LateFeeCharge | null> {
  const exists = await db.bill.findUnique({ where: { tenantId_id: { tenantId: input.tenantId, id: input.billId } }, select: { voidedAt: true } });
  if (!exists) throw notFound('Bill');
  if (exists.voidedAt) throw new AppError('PRECONDITION_FAILED', 'This bill is void');
  const { today, charges } = await charge(db, input.tenantId, input.actorId, Prisma.sql`b."id" = ${input.billId}`, input.timeZone);
  const c = charges[0] ?? null;
  if (c) {
    await recordAudit(db, { tenantId: input.tenantId, actorId: input.actorId, action: 'billing.lateFee', entity: 'Bill', entityId: input.billId, after: { asOf: today, ...c } });
  }
  return c;
}
