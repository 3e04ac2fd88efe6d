import 'server-only';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { localDate } from '../shared/calendar';
import type { OpenBill } from '../payments/allocation';
import { allocatePayment } from '../payments/allocation';
import { assertPeriodOpen } from './common';
import { lateFeeAccrual, lateFeeNotCharged, type Accrual, type LateFeeRule } from './late-fees';
import { addDays } from '../shared/calendar';
import { ZChargeLateFees } from '../shared/schemas/billing';
import { serverTranslator } from '../i18n/translator';

// Materializing late fees (滞纳金, DOMAIN.md "Late fees"): the fee accrued on a bill as of a
// date (late-fees.ts `lateFeeAccrual`, the one accrual everyone uses) minus what its earlier
// late-fee bills charged becomes a LATE_FEE bill naming it (forBillId), in the period of that
// date, recording the last day it covers (lateFeeThrough). Three callers, one function:
//   - a payment (recordPayment, applyCredit) that pays an overdue bill: as of the payment's
//     effective date (countedOn), in its transaction, the bill already locked; the late-fee bill
//     names the payment (lateFeePaymentId), and a reversal of that payment voids it while unpaid;
//   - the scheduled job (late-fee-job.ts): on the 1st of each month (company time zone), as of
//     that day, i.e. through the last day of the month before, for every bill still owing;
//   - an admin's "charge late fees now" (chargeLateFees): as of today (through yesterday).
// Which late-fee bills count as charged: those not void, and those voided on their own (a fee
// an admin voided is never charged again). Late-fee bills voided by a reversal (voidedByUndo)
// do not count: those days are charged again by the next payment or job. A waived late-fee bill
// still counts (waiving is an ordinary waiver). Because each new bill charges the accrued total
// minus what was charged, running any of the three twice charges nothing the second time.

export type LateFeeCharge = { billId: string; lateFeeBillId: string; amountFen: number; through: string };

/** A bill's own columns that the accrual reads. */
type BillState = {
  id: string;
  kind: string;
  voided: boolean;
  amountFen: number;
  paidFen: number;
  adjustedFen: number;
  dueDate: string;
};

/** What the accrual needs to know about one bill, read in one statement. */
export type AccrualState = BillState & {
  rule: LateFeeRule | null;
  changes: { on: string; reduceFen: number }[];
  /** Σ of the late-fee bills that count as charged */
  chargedFen: number;
  /** the last day those late-fee bills cover (null: none yet) */
  coveredThrough: string | null;
  /** what a late-fee bill for it copies */
  source: Source;
};

type Source = {
  objectKind: string;
  objectId: string;
  unitId: string | null;
  parkingSpaceId: string | null;
  payerKind: string;
  payerId: string;
  feeItemId: string | null;
  period: string;
  itemName: string | null;
};

type StateRow = BillState & {
  bp: number | null;
  grace: number | null;
  cap: number | null;
  changes: { on: string; fen: number }[] | null;
  charged: bigint;
  covered: string | null;
  item_name: string | null;
} & Omit<Source, 'itemName'>;

// A counted late-fee bill of bill b (see above).
const COUNTED = Prisma.sql`l."tenantId" = b."tenantId" and l."forBillId" = b."id" and l."kind" = 'LATE_FEE' and (l."voidedAt" is null or not l."voidedByUndo")`;

