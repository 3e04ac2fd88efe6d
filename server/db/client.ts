import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaClient } from './generated/client';
import { acquireLock } from './lock';
import { logger } from '../logger';

export type { PrismaClient };
export const APP_ROLE = 'linli_app';
/** How long a request waits for a pooled connection before it is answered 503 (LINLI_DB_ACQUIRE_TIMEOUT_MS). */
export const POOL_ACQUIRE_TIMEOUT_MS = Number(process.env.LINLI_DB_ACQUIRE_TIMEOUT_MS) > 0 ? Number(process.env.LINLI_DB_ACQUIRE_TIMEOUT_MS) : 10_000;

/**
 * A database Linli talks to. `prisma` runs every query as the plain role linli_app, so
 * row-level security applies; nothing tenant-owned is read through it except inside
 * `withTenant` (server/db/tenant.ts).
 */
export interface Database {
  mode: 'postgres' | 'embedded';
  prisma: PrismaClient;
  /** embedded only: the PGlite instance (shared by Prisma and the job queue) */
  pglite?: PGlite;
  /** postgres only: the linli_app login (APP_DATABASE_URL; the job queue uses it too) */
  appUrl?: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL: `appUrl` logs in as linli_app itself (APP_DATABASE_URL), directly or through
 * PgBouncer in transaction mode. The server never holds the owner's connection, so no query
 * can switch back to it (RESET ROLE is a no-op); `assertAppRole` checks this at start.
 * Statements are unnamed (adapter-pg caches none unless given a statementNameGenerator,
 * which must stay unset: named statements break under transaction pooling), and nothing is
 * set per session: every setting is transaction-local.
 */
export function connectPostgres(appUrl: string, opts: { max?: number; acquireTimeoutMs?: number } = {}): Database {
  // A request waits at most acquireTimeoutMs for a free connection; then pg fails with "timeout
  // exceeded when trying to connect", which the API answers as 503 with Retry-After
  // (server/api/errors.ts) instead of queueing requests until everything times out.
  const pool = new pg.Pool({
    connectionString: appUrl,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.acquireTimeoutMs ?? POOL_ACQUIRE_TIMEOUT_MS,
  });
  // A connection the server ends (restart, failover, a database dropped WITH (FORCE)) reports an
  // error event; the pool then discards it. Prisma's adapter listens only while connected, and a
  // client the pool is still closing has no listener at all: without one of our own, such an
  // event would crash the process.
  const onConnectionError = (err: Error) => logger.warn({ err: err.message }, 'database connection ended by the server');
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    mode: 'postgres',
    prisma,
    appUrl,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/**
 * Refuses a connection that is not the plain app role: a superuser, a BYPASSRLS role or a
 * table owner would silently bypass row-level security. Run at start and by test helpers.
 */
export async function assertAppRole(prisma: PrismaClient): Promise<void> {
  const [r] = await prisma.$queryRaw<
    { cu: string; su: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }[]
  >`select current_user::text as cu, session_user::text as su, r.rolsuper, r.rolbypassrls,
      (select count(*)::int from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owns
    from pg_roles r where r.rolname = session_user`;
  if (!r || r.cu !== APP_ROLE || r.su !== APP_ROLE || r.rolsuper || r.rolbypassrls || r.owns > 0) {
    throw new Error(
      `APP_DATABASE_URL must log in as the role ${APP_ROLE} (no superuser, no BYPASSRLS, owning no tables); ` +
        `it logged in as ${r?.su ?? '?'}${r?.rolsuper ? ' (a superuser)' : ''}${r?.rolbypassrls ? ' (BYPASSRLS)' : ''}` +
        `${r && r.owns > 0 ? ' (owns tables)' : ''}. DATABASE_URL, the owner, is only for migrations.`,
    );
  }
}

export interface EmbeddedOptions {
  /** folder for the data; omitted → in memory (tests) */
  dataDir?: string;
  /** runs as the superuser before the app role takes over (migrations, job-queue setup) */
  beforeAppRole?: (pglite: PGlite) => Promise<void>;
  /** the server: PGlite's WebAssembly compiled whole as it opens (pglite.ts) */
  compileEagerly?: boolean;
}

/**
 * The embedded database: PGlite in this process, with a lock file so a second process
 * is refused with a clear message instead of corrupting the folder. Migrations (run by
 * `beforeAppRole`) run as PGlite's superuser; afterwards the one shared session is
 * switched to linli_app for good, so row-level security applies to every app query.
 */
export async function openEmbedded(opts: EmbeddedOptions = {}): Promise<Database> {
  const { openPglite } = await import('./pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  let release = () => {};
  let pglite: PGlite;
  if (opts.dataDir) {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    release = acquireLock(join(dir, 'pglite.lock'));
    try {
      pglite = await openPglite(join(dir, 'pglite'), { compileEagerly: opts.compileEagerly });
    } catch (e) {
      release();
      throw e;
    }
  } else {
    pglite = await openPglite(undefined, { compileEagerly: opts.compileEagerly });
  }
  try {
    await opts.beforeAppRole?.(pglite);
    await pglite.exec(`SET ROLE ${APP_ROLE}`);
  } catch (e) {
    await pglite.close().catch(() => {});
    release();
    throw e;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    mode: 'embedded',
    prisma,
    pglite,
    async close() {
      await prisma.$disconnect();
      await pglite.close().catch(() => {});
      release();
    },
  };
}

/**
 * Refreshes the planner's statistics of the embedded database. PGlite runs no autovacuum, so
 * without this its tables are never analyzed: the planner guesses a handful of rows per table
 * and picks nested loops over thousands (the demo's arrears: 880 ms cold, 220 ms analyzed).
 * Run at start (after migrations and the demo seed) and every six hours by the job queue
 * (server/jobs). As the superuser for the one statement (the app role owns no table), in a
 * transaction that PGlite queues behind any open one. PostgreSQL: nothing (autovacuum).
 */
export async function analyzeEmbedded(db: Database): Promise<boolean> {
  if (db.mode !== 'embedded' || !db.pglite) return false;
  await db.pglite.transaction(async (tx) => {
    await tx.exec('SET LOCAL ROLE NONE');
    await tx.exec('ANALYZE');
  });
  return true;
}
