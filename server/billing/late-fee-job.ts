import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { withScope } from '../db/scope';
import { logger } from '../logger';
import { localDate } from '../shared/calendar';
import { chargeMonthlyLateFees } from './late-fee-charges';

// The scheduled late-fee job (DOMAIN.md "Late fees": "a scheduled job does the same for bills
// still overdue"). Cadence: at period end. On the 1st of each month (company time zone) the
// fee accrued through the last day of the month before, on every bill still owing, becomes a
// late-fee bill of the new month (as of the 1st, like a payment effective on the 1st). The
// job is scheduled hourly so a server that was down catches up; a run finds nothing to do
// once the month is done, because each late-fee bill records the last day it covers
// (lateFeeThrough) and a bill already covered through that day is skipped, and because what
// a late-fee bill charges is the accrued total minus what was charged: never a day twice,
// also after a payment materialized part of it. Same function as the payment and the desk
// (late-fee-charges.ts → late-fees.ts `lateFeeAccrual`).

export const LATE_FEE_JOB_ACTOR = 'system:late-fees';

export type LateFeeJobOutcome =
  | { tenantId: string; asOf: string; outcome: 'charged'; count: number; totalFen: number }
  | { tenantId: string; asOf: string; outcome: 'failed'; error: string };

export async function runLateFeeJob(prisma: PrismaClient, now: Date = new Date()): Promise<LateFeeJobOutcome[]> {
  const companies = await prisma.$queryRaw<{ tenant_id: string; time_zone: string }[]>`select * from linli_late_fee_tenants()`;
  const out: LateFeeJobOutcome[] = [];
  for (const c of companies) {
    const today = localDate(c.time_zone, now);
    try {
      const r = await withScope(prisma, c.tenant_id, LATE_FEE_JOB_ACTOR, (scope) => chargeMonthlyLateFees(scope, { today }));
      out.push({ tenantId: c.tenant_id, asOf: r.asOf, outcome: 'charged', count: r.charges.length, totalFen: r.charges.reduce((s, x) => s + x.amountFen, 0) });
    } catch (err) {
      logger.error({ err, tenantId: c.tenant_id }, 'scheduled late fees failed');
      out.push({ tenantId: c.tenant_id, asOf: `${today.slice(0, 7)}-01`, outcome: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
