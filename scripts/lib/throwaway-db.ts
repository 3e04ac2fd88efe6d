import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migratePostgres, deriveAppUrl } from '../../server/db/migrate';
import { assertAppRole, connectPostgres, type Database } from '../../server/db/client';

export const DEFAULT_TEST_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The PostgreSQL server for throwaway databases: TEST_DATABASE_URL's, else the local one. Never DATABASE_URL. */
export const testServerUrl = () => process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER;

export interface ThrowawayDatabase {
  /** owner connection string of the throwaway database (migrations, test set-up) */
  url: string;
  /** the app's login (linli_app), as APP_DATABASE_URL would name it */
  appUrl: string;
  /** the app's client, logged in as linli_app exactly as the server is */
  db: Database;
  drop(): Promise<void>;
}

const withDatabase = (serverUrl: string, name: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

async function adminQuery(server: string, sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A hash of prisma/migrations: a template database is valid for exactly one set of migrations. */
function migrationsHash(): string {
  const dir = join(process.cwd(), 'prisma', 'migrations');
  const h = createHash('sha256');
  for (const folder of readdirSync(dir).sort()) {
    if (folder.endsWith('.toml')) continue;
    h.update(folder);
    h.update(readFileSync(join(dir, folder, 'migration.sql')));
  }
  return h.digest('hex').slice(0, 16);
}

const templates = new Map<string, Promise<string>>();

/**
 * A migrated template database on `server` for the current migrations (`linli_tpl_<hash>`):
 * migrating takes seconds per database, copying a template a fraction of that, and every
 * integration test file wants a fresh database. Built once per set of migrations (parallel
 * builders race by renaming into place; the loser drops its copy); templates of older
 * migrations are dropped. Only the migrations run here, so a copy is exactly a migrated database.
 */
function migratedTemplate(server: string): Promise<string> {
  let p = templates.get(server);
  if (!p) {
    p = buildTemplate(server);
    templates.set(server, p);
    p.catch(() => templates.delete(server));
  }
  return p;
}

async function buildTemplate(server: string): Promise<string> {
  const name = `linli_tpl_${migrationsHash()}`;
  const exists = async () => (await adminQuery(server, `select 1 from pg_database where datname = '${name}'`)).rowCount === 1;
  if (await exists()) return name;
  const building = `${name}_b${randomBytes(4).toString('hex')}`;
  await adminQuery(server, `create database "${building}"`);
  try {
    await migratePostgres(withDatabase(server, building));
    await adminQuery(server, `alter database "${building}" rename to "${name}"`);
  } catch (e) {
    await adminQuery(server, `drop database if exists "${building}" with (force)`).catch(() => undefined);
    if (await exists()) return name; // another builder won the race
    throw e;
  }
  const stale = await adminQuery(server, `select datname from pg_database where datname like 'linli\_tpl\_%' and datname <> '${name}'`);
  for (const r of stale.rows as { datname: string }[]) {
    // a template being built or copied right now is in use: leave it for a later run
    await adminQuery(server, `drop database if exists "${r.datname}"`).catch(() => undefined);
  }
  return name;
}

/** A fresh database with Linli's migrations applied (a copy of the migrated template), dropped again by `drop()`. */
export async function createThrowawayDatabase(server = testServerUrl(), prefix = 'linli_test'): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const template = await migratedTemplate(server);
  await adminQuery(server, `create database "${name}" template "${template}"`);
  const url = withDatabase(server, name);
  const drop = async () => {
    await adminQuery(server, `drop database if exists "${name}" with (force)`);
  };
  try {
    // the role's password is cluster-wide, not in the template: set it as the migrate step would
    if (process.env.LINLI_APP_PASSWORD) await migratePostgres(url, { appPassword: process.env.LINLI_APP_PASSWORD });
  } catch (e) {
    await drop();
    throw e;
  }
  const appUrl = deriveAppUrl(url, process.env.LINLI_APP_PASSWORD || undefined);
  const db = connectPostgres(appUrl, { max: 8 });
  try {
    await assertAppRole(db.prisma);
  } catch (e) {
    await db.close();
    await drop();
    throw e;
  }
  return {
    url,
    appUrl,
    db,
    async drop() {
      await db.close();
      await drop();
    },
  };
}
