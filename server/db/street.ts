import type { PrismaClient } from './generated/client';
import { TX_OPTIONS, type TenantDb } from './tenant';

/**
 * A transaction in which a street office is set for row-level security (and no tenant): the
 * migration's liaison policies then show exactly that office's escalations (from any company),
 * their replies, and the escalated orders and their photos; every other tenant-owned row stays
 * invisible, because no app.tenant_id is set.
 */
export type StreetDb = TenantDb;

/**
 * Runs `fn` in one transaction scoped to the street office `officeId` (set_config(..., true):
 * transaction-local, it ends with the transaction). Modelled on withTenant: a connection that
 * already carries a tenant or a street office (a session-level setting planted behind a
 * transaction-mode pooler) is refused rather than trusted, since either would widen what the
 * liaison's request sees.
 */
export async function withStreetOffice<T>(prisma: PrismaClient, officeId: string, fn: (db: StreetDb) => Promise<T>): Promise<T> {
  if (!officeId) throw new Error('withStreetOffice: no office');
  return prisma.$transaction(async (tx) => {
    // One round trip: both settings as the transaction found them, then this request's office.
    const [row] = await tx.$queryRaw<{ tenant: string | null; office: string | null }[]>`
      with prev as materialized (
        select current_setting('app.tenant_id', true) as tenant, current_setting('app.street_office_id', true) as office)
      select tenant, office, set_config('app.street_office_id', ${officeId}, true) from prev`;
    if (row?.tenant || row?.office) throw new StreetSettingLeakError(row.tenant ? 'app.tenant_id' : 'app.street_office_id');
    return fn(tx);
  }, TX_OPTIONS);
}

/** A tenant or street office was already set when a liaison's transaction began (see withStreetOffice). */
export class StreetSettingLeakError extends Error {
  constructor(setting: string) {
    super(`${setting} was already set when a street office's request began: a session-level setting leaked into this connection`);
    this.name = 'StreetSettingLeakError';
  }
}
