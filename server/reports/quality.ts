import 'server-only';
import { Prisma } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { num, reportSettings } from '../collection/as-of';
import type { ScopeInput } from '../collection/summary';
import { DEFAULT_QUALITY_WEIGHTS, type QualityWeights } from '../shared/quality-index';
import { ZQualityWeights } from '../shared/schemas/reports';
import { EMPTY_COUNTS, qualityStats, withIndex, type QualityCounts, type QualityStats } from './quality-stats';
import { monthsOf } from './periods';
import type { Bucket, QualityFigures } from './types';

// Service-quality figures per bucket (DOMAIN.md "Service quality"), one statement for every
// bucket, grouped by bucket and (optionally) community and building. Over the work orders of the
// scope whose `period` (the month of creation, company zone) falls in the bucket's months, read
// from their per-order facts (WorkOrderFact: one row per order, kept by a trigger on WorkOrder).
// Definitions (the lead's choices where DOMAIN.md is silent):
//   orders              = orders created in the bucket (cancelled ones included)
//   ratings             = orders with a rating; meanRating = their mean; csatShare = ratings 4–5 ÷ ratings
//   firstResponseShare  = firstResponseMet true ÷ firstResponseMet decided (not null); same for resolution
//   resolved            = orders with completedAt (completed at least once);
//   reopenRate          = resolved orders with reopenCount > 0 ÷ resolved
//   cancellationRate    = cancelled (status CANCELLED) ÷ orders
//   time to resolve     = (completedAt − createdAt) − pausedSeconds (the last completion; quote
//                         pauses excluded), never below 0 (WorkOrderFact.resolveMs)
//   its target          = (resolveDueAt − createdAt) − pausedSeconds: the item's target × priority
//                         factor (resolveDueAt moves with pauses), at least 1 ms (targetMs)
//   medianResolveHours  = median time to resolve; medianResolveRatio = median of (time to resolve
//                         ÷ own target): the index's resolve-time score is 100 × min(1, 1 ÷ ratio)
//   units               = units of the scope in the register (not archived); ordersPer100Units
// A building scope counts only orders with a unit (the unit's building); common-area orders
// (unitId null) count toward their community and the company. Medians: percentile_cont(0.5).

export interface QualityQuery {
  tenantId: string;
  timeZone: string;
  scope: ScopeInput;
  buckets: readonly Pick<Bucket, 'key' | 'firstMonth' | 'lastMonth'>[];
  /** also per community of the scope */
  perCommunity?: boolean;
  weights: QualityWeights;
}

/** bucket key → ('*' for the scope | community id) → figures */
export type QualityByBucket = Map<string, Map<string, QualityFigures>>;

/** One bucket's stats: the scope's, each community's and (when asked) each building's. */
export interface QualityLevels {
  scope: QualityStats;
  communities: Map<string, QualityStats>;
  buildings: Map<string, QualityStats>;
}

export interface UnitCounts {
  total: number;
  communities: Map<string, number>;
  buildings: Map<string, number>;
}

/** Units of the scope in the register (not archived), in all and per community and building. */
export async function unitCounts(db: TenantDb, tenantId: string, scope: ScopeInput): Promise<UnitCounts> {
  const rows = await db.$queryRaw<{ community_id: string | null; building_id: string | null; gc: number; gb: number; n: bigint }[]>`
    select u."communityId" as community_id, u."buildingId" as building_id,
      grouping(u."communityId")::int as gc, grouping(u."buildingId")::int as gb, count(*) as n
    from "Unit" u
    where u."tenantId" = ${tenantId} and u."archivedAt" is null
      ${scope.communityId ? Prisma.sql`and u."communityId" = ${scope.communityId}` : Prisma.empty}
      ${scope.buildingId ? Prisma.sql`and u."buildingId" = ${scope.buildingId}` : Prisma.empty}
    group by grouping sets ((), (u."communityId"), (u."buildingId"))`;
  const out: UnitCounts = { total: 0, communities: new Map(), buildings: new Map() };
  for (const r of rows) {
    if (r.gc && r.gb) out.total = num(r.n);
    else if (!r.gc && r.community_id) out.communities.set(r.community_id, num(r.n));
    else if (!r.gb && r.building_id) out.buildings.set(r.building_id, num(r.n));
  }
  return out;
}

type Row = {
  idx: number;
  gk: number;
  community_id: string | null;
  building_id: string | null;
  gc: number;
  gb: number;
  orders: number;
  ratings: number;
  rating_sum: number;
  csat: number;
  fr_decided: number;
  fr_met: number;
  res_decided: number;
  res_met: number;
  resolved: number;
  reopened: number;
  cancelled: number;
  median_ms: number | null;
  median_ratio: number | null;
};

