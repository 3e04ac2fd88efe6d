import 'server-only';
import type { z } from 'zod';
import { Prisma } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import type { Scope } from '../db/scope';
import { num, reportSettings } from '../collection/as-of';
import type { PublishedFigures, ScopeInput } from '../collection/summary';
import type { Figures } from '../collection/rates';
import { addMonths } from '../shared/calendar';
import type { ZRelationship } from '../shared/schemas/reports';
import { bucketFigures, rangeKeyOf } from './figures';
import { isPublishedMonth, monthsOf, rangeBuckets } from './periods';
import { publishedFigures, publishedQuality, publishedRates } from './published';
import { qualityByBucket, qualityWeights, unitCounts } from './quality';
import { withIndex } from './quality-stats';
import { fitRelationship, type RateParts, type SegmentCount } from './relationship-statistics';
import { openRange, rankedCommunities } from './scope';
import type { Bucket, RelationshipReport } from './types';

// The relationship section (DOMAIN.md "The relationship"): where service is better, do more
// residents pay? This file reads the figures; relationship-statistics.ts (pure) turns them into
// points, fits and the summary. What is read:
//   - each community's chosen rate per MONTH of the range, each month as of min(D, its end), a
//     closed month as published (PeriodClose): a community's rate over the range, or over a
//     quarter/year bucket, is Σ numerator ÷ Σ denominator over its months ("each period's rate
//     taken as of its own end, or as published if closed");
//   - each community's quality index per bucket and over the whole range (the range read as one
//     bucket), with the company's weights; a closed month's quality as published;
//   - households: the units with bills counting in the rate in the range's last bucket (something
//     to pay as of its cut-off), paid when all those bills are fully paid as of the bucket's cut-off
//     (the household state of 户数缴费率, from its rollup),
//     segmented by their service experience over the work orders created on the unit in the 6
//     months up to that cut-off (by the cut-off day):
//       bad     = any rating ≤ 2, a reopen, or an SLA breach (firstResponseMet or resolutionMet false);
//       good    = at least one order, none bad, every rating given ≥ 4 (unrated orders allowed);
//       none    = no order in those months;
//       neither = orders, none bad, but a rating of 3: counted apart, in no segment.
//     Ratings, reopens and SLA outcomes are the orders' recorded ones (what is known when the
//     report is read). A closed last month's segments are computed from the ledger as of its
//     cut-off, like an open one's (the published figures hold no per-unit rows).
// Under a building scope "a community" is the building's part of its community.

/** The months' buckets of the range (grain month), read as of min(D, their end). */
function monthBuckets(buckets: readonly Bucket[], cutoff: string, today: string, closed: ReadonlySet<string>): Bucket[] {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) return [];
  return rangeBuckets({ grain: 'month', from: first.firstMonth, to: last.lastMonth, cutoff, today }, closed).buckets;
}

const rateParts = (f: Figures, rate: RelationshipReport['rate']): RateParts =>
  rate === 'household'
    ? { numerator: f.rates.household.numerator, denominator: f.rates.household.denominator }
    : { numerator: f.rates.currentPeriod.numeratorFen, denominator: f.rates.currentPeriod.denominatorFen };

/** Experience window: the 6 months up to the month of `day`. */
export function experienceWindow(day: string): { experienceFrom: string; experienceTo: string } {
  const to = day.slice(0, 7);
  return { experienceFrom: addMonths(to, -5), experienceTo: to };
}

type Segment = 'good' | 'bad' | 'none' | 'neither';

/**
 * The household segments' counts (units, of them paid) in one statement, over the rollup of each
 * (unit, period)'s household state (UnitPeriodEvent: changes by local day, summed up to the
 * cut-off; the state bucketFigures' 户数缴费率 reads): a unit is billed when it has a counting bill
 * of the bucket's months with something to pay, paid when none of them is still unpaid.
 */
export async function householdSegments(
  db: TenantDb,
  p: { tenantId: string; timeZone: string; scope: ScopeInput; bucket: Bucket; experienceFrom: string; experienceTo: string },
): Promise<Record<Segment, SegmentCount>> {
  const { bucket: b, scope } = p;
  await db.$executeRaw`select linli_rollup_flush_now()`;
  await reportSettings(db);
  // A month's billed (unpaid) state is 0 or 1 and the sum of its changes, so a unit has a billed
  // (an unpaid) month of the bucket exactly when the sum of all its changes up to the cut-off is
  // above 0 (unpaid implies billed): one aggregate per unit, not per (unit, month) and again per
  // unit. The experience reads the window's orders by period (an index range) and is hash-joined
  // to the billed units: probing WorkOrder once per billed unit cost 0.5 s at 20,000 units.
  // A quarter or a year reads its units' range state (UnitRangeEvent: the same sums, one state per
  // unit instead of one per month).
  const range = b.firstMonth === b.lastMonth ? null : rangeKeyOf(b.firstMonth, b.lastMonth);
  const source = range
    ? Prisma.sql`"UnitRangeEvent" e where e."tenantId" = ${p.tenantId} and e."rangeKey" = ${range}`
    : Prisma.sql`"UnitPeriodEvent" e where e."tenantId" = ${p.tenantId} and e."period" between ${b.firstMonth} and ${b.lastMonth}`;
  const rows = await db.$queryRaw<{ segment: Segment; units: number; paid: number }[]>`
    with billed as (
      select e."unitId" as unit_id, sum(e."unpaid") = 0 as paid
      from ${source} and e."day" <= ${b.cutoff}::date
        ${scope.communityId ? Prisma.sql`and e."communityId" = ${scope.communityId}` : Prisma.empty}
        ${scope.buildingId ? Prisma.sql`and e."buildingId" = ${scope.buildingId}` : Prisma.empty}
      group by 1
      having sum(e."billed") > 0
    ),
    experience as (
      select w."unitId" as unit_id,
        bool_or(coalesce(w."rating" <= 2, false) or w."reopenCount" > 0 or w."firstResponseMet" is false or w."resolutionMet" is false) as bad,
        bool_and(coalesce(w."rating" >= 4, true)) as rated_well
      from "WorkOrder" w
      where w."tenantId" = ${p.tenantId} and w."unitId" is not null
        and w."period" between ${p.experienceFrom} and ${p.experienceTo}
        and (w."createdAt" at time zone ${p.timeZone})::date <= ${b.cutoff}::date
      group by w."unitId"
    )
    select case when e.unit_id is null then 'none' when e.bad then 'bad' when e.rated_well then 'good' else 'neither' end as segment,
      count(*)::int as units, count(*) filter (where u.paid)::int as paid
    from billed u left join experience e on e.unit_id = u.unit_id
    group by 1`;
  const out: Record<Segment, SegmentCount> = {
    good: { units: 0, paid: 0 },
    bad: { units: 0, paid: 0 },
    none: { units: 0, paid: 0 },
    neither: { units: 0, paid: 0 },
  };
  for (const r of rows) out[r.segment] = { units: num(r.units), paid: num(r.paid) };
  return out;
}

