import 'server-only';
import type { TenantDb } from '../../db/tenant';
import { addMonths, cycleStart } from '../../shared/calendar';
import { areaCandidates, meteredCandidates } from './candidates';
import { SKIP_TEXT, type SkipCode, planRun } from './plan';

// What a run would bill one object now: the amount of a correction (bills.ts).

/** The amount a run would bill one object for one item and period now (for corrections). */
export async function quoteRegularAmount(
  db: TenantDb,
  tenantId: string,
  q: { feeItemId: string; objectId: string; period: string },
): Promise<{ amountFen: number } | { reason: SkipCode; message: string }> {
  const plan = await planRun(db, tenantId, { period: q.period, feeItemIds: [q.feeItemId] });
  const item = plan.items[0]!;
  const message = (reason: SkipCode) =>
    SKIP_TEXT[reason]({ period: q.period, cycle: item.cycle, next: addMonths(cycleStart(q.period, item.cycle), item.months) });
  if (item.skip) return { reason: item.skip, message: item.skipText! };
  if (item.calc === 'METERED') {
    const [m] = await meteredCandidates(db, tenantId, plan, [item], { preview: false, onlyObjectId: q.objectId });
    if (!m) return { reason: 'STATUS_NOT_IN_SCOPE', message: 'the object is not in the fee item’s scope' };
    // The key's own void bill is what is being corrected: only real reasons count here.
    if (m.reason && m.reason !== 'VOIDED') return { reason: m.reason, message: message(m.reason) };
    return { amountFen: m.amountFen };
  }
  const rows = await db.$queryRaw<{ amount_fen: bigint | null; reason: SkipCode | null }[]>`
    ${areaCandidates(tenantId, plan, [item], { preview: false, onlyObjectId: q.objectId })}
    select amount_fen, reason from cand`;
  const r = rows[0];
  if (!r) return { reason: 'STATUS_NOT_IN_SCOPE', message: 'the object is not in the fee item’s scope' };
  if (r.reason && r.reason !== 'VOIDED') return { reason: r.reason, message: message(r.reason) };
  return { amountFen: Number(r.amount_fen) };
}
