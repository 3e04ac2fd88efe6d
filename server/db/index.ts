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
  if (env.APP_DATABASE_URL) {
    logger.info('database: PostgreSQL from APP_DATABASE_URL');
    return connectPostgres(env.APP_DATABASE_URL);
  }
  if (env.DATABASE_URL) {
    // The owner's URL is for the migrate step only; the server never runs on it.
    throw new Error(
      'APP_DATABASE_URL is not set. DATABASE_URL (the database owner) is only used to migrate; the server ' +
        'connects as the role linli_app through APP_DATABASE_URL, e.g. postgresql://linli_app:<LINLI_APP_PASSWORD>@host/db ' +
        '(`npm start` derives it from DATABASE_URL and LINLI_APP_PASSWORD when unset). See README, "Production".',
    );
  }
  const dataDir = env.LINLI_DATA_DIR;
  logger.info({ dataDir }, 'database: embedded PGlite');
  return openEmbedded({
    dataDir,
    compileEagerly: true, // no request waits for V8 to compile the database engine (pglite.ts)
    async beforeAppRole(pglite) {
      const { applied } = await applyMigrations({ kind: 'pglite', db: pglite });
      if (applied.length) logger.info({ applied }, 'embedded database: migrations applied');
      await pglite.exec(EMBEDDED_JOBS_SETUP);
    },
  });
}
