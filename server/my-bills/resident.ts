import 'server-only';
import { pageWindow } from '../shared/paging';
import { unitNumberLabel } from '../shared/labels';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { deriveBill, type BillStatus } from '../billing/bill-status';
import { accruedNotCharged } from '../billing/late-fee-charges';
import { formatReceiptNo, paymentHead } from '../payments/ledger';
import { fromDateColumn, localDate } from '../shared/calendar';
import { num } from '../collection/as-of';
import type { ZMyBills, ZMyPayments } from '../shared/schemas/my-bills';
import { onlinePaymentAvailable } from '../online-payments/config';

// A resident's own fees. What a resident may see is decided once, by `myPayerUnits`: the units
// whose resident records (not archived) are linked to the signed-in user. Bills, payments and
// credit belong to a payer (DOMAIN.md), so a resident sees those whose payer is one of these
// units: the unit's own bills and those of parking spaces tied to it (billed to the unit).
// Present state, so Bill.paidFen / adjustedFen (kept in the allocation's transaction) are used.

export async function myPayerUnits({ db, tenantId, actorId: userId }: Pick<Scope, 'db' | 'tenantId' | 'actorId'>): Promise<string[]> {
  const rows = await db.resident.findMany({ where: { tenantId, userId, archivedAt: null }, select: { unitId: true } });
  return [...new Set(rows.map((r) => r.unitId))];
}

// Statuses as the billing module derives them (server/billing/bill-status.ts), in SQL for the filter.
const STATUS_SQL: Record<BillStatus | 'ANY', Prisma.Sql> = {
  ANY: Prisma.sql`b."voidedAt" is null`,
  VOID: Prisma.sql`b."voidedAt" is not null`,
  PAID: Prisma.sql`b."voidedAt" is null and b."paidFen" + b."adjustedFen" >= b."amountFen"`,
  PARTLY_PAID: Prisma.sql`b."voidedAt" is null and b."paidFen" + b."adjustedFen" < b."amountFen" and b."paidFen" + b."adjustedFen" > 0`,
  OPEN: Prisma.sql`b."voidedAt" is null and b."paidFen" + b."adjustedFen" = 0`,
};

export async function myBills(scope: Scope, q: z.output<typeof ZMyBills>) {
  const { db, tenantId, timeZone } = scope;
  const units = await myPayerUnits(scope);
  const empty = { total: 0, page: q.page, pageSize: q.pageSize, asOf: localDate(timeZone), rows: [] };
  if (!units.length) return empty;
  const cond = Prisma.sql`b."tenantId" = ${tenantId} and b."payerKind" = 'UNIT' and b."payerId" = any(${units}::text[]) and ${STATUS_SQL[q.status ?? 'ANY']}`;
  const counted = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from "Bill" b where ${cond}`;
  const page = await db.$queryRaw<{ id: string }[]>`
    select b."id" from "Bill" b where ${cond}
    order by b."period" desc, b."dueDate" desc, b."createdAt" desc, b."id"
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
  const ids = page.map((r) => r.id);
  const bills = await db.bill.findMany({
    where: { tenantId, id: { in: ids } },
    include: {
      feeItem: { select: { name: true, lateFeeDailyBp: true, lateFeeGraceDays: true, lateFeeCapPercent: true } },
      unit: { select: { entrance: true, number: true, building: { select: { name: true } }, community: { select: { name: true } } } },
      parkingSpace: { select: { number: true, community: { select: { name: true } } } },
      lateFees: { where: { voidedAt: null }, select: { amountFen: true } },
    },
  });
  const byId = new Map(bills.map((b) => [b.id, b]));
  const today = localDate(timeZone);
  const accrued = await accruedNotCharged(
    db,
    tenantId,
    bills.filter((b) => !b.voidedAt && b.kind !== 'LATE_FEE' && b.feeItem?.lateFeeDailyBp != null).map((b) => b.id),
    today,
  );
  return {
    total: num(counted[0]?.n),
    page: q.page,
    pageSize: q.pageSize,
    asOf: today,
    rows: ids.map((id) => {
      const b = byId.get(id)!;
      const dueDate = fromDateColumn(b.dueDate);
      const derived = deriveBill(
        { kind: b.kind, amountFen: b.amountFen, paidFen: b.paidFen, adjustedFen: b.adjustedFen, voided: !!b.voidedAt, dueDate },
        today,
        {
          accruedFen: accrued.get(b.id) ?? 0,
          chargedFen: b.lateFees.reduce((s, x) => s + x.amountFen, 0),
        },
      );
      return {
        id: b.id,
        kind: b.kind,
        period: b.period,
        feeItem: b.feeItem?.name ?? null,
        description: b.description,
        objectKind: b.objectKind,
        object: b.unit
          ? { community: b.unit.community.name, building: b.unit.building.name, label: unitNumberLabel(b.unit) }
          : { community: b.parkingSpace?.community.name ?? '', building: '', label: b.parkingSpace?.number ?? '' },
        amountFen: b.amountFen,
        paidFen: b.paidFen,
        adjustedFen: b.adjustedFen,
        outstandingFen: derived.outstandingFen,
        dueDate,
        status: derived.status,
        daysOverdue: derived.daysOverdue,
        /** accrued, not billed: it becomes a late-fee bill only when charged (already charged: taken off) */
        accruedLateFeeFen: derived.lateFeeAccruedFen,
        chargedLateFeeFen: derived.lateFeeChargedFen,
        voidedAt: b.voidedAt,
        voidReason: b.voidReason,
      };
    }),
  };
}

