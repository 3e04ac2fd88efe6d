import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, uniq } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { withTenant } from '@/server/db/tenant';
import { dateColumn } from '@/server/shared/calendar';

// #16 rates and service quality on a small hand-made fixture: every figure below is computed by
// hand from the tables in the comments (not by the code under test).

/** An instant at a local time in Asia/Shanghai (UTC+8), the companies' default time zone. */
const at = (ymd: string, hm = '10:00') => new Date(`${ymd}T${hm}:00+08:00`);
const H = 3_600_000;

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

/**
 * Register: C1 (B1: U1, U2; B2: U3), C2 (B3: U4), C3 (B4: U5, nothing billed, no orders).
 * 物业费 bills of 10000 fen (regular, counting in the rate):
 *   2025-05, 2025-06: U1 and U4;   2026-04, 2026-05, 2026-06: U1..U4
 * Payments (received = counted):
 *   U1: each of its bills in the bill's month (2025-05-10, 2025-06-10, 2026-04-10, 05-10, 06-10)
 *   U4: 2025-06-05 20000 = 2025-05 + 2025-06; 2026-05-05 20000 = 2026-04 + 2026-05
 *   U2: 2026-04-12 April; 2026-06-03 20000 = May + June
 *   U3: 2026-04-15 April; 2026-05-20 May (June unpaid)
 * Work orders (target = resolveDueAt − createdAt − paused; time = completedAt − createdAt − paused):
 *   o1 05-02 C1 U1  target 32h, done 24h, ★5, first response met, resolution met
 *   o2 05-03 C1 U2  target 24h (+2h paused), done 38h − 2h = 36h, ★3, FR met, resolution missed, reopened once
 *   o3 05-10 C1 —   common area, target 12h, done 6h, no rating, FR missed, resolution met
 *   o4 05-20 C1 U3  cancelled, nothing decided
 *   o5 05-15 C2 U4  target 48h, done 72h, ★2, FR met, resolution missed
 *   o6 06-05 C1 U1  target 24h, done 12h, ★4, FR met, resolution met
 *   o7 06-08 C2 U4  open, nothing decided
 */
