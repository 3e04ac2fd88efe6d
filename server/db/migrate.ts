import pg from 'pg';
import { applyMigrations } from './schema-engine';

// Kept free of env.ts and the app's client: scripts derive URLs before the server's env loads.
const APP_ROLE = 'linli_app';

/**
 * The migrate step for PostgreSQL (`npm run db:migrate`, `npm start` before the server
 * starts, test helpers): applies pending migrations as the owner (DATABASE_URL), then gives
 * the login role linli_app its password when one is given (LINLI_APP_PASSWORD) — a
 * migration cannot read the environment. The app server itself never sees the owner's URL.
 */
export async function migratePostgres(ownerUrl: string, opts: { appPassword?: string } = {}): Promise<{ applied: string[] }> {
  const result = await applyMigrations({ kind: 'postgres', url: ownerUrl });
  if (opts.appPassword) await setAppRolePassword(ownerUrl, opts.appPassword);
  return result;
}

async function setAppRolePassword(ownerUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    // ALTER ROLE takes no parameters; the literal is escaped by the driver. PostgreSQL stores
    // it hashed (password_encryption, scram-sha-256 by default).
    await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * APP_DATABASE_URL when only DATABASE_URL is given (npm start on one machine): the same
 * server and database, logged in as linli_app with LINLI_APP_PASSWORD (none: the server
 * must trust local connections, as a development PostgreSQL often does).
 */
export function deriveAppUrl(ownerUrl: string, appPassword?: string): string {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = appPassword ? encodeURIComponent(appPassword) : '';
  return u.toString();
}
