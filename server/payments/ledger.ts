// Building blocks shared by the payment services: payer and bill locks, the business-day and
// period checks, receipt numbers, credit balances. Every function runs inside the caller's one
// transaction (a tenant procedure's ctx.db) and takes its locks there.
//
// Lock order (the same in every service, so they cannot deadlock each other):
//   1. the payer's row (Unit or ParkingSpace, FOR NO KEY UPDATE: does not block the
//      FOR KEY SHARE that inserting a bill for the unit takes);
//   2. shared advisory locks on the business days and periods the record touches, in key
//      order (closeDay / a period close take the same key exclusively, so a close waits for
//      the records in flight and records started after it see the close row);
//   3. the payer's bills, FOR UPDATE, ordered by id (the late-fee bills a payment materializes
//      for the overdue bills it pays are inserted under these locks: billing/late-fee-charges.ts);
//   4. the receipt counter row (INSERT … ON CONFLICT DO UPDATE), last, held only until commit;
//   5. at COMMIT, after all of these, the report rollups (#16; migration *_report_rollups): a
//      deferred trigger takes advisory locks on buckets of the touched bills' ids, in key order,
//      then the RateDay/RateMonth rows it adds to, in key order. Nothing takes a rollup lock
//      before a ledger lock, so the rollups cannot deadlock a payment.

import { outstandingFen } from '../billing/bill-status';
import 'server-only';
import type { TenantDb } from '../db/tenant';
import { AppError, notFound } from '../errors';
import type { OpenBill } from './allocation';
import type { Payer } from '../shared/schemas/payments';
import { fromDateColumn } from '../shared/calendar';

export { today } from '../db/scope';

/** Receipt numbers print as year and a zero-padded serial: 2026-000123. */
export function formatReceiptNo(year: number | null, no: number | null): string | null {
  if (year == null || no == null) return null;
  return `${year}-${String(no).padStart(6, '0')}`;
}

/** Advisory-lock keys: a business day (日结) and a period (关账) of one company. */
export const dayLockKey = (tenantId: string, day: string) => `linli:day:${tenantId}:${day}`;
export const periodLockKey = (tenantId: string, period: string) => `linli:period:${tenantId}:${period}`;

/**
 * Locks the payer's row; NOT_FOUND if it is not this company's. For a parking space, returns
 * the unit it is tied to (whose household pays its bills), if any.
 */
export async function lockPayer(db: TenantDb, tenantId: string, payer: Payer): Promise<{ tiedToUnitId: string | null }> {
  const rows =
    payer.kind === 'UNIT'
      ? await db.$queryRaw<{ unitId: string | null }[]>`
          select null::text as "unitId" from "Unit" where "tenantId" = ${tenantId} and "id" = ${payer.id} for no key update`
      : await db.$queryRaw<{ unitId: string | null }[]>`
          select "unitId" from "ParkingSpace" where "tenantId" = ${tenantId} and "id" = ${payer.id} for no key update`;
  if (rows.length !== 1) throw notFound(payer.kind === 'UNIT' ? 'unit' : 'parkingSpace');
  return { tiedToUnitId: rows[0]!.unitId };
}

/** Shared locks on the given days and periods (see the lock order above). */
export async function lockDaysShared(db: TenantDb, tenantId: string, days: string[]): Promise<void> {
  const keys = [...new Set(days.flatMap((d) => [dayLockKey(tenantId, d), periodLockKey(tenantId, d.slice(0, 7))]))].sort();
  // Keys are sorted and unnest keeps their order, so every caller takes them in one order.
  await db.$executeRaw`select pg_advisory_xact_lock_shared(hashtextextended(k, 0)) from unnest(${keys}::text[]) as t(k)`;
}

/** The exclusive lock a day close takes: waits for the records in flight that count in `day`. */
export async function lockDayExclusive(db: TenantDb, tenantId: string, day: string): Promise<void> {
  await db.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${dayLockKey(tenantId, day)}, 0))`;
}

/**
 * For a period close (关账, server/collection): taken exclusively before checking for and
 * inserting the PeriodClose row, it waits for payments, reversals and refunds in flight that
 * count in the period, and those started later see the close and are refused or moved.
 */
export async function lockPeriodExclusive(db: TenantDb, tenantId: string, period: string): Promise<void> {
  await db.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${periodLockKey(tenantId, period)}, 0))`;
}

// ── Dates of money (DOMAIN.md) ──────────────────────────────────────────────────────
// Every money record (payment, reversal, credit use, refund, online payment) stores its
// effective date `countedOn` when it is written: its received date if that day is not
// day-closed (日结) now, otherwise the first calendar day on or after the entry day that is
// neither day-closed nor in a closed period. A closed day never refuses a record. A received
// date in a closed period (关账) is refused at the counter ('refuse'); an online payment, or a
// reversal of a payment whose period is closed, takes the first open day instead ('move').
// Reopening a day (反日结) does not re-date records already written: the date is stored.

