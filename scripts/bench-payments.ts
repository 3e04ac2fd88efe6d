// `npx tsx scripts/bench-payments.ts` (npm run bench:payments): 1,000 offline payments with
// receipts through the payment service, each in its own tenant transaction like a request:
// first 500 one at a time, then 500 from 4 concurrent workers on 4 separate connections (with
// a few transactions rolled back after taking their receipt number). Runs on a throwaway
// PostgreSQL database (TEST_DATABASE_URL's server, else the local one; never DATABASE_URL).
// Then 100 idempotent retries (BENCH_RETRIES): keyed payments each sent twice with one key, half
// of the retries fired while the original is still in flight; each must return the same payment.
// Afterwards it checks the database: receipt numbers without gaps, no bill over-allocated, no
// duplicate payment from a retry.
// Prints readable lines, then one JSON line of figures.
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createThrowawayDatabase, testServerUrl } from './lib/throwaway-db';
import { connectPostgres, type Database } from '../server/db/client';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { withTenant } from '../server/db/tenant';
import { localDate } from '../server/shared/calendar';
import { recordPayment } from '../server/payments/record-payment';
import { tenantScope } from '../server/db/scope';
import { ZRecordPayment } from '../server/shared/schemas/payments';

process.env.LOG_LEVEL ??= 'warn';
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 1_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 2_000);
const SPACES = 200;
const WORKERS = 4;
const ROLLBACK_EVERY = 50; // in the concurrent phase, every 50th transaction fails after taking its number
const TZ = 'Asia/Shanghai';
const METHODS = ['CASH', 'WECHAT', 'ALIPAY', 'BANK_TRANSFER', 'POS'] as const;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const ms = (x: number) => Number(x.toFixed(2));

