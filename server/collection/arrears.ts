import 'server-only';
import { unitNumberLabel } from '../shared/labels';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { localDate } from '../shared/calendar';
import { billStateCte, num, reportSettings } from './as-of';
import { checkScope } from './summary';
import { AGEING_BUCKETS, type Buckets } from './rates';
import { ZArrears, ZArrearsExport } from './schemas';

// 欠费 arrears (DOMAIN.md): the unpaid part of bills whose due date has passed, as of a local
// date (default: today in the company's time zone), by payer — a unit's household, or the renter
// of a parking space rented alone — with ageing buckets by days overdue. A bill is overdue from
// the day after its due date (days overdue = asOf − due date ≥ 1), so the "0–30" bucket holds
// days 1–30. Amounts follow the as-of rules of as-of.ts.

export const EXPORT_MAX_ROWS = 100_000;

// The buckets of rates.ts as SQL: d0_30, d31_90, d91_180, over180 (trusted constants).
const BUCKET_SUMS = Prisma.raw(
  AGEING_BUCKETS.map(
    (b) =>
      `coalesce(sum(unpaid) filter (where days >= ${b.from}${Number.isFinite(b.to) ? ` and days <= ${b.to}` : ''}), 0)::bigint as ${b.key.replace(/Fen$/, '')}`,
  ).join(',\n        '),
);

export interface PayerArrearsParams {
  tenantId: string;
  timeZone: string;
  asOf: string;
  communityId?: string;
  buildingId?: string;
  unitPayerIds?: string[];
  /** see AsOfParams.moneyAsOf */
  moneyAsOf?: string;
}

/**
 * `with … pa as (…)`: one row per payer in arrears as of `asOf`: payer_kind, payer_id,
 * community_id, building_id, d0_30, d31_90, d91_180, over180, total, bills, max_days, oldest_due.
 */
export function payerArrearsCte(p: PayerArrearsParams): Prisma.Sql {
  const cte = billStateCte({
    tenantId: p.tenantId,
    timeZone: p.timeZone,
    asOf: p.asOf,
    billWhere: Prisma.sql`b."dueDate" < ${p.asOf}::date`,
    ...(p.communityId ? { communityId: p.communityId } : {}),
    ...(p.buildingId ? { buildingId: p.buildingId } : {}),
    ...(p.unitPayerIds ? { unitPayerIds: p.unitPayerIds } : {}),
    ...(p.moneyAsOf ? { moneyAsOf: p.moneyAsOf } : {}),
  });
  return Prisma.sql`${cte},
    ar as (
      select payer_kind, payer_id, community_id, building_id, due_date,
             (${p.asOf}::date - due_date) as days, (net - paid) as unpaid
      from bs where not voided and net - paid > 0
    ),
    pa as (
      select payer_kind, payer_id, community_id, building_id,
        ${BUCKET_SUMS},
        sum(unpaid)::bigint as total, count(*)::int as bills, max(days)::int as max_days, min(due_date) as oldest_due
      from ar
      group by payer_kind, payer_id, community_id, building_id
    )`;
}

type Level = z.output<typeof ZArrears>['level'];

export interface ArrearsRow extends Buckets {
  communityId: string | null;
  community: string;
  buildingId: string | null;
  building: string;
  /** unit level only */
  payerKind: 'UNIT' | 'PARKING' | null;
  payerId: string | null;
  /** unit level: "1-1502" or the parking space number */
  label: string;
  totalFen: number;
  bills: number;
  maxDaysOverdue: number;
  oldestDueDate: string | null;
  /** households (units) and spaces rented alone in arrears; 1/0 on the unit level */
  units: number;
  spaces: number;
  /** unit level only */
  residents: { name: string; phone: string }[];
  lastReminderAt: Date | null;
}

export interface ArrearsTotals extends Buckets {
  totalFen: number;
  units: number;
  spaces: number;
}