const nextDay = (ymd: string) => new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type ClosedPeriodPolicy = 'refuse' | 'move';

/**
 * The pure rule: the effective date of a record received on `receivedOn` and entered on
 * `entryDay`, given the closed days and periods (Sets of 'YYYY-MM-DD' and 'YYYY-MM').
 * Throws PRECONDITION_FAILED only for a received date in a closed period under 'refuse'.
 */
export function pickEffectiveDate(
  p: { receivedOn: string; entryDay: string; closedPeriod: ClosedPeriodPolicy; what?: string },
  closedDays: ReadonlySet<string>,
  closedPeriods: ReadonlySet<string>,
): string {
  const periodClosed = (d: string) => closedPeriods.has(d.slice(0, 7));
  if (periodClosed(p.receivedOn) && p.closedPeriod === 'refuse') {
    throw new AppError('PRECONDITION_FAILED', 'periodClosedReceived', { period: p.receivedOn.slice(0, 7), what: p.what ?? '' });
  }
  if (!closedDays.has(p.receivedOn) && !periodClosed(p.receivedOn)) return p.receivedOn;
  let d = p.entryDay;
  // Days can only be closed up to today and periods only once over, so this ends within days.
  for (let i = 0; i < 3660 && (closedDays.has(d) || periodClosed(d)); i++) d = nextDay(d);
  return d;
}

/** Closed days from `from` on and closed periods from its month on, in one statement. */
export async function closedFrom(db: TenantDb, tenantId: string, from: string) {
  const rows = await db.$queryRaw<{ days: string[]; periods: string[] }[]>`
    select
      coalesce((select array_agg(to_char("day", 'YYYY-MM-DD')) from "DayClose"
                where "tenantId" = ${tenantId} and "day" >= ${from}::date and "reopenedAt" is null), '{}') as "days",
      coalesce((select array_agg("period") from "PeriodClose"
                where "tenantId" = ${tenantId} and "period" >= ${from.slice(0, 7)}), '{}') as "periods"`;
  return { days: new Set(rows[0]!.days), periods: new Set(rows[0]!.periods) };
}

/**
 * The effective date (countedOn) of a money record written now, by DOMAIN.md's rule, with the
 * shared locks on its received day and its effective day (and their periods) taken: a day or
 * period close waits for this record, and one committed while we waited is seen (the rule is
 * re-evaluated after each lock until it is stable). Every writer of a money record calls this,
 * and the online-payment path will too, with `closedPeriod: 'move'`.
 */
export async function effectiveDate(
  db: TenantDb,
  tenantId: string,
  p: { receivedOn: string; entryDay: string; closedPeriod?: ClosedPeriodPolicy; what?: string },
): Promise<{ countedOn: string; moved: boolean }> {
  const rule = { ...p, closedPeriod: p.closedPeriod ?? 'refuse' };
  const from = p.receivedOn < p.entryDay ? p.receivedOn : p.entryDay;
  const locked = new Set<string>();
  let state = await closedFrom(db, tenantId, from);
  for (;;) {
    const countedOn = pickEffectiveDate(rule, state.days, state.periods);
    const want = [p.receivedOn, countedOn].filter((d) => !locked.has(d));
    if (want.length === 0) return { countedOn, moved: countedOn !== p.receivedOn };
    await lockDaysShared(db, tenantId, want);
    for (const d of want) locked.add(d);
    state = await closedFrom(db, tenantId, from);
  }
}

export type LockedBill = OpenBill & {
  payerKind: 'UNIT' | 'PARKING';
  payerId: string;
  amountFen: number;
  paidFen: number;
  adjustedFen: number;
  void: boolean;
};

/**
 * Locks, in id order, the payer's open bills and any `chosen` ids (so a chosen bill that is
 * void, settled or someone else's is seen and can be refused by name).
 */
export async function lockBills(db: TenantDb, tenantId: string, payer: Payer, chosen: readonly string[] = []): Promise<LockedBill[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      payerKind: 'UNIT' | 'PARKING';
      payerId: string;
      amountFen: number;
      paidFen: number;
      adjustedFen: number;
      dueDate: string;
      period: string;
      void: boolean;
    }[]
  >`
    select "id", "payerKind"::text as "payerKind", "payerId", "amountFen", "paidFen", "adjustedFen",
           to_char("dueDate", 'YYYY-MM-DD') as "dueDate", "period", ("voidedAt" is not null) as "void"
    from "Bill"
    where "tenantId" = ${tenantId}
      and (("payerKind" = ${payer.kind}::"ObjectKind" and "payerId" = ${payer.id}
            and "voidedAt" is null and "paidFen" + "adjustedFen" < "amountFen")
           or "id" = any(${[...chosen]}::text[]))
    order by "id"
    for update`;
  return rows.map((b) => ({ ...b, outstandingFen: outstandingFen(b) }));
}

