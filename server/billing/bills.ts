import 'server-only';
import { spaceLabel } from '../shared/labels';
import type { Scope } from '../db/scope';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { uniqueOr } from '../property/errors';
import { deriveBill, type BillStatus } from './bill-status';
import { accruedNotCharged } from './late-fee-charges';
import { quoteRegularAmount } from './billing-run/quote';
import { rejectPendingAdjustments } from './billing-run/undo';
import { assertPeriodOpen } from './common';
import { localDate } from '../shared/calendar';
import { ZById, ZCreateCorrection, ZListBills, ZOneOffCharge, ZVoidBill } from '../shared/schemas/billing';
import { billPayerSql } from '../payments/payer-search';
import { serverTranslator } from '../i18n/translator';

// Bills: listed with what they imply (outstanding, status, days overdue, accrued late fee),
// voided with a reason (never edited), replaced by a correction, or charged by hand.

const STATUS_SQL: Record<BillStatus, Prisma.Sql> = {
  VOID: Prisma.sql`b."voidedAt" is not null`,
  PAID: Prisma.sql`b."voidedAt" is null and b."paidFen" + b."adjustedFen" >= b."amountFen"`,
  PARTLY_PAID: Prisma.sql`b."voidedAt" is null and b."paidFen" + b."adjustedFen" < b."amountFen" and b."paidFen" + b."adjustedFen" > 0`,
  OPEN: Prisma.sql`b."voidedAt" is null and b."paidFen" + b."adjustedFen" = 0`,
};

/** What a bill is charged on and who pays it. */
type ChargeObject = {
  objectKind: 'UNIT' | 'PARKING';
  objectId: string;
  unitId: string | null;
  parkingSpaceId: string | null;
  payerKind: 'UNIT' | 'PARKING';
  payerId: string;
};

type BillRow = ChargeObject & {
  id: string;
  kind: string;
  feeItemId: string | null;
  period: string;
  runId: string | null;
  description: string;
  amountFen: number;
  paidFen: number;
  adjustedFen: number;
  dueDate: Date;
  replacesId: string | null;
  forBillId: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  voidedByUndo: boolean;
  createdAt: Date;
  createdById: string;
  label: string;
  community_id: string;
  community_name: string;
  building_id: string | null;
  fee_item_name: string | null;
  late_bp: number | null;
  late_grace: number | null;
  late_cap: number | null;
};

const SELECT_BILLS = Prisma.sql`
  select b."id", b."kind"::text as kind, b."objectKind"::text as "objectKind", b."objectId", b."unitId", b."parkingSpaceId",
         b."payerKind"::text as "payerKind", b."payerId", b."feeItemId", b."period", b."runId", b."description",
         b."amountFen", b."paidFen", b."adjustedFen", b."dueDate", b."replacesId", b."forBillId",
         b."voidedAt", b."voidReason", b."voidedByUndo", b."createdAt", b."createdById",
         case when b."objectKind" = 'UNIT' then concat_ws(' ', bu."name", nullif(u."entrance", ''), u."number") else '车位 ' || p."number" end as label,
         c."id" as community_id, c."name" as community_name, u."buildingId" as building_id,
         f."name" as fee_item_name, f."lateFeeDailyBp" as late_bp, f."lateFeeGraceDays" as late_grace, f."lateFeeCapPercent" as late_cap
  from "Bill" b
  left join "Unit" u on u."tenantId" = b."tenantId" and u."id" = b."unitId"
  left join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"
  left join "ParkingSpace" p on p."tenantId" = b."tenantId" and p."id" = b."parkingSpaceId"
  join "Community" c on c."tenantId" = b."tenantId" and c."id" = coalesce(u."communityId", p."communityId")
  left join "FeeItem" f on f."tenantId" = b."tenantId" and f."id" = b."feeItemId"`;

/** The late fee accrued as of today and not charged yet, for the rows that can accrue one (same accrual as payments and the job). */
async function lateFeesAccrued(db: TenantDb, tenantId: string, rows: BillRow[], today: string) {
  const ids = rows.filter((r) => r.late_bp !== null && !r.voidedAt && r.kind !== 'LATE_FEE' && fromDateColumn(r.dueDate) < today).map((r) => r.id);
  return accruedNotCharged(db, tenantId, ids, today);
}

