import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors';
import { pruneRevokedSessions } from './sessions';
import { prunePhoneRecords } from '../db/system';

// One throttle for every secret check (password sign-in and change, reset links, later SMS
// codes), counted in PostgreSQL so it holds across app servers and restarts. The rules live
// in one SQL function, linli_throttle_attempt (accounts_security migration), which locks the
// attempt's counters and counts the attempt BEFORE the secret is checked; a right secret
// gives the attempt back. So concurrent guesses can never check more secrets than the limits
// allow (no read-then-write race), and nothing sleeps on the server: a refused attempt gets
// TOO_MANY_REQUESTS (HTTP 429) with `retryAfter` seconds.
//   kind+subject+IP  5 failures in 15 min → locked 1, 2, 4 … 60 min
//   IP (all kinds)   30 failures in 15 min
//   kind+subject     50 failures a day from any address → one attempt a minute, owner told
// A stranger's failures from one address never lock the owner out of another address.
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 30, perDay: 50, maxLockMinutes: 60 } as const;

export type SecretKind = 'password' | 'reset-link' | 'sms-code';

export interface SecretKey {
  kind: SecretKind;
  /** whose secret (e.g. the lower-cased e-mail); null for random tokens, counted per IP only */
  subject: string | null;
  ip: string;
}

const minutesOf = (retryAfterSeconds: number) => Math.max(1, Math.ceil(retryAfterSeconds / 60));

export class ThrottledError extends AppError {
  constructor(readonly retryAfter: number) {
    // `retryAfterSeconds` is what the tRPC layer turns into a Retry-After header.
    super('TOO_MANY_REQUESTS', 'tooManyAttempts', { minutes: minutesOf(retryAfter) }, { retryAfterSeconds: retryAfter });
  }
}

/** Seconds to wait, when `e` is the throttle's refusal. */
export function throttleWait(e: unknown): number | null {
  const d = e instanceof AppError ? (e.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
  return typeof d?.retryAfterSeconds === 'number' ? d.retryAfterSeconds : null;
}

export interface CheckSecretOptions {
  now?: Date;
  /** called once per day window when the subject reaches the daily cap (tell the owner) */
  onDailyCap?: () => Promise<unknown>;
}

/**
 * Runs `verify` under the throttle. Returns its result, or false when the secret was wrong
 * (the caller answers with its own message); throws ThrottledError when refused.
 * Must not run inside a transaction that may roll back: the count has to stay.
 */
export async function checkSecret<T>(
  prisma: PrismaClient,
  key: SecretKey,
  verify: () => Promise<T | false>,
  opts: CheckSecretOptions = {},
): Promise<T | false> {
  const now = opts.now ?? new Date();
  const [r] = await prisma.$queryRaw<{ allowed: boolean; retry_after: number; day_failures: number }[]>`
    select * from linli_throttle_attempt(${key.kind}, ${key.subject}, ${key.ip}, ${now})`;
  if (!r?.allowed) throw new ThrottledError(Number(r?.retry_after ?? 60));
  let result: T | false = false;
  try {
    result = await verify();
  } finally {
    if (result !== false) {
      await prisma.$executeRaw`select linli_throttle_success(${key.kind}, ${key.subject}, ${key.ip})`;
    }
  }
  if (result === false && key.subject !== null && opts.onDailyCap) {
    const [due] = await prisma.$queryRaw<{ due: boolean }[]>`select linli_throttle_notice_due(${key.kind}, ${key.subject}) as due`;
    if (due?.due) await opts.onDailyCap();
  }
  return result;
}

/** Background job: forget counters (and the old sign-in attempts table) that no longer matter. */
export async function pruneLoginAttempts(prisma: PrismaClient, now = new Date()) {
  const { count } = await prisma.loginAttempt.deleteMany({
    where: { at: { lt: new Date(now.getTime() - THROTTLE.windowMinutes * 60_000) } },
  });
  const [r] = await prisma.$queryRaw<{ n: number }[]>`select linli_throttle_prune(${now}) as n`;
  return count + Number(r?.n ?? 0) + (await pruneRevokedSessions(prisma, now)) + (await prunePhoneRecords(prisma, now));
}
