import 'server-only';
import { Prisma } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { EMPTY_PARTS, figuresFromParts, type Figures, type SummaryParts } from '../collection/rates';
import type { ScopeInput } from '../collection/summary';
import { addDays, periodBounds } from '../shared/calendar';
import { num, reportSettings } from '../collection/as-of';
import type { Bucket } from './types';

// Collection figures per bucket from the rollups (RateMonth, RateDay, UnitPeriodEvent; kept at
// commit by the triggers of the *_report_rollups migration). The same numbers, to the fen, as
// the row-by-row statement of server/collection/summary.ts (summaryParts, kept as the oracle):
// the rollups hold each bill's changes by local day, so "as of D" is a sum of the rows up to D.
// Whole months come from RateMonth (a month row stands for its last day), the month of a cut-off
// that is not a month end from RateDay. For bucket b with months Fm…Lm, first day F, money
// cut-off E and state cut-off D (a report: both min(cut-off, b's last day); the summary of one
// period: D may lie after the period's end):
//   billed, gross, adjusted, outstanding = Σ changes of b's bills up to D; collected = Σ money
//   on b's bills up to E; recovered, arrears adjusted = Σ money and net changes on earlier
//   periods' bills from F to E; opening arrears = Σ outstanding changes of earlier periods'
//   bills before F (a change before F of a bill before Fm: max(period, month of the day) < Fm);
//   households: for one month, Σ of the unit-state changes up to D; for a quarter or a year,
//   Σ of the changes of its units' range state up to D (the fold keeps them under period
//   'YYYY-Qn' / 'YYYY', migration *_report_household_ranges: a unit is paid when all its bills
//   of the months are); for other runs of several months, per unit from UnitPeriodEvent.

export interface FiguresQuery {
  tenantId: string;
  timeZone: string;
  scope: ScopeInput;
  buckets: readonly Bucket[];
  /** also per community of the scope */
  perCommunity?: boolean;
  /**
   * Count households per unit in quarter and year buckets (DOMAIN.md; default true). Any other
   * bucket of several months (a range's total) counts unit-months. False: unit-months everywhere
   * (for a caller that reads only the amount-based rates).
   */
  householdsPerUnit?: boolean;
}

/** bucket key → ('*' for the scope | community id) → figures */
export type FiguresByBucket = Map<string, Map<string, Figures>>;

/** A bucket as the rollup statement reads it: money up to `cutoff` (E), state up to `asOf` (D). */
export interface PartsBucket {
  key: string;
  firstMonth: string;
  lastMonth: string;
  cutoff: string;
  asOf: string;
  /**
   * Households over several months: 'units' (default; DOMAIN.md's quarter or year: a unit is paid
   * when all its bills of the months are, counted per unit) or 'unitMonths' (Σ of the months'
   * units paid ÷ Σ of their units billed: a long range's total, read from the rollups alone).
   */
  households?: 'units' | 'unitMonths';
}

export type PartsLevel = 'scope' | 'communities' | 'buildings';

export interface PartsRow {
  key: string;
  /** '*' at level scope; the community at the other levels */
  communityId: string;
  /** '*' unless level buildings ('' = parking spaces rented alone) */
  buildingId: string;
  parts: SummaryParts;
}

const monthEnd = (d: string) => periodBounds(d.slice(0, 7)).last === d;

/** The quarter ('YYYY-Qn') or year ('YYYY') whose months are exactly first…last, else null. */
export function rangeKeyOf(firstMonth: string, lastMonth: string): string | null {
  const y = firstMonth.slice(0, 4);
  const m = Number(firstMonth.slice(5, 7));
  if (lastMonth.slice(0, 4) !== y) return null;
  if (m === 1 && lastMonth === `${y}-12`) return y;
  if (m % 3 === 1 && Number(lastMonth.slice(5, 7)) === m + 2) return `${y}-Q${(m + 2) / 3}`;
  return null;
}
/** Households per unit over several months: read from the range rows (a quarter, a year) or per unit. */
const perUnitRange = (b: PartsBucket) => (b.firstMonth !== b.lastMonth && b.households !== 'unitMonths' ? rangeKeyOf(b.firstMonth, b.lastMonth) : null);