const countsOf = (r: Row): QualityCounts => ({
  orders: num(r.orders),
  ratings: num(r.ratings),
  ratingSum: num(r.rating_sum),
  csat: num(r.csat),
  firstResponseDecided: num(r.fr_decided),
  firstResponseMet: num(r.fr_met),
  resolutionDecided: num(r.res_decided),
  resolutionMet: num(r.res_met),
  resolved: num(r.resolved),
  reopened: num(r.reopened),
  cancelled: num(r.cancelled),
  medianResolveMs: r.median_ms === null ? null : Number(r.median_ms),
  medianResolveRatio: r.median_ratio === null ? null : Number(r.median_ratio),
});

export interface LevelsQuery extends Omit<QualityQuery, 'weights'> {
  /** also per building of the scope (buckets only) */
  perBuilding?: boolean;
  /**
   * Also the union of the buckets read as one, under this key (per community too when asked):
   * each order is read once for it, not once more per bucket. The buckets must not overlap.
   */
  total?: { key: string; perCommunity?: boolean };
  /**
   * False: only the communities' (and buildings') figures are wanted; the scope's (each bucket's
   * and the total's) are left empty and not computed (each level is a sort of every order).
   */
  scopeLevel?: boolean;
  /**
   * 'ratio': only what the index rests on; the median time to resolve (shown, not in the index:
   * its score uses the median ratio) is left null and not computed (a sort of every order).
   */
  medians?: 'all' | 'ratio';
  /** the scope's units when the caller has read them already (unitCounts) */
  units?: UnitCounts;
}

/**
 * The stats of every bucket, for the scope and (when asked) per community and building, in one
 * statement over the per-order facts (WorkOrderFact, kept by a trigger on WorkOrder). Buckets,
 * communities and buildings without orders get empty stats with their units.
 */