/** The accrual state of the given bills (any kind; only regular-like bills with late-fee terms accrue). */
export async function loadAccrualStates(db: TenantDb, tenantId: string, billIds: readonly string[]): Promise<Map<string, AccrualState>> {
  if (!billIds.length) return new Map();
  const rows = await db.$queryRaw<StateRow[]>`
    select b."id", b."kind"::text as kind, (b."voidedAt" is not null) as voided, b."amountFen", b."paidFen", b."adjustedFen",
           to_char(b."dueDate", 'YYYY-MM-DD') as "dueDate",
           f."lateFeeDailyBp" as bp, f."lateFeeGraceDays" as grace, f."lateFeeCapPercent" as cap,
           b."objectKind"::text as "objectKind", b."objectId", b."unitId", b."parkingSpaceId", b."payerKind"::text as "payerKind", b."payerId",
           b."feeItemId", b."period", f."name" as item_name,
           -- only bills that can accrue need their history
           case when f."lateFeeDailyBp" is null or b."kind" = 'LATE_FEE' or b."voidedAt" is not null then null else (select json_agg(c) from (
              select to_char(p."countedOn", 'YYYY-MM-DD') as "on", a."amountFen" as fen
              from "PaymentAllocation" a join "Payment" p on p."tenantId" = a."tenantId" and p."id" = a."paymentId"
              where a."tenantId" = b."tenantId" and a."billId" = b."id"
              union all
              select to_char(j."effectiveOn", 'YYYY-MM-DD'), j."amountFen"
              from "Adjustment" j
              where j."tenantId" = b."tenantId" and j."billId" = b."id" and j."status" = 'APPROVED' and j."effectiveOn" is not null) c) end as changes,
           case when f."lateFeeDailyBp" is null then 0 else coalesce((select sum(l."amountFen") from "Bill" l where ${COUNTED}), 0) end::bigint as charged,
           case when f."lateFeeDailyBp" is null then null else (select to_char(max(l."lateFeeThrough"), 'YYYY-MM-DD') from "Bill" l where ${COUNTED}) end as covered
    from "Bill" b left join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"
    where b."tenantId" = ${tenantId} and b."id" = any(${[...billIds]}::text[])`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        kind: r.kind,
        voided: r.voided,
        amountFen: r.amountFen,
        paidFen: r.paidFen,
        adjustedFen: r.adjustedFen,
        dueDate: r.dueDate,
        rule: r.bp === null ? null : { dailyBp: r.bp, graceDays: r.grace ?? 0, capPercent: r.cap },
        changes: (r.changes ?? []).map((c) => ({ on: c.on, reduceFen: c.fen })),
        chargedFen: Number(r.charged),
        coveredThrough: r.covered,
        source: {
          objectKind: r.objectKind,
          objectId: r.objectId,
          unitId: r.unitId,
          parkingSpaceId: r.parkingSpaceId,
          payerKind: r.payerKind,
          payerId: r.payerId,
          feeItemId: r.feeItemId,
          period: r.period,
          itemName: r.item_name,
        },
      },
    ]),
  );
}

/**
 * The late fee of one bill as of `asOf` (days through asOf − 1) and what is not charged yet.
 * Void bills, late-fee bills and bills without late-fee terms accrue nothing. Never counts
 * fewer days than the late-fee bills already cover.
 */
export function accrualOf(s: AccrualState, asOf: string): { accrual: Accrual | null; notChargedFen: number; through: string } {
  const covered = s.coveredThrough;
  const effective = covered && addDays(covered, 1) > asOf ? addDays(covered, 1) : asOf;
  const through = addDays(effective, -1);
  if (s.voided || s.kind === 'LATE_FEE' || !s.rule) return { accrual: null, notChargedFen: 0, through };
  const accrual = lateFeeAccrual({
    amountFen: s.amountFen,
    dueDate: s.dueDate,
    rule: s.rule,
    changes: s.changes,
    netAmountFen: s.amountFen - s.adjustedFen,
    asOf: effective,
  });
  return { accrual, notChargedFen: lateFeeNotCharged(accrual, s.chargedFen), through };
}

/** For lists and the cashier desk: the late fee accrued as of `today` and not yet charged, per bill. */
export async function accruedNotCharged(db: TenantDb, tenantId: string, billIds: readonly string[], today: string): Promise<Map<string, number>> {
  const states = await loadAccrualStates(db, tenantId, billIds);
  const out = new Map<string, number>();
  for (const [id, s] of states) {
    const fen = accrualOf(s, today).notChargedFen;
    if (fen > 0) out.set(id, fen);
  }
  return out;
}

/**
 * Materializes the late fee of the given bills as of `asOf` into LATE_FEE bills of period
 * asOf's month, due on asOf. The caller has locked the bills (FOR UPDATE) in its transaction
 * and checked that the period is open.
 */
