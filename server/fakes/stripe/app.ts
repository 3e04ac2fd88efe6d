// Starting the Stripe fake next to the app (scripts/server.mjs), before Next loads:
//   fakes on  = no STRIPE_SECRET_KEY and (embedded database, i.e. no DATABASE_URL /
//               APP_DATABASE_URL, or LINLI_FAKES=1)
//   port      = STRIPE_FAKE_PORT, else PORT+1 when free, else any free port
//   secrets   = generated once per data folder in <LINLI_DATA_DIR>/fakes.json
//   state     = <LINLI_DATA_DIR>/stripe-fake.json (sessions survive a restart)
// and hands the app LINLI_STRIPE_FAKE_URL, LINLI_STRIPE_FAKE_KEY and STRIPE_WEBHOOK_SECRET
// (never STRIPE_SECRET_KEY: that means real Stripe). Events go to the app's own
// /api/webhooks/stripe. LINLI_STRIPE_FAKE_PUBLIC_URL sets the hosted pages' base URL (e.g. a
// LAN address for a phone); LINLI_STRIPE_FAKE_RETRY_SCALE the webhook back-off (default 0.05:
// 3 s, 15 s, 90 s, …).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { randomChars } from './ids.ts';
import { fakesLockedOut, startStripeFake, type StripeFake } from './index.ts';

export function stripeFakesOn(env: NodeJS.ProcessEnv = process.env): boolean {
  const embedded = !env.DATABASE_URL && !env.APP_DATABASE_URL;
  return !env.STRIPE_SECRET_KEY && (embedded || env.LINLI_FAKES === '1');
}

export type FakeSecrets = { stripeSecretKey: string; stripeWebhookSecret: string } & Record<string, unknown>;

/** The fakes' secrets of a data folder, made on first use (other fakes' keys are kept). */
export function fakeSecrets(dataDir: string): FakeSecrets {
  const dir = resolve(dataDir);
  const file = join(dir, 'fakes.json');
  let saved: Record<string, unknown> = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first start in this folder
  }
  if (typeof saved.stripeSecretKey === 'string' && typeof saved.stripeWebhookSecret === 'string') return saved as FakeSecrets;
  const next = {
    ...saved,
    stripeSecretKey: typeof saved.stripeSecretKey === 'string' ? saved.stripeSecretKey : `sk_test_${randomChars(40)}`,
    stripeWebhookSecret: typeof saved.stripeWebhookSecret === 'string' ? saved.stripeWebhookSecret : `whsec_${randomBytes(24).toString('base64url')}`,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
  return next;
}

function portFree(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, host, () => s.close(() => ok(true)));
  });
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/**
 * Starts the fake when the fakes are on and sets the app's env; null when they are off.
 * With NODE_ENV=production and a database (and no LINLI_FAKES=1) the fakes are off, and a fake
 * started anyway answers 404 to everything.
 */
export async function startStripeFakeForApp(opts: { appPort: number; host?: string; env?: NodeJS.ProcessEnv }): Promise<StripeFake | null> {
  const env = opts.env ?? process.env;
  if (!stripeFakesOn(env) || fakesLockedOut(env)) return null;
  const secrets = fakeSecrets(env.LINLI_DATA_DIR || '.data');
  const listenHost = opts.host && !WILDCARD.has(opts.host) ? opts.host : '0.0.0.0';
  let port = Number(env.STRIPE_FAKE_PORT || 0);
  if (!port) port = (await portFree(opts.appPort + 1, listenHost)) ? opts.appPort + 1 : 0;
  const reach = opts.host && !WILDCARD.has(opts.host) ? opts.host : '127.0.0.1';
  const fake = await startStripeFake({
    port,
    host: listenHost,
    secretKey: secrets.stripeSecretKey,
    webhookSecret: secrets.stripeWebhookSecret,
    webhookUrl: `http://${reach.includes(':') ? `[${reach}]` : reach}:${opts.appPort}/api/webhooks/stripe`,
    retryScale: Number(env.LINLI_STRIPE_FAKE_RETRY_SCALE || 0.05),
    stateFile: join(resolve(env.LINLI_DATA_DIR || '.data'), 'stripe-fake.json'),
    env,
  });
  const publicHost = opts.host && !WILDCARD.has(opts.host) ? fake.host : 'localhost';
  const publicUrl = env.LINLI_STRIPE_FAKE_PUBLIC_URL || `http://${publicHost}:${fake.port}`;
  fake.setPublicUrl(publicUrl);
  env.LINLI_STRIPE_FAKE_URL = fake.url;
  env.LINLI_STRIPE_FAKE_KEY = fake.secretKey;
  env.STRIPE_WEBHOOK_SECRET = fake.webhookSecret;
  return fake;
}
