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
  /** postgres only: the owner connection string (migrations, job queue) */
  ownerUrl?: string;
  close(): Promise<void>;
}

/** PostgreSQL: every pooled connection runs as linli_app (session_user stays the owner). */
export function connectPostgres(ownerUrl: string, opts: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: ownerUrl, options: `-c role=${APP_ROLE}`, max: opts.max ?? 10 });
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
    ownerUrl,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

export interface EmbeddedOptions {
  /** folder for the data; omitted → in memory (tests) */
  dataDir?: string;
  /** runs as the superuser before the app role takes over (migrations, job-queue setup) */
  beforeAppRole?: (pglite: PGlite) => Promise<void>;
}

/**
 * The embedded database: PGlite in this process, with a lock file so a second process
 * is refused with a clear message instead of corrupting the folder. Migrations (run by
 * `beforeAppRole`) run as PGlite's superuser; afterwards the one shared session is
 * switched to linli_app for good, so row-level security applies to every app query.
 */
export async function openEmbedded(opts: EmbeddedOptions = {}): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  let release = () => {};
  let pglite: PGlite;
  if (opts.dataDir) {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    release = acquireLock(join(dir, 'pglite.lock'));
    try {
      pglite = await PGlite.create(join(dir, 'pglite'));
    } catch (e) {
      release();
      throw e;
    }
  } else {
    pglite = await PGlite.create();
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
