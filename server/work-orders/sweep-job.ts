import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import { withScope, type Scope } from '../db/scope';
import { logger } from '../logger';
import { AUTO_CLOSE_DAYS, OPEN_STATUSES } from '../shared/work-order-states';
import { billClosedOrder } from './bill-order';
import { checkTransition, type EventActor } from './order-core';
import { notifyAssignee, notifyResidents, statusMessage } from './notify';

// The work-order sweep (pg-boss, every minute; server/jobs/index.ts):
// - an SLA clock past its deadline with no outcome becomes breached (Met = false), never while
//   a quote pauses it; a clock met or breached stays so;
// - an order COMPLETED AUTO_CLOSE_DAYS ago without the resident's confirmation closes (action
//   autoClose by the SYSTEM actor), and a price is billed now, once.
// Set-based within each company; the companies with something to do come from
// linli_work_order_sweep_tenants (SECURITY DEFINER: the app role sees one company at a time).

export const WORK_ORDER_JOB_ACTOR = 'system:work-orders';
const SYSTEM: EventActor = { id: WORK_ORDER_JOB_ACTOR, role: 'SYSTEM' };
const DAY_MS = 86_400_000;

export interface SweepResult {
  firstResponseBreached: number;
  resolutionBreached: number;
  autoClosed: number;
  billed: number;
}

/** One company's sweep at `scope.now` (in its own transaction). */
export async function sweepWorkOrders(scope: Scope): Promise<SweepResult> {
  const { db, tenantId } = scope;
  const now = scope.now ?? new Date();
  const open = { tenantId, status: { in: [...OPEN_STATUSES] }, pausedSince: null };
  const first = await db.workOrder.updateMany({
    where: { ...open, firstResponseMet: null, firstRespondedAt: null, firstResponseDueAt: { lt: now } },
    data: { firstResponseMet: false },
  });
  const resolution = await db.workOrder.updateMany({
    where: { ...open, resolutionMet: null, resolveDueAt: { lt: now } },
    data: { resolutionMet: false },
  });

  const to = checkTransition({ status: 'COMPLETED' }, 'autoClose', ['SYSTEM']);
  const closed = await db.workOrder.updateManyAndReturn({
    where: { tenantId, status: 'COMPLETED', completedAt: { lte: new Date(now.getTime() - AUTO_CLOSE_DAYS * DAY_MS) } },
    data: { status: to, closedAt: now },
  });
  let billed = 0;
  if (closed.length > 0) {
    await db.workOrderEvent.createMany({
      data: closed.map((o) => ({
        tenantId,
        orderId: o.id,
        kind: 'transition',
        action: 'autoClose',
        fromStatus: 'COMPLETED' as const,
        toStatus: to,
        actorId: SYSTEM.id,
        actorRole: SYSTEM.role,
        createdAt: now,
      })),
    });
    for (const o of closed) {
      if (await billClosedOrder(scope, o, now)) billed++;
      const message = statusMessage(scope, o, to);
      await notifyResidents(scope, o, message);
      await notifyAssignee(scope, o, message);
    }
  }
  return { firstResponseBreached: first.count, resolutionBreached: resolution.count, autoClosed: closed.length, billed };
}

export type SweepOutcome = ({ tenantId: string; outcome: 'swept' } & SweepResult) | { tenantId: string; outcome: 'failed'; error: string };

/** Every company with a clock past due or an order to auto-close, each in its own transaction. */
export async function runWorkOrderSweep(prisma: PrismaClient, now: Date = new Date()): Promise<SweepOutcome[]> {
  const closeBefore = new Date(now.getTime() - AUTO_CLOSE_DAYS * DAY_MS);
  const companies = await prisma.$queryRaw<{ tenant_id: string }[]>`select * from linli_work_order_sweep_tenants(${now}, ${closeBefore})`;
  const out: SweepOutcome[] = [];
  for (const c of companies) {
    try {
      const r = await withScope(prisma, c.tenant_id, WORK_ORDER_JOB_ACTOR, sweepWorkOrders, now);
      out.push({ tenantId: c.tenant_id, outcome: 'swept', ...r });
    } catch (err) {
      logger.error({ err, tenantId: c.tenant_id }, 'work-order sweep failed');
      out.push({ tenantId: c.tenant_id, outcome: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