async function queryArrears(
  db: TenantDb,
  p: PayerArrearsParams & { level: Level; limit: number; offset: number },
): Promise<{ rows: ArrearsRow[]; rowCount: number; totals: ArrearsTotals | null }> {
  const group =
    p.level === 'unit'
      ? Prisma.sql`select payer_kind, payer_id, community_id, building_id, d0_30, d31_90, d91_180, over180, total, bills, max_days, oldest_due,
                          (payer_kind = 'UNIT')::int as units, (payer_kind = 'PARKING')::int as spaces from pa`
      : Prisma.sql`select null::text as payer_kind, null::text as payer_id, community_id,
                          ${p.level === 'building' ? Prisma.sql`building_id` : Prisma.sql`null::text`} as building_id,
                          sum(d0_30)::bigint as d0_30, sum(d31_90)::bigint as d31_90, sum(d91_180)::bigint as d91_180, sum(over180)::bigint as over180,
                          sum(total)::bigint as total, sum(bills)::int as bills, max(max_days)::int as max_days, min(oldest_due) as oldest_due,
                          count(*) filter (where payer_kind = 'UNIT')::int as units, count(*) filter (where payer_kind = 'PARKING')::int as spaces
                   from pa group by community_id${p.level === 'building' ? Prisma.sql`, building_id` : Prisma.empty}`;
  await reportSettings(db);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    ${payerArrearsCte(p)},
    lr as (${group})
    select lr.*, c."name" as community_name, bd."name" as building_name,
           u."entrance" as unit_entrance, u."number" as unit_number, s."number" as space_number,
           s."renterName" as renter_name, s."renterPhone" as renter_phone,
           count(*) over () as row_count,
           sum(lr.d0_30) over () as t_d0_30, sum(lr.d31_90) over () as t_d31_90,
           sum(lr.d91_180) over () as t_d91_180, sum(lr.over180) over () as t_over180,
           sum(lr.total) over () as t_total, sum(lr.units) over () as t_units, sum(lr.spaces) over () as t_spaces
    from lr
    left join "Community" c on c."tenantId" = ${p.tenantId} and c."id" = lr.community_id
    left join "Building" bd on bd."tenantId" = ${p.tenantId} and bd."id" = lr.building_id
    left join "Unit" u on lr.payer_kind = 'UNIT' and u."tenantId" = ${p.tenantId} and u."id" = lr.payer_id
    left join "ParkingSpace" s on lr.payer_kind = 'PARKING' and s."tenantId" = ${p.tenantId} and s."id" = lr.payer_id
    order by lr.total desc, c."name", bd."name" nulls last, u."number", s."number", lr.payer_id
    limit ${p.limit} offset ${p.offset}`;

  const first = rows[0];
  const totals: ArrearsTotals | null = first
    ? {
        d0_30Fen: num(first.t_d0_30),
        d31_90Fen: num(first.t_d31_90),
        d91_180Fen: num(first.t_d91_180),
        over180Fen: num(first.t_over180),
        totalFen: num(first.t_total),
        units: num(first.t_units),
        spaces: num(first.t_spaces),
      }
    : null;
  return {
    rowCount: first ? num(first.row_count) : 0,
    totals,
    rows: rows.map((r) => {
      const payerKind = (r.payer_kind as 'UNIT' | 'PARKING' | null) ?? null;
      const label =
        payerKind === 'UNIT'
          ? unitNumberLabel({ entrance: r.unit_entrance as string | null, number: String(r.unit_number ?? '') })
          : payerKind === 'PARKING'
            ? String(r.space_number ?? '')
            : '';
      return {
        communityId: (r.community_id as string | null) ?? null,
        community: (r.community_name as string | null) ?? '',
        buildingId: (r.building_id as string | null) ?? null,
        building: (r.building_name as string | null) ?? '',
        payerKind,
        payerId: (r.payer_id as string | null) ?? null,
        label,
        d0_30Fen: num(r.d0_30),
        d31_90Fen: num(r.d31_90),
        d91_180Fen: num(r.d91_180),
        over180Fen: num(r.over180),
        totalFen: num(r.total),
        bills: num(r.bills),
        maxDaysOverdue: num(r.max_days),
        oldestDueDate: r.oldest_due instanceof Date ? r.oldest_due.toISOString().slice(0, 10) : null,
        units: num(r.units),
        spaces: num(r.spaces),
        residents:
          payerKind === 'PARKING' && (r.renter_name || r.renter_phone) ? [{ name: String(r.renter_name ?? ''), phone: String(r.renter_phone ?? '') }] : [],
        lastReminderAt: null,
      };
    }),
  };
}

/** Residents (names, phones) and the last reminder of the unit-level rows, two queries in all. */
async function addPayerDetails(db: TenantDb, tenantId: string, rows: ArrearsRow[]) {
  const unitIds = rows.filter((r) => r.payerKind === 'UNIT').map((r) => r.payerId!);
  const payerIds = rows.filter((r) => r.payerId).map((r) => r.payerId!);
  if (!payerIds.length) return;
  const residents = unitIds.length
    ? await db.resident.findMany({
        where: { tenantId, unitId: { in: unitIds }, archivedAt: null },
        select: { unitId: true, name: true, phone: true },
        orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }],
      })
    : [];
  const reminders = await db.reminder.groupBy({
    by: ['payerKind', 'payerId'],
    where: { tenantId, payerId: { in: payerIds } },
    _max: { sentAt: true },
  });
  const byUnit = new Map<string, { name: string; phone: string }[]>();
  for (const r of residents) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), { name: r.name, phone: r.phone }]);
  const lastSent = new Map(reminders.map((r) => [`${r.payerKind}:${r.payerId}`, r._max.sentAt]));
  for (const row of rows) {
    if (row.payerKind === 'UNIT') row.residents = byUnit.get(row.payerId!) ?? [];
    row.lastReminderAt = lastSent.get(`${row.payerKind}:${row.payerId}`) ?? null;
  }
}

const ZERO_TOTALS: ArrearsTotals = { d0_30Fen: 0, d31_90Fen: 0, d91_180Fen: 0, over180Fen: 0, totalFen: 0, units: 0, spaces: 0 };

export async function listArrears({ db, tenantId, timeZone }: Scope, q: z.output<typeof ZArrears>) {
  const scope = { ...(q.communityId ? { communityId: q.communityId } : {}), ...(q.buildingId ? { buildingId: q.buildingId } : {}) };
  await checkScope(db, tenantId, scope);
  const asOf = q.asOf ?? localDate(timeZone);
  const base = { tenantId, timeZone, asOf, level: q.level, ...scope };
  const page = await queryArrears(db, { ...base, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  let { totals, rowCount } = page;
  if (!totals && q.page > 1) {
    // Past the last page: the window totals came back with no row; ask for the first one.
    const head = await queryArrears(db, { ...base, limit: 1, offset: 0 });
    totals = head.totals;
    rowCount = head.rowCount;
  }
  if (q.level === 'unit') await addPayerDetails(db, tenantId, page.rows);
  return { asOf, level: q.level, total: rowCount, page: q.page, pageSize: q.pageSize, totals: totals ?? ZERO_TOTALS, rows: page.rows };
}

/** Every row of a level, for the CSV export (at most EXPORT_MAX_ROWS). */
export async function exportArrears({ db, tenantId, timeZone }: Scope, q: z.output<typeof ZArrearsExport>) {
  const scope = { ...(q.communityId ? { communityId: q.communityId } : {}), ...(q.buildingId ? { buildingId: q.buildingId } : {}) };
  await checkScope(db, tenantId, scope);
  const asOf = q.asOf ?? localDate(timeZone);
  const r = await queryArrears(db, { tenantId, timeZone, asOf, level: q.level, ...scope, limit: EXPORT_MAX_ROWS, offset: 0 });
  if (q.level === 'unit') await addPayerDetails(db, tenantId, r.rows);
  return { asOf, timeZone, level: q.level, truncated: r.rowCount > r.rows.length, totals: r.totals ?? ZERO_TOTALS, rows: r.rows };
}
