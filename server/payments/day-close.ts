// 日结: a business day's totals by method and by cashier, and closing the day (the totals are
// frozen in a DayClose row; afterwards nothing new counts on that day: a record that would is
// dated to the first open day on or after its entry day, ledger.ts `effectiveDate`). 反日结:
// an admin may reopen a closed day, with a reason, until its period is closed; records keep
// the dates they were written with, and the next close freezes the totals again.

import 'server-only';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { isUniqueViolation } from '../billing/common';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { closedFrom, formatReceiptNo, lockDayExclusive, periodLockKey, pickEffectiveDate, today } from './ledger';
import type { Scope } from '../db/scope';
import { memberNames, payerInfos, payerKey, unknownPayer } from './payers';
import { ZDay, ZReopenDay } from '../shared/schemas/payments';

export type TotalsLine = {
  count: number;
  /** payments counted that day */
  paymentsFen: number;
  /** reversals counted that day */
  reversalsFen: number;
  /** approved refunds counted that day */
  refundsFen: number;
  /** payments − reversals − refunds */
  netFen: number;
};

export type DayTotals = TotalsLine & {
  day: string;
  /** net of the money methods: everything except CREDIT (credit applied is not money in the till) */
  moneyNetFen: number;
  byMethod: (TotalsLine & { method: string })[];
  byCashier: (TotalsLine & { cashierId: string; name: string })[];
};

const zero = (): TotalsLine => ({ count: 0, paymentsFen: 0, reversalsFen: 0, refundsFen: 0, netFen: 0 });

function add(line: TotalsLine, kind: string, n: number, fen: number) {
  line.count += n;
  if (kind === 'PAYMENT') line.paymentsFen += fen;
  else if (kind === 'REVERSAL') line.reversalsFen += fen;
  else line.refundsFen += fen;
  line.netFen = line.paymentsFen - line.reversalsFen - line.refundsFen;
}

