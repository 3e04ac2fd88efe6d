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
    // One round trip: read the setting as the transaction found it (the materialized CTE is
    // evaluated before the outer row's set_config), then set this request's tenant.
    const [row] = await tx.$queryRaw<{ before: string | null; office: string | null }[]>`
      with prev as materialized (
        select current_setting('app.tenant_id', true) as before, current_setting('app.street_office_id', true) as office)
      select before, office, set_config('app.tenant_id', ${tenantId}, true) from prev`;
    // Behind PgBouncer (transaction mode) a server connection is shared by every client and
    // nothing resets it between them: a session-level tenant planted by anyone would outlive
    // its transaction. A request must start with none; refuse rather than trust it. The same for
    // a street office's setting (server/db/street.ts): its policies would add that office's
    // escalations, of every company, to what this tenant's request sees.
    if (row?.before) throw new TenantSettingLeakError(row.before === tenantId);
    if (row?.office) throw new TenantSettingLeakError(false, 'app.street_office_id');
    return fn(tx);
  }, TX_OPTIONS);
}

/** app.tenant_id was already set when a request's transaction began (see withTenant). */
export class TenantSettingLeakError extends Error {
  constructor(sameTenant: boolean, setting = 'app.tenant_id') {
    super(
      setting === 'app.tenant_id'
        ? `app.tenant_id was already set when the request began (${sameTenant ? 'the same' : 'another'} tenant): a session-level setting leaked into this connection`
        : `${setting} was already set when a tenant's request began: a session-level setting leaked into this connection`,
    );
    this.name = 'TenantSettingLeakError';
  }
}
