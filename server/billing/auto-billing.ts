import 'server-only';
import type { z } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import { withScope, type Scope } from '../db/scope';
import { logger } from '../logger';
import { recordAudit } from '../tenancy/audit';
import { localDate } from '../shared/calendar';
import { commitRun } from './billing-run/commit';
import { ZAutoBilling } from '../shared/schemas/billing';

// Scheduled monthly billing (自动出账). A company turns it on with a day of the month; from
// that day on (in the company's time zone) the hourly job bills the current period once, with
// every active recurring fee item over every community, exactly as an admin's run would
// (the same commitRun, so the same one-bill-per-key guarantee). The run is recorded as the
// admin's who turned it on and marked automatic. A server that was down on the day catches up
// later in the month; a period already billed, closed or past is never billed by the job.

export async function getAutoBilling({ db, tenantId }: Pick<Scope, 'db' | 'tenantId'>) {
  const s = await db.feeSettings.findUnique({ where: { tenantId } });
  const by = s?.autoBillingById ? await db.user.findUnique({ where: { id: s.autoBillingById }, select: { name: true } }) : null;
  return {
    enabled: s?.autoBillingEnabled ?? false,
    day: s?.autoBillingDay ?? 1,
    lastPeriod: s?.autoBilledPeriod ?? null,
    runsAs: by?.name ?? null,
  };
}

export async function updateAutoBilling({ db, tenantId, actorId }: Scope, data: z.output<typeof ZAutoBilling>) {
  const before = await getAutoBilling({ db, tenantId });
  await db.feeSettings.upsert({
    where: { tenantId },
    create: { tenantId, autoBillingEnabled: data.enabled, autoBillingDay: data.day, autoBillingById: actorId },
    update: { autoBillingEnabled: data.enabled, autoBillingDay: data.day, autoBillingById: actorId },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'billing.auto.update',
    entity: 'FeeSettings',
    entityId: tenantId,
    before: { enabled: before.enabled, day: before.day },
    after: { enabled: data.enabled, day: data.day },
  });
  return getAutoBilling({ db, tenantId });
}

export type AutoBillingOutcome =
  | { tenantId: string; period: string; outcome: 'billed'; runId: string; billCount: number; totalFen: number }
  | { tenantId: string; period: string; outcome: 'not-due' | 'already-billed' | 'period-closed' | 'no-admin' }
  | { tenantId: string; period: string; outcome: 'failed'; error: string };

/**
 * One pass of the job: every company with scheduled billing on whose day has come this month
 * and whose current period the job has not billed yet. Each company in its own transaction
 * (its settings row locked, so two app servers never both bill it); one failing company does
 * not stop the others.
 */
export async function runDueAutoBilling(prisma: PrismaClient, now: Date = new Date()): Promise<AutoBillingOutcome[]> {
  const companies = await prisma.$queryRaw<
    { tenant_id: string; time_zone: string; billing_day: number; billed_period: string | null; actor_id: string }[]
  >`select * from linli_auto_billing_tenants()`;
  const out: AutoBillingOutcome[] = [];
  for (const c of companies) {
    const today = localDate(c.time_zone, now);
    const period = today.slice(0, 7);
    if (Number(today.slice(8, 10)) < c.billing_day) {
      out.push({ tenantId: c.tenant_id, period, outcome: 'not-due' });
      continue;
    }
    if (c.billed_period && c.billed_period >= period) {
      out.push({ tenantId: c.tenant_id, period, outcome: 'already-billed' });
      continue;
    }
    try {
      out.push(await billCompany(prisma, c.tenant_id, c.actor_id, period));
    } catch (err) {
      logger.error({ err, tenantId: c.tenant_id, period }, 'scheduled billing failed');
      out.push({ tenantId: c.tenant_id, period, outcome: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

async function billCompany(prisma: PrismaClient, tenantId: string, actorId: string, period: string): Promise<AutoBillingOutcome> {
  return withScope(prisma, tenantId, actorId, async (scope) => {
    const { db } = scope;
    const [s] = await db.$queryRaw<{ enabled: boolean; billed: string | null }[]>`
      select "autoBillingEnabled" as enabled, "autoBilledPeriod" as billed from "FeeSettings" where "tenantId" = ${tenantId} for update`;
    if (!s?.enabled) return { tenantId, period, outcome: 'not-due' as const };
    if (s.billed && s.billed >= period) return { tenantId, period, outcome: 'already-billed' as const };
    const admin = await db.membership.findFirst({ where: { tenantId, userId: actorId, role: 'ADMIN', status: 'ACTIVE' }, select: { id: true } });
    if (!admin) {
      logger.warn({ tenantId }, 'scheduled billing skipped: the admin who turned it on is no longer an active admin');
      return { tenantId, period, outcome: 'no-admin' as const };
    }
    const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period } }, select: { id: true } });
    if (!closed) {
      const r = await commitRun(scope, { period }, { automatic: true });
      await db.feeSettings.update({ where: { tenantId }, data: { autoBilledPeriod: period } });
      return { tenantId, period, outcome: 'billed' as const, runId: r.runId, billCount: r.billCount, totalFen: r.totalFen };
    }
    await db.feeSettings.update({ where: { tenantId }, data: { autoBilledPeriod: period } });
    return { tenantId, period, outcome: 'period-closed' as const };
  });
}