async function buildFixture(t: TestDatabase, T: Tenant) {
  const { slug } = T;
  const tenantId = T.tenant.id;
  const community = (name: string) => T.as.property.createCommunity({ tenant: slug, name: uniq(name) });
  const c1 = await community('阳光花园');
  const c2 = await community('银杏里');
  const c3 = await community('桂花苑');
  const building = (communityId: string, name: string) => T.as.property.createBuilding({ tenant: slug, communityId, name });
  const b1 = await building(c1.id, '1号楼');
  const b2 = await building(c1.id, '2号楼');
  const b3 = await building(c2.id, '3号楼');
  const b4 = await building(c3.id, '4号楼');
  const unit = (buildingId: string, number: string) => T.as.property.createUnit({ tenant: slug, buildingId, number, floor: 1, area: '100.00' });
  const U1 = await unit(b1.id, '101');
  const U2 = await unit(b1.id, '102');
  const U3 = await unit(b2.id, '201');
  const U4 = await unit(b3.id, '301');
  await unit(b4.id, '401');

  const orders = await withTenant(t.db.prisma, tenantId, async (db) => {
    const who = T.admin.id;
    const fee = await db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: [c1.id, c2.id, c3.id] } });
    const bills = new Map<string, string>();
    for (const [u, periods] of [
      [U1.id, ['2025-05', '2025-06', '2026-04', '2026-05', '2026-06']],
      [U2.id, ['2026-04', '2026-05', '2026-06']],
      [U3.id, ['2026-04', '2026-05', '2026-06']],
      [U4.id, ['2025-05', '2025-06', '2026-04', '2026-05', '2026-06']],
    ] as const) {
      for (const period of periods) {
        const b = await db.bill.create({
          data: {
            tenantId,
            kind: 'REGULAR',
            objectKind: 'UNIT',
            objectId: u,
            unitId: u,
            payerKind: 'UNIT',
            payerId: u,
            feeItemId: fee.id,
            period,
            amountFen: 10000,
            dueDate: dateColumn(`${period}-15`),
            createdById: who,
            createdAt: at(`${period}-01`, '09:00'),
          },
        });
        bills.set(`${u}:${period}`, b.id);
      }
    }
    const receipts: Record<number, number> = {};
    const pay = async (u: string, day: string, periods: string[]) => {
      const year = Number(day.slice(0, 4));
      receipts[year] = (receipts[year] ?? 0) + 1;
      const p = await db.payment.create({
        data: {
          tenantId,
          kind: 'PAYMENT',
          method: 'CASH',
          payerKind: 'UNIT',
          payerId: u,
          amountFen: 10000 * periods.length,
          receivedOn: dateColumn(day),
          countedOn: dateColumn(day),
          enteredAt: at(day),
          enteredById: who,
          receiptYear: year,
          receiptNo: receipts[year],
        },
      });
      for (const period of periods) {
        await db.paymentAllocation.create({ data: { tenantId, paymentId: p.id, billId: bills.get(`${u}:${period}`)!, amountFen: 10000, createdAt: at(day) } });
      }
    };
    for (const m of ['2025-05', '2025-06', '2026-04', '2026-05', '2026-06']) await pay(U1.id, `${m}-10`, [m]);
    await pay(U4.id, '2025-06-05', ['2025-05', '2025-06']);
    await pay(U4.id, '2026-05-05', ['2026-04', '2026-05']);
    await pay(U2.id, '2026-04-12', ['2026-04']);
    await pay(U2.id, '2026-06-03', ['2026-05', '2026-06']);
    await pay(U3.id, '2026-04-15', ['2026-04']);
    await pay(U3.id, '2026-05-20', ['2026-05']);

    const category = await db.serviceCategory.create({ data: { tenantId, name: '维修' } });
    let number = 0;
    const order = async (o: {
      community: string;
      unit: string | null;
      created: string;
      targetH: number;
      pausedH?: number;
      doneH?: number;
      rating?: number;
      fr?: boolean;
      res?: boolean;
      reopened?: boolean;
      cancelled?: boolean;
    }) => {
      const created = at(o.created);
      const paused = (o.pausedH ?? 0) * H;
      const w = await db.workOrder.create({
        data: {
          tenantId,
          number: ++number,
          communityId: o.community,
          unitId: o.unit,
          categoryId: category.id,
          text: '报修',
          period: o.created.slice(0, 7),
          status: o.cancelled ? 'CANCELLED' : o.doneH !== undefined ? 'CLOSED' : 'ACCEPTED',
          firstResponseDueAt: new Date(created.getTime() + H),
          // the deadline moves with the pause: the target stays targetH
          resolveDueAt: new Date(created.getTime() + o.targetH * H + paused),
          pausedSeconds: paused / 1000,
          ...(o.doneH !== undefined ? { completedAt: new Date(created.getTime() + o.doneH * H) } : {}),
          ...(o.cancelled ? { cancelledAt: new Date(created.getTime() + H) } : {}),
          ...(o.rating ? { rating: o.rating, ratedAt: new Date(created.getTime() + 100 * H) } : {}),
          ...(o.fr === undefined ? {} : { firstResponseMet: o.fr }),
          ...(o.res === undefined ? {} : { resolutionMet: o.res }),
          reopenCount: o.reopened ? 1 : 0,
          createdById: who,
          createdAt: created,
        },
      });
      return w.id;
    };
    return {
      o1: await order({ community: c1.id, unit: U1.id, created: '2026-05-02', targetH: 32, doneH: 24, rating: 5, fr: true, res: true }),
      o2: await order({
        community: c1.id,
        unit: U2.id,
        created: '2026-05-03',
        targetH: 24,
        pausedH: 2,
        doneH: 38,
        rating: 3,
        fr: true,
        res: false,
        reopened: true,
      }),
      o3: await order({ community: c1.id, unit: null, created: '2026-05-10', targetH: 12, doneH: 6, fr: false, res: true }),
      o4: await order({ community: c1.id, unit: U3.id, created: '2026-05-20', targetH: 24, cancelled: true }),
      o5: await order({ community: c2.id, unit: U4.id, created: '2026-05-15', targetH: 48, doneH: 72, rating: 2, fr: true, res: false }),
      o6: await order({ community: c1.id, unit: U1.id, created: '2026-06-05', targetH: 24, doneH: 12, rating: 4, fr: true, res: true }),
      o7: await order({ community: c2.id, unit: U4.id, created: '2026-06-08', targetH: 24 }),
      bills,
    };
  });
  return { c1, c2, c3, b1, b2, U1, U2, U3, U4, ...orders };
}

