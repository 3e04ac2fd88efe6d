import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { generateDemo, type GenerateResult } from '@/server/demo/generate';
import { withScope } from '@/server/db/scope';
import { ZRelationship } from '@/server/shared/schemas/reports';
import { relationshipReport } from '@/server/reports/relationship';
import { qualityByBucket } from '@/server/reports/quality';
import { DEFAULT_QUALITY_WEIGHTS } from '@/server/shared/quality-index';
import { MIN_COMMUNITIES_FOR_INTERVAL } from '@/server/shared/statistics';
import type { RelationshipReport } from '@/server/reports/types';

// The relationship section (#16) on a small generated company (8 communities × 50 units × 4
// months, server/demo/generate.ts): its points, lag pairs and household segments against counts
// taken straight from the raw rows (bills, allocations by their effective date, work orders).
const NOW = new Date('2026-12-05T04:00:00Z'); // periods 2026-08 … 2026-11
const MONTHS = ['2026-08', '2026-09', '2026-10', '2026-11'];

interface BillRow {
  period: string;
  community: string;
  unit: string;
  amount: number;
  /** Σ allocations effective by the period's last day */
  paidByEnd: number;
}
interface OrderRow {
  unit: string;
  period: string;
  rating: number | null;
  reopens: number;
  fr: boolean | null;
  res: boolean | null;
}

