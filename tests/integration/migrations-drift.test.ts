import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { readdirSync } from 'node:fs';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { applyMigrations, checkDrift } from '@/server/db/schema-engine';

describe.skipIf(!pgServerUrl())("Linli's migrations on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(); // applies prisma/migrations through Prisma's engine
  });
  afterAll(() => t?.drop());

  it('records every migration folder in _prisma_migrations with a checksum, finished', async () => {
    const folders = readdirSync('prisma/migrations', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    const r = await c.query(`select migration_name, checksum, finished_at from _prisma_migrations order by migration_name`);
    await c.end();
    expect(r.rows.map((x) => x.migration_name)).toEqual(folders);
    for (const row of r.rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations({ kind: 'postgres', url: t.url })).toEqual({ applied: [] });
  });

  it('has no drift between the migrated database and schema.prisma', async () => {
    const d = await checkDrift({ kind: 'postgres', url: t.url });
    expect(d.drift, d.script).toBe(false);
  });
});
