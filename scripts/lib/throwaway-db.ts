import pg from 'pg';
import { randomBytes } from 'node:crypto';
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
    await migratePostgres(url, { appPassword: process.env.LINLI_APP_PASSWORD || undefined });
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
