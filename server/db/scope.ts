import type { PrismaClient } from './generated/client';
import { withTenant, type TenantDb } from './tenant';
import { localDate } from '../shared/calendar';

/**
 * What every tenant service is handed: the request's one transaction (row-level security set
 * to the tenant), the company's settings, and who acts. Built once by tenantProcedure (or by
 * `tenantScope` for jobs, scripts and seeds); services never re-read the Tenant row for these.
 */
export interface Scope {
  db: TenantDb;
  tenantId: string;
  /** The company's URL slug and name (links, mails, receipts). */
  slug: string;
  companyName: string;
  /** IANA zone: a local date ("today", a business day) is always taken in it. */
  timeZone: string;
  locale: string;
  currency: string;
  /** The user acting (the signed-in user; for jobs the company's system actor). */
  actorId: string;
  /** Another instant than the clock's, for tests. */
  now?: Date;
}

/** Today in the company's time zone (at the scope's `now` when a test gives one). */
export const today = (scope: Pick<Scope, 'timeZone' | 'now'>) => localDate(scope.timeZone, scope.now ?? new Date());

/** The company fields a scope carries, as the Tenant row has them. */
export type ScopeTenant = { id: string; slug: string; name: string; timeZone: string; locale: string; currency: string };

/** The one way a scope is built: by tenantProcedure for a request, and by jobs, scripts, seeds and tests. */
export function tenantScope(db: TenantDb, tenant: ScopeTenant, actorId: string, now?: Date): Scope {
  return {
    db,
    tenantId: tenant.id,
    slug: tenant.slug,
    companyName: tenant.name,
    timeZone: tenant.timeZone,
    locale: tenant.locale,
    currency: tenant.currency,
    actorId,
    ...(now ? { now } : {}),
  };
}

/** For jobs, scripts, seeds and tests that know only the company's id: reads its settings in `db`. */
export async function loadScope(db: TenantDb, tenantId: string, actorId: string, now?: Date): Promise<Scope> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true, timeZone: true, locale: true, currency: true },
  });
  if (!tenant) throw new Error(`No company ${tenantId}`);
  return tenantScope(db, tenant, actorId, now);
}

/** One transaction as the company (withTenant) with its scope. */
export function withScope<T>(prisma: PrismaClient, tenantId: string, actorId: string, fn: (scope: Scope) => Promise<T>, now?: Date): Promise<T> {
  return withTenant(prisma, tenantId, async (db) => fn(await loadScope(db, tenantId, actorId, now)));
}