describe.skipIf(!pgServerUrl())('reports: the relationship (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let co: Awaited<ReturnType<typeof makeTenant>>;
  let gen: GenerateResult;
  let bills: BillRow[];
  let orders: OrderRow[];
  const report = (input: Record<string, unknown>) =>
    withScope(t.db.prisma, co.tenant.id, co.admin.id, (s) => relationshipReport(s, ZRelationship.parse({ from: '2026-08', to: '2026-11', ...input })), NOW);

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    co = await makeTenant(t.db, 'Relationship Co');
    gen = await generateDemo(owner, {
      tenantId: co.tenant.id,
      adminUserId: co.admin.id,
      units: 400,
      months: 4,
      communities: 8,
      seed: 16,
      effect: 5,
      ordersPerUnitMonth: 0.4,
      now: NOW,
    });
    bills = (
      await owner.query<BillRow>(
        `select b.period, u."communityId" as community, u.id as unit, b."amountFen" as amount,
                coalesce((select sum(a."amountFen") from "PaymentAllocation" a join "Payment" p on p."tenantId" = a."tenantId" and p.id = a."paymentId"
                          where a."tenantId" = b."tenantId" and a."billId" = b.id
                            and p."countedOn" <= (date_trunc('month', to_date(b.period, 'YYYY-MM')) + interval '1 month - 1 day')::date), 0)::int as "paidByEnd"
         from "Bill" b join "Unit" u on u."tenantId" = b."tenantId" and u.id = b."unitId" where b."tenantId" = $1`,
        [co.tenant.id],
      )
    ).rows;
    orders = (
      await owner.query<OrderRow>(
        `select "unitId" as unit, period, rating, "reopenCount" as reopens, "firstResponseMet" as fr, "resolutionMet" as res
         from "WorkOrder" where "tenantId" = $1 and "unitId" is not null`,
        [co.tenant.id],
      )
    ).rows;
  }, 120_000);
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  /** 当期收缴率 of a community over months, from the raw rows: Σ collected by each month's end ÷ Σ billed. */
  const rawRate = (community: string, months: string[]) => {
    const bs = bills.filter((b) => b.community === community && months.includes(b.period));
    return bs.reduce((a, b) => a + b.paidByEnd, 0) / bs.reduce((a, b) => a + b.amount, 0);
  };

  /** The household segments of the last month (2026-11) from the raw rows (one bill per unit and month: no parking in this demo). */
  const rawSegments = (community?: string) => {
    const out: Record<'good' | 'bad' | 'none' | 'neither', [number, number]> = { good: [0, 0], bad: [0, 0], none: [0, 0], neither: [0, 0] };
    const last = bills.filter((b) => b.period === '2026-11' && (!community || b.community === community));
    for (const b of last) {
      const os = orders.filter((o) => o.unit === b.unit && o.period >= '2026-06' && o.period <= '2026-11');
      const bad = os.some((o) => (o.rating !== null && o.rating <= 2) || o.reopens > 0 || o.fr === false || o.res === false);
      const seg = os.length === 0 ? 'none' : bad ? 'bad' : os.every((o) => o.rating === null || o.rating >= 4) ? 'good' : 'neither';
      out[seg][0] += 1;
      out[seg][1] += Number(b.paidByEnd >= b.amount);
    }
    return out;
  };
  const counts = (h: RelationshipReport['households']) => ({
    good: [h.good.units, h.good.paid],
    bad: [h.bad.units, h.bad.paid],
    none: [h.none.units, h.none.paid],
    neither: [h.neither!.units, h.neither!.paid],
  });

  it('8 communities × 4 months: one point per community, 32 panel points, 24 lag pairs, intervals shown', async () => {
    const r = await report({});
    expect(r.buckets.map((b) => b.key)).toEqual(MONTHS);
    expect(r.cutoff).toBe('2026-11-30');
    expect(r.n).toBe(8);
    expect(r.minCommunitiesForInterval).toBe(MIN_COMMUNITIES_FOR_INTERVAL);
    expect(r.communities.points.map((p) => p.name).sort()).toEqual(gen.communities.map((c) => c.name).sort());
    for (const p of r.communities.points) {
      expect(p.rate).toBeCloseTo(rawRate(p.communityId, MONTHS), 12);
      expect(p.units).toBe(50);
      expect(p.quality).toBeGreaterThan(0);
    }
    expect(r.communities.fit).toMatchObject({ n: 8 });
    expect(r.communities.fit.slopeInterval).not.toBeNull();
    expect(r.communities.fit.rInterval).not.toBeNull();
    expect(r.summary!.communities).toMatchObject({ n: 8, points: 8, intervalShown: true, noIntervalReason: null });
    expect(r.summary!.communities.per10Points).toBeCloseTo(r.communities.fit.slope! * 1000, 9);

    expect(r.panel.points).toHaveLength(32);
    expect(r.panel.fit).toMatchObject({ n: 8, points: 32, replicates: 2000 });
    expect(r.panel.fit.slopeInterval).not.toBeNull();
    // a panel point: that month's index (as the quality section computes it) and that month's rate
    const p = r.panel.points.find((x) => x.bucket === '2026-10')!;
    expect(p.rate).toBeCloseTo(rawRate(p.communityId, ['2026-10']), 12);
    const q = await withScope(t.db.prisma, co.tenant.id, co.admin.id, (s) =>
      qualityByBucket(s.db, {
        tenantId: s.tenantId,
        timeZone: s.timeZone,
        scope: {},
        buckets: [{ key: '2026-10', firstMonth: '2026-10', lastMonth: '2026-10' }],
        perCommunity: true,
        weights: DEFAULT_QUALITY_WEIGHTS,
      }),
    );
    expect(p.quality).toBe(q.get('2026-10')!.get(p.communityId)!.index.index);
    // a community point: the index of the range read as one bucket
    const range = await withScope(t.db.prisma, co.tenant.id, co.admin.id, (s) =>
      qualityByBucket(s.db, {
        tenantId: s.tenantId,
        timeZone: s.timeZone,
        scope: {},
        buckets: [{ key: 'range', firstMonth: '2026-08', lastMonth: '2026-11' }],
        perCommunity: true,
        weights: DEFAULT_QUALITY_WEIGHTS,
      }),
    );
    for (const c of r.communities.points) expect(c.quality).toBeCloseTo(range.get('range')!.get(c.communityId)!.index.index!, 9);

    // lag: the index of month t against the rate of month t + 1
    expect(r.lag.points).toHaveLength(24);
    expect(new Set(r.lag.points.map((x) => x.bucket))).toEqual(new Set(MONTHS.slice(0, 3)));
    const l = r.lag.points.find((x) => x.bucket === '2026-09' && x.communityId === p.communityId)!;
    expect(l.quality).toBe(r.panel.points.find((x) => x.bucket === '2026-09' && x.communityId === p.communityId)!.quality);
    expect(l.rate).toBeCloseTo(rawRate(p.communityId, ['2026-10']), 12);
  });

  it('households: the last month’s units by their service experience in the 6 months up to it; Wilson and Newcombe', async () => {
    const r = await report({});
    const h = r.households;
    expect(h).toMatchObject({ experienceFrom: '2026-06', experienceTo: '2026-11' });
    expect(counts(h)).toEqual(rawSegments());
    expect(h.good.units + h.bad.units + h.none.units + h.neither!.units).toBe(400);
    expect(h.good.units).toBeGreaterThan(0);
    expect(h.bad.units).toBeGreaterThan(0);
    for (const s of [h.good, h.bad, h.none]) {
      expect(s.rate).toBeCloseTo(s.paid / s.units, 12);
      expect(s.interval!.low).toBeLessThanOrEqual(s.rate!);
      expect(s.interval!.high).toBeGreaterThanOrEqual(s.rate!);
    }
    expect(h.difference!.difference).toBeCloseTo(h.good.rate! - h.bad.rate!, 12);
    expect(r.summary!.householdGap!.points).toBeCloseTo(100 * h.difference!.difference, 9);
  });

  it('the 户数缴费率 variant: a community’s rate is Σ units paid ÷ Σ units billed over the months', async () => {
    const r = await report({ rate: 'household' });
    expect(r.rate).toBe('household');
    for (const p of r.communities.points) {
      const bs = bills.filter((b) => b.community === p.communityId);
      expect(p.rate).toBeCloseTo(bs.filter((b) => b.paidByEnd >= b.amount).length / bs.length, 12);
    }
  });

  it('a community scope: n = 1, no interval and the reason; its households only', async () => {
    const c = gen.communities[3]!;
    const r = await report({ scope: { communityId: c.id } });
    expect(r.n).toBe(1);
    expect(r.scope.communityId).toBe(c.id);
    expect(r.communities.points[0]!.rate).toBeCloseTo(rawRate(c.id, MONTHS), 12);
    expect(r.communities.fit).toMatchObject({ n: 1, slope: null, slopeInterval: null, rInterval: null });
    expect(r.panel.fit).toMatchObject({ n: 1, points: 4, slopeInterval: null, replicates: 0 });
    expect(r.summary!.communities).toMatchObject({ n: 1, intervalShown: false, interval: null, noIntervalReason: 'tooFewCommunities' });
    expect(r.summary!.panel).toMatchObject({ intervalShown: false, noIntervalReason: 'tooFewCommunities' });
    expect(counts(r.households)).toEqual(rawSegments(c.id));
  });

  it('quarters: each quarter’s rate sums its months (each as of its own end); the community points are the months’', async () => {
    const byMonth = await report({});
    const r = await report({ grain: 'quarter' });
    expect(r.buckets.map((b) => b.key)).toEqual(['2026-Q3', '2026-Q4']);
    expect(r.panel.points).toHaveLength(16);
    expect(r.lag.points).toHaveLength(8);
    const p = r.panel.points.find((x) => x.bucket === '2026-Q4')!;
    expect(p.rate).toBeCloseTo(rawRate(p.communityId, ['2026-10', '2026-11']), 12);
    const sorted = (x: RelationshipReport) => [...x.communities.points].sort((a, b) => a.communityId.localeCompare(b.communityId));
    expect(sorted(r)).toEqual(sorted(byMonth));
  });

  it('an executive reads it through reports.getRelationship; a resident is refused', async () => {
    const exec = callerFor(t.db, await addMember(t.db, co.tenant.id, 'EXECUTIVE'));
    const r = await exec.reports.getRelationship({ tenant: co.slug, from: '2026-10', to: '2026-11', cutoff: '2026-11-30' });
    expect(r).toMatchObject({ rate: 'currentPeriod', n: 8, cutoff: '2026-11-30' });
    expect(r.panel.points).toHaveLength(16);
    const resident = callerFor(t.db, await addMember(t.db, co.tenant.id, 'RESIDENT'));
    await expect(resident.reports.getRelationship({ tenant: co.slug, from: '2026-10', to: '2026-11' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a closed month counts as published, not as recomputed', async () => {
    const c = gen.communities[0]!;
    // A close of 2026-08 that published other figures for community c (and none for the others).
    await owner.query(`insert into "PeriodClose" ("tenantId", id, period, figures, "closedById") values ($1, gen_random_uuid()::text, '2026-08', $2, $3)`, [
      co.tenant.id,
      JSON.stringify({
        version: 2,
        period: '2026-08',
        cutoff: '2026-08-31',
        computedAt: NOW.toISOString(),
        company: {},
        communities: { [c.id]: { billedFen: 1_000_000, collectedFen: 0 } },
        buildings: {},
      }),
      co.admin.id,
    ]);
    const r = await report({});
    expect(r.buckets[0]).toMatchObject({ key: '2026-08', closed: true });
    const later = MONTHS.slice(1);
    const bs = bills.filter((b) => b.community === c.id && later.includes(b.period));
    const point = r.communities.points.find((x) => x.communityId === c.id)!;
    expect(point.rate).toBeCloseTo(bs.reduce((a, b) => a + b.paidByEnd, 0) / (bs.reduce((a, b) => a + b.amount, 0) + 1_000_000), 12);
    const other = r.communities.points.find((x) => x.communityId !== c.id)!;
    expect(other.rate).toBeCloseTo(rawRate(other.communityId, later), 12);
    // August's panel point of c: the published 0 ÷ 1,000,000; the others have no August rate
    expect(r.panel.points.filter((x) => x.bucket === '2026-08').map((x) => [x.communityId, x.rate])).toEqual([[c.id, 0]]);
  });
});