export async function materializeLateFees(
  db: TenantDb,
  args: { tenantId: string; actorId: string; billIds: readonly string[]; asOf: string; paymentId?: string | null; locale: string },
): Promise<LateFeeCharge[]> {
  const states = await loadAccrualStates(db, args.tenantId, args.billIds);
  return materializeStates(db, args, [...states.values()]);
}

/** materializeLateFees on states the caller has just read under its locks. */
async function materializeStates(
  db: TenantDb,
  args: { tenantId: string; actorId: string; asOf: string; paymentId?: string | null; locale: string },
  states: readonly AccrualState[],
): Promise<LateFeeCharge[]> {
  const { tenantId, actorId, asOf } = args;
  const due = states.map((s) => ({ s, ...accrualOf(s, asOf) })).filter((x) => x.notChargedFen > 0);
  if (!due.length) return [];
  const { locale } = args;
  const t = serverTranslator(locale);
  const rows = due.map((d) => ({ src: { id: d.s.id, ...d.s.source }, fen: d.notChargedFen, through: d.through }));
  const description = (r: Source, through: string) => t('bills.lateFeeDescription', { item: r.itemName ?? '', period: r.period, through });
  const period = asOf.slice(0, 7);
  const inserted = await db.$queryRaw<{ id: string; forBillId: string; amountFen: number; through: string }[]>`
    insert into "Bill" ("tenantId", "id", "kind", "objectKind", "objectId", "unitId", "parkingSpaceId", "payerKind", "payerId",
                        "feeItemId", "period", "description", "amountFen", "dueDate", "forBillId", "lateFeeThrough", "lateFeePaymentId", "createdById", "createdAt")
    select ${tenantId}, gen_random_uuid()::text, 'LATE_FEE'::"BillKind", t.ok::"ObjectKind", t.oid, t.uid, t.pid, t.pk::"ObjectKind", t.payer,
           t.fid, ${period}, t.descr, t.amt, ${asOf}::date, t.bid, t.thru::date, ${args.paymentId ?? null}, ${actorId}, now()
    from unnest(${rows.map((r) => r.src.objectKind)}::text[], ${rows.map((r) => r.src.objectId)}::text[], ${rows.map((r) => r.src.unitId)}::text[],
                ${rows.map((r) => r.src.parkingSpaceId)}::text[], ${rows.map((r) => r.src.payerKind)}::text[], ${rows.map((r) => r.src.payerId)}::text[],
                ${rows.map((r) => r.src.feeItemId)}::text[], ${rows.map((r) => description(r.src, r.through))}::text[], ${rows.map((r) => r.fen)}::int[],
                ${rows.map((r) => r.src.id)}::text[], ${rows.map((r) => r.through)}::text[]) as t(ok, oid, uid, pid, pk, payer, fid, descr, amt, bid, thru)
    returning "id", "forBillId", "amountFen", to_char("lateFeeThrough", 'YYYY-MM-DD') as through`;
  return inserted.map((i) => ({ billId: i.forBillId, lateFeeBillId: i.id, amountFen: i.amountFen, through: i.through }));
}

// ── at a payment ─────────────────────────────────────────────────────────────────────────

type PaidBill = OpenBill & { lateFee?: boolean };

/**
 * For recordPayment and applyCredit, after the payer's bills are locked and before the money is
 * allocated: the overdue bills this money will pay (principal first) get their late fee as of
 * the payment's effective date materialized. Returns the bills to allocate over (the open ones,
 * flagged, plus the new late-fee bills, which the money pays after every principal) and the
 * chosen ids extended by the late-fee bills of chosen bills. Link them to the payment with
 * `linkLateFeesToPayment` once it exists.
 */
