import { env } from '../env';
import { connectPostgres, openEmbedded, type Database } from './client';
import { applyMigrations } from './schema-engine';
import { logger } from '../logger';
import { EMBEDDED_JOBS_SETUP } from '../jobs/setup';

const g = globalThis as unknown as { __linliDb?: Promise<Database> };

/**
 * The process-wide database, opened on first use (never at import: `next build` imports
 * modules in worker processes, and the embedded folder allows one opener). Cached on
 * globalThis so hot reload and the instrumentation hook share one instance.
 */
export function getDatabase(): Promise<Database> {
  g.__linliDb ??= open().catch((e) => {
    g.__linliDb = undefined;
    throw e;
  });
  return g.__linliDb;
}

/** Tests and scripts may install their own database (e.g. a throwaway PostgreSQL). */
export function setDatabase(db: Database) {
  g.__linliDb = Promise.resolve(db);
}

async function open(): Promise<Database> {
  if (env.DATABASE_URL) {
    logger.info('database: PostgreSQL from DATABASE_URL');
    return connectPostgres(env.DATABASE_URL);
  }
  const dataDir = env.LINLI_DATA_DIR;
  logger.info({ dataDir }, 'database: embedded PGlite');
  return openEmbedded({
    dataDir,
    async beforeAppRole(pglite) {
      const { applied } = await applyMigrations({ kind: 'pglite', db: pglite });
      if (applied.length) logger.info({ applied }, 'embedded database: migrations applied');
      await pglite.exec(EMBEDDED_JOBS_SETUP);
    },
  });
}