/** Σ non-void late-fee bills per bill (index on forBillId; each bill counted once however many rows share its payer). */
async function lateFeesCharged(db: TenantDb, tenantId: string, rows: { id: string }[]) {
  if (!rows.length) return new Map<string, number>();
  const sums = await db.$queryRaw<{ forBillId: string; total: bigint }[]>`
    select l."forBillId", sum(l."amountFen")::bigint as total from "Bill" l
    where l."tenantId" = ${tenantId} and l."kind" = 'LATE_FEE' and l."voidedAt" is null and l."forBillId" = any(${rows.map((r) => r.id)}::text[])
    group by l."forBillId"`;
  return new Map(sums.map((s) => [s.forBillId, Number(s.total)]));
}

function show(r: BillRow, today: string, charged: number, accrued: number) {
  const due = fromDateColumn(r.dueDate);
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    objectKind: r.objectKind,
    objectId: r.objectId,
    unitId: r.unitId,
    parkingSpaceId: r.parkingSpaceId,
    label: r.label,
    communityId: r.community_id,
    communityName: r.community_name,
    buildingId: r.building_id,
    payerKind: r.payerKind,
    payerId: r.payerId,
    feeItemId: r.feeItemId,
    feeItemName: r.fee_item_name,
    description: r.description,
    amountFen: r.amountFen,
    paidFen: r.paidFen,
    adjustedFen: r.adjustedFen,
    dueDate: due,
    runId: r.runId,
    replacesId: r.replacesId,
    forBillId: r.forBillId,
    voidedAt: r.voidedAt,
    voidReason: r.voidReason,
    voidedByUndo: r.voidedByUndo,
    createdAt: r.createdAt,
    ...deriveBill({ kind: r.kind, amountFen: r.amountFen, paidFen: r.paidFen, adjustedFen: r.adjustedFen, voided: !!r.voidedAt, dueDate: due }, today, {
      accruedFen: accrued,
      chargedFen: charged,
    }),
  };
}

