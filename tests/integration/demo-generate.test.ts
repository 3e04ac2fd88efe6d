import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { generateDemo, type GenerateResult } from '@/server/demo/generate';
import { billAmountFen } from '@/server/shared/money';
import { pearson } from '@/server/shared/statistics';
import { slaDeadlines } from '@/server/shared/sla';
import { qualityIndex } from '@/server/shared/quality-index';

// #16 groundwork: `npm run demo:generate` (server/demo/generate.ts) on a small size: what it
// writes obeys the money and work-order rules, a seed gives the same history, and the planted
// relationship between a community's quality index and its collection shows (β = 5), or not (β = 0).
const NOW = new Date('2026-12-05T04:00:00Z'); // periods 2026-06 … 2026-11
const UNITS = 300;
const MONTHS = 6;

describe.skipIf(!pgServerUrl())('demo generator (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: { tenantId: string; r: GenerateResult };
  let B: { tenantId: string; r: GenerateResult };
  let Z: { tenantId: string; r: GenerateResult };
  let schemaBefore: string[];
  /** The definitions of every index and constraint of the tables a bulk load rebuilds. */
  const schema = async () =>
    (
      await owner.query<{ def: string }>(
        `select conname || ' ' || pg_get_constraintdef(oid) as def from pg_constraint where conrelid = any($1::regclass[])
         union all select pg_get_indexdef(indexrelid) from pg_index where indrelid = any($1::regclass[])
         union all select tgname || ' ' || tgenabled::text from pg_trigger where tgrelid = any($1::regclass[]) and not tgisinternal order by 1`,
        [
          [
            '"Bill"',
            '"Payment"',
            '"PaymentAllocation"',
            '"CheckoutIntent"',
            '"CheckoutIntentLine"',
            '"OnlineCharge"',
            '"WorkOrder"',
            '"WorkOrderEvent"',
            '"Unit"',
            '"Resident"',
            '"Membership"',
            '"BillEvent"',
            '"UnitPeriodEvent"',
            '"UnitRangeEvent"',
            '"RateDay"',
            '"RateMonth"',
            '"WorkOrderFact"',
          ],
        ],
      )
    ).rows.map((r) => r.def);
  const q = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => (await owner.query<R>(sql, params)).rows;

  const generate = async (seed: number, effect: number, units = UNITS, fastLoad = false, parking = 0) => {
    const co = await makeTenant(t.db, 'Demo Co');
    const r = await generateDemo(owner, {
      tenantId: co.tenant.id,
      adminUserId: co.admin.id,
      units,
      months: MONTHS,
      seed,
      effect,
      ordersPerUnitMonth: 0.4,
      now: NOW,
      fastLoad,
      parking,
    });
    return { tenantId: co.tenant.id, r };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await generate(7, 5);
    schemaBefore = await schema();
    B = await generate(7, 5, UNITS, true); // the bulk load: indexes and foreign keys rebuilt
    Z = await generate(11, 0, 1200);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('writes the register, bills, payments and work orders asked for', async () => {
    expect(A.r.firstPeriod).toBe('2026-06');
    expect(A.r.lastPeriod).toBe('2026-11');
    expect(A.r.counts).toMatchObject({ communities: 12, units: UNITS, bills: UNITS * MONTHS, workOrders: Math.round(UNITS * MONTHS * 0.4) });
    const [c] = await q<{ communities: number; units: number; bills: number; runs: number; orders: number; owners: number; phones: number }>(
      `select (select count(*)::int from "Community" where "tenantId" = $1) as communities,
              (select count(*)::int from "Unit" where "tenantId" = $1) as units,
              (select count(*)::int from "Bill" where "tenantId" = $1 and kind = 'REGULAR' and "voidedAt" is null) as bills,
              (select count(*)::int from "BillingRun" where "tenantId" = $1) as runs,
              (select count(*)::int from "WorkOrder" where "tenantId" = $1) as orders,
              (select count(*)::int from "Resident" where "tenantId" = $1 and kind = 'OWNER') as owners,
              (select count(distinct phone)::int from "Resident" where "tenantId" = $1 and phone ~ '^1[3-9][0-9]{9}$') as phones`,
      [A.tenantId],
    );
    expect(c).toEqual({
      communities: 12,
      units: UNITS,
      bills: UNITS * MONTHS,
      runs: MONTHS,
      orders: A.r.counts.workOrders,
      owners: UNITS,
      phones: A.r.counts.residents,
    });
  });

  it('bills are round_half_up(area × price × factor), one per unit and period, due on the 15th', async () => {
    const rows = await q<{ area: string; status: string; amountFen: number; price: number; due: string; period: string }>(
      `select u.area::text as area, u.status::text as status, b."amountFen", p."priceUnits" as price, to_char(b."dueDate", 'YYYY-MM-DD') as due, b.period
       from "Bill" b join "Unit" u on u."tenantId" = b."tenantId" and u.id = b."unitId"
       join "FeeItemPrice" p on p."tenantId" = b."tenantId" and p."feeItemId" = b."feeItemId"
       where b."tenantId" = $1`,
      [A.tenantId],
    );
    for (const b of rows) {
      const factors = b.status === 'VACANT' ? [{ num: 7, den: 10 }] : [];
      expect(b.amountFen).toBe(billAmountFen({ areaHundredths: Math.round(Number(b.area) * 100), priceUnits: b.price, months: 1, factors }));
      expect(b.due).toBe(`${b.period}-15`);
    }
  });

  it('money adds up: paidFen = Σ allocations, payments = Σ their allocations, nothing overpaid, receipts gapless per year', async () => {
    const [m] = await q<{ badBills: number; overpaid: number; badPayments: number; notCounted: number; early: number }>(
      `select (select count(*)::int from "Bill" b where b."tenantId" = $1
                and b."paidFen" <> coalesce((select sum(a."amountFen") from "PaymentAllocation" a where a."tenantId" = $1 and a."billId" = b.id), 0)) as "badBills",
              (select count(*)::int from "Bill" where "tenantId" = $1 and "paidFen" + "adjustedFen" > "amountFen") as overpaid,
              (select count(*)::int from "Payment" p where p."tenantId" = $1
                and p."amountFen" <> (select sum(a."amountFen") from "PaymentAllocation" a where a."tenantId" = $1 and a."paymentId" = p.id)) as "badPayments",
              (select count(*)::int from "Payment" where "tenantId" = $1 and "countedOn" <> "receivedOn") as "notCounted",
              (select count(*)::int from "Payment" p join "PaymentAllocation" a on a."tenantId" = p."tenantId" and a."paymentId" = p.id
                 join "Bill" b on b."tenantId" = a."tenantId" and b.id = a."billId"
               where p."tenantId" = $1 and (p."receivedOn" < to_date(b.period, 'YYYY-MM') or p."enteredAt" > $2)) as early`,
      [A.tenantId, NOW],
    );
    expect(m).toEqual({ badBills: 0, overpaid: 0, badPayments: 0, notCounted: 0, early: 0 });
    const receipts = await q<{ year: number; n: number; lo: number; hi: number; distinct: number; counter: number }>(
      `select p."receiptYear" as year, count(*)::int as n, min(p."receiptNo") as lo, max(p."receiptNo") as hi, count(distinct p."receiptNo")::int as distinct,
              (select r."lastNo" from "ReceiptCounter" r where r."tenantId" = $1 and r.year = p."receiptYear") as counter
       from "Payment" p where p."tenantId" = $1 group by p."receiptYear"`,
      [A.tenantId],
    );
    expect(receipts.length).toBeGreaterThan(0);
    for (const r of receipts) expect(r).toEqual({ year: r.year, n: r.n, lo: 1, hi: r.n, distinct: r.n, counter: r.n });
    const methods = await q<{ method: string }>(`select distinct method::text from "Payment" where "tenantId" = $1`, [A.tenantId]);
    expect(methods.map((x) => x.method)).toEqual(expect.arrayContaining(['ONLINE', 'CASH', 'WECHAT']));
  });

  it("work orders' deadlines and SLA outcomes follow their timestamps", async () => {
    const orders = await q<{
      createdAt: Date;
      priority: 'URGENT' | 'NORMAL' | 'LOW';
      frMin: number | null;
      resH: number | null;
      firstResponseDueAt: Date;
      resolveDueAt: Date;
      firstRespondedAt: Date | null;
      completedAt: Date | null;
      cancelledAt: Date | null;
      firstResponseMet: boolean | null;
      resolutionMet: boolean | null;
      reopenCount: number;
      firstDone: Date | null;
      status: string;
      rating: number | null;
      events: number;
    }>(
      `select o."createdAt", o.priority::text as priority, i."firstResponseMinutes" as "frMin", i."resolveHours" as "resH", o."firstResponseDueAt", o."resolveDueAt",
              o."firstRespondedAt", o."completedAt", o."cancelledAt", o."firstResponseMet", o."resolutionMet", o."reopenCount", o.status::text as status, o.rating,
              (select min(e."createdAt") from "WorkOrderEvent" e where e."tenantId" = o."tenantId" and e."orderId" = o.id and e.action = 'complete') as "firstDone",
              (select count(*)::int from "WorkOrderEvent" e where e."tenantId" = o."tenantId" and e."orderId" = o.id) as events
       from "WorkOrder" o left join "ServiceItem" i on i."tenantId" = o."tenantId" and i.id = o."itemId" where o."tenantId" = $1`,
      [A.tenantId],
    );
    const statuses = new Set(orders.map((o) => o.status));
    expect(statuses).toEqual(expect.objectContaining(new Set(['CLOSED', 'CANCELLED'])));
    expect(orders.filter((o) => o.status === 'CLOSED').length / orders.length).toBeGreaterThan(0.7);
    expect(orders.some((o) => o.reopenCount > 0)).toBe(true);
    for (const o of orders) {
      if (o.frMin !== null && o.resH !== null) {
        expect(slaDeadlines(o.createdAt, { firstResponseMinutes: o.frMin, resolveHours: o.resH }, o.priority)).toEqual({
          firstResponseDueAt: o.firstResponseDueAt,
          resolveDueAt: o.resolveDueAt,
        });
      }
      const end = o.cancelledAt ?? NOW;
      const fr = o.firstRespondedAt ? o.firstRespondedAt <= o.firstResponseDueAt : end > o.firstResponseDueAt ? false : null;
      expect(o.firstResponseMet).toBe(fr);
      // resolution: decided by the FIRST completion (a reopen does not undo it)
      const done = o.reopenCount > 0 ? o.firstDone : o.completedAt;
      const res = done ? done <= o.resolveDueAt : end > o.resolveDueAt ? false : null;
      expect(o.resolutionMet).toBe(res);
      if (o.rating !== null) expect(o.status).toBe('CLOSED');
      expect(o.events).toBeGreaterThanOrEqual(o.status === 'CLOSED' || o.status === 'CANCELLED' ? 2 : 1);
    }
  });

  it('the same seed gives the same history, bulk-loaded or not; a bulk load leaves every index and constraint as it was', async () => {
    expect(schemaBefore.length).toBeGreaterThan(40);
    expect(await schema()).toEqual(schemaBefore);
    expect(B.r.billedFen).toBe(A.r.billedFen);
    expect(B.r.paidFen).toBe(A.r.paidFen);
    expect(B.r.counts).toEqual(A.r.counts);
    expect(B.r.communities.map((c) => c.plantedIndex)).toEqual(A.r.communities.map((c) => c.plantedIndex));
  });

  /** The report rollups of a company, the all-zero additive rows left out. */
  const snapshot = async (tenantId: string) => ({
    bills: await q(
      `select "billId", day::text, "communityId", "buildingId", "unitId", period, counts, "grossFen", "adjustedFen", "paidFen", "outstandingFen"
       from "BillEvent" where "tenantId" = $1 order by "billId", day`,
      [tenantId],
    ),
    units: await q(
      `select "unitId", period, day::text, "communityId", "buildingId", billed, unpaid from "UnitPeriodEvent" where "tenantId" = $1 order by 1, 2, 3`,
      [tenantId],
    ),
    ranges: await q(
      `select "unitId", "rangeKey", day::text, "communityId", "buildingId", billed, unpaid from "UnitRangeEvent" where "tenantId" = $1 order by 1, 2, 3, 4, 5`,
      [tenantId],
    ),
    days: await q(
      `select "communityId", "buildingId", period, counts, day::text, "grossFen"::text, "adjustedFen"::text, "paidFen"::text, "outstandingFen"::text, "unitsBilled", "unitsUnpaid"
       from "RateDay" where "tenantId" = $1 and ("grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid") <> (0, 0, 0, 0, 0, 0) order by 1, 2, 3, 4, 5`,
      [tenantId],
    ),
    months: await q(
      `select "communityId", "buildingId", period, counts, month, "grossFen"::text, "adjustedFen"::text, "paidFen"::text, "outstandingFen"::text, "unitsBilled", "unitsUnpaid"
       from "RateMonth" where "tenantId" = $1 and ("grossFen", "adjustedFen", "paidFen", "outstandingFen", "unitsBilled", "unitsUnpaid") <> (0, 0, 0, 0, 0, 0) order by 1, 2, 3, 4, 5`,
      [tenantId],
    ),
    facts: await q(`select * from "WorkOrderFact" where "tenantId" = $1 order by "orderId"`, [tenantId]),
  });

  it("writes the report rollups set-based exactly as linli_rollup_rebuild folds them from the ledger, and each online payment's intent and charge", async () => {
    const generated = await snapshot(A.tenantId);
    expect(generated.bills.length).toBeGreaterThan(UNITS * MONTHS);
    expect(generated.days.length).toBeGreaterThan(0);
    expect(generated.ranges.length).toBeGreaterThan(UNITS);
    expect(generated.facts.length).toBe(A.r.counts.workOrders);
    await owner.query(`select 1 from linli_rollup_rebuild($1)`, [A.tenantId]);
    const rebuilt = await snapshot(A.tenantId);
    expect(generated).toEqual(rebuilt);

    const [o] = await q<{ online: number; intents: number; charges: number; lines: number; badLines: number; badCharges: number }>(
      `select (select count(*)::int from "Payment" where "tenantId" = $1 and method = 'ONLINE') as online,
              (select count(*)::int from "CheckoutIntent" i join "Payment" p on p."tenantId" = i."tenantId" and p.id = i."paymentId"
                where i."tenantId" = $1 and i.status = 'SUCCEEDED' and i."amountFen" = p."amountFen" and p."externalRef" = i."paymentIntentId" and p.method = 'ONLINE') as intents,
              (select count(*)::int from "OnlineCharge" c join "Payment" p on p."tenantId" = c."tenantId" and p.id = c."paymentId"
                where c."tenantId" = $1 and c."amountFen" = p."amountFen" and c."paymentIntentId" = p."externalRef" and c."netFen" = c."amountFen" - c."feeFen" - c."applicationFeeFen"
                  and c."feeFen" = round(c."amountFen" * 0.006) and to_char(c."paidAt" at time zone 'Asia/Shanghai', 'YYYY-MM-DD') = p."receivedOn"::text) as charges,
              (select count(*)::int from "CheckoutIntentLine" l where l."tenantId" = $1) as lines,
              (select count(*)::int from "CheckoutIntent" i where i."tenantId" = $1
                 and i."amountFen" <> (select sum(l."amountFen") from "CheckoutIntentLine" l where l."tenantId" = i."tenantId" and l."intentId" = i.id)) as "badLines",
              (select count(*)::int from "OnlineCharge" c where c."tenantId" = $1
                 and not exists (select 1 from "CheckoutIntent" i where i."tenantId" = c."tenantId" and i.id = c."intentId" and i."paymentId" = c."paymentId")) as "badCharges"`,
      [A.tenantId],
    );
    expect(o!.online).toBeGreaterThan(0);
    expect(o).toEqual({ online: o!.online, intents: o!.online, charges: o!.online, lines: o!.lines, badLines: 0, badCharges: 0 });
    expect(o!.lines).toBeGreaterThanOrEqual(o!.online);
    expect(A.r.counts.onlineCharges).toBe(o!.online);
  });

  /** Per community: planted index, realized quality index, and the share of billed money collected by each period's end. */
  const byCommunity = async (g: { tenantId: string; r: GenerateResult }) => {
    const rows = await q<{
      id: string;
      billed: string;
      current: string;
      mean: number | null;
      csat: number | null;
      fr: number | null;
      res: number | null;
      reopen: number;
      cancel: number;
    }>(
      `select c.id,
              (select sum(b."amountFen") from "Bill" b join "Unit" u on u."tenantId" = b."tenantId" and u.id = b."unitId" where b."tenantId" = $1 and u."communityId" = c.id)::text as billed,
              (select coalesce(sum(a."amountFen"), 0) from "PaymentAllocation" a
                 join "Payment" p on p."tenantId" = a."tenantId" and p.id = a."paymentId"
                 join "Bill" b on b."tenantId" = a."tenantId" and b.id = a."billId"
                 join "Unit" u on u."tenantId" = b."tenantId" and u.id = b."unitId"
               where a."tenantId" = $1 and u."communityId" = c.id and p."countedOn" <= (to_date(b.period, 'YYYY-MM') + interval '1 month' - interval '1 day'))::text as current,
              avg(o.rating)::float8 as mean, avg((o.rating >= 4)::int)::float8 as csat,
              avg(o."firstResponseMet"::int)::float8 as fr, avg(o."resolutionMet"::int)::float8 as res,
              avg((o."reopenCount" > 0)::int) filter (where o.status <> 'CANCELLED')::float8 as reopen, avg((o.status = 'CANCELLED')::int)::float8 as cancel
       from "Community" c left join "WorkOrder" o on o."tenantId" = c."tenantId" and o."communityId" = c.id
       where c."tenantId" = $1 group by c.id`,
      [g.tenantId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return g.r.communities.map((c) => {
      const r = byId.get(c.id)!;
      const realized = qualityIndex({
        meanRating: r.mean,
        csatShare: r.csat,
        firstResponseShare: r.fr,
        resolutionShare: r.res,
        reopenRate: r.reopen,
        cancellationRate: r.cancel,
        medianResolveMs: null,
        resolveTargetMs: null,
      }).index!;
      return { planted: c.plantedIndex, realized, collected: Number(r.current) / Number(r.billed) };
    });
  };

  it('with parking spaces rented too, a bulk load writes the rollups exactly as linli_rollup_rebuild folds them', async () => {
    const P = await generate(5, 5, 240, true, 0.35);
    const parkingBills = await q<{ n: number }>(`select count(*)::int as n from "Bill" where "tenantId" = $1 and "objectKind" = 'PARKING'`, [P.tenantId]);
    expect(parkingBills[0]!.n).toBeGreaterThan(0);
    const generated = await snapshot(P.tenantId);
    expect(generated.bills.some((b) => b.unitId === '')).toBe(true);
    await owner.query(`select 1 from linli_rollup_rebuild($1)`, [P.tenantId]);
    expect(generated).toEqual(await snapshot(P.tenantId));
  });

  it('plants the relationship: communities with a higher index collect more (β = 5), spread over 40–90', async () => {
    const cs = await byCommunity(A);
    expect(cs.length).toBe(12);
    const planted = cs.map((c) => c.planted);
    expect(Math.min(...planted)).toBeGreaterThan(38);
    expect(Math.min(...planted)).toBeLessThan(48);
    expect(Math.max(...planted)).toBeGreaterThan(82);
    expect(Math.max(...planted)).toBeLessThan(92);
    // the orders drawn carry the planted level
    expect(
      pearson(
        planted,
        cs.map((c) => c.realized),
      )!,
    ).toBeGreaterThan(0.8);
    expect(
      pearson(
        planted,
        cs.map((c) => c.collected),
      )!,
    ).toBeGreaterThan(0.5);
  });

  it('β = 0: no relationship between the index and collection', async () => {
    const cs = await byCommunity(Z);
    expect(
      Math.abs(
        pearson(
          cs.map((c) => c.planted),
          cs.map((c) => c.collected),
        )!,
      ),
    ).toBeLessThan(0.4);
    expect(Z.r.communities.every((c) => c.payProbability === 0.85)).toBe(true);
  });
});
