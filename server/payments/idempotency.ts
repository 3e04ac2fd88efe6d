// Idempotent money requests (issue #12, fee point 7). The cashier's form makes one key per
// submission and re-sends it when it retries (a timeout, a double click, a flaky network), so
// the same payment is never recorded twice and never takes a second receipt number.
//
// How: the key is claimed FIRST in the request's transaction, by an INSERT … ON CONFLICT DO
// NOTHING under the unique (tenantId, scope, key). PostgreSQL makes a second insert of a key
// whose first insert is not yet committed wait for that transaction, so:
//   - a retry after the first committed finds its row and gets the stored response;
//   - a retry while the first is in flight waits for it, then does the same (never a duplicate);
//   - if the first rolled back (it failed), its key is free again and the retry runs afresh;
//   - the same key with another request (another body, or another user) gets 422.
// Keys are per company (the index and row-level security both carry tenantId): a key of
// company A reused in company B is B's own key and never returns A's payment.
// Lock order: the key comes before everything in ledger.ts's order (payer, days, bills,
// receipt counter); two requests with one key wait for each other before taking any of those.

import 'server-only';
import { createHash } from 'node:crypto';
import type { TenantDb } from '../db/tenant';
import type { Prisma } from '../db/generated/client';
import { AppError } from '../errors';

/** JSON with object keys sorted (arrays keep their order: a chosen bill order matters). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const requestHash = (request: unknown) => createHash('sha256').update(canonicalJson(request)).digest('hex');

/**
 * Runs `fn` at most once per (company, scope, key) and returns its result, or the stored
 * result of the first run. `request` is the parsed input without the key, plus whatever else
 * must match (the actor). Without a key, `fn` simply runs.
 */
export async function idempotent<R extends { id: string }>(
  db: TenantDb,
  o: { tenantId: string; scope: string; key: string | undefined; request: unknown },
  fn: () => Promise<R>,
): Promise<R> {
  if (!o.key) return fn();
  const hash = requestHash(o.request);
  const claimed = await db.$queryRaw<{ id: string }[]>`
    insert into "IdempotencyKey" ("tenantId", "id", "scope", "key", "requestHash")
    values (${o.tenantId}, gen_random_uuid()::text, ${o.scope}, ${o.key}, ${hash})
    on conflict ("tenantId", "scope", "key") do nothing
    returning "id"`;
  if (claimed.length === 0) {
    const prior = await db.idempotencyKey.findUnique({
      where: { tenantId_scope_key: { tenantId: o.tenantId, scope: o.scope, key: o.key } },
      select: { requestHash: true, response: true },
    });
    // The conflicting row is committed (the insert waited for its transaction), so it is seen,
    // and it carries its response (written in that same transaction).
    if (!prior || prior.response === null) throw new Error(`idempotency key ${o.scope}/${o.key}: conflicting row not readable`);
    if (prior.requestHash !== hash) throw new AppError('UNPROCESSABLE_CONTENT', 'idempotencyKeyReused');
    return prior.response as unknown as R;
  }
  const result = await fn();
  await db.idempotencyKey.updateMany({
    where: { tenantId: o.tenantId, id: claimed[0]!.id },
    data: { paymentId: result.id, response: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue },
  });
  return result;
}
