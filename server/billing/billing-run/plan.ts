import 'server-only';
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant';
import { notFound } from '../../errors';
import { parseFactor, type BillingCycle } from '../../shared/money';
import { addMonths, cycleStart, isCycleStart, monthsInCycle } from '../../shared/calendar';
import { type Tier } from '../../shared/tiers';
import { cycleBounds, dueDateFor, feeItemHead, priceForPeriod, tiersOf } from '../common';
import { ZRunInput } from '../../shared/schemas/billing';

// Which items a run bills, at which price and factors, and why an item or object is left out.

export type SkipCode =
  | 'ONE_OFF'
  | 'ARCHIVED'
  | 'NO_PRICE'
  | 'NOT_CYCLE_START'
  | 'STATUS_NOT_IN_SCOPE'
  | 'NOT_STARTED'
  | 'NO_METER'
  | 'MISSING_READING'
  | 'NO_PREVIOUS_READING'
  | 'ALREADY_BILLED'
  | 'VOIDED'
  | 'ZERO_AMOUNT'
  | 'TOO_LARGE';

export const SKIP_TEXT: Record<SkipCode, (p: { period: string; cycle?: string; next?: string }) => string> = {
  ONE_OFF: () => 'one-off items are charged by hand, not by a billing run',
  ARCHIVED: () => 'the fee item is archived',
  NO_PRICE: ({ period }) => `no price for ${period}`,
  NOT_CYCLE_START: ({ period, cycle, next }) => `${cycle?.toLowerCase()} item: ${period} is not a cycle start (next: ${next})`,
  STATUS_NOT_IN_SCOPE: () => 'unit status not in scope',
  NOT_STARTED: () => 'billing start after period end',
  NO_METER: () => 'no meter for this item',
  MISSING_READING: ({ period }) => `missing meter reading for ${period}`,
  NO_PREVIOUS_READING: () => 'no previous reading (the first reading is the meter’s baseline)',
  ALREADY_BILLED: () => 'already billed',
  VOIDED: () => 'voided on its own (issue a correction instead)',
  ZERO_AMOUNT: () => 'the amount is 0',
  TOO_LARGE: () => 'the amount is too large for one bill',
};

type Factor = { num: string; den: string } | null;

export type ItemPlan = {
  id: string;
  name: string;
  calc: 'PER_AREA' | 'FIXED' | 'METERED' | 'ONE_OFF';
  cycle: BillingCycle;
  objectKind: 'UNIT' | 'PARKING';
  months: number;
  priceUnits: number;
  tiers: Tier[] | null;
  cycleStart: string;
  cycleEnd: string;
  dueDate: string;
  factors: { OCCUPIED: Factor; VACANT: Factor; RENOVATION: Factor };
  skip: SkipCode | null;
  skipText: string | null;
};

export type RunPlan = { period: string; items: ItemPlan[]; communityIds: string[] | null; feeItemIds: string[] | null };

/** Which items a run bills, at which price and factors; item-level reasons to skip. */
export async function planRun(db: TenantDb, tenantId: string, input: z.output<typeof ZRunInput>): Promise<RunPlan> {
  const { period } = input;
  if (input.communityIds?.length) {
    const n = await db.community.count({ where: { tenantId, id: { in: input.communityIds } } });
    if (n !== input.communityIds.length) throw notFound('community');
  }
  const items = await db.feeItem.findMany({
    where: input.feeItemIds?.length ? { tenantId, id: { in: input.feeItemIds } } : { tenantId, archivedAt: null, calc: { not: 'ONE_OFF' } },
    include: { prices: { where: { effectiveFrom: { lte: period } } } },
    orderBy: { name: 'asc' },
  });
  if (input.feeItemIds?.length && items.length !== input.feeItemIds.length) throw notFound('feeItem');

  const plans = items.map((f): ItemPlan => {
    const price = priceForPeriod(f.prices, period);
    const start = cycleStart(period, f.cycle);
    let skip: SkipCode | null = null;
    if (f.calc === 'ONE_OFF') skip = 'ONE_OFF';
    else if (f.archivedAt) skip = 'ARCHIVED';
    else if (start !== period) skip = 'NOT_CYCLE_START';
    else if (!price) skip = 'NO_PRICE';
    const bounds = cycleBounds(isCycleStart(period, f.cycle) ? period : start, f.cycle);
    const factors = (f.statusFactors ?? {}) as Record<string, string>;
    const factor = (s: string): Factor => {
      const v = factors[s];
      if (v === undefined || v === null) return null;
      const r = parseFactor(String(v));
      return { num: r.num.toString(), den: r.den.toString() };
    };
    return {
      ...feeItemHead(f),
      months: monthsInCycle(f.cycle),
      priceUnits: price?.priceUnits ?? 0,
      tiers: price ? tiersOf(price.tiers) : null,
      cycleStart: bounds.start,
      cycleEnd: bounds.end,
      dueDate: dueDateFor(period, f.cycle, f.dueDay),
      factors: { OCCUPIED: factor('OCCUPIED'), VACANT: factor('VACANT'), RENOVATION: factor('RENOVATION') },
      skip,
      skipText: skip ? SKIP_TEXT[skip]({ period, cycle: f.cycle, next: addMonths(start, monthsInCycle(f.cycle)) }) : null,
    };
  });
  return {
    period,
    items: plans,
    communityIds: input.communityIds?.length ? input.communityIds : null,
    feeItemIds: input.feeItemIds?.length ? input.feeItemIds : null,
  };
}
