import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { ZReportRange } from '../shared/schemas/reports';
import { isPublishedMonth } from './periods';
import { publishedFigures, publishedQuality } from './published';
import { qualityByBucket, qualityWeights, unitCounts } from './quality';
import { emptyQuality, withIndex } from './quality-stats';
import { rankedDesc } from './ranking';
import { openRange, rankedCommunities } from './scope';
import type { Bucket, QualityFigures, QualityReport } from './types';

// The service-quality section (DOMAIN.md "Service quality"): the figures and the index per bucket
// of the range, the whole range as one bucket, and the communities of the scope ranked by index.
// A closed month shows the quality figures its close published (they freeze at 关账 like its
// rates); the index is taken with the company's weights of today. Months closed before quality was
// published are computed like open ones. An open bucket reads its orders as they are now (a rating
// given after the cut-off counts): the per-order facts keep no history, and an order's outcome
// belongs to the month it was created in whenever it is decided.

export async function qualityReport(companyScope: Scope, input: z.output<typeof ZReportRange>): Promise<QualityReport> {
  const { db, tenantId, timeZone } = companyScope;
  const { s, buckets, total, head } = await openRange(companyScope, input);
  const weights = await qualityWeights(db, tenantId);
  const withTotal = total ? [...buckets, total] : buckets;

  const published = await publishedFigures(
    db,
    tenantId,
    withTotal.filter(isPublishedMonth).map((b) => b.firstMonth),
  );
  const frozen = (b: Bucket, scope = s.scope) => {
    const p = isPublishedMonth(b) ? published.get(b.firstMonth) : undefined;
    return p ? publishedQuality(p, scope) : undefined;
  };
  // One statement: the open buckets, and the range as one (each order read once for it) unless
  // the range is one closed month. With the range, every bucket is read (they cover it).
  const totalLive = total !== null && frozen(total) === undefined;
  const units = await unitCounts(db, tenantId, s.scope);
  const computed = await qualityByBucket(db, {
    tenantId,
    timeZone,
    scope: s.scope,
    buckets: totalLive ? buckets : buckets.filter((b) => frozen(b) === undefined),
    weights,
    units,
    ...(totalLive ? { total: { key: total.key, perCommunity: true } } : {}),
  });

  const figuresOf = (b: Bucket, communityId?: string): QualityFigures => {
    const scope = communityId ? { communityId } : s.scope;
    const f = frozen(b, scope);
    const n = communityId ? (units.communities.get(communityId) ?? 0) : units.total;
    if (f === undefined) return computed.get(b.key)?.get(communityId ?? '*') ?? emptyQuality(n, weights);
    return f === null ? emptyQuality(n, weights) : withIndex(f, weights);
  };

  const perCommunity = new Map<string, QualityFigures>();
  if (total) {
    if (s.info.communityId) perCommunity.set(s.info.communityId, figuresOf(total));
    else {
      const p = isPublishedMonth(total) ? published.get(total.firstMonth) : undefined;
      const ids = p?.quality ? Object.keys(p.quality.communities) : [...(computed.get(total.key)?.keys() ?? [])].filter((k) => k !== '*');
      for (const id of ids) perCommunity.set(id, figuresOf(total, id));
    }
  }
  const communities = await rankedCommunities(db, tenantId, s, perCommunity.keys());
  const ranking = rankedDesc(
    communities.map((c) => ({
      communityId: c.id,
      name: c.name,
      quality: perCommunity.get(c.id) ?? emptyQuality(units.communities.get(c.id) ?? 0, weights),
    })),
    (c) => c.quality.index.index,
    (c) => c.name,
  );

  return {
    ...head,
    weights,
    rows: buckets.map((b) => ({ bucket: b, quality: figuresOf(b) })),
    total: total ? figuresOf(total) : emptyQuality(units.total, weights),
    ranking,
  };
}
