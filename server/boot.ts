import { appUrl, env } from './env';
import { getDatabase } from './db';
import { analyzeEmbedded, assertAppRole } from './db/client';
import { startJobs } from './jobs';
import { logger } from './logger';
import { authSecret } from './auth/secret';

const g = globalThis as unknown as { __linliBoot?: Promise<void> };

/**
 * Start-up, once per server process: migrations, the demo seed where it belongs, and the
 * background job workers. Embedded mode migrates inside getDatabase (same process that
 * holds the folder lock); PostgreSQL is migrated before the server starts, by the owner in
 * a separate step (npm run db:migrate, npm start), and the server checks it holds only the
 * app role.
 */
export function boot(): Promise<void> {
  g.__linliBoot ??= (async () => {
    authSecret(); // fail fast on a missing secret, and create the demo one before requests
    appUrl(); // fail fast on a missing APP_URL in production (links in e-mails)
    const db = await getDatabase();
    if (db.mode === 'postgres') await checkPostgres(db.prisma);
    const wantsDemo = db.mode === 'embedded' ? (await db.prisma.tenant.count()) === 0 : env.LINLI_SEED_DEMO === '1';
    if (wantsDemo) {
      const { seedDemo } = await import('../prisma/seed');
      if (await seedDemo(db.prisma)) logger.info('demo company seeded (slug "demo"; logins in README)');
    }
    // With the Stripe fake standing in for Stripe, the demo company takes online payment (a READY
    // connected account on the fake); nothing happens with real keys or without the demo.
    const { seedDemoOnlinePayment } = await import('../prisma/seed-online-payment');
    await seedDemoOnlinePayment(db.prisma).catch((e: unknown) => logger.warn({ err: e }, 'demo company: online payment not set up on the Stripe fake'));
    // The embedded database has no autovacuum: statistics for the planner once the data is in.
    await analyzeEmbedded(db).catch((e: unknown) => logger.warn({ err: e }, 'embedded database: analyze failed'));
    const boss = await startJobs(db);
    // Close cleanly on Ctrl-C / SIGTERM: the embedded database flushes and frees its folder.
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        void (async () => {
          await boss.stop({ graceful: false, timeout: 3000 }).catch(() => {});
          await db.close().catch(() => {});
        })().finally(() => process.exit(0));
      });
    }
    logger.info({ mode: db.mode }, 'Linli ready');
  })();
  return g.__linliBoot;
}

async function checkPostgres(prisma: Awaited<ReturnType<typeof getDatabase>>['prisma']) {
  try {
    await assertAppRole(prisma);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password authentication|Authentication failed|no password|role .* does not exist|not permitted to log in/i.test(msg)) {
      throw new Error(
        `APP_DATABASE_URL cannot log in as linli_app (${msg}). Run the migrate step with LINLI_APP_PASSWORD set (npm run db:migrate) and use that password in APP_DATABASE_URL.`,
      );
    }
    throw e;
  }
  const [m] = await prisma.$queryRaw<{ ok: boolean }[]>`select to_regclass('public."Tenant"') is not null as ok`;
  if (!m?.ok) throw new Error('The database has no Linli tables: run the migrate step first (DATABASE_URL=… npm run db:migrate).');
}
