import 'server-only';
import { PgBoss, fromPglite, type QueuePolicy } from 'pg-boss';
import { deliverOutbox } from './outbox';
import { JOBS_SCHEMA } from './setup';
import { analyzeEmbedded, type Database } from '../db/client';
import { pruneLoginAttempts } from '../auth/throttle';
import { logger } from '../logger';
import { runDueAutoBilling } from '../billing/auto-billing';
import { runLateFeeJob } from '../billing/late-fee-job';
import { runWorkOrderSweep } from '../work-orders/sweep-job';

// Background work on pg-boss: durable across restarts, and safe with several app servers
// (jobs are claimed with SKIP LOCKED). On the embedded database pg-boss shares the one
// PGlite session with Prisma; PGlite serialises every statement behind an open
// transaction, so a job never runs inside a request's transaction (tested).

export const QUEUES = {
  pruneLoginAttempts: 'auth-prune-login-attempts',
  deliverOutbox: 'notifications-deliver-outbox',
  autoBilling: 'billing-scheduled-runs',
  lateFees: 'billing-late-fees',
  workOrderSweep: 'work-orders-sweep',
  analyzeEmbedded: 'db-analyze-embedded',
} as const;

type Handler = (db: Database, data: unknown) => Promise<unknown>;
const HANDLERS: Record<string, Handler> = {
  [QUEUES.pruneLoginAttempts]: async (db) => ({ deleted: await pruneLoginAttempts(db.prisma) }),
  [QUEUES.deliverOutbox]: async (db) => deliverOutbox(db.prisma),
  [QUEUES.autoBilling]: async (db) => runDueAutoBilling(db.prisma),
  [QUEUES.lateFees]: async (db) => runLateFeeJob(db.prisma),
  [QUEUES.workOrderSweep]: async (db) => runWorkOrderSweep(db.prisma),
  [QUEUES.analyzeEmbedded]: async (db) => ({ analyzed: await analyzeEmbedded(db) }),
};
// A claimed outbox message stays PENDING until its outcome is written, so delivery runs
// must never overlap: 'exclusive' lets one job of the queue be queued or active at a time.
// Scheduled billing is safe to overlap (each company's settings row is locked) but pointless.
const QUEUE_POLICY: Record<string, QueuePolicy> = {
  [QUEUES.deliverOutbox]: 'exclusive',
  [QUEUES.autoBilling]: 'exclusive',
  [QUEUES.lateFees]: 'exclusive',
  [QUEUES.workOrderSweep]: 'exclusive',
};
const SCHEDULES: { queue: string; cron: string }[] = [
  { queue: QUEUES.pruneLoginAttempts, cron: '*/15 * * * *' },
  { queue: QUEUES.deliverOutbox, cron: '* * * * *' },
  { queue: QUEUES.autoBilling, cron: '7 * * * *' },
  // late fees of the month before, on the 1st (late-fee-job.ts); hourly so a missed hour catches up, idempotent
  { queue: QUEUES.lateFees, cron: '37 * * * *' },
  // SLA breaches and auto-close of completed work orders (work-orders/sweep-job.ts)
  { queue: QUEUES.workOrderSweep, cron: '* * * * *' },
  // the embedded database's planner statistics (no autovacuum there; a no-op on PostgreSQL)
  { queue: QUEUES.analyzeEmbedded, cron: '17 */6 * * *' },
];

/**
 * Test-only (LINLI_DIAGNOSTICS=1, see app/api/diagnostics): a queue whose jobs, sent with a
 * singleton key from several app servers at once, must run once (tests/e2e/pooler.spec.ts).
 * Same 'exclusive' policy as the outbox and scheduled billing.
 */
export const DIAGNOSTICS_QUEUE = 'diagnostics-singleton';
const diagnostics = () => process.env.LINLI_DIAGNOSTICS === '1';
const g = globalThis as unknown as { __linliBoss?: PgBoss };

/** The running job queue of this process (after boot), for the diagnostics route. */
export const jobQueue = (): PgBoss | undefined => g.__linliBoss;

export async function startJobs(db: Database, opts: { work?: boolean } = {}): Promise<PgBoss> {
  const boss =
    db.mode === 'embedded'
      ? new PgBoss({ db: fromPglite(db.pglite!), backend: 'pglite', schema: JOBS_SCHEMA, createSchema: false })
      : // As linli_app, in the schema the migrations gave it (it may not create schemas). No
        // LISTEN/NOTIFY and no session statements: safe behind PgBouncer in transaction mode.
        new PgBoss({ connectionString: db.appUrl!, schema: JOBS_SCHEMA, createSchema: false, max: 4 });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const queue of Object.keys(HANDLERS)) await boss.createQueue(queue, { policy: QUEUE_POLICY[queue] ?? 'standard' });
  if (opts.work !== false) {
    for (const [queue, handler] of Object.entries(HANDLERS)) {
      await boss.work(queue, async (jobs) => {
        for (const job of jobs) {
          const result = await handler(db, job.data);
          logger.debug({ queue, id: job.id, result }, 'job done');
        }
      });
    }
    for (const s of SCHEDULES) await boss.schedule(s.queue, s.cron);
  }
  if (diagnostics()) {
    await boss.createQueue(DIAGNOSTICS_QUEUE, { policy: 'exclusive' });
    if (opts.work !== false) {
      await boss.work(DIAGNOSTICS_QUEUE, async () => {
        await new Promise((r) => setTimeout(r, 300));
        return { pid: process.pid, port: process.env.PORT ?? null };
      });
    }
  }
  g.__linliBoss = boss;
  return boss;
}
