import 'server-only';
import type { TenantDb } from '../db/tenant';
import { EMPTY_PARTS, figuresFromParts, type Figures } from '../collection/rates';
import type { PublishedFigures, ScopeInput } from '../collection/summary';
import type { QualityStats } from './quality-stats';

// What a closed month (关账) published: its rates and (from version 3) its service-quality
// figures, frozen. A report's closed month bucket shows these instead of a new computation.

/** Every closed month of the company. */
export async function closedMonths(db: TenantDb, tenantId: string): Promise<Set<string>> {
  const rows = await db.periodClose.findMany({ where: { tenantId }, select: { period: true } });
  return new Set(rows.map((r) => r.period));
}

/** The published figures of `months` that are closed, by month. */
export async function publishedFigures(db: TenantDb, tenantId: string, months: readonly string[]): Promise<Map<string, PublishedFigures>> {
  if (months.length === 0) return new Map();
  const rows = await db.periodClose.findMany({ where: { tenantId, period: { in: [...months] } }, select: { period: true, figures: true } });
  return new Map(rows.map((r) => [r.period, r.figures as unknown as PublishedFigures]));
}

/** Figures as published; parts published before version 2 read as 0 (collectionSummary's rule). */
export const asFigures = (frozen: Partial<Figures> | undefined): Figures => figuresFromParts({ ...EMPTY_PARTS, ...(frozen ?? {}) });

/** A scope's published rates (a community or building without bills then: empty figures). */
export function publishedRates(p: PublishedFigures, scope: ScopeInput): Figures {
  return asFigures(scope.buildingId ? p.buildings[scope.buildingId] : scope.communityId ? p.communities[scope.communityId] : p.company);
}

/** Each community's published rates. */
export function publishedCommunityRates(p: PublishedFigures): Map<string, Figures> {
  return new Map(Object.entries(p.communities).map(([id, f]) => [id, asFigures(f)]));
}

/**
 * A scope's published quality stats; undefined when the month was closed before quality was
 * published (version < 3): those months are computed like open ones. A scope without orders
 * then has none published: null (the caller fills in empty stats with its units).
 */
export function publishedQuality(p: PublishedFigures, scope: ScopeInput): QualityStats | null | undefined {
  if (!p.quality) return undefined;
  const q = scope.buildingId ? p.quality.buildings[scope.buildingId] : scope.communityId ? p.quality.communities[scope.communityId] : p.quality.company;
  return q ?? null;
}
