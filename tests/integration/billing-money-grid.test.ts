import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { billAmountFen, parseArea, parseFactor, parseYuanPrice, prorationForDates, type BillingCycle } from '@/server/shared/money';
import { monthsInCycle } from '@/server/shared/calendar';

// The billing run computes amounts in SQL (sqlBillAmount); money.ts states the rule. This test
// bills a grid of edge cases through the real run and holds every bill to billAmountFen:
// areas (tiny, .5-fen products, the largest that fit) × 4-decimal prices × factors (vacancy,
// 6-decimal factors, > 1) × proration × months (monthly, quarterly, yearly).

const AREAS = ['0.01', '1.00', '2.00', '3.00', '12.34', '88.50', '101.01', '333.33', '9999.99', '99999.99', '999999.99'];
const STATUSES = ['OCCUPIED', 'VACANT', 'RENOVATION'] as const;
const STARTS = [null, '2026-01-17', '2026-01-31'] as const;
const PRICES = ['2.3550', '0.0025', '0.0125', '1.0001', '9.9999', '0.0050'];
const CYCLES: BillingCycle[] = ['MONTHLY', 'QUARTERLY', 'YEARLY'];
const FACTOR_SETS = [
  { OCCUPIED: '1', VACANT: '0.7', RENOVATION: '0.5' },
  { OCCUPIED: '0.999999', VACANT: '0.333333', RENOVATION: '1.15' },
  { OCCUPIED: '1', VACANT: '0.65', RENOVATION: '0.000001' },
];
const MAX_INT4 = 2_147_483_647;

describe.skipIf(!pgServerUrl())('billing run SQL agrees with money.ts on a grid of edge cases (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  const units: { id: string; area: string; status: (typeof STATUSES)[number]; start: string | null }[] = [];
  const items: { id: string; price: string; cycle: BillingCycle; calc: 'PER_AREA' | 'FIXED'; factors: Record<string, string> }[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Grid 物业');
    const c = await A.as.property.createCommunity({ tenant: A.slug, name: '格点园' });
    const b = await A.as.property.createBuilding({ tenant: A.slug, communityId: c.id, name: '1号楼' });
    let n = 0;
    for (const area of AREAS) {
      for (const status of STATUSES) {
        for (const start of STARTS) {
          const u = await A.as.property.createUnit({ tenant: A.slug, buildingId: b.id, number: String(1000 + ++n), floor: 1, area, status });
          if (start) await owner.query(`update "Unit" set "billingStart" = $1 where id = $2`, [start, u.id]);
          units.push({ id: u.id, area, status, start });
        }
      }
    }
    let k = 0;
    for (const price of PRICES) {
      for (const cycle of CYCLES) {
        const calc = price === '0.0050' ? 'FIXED' : 'PER_AREA';
        const factors = FACTOR_SETS[k % FACTOR_SETS.length]!;
        const r = await A.as.feeItems.create({
          tenant: A.slug,
          name: `item ${++k}`,
          calc,
          cycle,
          communityIds: [c.id],
          statusFactors: factors,
          initialPrice: { effectiveFrom: '2025-12', price },
        });
        items.push({ id: r.id, price, cycle, calc, factors });
      }
    }
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  const expected = (u: (typeof units)[number], i: (typeof items)[number]) =>
    billAmountFen({
      ...(i.calc === 'PER_AREA' ? { areaHundredths: parseArea(u.area) } : {}),
      priceUnits: parseYuanPrice(i.price),
      months: monthsInCycle(i.cycle),
      factors: [parseFactor(i.factors[u.status]!), ...(u.start ? [prorationForDates({ period: '2026-01', cycle: i.cycle, from: u.start })] : [])],
    });

  it('every bill of the run equals billAmountFen; zero and too-large amounts are skipped, not billed', async () => {
    const preview = await A.as.billing.getRunPreview({ tenant: A.slug, period: '2026-01' });
    const run = await A.as.billing.commitRun({ tenant: A.slug, period: '2026-01' });
    const rows = (await owner.query(`select "objectId", "feeItemId", "amountFen" from "Bill" where "tenantId" = $1 and period = '2026-01'`, [A.tenant.id]))
      .rows as { objectId: string; feeItemId: string; amountFen: number }[];
    const got = new Map(rows.map((r) => [`${r.objectId}/${r.feeItemId}`, r.amountFen]));

    let billed = 0;
    let total = 0;
    let halves = 0;
    let zero = 0;
    let tooLarge = 0;
    const mismatches: string[] = [];
    for (const u of units) {
      for (const i of items) {
        const want = expected(u, i);
        const have = got.get(`${u.id}/${i.id}`);
        if (want === 0) {
          zero++;
          if (have !== undefined) mismatches.push(`${u.area} ${i.price} ${u.status}: billed ${have}, expected none (0)`);
        } else if (want > MAX_INT4) {
          tooLarge++;
          if (have !== undefined) mismatches.push(`${u.area} ${i.price}: billed ${have}, expected none (too large)`);
        } else {
          billed++;
          total += want;
          if (have !== want) mismatches.push(`${u.area} m² × ¥${i.price} × ${i.cycle} × ${i.factors[u.status]} from ${u.start}: SQL ${have}, money.ts ${want}`);
        }
        // count exact half-fen cases, to be sure the grid exercises the rounding rule
        const exact = (parseArea(u.area) * parseYuanPrice(i.price)) % 10_000;
        if (i.calc === 'PER_AREA' && !u.start && i.factors[u.status] === '1' && exact === 5000) halves++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(run.billCount).toBe(billed);
    expect(run.totalFen).toBe(total);
    expect(preview).toMatchObject({ bills: billed, totalFen: total });
    expect(preview.skipped.filter((s) => s.reason === 'ZERO_AMOUNT').reduce((s, x) => s + x.count, 0)).toBe(zero);
    expect(preview.skipped.filter((s) => s.reason === 'TOO_LARGE').reduce((s, x) => s + x.count, 0)).toBe(tooLarge);
    // The grid reaches the edges it is meant to.
    expect(billed).toBeGreaterThan(1000);
    expect(halves).toBeGreaterThan(0);
    expect(zero).toBeGreaterThan(0);
    expect(tooLarge).toBeGreaterThan(0);
  });
});
