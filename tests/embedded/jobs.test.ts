import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import type { Database } from '@/server/db/client';
import { Prisma } from '@/server/db/generated/client';
import { withTenant } from '@/server/db/tenant';
import { QUEUES, startJobs } from '@/server/jobs';
import { THROTTLE } from '@/server/auth/throttle';
import { makeRegister, makeTenant } from '../helpers/fixtures';
import { asOwner, openMigrated } from './helpers';
import { deferred, sleep, waitFor } from '../helpers/async';

// pg-boss on the embedded database shares the one PGlite session with Prisma. PGlite runs
// every statement behind an open transaction, so a job's query must never land inside a
// request's transaction (and so never see its tenant or its rows).
const PROBE = 'test-embedded-probe';

/**
 * Orders statements without clocks: PGlite's clock_timestamp() and now() advance in whole
 * milliseconds (measured: 274 of 300 back-to-back transactions read the same instant as the one
 * before), so "later" by timestamp can come out equal (the flaky "expected …421 to be greater
 * than …421"). A sequence is strictly increasing whatever the clock, and txid_current() tells
 * transactions apart.
 */
const ORDER_SEQ = 'test_embedded_probe_order';
const NEXT = Prisma.sql`nextval(${ORDER_SEQ})::text`;

interface Probe {
  tenant: string | null;
  who: string;
  units: number;
  /** the order sequence's value taken by the probe's statement, and its transaction's id */
  seq: bigint;
  txid: string;
  /** performance.now() when the query was issued and when its result came back */
  issuedAt: number;
  doneAt: number;
}

async function waitForJob(boss: PgBoss, queue: string, id: string) {
  return waitFor(
    async () => {
      const job = await boss.getJobById(queue, id);
      if (job?.state === 'failed') throw new Error(`job ${queue}/${id} failed: ${JSON.stringify(job.output)}`);
      return job?.state === 'completed' ? job : null;
    },
    20_000,
    `job ${queue}/${id}`,
  );
}

