// `npm run bench:billing`: a billing run over 100,000 units on a throwaway PostgreSQL database
// (TEST_DATABASE_URL's server, else the local one; never DATABASE_URL). It times the run's
// commit through the service in the app's own transaction (withTenant, as the app role under
// row-level security), and the floor: a bare INSERT … SELECT of the same rows into a scratch
// copy of the Bill table (`like "Bill" including all`: same columns, defaults, checks and
// indexes). Each is measured a few times on an emptied table; the medians are reported.
// Prints readable lines, then one JSON line of figures.
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { withScope } from '../server/db/scope';
import { ZCommunityInput } from '../server/shared/schemas/property';
import { ZFeeItemInput, ZRunInput } from '../server/shared/schemas/billing';
import pg from 'pg';
import { createThrowawayDatabase, testServerUrl } from './lib/throwaway-db';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { createCommunity } from '../server/property/communities';
import { createFeeItem } from '../server/fee-items/fee-items';
import { commitRun } from '../server/billing/billing-run/commit';
import { sqlBillAmount } from '../server/shared/money';

const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
process.env.LOG_LEVEL ??= 'warn';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => Number((ms / 1000).toFixed(3));

const t = await createThrowawayDatabase(testServerUrl(), 'linli_bench');
const owner = new pg.Client({ connectionString: t.url });
try {
  await owner.connect();
  console.log(`PostgreSQL: throwaway database on ${new URL(t.url).host}`);
  const s = await createAccountWithCompany(
    t.db.prisma,
    ZSignUp.parse({ companyName: 'Bench Co', slug: 'bench', adminName: 'Bench', email: 'bench@example.test', password: 'bench-pass-1' }),
  );
  const tenantId = s.tenant.id;
  const community = await withScope(t.db.prisma, tenantId, s.userId, (scope) => createCommunity(scope, ZCommunityInput.parse({ name: '翠竹园' })));

  // 100,000 units in 250 buildings, set-based, as the owner (the register import is benchmarked elsewhere).
  let started = performance.now();
  await owner.query(
    `insert into "Building" ("tenantId", id, "communityId", name, "createdAt", "updatedAt")
     select $1, 'bench-b' || g, $2, g || '号楼', now(), now() from generate_series(1, 250) g`,
    [tenantId, community.id],
  );
  await owner.query(
    `insert into "Unit" ("tenantId", id, "communityId", "buildingId", entrance, number, floor, area, status, "createdAt", "updatedAt")
     select $1, gen_random_uuid()::text, $2, 'bench-b' || (1 + g % 250), (1 + g / 250 % 4) || '单元', (1 + g / 1000) || lpad((g % 250)::text, 3, '0'),
            1 + g % 30, (55 + (g * 37 % 9000) / 100.0)::numeric(10, 2),
            (case when g % 10 = 0 then 'VACANT' else 'OCCUPIED' end)::"UnitStatus", now(), now()
     from generate_series(0, $3::int - 1) g`,
    [tenantId, community.id, UNITS],
  );
  await owner.query('analyze');
  console.log(`Register: ${UNITS} units in 250 buildings (${((performance.now() - started) / 1000).toFixed(2)} s)`);

  const item = await withScope(t.db.prisma, tenantId, s.userId, (scope) =>
    createFeeItem(
      scope,
      ZFeeItemInput.parse({
        name: '物业费',
        calc: 'PER_AREA',
        dueDay: 15,
        communityIds: [community.id],
        statusFactors: { OCCUPIED: '1', VACANT: '0.7' },
        initialPrice: { effectiveFrom: '2026-01', price: '2.3550' },
      }),
    ),
  );

  // The floor: the same rows, the same amount expression, no service around it.
  const amount = sqlBillAmount({
    areaHundredths: '(u."area" * 100)::bigint',
    priceUnits: '23550',
    months: '1',
    factorNum: `(case when u."status" = 'VACANT' then 7 else 1 end)`,
    factorDen: `(case when u."status" = 'VACANT' then 10 else 1 end)`,
  });
  const floorOnce = async () => {
    await owner.query('drop table if exists bench_bill_floor');
    await owner.query('create table bench_bill_floor (like "Bill" including all)');
    await owner.query('checkpoint');
    const t0 = performance.now();
    await owner.query('begin');
    const r = await owner.query(
      `insert into bench_bill_floor ("tenantId", id, kind, "objectKind", "objectId", "unitId", "payerKind", "payerId", "feeItemId", period, "amountFen", "dueDate", "createdById", "createdAt")
       select $1, gen_random_uuid()::text, 'REGULAR', 'UNIT', u.id, u.id, 'UNIT', u.id, $2, '2026-01', ${amount}::int, '2026-01-15', $3, now()
       from "Unit" u where u."tenantId" = $1 and u."archivedAt" is null`,
      [tenantId, item.id, s.userId],
    );
    await owner.query('commit');
    const ms = performance.now() - t0;
    if (r.rowCount !== UNITS) throw new Error(`floor inserted ${r.rowCount} rows`);
    return ms;
  };
  const runOnce = async () => {
    await owner.query('truncate "Bill", "BillingRun" cascade');
    await owner.query('checkpoint');
    const t0 = performance.now();
    const r = await withScope(t.db.prisma, tenantId, s.userId, (scope) => commitRun(scope, ZRunInput.parse({ period: '2026-01', feeItemIds: [item.id] })));
    const ms = performance.now() - t0;
    if (r.billCount !== UNITS) throw new Error(`run billed ${r.billCount} units`);
    return { ms, totalFen: r.totalFen };
  };

  // Both computed the same money: the floor's total equals the run's.
  const floors: number[] = [];
  const runs: number[] = [];
  let totalFen = 0;
  for (let i = 0; i < REPEAT; i++) {
    floors.push(await floorOnce());
    const r = await runOnce();
    runs.push(r.ms);
    totalFen = r.totalFen;
  }
  const floorTotal = Number((await owner.query('select sum("amountFen")::bigint as s from bench_bill_floor')).rows[0].s);
  if (floorTotal !== totalFen) throw new Error(`floor total ${floorTotal} ≠ run total ${totalFen}`);
  started = performance.now();
  const rerun = await withScope(t.db.prisma, tenantId, s.userId, (scope) => commitRun(scope, ZRunInput.parse({ period: '2026-01', feeItemIds: [item.id] })));
  const rerunMs = performance.now() - started;

  const seconds = secs(median(runs));
  const floorSeconds = secs(median(floors));
  console.log(
    `Billing run commit: ${UNITS} bills, ¥${(totalFen / 100).toFixed(2)}, ${runs.map((m) => (m / 1000).toFixed(2)).join(' / ')} s (median ${seconds} s; target: under 10 s)`,
  );
  console.log(`Floor (bare INSERT … SELECT into a copy of "Bill"): ${floors.map((m) => (m / 1000).toFixed(2)).join(' / ')} s (median ${floorSeconds} s)`);
  console.log(`Ratio to floor: ${(seconds / floorSeconds).toFixed(2)}× (aim: under 2×)`);
  console.log(`Re-running the same period: ${rerun.billCount} new bills in ${(rerunMs / 1000).toFixed(2)} s`);
  console.log(JSON.stringify({ units: UNITS, seconds, floor_seconds: floorSeconds, ratio_to_floor: Number((seconds / floorSeconds).toFixed(2)) }));
} finally {
  await owner.end().catch(() => {});
  await t.drop();
}