export async function lateFeesForPayment(
  db: TenantDb,
  args: { tenantId: string; actorId: string; locale: string; countedOn: string; open: readonly OpenBill[]; moneyFen: number; chosen?: readonly string[] },
): Promise<{ bills: PaidBill[]; chosen: string[] | undefined; charges: LateFeeCharge[] }> {
  const { tenantId } = args;
  // One read: each open bill's kind, late-fee terms and (when it can accrue) its history.
  const states = await loadAccrualStates(
    db,
    tenantId,
    args.open.map((b) => b.id),
  );
  const lateFeeIds = new Set([...states.values()].filter((x) => x.kind === 'LATE_FEE').map((x) => x.id));
  const bills: PaidBill[] = args.open.map((b) => ({ ...b, lateFee: lateFeeIds.has(b.id) }));
  const chosen = args.chosen ? [...args.chosen] : undefined;
  if (args.moneyFen <= 0) return { bills, chosen, charges: [] };
  const first = allocatePayment(args.moneyFen, bills, chosen);
  const paid = first.allocations.filter((a) => !lateFeeIds.has(a.billId)).map((a) => a.billId);
  const overdue = bills.filter((b) => paid.includes(b.id) && b.dueDate < args.countedOn && states.get(b.id)?.rule).map((b) => states.get(b.id)!);
  if (!overdue.length) return { bills, chosen, charges: [] };
  const charges = await materializeStates(db, { tenantId, actorId: args.actorId, asOf: args.countedOn, locale: args.locale }, overdue);
  if (charges.length) {
    await recordAudit(db, {
      tenantId,
      actorId: args.actorId,
      action: 'billing.lateFees.payment',
      entity: 'Bill',
      after: { asOf: args.countedOn, charges, totalFen: charges.reduce((s, c) => s + c.amountFen, 0) },
    });
  }
  const period = args.countedOn.slice(0, 7);
  for (const c of charges) {
    bills.push({ id: c.lateFeeBillId, outstandingFen: c.amountFen, dueDate: args.countedOn, period, lateFee: true });
    if (chosen && chosen.includes(c.billId)) chosen.push(c.lateFeeBillId);
  }
  return { bills, chosen, charges };
}

/** Records which payment materialized the late-fee bills (a reversal of it voids them while unpaid). */
export async function linkLateFeesToPayment(db: TenantDb, tenantId: string, charges: readonly LateFeeCharge[], paymentId: string) {
  if (!charges.length) return;
  await db.$executeRaw`
    update "Bill" set "lateFeePaymentId" = ${paymentId}
    where "tenantId" = ${tenantId} and "id" = any(${charges.map((c) => c.lateFeeBillId)}::text[])`;
}

/**
 * For reversePayment, after its negative allocations are written: voids the late-fee bills the
 * payment materialized that nothing has paid or waived since (voidedByUndo, so their days are
 * charged again later). One in a closed period (关账) is voided too: like any void after the
 * close it takes effect now, in the open period, and the closed figures do not move. Returns their ids.
 */
export async function voidLateFeesOfPayment(
  db: TenantDb,
  args: { tenantId: string; actorId: string; paymentId: string; reason: string; locale: string },
): Promise<string[]> {
  const { tenantId } = args;
  const rows = await db.$queryRaw<{ id: string }[]>`
    update "Bill" b set "voidedAt" = now(), "voidReason" = ${args.reason}, "voidedByUndo" = true
    where b."tenantId" = ${tenantId} and b."lateFeePaymentId" = ${args.paymentId} and b."kind" = 'LATE_FEE' and b."voidedAt" is null
      and b."paidFen" = 0 and b."adjustedFen" = 0
    returning b."id"`;
  const ids = rows.map((r) => r.id);
  if (ids.length) {
    await db.$executeRaw`
      update "Adjustment" set "status" = 'REJECTED', "decidedById" = ${args.actorId}, "decidedAt" = now(), "decisionNote" = ${serverTranslator(args.locale)('bills.voidedNote', { reason: args.reason })}
      where "tenantId" = ${tenantId} and "status" = 'PENDING' and "billId" = any(${ids}::text[])`;
  }
  return ids;
}

// ── by hand and by the job ───────────────────────────────────────────────────────────────

