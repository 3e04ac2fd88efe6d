import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { openEmbedded, type Database } from '@/server/db/client';
import { applyMigrations } from '@/server/db/schema-engine';
import { EMBEDDED_JOBS_SETUP } from '@/server/jobs/setup';

/**
 * The embedded database exactly as the app opens it (server/db/index.ts): migrations and the
 * job-queue schema as PGlite's superuser, then the session runs as linli_app for good.
 * No dataDir → in memory.
 */
export function openMigrated(dataDir?: string): Promise<Database> {
  return openEmbedded({
    dataDir,
    async beforeAppRole(pglite) {
      await applyMigrations({ kind: 'pglite', db: pglite });
      await pglite.exec(EMBEDDED_JOBS_SETUP);
    },
  });
}

/**
 * Runs `fn` as the superuser (the migration owner, RLS does not apply) in one transaction on
 * the shared session; the role goes back to linli_app when it ends (SET LOCAL). PGlite queues
 * every other statement behind it.
 */
export async function asOwner<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const pglite: PGlite = db.pglite!;
  return pglite.transaction(async (tx) => {
    await tx.exec('SET LOCAL ROLE NONE');
    return fn(tx);
  });
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'linli-embedded-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
