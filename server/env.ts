import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

// Every environment variable the server reads, validated once. Variables are optional
// where Linli has a sensible default (the embedded database, a generated auth secret).
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    // The app server's PostgreSQL login: the plain role linli_app (row-level security
    // applies), directly or through PgBouncer in transaction mode. Unset → embedded database.
    APP_DATABASE_URL: z.url().optional(),
    // The database owner: only the migrate step uses it (npm run db:migrate, npm start's
    // first step). A server given only DATABASE_URL refuses to start (server/db/index.ts).
    DATABASE_URL: z.url().optional(),
    // Where the embedded database and generated secrets live when DATABASE_URL is unset.
    LINLI_DATA_DIR: z.string().default('.data'),
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
    // Public origin, e.g. https://linli.example.com; used for invitation links.
    APP_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // "1" seeds the demo company into a DATABASE_URL database at start (never by default).
    LINLI_SEED_DEMO: z.enum(['0', '1']).default('0'),
    // Platform operators: comma-separated e-mails (case-insensitive) who may open /platform.
    PLATFORM_ADMINS: z.string().optional(),
    // A real SMS provider behind a small HTTP bridge: POST {to, text} as JSON with
    // "Authorization: Bearer SMS_HTTP_TOKEN" (server/sms/http-transport.ts). Unset → SMS go to
    // the log (embedded demo, development), or phone sign-in is off (production with a database).
    SMS_HTTP_URL: z.url().optional(),
    SMS_HTTP_TOKEN: z.string().optional(),
    // Online payment (#14, server/online-payments/config.ts). Real Stripe: the platform's secret
    // key and the Connect webhook endpoint's signing secret. Unset → the local Stripe fake
    // (embedded demo, or LINLI_FAKES=1), whose URL, key and webhook secret scripts/server.mjs
    // sets; in production with a database and no LINLI_FAKES, online payment is off.
    STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    LINLI_FAKES: z.enum(['0', '1']).optional(),
    LINLI_STRIPE_FAKE_URL: z.url().optional(),
    LINLI_STRIPE_FAKE_KEY: z.string().optional(),
    // Uploads (photos, CSV imports) in an S3-compatible bucket, path-style
    // (server/uploads/s3-storage.ts); needed with more than one app server. Unset bucket → the
    // local disk (LINLI_UPLOAD_DIR, else <data folder>/uploads). Endpoint unset → AWS's for the region.
    LINLI_S3_ENDPOINT: z.url().optional(),
    LINLI_S3_BUCKET: z.string().optional(),
    LINLI_S3_REGION: z.string().default('us-east-1'),
    LINLI_S3_ACCESS_KEY_ID: z.string().optional(),
    LINLI_S3_SECRET_ACCESS_KEY: z.string().optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

/** True when no PostgreSQL is configured: the one-process embedded demo (PGlite). */
export const isEmbedded = (e: NodeJS.ProcessEnv = process.env) => !e.APP_DATABASE_URL && !e.DATABASE_URL;

/**
 * True when the app serves the demo company: the embedded database (seeded with it when empty)
 * or a database seeded at start (LINLI_SEED_DEMO=1). The landing page then shows the demo logins.
 */
export const isDemo = (e: NodeJS.ProcessEnv = process.env) => isEmbedded(e) || e.LINLI_SEED_DEMO === '1';

/**
 * The public origin for links in e-mails and invitations (never a request's Host or
 * X-Forwarded-Host, which a client can write). APP_URL is required in production with a
 * database; otherwise http://localhost:$PORT. Read per call so tests can set it.
 */
export function appUrl(e: NodeJS.ProcessEnv = process.env): string {
  const configured = e.APP_URL?.trim();
  if (configured) {
    const u = z.url().safeParse(configured);
    if (!u.success) throw new Error(`APP_URL is not a URL: ${configured}`);
    return configured.replace(/\/+$/, '');
  }
  if (e.NODE_ENV === 'production' && !isEmbedded(e)) {
    throw new Error('APP_URL is required when NODE_ENV=production and a database URL is set (e.g. https://linli.example.com).');
  }
  return `http://localhost:${e.PORT || '3000'}`;
}