describe.skipIf(!pgServerUrl())('reports: rates, service quality and the quarterly ranking (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Tenant;
  let B: Tenant;
  let f: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    f = await buildFixture(t, A);
  });
  afterAll(() => t?.drop());

  it('rates per month with mom and yoy, the range as one bucket, and communities ranked by 当期收缴率', async () => {
    const r = await A.as.reports.getRates({ tenant: A.slug, from: '2026-05', to: '2026-06' });
    expect(r).toMatchObject({ grain: 'month', cutoff: '2026-06-30', scope: { communityId: null, buildingId: null } });
    expect(r.rows.map((x) => [x.bucket.key, x.bucket.cutoff, x.bucket.closed])).toEqual([
      ['2026-05', '2026-05-31', false],
      ['2026-06', '2026-06-30', false],
    ]);
    const [may, june] = r.rows;
    // May: billed 4 × 10000; collected U1, U3, U4 (05-05) = 30000 (U2 pays on 06-03: June's
    // recovery); households 3 / 4; opening arrears U4's April 10000, recovered 05-05 → 1;
    // overall (30000 + 10000) / (40000 + 10000)
    expect(may!.figures.rates).toEqual({
      currentPeriod: { numeratorFen: 30000, denominatorFen: 40000, rate: 0.75 },
      household: { numerator: 3, denominator: 4, rate: 0.75 },
      arrearsRecovery: { numeratorFen: 10000, denominatorFen: 10000, rate: 1 },
      overall: { numeratorFen: 40000, denominatorFen: 50000, rate: 0.8 },
    });
    // June: collected U1 and U2 (06-03) = 20000 of 40000; households 2 / 4; opening U2's May
    // 10000, recovered 06-03; overall 30000 / 50000
    expect(june!.figures.rates).toEqual({
      currentPeriod: { numeratorFen: 20000, denominatorFen: 40000, rate: 0.5 },
      household: { numerator: 2, denominator: 4, rate: 0.5 },
      arrearsRecovery: { numeratorFen: 10000, denominatorFen: 10000, rate: 1 },
      overall: { numeratorFen: 30000, denominatorFen: 50000, rate: 0.6 },
    });
    // mom: May against April (30000 / 40000, 3 / 4, no opening arrears, overall 0.75)
    expect(may!.mom.currentPeriod).toBeCloseTo(0, 12);
    expect(may!.mom.household).toBeCloseTo(0, 12);
    expect(may!.mom.arrearsRecovery).toBeNull();
    expect(may!.mom.overall).toBeCloseTo(0.05, 12);
    expect(june!.mom.currentPeriod).toBeCloseTo(-0.25, 12);
    expect(june!.mom.household).toBeCloseTo(-0.25, 12);
    expect(june!.mom.arrearsRecovery).toBeCloseTo(0, 12);
    expect(june!.mom.overall).toBeCloseTo(-0.2, 12);
    // yoy: 2025-05 (U1 paid, U4 not: 0.5, 1 / 2, no arrears, 0.5); 2025-06 (all paid, U4's May
    // 10000 recovered: 1, 1, 1, 30000 / 30000)
    expect(may!.yoy.currentPeriod).toBeCloseTo(0.25, 12);
    expect(may!.yoy.household).toBeCloseTo(0.25, 12);
    expect(may!.yoy.arrearsRecovery).toBeNull();
    expect(may!.yoy.overall).toBeCloseTo(0.3, 12);
    expect(june!.yoy).toEqual({ currentPeriod: -0.5, household: -0.5, arrearsRecovery: 0, overall: expect.closeTo(-0.4, 12) as number });
    // The range as one bucket: May and June bills 80000; collected by 06-30 on them: U1 20000,
    // U2 20000, U3 10000, U4 10000 = 60000; opening arrears at 05-01: U4's April 10000, recovered
    expect(r.total.rates.currentPeriod).toEqual({ numeratorFen: 60000, denominatorFen: 80000, rate: 0.75 });
    expect(r.total.rates.arrearsRecovery).toEqual({ numeratorFen: 10000, denominatorFen: 10000, rate: 1 });
    // households over a range that is not a quarter or a year count unit-months as of 06-30: May
    // 4 of 4 (U2's May bill was paid 06-03), June 2 of 4 → 6 / 8 (the quarter test below counts units)
    expect(r.total.rates.household).toEqual({ numerator: 6, denominator: 8, rate: 0.75 });
    // Ranking over the range: C1 50000 / 60000, C2 10000 / 20000, C3 nothing billed (last)
    expect(
      r.ranking.map((c) => [c.communityId, c.rank, c.units, c.figures.rates.currentPeriod.numeratorFen, c.figures.rates.currentPeriod.denominatorFen]),
    ).toEqual([
      [f.c1.id, 1, 3, 50000, 60000],
      [f.c2.id, 2, 1, 10000, 20000],
      [f.c3.id, 3, 1, 0, 0],
    ]);
    // A range that has not begun has no bucket to read yet
    const future = await A.as.reports.getRates({ tenant: A.slug, from: '2099-01', to: '2099-02' });
    expect(future).toMatchObject({ buckets: [], rows: [], total: { billedFen: 0 } });
    expect((await A.as.reports.getQuality({ tenant: A.slug, from: '2099-01', to: '2099-02' })).total).toMatchObject({ orders: 0, units: 5 });
  });

  it('rates by quarter (its months’ bills, opening arrears at its first day) and for a building', async () => {
    const q = await A.as.reports.getRates({ tenant: A.slug, grain: 'quarter', from: '2026-05', to: '2026-05' });
    expect(q.buckets.map((b) => [b.key, b.firstMonth, b.lastMonth, b.cutoff])).toEqual([['2026-Q2', '2026-04', '2026-06', '2026-06-30']]);
    const [q2] = q.rows;
    // Q2: 12 bills = 120000; collected by 06-30: U1 30000, U2 30000, U3 20000, U4 20000 (its April
    // bill paid 05-05 is inside the quarter) = 100000; households with every Q2 bill paid: U1, U2
    expect(q2!.figures.rates).toEqual({
      currentPeriod: { numeratorFen: 100000, denominatorFen: 120000, rate: 100000 / 120000 },
      household: { numerator: 2, denominator: 4, rate: 0.5 },
      arrearsRecovery: { numeratorFen: 0, denominatorFen: 0, rate: null },
      overall: { numeratorFen: 100000, denominatorFen: 120000, rate: 100000 / 120000 },
    });
    // Q1 has no bills (mom null); 2025-Q2: 40000 billed, all paid by 2025-06-30
    expect(q2!.mom).toEqual({ currentPeriod: null, household: null, arrearsRecovery: null, overall: null });
    expect(q2!.yoy.currentPeriod).toBeCloseTo(100000 / 120000 - 1, 12);
    expect(q2!.yoy.household).toBeCloseTo(-0.5, 12);

    // Building B1 (U1, U2), June: 20000 billed, both paid (U2 on 06-03); opening U2's May 10000, recovered
    const b = await A.as.reports.getRates({ tenant: A.slug, from: '2026-06', to: '2026-06', scope: { buildingId: f.b1.id } });
    expect(b.scope).toEqual({ communityId: f.c1.id, communityName: f.c1.name, buildingId: f.b1.id, buildingName: '1号楼' });
    expect(b.rows[0]!.figures.rates).toEqual({
      currentPeriod: { numeratorFen: 20000, denominatorFen: 20000, rate: 1 },
      household: { numerator: 2, denominator: 2, rate: 1 },
      arrearsRecovery: { numeratorFen: 10000, denominatorFen: 10000, rate: 1 },
      overall: { numeratorFen: 30000, denominatorFen: 30000, rate: 1 },
    });
    expect(b.ranking.map((c) => [c.communityId, c.units, c.rank])).toEqual([[f.c1.id, 2, 1]]);
  });

  it('service quality per month, for the company, a community and a building, with the index', async () => {
    const r = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-06' });
    const may = r.rows[0]!.quality;
    // May: o1..o5. Ratings 5, 3, 2; FR decided o1 o2 o3 o5 (3 met); resolution decided o1 o2 o3 o5
    // (o1, o3 met); resolved o1 o2 o3 o5 (o2 reopened); o4 cancelled of 5; times 24, 36, 6, 72 h →
    // median 30 h; ratios 24/32, 36/24, 6/12, 72/48 = 0.75, 1.5, 0.5, 1.5 → median 1.125; 5 units
    expect(may).toMatchObject({
      orders: 5,
      ratings: 3,
      csatShare: 1 / 3,
      firstResponseDecided: 4,
      firstResponseShare: 0.75,
      resolutionDecided: 4,
      resolutionShare: 0.5,
      resolved: 4,
      reopenRate: 0.25,
      cancelled: 1,
      cancellationRate: 0.2,
      medianResolveHours: 30,
      medianResolveRatio: 1.125,
      units: 5,
      ordersPer100Units: 100,
    });
    expect(may.meanRating).toBeCloseTo(10 / 3, 12);
    // index, weights all 1: rating 25 × (10/3 − 1), CSAT 33.3, FR 75, resolution 50, reopen 75,
    // cancellation 80, resolve time 100 ÷ 1.125
    expect(may.index.componentsUsed).toBe(7);
    expect(may.index.index).toBeCloseTo((25 * (10 / 3 - 1) + 100 / 3 + 75 + 50 + 75 + 80 + 100 / 1.125) / 7, 9);
    expect(may.index.scores.resolveTime).toBeCloseTo(100 / 1.125, 9);
    // June: o6 (★4, met both, 12 h of 24) and o7 (open)
    expect(r.rows[1]!.quality).toMatchObject({
      orders: 2,
      ratings: 1,
      meanRating: 4,
      csatShare: 1,
      firstResponseShare: 1,
      resolutionShare: 1,
      reopenRate: 0,
      cancellationRate: 0,
      medianResolveHours: 12,
      medianResolveRatio: 0.5,
    });
    expect(r.rows[1]!.quality.index.index).toBeCloseTo((75 + 100 * 6) / 7, 9);
    // The range: C1 (o1 o2 o3 o4 o6): ★ 5 3 4, FR 3 / 4, resolution 3 / 4, reopen 1 / 4, cancelled
    // 1 / 5, ratios 0.5 0.5 0.75 1.5 → 0.625 (score 100) → (75 + 66.7 + 75 + 75 + 75 + 80 + 100) / 7;
    // C2 (o5 o7): ★2, FR 1 / 1, resolution 0 / 1, reopen 0, cancelled 0, ratio 1.5 → (25 + 0 + 100 + 0 + 100 + 100 + 66.7) / 7; C3 none
    const c1Index = (75 + 200 / 3 + 75 + 75 + 75 + 80 + 100) / 7;
    const c2Index = (25 + 0 + 100 + 0 + 100 + 100 + 100 / 1.5) / 7;
    expect(r.ranking.map((c) => [c.communityId, c.rank])).toEqual([
      [f.c1.id, 1],
      [f.c2.id, 2],
      [f.c3.id, 3],
    ]);
    expect(r.ranking[0]!.quality.index.index).toBeCloseTo(c1Index, 9);
    expect(r.ranking[0]!.quality).toMatchObject({ orders: 5, medianResolveHours: 18, medianResolveRatio: 0.625, units: 3 });
    expect(r.ranking[1]!.quality.index.index).toBeCloseTo(c2Index, 9);
    expect(r.ranking[2]!.quality).toMatchObject({ orders: 0, units: 1, index: { index: null, componentsUsed: 0 } });
    expect(r.total.orders).toBe(7);

    // Community C1 in May: o1..o4 (the common-area o3 counts for its community)
    const c1 = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-05', scope: { communityId: f.c1.id } });
    expect(c1.rows[0]!.quality).toMatchObject({
      orders: 4,
      ratings: 2,
      meanRating: 4,
      csatShare: 0.5,
      medianResolveHours: 24,
      medianResolveRatio: 0.75,
      units: 3,
      ordersPer100Units: 400 / 3,
    });
    expect(c1.rows[0]!.quality.index.index).toBeCloseTo((75 + 50 + 200 / 3 + 200 / 3 + 200 / 3 + 75 + 100) / 7, 9);
    // Building B1 in May: o1 and o2 only (o3 has no unit, o4 is U3's in B2)
    const b1 = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-05', scope: { buildingId: f.b1.id } });
    expect(b1.rows[0]!.quality).toMatchObject({
      orders: 2,
      meanRating: 4,
      firstResponseShare: 1,
      resolutionShare: 0.5,
      reopenRate: 0.5,
      cancellationRate: 0,
      medianResolveHours: 30,
      medianResolveRatio: 1.125,
      units: 2,
    });
  });

  it('the company’s weights change the index and the rankings; the quarterly ranking orders by the mean of the two ranks', async () => {
    expect((await A.as.reports.getWeights({ tenant: A.slug })).weights).toEqual({
      rating: 1,
      csat: 1,
      firstResponse: 1,
      resolution: 1,
      reopen: 1,
      cancellation: 1,
      resolveTime: 1,
    });
    const q = await A.as.reports.getQuarterRanking({ tenant: A.slug, quarter: '2026-Q2' });
    // Q2 collection: C1 80000 / 90000, C2 20000 / 30000; quality as over May–June (no April orders)
    expect(q.rows.map((r) => [r.communityId, r.qualityRank, r.collectionRank, r.overallRank, r.collectedFen, r.billedFen])).toEqual([
      [f.c1.id, 1, 1, 1, 80000, 90000],
      [f.c2.id, 2, 2, 2, 20000, 30000],
      [f.c3.id, null, null, 3, 0, 0],
    ]);
    expect(q.rows[0]!.qualityIndex).toBeCloseTo((75 + 200 / 3 + 75 + 75 + 75 + 80 + 100) / 7, 9);

    // First response and cancellation only: C1 (75 + 80) / 2 = 77.5, C2 (100 + 100) / 2 = 100
    await A.as.reports.setWeights({ tenant: A.slug, rating: 0, csat: 0, firstResponse: 1, resolution: 0, reopen: 0, cancellation: 1, resolveTime: 0 });
    const audit = await A.as.company.listAudit({ tenant: A.slug, action: 'qualityWeights.set' });
    expect(audit.rows[0]!.after).toMatchObject({ firstResponse: 1, cancellation: 1, rating: 0 });
    const quality = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-06' });
    expect(quality.weights).toMatchObject({ firstResponse: 1, rating: 0 });
    expect(quality.ranking.map((c) => [c.communityId, c.rank, c.quality.index.index, c.quality.index.componentsUsed])).toEqual([
      [f.c2.id, 1, 100, 2],
      [f.c1.id, 2, 77.5, 2],
      [f.c3.id, 3, null, 0],
    ]);
    // Now quality ranks C2 1, C1 2 and collection C1 1, C2 2: both mean 1.5, C1 first on its rate
    const q2 = await A.as.reports.getQuarterRanking({ tenant: A.slug, quarter: '2026-Q2' });
    expect(q2.rows.map((r) => [r.communityId, r.qualityRank, r.collectionRank, r.overallRank])).toEqual([
      [f.c1.id, 2, 1, 1],
      [f.c2.id, 1, 2, 2],
      [f.c3.id, null, null, 3],
    ]);
    await A.as.reports.setWeights({ tenant: A.slug, rating: 1, csat: 1, firstResponse: 1, resolution: 1, reopen: 1, cancellation: 1, resolveTime: 1 });
    expect(
      await code(A.as.reports.setWeights({ tenant: A.slug, rating: 0, csat: 0, firstResponse: 0, resolution: 0, reopen: 0, cancellation: 0, resolveTime: 0 })),
    ).toBe('BAD_REQUEST');
  });

  it('executives read every report but set no weights; cashiers, staff and residents are refused; another company gets NOT_FOUND', async () => {
    const exec = callerFor(t.db, await addMember(t.db, A.tenant.id, 'EXECUTIVE'));
    const range = { tenant: A.slug, from: '2026-06', to: '2026-06' };
    expect((await exec.reports.getRates(range)).rows[0]!.figures.billedFen).toBe(40000);
    expect((await exec.reports.getQuality(range)).rows[0]!.quality.orders).toBe(2);
    expect((await exec.reports.getQuarterRanking({ tenant: A.slug, quarter: '2026-Q2' })).rows).toHaveLength(3);
    expect(await code(exec.reports.getWeights({ tenant: A.slug }))).toBe('OK');
    const weights = { tenant: A.slug, rating: 1, csat: 1, firstResponse: 1, resolution: 1, reopen: 1, cancellation: 1, resolveTime: 2 };
    expect(await code(exec.reports.setWeights(weights))).toBe('FORBIDDEN');
    for (const role of ['CASHIER', 'STAFF', 'RESIDENT'] as const) {
      const who = callerFor(t.db, await addMember(t.db, A.tenant.id, role));
      expect(await code(who.reports.getRates(range)), role).toBe('FORBIDDEN');
      expect(await code(who.reports.getQuality(range)), role).toBe('FORBIDDEN');
      expect(await code(who.reports.getQuarterRanking({ tenant: A.slug, quarter: '2026-Q2' })), role).toBe('FORBIDDEN');
    }
    const inB = { tenant: B.slug, from: '2026-06', to: '2026-06' };
    expect(await code(B.as.reports.getRates({ ...inB, scope: { communityId: f.c1.id } }))).toBe('NOT_FOUND');
    expect(await code(B.as.reports.getQuality({ ...inB, scope: { buildingId: f.b1.id } }))).toBe('NOT_FOUND');
    expect(await code(B.as.reports.getRates(range))).toBe('NOT_FOUND');
    // B's own company holds nothing of A's
    const own = await B.as.reports.getQuarterRanking({ tenant: B.slug, quarter: '2026-Q2' });
    expect(own.rows).toEqual([]);
    expect((await B.as.reports.getQuality(inB)).total.orders).toBe(0);
  });

  it('a closed month shows the rates and quality figures its close published, with the index of today’s weights', async () => {
    await A.as.collection.closePeriod({ tenant: A.slug, period: '2026-05' });
    // After the close: a waiver of 5000 on U3's May bill back-dated to 05-25, and o2 re-rated ★5
    await withTenant(t.db.prisma, A.tenant.id, async (db) => {
      await db.adjustment.create({
        data: {
          tenantId: A.tenant.id,
          billId: f.bills.get(`${f.U3.id}:2026-05`)!,
          kind: 'WAIVER',
          amountFen: 5000,
          reason: 'late',
          status: 'APPROVED',
          requestedById: A.admin.id,
          decidedById: A.admin.id,
          decidedAt: new Date(),
          effectiveOn: dateColumn('2026-05-25'),
        },
      });
      await db.workOrder.updateMany({ where: { tenantId: A.tenant.id, id: f.o2 }, data: { rating: 5 } });
    });
    const r = await A.as.reports.getRates({ tenant: A.slug, from: '2026-05', to: '2026-06' });
    expect(r.rows[0]!.bucket).toMatchObject({ key: '2026-05', closed: true });
    // May as published (40000 billed), though recomputed it would read 35000
    expect(r.rows[0]!.figures.rates.currentPeriod).toEqual({ numeratorFen: 30000, denominatorFen: 40000, rate: 0.75 });
    expect(r.rows[1]!.mom.currentPeriod).toBeCloseTo(-0.25, 12);
    // the range (May–June, not one closed month) is computed: 80000 − 5000 billed
    expect(r.total.rates.currentPeriod.denominatorFen).toBe(75000);
    const one = await A.as.reports.getRates({ tenant: A.slug, from: '2026-05', to: '2026-05', scope: { communityId: f.c1.id } });
    // C1's May as published: U1, U2, U3 30000 billed; U1, U3 paid
    expect(one.total.rates.currentPeriod).toEqual({ numeratorFen: 20000, denominatorFen: 30000, rate: 2 / 3 });
    expect(one.ranking.map((c) => [c.communityId, c.figures.rates.currentPeriod.denominatorFen])).toEqual([[f.c1.id, 30000]]);

    // Quality: May frozen with o2's ★3 (mean 10/3), June live
    const q = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-05' });
    expect(q.rows[0]!.quality.meanRating).toBeCloseTo(10 / 3, 12);
    expect(q.total.meanRating).toBeCloseTo(10 / 3, 12);
    expect(q.ranking.map((c) => [c.communityId, c.quality.orders, c.quality.meanRating])).toEqual([
      [f.c1.id, 4, 4],
      [f.c2.id, 1, 2],
      [f.c3.id, 0, null],
    ]);
    const b1 = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-05', scope: { buildingId: f.b1.id } });
    expect(b1.rows[0]!.quality).toMatchObject({ orders: 2, meanRating: 4, medianResolveRatio: 1.125 });
    // the frozen figures take the index with the weights of the day
    await A.as.reports.setWeights({ tenant: A.slug, rating: 1, csat: 0, firstResponse: 0, resolution: 0, reopen: 0, cancellation: 0, resolveTime: 0 });
    const w = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-05' });
    expect(w.rows[0]!.quality.index.index).toBeCloseTo(25 * (10 / 3 - 1), 9);

    // A month closed before quality was published (version 2) is computed like an open one: ★ 5 5 2
    await withTenant(
      t.db.prisma,
      A.tenant.id,
      (db) =>
        db.$executeRaw`update "PeriodClose" set figures = (figures - 'quality') || '{"version": 2}'::jsonb where "tenantId" = ${A.tenant.id} and period = '2026-05'`,
    );
    const old = await A.as.reports.getQuality({ tenant: A.slug, from: '2026-05', to: '2026-05' });
    expect(old.rows[0]!.quality.meanRating).toBe(4);
    expect((await A.as.reports.getRates({ tenant: A.slug, from: '2026-05', to: '2026-05' })).total.billedFen).toBe(40000);
  });
});
