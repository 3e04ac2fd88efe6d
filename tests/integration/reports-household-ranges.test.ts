import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { makeTenant, uniq } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import type { TenantDb } from '@/server/db/tenant';
import { withScope } from '@/server/db/scope';
import { dateColumn, addDays, addMonths, periodBounds } from '@/server/shared/calendar';
import { mulberry32 } from '@/server/shared/statistics';
import { rollupParts, rangeKeyOf } from '@/server/reports/figures';
import { summaryParts, sumParts } from '@/server/collection/summary';
import { EMPTY_PARTS } from '@/server/collection/rates';
import { ratesReport } from '@/server/reports/rates-report';
import { ZReportRange } from '@/server/shared/schemas/reports';
import { recordPayment } from '@/server/payments/record-payment';
import { ZRecordPayment } from '@/server/shared/schemas/payments';
import { experienceWindow, householdSegments } from '@/server/reports/relationship';
import { makeBucket } from '@/server/reports/periods';
import { Prisma } from '@/server/db/generated/client';
import { qualityByBucket } from '@/server/reports/quality';
import { DEFAULT_QUALITY_WEIGHTS } from '@/server/shared/quality-index';

// Households over quarters and years (#16, migration *_report_household_ranges): the fold keeps
// each unit's quarter and year state beside its months', and a quarter's or year's 户数缴费率 sums
// those rows. Checked against (a) the per-unit computation over UnitPeriodEvent the reports ran
// before (copied below as it was) and (b) the row-by-row statement (summaryParts, the oracle),
// on random ledgers changed batch by batch; and read at once after a change (never stale).

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
const TZ = 'Asia/Shanghai';
const at = (ymd: string, hm = '10:00') => new Date(`${ymd}T${hm}:00+08:00`);
const PERIODS = Array.from({ length: 12 }, (_, i) => addMonths('2025-10', i)); // 2025-10 … 2026-09
const RANGES = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2025', '2026'];
/** First and last month of a quarter or year key. */
function rangeMonths(rk: string) {
  if (rk.length === 4) return { fm: `${rk}-01`, lm: `${rk}-12` };
  const fm = addMonths(`${rk.slice(0, 4)}-01`, (Number(rk.slice(6)) - 1) * 3);
  return { fm, lm: addMonths(fm, 2) };
}

/** The per-unit count the reports ran before the range rows (figures.ts, households over several months). */
async function perUnitBefore(db: TenantDb, tenantId: string, fm: string, lm: string, asOf: string) {
  return db.$queryRaw<{ c: string; b: string; ub: bigint; uu: bigint }[]>`
    with st as (
      select e."unitId", e."communityId" as c, e."buildingId" as b, e."period",
             sum(e."billed") > 0 as billed, sum(e."unpaid") > 0 as unpaid
      from "UnitPeriodEvent" e
      where e."tenantId" = ${tenantId} and e."period" between ${fm} and ${lm} and e."day" <= ${asOf}::date
      group by 1, 2, 3, 4
    ),
    u as (select "unitId", c, b, bool_or(billed) as billed, bool_or(unpaid) as unpaid from st group by 1, 2, 3)
    select c, b, count(*) filter (where billed)::bigint as ub, count(*) filter (where billed and unpaid)::bigint as uu
    from u group by 1, 2`;
}

