// `npm run bench:checkout`: 200 residents of one community pay online at once, end to end in
// one process: startCheckout (each in its own tenant transaction, as a request), the local
// Stripe fake paying every session, its signed webhooks delivered into handleStripeWebhook —
// each one twice (a concurrent duplicate, as Stripe sometimes sends), and for 10 % of the
// payments a partial refund made at Stripe right after paying, so its charge.refunded often
// arrives before the payment's own event (answered 503 and retried by the fake's back-off).
// Runs on a throwaway PostgreSQL database (TEST_DATABASE_URL's server, else the local one).
// Checks: every payment recorded exactly once, refunds recorded once, and the sums reconcile:
// Σ payments − Σ refunds = Σ allocated + credit (over the online money records). Prints
// readable lines, then one JSON line: checkouts, payments, duplicates, reconciled,
// webhooks_per_s, webhook_p95_ms (handleStripeWebhook's own time per delivery: the route
// minus HTTP).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ZSignUp } from '../server/shared/schemas/tenancy';
import { createThrowawayDatabase, testServerUrl } from './lib/throwaway-db';
import { createAccountWithCompany } from '../server/tenancy/sign-up';
import { connectPostgres, type Database } from '../server/db/client';
import { withScope } from '../server/db/scope';
import { startStripeFake } from '../server/fakes/stripe';
import { handleStripeWebhook } from '../server/online-payments/webhook';
import { startCheckout } from '../server/online-payments/checkout';
import { getPaymentProvider } from '../server/online-payments/stripe-provider';

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 200);
const REFUND_EVERY = 10; // 10 % partially refunded
const WEBHOOK_WORKERS = Number(process.env.BENCH_WEBHOOK_WORKERS ?? 8); // concurrent webhook requests the "server" takes
const TIMEOUT_MS = 180_000;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]! : 0;
};
const ms = (x: number) => Number(x.toFixed(2));
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** At most `n` at a time (a server's request workers). */
function limiter(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

const t = await createThrowawayDatabase(testServerUrl(), 'linli_bench');
const saved = { ...process.env };
let fake: Awaited<ReturnType<typeof startStripeFake>> | null = null;
let app: Database | null = null;
try {
  console.log(`PostgreSQL: throwaway database on ${new URL(t.url).host}`);
  // The server's pool: 16 connections, requests wait for one up to a minute (the default gives up
  // sooner and answers 503, which Stripe would retry, but the benchmark wants every request served).
  app = connectPostgres(t.appUrl, { max: 16, acquireTimeoutMs: 60_000 });
  const prisma = app.prisma;
  const s = await createAccountWithCompany(
    prisma,
    ZSignUp.parse({ companyName: 'Bench 物业', slug: 'bench-pay', adminName: 'Bench', email: 'bench-pay@example.test', password: 'bench-pass-1' }),
  );
  const tenantId = s.tenant.id;

  // ── the webhook endpoint, timed, each event delivered twice ──
  const timings: number[] = [];
  let refundsEarly = 0;
  const statuses = new Map<number, number>();
  const duplicated = new Set<string>();
  const hold = new Map<string, number>(); // session id → deliveries of its completed event to refuse
  const gate = limiter(WEBHOOK_WORKERS);
  const handle = (body: string, sig: string) =>
    gate(async () => {
      const start = performance.now();
      const r = await handleStripeWebhook(prisma, body, sig);
      if (r.status === 503 && body.includes('"charge.refunded"')) refundsEarly++;
      timings.push(performance.now() - start);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      return r.status;
    });
  fake = await startStripeFake({
    deliver: async (body, sig) => {
      const e = JSON.parse(body) as { id: string; type: string; data: { object: { id: string } } };
      const id = e.id;
      // Half the refunded payments: their checkout event is first answered 503 (as by a
      // server briefly down), so the refund's charge.refunded is handled before the payment.
      const held = e.type === 'checkout.session.completed' ? (hold.get(e.data.object.id) ?? 0) : 0;
      if (held > 0) {
        hold.set(e.data.object.id, held - 1);
        statuses.set(503, (statuses.get(503) ?? 0) + 1);
        return 503;
      }
      if (!duplicated.has(id)) {
        duplicated.add(id);
        fake!.redeliver(id); // the duplicate, concurrently with this one
      }
      return handle(body, sig);
    },
    retryScale: 0.0005, // Stripe's back-off: 60 s → 30 ms, 300 s → 150 ms, …
    refunds: 'immediate',
    asyncDelayMs: null,
  });
  Object.assign(process.env, {
    LINLI_FAKES: '1',
    LINLI_STRIPE_FAKE_URL: fake.url,
    LINLI_STRIPE_FAKE_KEY: fake.secretKey,
    STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
    APP_URL: 'http://bench.test',
  });
  delete process.env.STRIPE_SECRET_KEY;
  const provider = getPaymentProvider()!;
  const account = await provider.createConnectedAccount({ tenantId, country: 'CN' });

  // ── one community, CHECKOUTS units, a resident (user) each with two open bills ──
  const owner = new pg.Client({ connectionString: t.url });
  await owner.connect();
  await owner.query(
    `insert into "OnlinePaymentSettings" ("tenantId", "id", "stripeAccountId", "status", "chargesEnabled", "payoutsEnabled", "detailsSubmitted", "methods", "updatedAt")
     values ($1, 'ops', $2, 'READY', true, true, true, array['card', 'alipay'], now())`,
    [tenantId, account.id],
  );
  fake.completeOnboarding(account.id); // its account.updated now finds the company by the account id
  await owner.query(`insert into "Community" ("tenantId", "id", "name", "updatedAt") values ($1, 'c1', '翠竹园', now())`, [tenantId]);
  await owner.query(`insert into "Building" ("tenantId", "id", "communityId", "name", "updatedAt") values ($1, 'b1', 'c1', '1号楼', now())`, [tenantId]);
  await owner.query(
    `insert into "Unit" ("tenantId", "id", "communityId", "buildingId", "number", "floor", "area", "updatedAt")
     select $1, 'u' || g, 'c1', 'b1', (100 + g)::text, 1, 88.50, now() from generate_series(1, $2::int) g`,
    [tenantId, CHECKOUTS],
  );
  await owner.query(
    `insert into "User" ("id", "email", "name") select 'bench-user-' || g, 'bench-r' || g || '@example.test', '住户' || g from generate_series(1, $1::int) g`,
    [CHECKOUTS],
  );
  await owner.query(
    `insert into "Membership" ("tenantId", "id", "userId", "role") select $1, 'm' || g, 'bench-user-' || g, 'RESIDENT' from generate_series(1, $2::int) g`,
    [tenantId, CHECKOUTS],
  );
  await owner.query(
    `insert into "Resident" ("tenantId", "id", "unitId", "name", "userId", "updatedAt")
     select $1, 'r' || g, 'u' || g, '住户' || g, 'bench-user-' || g, now() from generate_series(1, $2::int) g`,
    [tenantId, CHECKOUTS],
  );
  await owner.query(
    `insert into "FeeItem" ("tenantId", "id", "name", "calc", "communityIds", "updatedAt") values ($1, 'f1', '物业费', 'PER_AREA', array['c1'], now())`,
    [tenantId],
  );
  await owner.query(
    `insert into "Bill" ("tenantId", "id", "kind", "objectKind", "objectId", "unitId", "payerKind", "payerId", "feeItemId", "period", "amountFen", "dueDate", "createdById")
     select $1, 'bill-' || g || '-' || m, 'REGULAR', 'UNIT', 'u' || g, 'u' || g, 'UNIT', 'u' || g, 'f1', '2026-1' || m, 10000 + g * 7 + m * 1000,
            (current_date + 20), 'bench'
     from generate_series(1, $2::int) g, generate_series(0, 1) m`,
    [tenantId, CHECKOUTS],
  );
  await owner.end();

  // ── 200 concurrent checkouts ──
  // All submitted at once; the server's workers (as many as its pool has connections) take them in turn.
  const workers = limiter(16);
  const checkoutStart = performance.now();
  const started = await Promise.all(
    Array.from({ length: CHECKOUTS }, (_, i) =>
      workers(() => withScope(prisma, tenantId, `bench-user-${i + 1}`, (scope) => startCheckout(scope, { allDue: true }))),
    ),
  );
  const checkoutMs = performance.now() - checkoutStart;
  console.log(`checkouts: ${started.length} started concurrently in ${ms(checkoutMs)} ms`);

  // ── everyone pays; every 10th is partly refunded at Stripe at once ──
  const intents = await withScope(prisma, tenantId, 'bench', (scope) =>
    scope.db.checkoutIntent.findMany({ where: { tenantId }, select: { id: true, sessionId: true, amountFen: true } }),
  );
  const webhookStart = performance.now();
  let refunds = 0;
  let refundedFen = 0;
  await Promise.all(
    intents.map(async (intent, i) => {
      if (i % (2 * REFUND_EVERY) === 0) hold.set(intent.sessionId!, 2); // the event and its duplicate
      const session = fake!.pay(intent.sessionId!) as unknown as { payment_intent: string };
      if (i % REFUND_EVERY === 0) {
        const amountFen = Math.floor(intent.amountFen * 0.3);
        await provider.createRefund(account.id, { paymentIntentId: session.payment_intent, amountFen, onlineRefundId: randomUUID() });
        refunds++;
        refundedFen += amountFen;
      }
    }),
  );

  // ── until every delivery is answered 2xx (503s are retried by the back-off) ──
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    await fake.idle();
    const open = fake.deliveries().filter((d) => d.state === 'pending' || d.state === 'in_flight');
    if (!open.length) break;
    if (Date.now() > deadline) throw new Error(`${open.length} deliveries still open after ${TIMEOUT_MS} ms`);
    await sleep(20);
  }
  const webhookMs = performance.now() - webhookStart;
  const failedDeliveries = fake.deliveries().filter((d) => d.state === 'failed').length;

  // ── the ledger ──
  const figures = await withScope(prisma, tenantId, 'bench', async ({ db }) => {
    const [row] = await db.$queryRaw<
      {
        payments: bigint;
        paid: bigint;
        refunds: bigint;
        refunded: bigint;
        allocated: bigint;
        credit: bigint;
        intents_ok: bigint;
        charges: bigint;
        dup: bigint;
        refund_rows: bigint;
      }[]
    >`
      with online as (select * from "Payment" where "tenantId" = ${tenantId} and "method" = 'ONLINE')
      select
        (select count(*) from online where "kind" = 'PAYMENT') as payments,
        (select coalesce(sum("amountFen"), 0) from online where "kind" = 'PAYMENT') as paid,
        (select count(*) from online where "kind" = 'REFUND') as refunds,
        (select coalesce(sum("amountFen"), 0) from online where "kind" = 'REFUND') as refunded,
        (select coalesce(sum(a."amountFen"), 0) from "PaymentAllocation" a join online p on p."id" = a."paymentId" and a."tenantId" = p."tenantId") as allocated,
        (select coalesce(sum(c."amountFen"), 0) from "CreditEntry" c join online p on p."id" = c."paymentId" and c."tenantId" = p."tenantId") as credit,
        (select count(*) from "CheckoutIntent" where "tenantId" = ${tenantId} and "status" = 'SUCCEEDED') as intents_ok,
        (select count(*) from "OnlineCharge" where "tenantId" = ${tenantId}) as charges,
        (select count(*) from (select "externalRef" from online where "kind" = 'PAYMENT' group by 1 having count(*) > 1) d) as dup,
        (select count(*) from "OnlineRefund" where "tenantId" = ${tenantId} and "status" = 'SUCCEEDED') as refund_rows`;
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as { [K in keyof NonNullable<typeof row>]: number };
  });
  const chargedAtStripe = intents.reduce((s2, i) => s2 + i.amountFen, 0);
  const reconciled =
    figures.paid - figures.refunded === figures.allocated + figures.credit &&
    figures.paid === chargedAtStripe &&
    figures.refunded === refundedFen &&
    figures.refund_rows === refunds;
  const duplicates = figures.dup + Math.max(0, figures.payments - figures.intents_ok);

  const calls = timings.length;
  console.log(
    `payments: ${figures.payments} recorded for ${started.length} checkouts (${figures.intents_ok} intents SUCCEEDED, ${figures.charges} charges), duplicates ${duplicates}`,
  );
  console.log(`refunds: ${refundsEarly} charge.refunded deliveries came before their payment was recorded (503, retried)`);
  console.log(
    `refunds: ${figures.refunds} recorded of ${refunds} made at Stripe (¥${(figures.refunded / 100).toFixed(2)} of ¥${(refundedFen / 100).toFixed(2)})`,
  );
  console.log(
    `sums: paid ${figures.paid} − refunded ${figures.refunded} = ${figures.paid - figures.refunded}; allocated ${figures.allocated} + credit ${figures.credit} = ${figures.allocated + figures.credit}; Stripe charged ${chargedAtStripe} → ${reconciled ? 'reconciled' : 'NOT reconciled'}`,
  );
  console.log(
    `webhooks: ${calls} deliveries in ${ms(webhookMs)} ms (${ms((calls / webhookMs) * 1000)}/s), answers ${JSON.stringify(Object.fromEntries(statuses))}, failed deliveries ${failedDeliveries}; handler p50 ${ms(quantile(timings, 0.5))} ms, p95 ${ms(quantile(timings, 0.95))} ms`,
  );
  const ok = figures.payments === started.length && duplicates === 0 && reconciled && failedDeliveries === 0;
  console.log(
    JSON.stringify({
      checkouts: started.length,
      payments: figures.payments,
      duplicates,
      reconciled,
      webhooks_per_s: ms((calls / webhookMs) * 1000),
      webhook_p95_ms: ms(quantile(timings, 0.95)),
    }),
  );
  if (!ok) process.exitCode = 1;
} finally {
  await fake?.stop();
  await app?.close();
  await t.db.close();
  process.env = saved;
  await t.drop();
}