export async function myPayments(scope: Scope, q: z.output<typeof ZMyPayments>) {
  const { db, tenantId } = scope;
  const units = await myPayerUnits(scope);
  if (!units.length) return { total: 0, page: q.page, pageSize: q.pageSize, rows: [] };
  const where: Prisma.PaymentWhereInput = { tenantId, payerKind: 'UNIT', payerId: { in: units } };
  const total = await db.payment.count({ where });
  const rows = await db.payment.findMany({
    where,
    orderBy: [{ enteredAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
    include: {
      allocations: {
        orderBy: { createdAt: 'asc' },
        include: { bill: { select: { id: true, period: true, kind: true, description: true, feeItem: { select: { name: true } } } } },
      },
      reversedBy: { select: { id: true, enteredAt: true } },
    },
  });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((p) => ({
      ...paymentHead(p),
      enteredAt: p.enteredAt,
      receiptYear: p.receiptYear,
      receiptNo: p.receiptNo,
      /** as printed: 2026-000123 (a reversal has none; its original shows 红冲) */
      receipt: formatReceiptNo(p.receiptYear, p.receiptNo),
      invoiceNo: p.invoiceNo,
      reversesId: p.reversesId,
      /** 红冲: this payment was reversed */
      reversed: p.reversedBy.length > 0,
      reversedAt: p.reversedBy[0]?.enteredAt ?? null,
      allocations: p.allocations.map((a) => ({
        billId: a.billId,
        period: a.bill.period,
        kind: a.bill.kind,
        feeItem: a.bill.feeItem?.name ?? null,
        description: a.bill.description,
        amountFen: a.amountFen,
      })),
    })),
  };
}

export async function mySummary(scope: Scope) {
  const { db, tenantId } = scope;
  const units = await myPayerUnits(scope);
  const today = localDate(scope.timeZone);
  if (!units.length) return { asOf: today, owedFen: 0, overdueFen: 0, openBills: 0, creditFen: 0, units: [] };
  const owed = await db.$queryRaw<{ payer_id: string; owed: bigint; overdue: bigint; open_bills: bigint }[]>`
    select b."payerId" as payer_id,
      coalesce(sum(greatest(b."amountFen" - b."paidFen" - b."adjustedFen", 0)), 0)::bigint as owed,
      coalesce(sum(greatest(b."amountFen" - b."paidFen" - b."adjustedFen", 0)) filter (where b."dueDate" < ${today}::date), 0)::bigint as overdue,
      count(*) filter (where b."amountFen" - b."paidFen" - b."adjustedFen" > 0) as open_bills
    from "Bill" b
    where b."tenantId" = ${tenantId} and b."payerKind" = 'UNIT' and b."payerId" = any(${units}::text[]) and b."voidedAt" is null
    group by b."payerId"`;
  const credit = await db.creditEntry.groupBy({
    by: ['payerId'],
    where: { tenantId, payerKind: 'UNIT', payerId: { in: units } },
    _sum: { amountFen: true },
  });
  const unitRows = await db.unit.findMany({
    where: { tenantId, id: { in: units } },
    select: { id: true, entrance: true, number: true, building: { select: { name: true } }, community: { select: { name: true } } },
    orderBy: [{ communityId: 'asc' }, { number: 'asc' }],
  });
  const owedBy = new Map(owed.map((r) => [r.payer_id, r]));
  const creditBy = new Map(credit.map((c) => [c.payerId, c._sum.amountFen ?? 0]));
  const perUnit = unitRows.map((u) => ({
    unitId: u.id,
    community: u.community.name,
    building: u.building.name,
    label: unitNumberLabel(u),
    owedFen: num(owedBy.get(u.id)?.owed),
    overdueFen: num(owedBy.get(u.id)?.overdue),
    openBills: num(owedBy.get(u.id)?.open_bills),
    creditFen: creditBy.get(u.id) ?? 0,
  }));
  return {
    asOf: today,
    owedFen: perUnit.reduce((s, u) => s + u.owedFen, 0),
    overdueFen: perUnit.reduce((s, u) => s + u.overdueFen, 0),
    openBills: perUnit.reduce((s, u) => s + u.openBills, 0),
    creditFen: perUnit.reduce((s, u) => s + u.creditFen, 0),
    units: perUnit,
  };
}

/** Offline payment (the office): translatable keys, not prose. */
export const OFFLINE_METHODS = ['CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY'] as const;

export async function howToPay(scope: Scope) {
  const { db, tenantId, companyName } = scope;
  const units = await myPayerUnits(scope);
  const communities = units.length
    ? await db.community.findMany({
        where: { tenantId, units: { some: { id: { in: units } } } },
        select: { name: true, address: true },
        orderBy: { name: 'asc' },
      })
    : [];
  return { online: await takesOnlinePayment(scope), methods: [...OFFLINE_METHODS], office: companyName, communities };
}

/**
 * Whether this resident can pay online here: the server talks to Stripe (or its fake), the
 * company's connected account is READY and takes charges, and it offers at least one method.
 * Otherwise my bills says how to pay at the office instead of showing pay buttons.
 */
export async function takesOnlinePayment({ db, tenantId }: Pick<Scope, 'db' | 'tenantId'>): Promise<boolean> {
  if (!onlinePaymentAvailable()) return false;
  const s = await db.onlinePaymentSettings.findUnique({ where: { tenantId }, select: { status: true, chargesEnabled: true, methods: true } });
  return s?.status === 'READY' && s.chargesEnabled && s.methods.length > 0;
}