/** The household segments as the relationship section computed them before (relationship.ts, copied as it was). */
async function segmentsBefore(
  db: TenantDb,
  p: {
    tenantId: string;
    timeZone: string;
    scope: { communityId?: string; buildingId?: string };
    fm: string;
    lm: string;
    cutoff: string;
    from: string;
    to: string;
  },
) {
  const { scope } = p;
  const rows = await db.$queryRaw<{ segment: string; units: number; paid: number }[]>`
    with state as (
      select e."unitId" as unit_id, e."period", sum(e."billed") > 0 as billed, sum(e."unpaid") > 0 as unpaid
      from "UnitPeriodEvent" e
      where e."tenantId" = ${p.tenantId} and e."period" between ${p.fm} and ${p.lm} and e."day" <= ${p.cutoff}::date
        ${scope.communityId ? Prisma.sql`and e."communityId" = ${scope.communityId}` : Prisma.empty}
        ${scope.buildingId ? Prisma.sql`and e."buildingId" = ${scope.buildingId}` : Prisma.empty}
      group by 1, 2
    ),
    billed as (select unit_id, not bool_or(billed and unpaid) as paid from state where billed group by unit_id),
    experience as (
      select w."unitId" as unit_id,
        bool_or(coalesce(w."rating" <= 2, false) or w."reopenCount" > 0 or w."firstResponseMet" is false or w."resolutionMet" is false) as bad,
        bool_and(coalesce(w."rating" >= 4, true)) as rated_well
      from "WorkOrder" w
      where w."tenantId" = ${p.tenantId} and w."unitId" in (select unit_id from billed)
        and w."period" between ${p.from} and ${p.to}
        and (w."createdAt" at time zone ${p.timeZone})::date <= ${p.cutoff}::date
      group by w."unitId"
    )
    select case when e.unit_id is null then 'none' when e.bad then 'bad' when e.rated_well then 'good' else 'neither' end as segment,
      count(*)::int as units, count(*) filter (where u.paid)::int as paid
    from billed u left join experience e on e.unit_id = u.unit_id
    group by 1`;
  const out: Record<string, { units: number; paid: number }> = {
    good: { units: 0, paid: 0 },
    bad: { units: 0, paid: 0 },
    none: { units: 0, paid: 0 },
    neither: { units: 0, paid: 0 },
  };
  for (const r of rows) out[r.segment] = { units: Number(r.units), paid: Number(r.paid) };
  return out;
}

