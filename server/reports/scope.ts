import 'server-only';
import type { TenantDb } from '../db/tenant';
import { today as localToday, type Scope } from '../db/scope';
import { checkScope, type ScopeInput } from '../collection/summary';
import type { ReportGrain } from '../shared/schemas/reports';
import { rangeBuckets, totalBucket } from './periods';
import { closedMonths } from './published';
import type { Bucket, RangeInfo, ReportScopeInfo } from './types';

/** Communities a report ranks: the scope's (company: every one of the company), with names. */
export interface ReportScope {
  scope: ScopeInput;
  info: ReportScopeInfo;
}

/** The scope, checked (another company's community or building → NOT_FOUND), with its names. */
export async function reportScope(
  db: TenantDb,
  tenantId: string,
  input: { communityId?: string | undefined; buildingId?: string | undefined },
): Promise<ReportScope> {
  const scope: ScopeInput = {
    ...(input.communityId ? { communityId: input.communityId } : {}),
    ...(input.buildingId ? { buildingId: input.buildingId } : {}),
  };
  const { community, building } = await checkScope(db, tenantId, scope);
  let communityName = community?.name ?? null;
  if (building && !community) {
    const c = await db.community.findUnique({ where: { tenantId_id: { tenantId, id: building.communityId } }, select: { name: true } });
    communityName = c?.name ?? null;
  }
  return {
    scope,
    info: {
      communityId: community?.id ?? building?.communityId ?? null,
      communityName,
      buildingId: building?.id ?? null,
      buildingName: building?.name ?? null,
    },
  };
}

/**
 * The communities a ranking lists: the scope's one, or (company scope) every community of the
 * company that is not archived, plus archived ones that `alsoIds` name (they have figures).
 */
export async function rankedCommunities(
  db: TenantDb,
  tenantId: string,
  s: ReportScope,
  alsoIds: Iterable<string> = [],
): Promise<{ id: string; name: string }[]> {
  if (s.info.communityId) return [{ id: s.info.communityId, name: s.info.communityName ?? '' }];
  const also = [...new Set(alsoIds)];
  return db.community.findMany({
    where: { tenantId, OR: [{ archivedAt: null }, ...(also.length ? [{ id: { in: also } }] : [])] },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}

/**
 * What every report starts from: its scope (checked), the company's closed months, the range's
 * buckets read as of the cut-off D, the whole range as one bucket, and the head every report
 * answers with (RangeInfo).
 */
export async function openRange(
  companyScope: Scope,
  input: {
    grain: ReportGrain;
    from: string;
    to: string;
    cutoff?: string | undefined;
    scope: { communityId?: string | undefined; buildingId?: string | undefined };
  },
): Promise<{
  s: ReportScope;
  closed: ReadonlySet<string>;
  today: string;
  cutoff: string;
  buckets: Bucket[];
  total: Bucket | null;
  head: RangeInfo;
}> {
  const { db, tenantId } = companyScope;
  const s = await reportScope(db, tenantId, input.scope);
  const closed = await closedMonths(db, tenantId);
  const today = localToday(companyScope);
  const { cutoff, buckets } = rangeBuckets({ grain: input.grain, from: input.from, to: input.to, cutoff: input.cutoff, today }, closed);
  return {
    s,
    closed,
    today,
    cutoff,
    buckets,
    total: totalBucket(buckets, cutoff),
    head: { grain: input.grain, from: input.from, to: input.to, cutoff, buckets, scope: s.info },
  };
}
