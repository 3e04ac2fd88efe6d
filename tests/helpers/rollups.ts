import { expect } from 'vitest';
import type { TenantDb } from '@/server/db/tenant';
import { summaryParts, sumParts } from '@/server/collection/summary';
import { EMPTY_PARTS } from '@/server/collection/rates';
import { rollupParts } from '@/server/reports/figures';
import { periodBounds } from '@/server/shared/calendar';

/**
 * The report rollups (kept by triggers at commit) against the row-by-row statement they
 * replace, for every period with bills, company-wide and per building, as of `cutoff`.
 */
export async function expectRollupsMatch(db: TenantDb, tenantId: string, timeZone: string, cutoff: string) {
  const periods = (await db.$queryRaw<{ period: string }[]>`select distinct "period" from "Bill" where "tenantId" = ${tenantId} order by 1`).map(
    (r) => r.period,
  );
  expect(periods.length).toBeGreaterThan(0);
  for (const period of periods) {
    if (periodBounds(period).first > cutoff) continue;
    const last = periodBounds(period).last;
    const oracle = await summaryParts(db, { tenantId, timeZone, period, cutoff });
    const rolled = await rollupParts(db, {
      tenantId,
      scope: {},
      buckets: [{ key: period, firstMonth: period, lastMonth: period, cutoff: cutoff < last ? cutoff : last, asOf: cutoff }],
      levels: ['scope', 'buildings'],
    });
    // no rollup row = nothing to add up (the statement may return a row of zeros there)
    const company = rolled.find((r) => r.communityId === '*')?.parts ?? EMPTY_PARTS;
    expect(company, `${period}: company`).toEqual(sumParts(oracle));
    for (const o of oracle) {
      const { communityId, buildingId, ...parts } = o;
      const r = rolled.find((x) => x.communityId === communityId && x.buildingId === (buildingId ?? ''));
      expect(r?.parts ?? EMPTY_PARTS, `${period}: building ${buildingId ?? '(none)'}`).toEqual(parts);
    }
  }
}