// A deterministic pseudo-random sequence, so runs are comparable.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const t = await createThrowawayDatabase(testServerUrl(), 'linli_bench');
const clients: Database[] = [];
try {
  console.log(`PostgreSQL: throwaway database on ${new URL(t.url).host}`);
  const s = await createAccountWithCompany(
    t.db.prisma,
    ZSignUp.parse({ companyName: 'Bench 物业', slug: 'bench', adminName: 'Bench', email: 'bench@example.test', password: 'bench-pass-1' }),
  );
  const tenantId = s.tenant.id;
  const actorId = s.userId;
  // The company as a request's scope has it (read once: the benchmark measures the service).
  const company = { ...s.tenant, timeZone: TZ, locale: 'zh-CN', currency: 'CNY' };

  // The register and the bills, set-based through the owner connection.
  const owner = new pg.Client({ connectionString: t.url });
  await owner.connect();
  const setupStart = performance.now();
  await owner.query(`insert into "Community" ("tenantId", "id", "name", "updatedAt") values ($1, 'c1', '翠竹园', now())`, [tenantId]);
  await owner.query(
    `insert into "Building" ("tenantId", "id", "communityId", "name", "updatedAt")
     select $1, 'b' || g, 'c1', g || '号楼', now() from generate_series(1, 20) g`,
    [tenantId],
  );
  await owner.query(
    `insert into "Unit" ("tenantId", "id", "communityId", "buildingId", "number", "floor", "area", "updatedAt")
     select $1, 'u' || g, 'c1', 'b' || (1 + g % 20), (100 + g)::text, 1 + g % 30, (60 + (g % 90))::numeric(10, 2), now()
     from generate_series(1, $2::int) g`,
    [tenantId, UNITS],
  );
  await owner.query(
    `insert into "ParkingSpace" ("tenantId", "id", "communityId", "number", "renterName", "updatedAt")
     select $1, 'p' || g, 'c1', 'B-' || g, '租户' || g, now() from generate_series(1, $2::int) g`,
    [tenantId, SPACES],
  );
  await owner.query(
    `insert into "FeeItem" ("tenantId", "id", "name", "calc", "communityIds", "updatedAt") values ($1, 'f1', '物业费', 'PER_AREA', array['c1'], now())`,
    [tenantId],
  );
  // Three months of property fees per unit, and two months of rent per parking space.
  const bills = await owner.query(
    `insert into "Bill" ("tenantId", "id", "kind", "objectKind", "objectId", "unitId", "payerKind", "payerId", "feeItemId", "period", "amountFen", "dueDate", "createdById")
     select $1, gen_random_uuid()::text, 'REGULAR', 'UNIT', u.id, u.id, 'UNIT', u.id, 'f1', p, (u.area * 235)::int, (p || '-15')::date, $2
     from "Unit" u, unnest(array['2026-08', '2026-09', '2026-10']) p where u."tenantId" = $1`,
    [tenantId, actorId],
  );
  const rent = await owner.query(
    `insert into "Bill" ("tenantId", "id", "kind", "objectKind", "objectId", "parkingSpaceId", "payerKind", "payerId", "period", "description", "amountFen", "dueDate", "createdById")
     select $1, gen_random_uuid()::text, 'ONE_OFF', 'PARKING', s.id, s.id, 'PARKING', s.id, p, '车位租金 ' || p, 15000, (p || '-05')::date, $2
     from "ParkingSpace" s, unnest(array['2026-09', '2026-10']) p where s."tenantId" = $1`,
    [tenantId, actorId],
  );
  await owner.query('analyze');
  console.log(
    `Register: ${UNITS} units with ${bills.rowCount} bills, ${SPACES} parking spaces with ${rent.rowCount} bills (${((performance.now() - setupStart) / 1000).toFixed(2)} s)`,
  );

  const receivedOn = localDate(TZ);
  /** One payment as a request would make it: its own transaction, then the service. */
  const pay = async (db: Database, i: number, rollback = false) => {
    const space = rand() < 0.1;
    const payer = space
      ? { kind: 'PARKING' as const, id: `p${1 + Math.floor(rand() * SPACES)}` }
      : { kind: 'UNIT' as const, id: `u${1 + Math.floor(rand() * UNITS)}` };
    // Partial payments, exact months, and overpayments that become credit.
    const amountFen = space ? 15_000 : 5_000 + Math.floor(rand() * 40_000);
    const started = performance.now();
    await withTenant(db.prisma, tenantId, async (tx) => {
      await recordPayment(
        tenantScope(tx, company, actorId),
        ZRecordPayment.parse({ payer, method: METHODS[i % METHODS.length]!, amountFen, receivedOn, useCredit: i % 7 === 0 }),
      );
      if (rollback) throw new Error('rolled back on purpose');
    }).catch((e: unknown) => {
      if (!rollback) throw e;
    });
    return performance.now() - started;
  };

  const seqN = Math.floor(PAYMENTS / 2);
  const conN = PAYMENTS - seqN;
  const one = connectPostgres(t.appUrl, { max: 1 });
  clients.push(one);
  // warm-up: connections and query plans (not counted)
  for (let i = 0; i < 20; i++) await withTenant(one.prisma, tenantId, (tx) => tx.$queryRaw`select 1`);

  const sequential: number[] = [];
  let started = performance.now();
  for (let i = 0; i < seqN; i++) sequential.push(await pay(one, i));
  const seqSeconds = (performance.now() - started) / 1000;
  console.log(
    `One at a time: ${seqN} payments in ${seqSeconds.toFixed(2)} s (${(seqN / seqSeconds).toFixed(0)}/s), median ${ms(quantile(sequential, 0.5))} ms, p95 ${ms(quantile(sequential, 0.95))} ms`,
  );

  const workers = Array.from({ length: WORKERS }, () => connectPostgres(t.appUrl, { max: 1 }));
  clients.push(...workers);
  const concurrent: number[] = [];
  let next = 0;
  let attempts = 0;
  let rolledBack = 0;
  started = performance.now();
  await Promise.all(
    workers.map(async (db) => {
      while (next < conN) {
        const rollback = ++attempts % ROLLBACK_EVERY === 0;
        if (rollback) {
          rolledBack++;
          await pay(db, seqN + attempts, true);
          continue;
        }
        next++;
        concurrent.push(await pay(db, seqN + next));
      }
    }),
  );
  const conSeconds = (performance.now() - started) / 1000;
  console.log(
    `${WORKERS} workers: ${conN} payments (+${rolledBack} rolled back after taking a number) in ${conSeconds.toFixed(2)} s (${(conN / conSeconds).toFixed(0)}/s), median ${ms(quantile(concurrent, 0.5))} ms, p95 ${ms(quantile(concurrent, 0.95))} ms`,
  );

  // Idempotent retries: keyed payments, each sent twice with the same key. The even ones retry
  // while the original is in flight (its transaction holds its commit until the retry's backend
  // is seen waiting for the key), the odd ones after it committed. Every retry must return the
  // original's payment, and no retry may record anything.
  const RETRIES = Number(process.env.BENCH_RETRIES ?? 100);
  const countPayments = async () => Number((await owner.query<{ n: string }>(`select count(*)::text as n from "Payment"`)).rows[0]!.n);
  const paymentsBefore = await countPayments();
  const [origDb, retryDb] = [workers[0]!, workers[1]!];
  let retriedInFlight = 0;
  let sameAnswer = 0;
  const retryMs: number[] = [];
  started = performance.now();
  for (let i = 0; i < RETRIES; i++) {
    const space = rand() < 0.1;
    const payer = space
      ? { kind: 'PARKING' as const, id: `p${1 + Math.floor(rand() * SPACES)}` }
      : { kind: 'UNIT' as const, id: `u${1 + Math.floor(rand() * UNITS)}` };
    const input = ZRecordPayment.parse({
      payer,
      method: METHODS[i % METHODS.length]!,
      amountFen: space ? 15_000 : 5_000 + Math.floor(rand() * 40_000),
      receivedOn,
      idempotencyKey: randomUUID(),
    });
    const whileInFlight = i % 2 === 0;
    const retry: { pid: number; done?: Promise<{ id: string; ms: number }> } = { pid: 0 };
    const fire = () => {
      const t0 = performance.now();
      retry.done = withTenant(retryDb.prisma, tenantId, async (tx) => {
        retry.pid = (await tx.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
        return recordPayment(tenantScope(tx, company, actorId), input);
      }).then((r) => ({ id: r.id, ms: performance.now() - t0 }));
    };
    const original = await withTenant(origDb.prisma, tenantId, async (tx) => {
      const r = await recordPayment(tenantScope(tx, company, actorId), input);
      if (whileInFlight) {
        fire();
        for (let k = 0; k < 2_500; k++) {
          const w = retry.pid ? await owner.query<{ w: string | null }>(`select wait_event_type as w from pg_stat_activity where pid = $1`, [retry.pid]) : null;
          if (w?.rows[0]?.w === 'Lock') {
            retriedInFlight++;
            break;
          }
          await new Promise((res) => setTimeout(res, 2));
        }
      }
      return r;
    });
    if (!whileInFlight) fire();
    const again = await retry.done!;
    retryMs.push(again.ms);
    if (again.id === original.id) sameAnswer++;
  }
  const duplicates = (await countPayments()) - paymentsBefore - RETRIES;
  console.log(
    `Idempotent retries: ${RETRIES} (${retriedInFlight} while the original was in flight) in ${((performance.now() - started) / 1000).toFixed(2)} s; ` +
      `${sameAnswer} returned the original payment, ${duplicates} duplicate payments; retry median ${ms(quantile(retryMs, 0.5))} ms`,
  );

  // What the database says afterwards.
  const gaps = await owner.query<{ gaps: string; payments: string }>(
    `select coalesce(sum(hi - n), 0)::text as gaps, coalesce(sum(n), 0)::text as payments
     from (select max("receiptNo") as hi, count(*) as n from "Payment" where "receiptNo" is not null group by "tenantId", "receiptYear") y`,
  );
  const counter = await owner.query<{ ok: boolean }>(
    `select bool_and(c."lastNo" = (select max(p."receiptNo") from "Payment" p where p."tenantId" = c."tenantId" and p."receiptYear" = c."year")) as ok from "ReceiptCounter" c`,
  );
  const over = await owner.query<{ n: string; mismatched: string }>(
    `select count(*) filter (where b."paidFen" + b."adjustedFen" > b."amountFen" or coalesce(a.s, 0) + b."adjustedFen" > b."amountFen")::text as n,
            count(*) filter (where coalesce(a.s, 0) <> b."paidFen")::text as mismatched
     from "Bill" b left join (select "billId", sum("amountFen") as s from "PaymentAllocation" group by 1) a on a."billId" = b.id`,
  );
  const credit = await owner.query<{ s: string }>(`select coalesce(sum("amountFen"), 0)::text as s from "CreditEntry"`);
  await owner.end();
  const receiptGaps = Number(gaps.rows[0]!.gaps);
  const overAllocated = Number(over.rows[0]!.n);
  console.log(
    `Database: ${gaps.rows[0]!.payments} receipts, ${receiptGaps} gaps, counter matches: ${counter.rows[0]!.ok}; ` +
      `${overAllocated} bills over-allocated, ${over.rows[0]!.mismatched} with paidFen ≠ Σ allocations; credit balance total ¥${(Number(credit.rows[0]!.s) / 100).toFixed(2)}`,
  );
  const all = [...sequential, ...concurrent];
  console.log(`All ${all.length} payments: median ${ms(quantile(all, 0.5))} ms, p95 ${ms(quantile(all, 0.95))} ms (target: median under 50 ms)`);
  console.log(
    JSON.stringify({
      payments: all.length,
      median_ms: ms(quantile(all, 0.5)),
      p95_ms: ms(quantile(all, 0.95)),
      sequential_median_ms: ms(quantile(sequential, 0.5)),
      concurrent_median_ms: ms(quantile(concurrent, 0.5)),
      receipt_gaps: receiptGaps,
      over_allocated: overAllocated,
      idempotent_retries: RETRIES,
      idempotent_retries_in_flight: retriedInFlight,
      idempotent_retries_same_payment: sameAnswer,
      duplicates,
    }),
  );
  if (receiptGaps !== 0 || overAllocated !== 0 || Number(over.rows[0]!.mismatched) !== 0 || !counter.rows[0]!.ok) process.exitCode = 1;
  if (sameAnswer !== RETRIES || duplicates !== 0 || retriedInFlight < Math.ceil(RETRIES / 2)) process.exitCode = 1;
} finally {
  await Promise.all(clients.map((c) => c.close()));
  // Database.close() can resolve while a pooled socket is still ending; DROP DATABASE … (FORCE)
  // would then kill it and the pool would raise an unhandled 'error'. Let the sockets finish.
  await new Promise((r) => setTimeout(r, 300));
  await t.drop();
}