describe('background jobs on the embedded database (pg-boss on the shared PGlite)', () => {
  let db: Database;
  let boss: PgBoss | undefined;
  let A: Awaited<ReturnType<typeof makeTenant>>;

  const handlerStarted = deferred();
  const txOpen = deferred();
  const probeDone = deferred<Probe>();

  beforeAll(async () => {
    db = await openMigrated();
    await asOwner(db, (tx) => tx.exec(`create sequence ${ORDER_SEQ}; grant usage on sequence ${ORDER_SEQ} to linli_app`));
    A = await makeTenant(db, 'Jobs Co');
    await makeRegister(db, A);
    boss = await startJobs(db);
    await boss.createQueue(PROBE);
    await boss.work(PROBE, { pollingIntervalSeconds: 0.5 }, async () => {
      handlerStarted.resolve();
      await txOpen.promise; // the request's transaction is open now
      try {
        const issuedAt = performance.now();
        const [r] = await db.prisma.$queryRaw<{ tenant: string | null; who: string; units: number; seq: string; txid: string }[]>`
          select current_setting('app.tenant_id', true) as tenant, current_user as who,
                 (select count(*)::int from "Unit") as units, ${NEXT} as seq, txid_current()::text as txid`;
        probeDone.resolve({ tenant: r!.tenant, who: r!.who, units: r!.units, seq: BigInt(r!.seq), txid: r!.txid, issuedAt, doneAt: performance.now() });
      } catch (e) {
        probeDone.reject(e);
        throw e;
      }
    });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, timeout: 5_000 });
    await db?.close();
  });

  it('starts pg-boss as linli_app in its own schema', async () => {
    expect(boss).toBeDefined();
    const [r] = await db.prisma.$queryRaw<{ owner: string; who: string }[]>`
      select pg_get_userbyid(nspowner) as owner, current_user as who from pg_namespace where nspname = 'pgboss'`;
    expect(r).toEqual({ owner: 'linli_app', who: 'linli_app' });
    const [q] = await db.prisma.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from pgboss.queue where name = ${QUEUES.pruneLoginAttempts}`;
    expect(q!.n).toBe(1);
  });

  it('works a job: prune-login-attempts deletes only the old attempts', async () => {
    const old = new Date(Date.now() - (THROTTLE.windowMinutes + 5) * 60_000);
    await db.prisma.loginAttempt.createMany({
      data: [
        { email: 'old1@example.test', ip: '10.0.0.1', at: old },
        { email: 'old2@example.test', ip: '10.0.0.2', at: new Date(old.getTime() - 86_400_000) },
        { email: 'fresh1@example.test', ip: '10.0.0.3' },
        { email: 'fresh2@example.test', ip: '10.0.0.4', at: new Date(Date.now() - 60_000) },
      ],
    });
    expect(await db.prisma.loginAttempt.count()).toBe(4);
    const id = await boss!.send(QUEUES.pruneLoginAttempts, {});
    expect(id).toBeTruthy();
    await waitForJob(boss!, QUEUES.pruneLoginAttempts, id!);
    const left = await db.prisma.loginAttempt.findMany({ orderBy: { email: 'asc' } });
    expect(left.map((x) => x.email)).toEqual(['fresh1@example.test', 'fresh2@example.test']);
  });

  it('analyzes the embedded database (no autovacuum there): the planner learns the row counts', async () => {
    const reltuples = async () => {
      const [r] = await db.prisma.$queryRaw<{ n: number }[]>`select reltuples::float8 as n from pg_class where oid = '"Unit"'::regclass`;
      return r!.n;
    };
    // the company's unit is in, but the planner has never been told (reltuples -1 or 0)
    const units = await asOwner(db, (tx) => tx.query<{ n: number }>('select count(*)::int as n from "Unit"'));
    expect(units.rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect(await reltuples()).toBeLessThan(1);
    const id = await boss!.send(QUEUES.analyzeEmbedded, {});
    expect(id).toBeTruthy();
    await waitForJob(boss!, QUEUES.analyzeEmbedded, id!);
    expect(await reltuples()).toBeGreaterThanOrEqual(1);
    // and the session is the app's again afterwards (the superuser only for the statement)
    const [who] = await db.prisma.$queryRaw<{ who: string }[]>`select current_user as who`;
    expect(who!.who).toBe('linli_app');
  });

  it("never runs a job's query inside a request's open transaction", async () => {
    const id = await boss!.send(PROBE, {});
    expect(id).toBeTruthy();
    // the job is fetched and its handler running before the request starts
    await Promise.race([handlerStarted.promise, sleep(20_000).then(() => Promise.reject(new Error('probe job never started')))]);

    const tx = await withTenant(db.prisma, A.tenant.id, async (t) => {
      const [first] = await t.$queryRaw<{ tenant: string; txid: string }[]>`
        select current_setting('app.tenant_id', true) as tenant, txid_current()::text as txid`;
      expect(first!.tenant).toBe(A.tenant.id);
      expect(await t.unit.count()).toBe(1); // the request sees A's unit
      txOpen.resolve(); // the job's query is issued now, while this transaction is open
      await sleep(500);
      const [last] = await t.$queryRaw<{ seq: string; txid: string }[]>`select ${NEXT} as seq, txid_current()::text as txid`;
      expect(last!.txid).toBe(first!.txid);
      return { txid: first!.txid, lastSeq: BigInt(last!.seq), bodyEndedAt: performance.now() };
    });
    const probe = await probeDone.promise;

    // It really was concurrent: the job issued its query while the transaction was open ...
    expect(probe.issuedAt).toBeLessThan(tx.bodyEndedAt);
    // ... and got its answer only after the transaction's body had finished (JS clock) ...
    expect(probe.doneAt).toBeGreaterThanOrEqual(tx.bodyEndedAt);
    expect(probe.doneAt - probe.issuedAt).toBeGreaterThan(400);
    // ... and the database ran it after the transaction's last statement (the sequence), in a
    // transaction of its own (inside the request's, txid_current() would be the request's).
    expect(probe.seq).toBeGreaterThan(tx.lastSeq);
    expect(probe.txid).not.toBe(tx.txid);
    // It saw no tenant, hence no tenant-owned rows, and ran as linli_app.
    expect(probe.tenant === null || probe.tenant === '').toBe(true);
    expect(probe.units).toBe(0);
    expect(probe.who).toBe('linli_app');

    await waitForJob(boss!, PROBE, id!);
  });
});
