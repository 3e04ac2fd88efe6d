import 'server-only';
import type { TenantDb } from '../db/tenant';
import { AppError } from '../errors';
import { formatPriceUnits, type BillingCycle } from '../shared/money';
import { cycleMonths, daysBetween, daysInMonth } from '../shared/calendar';
import type { Tier } from '../shared/tiers';

/** What is refused in a closed period (errors.periodClosedFor's select). */
export type ClosedPeriodDoing = 'newCharge' | 'undoRun' | 'correction' | 'lateFee' | 'billing';

/** A closed period (关账) takes no new bills, voids or undos: later changes go to the open period. */
export async function assertPeriodOpen(db: TenantDb, tenantId: string, period: string, doing: ClosedPeriodDoing) {
  const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period } }, select: { id: true } });
  if (closed) throw new AppError('PRECONDITION_FAILED', 'periodClosedFor', { period, doing });
}

/** First day, last day and number of days of the cycle that starts at `period`. */
export function cycleBounds(period: string, cycle: BillingCycle) {
  const months = cycleMonths(period, cycle);
  const last = months[months.length - 1]!;
  const start = `${months[0]!}-01`;
  const end = `${last}-${String(daysInMonth(last)).padStart(2, '0')}`;
  return { start, end, days: daysBetween(start, end) + 1 };
}

/** The period's first month's due day; 0 = the last day of the period (of its whole cycle). */
export function dueDateFor(period: string, cycle: BillingCycle, dueDay: number): string {
  if (dueDay === 0) return cycleBounds(period, cycle).end;
  return `${period}-${String(dueDay).padStart(2, '0')}`;
}

export type PriceRow = { id: string; effectiveFrom: string; priceUnits: number; tiers: unknown; createdAt: Date; createdById: string };

/** The price for `period`: the row with the greatest effectiveFrom ≤ period, or null. */
export function priceForPeriod<P extends { effectiveFrom: string }>(prices: readonly P[], period: string): P | null {
  let best: P | null = null;
  for (const p of prices) if (p.effectiveFrom <= period && (!best || p.effectiveFrom > best.effectiveFrom)) best = p;
  return best;
}

export const tiersOf = (json: unknown): Tier[] | null => (Array.isArray(json) ? (json as Tier[]) : null);

/** A price row for display: yuan with 4 decimals, tiers likewise. */
export function showPrice(p: PriceRow) {
  const tiers = tiersOf(p.tiers);
  return {
    id: p.id,
    effectiveFrom: p.effectiveFrom,
    priceUnits: p.priceUnits,
    price: formatPriceUnits(p.priceUnits),
    tiers: tiers
      ? tiers.map((t) => ({ upTo: t.upTo === null ? null : String(t.upTo), priceUnits: t.priceUnits, price: formatPriceUnits(t.priceUnits) }))
      : null,
    createdAt: p.createdAt,
    createdById: p.createdById,
  };
}

/** Prisma's error for a raw statement hitting a unique index, as a CONFLICT; anything else rethrown. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { code?: string; originalCode?: string } } } };
  return (
    err?.code === 'P2002' ||
    err?.meta?.code === '23505' ||
    err?.meta?.driverAdapterError?.cause?.originalCode === '23505' ||
    /unique constraint|23505/i.test(String((e as Error)?.message ?? ''))
  );
}

/** Names of the users among `ids` (nulls skipped), by id. */
export async function userNames(db: TenantDb, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(ids.filter((x): x is string => !!x))] } },
    select: { id: true, name: true },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** What every view of a fee item starts with: its id, name, how it is calculated, its cycle and what it is charged on. */
export function feeItemHead<F extends { id: string; name: string; calc: unknown; cycle: unknown; objectKind: unknown }>(
  f: F,
): Pick<F, 'id' | 'name' | 'calc' | 'cycle' | 'objectKind'> {
  return { id: f.id, name: f.name, calc: f.calc, cycle: f.cycle, objectKind: f.objectKind };
}
