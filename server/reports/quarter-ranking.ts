import 'server-only';
import type { z } from 'zod';
import { today as localToday, type Scope } from '../db/scope';
import type { ZQuarterRanking } from '../shared/schemas/reports';
import { bucketFigures } from './figures';
import { makeBucket } from './periods';
import { closedMonths } from './published';
import { qualityByBucket, qualityWeights, unitCounts } from './quality';
import { emptyQuality } from './quality-stats';
import { overallRanks } from './ranking';
import { rankedCommunities, reportScope } from './scope';
import type { QuarterRanking } from './types';

// 季度评比 (DOMAIN.md: companies "rank communities every quarter on a shared service standard"):
// every community of the company with its quality index (the company's weights) and its 当期收缴率
// for the quarter, read as of min(today, the quarter's last day); a rank on each (equal values
// share one; no value: no rank, counted one past the last in the mean); the overall order is by the
// mean of the two ranks, ties by the collection rate. A quarter is never published as one, so it
// is computed (its months' bills and work orders) even when its months are closed.

export async function quarterRanking(companyScope: Scope, input: z.output<typeof ZQuarterRanking>): Promise<QuarterRanking> {
  const { db, tenantId, timeZone } = companyScope;
  const today = localToday(companyScope);
  const bucket = makeBucket(input.quarter, today, await closedMonths(db, tenantId));
  const weights = await qualityWeights(db, tenantId);
  // A quarter that has not begun has nothing to read yet: every community without values.
  const started = bucket.firstDay <= today;
  const rates = started
    ? (await bucketFigures(db, { tenantId, timeZone, scope: {}, buckets: [bucket], perCommunity: true, householdsPerUnit: false })).get(bucket.key)
    : undefined;
  const units = await unitCounts(db, tenantId, {});
  // only each community's index: no company level, only the median the index rests on
  const quality = started
    ? (
        await qualityByBucket(db, { tenantId, timeZone, scope: {}, buckets: [bucket], perCommunity: true, scopeLevel: false, medians: 'ratio', units, weights })
      ).get(bucket.key)
    : undefined;
  const also = [...(rates?.keys() ?? []), ...(quality?.keys() ?? [])].filter((k) => k !== '*');
  const communities = await rankedCommunities(db, tenantId, await reportScope(db, tenantId, {}), also);

  const rows = communities.map((c) => {
    const q = quality?.get(c.id) ?? emptyQuality(units.communities.get(c.id) ?? 0, weights);
    const r = rates?.get(c.id)?.rates.currentPeriod;
    return {
      communityId: c.id,
      name: c.name,
      units: units.communities.get(c.id) ?? 0,
      qualityIndex: q.index.index,
      componentsUsed: q.index.componentsUsed,
      collectionRate: r?.rate ?? null,
      collectedFen: r?.numeratorFen ?? 0,
      billedFen: r?.denominatorFen ?? 0,
    };
  });
  const ranks = overallRanks(rows);
  return {
    quarter: input.quarter,
    bucket,
    rows: rows
      .map((r, i) => ({ ...r, qualityRank: ranks[i]!.qualityRank, collectionRank: ranks[i]!.collectionRank, overallRank: ranks[i]!.overallRank }))
      .sort((a, b) => a.overallRank - b.overallRank || a.name.localeCompare(b.name, 'zh-CN')),
  };
}