/** The live totals of `day` (approved records whose countedOn is that day), in one query. */
export async function computeDayTotals(db: TenantDb, tenantId: string, day: string, locale?: string): Promise<DayTotals> {
  const rows = await db.$queryRaw<{ method: string; cashier: string; kind: string; n: number; fen: bigint }[]>`
    select "method"::text as "method", "enteredById" as "cashier", "kind"::text as "kind", count(*)::int as "n", sum("amountFen")::bigint as "fen"
    from "Payment"
    where "tenantId" = ${tenantId} and "countedOn" = ${day}::date and "status" = 'APPROVED'
    group by 1, 2, 3`;
  const names = await memberNames(
    db,
    tenantId,
    rows.map((r) => r.cashier),
    locale,
  );
  const total = zero();
  let moneyNetFen = 0;
  const byMethod = new Map<string, TotalsLine>();
  const byCashier = new Map<string, TotalsLine>();
  for (const r of rows) {
    const fen = Number(r.fen);
    add(total, r.kind, r.n, fen);
    if (r.method !== 'CREDIT') moneyNetFen += r.kind === 'PAYMENT' ? fen : -fen;
    add(byMethod.get(r.method) ?? byMethod.set(r.method, zero()).get(r.method)!, r.kind, r.n, fen);
    add(byCashier.get(r.cashier) ?? byCashier.set(r.cashier, zero()).get(r.cashier)!, r.kind, r.n, fen);
  }
  return {
    day,
    ...total,
    moneyNetFen,
    byMethod: [...byMethod].map(([method, l]) => ({ method, ...l })).sort((a, b) => a.method.localeCompare(b.method)),
    byCashier: [...byCashier]
      .map(([cashierId, l]) => ({ cashierId, name: names.get(cashierId) ?? '', ...l }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.cashierId.localeCompare(b.cashierId)),
  };
}

/**
 * Records received on `day` that count on a later day (the day, or its period, was closed when
 * they were entered; DOMAIN.md): what the day's totals leave out and where each went. Read
 * through the countedOn index (countedOn > day), so a recent day reads only the few days since.
 */
async function countedLater(db: TenantDb, tenantId: string, day: string, locale?: string) {
  const rows = await db.payment.findMany({
    where: { tenantId, status: 'APPROVED', countedOn: { gt: dateColumn(day) }, receivedOn: dateColumn(day) },
    orderBy: [{ countedOn: 'asc' }, { enteredAt: 'asc' }, { id: 'asc' }],
    take: 200,
    include: { reverses: { select: { receiptYear: true, receiptNo: true } } },
  });
  const payers = await payerInfos(
    db,
    tenantId,
    rows.map((r) => ({ kind: r.payerKind, id: r.payerId })),
  );
  const names = await memberNames(
    db,
    tenantId,
    rows.map((r) => r.enteredById),
    locale,
  );
  return rows.map((r) => ({ ...recordLine(r, payers, names), countedOn: fromDateColumn(r.countedOn) }));
}

type RecordRow = Prisma.PaymentGetPayload<{ include: { reverses: { select: { receiptYear: true; receiptNo: true } } } }>;

/** A day's record as the day-close pages list it: signed amount, its receipt (a reversal's: the one it reverses), payer, cashier. */
function recordLine(r: RecordRow, payers: Awaited<ReturnType<typeof payerInfos>>, names: Map<string, string>) {
  return {
    id: r.id,
    kind: r.kind,
    method: r.method,
    /** signed: a reversal or refund is negative */
    amountFen: r.kind === 'PAYMENT' ? r.amountFen : -r.amountFen,
    receiptNo: formatReceiptNo(r.receiptYear, r.receiptNo) ?? (r.reverses ? formatReceiptNo(r.reverses.receiptYear, r.reverses.receiptNo) : null),
    enteredAt: r.enteredAt,
    payer: payers.get(payerKey(r.payerKind, r.payerId)) ?? unknownPayer(r.payerKind, r.payerId),
    cashier: names.get(r.enteredById) ?? '',
  };
}

/** The day's earlier closes that an admin reopened (反日结), oldest first: who, when and why. */
async function reopens(db: TenantDb, tenantId: string, day: string, locale?: string) {
  const rows = await db.dayClose.findMany({
    where: { tenantId, day: dateColumn(day), reopenedAt: { not: null } },
    orderBy: { reopenedAt: 'asc' },
    select: { id: true, closedAt: true, closedById: true, reopenedAt: true, reopenedById: true, reopenReason: true },
  });
  const names = await memberNames(db, tenantId, rows.flatMap((r) => [r.closedById, r.reopenedById ?? '']).filter(Boolean), locale);
  return rows.map((r) => ({
    id: r.id,
    closedAt: r.closedAt,
    closedBy: names.get(r.closedById) ?? '',
    reopenedAt: r.reopenedAt!,
    reopenedBy: r.reopenedById ? (names.get(r.reopenedById) ?? '') : '',
    reason: r.reopenReason ?? '',
  }));
}

/**
 * The day's totals; once closed, the frozen figures and who closed it. With them: the records
 * received that day but counted on a later day, and the day's reopens (反日结) with their reasons.
 */
export async function dayTotals({ db, tenantId, locale }: Scope, { day }: z.output<typeof ZDay>) {
  const closed = await db.dayClose.findFirst({ where: { tenantId, day: dateColumn(day), reopenedAt: null } });
  // One query at a time: a transaction is one connection.
  const later = await countedLater(db, tenantId, day, locale);
  const reopened = await reopens(db, tenantId, day, locale);
  if (closed) {
    const names = await memberNames(db, tenantId, [closed.closedById]);
    return {
      ...(closed.totals as unknown as DayTotals),
      closed: true,
      closedAt: closed.closedAt,
      closedBy: { id: closed.closedById, name: names.get(closed.closedById) ?? '' },
      countedLater: later,
      reopens: reopened,
    };
  }
  return {
    ...(await computeDayTotals(db, tenantId, day, locale)),
    closed: false,
    closedAt: null,
    closedBy: null,
    countedLater: later,
    reopens: reopened,
  };
}

/**
 * The day's totals alone (the dashboard's tile): the frozen ones once it is closed, else the live
 * ones — without the day-close page's lists (records counted later, reopens) and names.
 */
export async function dayFigures({ db, tenantId, locale }: Scope, { day }: z.output<typeof ZDay>) {
  const closed = await db.dayClose.findFirst({ where: { tenantId, day: dateColumn(day), reopenedAt: null }, select: { totals: true } });
  const totals = closed ? (closed.totals as unknown as DayTotals) : await computeDayTotals(db, tenantId, day, locale);
  return { ...totals, closed: !!closed };
}

/**
 * Where a payment received on `day` and entered now would count (the form says it before the
 * cashier submits): `day` itself, or the first open day from today when `day` is closed (日结);
 * `periodClosed` when its period is closed (关账: the counter refuses it). Read without locks:
 * recordPayment decides again under them.
 */
export async function dayStatus(scope: Scope, { day }: z.output<typeof ZDay>) {
  const entryDay = today(scope);
  const state = await closedFrom(scope.db, scope.tenantId, day < entryDay ? day : entryDay);
  try {
    const countedOn = pickEffectiveDate({ receivedOn: day, entryDay, closedPeriod: 'refuse' }, state.days, state.periods);
    return { day, dayClosed: state.days.has(day), periodClosed: false, countedOn };
  } catch (e) {
    if (e instanceof AppError) return { day, dayClosed: state.days.has(day), periodClosed: true, countedOn: null };
    throw e;
  }
}

/**
 * Closes `day` (today or earlier) with its totals frozen. Takes the day's lock exclusively, so
 * it waits for payments in flight that count in it, and those started later see the close.
 * Closing twice → CONFLICT.
 */
export async function closeDay(scope: Scope, { day }: z.output<typeof ZDay>) {
  const { db, tenantId, actorId } = scope;
  const localToday = today(scope);
  if (day > localToday) throw new AppError('BAD_REQUEST', 'dayNotYet', { day, today: localToday });
  await lockDayExclusive(db, tenantId, day);
  const existing = await db.dayClose.findFirst({ where: { tenantId, day: dateColumn(day), reopenedAt: null }, select: { id: true } });
  if (existing) throw new AppError('CONFLICT', 'dayAlreadyClosed', { day });
  const totals = await computeDayTotals(db, tenantId, day, scope.locale);
  let row: { id: string; closedAt: Date };
  try {
    row = await db.dayClose.create({
      data: { tenantId, day: dateColumn(day), totals: totals as unknown as Prisma.InputJsonValue, closedById: actorId },
      select: { id: true, closedAt: true },
    });
  } catch (e) {
    // DayClose_one_per_day: a concurrent close of the same day won.
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'dayAlreadyClosed', { day });
    throw e;
  }
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'day.close',
    entity: 'DayClose',
    entityId: row.id,
    after: {
      day,
      count: totals.count,
      netFen: totals.netFen,
      moneyNetFen: totals.moneyNetFen,
      byMethod: totals.byMethod.map((m) => ({ method: m.method, netFen: m.netFen })),
    },
  });
  return { id: row.id, closedAt: row.closedAt, ...totals };
}

