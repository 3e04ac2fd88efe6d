import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { env } from '../env';

let cached: string | undefined;

/**
 * AUTH_SECRET when set. In embedded demo mode (no DATABASE_URL) one is generated once and
 * kept in the data folder, so sessions survive restarts. With DATABASE_URL it is required.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (env.APP_DATABASE_URL || env.DATABASE_URL) {
    throw new Error('AUTH_SECRET is required with PostgreSQL (APP_DATABASE_URL) (e.g. `openssl rand -base64 32`).');
  }
  const dir = resolve(env.LINLI_DATA_DIR);
  const file = join(dir, 'auth-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    cached = randomBytes(32).toString('base64url');
    writeFileSync(file, cached, { mode: 0o600, flag: 'wx' });
  }
  return cached;
}