export async function relationshipReport(companyScope: Scope, input: z.output<typeof ZRelationship>): Promise<RelationshipReport> {
  const { db, tenantId, timeZone } = companyScope;
  const { s, closed, today, cutoff, buckets, total, head } = await openRange(companyScope, input);
  const weights = await qualityWeights(db, tenantId);
  const months = monthBuckets(buckets, cutoff, today, closed);

  // A community's part of a published month: the building's under a building scope.
  const partScope = (communityId: string): ScopeInput => (s.scope.buildingId ? { buildingId: s.scope.buildingId } : { communityId });
  const published = await publishedFigures(
    db,
    tenantId,
    months.filter(isPublishedMonth).map((b) => b.firstMonth),
  );
  const publishedOf = (b: Bucket): PublishedFigures | undefined => (isPublishedMonth(b) ? published.get(b.firstMonth) : undefined);

  // Rates: per community and month.
  const liveMonths = months.filter((b) => !publishedOf(b));
  const computed = await bucketFigures(db, { tenantId, timeZone, scope: s.scope, buckets: liveMonths, perCommunity: true });
  const ids = new Set<string>();
  for (const m of computed.values()) for (const k of m.keys()) if (k !== '*') ids.add(k);
  for (const p of published.values()) for (const k of Object.keys(p.communities)) ids.add(k);
  const communities = await rankedCommunities(db, tenantId, s, ids);

  const monthlyRates = new Map<string, Map<string, RateParts>>();
  for (const c of communities) {
    const byMonth = new Map<string, RateParts>();
    for (const b of months) {
      const p = publishedOf(b);
      const f = p ? publishedRates(p, partScope(c.id)) : computed.get(b.key)?.get(c.id);
      if (f) byMonth.set(b.firstMonth, rateParts(f, input.rate));
    }
    monthlyRates.set(c.id, byMonth);
  }

  // Quality: per community and bucket, and over the whole range.
  // (a closed month bucket, or a range of one closed month, is one of the closed months read above)
  const frozenQuality = (b: Bucket, communityId: string) => {
    const p = publishedOf(b);
    return p ? publishedQuality(p, partScope(communityId)) : undefined;
  };
  const isLive = (b: Bucket) => communities.some((c) => frozenQuality(b, c.id) === undefined);
  // The range as one bucket is a grouping set of the buckets' pass (each order read once for it).
  const totalLive = total !== null && isLive(total);
  // Only the communities' index is read: no scope level, and only the median the index rests on.
  const units = await unitCounts(db, tenantId, s.scope);
  const qComputed = await qualityByBucket(db, {
    tenantId,
    timeZone,
    scope: s.scope,
    buckets: totalLive ? buckets : buckets.filter(isLive),
    perCommunity: true,
    scopeLevel: false,
    medians: 'ratio',
    units,
    weights,
    ...(totalLive ? { total: { key: total.key, perCommunity: true } } : {}),
  });
  const indexOf = (b: Bucket, communityId: string): number | null => {
    const f = frozenQuality(b, communityId);
    if (f === undefined) return qComputed.get(b.key)?.get(communityId)?.index.index ?? null;
    return f === null ? null : withIndex(f, weights).index.index;
  };
  const bucketQuality = new Map(buckets.map((b) => [b.key, new Map(communities.map((c) => [c.id, indexOf(b, c.id)]))]));
  const rangeQuality = new Map(communities.map((c) => [c.id, total ? indexOf(total, c.id) : null]));

  // Households: the last bucket's units by their experience in the 6 months up to its cut-off.
  const last = buckets.at(-1);
  const window = experienceWindow(last?.cutoff ?? cutoff);
  const empty = { units: 0, paid: 0 };
  const households = last
    ? await householdSegments(db, { tenantId, timeZone, scope: s.scope, bucket: last, ...window })
    : { good: empty, bad: empty, none: empty, neither: empty };

  const sections = fitRelationship({
    communities: communities.map((c) => ({
      communityId: c.id,
      name: c.name,
      units: s.info.buildingId ? units.total : (units.communities.get(c.id) ?? 0),
    })),
    buckets: buckets.map((b) => ({ key: b.key, months: monthsOf(b).filter((m) => months.some((mb) => mb.firstMonth === m)) })),
    monthlyRates,
    rangeQuality,
    bucketQuality,
    households,
  });

  return {
    ...head,
    rate: input.rate,
    ...sections,
    households: { ...window, ...sections.households },
  };
}
