import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors';
import { logger } from '../logger';

// Heavy reports (collection summary, arrears list and export) are limited per user with a
// counter in PostgreSQL (linli_heavy_acquire, a per-user advisory lock over a lease table), so
// the limit holds on every app server at once and one user cannot fill the pool that every
// company shares. Taken before the request's tenant transaction opens (the embedded database
// has one connection: a second query inside the transaction would wait for it forever).

const envInt = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Math.floor(Number(process.env[name])) : fallback);

export const HEAVY_LIMITS = {
  /** heavy reports one user may have running at once */
  concurrent: envInt('LINLI_HEAVY_CONCURRENT', 2),
  /** heavy reports one user may start per minute */
  perMinute: envInt('LINLI_HEAVY_PER_MINUTE', 30),
  /** a lease left by a crashed server ends by itself after this many seconds */
  leaseSeconds: 300,
};

/** Runs `fn` under a lease of `userId`'s heavy-report allowance; 429 (AppError TOO_MANY_REQUESTS) when none is left. */
export async function withHeavyLease<T>(prisma: PrismaClient, userId: string, fn: () => Promise<T>, limits = HEAVY_LIMITS): Promise<T> {
  const [row] = await prisma.$queryRaw<{ ok: boolean; lease_id: string | null; retry_after: number }[]>`
    select ok, lease_id, retry_after from linli_heavy_acquire(${userId}, ${limits.concurrent}::int, ${limits.perMinute}::int, ${limits.leaseSeconds}::int)`;
  if (!row?.ok || !row.lease_id) {
    const seconds = Math.max(1, row?.retry_after ?? 1);
    throw new AppError('TOO_MANY_REQUESTS', 'tooManyReports', { seconds }, { retryAfterSeconds: seconds });
  }
  try {
    return await fn();
  } finally {
    await prisma.$queryRaw`select 1 as n from linli_heavy_release(${row.lease_id})`.catch((err: unknown) =>
      logger.warn({ err, userId }, 'heavy report lease not released (it expires by itself)'),
    );
  }
}
