// `npm run bench:reports [-- --units N --months M --seed S --runs R]`: the reports (#16) at size,
// on a throwaway PostgreSQL database (TEST_DATABASE_URL's server, else the local one; never
// DATABASE_URL), dropped at the end (BENCH_KEEP=1 keeps it).
//
// 1. A company through sign-up, then `generateDemo` (server/demo/generate.ts, the bulk load):
//    by default 100,000 units over 24 months (2.4 million bills, their payments and allocations,
//    300,000 work orders) and the report rollups, timed (generate_s; target under 300 s). Then
//    VACUUM ANALYZE (what autovacuum would do before anyone reads), timed apart.
// 2. Timed WITHOUT any result cache, each run after a small write through the real payment
//    service (recordPayment: the rollups change at its commit) and with new parameters:
//    (a) the whole-company report over the whole range with every section — ratesReport,
//        qualityReport, relationshipReport and quarterRanking called in parallel, as the page
//        does, each in its own tenant transaction as the app role (withScope, like the tRPC
//        handler), grain and cut-off changing from run to run; median of the runs (report_ms);
//        then each section alone, the same way, to see where the time goes (sections_ms);
//    (b) the collection summary (collectionSummary) of a random month and cut-off (summary_ms).
// 3. The same numbers by the naive row-by-row statement over the raw rows (summaryParts, the
//    test oracle), bucket by bucket for the company and each community, compared value by value
//    with the rollup figures (bucketFigures); naive_ms: the oracle's time for the range.
// Prints progress and figures; the LAST line is JSON: bills, generate_s, report_ms, sections_ms,
// summary_ms, naive_ms, equal. `--database-url <owner URL>`: no generation; times the company "demo" of a
// database `npm run demo:generate` made and kept (generate_s null), and leaves it there.
import { parseArgs, isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { createThrowawayDatabase, testServerUrl, type ThrowawayDatabase } from './lib/throwaway-db';
import { connectPostgres } from '../server/db/client';
import { deriveAppUrl } from '../server/db/migrate';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { withScope, type Scope } from '../server/db/scope';
import { generateDemo } from '../server/demo/generate';
import { ratesReport } from '../server/reports/rates-report';
import { qualityReport } from '../server/reports/quality-report';
import { relationshipReport } from '../server/reports/relationship';
import { quarterRanking } from '../server/reports/quarter-ranking';
import { bucketFigures } from '../server/reports/figures';
import { rangeBuckets } from '../server/reports/periods';
import { collectionSummary, summaryParts, sumParts } from '../server/collection/summary';
import { figuresFromParts } from '../server/collection/rates';
import { ZQuarterRanking, ZRelationship, ZReportRange } from '../server/shared/schemas/reports';
import { ZSummary } from '../server/collection/schemas';
import { ZRecordPayment } from '../server/shared/schemas/payments';
import { recordPayment } from '../server/payments/record-payment';
import { addDays, addMonths, periodBounds } from '../server/shared/calendar';
import { mulberry32 } from '../server/shared/statistics';

process.env.LOG_LEVEL ??= 'warn';

const { values: a } = parseArgs({
  options: {
    units: { type: 'string', default: '100000' },
    months: { type: 'string', default: '24' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '11' },
    // time the reports of a database demo:generate made and kept (its company "demo"): no generation
    'database-url': { type: 'string' },
  },
  strict: true,
});
const UNITS = Number(a.units);
const MONTHS = Number(a.months);
const RUNS = Math.max(1, Number(a.runs));
const TARGETS = { generate_s: 300, report_ms: 100, summary_ms: 50 };

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Number(x.toFixed(1));
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
};
const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

const reuse = a['database-url'];
const t: Pick<ThrowawayDatabase, 'url' | 'db' | 'drop'> = reuse
  ? { url: reuse, db: connectPostgres(deriveAppUrl(reuse, process.env.LINLI_APP_PASSWORD || undefined)), drop: async () => {} }
  : await createThrowawayDatabase(testServerUrl(), 'linli_bench');
