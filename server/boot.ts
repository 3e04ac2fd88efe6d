import { env } from './env';
import { getDatabase } from './db';
import { applyMigrations } from './db/schema-engine';
import { startJobs } from './jobs';
import { logger } from './logger';
import { authSecret } from './auth/secret';

const g = globalThis as unknown as { __linliBoot?: Promise<void> };

/**
 * Start-up, once per server process: migrations, the demo seed where it belongs, and the
 * background job workers. Embedded mode migrates inside getDatabase (same process that
 * holds the folder lock); PostgreSQL is migrated here through the owner's connection.
 */
export function boot(): Promise<void> {
  g.__linliBoot ??= (async () => {
    authSecret(); // fail fast on a missing secret, and create the demo one before requests
    if (env.DATABASE_URL) {
      const { applied } = await applyMigrations({ kind: 'postgres', url: env.DATABASE_URL });
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    const db = await getDatabase();
    const wantsDemo = db.mode === 'embedded' ? (await db.prisma.tenant.count()) === 0 : env.LINLI_SEED_DEMO === '1';
    if (wantsDemo) {
      const { seedDemo } = await import('../prisma/seed');
      if (await seedDemo(db.prisma)) logger.info('demo company seeded (slug "demo"; logins in README)');
    }
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