/**
 * Checks the cashier's chosen bills against the locked rows: unknown (or another company's)
 * → NOT_FOUND; void or another payer's → BAD_REQUEST; already settled → CONFLICT (someone
 * was faster: the cashier should look again rather than have the money turn into credit).
 */
export function checkChosenBills(bills: readonly LockedBill[], payer: Payer, chosen: readonly string[]) {
  const byId = new Map(bills.map((b) => [b.id, b]));
  for (const id of chosen) {
    const b = byId.get(id);
    if (!b) throw new AppError('NOT_FOUND', 'billNotOpen', { id });
    if (b.void) throw new AppError('BAD_REQUEST', 'billVoid', { id });
    if (b.payerKind !== payer.kind || b.payerId !== payer.id) {
      throw new AppError('BAD_REQUEST', 'billOtherPayer', { id });
    }
    if (b.outstandingFen === 0) throw new AppError('CONFLICT', 'billSettled', { id });
  }
}

/**
 * Gives payment `paymentId` the company's next receipt number for `year`, from its counter
 * row, in the caller's transaction: the row stays locked until commit (concurrent payments
 * queue on it), and a rollback gives the number back. Never a sequence (a sequence leaks
 * numbers on rollback). Called as the transaction's last write but the audit entry, so the
 * counter row is held for as short a time as possible.
 */
export async function assignReceiptNo(db: TenantDb, tenantId: string, paymentId: string, year: number): Promise<number> {
  const rows = await db.$queryRaw<{ receiptNo: number }[]>`
    with n as (
      insert into "ReceiptCounter" ("tenantId", "id", "year", "lastNo")
      values (${tenantId}, gen_random_uuid()::text, ${year}, 1)
      on conflict ("tenantId", "year") do update set "lastNo" = "ReceiptCounter"."lastNo" + 1
      returning "lastNo")
    update "Payment" p set "receiptYear" = ${year}, "receiptNo" = n."lastNo"
    from n
    where p."tenantId" = ${tenantId} and p."id" = ${paymentId}
    returning p."receiptNo" as "receiptNo"`;
  if (rows.length !== 1) throw new Error(`receipt number for payment ${paymentId} not assigned`);
  return rows[0]!.receiptNo;
}

/** Writes a payment's allocations and moves each bill's paidFen by the same amounts (set-based). */
export async function writeAllocations(
  db: TenantDb,
  tenantId: string,
  paymentId: string,
  allocations: readonly { billId: string; amountFen: number }[],
): Promise<void> {
  if (allocations.length === 0) return;
  await db.paymentAllocation.createMany({
    data: allocations.map((a) => ({ tenantId, paymentId, billId: a.billId, amountFen: a.amountFen })),
  });
  const ids = allocations.map((a) => a.billId);
  const amounts = allocations.map((a) => a.amountFen);
  // The Bill_paid_within_amount CHECK refuses any over-allocation the locks failed to prevent.
  const n = await db.$executeRaw`
    update "Bill" b set "paidFen" = b."paidFen" + t.amt
    from unnest(${ids}::text[], ${amounts}::int[]) as t(id, amt)
    where b."tenantId" = ${tenantId} and b."id" = t.id`;
  if (n !== allocations.length) throw new Error(`allocation touched ${n} of ${allocations.length} bills`);
}

/** A payer's credit balance (Σ entries) and the refunds still waiting for approval. */
export async function creditOf(db: TenantDb, tenantId: string, payer: Payer): Promise<{ balanceFen: number; pendingRefundFen: number }> {
  const rows = await db.$queryRaw<{ balance: bigint; pending: bigint }[]>`
    select
      coalesce((select sum("amountFen") from "CreditEntry"
                where "tenantId" = ${tenantId} and "payerKind" = ${payer.kind}::"ObjectKind" and "payerId" = ${payer.id}), 0)::bigint as "balance",
      coalesce((select sum("amountFen") from "Payment"
                where "tenantId" = ${tenantId} and "payerKind" = ${payer.kind}::"ObjectKind" and "payerId" = ${payer.id}
                  and "kind" = 'REFUND' and "status" = 'PENDING'), 0)::bigint as "pending"`;
  return { balanceFen: Number(rows[0]!.balance), pendingRefundFen: Number(rows[0]!.pending) };
}

/** What every view of a payment starts with: id, kind, method, status, amount and the day it was received. */
export function paymentHead<P extends { id: string; kind: unknown; method: unknown; status: unknown; amountFen: number; receivedOn: Date }>(p: P) {
  return {
    id: p.id,
    kind: p.kind as P['kind'],
    method: p.method as P['method'],
    status: p.status as P['status'],
    amountFen: p.amountFen,
    receivedOn: fromDateColumn(p.receivedOn),
  };
}
