import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from '@/server/db/pglite';
import { applyMigrations, checkDrift } from '@/server/db/schema-engine';

// The embedded database is migrated by the app itself at start-up, on Prisma's own schema
// engine (wasm). A fresh in-memory PGlite must end up exactly at the folders' state.
const folders = readdirSync(join(process.cwd(), 'prisma/migrations'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('migrations on a fresh embedded database (PGlite)', () => {
  let pglite: PGlite;
  let firstRun: string[];

  beforeAll(async () => {
    pglite = await openPglite(); // superuser, in memory, with pg_trgm: as server/db/index.ts runs them
    firstRun = (await applyMigrations({ kind: 'pglite', db: pglite })).applied;
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it('applies every folder of prisma/migrations, in order', () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(folders);
  });

  it('records each folder in _prisma_migrations as finished', async () => {
    const r = await pglite.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null; checksum: string }>(
      `select migration_name, finished_at, rolled_back_at, logs, checksum from "_prisma_migrations" order by migration_name`,
    );
    expect(r.rows.map((x) => x.migration_name)).toEqual(folders);
    for (const row of r.rows) {
      expect(row.finished_at, row.migration_name).toBeInstanceOf(Date);
      expect(row.rolled_back_at, row.migration_name).toBeNull();
      expect(row.logs ?? '', row.migration_name).toBe('');
      expect(row.checksum, row.migration_name).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('applies nothing the second time', async () => {
    const again = await applyMigrations({ kind: 'pglite', db: pglite });
    expect(again.applied).toEqual([]);
    const n = await pglite.query<{ n: number }>(`select count(*)::int as n from "_prisma_migrations"`);
    expect(n.rows[0]!.n).toBe(folders.length);
  });

  it('reports no drift between the migrated database and schema.prisma', async () => {
    const { drift, script } = await checkDrift({ kind: 'pglite', db: pglite });
    expect(script.trim() === '' || !/\b(CREATE|ALTER|DROP)\b/.test(script), script).toBe(true);
    expect(drift).toBe(false);
  });

  // Control: the drift check does see a change the schema does not describe.
  it('does report drift once the database differs from schema.prisma', async () => {
    await pglite.exec(`ALTER TABLE "Tenant" ADD COLUMN "notInSchema" text`);
    try {
      const { drift, script } = await checkDrift({ kind: 'pglite', db: pglite });
      expect(drift).toBe(true);
      expect(script).toMatch(/notInSchema/);
    } finally {
      await pglite.exec(`ALTER TABLE "Tenant" DROP COLUMN "notInSchema"`);
    }
  });
});
