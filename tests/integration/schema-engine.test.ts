/**
 * Prisma Migrate on the wasm schema engine (server/db/schema-engine.ts), against a scratch
 * schema in a temp folder: writing migrations (shadow database on PostgreSQL), applying them to
 * PostgreSQL and to PGlite, drift, and hand-written SQL (role, RLS, policy) in a migration.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, checkDrift, createMigration } from '../../server/db/schema-engine';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const DB_GEN = `se_test_gen_${suffix}`; // createMigration's connection (only creates the shadow)
const DB_APPLY = `se_test_apply_${suffix}`; // migrations applied here
const ROLE = `se_test_app_${suffix}`; // cluster-wide, so unique per run

const SCHEMA = `generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "postgresql"
}

model Tenant {
  id    String @id
  name  String
  units Unit[]
}

model Unit {
  tenantId String
  id       String
  label    String
  tenant   Tenant @relation(fields: [tenantId], references: [id])

  @@id([tenantId, id])
}
`;
// the same schema with one more column: the database has not seen it
const SCHEMA_WITH_COLUMN = SCHEMA.replace('  label    String\n', '  label    String\n  floor    Int?\n');

// Prisma cannot express these; the DO block holds semicolons, so it also proves the script is
// not split into statements on the way to the database.
const HAND_WRITTEN = `-- hand-written: role, grants, row-level security
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE "${ROLE}" NOLOGIN;
  END IF;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON "Unit" TO "${ROLE}";
ALTER TABLE "Unit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Unit" FORCE ROW LEVEL SECURITY;
CREATE POLICY unit_tenant ON "Unit"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE UNIQUE INDEX unit_one_ground_label ON "Unit" ("tenantId", "label") WHERE "label" LIKE 'G%';
`;

function dbUrl(database: string): string {
  const u = new URL(SERVER);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = [], url = SERVER) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const shadowDatabases = async () =>
  (await admin<{ datname: string }>("select datname from pg_database where datname like 'prisma_shadow_%'")).map((r) => r.datname);

let dir: string;
let migrationsDir: string;
let schemaPath: string;
let schemaWithColumnPath: string;
let initFolder: string;
let lite: PGlite;
const pgTarget = { kind: 'postgres' as const, url: dbUrl(DB_APPLY) };

describe('schema engine (wasm)', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linli-se-'));
    migrationsDir = join(dir, 'migrations');
    schemaPath = join(dir, 'schema.prisma');
    schemaWithColumnPath = join(dir, 'with-column', 'schema.prisma');
    await writeFile(schemaPath, SCHEMA);
    await mkdir(join(dir, 'with-column'));
    await writeFile(schemaWithColumnPath, SCHEMA_WITH_COLUMN);
    await admin(`CREATE DATABASE "${DB_GEN}"`);
    await admin(`CREATE DATABASE "${DB_APPLY}"`);
    lite = new PGlite();
  });

  afterAll(async () => {
    await lite?.close();
    for (const db of [DB_GEN, DB_APPLY]) await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin(`DROP ROLE IF EXISTS "${ROLE}"`);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the first migration from the schema, then nothing when they agree', async () => {
    const shadowsBefore = await shadowDatabases();
    const first = await createMigration(dbUrl(DB_GEN), 'init', { migrationsDir, schemaPath });
    expect(first.folder).toMatch(/[/\\]\d{14}_init$/);
    initFolder = first.folder!;
    const sql = await readFile(join(initFolder, 'migration.sql'), 'utf8');
    expect(sql).toBe(first.script);
    expect(sql).toContain('CREATE TABLE "Unit"');
    expect(sql).toContain('PRIMARY KEY ("tenantId","id")');
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toMatch(/provider = "postgresql"/);

    const again = await createMigration(dbUrl(DB_GEN), 'again', { migrationsDir, schemaPath });
    expect(again.folder).toBeNull();
    expect((await readdir(migrationsDir)).filter((f) => f.endsWith('_again'))).toEqual([]);

    // the shadow databases were dropped, and nothing was created in the database named by the URL
    expect((await shadowDatabases()).filter((d) => !shadowsBefore.includes(d))).toEqual([]);
    expect(await admin("select tablename from pg_tables where schemaname = 'public'", [], dbUrl(DB_GEN))).toEqual([]);
  });

  it('treats hand-written SQL in a migration as no schema change', async () => {
    const stamp = BigInt(initFolder.match(/(\d{14})_init$/)![1]!) + 1n;
    await mkdir(join(migrationsDir, `${stamp}_rls`));
    await writeFile(join(migrationsDir, `${stamp}_rls`, 'migration.sql'), HAND_WRITTEN);

    const next = await createMigration(dbUrl(DB_GEN), 'after_rls', { migrationsDir, schemaPath });
    expect(next).toEqual({ folder: null, script: expect.any(String) });
  });

  it('applies to PostgreSQL once, records checksums, and reports no drift', async () => {
    const { applied } = await applyMigrations(pgTarget, { migrationsDir });
    expect(applied).toHaveLength(2);
    expect(applied[0]).toMatch(/_init$/);
    expect(applied[1]).toMatch(/_rls$/);
    expect(await applyMigrations(pgTarget, { migrationsDir })).toEqual({ applied: [] });

    const rows = await admin<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'select migration_name, checksum, finished_at from _prisma_migrations order by migration_name',
      [],
      pgTarget.url,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).not.toBeNull();
    }
    const [rls] = await admin<{ relrowsecurity: boolean; policies: number; role: boolean }>(
      `select c.relrowsecurity,
              (select count(*)::int from pg_policies where tablename = 'Unit') as policies,
              exists(select 1 from pg_roles where rolname = $1) as role
         from pg_class c where c.relname = 'Unit'`,
      [ROLE],
      pgTarget.url,
    );
    expect(rls).toEqual({ relrowsecurity: true, policies: 1, role: true });

    expect(await checkDrift(pgTarget, { schemaPath })).toMatchObject({ drift: false });
  });

  it('applies to an in-memory PGlite once and reports no drift', async () => {
    const target = { kind: 'pglite' as const, db: lite };
    const { applied } = await applyMigrations(target, { migrationsDir });
    expect(applied).toHaveLength(2);
    expect(await applyMigrations(target, { migrationsDir })).toEqual({ applied: [] });
    const { rows } = await lite.query<{ n: number }>("select count(*)::int as n from pg_policies where tablename = 'Unit'");
    expect(rows[0]!.n).toBe(1);
    expect(await checkDrift(target, { schemaPath })).toMatchObject({ drift: false });
    // the instance belongs to the caller and stays open
    expect(lite.closed).toBe(false);
  });

  it('reports drift when the schema has a column the database lacks', async () => {
    for (const target of [pgTarget, { kind: 'pglite' as const, db: lite }]) {
      const result = await checkDrift(target, { schemaPath: schemaWithColumnPath });
      expect(result.drift).toBe(true);
      expect(result.script).toContain('ADD COLUMN     "floor" INTEGER');
    }
  });

  it('writes the next migration for the new column; applying it clears the drift', async () => {
    const next = await createMigration(dbUrl(DB_GEN), 'unit_floor', { migrationsDir, schemaPath: schemaWithColumnPath });
    expect(next.folder).toMatch(/_unit_floor$/);
    expect(next.script).toContain('ALTER TABLE "Unit" ADD COLUMN     "floor" INTEGER');
    const { applied } = await applyMigrations(pgTarget, { migrationsDir });
    expect(applied).toEqual([next.folder!.split(/[/\\]/).pop()]);
    expect(await checkDrift(pgTarget, { schemaPath: schemaWithColumnPath })).toMatchObject({ drift: false });
  });

  it('fails a broken migration on PGlite instead of recording it as applied', async () => {
    const broken = join(dir, 'broken');
    await mkdir(join(broken, '20200101000000_broken'), { recursive: true });
    await writeFile(join(broken, 'migration_lock.toml'), 'provider = "postgresql"\n');
    await writeFile(join(broken, '20200101000000_broken', 'migration.sql'), 'CREATE TABLE "Fine" ("id" INT PRIMARY KEY);\nINSERT INTO "Missing" VALUES (1);\n');
    const db = new PGlite();
    try {
      await expect(applyMigrations({ kind: 'pglite', db }, { migrationsDir: broken })).rejects.toThrow(/Missing/);
      const { rows } = await db.query<{ finished: boolean; fine: boolean }>(
        `select finished_at is not null as finished, to_regclass('"Fine"') is not null as fine
           from _prisma_migrations`,
      );
      // not recorded as done, and the script ran all-or-nothing
      expect(rows).toEqual([{ finished: false, fine: false }]);
    } finally {
      await db.close();
    }
  });

  it('lets a script that used it exit at once', async () => {
    const script = join(dir, 'exit-check.mts');
    const modulePath = resolve(fileURLToPath(import.meta.url), '../../../server/db/schema-engine.ts');
    await writeFile(
      script,
      `import { applyMigrations, checkDrift } from ${JSON.stringify(modulePath)};
const target = { kind: 'postgres', url: ${JSON.stringify(pgTarget.url)} };
await applyMigrations(target, { migrationsDir: ${JSON.stringify(migrationsDir)} });
await checkDrift(target, { schemaPath: ${JSON.stringify(schemaWithColumnPath)} });
console.log('done');
`,
    );
    const tsx = resolve(fileURLToPath(import.meta.url), '../../../node_modules/.bin/tsx');
    expect(existsSync(tsx)).toBe(true);
    const started = Date.now();
    const stdout = await new Promise<string>((ok, fail) => execFile(tsx, [script], { timeout: 20_000 }, (err, out) => (err ? fail(err) : ok(out))));
    expect(stdout.trim()).toBe('done');
    // the engine's 10 s lock timer used to keep the process alive after the work was done
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
