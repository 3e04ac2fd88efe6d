import { loadScope } from '@/server/db/scope';
import { ZRunInput, ZVoidBill } from '@/server/shared/schemas/billing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { connectPostgres, type Database } from '@/server/db/client';
import { withTenant } from '@/server/db/tenant';
import { commitRun } from '@/server/billing/billing-run/commit';
import { voidBill } from '@/server/billing/bills';
import { barrier, sleep } from '../helpers/async';
import { expectRollupsMatch } from '../helpers/rollups';

// Two admins run billing for the same period at the same moment, on two separate connections.
// Both transactions are open and past a first barrier before either bills; neither commits
// until the other has either billed too or is seen blocked on the first one's uncommitted rows
// (PostgreSQL makes the second insert of a key wait for the first transaction). The unique
// index decides: one bill per (object, fee item, period), units and parking spaces alike.
// The second admin names the community explicitly, so the two commits are different runs (an
// identical commit would join the first one's run instead: see the last tests).

describe.skipIf(!pgServerUrl())('concurrent billing runs (PostgreSQL, two connections)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let admin2: string;
  const clients: Database[] = [];
  let expectedKeys = 0;
  let communityId = '';
  const items: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Race 物业');
    const c = await A.as.property.createCommunity({ tenant: A.slug, name: '竞跑园' });
    communityId = c.id;
    const b = await A.as.property.createBuilding({ tenant: A.slug, communityId: c.id, name: '1号楼' });
    const units: string[] = [];
    for (let i = 1; i <= 40; i++) {
      units.push((await A.as.property.createUnit({ tenant: A.slug, buildingId: b.id, number: `${100 + i}`, floor: 1, area: `${60 + i}.25` })).id);
    }
    await A.as.parking.create({ tenant: A.slug, communityId: c.id, number: 'P-1', unitId: units[0]! });
    await A.as.parking.create({ tenant: A.slug, communityId: c.id, number: 'P-2', renterName: '赵六' });
    items.push(
      (
        await A.as.feeItems.create({
          tenant: A.slug,
          name: '物业费',
          calc: 'PER_AREA',
          communityIds: [c.id],
          initialPrice: { effectiveFrom: '2026-01', price: '2.3550' },
        })
      ).id,
      (
        await A.as.feeItems.create({
          tenant: A.slug,
          name: '车位费',
          calc: 'FIXED',
          objectKind: 'PARKING',
          communityIds: [c.id],
          initialPrice: { effectiveFrom: '2026-01', price: '150' },
        })
      ).id,
    );
    expectedKeys = 40 + 2;
    admin2 = (await owner.query(`select "userId" from "Membership" where "tenantId" = $1 limit 1`, [A.tenant.id])).rows[0].userId;
    clients.push(connectPostgres(t.appUrl, { max: 2 }), connectPostgres(t.appUrl, { max: 2 }));
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await owner?.end();
    await t?.drop();
  });

  async function race(period: string) {
    const start = barrier(2);
    const pids: number[] = [0, 0];
    const done = [false, false];
    const sawOther: string[] = [];
    /** Waits until the other transaction has billed too, or is blocked waiting on this one. */
    const beforeCommit = async (me: number) => {
      done[me] = true;
      for (;;) {
        if (done[1 - me]) return sawOther.push('billed');
        const r = await owner.query(`select wait_event_type from pg_stat_activity where pid = $1`, [pids[1 - me]]);
        if (r.rows[0]?.wait_event_type === 'Lock') return sawOther.push('blocked');
        await sleep(10);
      }
    };
    const runOne = (me: number) =>
      withTenant(clients[me]!.prisma, A.tenant.id, async (db) => {
        pids[me] = (await db.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
        await start();
        const r = await commitRun(
          await loadScope(db, A.tenant.id, me ? admin2 : A.admin.id),
          ZRunInput.parse({ period, feeItemIds: items, ...(me ? { communityIds: [communityId] } : {}) }),
        );
        await beforeCommit(me);
        return r;
      });
    const results = await Promise.all([runOne(0), runOne(1)]);
    return { results, sawOther };
  }

  const billKeys = async (period: string) =>
    (
      await owner.query(
        `select "objectId", "feeItemId", count(*)::int as n, min("objectKind"::text) as kind from "Bill"
         where "tenantId" = $1 and period = $2 and kind = 'REGULAR' and "voidedAt" is null group by 1, 2`,
        [A.tenant.id, period],
      )
    ).rows as { objectId: string; feeItemId: string; n: number; kind: string }[];

  it('two runs racing bill each unit and each parking space once', async () => {
    const { results, sawOther } = await race('2026-05');
    // The first to finish saw the other blocked on its uncommitted bills: the runs overlapped.
    expect(sawOther[0]).toBe('blocked');
    const keys = await billKeys('2026-05');
    expect(keys).toHaveLength(expectedKeys);
    expect(keys.every((k) => k.n === 1)).toBe(true);
    expect(keys.filter((k) => k.kind === 'PARKING')).toHaveLength(2);
    expect(results[0]!.billCount + results[1]!.billCount).toBe(expectedKeys);
    // Each run's stored counts are what it inserted.
    const runs = (
      await owner.query(
        `select id, "billCount", (select count(*)::int from "Bill" b where b."runId" = r.id) as actual from "BillingRun" r where "tenantId" = $1 and period = '2026-05'`,
        [A.tenant.id],
      )
    ).rows;
    expect(runs).toHaveLength(2);
    for (const r of runs) expect(r.billCount).toBe(r.actual);
  });

  it('racing again after everything is billed creates nothing', async () => {
    const { results } = await race('2026-05');
    expect(results.map((r) => r.billCount)).toEqual([0, 0]);
    expect(await billKeys('2026-05')).toHaveLength(expectedKeys);
  });

  it('a fresh period raced after an undo bills each key once more, and only once', async () => {
    const first = await withTenant(t.db.prisma, A.tenant.id, async (db) =>
      commitRun(await loadScope(db, A.tenant.id, A.admin.id), ZRunInput.parse({ period: '2026-06', feeItemIds: items })),
    );
    await A.as.billing.undoRun({ tenant: A.slug, runId: first.runId, reason: '重新出账' });
    const { results } = await race('2026-06');
    expect(results[0]!.billCount + results[1]!.billCount).toBe(expectedKeys);
    const keys = await billKeys('2026-06');
    expect(keys).toHaveLength(expectedKeys);
    expect(keys.every((k) => k.n === 1)).toBe(true);
  });

  /** Resolves once the backend `pid` waits for a lock (a row, a transaction or an advisory lock). */
  async function waitingOnLock(pid: () => number, what: string) {
    for (let i = 0; i < 500; i++) {
      const r = pid() ? await owner.query(`select wait_event_type from pg_stat_activity where pid = $1`, [pid()]) : null;
      if (r?.rows[0]?.wait_event_type === 'Lock') return;
      await sleep(10);
    }
    throw new Error(`${what} never waited on a lock`);
  }

  it('a bill voided on its own while a run of its period is in flight is not billed again by that run', async () => {
    const period = '2026-07';
    await withTenant(t.db.prisma, A.tenant.id, async (db) =>
      commitRun(await loadScope(db, A.tenant.id, A.admin.id), ZRunInput.parse({ period, feeItemIds: items })),
    );
    const [target] = (
      await owner.query(`select id, "objectId", "feeItemId" from "Bill" where "tenantId" = $1 and period = $2 and "objectKind" = 'UNIT' order by id limit 1`, [
        A.tenant.id,
        period,
      ])
    ).rows;
    let voided!: () => void;
    const voidWritten = new Promise<void>((r) => (voided = r));
    let commitVoid!: () => void;
    const voidMayCommit = new Promise<void>((r) => (commitVoid = r));
    // The void is written but not committed ...
    const voider = withTenant(clients[0]!.prisma, A.tenant.id, async (db) => {
      await voidBill(await loadScope(db, A.tenant.id, A.admin.id), ZVoidBill.parse({ id: target.id, reason: '业主已预缴' }));
      voided();
      await voidMayCommit;
    });
    await voidWritten;
    // ... when a run of the same period and item starts: its candidates, read in its statement's
    // snapshot, still see the bill as not void, and its insert of that key waits for the void.
    let runPid = 0;
    const run = withTenant(clients[1]!.prisma, A.tenant.id, async (db) => {
      runPid = (await db.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
      return commitRun(await loadScope(db, A.tenant.id, admin2), ZRunInput.parse({ period, feeItemIds: items }));
    });
    await waitingOnLock(() => runPid, 'the run');
    commitVoid();
    await voider;
    const r = await run;
    expect(r.billCount).toBe(0);
    const same = (
      await owner.query(
        `select id, "voidedAt" is not null as void from "Bill" where "tenantId" = $1 and "objectId" = $2 and "feeItemId" = $3 and period = $4 and kind = 'REGULAR'`,
        [A.tenant.id, target.objectId, target.feeItemId, period],
      )
    ).rows;
    expect(same).toEqual([{ id: target.id, void: true }]);
    expect(await billKeys(period)).toHaveLength(expectedKeys - 1);
  });

  it('three identical commits at once make one BillingRun: the others wait and return it', async () => {
    const period = '2026-08';
    const extra = connectPostgres(t.appUrl, { max: 1 });
    const watch = new pg.Pool({ connectionString: t.url, max: 3 });
    try {
      const conns = [clients[0]!, clients[1]!, extra];
      const start = barrier(3);
      const pids = [0, 0, 0];
      const finished = [false, false, false];
      const results = await Promise.all(
        conns.map((c, me) =>
          withTenant(c.prisma, A.tenant.id, async (db) => {
            pids[me] = (await db.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
            await start();
            const r = await commitRun(
              await loadScope(db, A.tenant.id, me === 1 ? admin2 : A.admin.id),
              ZRunInput.parse({ period, feeItemIds: [...items].reverse() }),
            );
            finished[me] = true;
            // Hold this transaction until every other commit has finished or waits on a lock.
            for (const other of [0, 1, 2].filter((o) => o !== me)) {
              for (let i = 0; i < 500 && !finished[other]; i++) {
                const w = await watch.query(`select wait_event_type from pg_stat_activity where pid = $1`, [pids[other]]);
                if (w.rows[0]?.wait_event_type === 'Lock') break;
                await sleep(10);
              }
            }
            return r;
          }),
        ),
      );
      const runs = (await owner.query(`select id, "billCount" from "BillingRun" where "tenantId" = $1 and period = $2`, [A.tenant.id, period])).rows;
      expect(runs).toEqual([{ id: results[0]!.runId, billCount: expectedKeys }]);
      expect(new Set(results.map((r) => r.runId)).size).toBe(1);
      expect(results.map((r) => r.billCount)).toEqual([expectedKeys, expectedKeys, expectedKeys]);
      expect(results.filter((r) => r.joined)).toHaveLength(2);
      const audits = (
        await owner.query(`select count(*)::int as n from "AuditLog" where "tenantId" = $1 and action = 'billing.run' and "entityId" = $2`, [
          A.tenant.id,
          runs[0].id,
        ])
      ).rows[0].n;
      expect(audits).toBe(1);
      expect(await billKeys(period)).toHaveLength(expectedKeys);

      // Later, the same commit again is an ordinary rerun: its own run, nothing left to bill.
      const again = await withTenant(t.db.prisma, A.tenant.id, async (db) =>
        commitRun(await loadScope(db, A.tenant.id, A.admin.id), ZRunInput.parse({ period, feeItemIds: items })),
      );
      expect(again).toMatchObject({ billCount: 0, joined: false });
      expect(again.runId).not.toBe(results[0]!.runId);
    } finally {
      await extra.close();
      await watch.end();
    }
  });

  it("another company's identical commit in flight is never joined: it neither waits for nor returns A's run", async () => {
    const B = await makeTenant(t.db, 'Other 物业');
    let billed!: () => void;
    const aBilled = new Promise<void>((r) => (billed = r));
    let release!: () => void;
    const aMayCommit = new Promise<void>((r) => (release = r));
    const a = withTenant(clients[0]!.prisma, A.tenant.id, async (db) => {
      const r = await commitRun(await loadScope(db, A.tenant.id, A.admin.id), ZRunInput.parse({ period: '2026-09' }));
      billed();
      await aMayCommit;
      return r;
    });
    await aBilled;
    // A's run is still uncommitted: B's same-looking commit finishes on its own, with its own run.
    const b = await withTenant(clients[1]!.prisma, B.tenant.id, async (db) =>
      commitRun(await loadScope(db, B.tenant.id, B.admin.id), ZRunInput.parse({ period: '2026-09' })),
    );
    release();
    const ra = await a;
    expect(b).toMatchObject({ joined: false, billCount: 0 });
    expect(b.runId).not.toBe(ra.runId);
    expect(ra).toMatchObject({ joined: false, billCount: expectedKeys });
    expect((await owner.query(`select "tenantId" from "BillingRun" where id = $1`, [b.runId])).rows).toEqual([{ tenantId: B.tenant.id }]);
  });

  it('after the racing runs, undos and voids, the report rollups equal the row-by-row figures (company and buildings)', async () => {
    await withTenant(t.db.prisma, A.tenant.id, (db) => expectRollupsMatch(db, A.tenant.id, 'Asia/Shanghai', '2031-12-31'));
  });
});
