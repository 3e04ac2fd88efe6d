import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { applyMigrations } from '../../server/db/schema-engine';
import { connectPostgres, type Database } from '../../server/db/client';

export const DEFAULT_TEST_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The PostgreSQL server for throwaway databases: TEST_DATABASE_URL's, else the local one. Never DATABASE_URL. */
export const testServerUrl = () => process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER;

export interface ThrowawayDatabase {
  /** owner connection string of the throwaway database */
  url: string;
  /** the app's client (runs as linli_app) */
  db: Database;
  drop(): Promise<void>;
}

const withDatabase = (serverUrl: string, name: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A fresh database with Linli's migrations applied, dropped again by `drop()`. */
export async function createThrowawayDatabase(server = testServerUrl(), prefix = 'linli_test'): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(server, name);
  const drop = async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.end();
  };
  try {
    await applyMigrations({ kind: 'postgres', url });
  } catch (e) {
    await drop();
    throw e;
  }
  const db = connectPostgres(url, { max: 8 });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await drop();
    },
  };
}