export async function listBills({ db, tenantId, timeZone }: Scope, q: z.output<typeof ZListBills>) {
  const conds: Prisma.Sql[] = [Prisma.sql`b."tenantId" = ${tenantId}`];
  if (q.period) conds.push(Prisma.sql`b."period" = ${q.period}`);
  if (q.communityId) conds.push(Prisma.sql`c."id" = ${q.communityId}`);
  if (q.buildingId) conds.push(Prisma.sql`u."buildingId" = ${q.buildingId}`);
  if (q.unitId) conds.push(Prisma.sql`b."unitId" = ${q.unitId}`);
  if (q.parkingSpaceId) conds.push(Prisma.sql`b."parkingSpaceId" = ${q.parkingSpaceId}`);
  if (q.feeItemId) conds.push(Prisma.sql`b."feeItemId" = ${q.feeItemId}`);
  if (q.runId) conds.push(Prisma.sql`b."runId" = ${q.runId}`);
  if (q.kind) conds.push(Prisma.sql`b."kind"::text = ${q.kind}`);
  if (q.payer) conds.push(Prisma.sql`b."payerKind"::text = ${q.payer.kind} and b."payerId" = ${q.payer.id}`);
  if (q.status) conds.push(STATUS_SQL[q.status]);
  const payer = billPayerSql(q.q);
  if (payer) {
    // The one payer search (a unit, name, phone or receipt), or the fee item or description.
    const text = `%${q.q!.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(Prisma.sql`(${payer} or f."name" ilike ${text} or b."description" ilike ${text})`);
  }
  const where = Prisma.join(conds, ' and ');
  const [{ total }] = (await db.$queryRaw<{ total: number }[]>`select count(*)::int as total from (${SELECT_BILLS} where ${where}) x`) as [{ total: number }];
  const rows = await db.$queryRaw<BillRow[]>`
    ${SELECT_BILLS} where ${where}
    order by b."period" desc, c."name", label, b."createdAt", b."id"
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
  const today = localDate(timeZone);
  const charged = await lateFeesCharged(db, tenantId, rows);
  const accrued = await lateFeesAccrued(db, tenantId, rows, today);
  return { total, page: q.page, pageSize: q.pageSize, today, rows: rows.map((r) => show(r, today, charged.get(r.id) ?? 0, accrued.get(r.id) ?? 0)) };
}

/**
 * A payer's bills for its account view (server/payments/payer-account.ts): the unsettled ones
 * first (oldest due first, the order a payment pays them), then the rest newest period first,
 * void last; at most `limit`, with the totals over all of them.
 */
export async function listPayerBills({ db, tenantId, timeZone }: Scope, payer: { kind: 'UNIT' | 'PARKING'; id: string }, limit: number) {
  const where = Prisma.sql`b."tenantId" = ${tenantId} and b."payerKind"::text = ${payer.kind} and b."payerId" = ${payer.id}`;
  const unsettled = Prisma.sql`(b."voidedAt" is null and b."paidFen" + b."adjustedFen" < b."amountFen")`;
  const [totals] = await db.$queryRaw<{ total: number; open: number; outstanding: bigint }[]>`
    select count(*)::int as total, (count(*) filter (where ${unsettled}))::int as open,
           coalesce(sum(b."amountFen" - b."paidFen" - b."adjustedFen") filter (where ${unsettled}), 0)::bigint as outstanding
    from "Bill" b where ${where}`;
  const rows = await db.$queryRaw<BillRow[]>`
    ${SELECT_BILLS} where ${where}
    order by ${unsettled} desc, (b."voidedAt" is null) desc,
             case when ${unsettled} then b."dueDate" end asc, b."period" desc, (b."kind" = 'LATE_FEE'), b."createdAt", b."id"
    limit ${limit}`;
  const today = localDate(timeZone);
  const charged = await lateFeesCharged(db, tenantId, rows);
  const accrued = await lateFeesAccrued(db, tenantId, rows, today);
  return {
    total: totals!.total,
    openCount: totals!.open,
    /** Σ outstanding of every unsettled bill (not only the rows returned) */
    outstandingFen: Number(totals!.outstanding),
    today,
    rows: rows.map((r) => show(r, today, charged.get(r.id) ?? 0, accrued.get(r.id) ?? 0)),
  };
}

async function billRow(db: TenantDb, tenantId: string, id: string) {
  const [row] = await db.$queryRaw<BillRow[]>`${SELECT_BILLS} where b."tenantId" = ${tenantId} and b."id" = ${id}`;
  if (!row) throw notFound('bill');
  return row;
}

export async function getBill({ db, tenantId, timeZone }: Scope, { id }: z.output<typeof ZById>) {
  const row = await billRow(db, tenantId, id);
  const today = localDate(timeZone);
  const charged = await lateFeesCharged(db, tenantId, [row]);
  const accrued = await lateFeesAccrued(db, tenantId, [row], today);
  const allocations = await db.paymentAllocation.findMany({
    where: { tenantId, billId: id },
    include: {
      payment: { select: { id: true, kind: true, method: true, receivedOn: true, receiptYear: true, receiptNo: true, enteredById: true, reversesId: true } },
    },
    orderBy: { createdAt: 'asc' },
  });
  const adjustments = await db.adjustment.findMany({ where: { tenantId, billId: id }, orderBy: { requestedAt: 'asc' } });
  const related = await db.bill.findMany({
    where: { tenantId, OR: [{ forBillId: id }, { replacesId: id }, ...(row.replacesId ? [{ id: row.replacesId }] : [])] },
    select: { id: true, kind: true, period: true, amountFen: true, createdAt: true, createdById: true, voidedAt: true, replacesId: true, forBillId: true },
    orderBy: { createdAt: 'asc' },
  });
  const run = row.runId
    ? await db.billingRun.findUnique({ where: { tenantId_id: { tenantId, id: row.runId } }, select: { id: true, status: true, createdAt: true } })
    : null;
  const audit = await db.auditLog.findMany({ where: { tenantId, entity: 'Bill', entityId: id }, orderBy: { createdAt: 'asc' } });
  const userIds = new Set<string>([
    row.createdById,
    ...allocations.map((a) => a.payment.enteredById),
    ...adjustments.flatMap((a) => [a.requestedById, a.decidedById ?? '']),
    ...audit.map((a) => a.actorId ?? ''),
  ]);
  userIds.delete('');
  const users = await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } });
  const who = (uid: string | null | undefined) => (uid ? (users.find((u) => u.id === uid)?.name ?? null) : null);

  type Event = { at: Date; action: string; by: string | null; amountFen?: number; detail?: string };
  const history: Event[] = [
    {
      at: row.createdAt,
      action: row.runId ? 'billed' : 'created',
      by: who(row.createdById),
      amountFen: row.amountFen,
      ...(row.runId ? { detail: `run ${row.runId}` } : {}),
    },
    ...allocations.map((a) => ({
      at: a.createdAt,
      action: a.amountFen > 0 ? 'paid' : 'payment reversed',
      by: who(a.payment.enteredById),
      amountFen: a.amountFen,
      detail: a.payment.method,
    })),
    ...adjustments.flatMap((a): Event[] => [
      { at: a.requestedAt, action: `${a.kind.toLowerCase()} requested`, by: who(a.requestedById), amountFen: a.amountFen, detail: a.reason },
      ...(a.decidedAt
        ? [
            {
              at: a.decidedAt,
              action: `${a.kind.toLowerCase()} ${a.status === 'APPROVED' ? 'approved' : 'rejected'}`,
              by: who(a.decidedById),
              amountFen: a.amountFen,
              detail: a.decisionNote ?? '',
            },
          ]
        : []),
    ]),
    ...related
      .filter((r) => r.forBillId === id)
      .map((r) => ({ at: r.createdAt, action: 'late fee charged', by: who(r.createdById), amountFen: r.amountFen, detail: r.id })),
    ...related
      .filter((r) => r.replacesId === id)
      .map((r) => ({ at: r.createdAt, action: 'corrected', by: who(r.createdById), amountFen: r.amountFen, detail: r.id })),
    ...(row.voidedAt
      ? [
          {
            at: row.voidedAt,
            action: row.voidedByUndo && row.kind !== 'LATE_FEE' ? 'voided by undoing its run' : 'voided',
            by: who(audit.find((a) => a.action === 'bill.void')?.actorId),
            detail: row.voidReason ?? '',
          },
        ]
      : []),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    ...show(row, today, charged.get(id) ?? 0, accrued.get(id) ?? 0),
    run,
    allocations: allocations.map((a) => ({
      id: a.id,
      amountFen: a.amountFen,
      createdAt: a.createdAt,
      payment: {
        id: a.payment.id,
        kind: a.payment.kind,
        method: a.payment.method,
        receivedOn: fromDateColumn(a.payment.receivedOn),
        receiptYear: a.payment.receiptYear,
        receiptNo: a.payment.receiptNo,
      },
    })),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      amountFen: a.amountFen,
      reason: a.reason,
      status: a.status,
      requestedBy: who(a.requestedById),
      requestedAt: a.requestedAt,
      decidedBy: who(a.decidedById),
      decidedAt: a.decidedAt,
      decisionNote: a.decisionNote,
      effectiveOn: a.effectiveOn ? fromDateColumn(a.effectiveOn) : null,
    })),
    lateFeeBills: related.filter((r) => r.forBillId === id).map((r) => ({ id: r.id, period: r.period, amountFen: r.amountFen, voided: !!r.voidedAt })),
    correctedBy: related.find((r) => r.replacesId === id)?.id ?? null,
    history,
  };
}