/**
 * Locks the candidate bills (id order, as every multi-bill writer does) and materializes their
 * late fees as of `asOf`: not void, not late-fee bills, with late-fee terms, some chargeable day
 * before asOf, not already covered through asOf − 1, and (`owing`) something still owed. Bills
 * named by hand may be settled: a fee that accrued before settlement and was never charged
 * (bills settled before payments materialized fees) can still be charged.
 */
async function charge(db: TenantDb, tenantId: string, actorId: string, filter: Prisma.Sql, asOf: string, locale: string, owing = true) {
  await assertPeriodOpen(db, tenantId, asOf.slice(0, 7), 'lateFee');
  const through = addDays(asOf, -1);
  const locked = await db.$queryRaw<{ id: string }[]>`
    select b."id" from "Bill" b
    join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"
    where b."tenantId" = ${tenantId} and b."voidedAt" is null and b."kind" <> 'LATE_FEE' and f."lateFeeDailyBp" is not null
      and b."dueDate" + f."lateFeeGraceDays" < ${through}::date and ${owing ? Prisma.sql`b."paidFen" + b."adjustedFen" < b."amountFen"` : Prisma.sql`true`} and ${filter}
      and not exists (select 1 from "Bill" l where ${COUNTED} and l."lateFeeThrough" >= ${through}::date)
    order by b."id" for update of b`;
  if (!locked.length) return [] as LateFeeCharge[];
  return materializeLateFees(db, { tenantId, actorId, billIds: locked.map((l) => l.id), asOf, locale });
}

/** Charges the accrued late fees (as of today: through yesterday) of the given bills, or of every bill of a period. */
export async function chargeLateFees({ db, tenantId, actorId, timeZone, locale }: Scope, data: z.output<typeof ZChargeLateFees>) {
  if (data.billIds) {
    const n = await db.bill.count({ where: { tenantId, id: { in: data.billIds } } });
    if (n !== data.billIds.length) throw notFound('bill');
  }
  const today = localDate(timeZone);
  const filter = data.billIds ? Prisma.sql`b."id" = any(${data.billIds}::text[])` : Prisma.sql`b."period" = ${data.period!}`;
  const charges = await charge(db, tenantId, actorId, filter, today, locale, !data.billIds);
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

/** One bill's accrued late fee as of today, in the caller's transaction. Null when nothing is due. */
export async function chargeLateFeeForBill({ db, tenantId, actorId, timeZone, locale }: Scope, input: { billId: string }): Promise<LateFeeCharge | null> {
  const exists = await db.bill.findUnique({ where: { tenantId_id: { tenantId, id: input.billId } }, select: { voidedAt: true } });
  if (!exists) throw notFound('bill');
  if (exists.voidedAt) throw new AppError('PRECONDITION_FAILED', 'billIsVoid');
  const today = localDate(timeZone);
  const [c] = await charge(db, tenantId, actorId, Prisma.sql`b."id" = ${input.billId}`, today, locale, false);
  if (c) {
    await recordAudit(db, { tenantId, actorId, action: 'billing.lateFee', entity: 'Bill', entityId: input.billId, after: { asOf: today, ...c } });
  }
  return c ?? null;
}

/** The scheduled job's work for one company (late-fee-job.ts): as of the 1st of the current month. */
export async function chargeMonthlyLateFees({ db, tenantId, actorId, locale }: Scope, args: { today: string }) {
  const asOf = `${args.today.slice(0, 7)}-01`;
  const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: asOf.slice(0, 7) } }, select: { id: true } });
  if (closed) return { asOf, charges: [] as LateFeeCharge[] };
  const charges = await charge(db, tenantId, actorId, Prisma.sql`true`, asOf, locale);
  if (charges.length) {
    await recordAudit(db, {
      tenantId,
      actorId: null,
      action: 'billing.lateFees.scheduled',
      entity: 'Bill',
      after: { asOf, through: addDays(asOf, -1), charged: charges.length, totalFen: charges.reduce((s, c) => s + c.amountFen, 0) },
    });
  }
  return { asOf, charges };
}
