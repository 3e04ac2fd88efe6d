import 'server-only';
import type { TenantDb } from '../db/tenant';
import { AppError } from '../errors';
import { localDate } from '../shared/calendar';

/**
 * The first day money can have been received for a company: the first day of its first period,
 * which is its earliest billing period or, before any bill (or when it was created earlier),
 * the month it was created in (its time zone). A received date before it is a typo (2016 for
 * 2026) that would land outside every period's figures.
 */
export async function firstMoneyDay(db: TenantDb, tenantId: string, timeZone: string): Promise<string> {
  const [row] = await db.$queryRaw<{ period: string | null; created: Date }[]>`
    select (select min(b."period") from "Bill" b where b."tenantId" = ${tenantId}) as period, t."createdAt" as created
    from "Tenant" t where t."id" = ${tenantId}`;
  const created = localDate(timeZone, row?.created ?? new Date()).slice(0, 7);
  const first = row?.period && row.period < created ? row.period : created;
  return `${first}-01`;
}

/** Refuses (400) a received date before the company's first period. The future is refused by the caller. */
export async function assertReceivedOnInRange(db: TenantDb, tenantId: string, timeZone: string, receivedOn: string) {
  const first = await firstMoneyDay(db, tenantId, timeZone);
  if (receivedOn < first) {
    throw new AppError('BAD_REQUEST', 'receivedBeforeFirst', { date: receivedOn, period: first.slice(0, 7) });
  }
}