/** Locks one bill of this tenant for the rest of the transaction; NOT_FOUND otherwise. */
export async function lockBill(db: TenantDb, tenantId: string, id: string) {
  const [b] = await db.$queryRaw<
    { id: string; kind: string; period: string; amountFen: number; paidFen: number; adjustedFen: number; voidedAt: Date | null; voidedByUndo: boolean }[]
  >`
    select "id", "kind"::text as kind, "period", "amountFen", "paidFen", "adjustedFen", "voidedAt", "voidedByUndo"
    from "Bill" where "tenantId" = ${tenantId} and "id" = ${id} for update`;
  if (!b) throw notFound('bill');
  return b;
}

/**
 * Voids a bill on its own: never re-created by a run. Refused while it carries payments. A bill
 * of a closed period (关账) may be voided too: the void takes effect now, in the open period
 * (DOMAIN.md: it shows there as arrears adjusted), its correction lands there as well, and the
 * closed period's published figures do not move.
 */
export async function voidBill({ db, tenantId, actorId, locale }: Scope, { id, reason }: z.output<typeof ZVoidBill>) {
  const b = await lockBill(db, tenantId, id);
  if (b.voidedAt) throw new AppError('PRECONDITION_FAILED', 'billAlreadyVoid');
  const [alloc] = await db.$queryRaw<{ net: bigint }[]>`
    select coalesce(sum("amountFen"), 0)::bigint as net from "PaymentAllocation" where "tenantId" = ${tenantId} and "billId" = ${id}`;
  if (b.paidFen > 0 || Number(alloc!.net) > 0) {
    throw new AppError('PRECONDITION_FAILED', 'billHasPayments');
  }
  const periodClosed = !!(await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: b.period } }, select: { id: true } }));
  const { count } = await db.bill.updateMany({
    where: { tenantId, id, voidedAt: null },
    data: { voidedAt: new Date(), voidReason: reason, voidedByUndo: false },
  });
  if (count !== 1) throw new AppError('CONFLICT', 'billChanged');
  const rejected = await rejectPendingAdjustments(db, tenantId, actorId, [id], serverTranslator(locale)('bills.voidedNote', { reason }));
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'bill.void',
    entity: 'Bill',
    entityId: id,
    after: { reason, amountFen: b.amountFen, adjustmentsRejected: rejected, periodClosed },
  });
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * A correction replaces one void bill (at most one, by the Bill_one_correction index), for the
 * given amount or the amount a run would bill now. It stays in the void bill's period unless that
 * period is closed, in which case it goes to the open period of today.
 */
