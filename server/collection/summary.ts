import 'server-only';
import type { z } from 'zod';
import type { TenantDb } from '../db/tenant';
import { today as localToday, type Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { billStateCte, num, reportSettings } from './as-of';
import { EMPTY_PARTS, addParts, figuresFromParts, resolveCutoff, type Figures, type SummaryParts } from './rates';
import { periodBounds } from '../shared/calendar';
import { ZSummary } from './schemas';
import { rollupParts } from '../reports/figures';
import type { QualityStats } from '../reports/quality-stats';

// The collection summary (DOMAIN.md, "The rates executives read", "Which bills", "Dates of
// money"). For period P, cut-off D, P's first day F and E = min(D, P's last day), over the bills
// that count in the payment rate (as-of.ts), whenever they were created:
//   billed        = Σ over P's bills of their net as of D (amount − adjustments effective by D;
//                   0 once a void took effect by D); gross and adjusted: those not void by D
//   collected     = Σ allocations on P's bills effective by E: money effective after P's end is
//                   recovery of the period it falls in, never P's (every fen counted once)
//   outstanding   = Σ per bill max(0, net − allocations effective by D): what P's bills still owe
//   opening arrears = Σ over earlier periods' bills of max(0, net − paid) at the end of F − 1:
//                   adjustments, voids and money effective from F on do not change it
//   recovered     = Σ allocations on earlier periods' bills effective from F to E
//   arrears adjusted = Σ over earlier periods' bills of (net at F − 1 − net at E): the waivers,
//                   discounts and voids that took effect during P
//   household     = residential units whose period-P bills (those leaving anything to pay after
//                   adjustments) are all fully paid by D ÷ such units; parking spaces only count
//                   in the amount-based rates
//   roll-forward  = opening − recovered − arrears adjusted + outstanding: the next period's
//                   opening arrears when taken at P's end
// Bills that do not count (one-off charges, late fees, items with countsInRate off) are shown
// beside the rates, never inside: billed, collected and outstanding of P's, recovered of earlier.
// A closed period (PeriodClose) returns its published figures instead.

export interface ScopeInput {
  communityId?: string;
  buildingId?: string;
}

/** A scope's community and building must be the company's (another company's → NOT_FOUND). */
export async function checkScope(db: TenantDb, tenantId: string, scope: ScopeInput) {
  let community: { id: string; name: string } | null = null;
  let building: { id: string; name: string; communityId: string } | null = null;
  if (scope.communityId) {
    community = await db.community.findUnique({ where: { tenantId_id: { tenantId, id: scope.communityId } }, select: { id: true, name: true } });
    if (!community) throw notFound('community');
  }
  if (scope.buildingId) {
    building = await db.building.findUnique({
      where: { tenantId_id: { tenantId, id: scope.buildingId } },
      select: { id: true, name: true, communityId: true },
    });
    if (!building) throw notFound('building');
    if (scope.communityId && building.communityId !== scope.communityId) {
      throw new AppError('BAD_REQUEST', 'buildingNotInCommunity');
    }
  }
  return { community, building };
}

export interface ScopedParts extends SummaryParts {
  communityId: string | null;
  buildingId: string | null;
}

/**
 * The summary's additive parts per (community, building), as of `cutoff`, in one statement.
 * Rows with building null are parking spaces rented alone (a community but no building).
 */
export async function summaryParts(
  db: TenantDb,
  p: {
    tenantId: string;
    timeZone: string;
    period: string;
    cutoff: string;
    /** a range P..lastPeriod read as one (a quarter, a year) */ lastPeriod?: string;
  } & ScopeInput,
): Promise<ScopedParts[]> {
  const { first } = periodBounds(p.period);
  const lastPeriod = p.lastPeriod ?? p.period;
  const { last } = periodBounds(lastPeriod);
  const until = p.cutoff < last ? p.cutoff : last;
  const cte = billStateCte({
    tenantId: p.tenantId,
    timeZone: p.timeZone,
    asOf: p.cutoff,
    billWhere: Prisma.sql`b."period" <= ${lastPeriod}`,
    ...(p.communityId ? { communityId: p.communityId } : {}),
    ...(p.buildingId ? { buildingId: p.buildingId } : {}),
    since: first,
    until,
  });
  const P = p.period;
  const isOwn = Prisma.sql`period between ${P} and ${lastPeriod}`;
  const own = Prisma.sql`${isOwn} and counts`;
  const old = Prisma.sql`period < ${P} and counts`;
  await reportSettings(db);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    ${cte}
    select community_id, building_id,
      coalesce(sum(amount) filter (where ${own} and not voided), 0)::bigint as gross,
      coalesce(sum(adjusted) filter (where ${own} and not voided), 0)::bigint as adjusted,
      coalesce(sum(net) filter (where ${own}), 0)::bigint as billed,
      coalesce(sum(paid_until) filter (where ${own}), 0)::bigint as collected,
      coalesce(sum(greatest(net - paid, 0)) filter (where ${own}), 0)::bigint as outstanding,
      coalesce(sum(greatest(net_before - paid_before, 0)) filter (where ${old}), 0)::bigint as opening,
      coalesce(sum(paid_until - paid_before) filter (where ${old}), 0)::bigint as recovered,
      coalesce(sum(net_before - net_until) filter (where ${old}), 0)::bigint as arrears_adjusted,
      count(distinct object_id) filter (where ${own} and object_kind = 'UNIT' and net > 0) as units_billed,
      count(distinct object_id) filter (where ${own} and object_kind = 'UNIT' and net > 0 and paid < net) as units_unpaid,
      coalesce(sum(net) filter (where ${isOwn} and not counts), 0)::bigint as beside_billed,
      coalesce(sum(paid_until) filter (where ${isOwn} and not counts), 0)::bigint as beside_collected,
      coalesce(sum(greatest(net - paid, 0)) filter (where ${isOwn} and not counts), 0)::bigint as beside_outstanding,
      coalesce(sum(paid_until - paid_before) filter (where period < ${P} and not counts), 0)::bigint as beside_recovered
    from bs
    group by community_id, building_id`;
  return rows.map((r) => ({
    communityId: (r.community_id as string | null) ?? null,
    buildingId: (r.building_id as string | null) ?? null,
    grossBilledFen: num(r.gross),
    adjustedFen: num(r.adjusted),
    billedFen: num(r.billed),
    collectedFen: num(r.collected),
    outstandingFen: num(r.outstanding),
    openingArrearsFen: num(r.opening),
    arrearsRecoveredFen: num(r.recovered),
    arrearsAdjustedFen: num(r.arrears_adjusted),
    unitsBilled: num(r.units_billed),
    unitsPaid: num(r.units_billed) - num(r.units_unpaid),
    notInRateBilledFen: num(r.beside_billed),
    notInRateCollectedFen: num(r.beside_collected),
    notInRateOutstandingFen: num(r.beside_outstanding),
    notInRateRecoveredFen: num(r.beside_recovered),
  }));
}

const partsOnly = (r: ScopedParts): SummaryParts => {
  const { communityId: _c, buildingId: _b, ...parts } = r;
  return parts;
};
export const sumParts = (rows: ScopedParts[]): SummaryParts => rows.map(partsOnly).reduce(addParts, EMPTY_PARTS);

/** What a period close publishes: the company's figures and each community's and building's. */
export interface PublishedFigures {
  /** 2: with arrears adjusted, the roll-forward and the bills shown beside the rates; 3: with `quality` */
  version: 1 | 2 | 3;
  period: string;
  cutoff: string;
  computedAt: string;
  company: Figures;
  communities: Record<string, Figures>;
  buildings: Record<string, Figures>;
  /** the month's service-quality figures (#16), frozen with its rates; the index is taken with the weights of the day it is read */
  quality?: PublishedQuality;
}

export interface PublishedQuality {
  company: QualityStats;
  communities: Record<string, QualityStats>;
  buildings: Record<string, QualityStats>;
}

export function publishFigures(period: string, cutoff: string, rows: ScopedParts[], quality?: PublishedQuality): PublishedFigures {
  const byCommunity = new Map<string, ScopedParts[]>();
  const buildings: Record<string, Figures> = {};
  for (const r of rows) {
    if (r.communityId) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), r]);
    if (r.buildingId) buildings[r.buildingId] = figuresFromParts(partsOnly(r));
  }
  return {
    version: quality ? 3 : 2,
    period,
    cutoff,
    computedAt: new Date().toISOString(),
    company: figuresFromParts(sumParts(rows)),
    communities: Object.fromEntries([...byCommunity].map(([id, rs]) => [id, figuresFromParts(sumParts(rs))])),
    buildings,
    ...(quality ? { quality } : {}),
  };
}

/**
 * One period's parts as of D from the rollups (server/reports/figures.ts): money up to
 * min(D, the period's end), bills' state up to D; the same numbers as summaryParts, which stays
 * as the oracle the tests and the benchmark compare them with. Level 'scope' gives one row;
 * 'buildings' one per (community, building) as summaryParts does (what 关账 publishes).
 */
export async function periodParts(
  db: TenantDb,
  p: { tenantId: string; period: string; cutoff: string; scope: ScopeInput; levels: ['scope'] | ['buildings'] },
): Promise<ScopedParts[]> {
  const { last } = periodBounds(p.period);
  const rows = await rollupParts(db, {
    tenantId: p.tenantId,
    scope: p.scope,
    buckets: [{ key: p.period, firstMonth: p.period, lastMonth: p.period, cutoff: p.cutoff < last ? p.cutoff : last, asOf: p.cutoff }],
    levels: p.levels,
  });
  return rows.map((r) => ({
    communityId: r.communityId === '*' ? null : r.communityId,
    buildingId: r.buildingId === '*' || r.buildingId === '' ? null : r.buildingId,
    ...r.parts,
  }));
}

export async function collectionSummary(companyScope: Scope, q: z.output<typeof ZSummary>) {
  const { db, tenantId } = companyScope;
  const scope = { ...(q.scope.communityId ? { communityId: q.scope.communityId } : {}), ...(q.scope.buildingId ? { buildingId: q.scope.buildingId } : {}) };
  await checkScope(db, tenantId, scope);

  const close = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: q.period } } });
  if (close) {
    const published = close.figures as unknown as PublishedFigures;
    const frozen = scope.buildingId ? published.buildings[scope.buildingId] : scope.communityId ? published.communities[scope.communityId] : published.company;
    return {
      period: q.period,
      cutoff: published.cutoff,
      scope,
      closed: true as const,
      closedAt: close.closedAt,
      // figures published before version 2 lack the newer parts: they read as 0
      ...figuresFromParts({ ...EMPTY_PARTS, ...(frozen ?? {}) }),
    };
  }

  const cutoff = resolveCutoff(q.period, localToday(companyScope), q.cutoff);
  const rows = await periodParts(db, { tenantId, period: q.period, cutoff, scope, levels: ['scope'] });
  return { period: q.period, cutoff, scope, closed: false as const, closedAt: null, ...figuresFromParts(sumParts(rows)) };
}
