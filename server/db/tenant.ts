import type { PrismaClient } from './generated/client';
import type { Prisma } from './generated/client';

/** A transaction in which the tenant for row-level security is set. */
export type TenantDb = Prisma.TransactionClient;

export const TX_OPTIONS = { maxWait: 15_000, timeout: 120_000 } as const;

/**
 * Runs `fn` in one transaction scoped to `tenantId`: the setting is transaction-local
 * (set_config(..., true)), so it ends with the transaction and never leaks to the next
 * user of the connection. Scope per request, not per query (see DATABASE.md).
 */
export async function withTenant<T>(prisma: PrismaClient, tenantId: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`select set_config('app.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  }, TX_OPTIONS);
}