export async function createCorrection({ db, tenantId, actorId, timeZone }: Scope, data: z.output<typeof ZCreateCorrection>) {
  const b = await lockBill(db, tenantId, data.voidBillId);
  if (!b.voidedAt) throw new AppError('PRECONDITION_FAILED', 'correctVoidOnly');
  if (b.voidedByUndo) throw new AppError('PRECONDITION_FAILED', 'correctUndone');
  const orig = await db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: b.id } } });
  let amountFen = data.amountFen;
  if (data.recompute) {
    if (!orig.feeItemId || (orig.kind !== 'REGULAR' && orig.kind !== 'CORRECTION')) {
      throw new AppError('BAD_REQUEST', 'recomputeRegularOnly');
    }
    const quote = await quoteRegularAmount(db, tenantId, { feeItemId: orig.feeItemId, objectId: orig.objectId, period: orig.period });
    if ('reason' in quote) throw new AppError('PRECONDITION_FAILED', 'recomputeImpossible', { skip: quote.reason, period: orig.period });
    amountFen = quote.amountFen;
  }
  const today = localDate(timeZone);
  const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: orig.period } }, select: { id: true } });
  const period = closed ? today.slice(0, 7) : orig.period;
  if (closed) await assertPeriodOpen(db, tenantId, period, 'correction');
  const bill = await uniqueOr(
    db.bill.create({
      data: {
        tenantId,
        kind: 'CORRECTION',
        objectKind: orig.objectKind,
        objectId: orig.objectId,
        unitId: orig.unitId,
        parkingSpaceId: orig.parkingSpaceId,
        payerKind: orig.payerKind,
        payerId: orig.payerId,
        feeItemId: orig.feeItemId,
        period,
        description: data.reason,
        amountFen: amountFen!,
        dueDate: dateColumn(later(fromDateColumn(orig.dueDate), today)),
        replacesId: orig.id,
        createdById: actorId,
      },
    }),
    'correctionExists',
  );
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'bill.correct',
    entity: 'Bill',
    entityId: orig.id,
    after: { correctionId: bill.id, amountFen, previousAmountFen: orig.amountFen, recomputed: !!data.recompute, reason: data.reason, period },
  });
  return { id: bill.id, amountFen: amountFen!, period };
}

/** A one-off charge (e.g. a renovation deposit) on a unit or a parking space's payer. */
export async function createOneOffCharge({ db, tenantId, actorId }: Scope, data: z.output<typeof ZOneOffCharge>) {
  let object: ChargeObject & { label: string };
  if (data.unitId) {
    const u = await db.unit.findUnique({ where: { tenantId_id: { tenantId, id: data.unitId } }, select: { id: true, number: true, archivedAt: true } });
    if (!u) throw notFound('unit');
    if (u.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'unit' });
    object = { objectKind: 'UNIT', objectId: u.id, unitId: u.id, parkingSpaceId: null, payerKind: 'UNIT', payerId: u.id, label: u.number };
  } else {
    const p = await db.parkingSpace.findUnique({
      where: { tenantId_id: { tenantId, id: data.parkingSpaceId! } },
      select: { id: true, number: true, unitId: true, archivedAt: true },
    });
    if (!p) throw notFound('parkingSpace');
    if (p.archivedAt) throw new AppError('PRECONDITION_FAILED', 'parentArchived', { what: 'parkingSpace' });
    object = {
      objectKind: 'PARKING',
      objectId: p.id,
      unitId: null,
      parkingSpaceId: p.id,
      payerKind: p.unitId ? 'UNIT' : 'PARKING',
      payerId: p.unitId ?? p.id,
      label: spaceLabel(p.number),
    };
  }
  if (data.feeItemId) {
    const item = await db.feeItem.findUnique({ where: { tenantId_id: { tenantId, id: data.feeItemId } }, select: { objectKind: true, name: true } });
    if (!item) throw notFound('feeItem');
  }
  await assertPeriodOpen(db, tenantId, data.period, 'newCharge');
  const { label, ...cols } = object;
  const bill = await db.bill.create({
    data: {
      tenantId,
      kind: 'ONE_OFF',
      ...cols,
      feeItemId: data.feeItemId ?? null,
      period: data.period,
      description: data.description,
      amountFen: data.amountFen,
      dueDate: dateColumn(data.dueDate),
      createdById: actorId,
    },
  });
  await recordAudit(db, { tenantId, actorId, action: 'bill.oneOff', entity: 'Bill', entityId: bill.id, after: { ...data, object: label } });
  return { id: bill.id };
}