/**
 * 反日结: reopens a closed day. Takes the day's lock exclusively (records in flight that count
 * on it finish first; records written later see it open) and the period's lock shared, so a
 * concurrent 关账 is ordered against it: a day of a closed period is never reopened. The DayClose
 * row is marked reopened (kept, with who, when and why), so the day can be closed again.
 * Records keep their countedOn: reopening re-dates nothing.
 */
export async function reopenDay({ db, tenantId, actorId }: Scope, { day, reason }: z.output<typeof ZReopenDay>) {
  await lockDayExclusive(db, tenantId, day);
  await db.$executeRaw`select pg_advisory_xact_lock_shared(hashtextextended(${periodLockKey(tenantId, day.slice(0, 7))}, 0))`;
  const closed = await db.dayClose.findFirst({ where: { tenantId, day: dateColumn(day), reopenedAt: null } });
  if (!closed) throw new AppError('PRECONDITION_FAILED', 'dayNotClosed', { day });
  const periodClosed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: day.slice(0, 7) } }, select: { id: true } });
  if (periodClosed) throw new AppError('PRECONDITION_FAILED', 'dayInClosedPeriod', { period: day.slice(0, 7) });
  const { count } = await db.dayClose.updateMany({
    where: { tenantId, id: closed.id, reopenedAt: null },
    data: { reopenedAt: new Date(), reopenedById: actorId, reopenReason: reason },
  });
  if (count !== 1) throw new AppError('CONFLICT', 'dayChanged', { day });
  const totals = closed.totals as unknown as DayTotals;
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'day.reopen',
    entity: 'DayClose',
    entityId: closed.id,
    before: {
      day,
      closedById: closed.closedById,
      closedAt: closed.closedAt.toISOString(),
      count: totals.count,
      netFen: totals.netFen,
      moneyNetFen: totals.moneyNetFen,
    },
    after: { day, reason },
  });
  return { day, reopened: true as const };
}

/** The printable 日结 report of a closed day: frozen totals and every record counted in it. */
export async function dayCloseReport({ db, tenantId, currency, companyName, locale }: Scope, { day }: z.output<typeof ZDay>) {
  const closed = await db.dayClose.findFirst({ where: { tenantId, day: dateColumn(day), reopenedAt: null } });
  if (!closed) throw notFound('dayClose');
  const records = await db.payment.findMany({
    where: { tenantId, countedOn: dateColumn(day), status: 'APPROVED' },
    orderBy: [{ enteredAt: 'asc' }, { id: 'asc' }],
    include: { reverses: { select: { receiptYear: true, receiptNo: true } } },
  });
  const payers = await payerInfos(
    db,
    tenantId,
    records.map((r) => ({ kind: r.payerKind, id: r.payerId })),
  );
  const names = await memberNames(db, tenantId, [closed.closedById, ...records.map((r) => r.enteredById)], locale);
  return {
    day,
    companyName,
    currency,
    closedAt: closed.closedAt,
    closedBy: { id: closed.closedById, name: names.get(closed.closedById) ?? '' },
    totals: closed.totals as unknown as DayTotals,
    records: records.map((r) => ({
      ...recordLine(r, payers, names),
      receivedOn: fromDateColumn(r.receivedOn),
      /** counted on a later day than received (its day or period was closed when it was entered; online payments) */
      moved: fromDateColumn(r.receivedOn) !== day,
    })),
  };
}