export async function qualityLevels(db: TenantDb, q: LevelsQuery): Promise<Map<string, QualityLevels>> {
  const out = new Map<string, QualityLevels>();
  if (q.buckets.length === 0) return out;
  const { scope, tenantId } = q;
  const units = q.units ?? (await unitCounts(db, tenantId, scope));
  // (bucket index, month) pairs: an order joins its buckets on its month (a hash join)
  const idxs: number[] = [];
  const months: string[] = [];
  q.buckets.forEach((b, i) => {
    for (const m of monthsOf(b)) {
      idxs.push(i);
      months.push(m);
    }
  });
  if (q.total && new Set(months).size !== months.length) throw new RangeError('a total over overlapping buckets would count orders twice');
  const from = months.reduce((a, b) => (a < b ? a : b));
  const to = months.reduce((a, b) => (a > b ? a : b));
  const byCommunity = Boolean(q.perCommunity || q.total?.perCommunity);
  const scopeLevel = q.scopeLevel !== false;
  const sets = [
    ...(scopeLevel ? [Prisma.sql`(bk.idx)`] : []),
    ...(q.perCommunity ? [Prisma.sql`(bk.idx, o.community_id)`] : []),
    ...(q.perBuilding ? [Prisma.sql`(bk.idx, o.building_id)`] : []),
    ...(q.total && scopeLevel ? [Prisma.sql`()`] : []),
    ...(q.total?.perCommunity ? [Prisma.sql`(o.community_id)`] : []),
  ];
  if (sets.length === 0) throw new RangeError('qualityLevels: no level asked for');
  // Ids compare bytewise ("C"): sorting the groups for the medians need not follow a language.
  // JIT off and work_mem for the sorts (as every report statement): the quality section ran this
  // with the defaults (4 MB: the sort of 60,000 orders went to disk at 20,000 units; JIT would
  // compile it above 100,000 cost units, i.e. at 100,000 units). The sort takes ~135 bytes an
  // order in memory (8 MB for 60,000): 64 MB keeps 300,000 orders (100,000 units) off the disk.
  await reportSettings(db);
  await db.$queryRaw`select set_config('work_mem', '64MB', true)`;
  const rows = await db.$queryRaw<Row[]>`
    with bk(idx, month) as (
      select * from unnest(${idxs}::int[], ${months}::text[])
    ),
    o as (
      select f."communityId" collate "C" as community_id, f."buildingId" collate "C" as building_id, f."period" as period,
        f."rating" as rating, f."firstResponseMet" as fr_met, f."resolutionMet" as res_met,
        f."resolved" as resolved, f."reopened" as reopened, f."cancelled" as cancelled,
        f."resolveMs"::float8 as resolve_ms, f."targetMs"::float8 as target_ms
      from "WorkOrderFact" f
      where f."tenantId" = ${tenantId} and f."period" between ${from} and ${to}
        ${scope.communityId ? Prisma.sql`and f."communityId" = ${scope.communityId}` : Prisma.empty}
        ${scope.buildingId ? Prisma.sql`and f."buildingId" = ${scope.buildingId}` : Prisma.empty}
    )
    select bk.idx, grouping(bk.idx)::int as gk,
      ${byCommunity ? Prisma.sql`o.community_id, grouping(o.community_id)::int as gc` : Prisma.sql`null::text as community_id, 1 as gc`},
      ${q.perBuilding ? Prisma.sql`o.building_id, grouping(o.building_id)::int as gb` : Prisma.sql`null::text as building_id, 1 as gb`},
      count(*)::int as orders,
      count(o.rating)::int as ratings,
      coalesce(sum(o.rating), 0)::int as rating_sum,
      count(*) filter (where o.rating >= 4)::int as csat,
      count(o.fr_met)::int as fr_decided,
      count(*) filter (where o.fr_met)::int as fr_met,
      count(o.res_met)::int as res_decided,
      count(*) filter (where o.res_met)::int as res_met,
      count(*) filter (where o.resolved)::int as resolved,
      count(*) filter (where o.resolved and o.reopened)::int as reopened,
      count(*) filter (where o.cancelled)::int as cancelled,
      ${q.medians === 'ratio' ? Prisma.sql`null::float8` : Prisma.sql`percentile_cont(0.5) within group (order by o.resolve_ms)`} as median_ms,
      percentile_cont(0.5) within group (order by o.resolve_ms / o.target_ms) filter (where o.target_ms > 0) as median_ratio
    from bk join o on o.period = bk.month
    group by grouping sets (${Prisma.join(sets)})`;

  const empty = (key: string, perCommunity: boolean, perBuilding: boolean) => {
    const l: QualityLevels = { scope: qualityStats(EMPTY_COUNTS, units.total), communities: new Map(), buildings: new Map() };
    if (perCommunity) for (const [c, n] of units.communities) l.communities.set(c, qualityStats(EMPTY_COUNTS, n));
    if (perBuilding) for (const [id, n] of units.buildings) l.buildings.set(id, qualityStats(EMPTY_COUNTS, n));
    out.set(key, l);
  };
  for (const b of q.buckets) empty(b.key, Boolean(q.perCommunity), Boolean(q.perBuilding));
  if (q.total) empty(q.total.key, Boolean(q.total.perCommunity), false);
  for (const r of rows) {
    const level = num(r.gk) ? out.get(q.total!.key)! : out.get(q.buckets[num(r.idx)]!.key)!;
    const counts = countsOf(r);
    const gc = num(r.gc);
    const gb = num(r.gb);
    if (gc && gb) level.scope = qualityStats(counts, units.total);
    else if (!gc && r.community_id) level.communities.set(r.community_id, qualityStats(counts, units.communities.get(r.community_id) ?? 0));
    // orders without a unit have no building ('': common areas): their community's and the company's only
    else if (!gb && r.building_id) level.buildings.set(r.building_id, qualityStats(counts, units.buildings.get(r.building_id) ?? 0));
  }
  return out;
}

/** Quality figures per bucket for a scope, and per community of the scope, with the index. */
export async function qualityByBucket(
  db: TenantDb,
  q: QualityQuery & Pick<LevelsQuery, 'total' | 'scopeLevel' | 'medians' | 'units'>,
): Promise<QualityByBucket> {
  const levels = await qualityLevels(db, q);
  const out: QualityByBucket = new Map();
  for (const [key, l] of levels) {
    const m = new Map<string, QualityFigures>([['*', withIndex(l.scope, q.weights)]]);
    for (const [c, s] of l.communities) m.set(c, withIndex(s, q.weights));
    out.set(key, m);
  }
  return out;
}

/** The company's index weights (StationSettings.qualityWeights); missing or invalid → the defaults. */
export async function qualityWeights(db: TenantDb, tenantId: string): Promise<QualityWeights> {
  const row = await db.stationSettings.findUnique({ where: { tenantId }, select: { qualityWeights: true } });
  const stored = ZQualityWeights.safeParse(row?.qualityWeights ?? null);
  return stored.success ? stored.data : DEFAULT_QUALITY_WEIGHTS;
}