describe('reports: households over quarters and years from the range rollups', () => {
  let t: TestDatabase;
  let T: Tenant;
  let tenantId: string;
  const units: { id: string; communityId: string; buildingId: string }[] = [];
  let counting: string;
  let beside: string;
  const bills: { id: string; unit: string; period: string; amount: number; counts: boolean }[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    T = await makeTenant(t.db, 'Ranges Co');
    tenantId = T.tenant.id;
    const { slug } = T;
    for (const c of ['东区', '西区']) {
      const community = await T.as.property.createCommunity({ tenant: slug, name: uniq(c) });
      for (const bn of ['1号楼', '2号楼']) {
        const building = await T.as.property.createBuilding({ tenant: slug, communityId: community.id, name: bn });
        for (const n of ['101', '102', '201']) {
          const u = await T.as.property.createUnit({ tenant: slug, buildingId: building.id, number: n, floor: 1, area: '80.00' });
          units.push({ id: u.id, communityId: community.id, buildingId: building.id });
        }
      }
    }
    const ids = [...new Set(units.map((u) => u.communityId))];
    await withTenant(t.db.prisma, tenantId, async (db) => {
      counting = (await db.feeItem.create({ data: { tenantId, name: '物业费', calc: 'PER_AREA', communityIds: ids } })).id;
      beside = (await db.feeItem.create({ data: { tenantId, name: '装修押金', calc: 'PER_AREA', communityIds: ids, countsInRate: false } })).id;
    });
  }, 60_000);
  afterAll(() => t?.drop());

  /** One batch of random changes in one transaction (folded at its commit): bills, payments, reversals, waivers, voids. */
  const batch = (random: () => number) =>
    withTenant(t.db.prisma, tenantId, async (db) => {
      const pick = <X>(xs: readonly X[]) => xs[Math.floor(random() * xs.length)]!;
      const who = T.admin.id;
      for (let i = 0; i < 14; i++) {
        const u = pick(units);
        const period = pick(PERIODS);
        const counts = random() < 0.85;
        if (bills.some((b) => b.unit === u.id && b.period === period && b.counts === counts)) continue;
        const amount = 1000 * (1 + Math.floor(random() * 9));
        const b = await db.bill.create({
          data: {
            tenantId,
            kind: 'REGULAR',
            objectKind: 'UNIT',
            objectId: u.id,
            unitId: u.id,
            payerKind: 'UNIT',
            payerId: u.id,
            feeItemId: counts ? counting : beside,
            period,
            amountFen: amount,
            dueDate: dateColumn(`${period}-15`),
            createdById: who,
            createdAt: at(`${period}-01`, '09:00'),
          },
        });
        bills.push({ id: b.id, unit: u.id, period, amount, counts });
      }
      for (let i = 0; i < 12; i++) {
        const b = pick(bills);
        const fresh = await db.bill.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: b.id } } });
        if (fresh.voidedAt) continue;
        const day = addDays(periodBounds(b.period).first, Math.floor(random() * 200));
        const r = random();
        if (r < 0.08) {
          await db.bill.update({ where: { tenantId_id: { tenantId, id: b.id } }, data: { voidedAt: at(day), voidReason: 'test' } });
          continue;
        }
        if (r < 0.16) {
          await db.adjustment.create({
            data: {
              tenantId,
              billId: b.id,
              kind: 'WAIVER',
              amountFen: Math.ceil(b.amount / 2),
              reason: 'test',
              status: 'APPROVED',
              requestedById: who,
              effectiveOn: dateColumn(day),
            },
          });
          continue;
        }
        const amountFen = random() < 0.7 ? b.amount : Math.ceil(b.amount / 3);
        const p = await db.payment.create({
          data: {
            tenantId,
            kind: 'PAYMENT',
            method: 'CASH',
            payerKind: 'UNIT',
            payerId: b.unit,
            amountFen,
            receivedOn: dateColumn(day),
            countedOn: dateColumn(day),
            enteredAt: at(day),
            enteredById: who,
          },
        });
        await db.paymentAllocation.create({ data: { tenantId, paymentId: p.id, billId: b.id, amountFen, createdAt: at(day) } });
        if (random() < 0.15) {
          // reversed (红冲) some days later
          const back = addDays(day, 1 + Math.floor(random() * 40));
          const rv = await db.payment.create({
            data: {
              tenantId,
              kind: 'REVERSAL',
              method: 'CASH',
              payerKind: 'UNIT',
              payerId: b.unit,
              amountFen,
              receivedOn: dateColumn(back),
              countedOn: dateColumn(back),
              enteredAt: at(back),
              enteredById: who,
              reversesId: p.id,
            },
          });
          await db.paymentAllocation.create({ data: { tenantId, paymentId: rv.id, billId: b.id, amountFen: -amountFen, createdAt: at(back) } });
        }
      }
    });

  it('a quarter or a year counts the same households as the per-unit computation and the row-by-row statement, batch after batch', async () => {
    const random = mulberry32(16);
    let compared = 0;
    let paidSomewhere = false;
    for (let round = 0; round < 5; round++) {
      await batch(random);
      if (round === 2) {
        // a unit moves to a building of the other community: all its bills are folded again
        const moved = units[1]!;
        const to = units.find((u) => u.communityId !== moved.communityId)!;
        await withTenant(t.db.prisma, tenantId, (db) =>
          db.unit.update({
            where: { tenantId_id: { tenantId, id: moved.id } },
            data: { communityId: to.communityId, buildingId: to.buildingId, number: '902' },
          }),
        );
        units[1] = { ...moved, communityId: to.communityId, buildingId: to.buildingId };
      }
      await withTenant(t.db.prisma, tenantId, async (db) => {
        for (const rk of RANGES) {
          const { fm, lm } = rangeMonths(rk);
          expect(rangeKeyOf(fm, lm)).toBe(rk);
          const first = periodBounds(fm).first;
          const last = periodBounds(lm).last;
          // a day inside the range, its last day, a day after it
          for (const D of [addDays(first, Math.floor(random() * 80)), last, addDays(last, 1 + Math.floor(random() * 60))]) {
            const cut = D < last ? D : last;
            const rolled = await rollupParts(db, {
              tenantId,
              scope: {},
              buckets: [{ key: rk, firstMonth: fm, lastMonth: lm, cutoff: cut, asOf: D }],
              levels: ['scope', 'communities', 'buildings'],
            });
            // (a) the per-unit computation, at every level
            const before = await perUnitBefore(db, tenantId, fm, lm, D);
            const sum = (f: (r: (typeof before)[number]) => boolean) =>
              before.filter(f).reduce((a, r) => ({ ub: a.ub + Number(r.ub), uu: a.uu + Number(r.uu) }), { ub: 0, uu: 0 });
            const counted = (c: string, b: string) => {
              const r = rolled.find((x) => x.communityId === c && x.buildingId === b);
              return { ub: r?.parts.unitsBilled ?? 0, uu: (r?.parts.unitsBilled ?? 0) - (r?.parts.unitsPaid ?? 0) };
            };
            expect(counted('*', '*'), `${rk} as of ${D}: company`).toEqual(sum(() => true));
            for (const c of new Set(units.map((u) => u.communityId))) {
              expect(counted(c, '*'), `${rk} as of ${D}: community`).toEqual(sum((r) => r.c === c));
              for (const b of new Set(units.filter((u) => u.communityId === c).map((u) => u.buildingId)))
                expect(counted(c, b), `${rk} as of ${D}: building`).toEqual(sum((r) => r.c === c && r.b === b));
            }
            // (b) the row-by-row statement: every part, company and buildings
            const oracle = await summaryParts(db, { tenantId, timeZone: TZ, period: fm, lastPeriod: lm, cutoff: D });
            expect(rolled.find((r) => r.communityId === '*')?.parts ?? EMPTY_PARTS, `${rk} as of ${D}: company parts`).toEqual(sumParts(oracle));
            for (const o of oracle) {
              const { communityId, buildingId, ...parts } = o;
              const r = rolled.find((x) => x.communityId === communityId && x.buildingId === (buildingId ?? ''));
              expect(r?.parts ?? EMPTY_PARTS, `${rk} as of ${D}: building parts`).toEqual(parts);
            }
            const company = sumParts(oracle);
            if (company.unitsPaid > 0 && company.unitsPaid < company.unitsBilled) paidSomewhere = true;
            compared++;
          }
        }
      });
    }
    expect(compared).toBe(5 * RANGES.length * 3);
    // the histories are not trivial: some range has both paid and unpaid households
    expect(paidSomewhere).toBe(true);
    // and the range rows exist (the figures above come from them, not from a fallback)
    const rows = await withTenant(
      t.db.prisma,
      tenantId,
      (db) => db.$queryRaw<{ n: number }[]>`select count(*)::int as n from "RateMonth" where "tenantId" = ${tenantId} and "period" in ('2026-Q1', '2026')`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  }, 240_000);

  it('the folded household rows are what the general computation gives from the ledger, and what a rebuild writes', async () => {
    // The fold knows a fresh unpaid bill's month, quarter and year state without reading
    // (*_rollup_unpaid_fast_path); the general functions compute every pair from the events.
    // After the random batches above (fresh bills, some paid in their own transaction, voids,
    // waivers, a unit moved), the rows must be the same either way.
    await batch(mulberry32(160));
    const owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    try {
      const q = async (sql: string) => (await owner.query(sql, [tenantId])).rows;
      const months = `select "unitId", period, day::text, "communityId", "buildingId", billed, unpaid from "UnitPeriodEvent" where "tenantId" = $1 order by 1, 2, 3`;
      const ranges = `select "unitId", "rangeKey", day::text, "communityId", "buildingId", billed, unpaid from "UnitRangeEvent" where "tenantId" = $1 order by 1, 2, 3, 4, 5`;
      const folded = { months: await q(months), ranges: await q(ranges) };
      // the known path was taken: unpaid months and ranges whose one row is the origin's
      const known = folded.ranges.filter((r) => r.day === '0001-01-01' && r.billed === 1 && r.unpaid === 1).length;
      expect(known).toBeGreaterThan(0);
      expect(folded.months.length).toBeGreaterThan(units.length);
      const computed = {
        months: await q(`
          with pr as (select "unitId" as u, period as per from "BillEvent" where "tenantId" = $1 and "unitId" <> '' and counts group by 1, 2)
          select "unitId", period, day::text, "communityId", "buildingId", billed, unpaid
          from linli_unit_events($1, (select array_agg(u order by u, per) from pr), (select array_agg(per order by u, per) from pr))
          order by 1, 2, 3`),
        ranges: await q(`
          with pr as (
            select distinct e."unitId" as u, r.rk from "UnitPeriodEvent" e cross join lateral unnest(linli_period_ranges(e.period)) as r(rk)
            where e."tenantId" = $1
          )
          select "unitId", "rangeKey", day::text, "communityId", "buildingId", billed, unpaid
          from linli_unit_range_events($1, (select array_agg(u order by u, rk) from pr), (select array_agg(rk order by u, rk) from pr))
          order by 1, 2, 3, 4, 5`),
      };
      expect(folded).toEqual(computed);
      const rates = `select "communityId", "buildingId", period, counts, day::text, "unitsBilled", "unitsUnpaid", "grossFen"::text, "paidFen"::text, "outstandingFen"::text
        from "RateDay" where "tenantId" = $1 and ("grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid") <> (0, 0, 0, 0, 0, 0)
        order by 1, 2, 3, 4, 5`;
      // a fresh bill's origin event, taken from the bill, is what the ledger gives (the rebuild
      // derives every bill's events from it)
      const events = `select "billId", day::text, "communityId", "buildingId", "unitId", period, counts, "grossFen", "adjustedFen", "paidFen", "outstandingFen"
        from "BillEvent" where "tenantId" = $1 order by "billId", day`;
      const foldedRates = await q(rates);
      const foldedEvents = await q(events);
      await owner.query('select 1 from linli_rollup_rebuild($1)', [tenantId]);
      expect({ months: await q(months), ranges: await q(ranges), rates: await q(rates), events: await q(events) }).toEqual({
        ...folded,
        rates: foldedRates,
        events: foldedEvents,
      });
    } finally {
      await owner.end();
    }
  }, 120_000);

  it('the household segments count as the former statement did, on random ledgers and work orders', async () => {
    const random = mulberry32(61);
    const pick = <X>(xs: readonly X[]) => xs[Math.floor(random() * xs.length)]!;
    await withTenant(t.db.prisma, tenantId, async (db) => {
      const category = await db.serviceCategory.create({ data: { tenantId, name: '维修' } });
      for (let n = 1; n <= 60; n++) {
        const u = pick(units);
        const day = addDays(periodBounds(pick(PERIODS)).first, Math.floor(random() * 28));
        const created = at(day, random() < 0.5 ? '09:00' : '23:30');
        const r = random();
        await db.workOrder.create({
          data: {
            tenantId,
            number: n,
            communityId: u.communityId,
            unitId: random() < 0.1 ? null : u.id,
            categoryId: category.id,
            text: '报修',
            period: day.slice(0, 7),
            status: r < 0.1 ? 'CANCELLED' : 'CLOSED',
            ...(r < 0.1 ? {} : { completedAt: new Date(created.getTime() + Math.floor(random() * 50) * 3_600_000) }),
            firstResponseDueAt: new Date(created.getTime() + 3_600_000),
            resolveDueAt: new Date(created.getTime() + 86_400_000),
            ...(r < 0.6 ? { rating: 1 + Math.floor(random() * 5), ratedAt: new Date(created.getTime() + 90_000_000) } : {}),
            ...(random() < 0.8 ? { firstResponseMet: random() < 0.8 } : {}),
            ...(random() < 0.8 ? { resolutionMet: random() < 0.8 } : {}),
            reopenCount: random() < 0.1 ? 1 : 0,
            createdById: T.admin.id,
            createdAt: created,
          },
        });
      }
    });
    const seen = new Set<string>();
    await withTenant(t.db.prisma, tenantId, async (db) => {
      for (const key of [...PERIODS, ...RANGES]) {
        for (const scope of [{}, { communityId: units[0]!.communityId }, { buildingId: units[4]!.buildingId }]) {
          const first = makeBucket(key, '2099-12-31', new Set());
          const D = random() < 0.5 ? first.lastDay : addDays(first.firstDay, Math.floor(random() * 60));
          const bucket = makeBucket(key, D, new Set());
          const window = experienceWindow(bucket.cutoff);
          const now = await householdSegments(db, { tenantId, timeZone: TZ, scope, bucket, ...window });
          const before = await segmentsBefore(db, {
            tenantId,
            timeZone: TZ,
            scope,
            fm: bucket.firstMonth,
            lm: bucket.lastMonth,
            cutoff: bucket.cutoff,
            from: window.experienceFrom,
            to: window.experienceTo,
          });
          expect(now, `${key} as of ${bucket.cutoff} ${JSON.stringify(scope)}`).toEqual(before);
          for (const [k, v] of Object.entries(now)) if (v.units > 0) seen.add(v.paid > 0 && v.paid < v.units ? `${k}:mixed` : k);
        }
      }
    });
    // every segment met, some with paid and unpaid households side by side
    for (const k of ['good', 'bad', 'none']) expect(seen.has(k) || seen.has(`${k}:mixed`), k).toBe(true);
    expect([...seen].some((k) => k.endsWith(':mixed'))).toBe(true);

    // The relationship and the quarterly ranking read only the communities' index: computed
    // without the scope level and the median time, it is the same index as the full statement's.
    await withTenant(t.db.prisma, tenantId, async (db) => {
      const buckets = [...PERIODS.map((k) => makeBucket(k, '2099-12-31', new Set()))];
      const q = {
        tenantId,
        timeZone: TZ,
        scope: {},
        buckets,
        perCommunity: true,
        weights: DEFAULT_QUALITY_WEIGHTS,
        total: { key: 'total', perCommunity: true },
      };
      const full = await qualityByBucket(db, q);
      const lean = await qualityByBucket(db, { ...q, scopeLevel: false, medians: 'ratio' });
      let withResolveScore = 0;
      for (const key of [...PERIODS, 'total'])
        for (const c of new Set(units.map((u) => u.communityId))) {
          expect(lean.get(key)?.get(c)?.index, `${key} ${c}`).toEqual(full.get(key)?.get(c)?.index);
          if (full.get(key)?.get(c)?.medianResolveRatio != null) withResolveScore++;
        }
      expect(withResolveScore).toBeGreaterThan(3);
    });
  }, 120_000);

  it('a payment is in the quarter’s and year’s household figures as soon as it commits, and in its own transaction before that', async () => {
    // a new unit with one counting bill in each month of 2026-Q3, all unpaid
    const { buildingId } = units[0]!;
    const u = { id: (await T.as.property.createUnit({ tenant: T.slug, buildingId, number: '301', floor: 3, area: '80.00' })).id, buildingId };
    const Q3 = ['2026-07', '2026-08', '2026-09'];
    await withTenant(t.db.prisma, tenantId, async (db) => {
      for (const period of Q3)
        await db.bill.create({
          data: {
            tenantId,
            kind: 'REGULAR',
            objectKind: 'UNIT',
            objectId: u.id,
            unitId: u.id,
            payerKind: 'UNIT',
            payerId: u.id,
            feeItemId: counting,
            period,
            amountFen: 5000,
            dueDate: dateColumn(`${period}-15`),
            createdById: T.admin.id,
            createdAt: at(`${period}-01`, '09:00'),
          },
        });
    });
    const quarter = () =>
      withScope(t.db.prisma, tenantId, T.admin.id, async (scope) => {
        const r = await ratesReport(
          scope,
          ZReportRange.parse({ scope: { buildingId: u.buildingId }, grain: 'quarter', from: '2026-07', to: '2026-09', cutoff: '2026-11-30' }),
        );
        return r.rows.find((x) => x.bucket.key === '2026-Q3')!.figures.rates.household;
      });
    const year = (db: TenantDb) =>
      rollupParts(db, {
        tenantId,
        scope: { buildingId: u.buildingId },
        buckets: [{ key: '2026', firstMonth: '2026-01', lastMonth: '2026-12', cutoff: '2026-11-30', asOf: '2026-11-30' }],
        levels: ['scope'],
      }).then((r) => r[0]!.parts);
    const segmentsPaid = () =>
      withTenant(t.db.prisma, tenantId, async (db) => {
        const bucket = makeBucket('2026-Q3', '2026-11-30', new Set());
        const s = await householdSegments(db, { tenantId, timeZone: TZ, scope: { buildingId: u.buildingId }, bucket, ...experienceWindow(bucket.cutoff) });
        return Object.values(s).reduce((a, x) => a + x.paid, 0);
      });
    const q0 = await quarter();
    const s0 = await segmentsPaid();
    const y0 = await withTenant(t.db.prisma, tenantId, year);
    // two of the three months paid: the quarter's household still unpaid
    const pay = (amountFen: number) =>
      withScope(t.db.prisma, tenantId, T.admin.id, (scope) =>
        recordPayment(scope, ZRecordPayment.parse({ payer: { kind: 'UNIT', id: u.id }, method: 'CASH', amountFen, receivedOn: '2026-09-20' })),
      );
    await pay(10000);
    const q1 = await quarter();
    expect(q1.denominator).toBe(q0.denominator);
    expect(q1.numerator).toBe(q0.numerator);
    // the third paid: the household is paid in the quarter at once (and in the year when it has no other bill)
    const lastPayment = await pay(5000);
    const q2 = await quarter();
    expect(q2.denominator).toBe(q0.denominator);
    expect(q2.numerator).toBe(q0.numerator + 1);
    expect(await segmentsPaid()).toBe(s0 + 1);
    const y2 = await withTenant(t.db.prisma, tenantId, year);
    expect(y2.unitsBilled).toBe(y0.unitsBilled);
    expect(y2.unitsPaid).toBe(y0.unitsPaid + 1);
    // inside one transaction: a reversal of the last payment, then the year read before commit
    await withTenant(t.db.prisma, tenantId, async (db) => {
      const last = await db.payment.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: lastPayment.id } }, include: { allocations: true } });
      const rv = await db.payment.create({
        data: {
          tenantId,
          kind: 'REVERSAL',
          method: 'CASH',
          payerKind: 'UNIT',
          payerId: u.id,
          amountFen: 5000,
          receivedOn: dateColumn('2026-09-21'),
          countedOn: dateColumn('2026-09-21'),
          enteredById: T.admin.id,
          reversesId: last.id,
        },
      });
      for (const a of last.allocations) await db.paymentAllocation.create({ data: { tenantId, paymentId: rv.id, billId: a.billId, amountFen: -a.amountFen } });
      const y3 = await year(db);
      expect(y3.unitsPaid).toBe(y0.unitsPaid);
    });
    const q3 = await quarter();
    expect(q3.numerator).toBe(q0.numerator);
    expect(await segmentsPaid()).toBe(s0);
  }, 120_000);

  it('the app role may read the rollups but not call the fold’s workers (they would write any company’s rollups)', async () => {
    for (const call of [
      `select linli_rollup_add('${tenantId}', '[]'::jsonb)`,
      `select linli_rollup_bills('${tenantId}', '{}'::text[], '{}'::text[])`,
      `select count(*) from linli_unit_range_events('${tenantId}', '{}'::text[], '{}'::text[])`,
      `select count(*) from linli_bill_events('${tenantId}', '{}'::text[])`,
      `select linli_rollup_known('${tenantId}', '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[])`,
      `select linli_rollup_known_rows('${tenantId}', 'period', '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[])`,
    ]) {
      const err = await withTenant(t.db.prisma, tenantId, (db) => db.$queryRawUnsafe(call)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(err), call).toMatch(/permission denied for function/);
    }
    // what the reports call stays open to it
    await withTenant(t.db.prisma, tenantId, (db) => db.$executeRawUnsafe('select linli_rollup_flush_now()'));
  });
});
