import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { EMPTY_PARTS, figuresFromParts, type Figures } from '../collection/rates';
import type { ZReportRange } from '../shared/schemas/reports';
import { bucketFigures } from './figures';
import { isPublishedMonth, makeBucket, previousKey, yearEarlierKey } from './periods';
import { publishedCommunityRates, publishedFigures, publishedRates } from './published';
import { unitCounts } from './quality';
import { rankedDesc, rateChange } from './ranking';
import { openRange, rankedCommunities } from './scope';
import type { Bucket, RatesReport } from './types';

// The payment-rates section (DOMAIN.md "The rates executives read"): the four rates per bucket of
// the range, each read as of min(D, its last day); a closed month shows its published figures
// (PeriodClose, as collectionSummary does); mom/yoy against the bucket before and the one a year
// earlier (each read the same way); the whole range as one bucket; and the communities of the
// scope ranked by 当期收缴率 over the range.

const EMPTY = figuresFromParts(EMPTY_PARTS);

export async function ratesReport(companyScope: Scope, input: z.output<typeof ZReportRange>): Promise<RatesReport> {
  const { db, tenantId, timeZone } = companyScope;
  const { s, closed, cutoff, buckets, total, head } = await openRange(companyScope, input);

  // The range's buckets, the ones mom and yoy compare with, and the whole range.
  const all = new Map<string, Bucket>(buckets.map((b) => [b.key, b]));
  for (const b of buckets) {
    for (const k of [previousKey(b.key), yearEarlierKey(b.key)]) if (!all.has(k)) all.set(k, makeBucket(k, cutoff, closed));
  }
  const published = await publishedFigures(
    db,
    tenantId,
    [...all.values(), ...(total ? [total] : [])].filter(isPublishedMonth).map((b) => b.firstMonth),
  );
  const live = [...all.values()].filter((b) => !published.has(b.firstMonth) || !isPublishedMonth(b));
  const totalLive = total && !(isPublishedMonth(total) && published.has(total.firstMonth));
  const computed = await bucketFigures(db, { tenantId, timeZone, scope: s.scope, buckets: totalLive ? [...live, total] : live, perCommunity: true });

  const scopeFigures = (b: Bucket): Figures => {
    const p = isPublishedMonth(b) ? published.get(b.firstMonth) : undefined;
    return p ? publishedRates(p, s.scope) : (computed.get(b.key)?.get('*') ?? EMPTY);
  };
  const rows = buckets.map((b) => {
    const figures = scopeFigures(b);
    return {
      bucket: b,
      figures,
      mom: rateChange(figures, scopeFigures(all.get(previousKey(b.key))!)),
      yoy: rateChange(figures, scopeFigures(all.get(yearEarlierKey(b.key))!)),
    };
  });

  // Ranking over the whole range: each community's figures (a community or building scope: the scope's).
  let perCommunity = new Map<string, Figures>();
  if (total) {
    const p = isPublishedMonth(total) ? published.get(total.firstMonth) : undefined;
    if (s.info.communityId) perCommunity.set(s.info.communityId, scopeFigures(total));
    else if (p) perCommunity = publishedCommunityRates(p);
    else for (const [k, f] of computed.get(total.key) ?? []) if (k !== '*') perCommunity.set(k, f);
  }
  const units = await unitCounts(db, tenantId, s.scope);
  const communities = await rankedCommunities(db, tenantId, s, perCommunity.keys());
  const ranking = rankedDesc(
    communities.map((c) => ({
      communityId: c.id,
      name: c.name,
      units: s.info.buildingId ? units.total : (units.communities.get(c.id) ?? 0),
      figures: perCommunity.get(c.id) ?? EMPTY,
    })),
    (c) => c.figures.rates.currentPeriod.rate,
    (c) => c.name,
  );

  return {
    ...head,
    rows,
    total: total ? scopeFigures(total) : EMPTY,
    ranking,
  };
}