/** The summary parts per bucket and per label of `levels`, from the rollups. */
export async function rollupParts(
  db: TenantDb,
  q: { tenantId: string; scope: ScopeInput; buckets: readonly PartsBucket[]; levels: readonly PartsLevel[] },
): Promise<PartsRow[]> {
  if (!q.buckets.length || !q.levels.length) return [];
  await db.$executeRaw`select linli_rollup_flush_now()`;
  const dMax = q.buckets
    .flatMap((b) => [b.cutoff, b.asOf])
    .sort()
    .at(-1)!;
  for (const b of q.buckets)
    for (const d of [b.cutoff, b.asOf])
      if (d !== dMax && !monthEnd(d)) throw new Error(`rollupParts: cut-off ${d} is neither a month end nor the latest cut-off ${dMax}`);
  const partial = !monthEnd(dMax);
  const dMonth = dMax.slice(0, 7);
  const dFirst = periodBounds(dMonth).first;

  // which rollup rows, labelled how
  const { communityId: C, buildingId: B } = q.scope;
  const sel: Prisma.Sql[] = [];
  for (const level of q.levels) {
    if (level === 'scope') {
      if (B) sel.push(Prisma.sql`(r."buildingId" = ${B} and r."communityId" <> '*')`);
      else if (C) sel.push(Prisma.sql`(r."communityId" = ${C} and r."buildingId" = '*')`);
      else sel.push(Prisma.sql`(r."communityId" = '*' and r."buildingId" = '*')`);
    } else if (level === 'communities') {
      if (B) sel.push(Prisma.sql`(r."buildingId" = ${B} and r."communityId" <> '*')`);
      else sel.push(Prisma.sql`(r."communityId" <> '*' and r."buildingId" = '*' ${C ? Prisma.sql`and r."communityId" = ${C}` : Prisma.empty})`);
    } else {
      sel.push(
        Prisma.sql`(r."communityId" <> '*' and r."buildingId" <> '*' ${C ? Prisma.sql`and r."communityId" = ${C}` : Prisma.empty} ${B ? Prisma.sql`and r."buildingId" = ${B}` : Prisma.empty})`,
      );
    }
  }

  const bucketsJson = JSON.stringify(
    q.buckets.map((b) => ({
      key: b.key,
      fm: b.firstMonth,
      lm: b.lastMonth,
      fday: periodBounds(b.firstMonth).first,
      cut: b.cutoff,
      asof: b.asOf,
      rk: perUnitRange(b),
    })),
  );
  // the rows of months, and the range rows (quarters, years) of the buckets that read them
  const rangeKeys = [...new Set(q.buckets.map(perUnitRange).filter((k) => k !== null))];
  const isMonth = (r: Prisma.Sql) => Prisma.sql`(length(${r}) = 7 and substr(${r}, 6, 1) <> 'Q')`;
  const rowsOf = Prisma.sql`(${isMonth(Prisma.sql`r."period"`)} or r."period" = any(${rangeKeys}::text[]))`;
  const anySel = Prisma.join(sel, ' or ');
  const monthLimit = partial ? dMonth : addDays(dMax, 1).slice(0, 7);
  const lvl = Prisma.join(
    q.levels.map((level, i) => {
      const lc = level === 'scope' ? Prisma.sql`'*'` : Prisma.sql`r."communityId"`;
      const lb = level === 'buildings' ? Prisma.sql`r."buildingId"` : Prisma.sql`'*'`;
      return Prisma.sql`select ${lc} as lc, ${lb} as lb, r.* from raw_ r where ${sel[i]!}`;
    }),
    ' union all ',
  );

  await reportSettings(db);
  // Hash aggregates, not sorts: the planner cannot see the rows the CTEs give and sorts them by
  // the text keys for each aggregate (a report's 37 buckets per community: 54 -> 46 ms, 65-84 ->
  // 52 ms at 20,000 units). For this statement only, and only for several buckets (one bucket —
  // the collection summary — has few groups; the two round trips cost more than they save).
  const hashed = q.buckets.length > 1;
  if (hashed) await db.$queryRaw`select set_config('enable_sort', 'off', true)`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    with bk as (
      select * from jsonb_to_recordset(${bucketsJson}::jsonb) as x(key text, fm text, lm text, fday date, cut date, asof date, rk text)
    ),
    bm as (
      select bk.key, to_char(m, 'YYYY-MM') as mon
      from bk cross join generate_series(to_date(bk.fm, 'YYYY-MM'), to_date(bk.lm, 'YYYY-MM'), interval '1 month') m
    ),
    raw_ as (
      select r."communityId", r."buildingId", r."period", r."counts", r."month" as mon,
             (to_date(r."month", 'YYYY-MM') + interval '1 month' - interval '1 day')::date as day,
             r."grossFen" as g, r."adjustedFen" as a, r."paidFen" as p, r."outstandingFen" as o, r."unitsBilled" as ub, r."unitsUnpaid" as uu,
             not ${isMonth(Prisma.sql`r."period"`)} as is_range
      from "RateMonth" r
      where r."tenantId" = ${q.tenantId} and r."month" < ${monthLimit} and (${anySel}) and ${rowsOf}
      ${
        partial
          ? Prisma.sql`union all
      select r."communityId", r."buildingId", r."period", r."counts", to_char(r."day", 'YYYY-MM'), r."day",
             r."grossFen", r."adjustedFen", r."paidFen", r."outstandingFen", r."unitsBilled", r."unitsUnpaid",
             not ${isMonth(Prisma.sql`r."period"`)}
      from "RateDay" r
      where r."tenantId" = ${q.tenantId} and r."day" between ${dFirst}::date and ${dMax}::date and (${anySel}) and ${rowsOf}`
          : Prisma.empty
      }
    ),
    src as (${lvl}),
    own as (
      select bk.key, s.lc, s.lb,
        coalesce(sum(s.g) filter (where s.counts and s.day <= bk.asof), 0)::bigint as gross,
        coalesce(sum(s.a) filter (where s.counts and s.day <= bk.asof), 0)::bigint as adjusted,
        coalesce(sum(s.p) filter (where s.counts and s.day <= bk.cut), 0)::bigint as collected,
        coalesce(sum(s.o) filter (where s.counts and s.day <= bk.asof), 0)::bigint as outstanding,
        coalesce(sum(s.ub) filter (where s.day <= bk.asof), 0)::bigint as ub,
        coalesce(sum(s.uu) filter (where s.day <= bk.asof), 0)::bigint as uu,
        coalesce(sum(s.g - s.a) filter (where not s.counts and s.day <= bk.asof), 0)::bigint as beside_billed,
        coalesce(sum(s.p) filter (where not s.counts and s.day <= bk.cut), 0)::bigint as beside_collected,
        coalesce(sum(s.o) filter (where not s.counts and s.day <= bk.asof), 0)::bigint as beside_outstanding
      from src s join bm on bm.mon = s."period" join bk on bk.key = bm.key
      group by bk.key, s.lc, s.lb
    ),
    rec as (
      select bk.key, s.lc, s.lb,
        coalesce(sum(s.p) filter (where s.counts), 0)::bigint as recovered,
        coalesce(-sum(s.g - s.a) filter (where s.counts), 0)::bigint as arrears_adjusted,
        coalesce(sum(s.p) filter (where not s.counts), 0)::bigint as beside_recovered
      from src s join bm on bm.mon = s.mon join bk on bk.key = bm.key
      where s."period" < bk.fm and s.day >= bk.fday and s.day <= bk.cut and not s.is_range
      group by bk.key, s.lc, s.lb
    ),
    ok_ as (
      select s.lc, s.lb, greatest(s."period", s.mon) as k, sum(s.o) as o
      from src s where s.counts and not s.is_range group by 1, 2, 3
    ),
    opening as (
      select bk.key, ok_.lc, ok_.lb, coalesce(sum(ok_.o), 0)::bigint as opening
      from ok_ join bk on ok_.k < bk.fm
      group by bk.key, ok_.lc, ok_.lb
    ),
    ranges as (
      select bk.key, s.lc, s.lb,
        coalesce(sum(s.ub) filter (where s.day <= bk.asof), 0)::bigint as ub,
        coalesce(sum(s.uu) filter (where s.day <= bk.asof), 0)::bigint as uu
      from src s join bk on bk.rk = s."period"
      where s.is_range
      group by bk.key, s.lc, s.lb
    ),
    keys as (
      select key, lc, lb from own union select key, lc, lb from rec union select key, lc, lb from opening
    )
    select k.key, k.lc, k.lb, own.gross, own.adjusted, own.collected, own.outstanding,
           case when bk.rk is null then own.ub else coalesce(ranges.ub, 0) end as ub,
           case when bk.rk is null then own.uu else coalesce(ranges.uu, 0) end as uu,
           own.beside_billed, own.beside_collected, own.beside_outstanding,
           rec.recovered, rec.arrears_adjusted, rec.beside_recovered, opening.opening
    from keys k
    join bk on bk.key = k.key
    left join ranges on ranges.key = k.key and ranges.lc = k.lc and ranges.lb = k.lb
    left join own on own.key = k.key and own.lc = k.lc and own.lb = k.lb
    left join rec on rec.key = k.key and rec.lc = k.lc and rec.lb = k.lb
    left join opening on opening.key = k.key and opening.lc = k.lc and opening.lb = k.lb`;
  if (hashed) await db.$queryRaw`select set_config('enable_sort', 'on', true)`;

  const out = new Map<string, PartsRow>();
  const id = (key: string, c: string, b: string) => `${key}\u0000${c}\u0000${b}`;
  for (const r of rows) {
    const gross = num(r.gross);
    const adjusted = num(r.adjusted);
    const parts: SummaryParts = {
      grossBilledFen: gross,
      adjustedFen: adjusted,
      billedFen: gross - adjusted,
      collectedFen: num(r.collected),
      outstandingFen: num(r.outstanding),
      openingArrearsFen: num(r.opening),
      arrearsRecoveredFen: num(r.recovered),
      arrearsAdjustedFen: num(r.arrears_adjusted),
      unitsBilled: num(r.ub),
      unitsPaid: num(r.ub) - num(r.uu),
      notInRateBilledFen: num(r.beside_billed),
      notInRateCollectedFen: num(r.beside_collected),
      notInRateOutstandingFen: num(r.beside_outstanding),
      notInRateRecoveredFen: num(r.beside_recovered),
    };
    const row = { key: r.key as string, communityId: r.lc as string, buildingId: r.lb as string, parts };
    out.set(id(row.key, row.communityId, row.buildingId), row);
  }

  // Households over other runs of several months: per unit (paid when all its bills of the months are).
  const multi = q.buckets.filter((b) => b.firstMonth !== b.lastMonth && b.households !== 'unitMonths' && perUnitRange(b) === null);
  if (multi.length) {
    const mJson = JSON.stringify(multi.map((b) => ({ key: b.key, fm: b.firstMonth, lm: b.lastMonth, asof: b.asOf })));
    const scopeWhere = [C ? Prisma.sql`and e."communityId" = ${C}` : Prisma.empty, B ? Prisma.sql`and e."buildingId" = ${B}` : Prisma.empty];
    const units = await db.$queryRaw<{ key: string; c: string; b: string; ub: bigint; uu: bigint }[]>`
      with bk as (select * from jsonb_to_recordset(${mJson}::jsonb) as x(key text, fm text, lm text, asof date)),
      st as (
        select bk.key, e."unitId", e."communityId" as c, e."buildingId" as b, e."period",
               sum(e."billed") > 0 as billed, sum(e."unpaid") > 0 as unpaid
        from "UnitPeriodEvent" e join bk on e."period" between bk.fm and bk.lm and e."day" <= bk.asof
        where e."tenantId" = ${q.tenantId} ${Prisma.join(scopeWhere, ' ')}
        group by 1, 2, 3, 4, 5
      ),
      u as (select key, "unitId", c, b, bool_or(billed) as billed, bool_or(unpaid) as unpaid from st group by 1, 2, 3, 4)
      select key, c, b, count(*) filter (where billed)::bigint as ub, count(*) filter (where billed and unpaid)::bigint as uu
      from u group by 1, 2, 3`;
    // Per-unit counts, summed into the levels asked for (a unit is in one community and building).
    const acc = new Map<string, { ub: number; uu: number }>();
    for (const u of units) {
      for (const level of q.levels) {
        const c = level === 'scope' ? '*' : u.c;
        const b = level === 'buildings' ? u.b : '*';
        const k = id(u.key, c, b);
        const a = acc.get(k) ?? { ub: 0, uu: 0 };
        a.ub += num(u.ub);
        a.uu += num(u.uu);
        acc.set(k, a);
      }
    }
    for (const [k, row] of out) {
      if (!multi.some((b) => b.key === row.key)) continue;
      const a = acc.get(k) ?? { ub: 0, uu: 0 };
      row.parts.unitsBilled = a.ub;
      row.parts.unitsPaid = a.ub - a.uu;
    }
  }
  return [...out.values()];
}

const QUARTER_OR_YEAR = /^\d{4}(-Q[1-4])?$/;
const asPartsBucket = (b: Bucket, perUnit: boolean): PartsBucket => ({
  key: b.key,
  firstMonth: b.firstMonth,
  lastMonth: b.lastMonth,
  cutoff: b.cutoff,
  asOf: b.cutoff,
  households: perUnit && QUARTER_OR_YEAR.test(b.key) ? 'units' : 'unitMonths',
});

export async function bucketFigures(db: TenantDb, q: FiguresQuery): Promise<FiguresByBucket> {
  const rows = await rollupParts(db, {
    tenantId: q.tenantId,
    scope: q.scope,
    buckets: q.buckets.map((b) => asPartsBucket(b, q.householdsPerUnit !== false)),
    levels: q.perCommunity ? ['scope', 'communities'] : ['scope'],
  });
  const out: FiguresByBucket = new Map(q.buckets.map((b) => [b.key, new Map([['*', figuresFromParts(EMPTY_PARTS)]])]));
  for (const r of rows) {
    if (r.buildingId !== '*') continue;
    out.get(r.key)!.set(r.communityId, figuresFromParts(r.parts));
  }
  return out;
}