const owner = new pg.Client({ connectionString: t.url });
let equal = true;
try {
  await owner.connect();
  console.log(`PostgreSQL: ${reuse ? 'the database given' : 'throwaway database'} on ${new URL(t.url).host}`);
  let tenantId: string;
  let adminId: string;
  if (reuse) {
    const [found] = (
      await owner.query<{ tenantId: string; userId: string }>(
        `select t.id as "tenantId", m."userId" from "Tenant" t join "Membership" m on m."tenantId" = t.id and m.role = 'ADMIN' where t.slug = 'demo' order by m."createdAt" limit 1`,
      )
    ).rows;
    if (!found) throw new Error('no company "demo" in the database given');
    ({ tenantId, userId: adminId } = found);
  } else {
    const s = await createAccountWithCompany(
      t.db.prisma,
      ZSignUp.parse({ companyName: '报表基准物业', slug: 'bench-reports', adminName: '管理员', email: 'bench-reports@example.test', password: 'bench-pass-1' }),
    );
    tenantId = s.tenant.id;
    adminId = s.userId;
  }

  // 1. generate (or read what was generated)
  let lastLine = '';
  const g = reuse
    ? await generated(owner, tenantId)
    : await generateDemo(owner, {
        tenantId,
        adminUserId: adminId,
        units: UNITS,
        months: MONTHS,
        seed: Number(a.seed),
        fastLoad: true,
        onProgress: (done, total, step, previous) => {
          const line = `  ${String(Math.round((100 * done) / total)).padStart(3)}%  ${step}${previous ? `   (${previous.step}: ${previous.seconds.toFixed(1)} s)` : ''}`;
          if (line !== lastLine) console.log(line);
          lastLine = line;
        },
      });
  const generateS = reuse ? null : Number(g.seconds.toFixed(1));
  console.log(
    `Generated ${g.counts.units} units in ${g.counts.communities} communities, ${g.firstPeriod} … ${g.lastPeriod}: ${g.counts.bills} bills, ${g.counts.payments} payments ` +
      `(${g.counts.onlineCharges} online), ${g.counts.allocations} allocations, ${g.counts.workOrders} work orders in ${generateS} s (target: under ${TARGETS.generate_s} s)`,
  );
  console.log(`  steps (s): ${JSON.stringify(g.steps)}`);
  if (!reuse) {
    const [, vacuumMs] = await timed(() => owner.query('vacuum analyze'));
    console.log(`VACUUM ANALYZE: ${(vacuumMs / 1000).toFixed(1)} s`);
  }

  const today = (await owner.query<{ d: string }>(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d`)).rows[0]!.d;
  const periods: string[] = [];
  for (let p = g.firstPeriod; p <= g.lastPeriod; p = addMonths(p, 1)) periods.push(p);
  const random = mulberry32(Number(a.seed) + 99);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const dayBetween = (from: string, to: string) => {
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return addDays(from, Math.floor(random() * (span + 1)));
  };

  // a small write between timings: a household pays its oldest open bills at the counter, today
  const write = async () => {
    const [due] = (
      await owner.query<{ payer: string; due: number }>(
        `select "payerId" as payer, sum("amountFen" - "paidFen" - "adjustedFen")::int as due from "Bill"
         where "tenantId" = $1 and "payerId" = (select "payerId" from "Bill" where "tenantId" = $1 and "paidFen" < "amountFen" and period = $2
                                                 offset floor(random() * 100)::int limit 1)
           and "paidFen" + "adjustedFen" < "amountFen" and "voidedAt" is null group by 1`,
        [tenantId, pick(periods)],
      )
    ).rows;
    if (!due) return;
    await withScope(t.db.prisma, tenantId, adminId, (scope) =>
      recordPayment(scope, ZRecordPayment.parse({ payer: { kind: 'UNIT', id: due.payer }, method: 'CASH', amountFen: due.due, receivedOn: today })),
    );
  };

  // 2a. the whole-company report, every section in parallel; then (2a') each section alone, to
  // see where the time goes (the sections share the machine's two cores when in parallel)
  const reportParams = (i: number) => {
    const grain = (['month', 'quarter', 'month', 'year'] as const)[i % 4];
    const cutoff = i === 0 ? undefined : dayBetween(periodBounds(g.lastPeriod).first, today);
    const range = { scope: {}, grain, from: g.firstPeriod, to: g.lastPeriod, ...(cutoff ? { cutoff } : {}) };
    return { grain, cutoff, range, quarter: quarterOf(pick(periods.slice(-12))), rate: i % 2 ? ('household' as const) : ('currentPeriod' as const) };
  };
  type Params = ReturnType<typeof reportParams>;
  const inScope = <T>(fn: (scope: Scope) => Promise<T>) => withScope(t.db.prisma, tenantId, adminId, fn);
  const SECTIONS = {
    rates: (p: Params) => inScope((scope) => ratesReport(scope, ZReportRange.parse(p.range))),
    quality: (p: Params) => inScope((scope) => qualityReport(scope, ZReportRange.parse(p.range))),
    relationship: (p: Params) => inScope((scope) => relationshipReport(scope, ZRelationship.parse({ ...p.range, rate: p.rate }))),
    ranking: (p: Params) => inScope((scope) => quarterRanking(scope, ZQuarterRanking.parse({ quarter: p.quarter }))),
  };
  const reportTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await write();
    const p = reportParams(i);
    const [[rates, , rel], took] = await timed(() =>
      Promise.all([SECTIONS.rates(p), SECTIONS.quality(p), SECTIONS.relationship(p), SECTIONS.ranking(p)] as const),
    );
    reportTimes.push(took);
    console.log(
      `  report ${i + 1}/${RUNS} (${p.grain}, cut-off ${p.cutoff ?? 'default'}, ${p.quarter}): ${ms(took)} ms — ${rates.rows.length} buckets, n = ${rel.n} communities`,
    );
  }
  const reportMs = ms(median(reportTimes));
  console.log(
    `Whole-company report, every section (${RUNS} runs): median ${reportMs} ms, max ${ms(Math.max(...reportTimes))} ms (target: under ${TARGETS.report_ms} ms)`,
  );
  const sectionTimes: Record<string, number[]> = {};
  for (let i = 0; i < RUNS; i++) {
    await write();
    const p = reportParams(i);
    for (const [name, section] of Object.entries(SECTIONS)) (sectionTimes[name] ??= []).push((await timed<unknown>(() => section(p)))[1]);
  }
  const sectionsMs = Object.fromEntries(Object.entries(sectionTimes).map(([k, ts]) => [k, ms(median(ts))]));
  console.log(`Each section alone (${RUNS} runs, medians, ms): ${JSON.stringify(sectionsMs)}`);

  // 2b. the collection summary
  const summaryTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await write();
    const period = pick(periods);
    const cutoff = dayBetween(periodBounds(period).first, today);
    const [sum, took] = await timed(() =>
      withScope(t.db.prisma, tenantId, adminId, (scope) => collectionSummary(scope, ZSummary.parse({ period, scope: {}, cutoff }))),
    );
    summaryTimes.push(took);
    console.log(`  summary ${period} as of ${cutoff}: ${ms(took)} ms — 当期收缴率 ${(100 * (sum.rates.currentPeriod.rate ?? 0)).toFixed(2)} %`);
  }
  const summaryMs = ms(median(summaryTimes));
  console.log(`Collection summary (${RUNS} runs): median ${summaryMs} ms (target: under ${TARGETS.summary_ms} ms)`);

  // 3. the naive row-by-row statement against the rollup figures, every bucket of the range
  const cutoff = dayBetween(periodBounds(g.lastPeriod).first, today);
  const { buckets } = rangeBuckets({ grain: 'month', from: g.firstPeriod, to: g.lastPeriod, cutoff, today }, new Set());
  const rolled = await withScope(t.db.prisma, tenantId, adminId, (scope) =>
    bucketFigures(scope.db, { tenantId, timeZone: scope.timeZone, scope: {}, buckets, perCommunity: true }),
  );
  let naiveMs = 0;
  let compared = 0;
  for (const b of buckets) {
    const [rows, took] = await timed(() =>
      withScope(t.db.prisma, tenantId, adminId, (scope) =>
        summaryParts(scope.db, { tenantId, timeZone: scope.timeZone, period: b.firstMonth, lastPeriod: b.lastMonth, cutoff: b.cutoff }),
      ),
    );
    naiveMs += took;
    const expected = new Map([['*', figuresFromParts(sumParts(rows))]]);
    const byCommunity = new Map<string, typeof rows>();
    for (const r of rows) if (r.communityId) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), r]);
    for (const [c, rs] of byCommunity) expected.set(c, figuresFromParts(sumParts(rs)));
    const got = rolled.get(b.key) ?? new Map();
    for (const [k, want] of expected) {
      compared++;
      if (!isDeepStrictEqual(got.get(k), want)) {
        if (equal) console.log(`  DIFFERENT: ${b.key} ${k}: rollups ${JSON.stringify(got.get(k))} vs rows ${JSON.stringify(want)}`);
        equal = false;
      }
    }
  }
  console.log(
    `Naive row-by-row statement, ${buckets.length} months as of ${cutoff}: ${ms(naiveMs)} ms; ${compared} figures compared: ${equal ? 'all equal' : 'DIFFERENT'}`,
  );

  console.log(
    JSON.stringify({
      bills: g.counts.bills,
      generate_s: generateS,
      report_ms: reportMs,
      sections_ms: sectionsMs,
      summary_ms: summaryMs,
      naive_ms: ms(naiveMs),
      equal,
    }),
  );
} finally {
  await owner.end();
  if (reuse) await t.db.close();
  else if (process.env.BENCH_KEEP) console.log(`Kept: ${t.url} (drop it yourself)`);
  else await t.drop();
}

/** What demo:generate recorded of its run (its audit entry), for a database given with --database-url. */
async function generated(c: pg.Client, tenantId: string) {
  const { rows } = await c.query<{
    after: {
      firstPeriod: string;
      lastPeriod: string;
      counts: { bills: number; units: number; communities: number; payments: number; allocations: number; workOrders: number; onlineCharges?: number };
    };
  }>(`select after from "AuditLog" where "tenantId" = $1 and action = 'demo.generate' order by "createdAt" desc limit 1`, [tenantId]);
  if (!rows[0]) throw new Error('the database given has no demo:generate run');
  const { firstPeriod, lastPeriod, counts } = rows[0].after;
  return { firstPeriod, lastPeriod, counts: { onlineCharges: 0, ...counts }, seconds: Number.NaN, steps: {} as Record<string, number> };
}
