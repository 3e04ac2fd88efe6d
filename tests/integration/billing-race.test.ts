import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { connectPostgres, type Database } from '@/server/db/client';
import { withTenant } from '@/server/db/tenant';
import { commitRun } from '@/server/billing/billing-run';

// Two admins run billing for the same period at the same moment, on two separate connections.
// Both transactions are open and past a first barrier before either bills; neither commits
// until the other has either billed too or is seen blocked on the first one's uncommitted rows
// (PostgreSQL makes the second insert of a key wait for the first transaction). The unique
// index decides: one bill per (object, fee item, period), units and parking spaces alike.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function barrier(n: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return async () => {
    if (++arrived === n) release();
    await all;
  };
}

describe.skipIf(!pgServerUrl())('concurrent billing runs (PostgreSQL, two connections)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let admin2: string;
  const clients: Database[] = [];
  let expectedKeys = 0;
  const items: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    A = await makeTenant(t.db, 'Race 物业');
    const c = await A.as.property.createCommunity({ tenant: A.slug, name: '竞跑园' });
    const b = await A.as.property.createBuilding({ tenant: A.slug, communityId: c.id, name: '1号楼' });
    const units: string[] = [];
    for (let i = 1; i <= 40; i++) {
      units.push((await A.as.property.createUnit({ tenant: A.slug, buildingId: b.id, number: `${100 + i}`, floor: 1, area: `${60 + i}.25` })).id);
    }
    await A.as.billing.createParkingSpace({ tenant: A.slug, communityId: c.id, number: 'P-1', unitId: units[0]! });
    await A.as.billing.createParkingSpace({ tenant: A.slug, communityId: c.id, number: 'P-2', renterName: '赵六' });
    items.push(
      (await A.as.billing.createFeeItem({ tenant: A.slug, name: '物业费', calc: 'PER_AREA', communityIds: [c.id], initialPrice: { effectiveFrom: '2026-01', price: '2.3550' } })).id,
      (await A.as.billing.createFeeItem({ tenant: A.slug, name: '车位费', calc: 'FIXED', objectKind: 'PARKING', communityIds: [c.id], initialPrice: { effectiveFrom: '2026-01', price: '150' } })).id,
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
        const r = await commitRun(db, { tenantId: A.tenant.id, actorId: me ? admin2 : A.admin.id, period, feeItemIds: items });
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
    const runs = (await owner.query(`select id, "billCount", (select count(*)::int from "Bill" b where b."runId" = r.id) as actual from "BillingRun" r where "tenantId" = $1 and period = '2026-05'`, [A.tenant.id])).rows;
    expect(runs).toHaveLength(2);
    for (const r of runs) expect(r.billCount).toBe(r.actual);
  });

  it('racing again after everything is billed creates nothing', async () => {
    const { results } = await race('2026-05');
    expect(results.map((r) => r.billCount)).toEqual([0, 0]);
    expect(await billKeys('2026-05')).toHaveLength(expectedKeys);
  });

  it('a fresh period raced after an undo bills each key once more, and only once', async () => {
    const first = await withTenant(t.db.prisma, A.tenant.id, (db) => commitRun(db, { tenantId: A.tenant.id, actorId: A.admin.id, period: '2026-06', feeItemIds: items }));
    await A.as.billing.undoRun({ tenant: A.slug, runId: first.runId, reason: '重新出账' });
    const { results } = await race('2026-06');
    expect(results[0]!.billCount + results[1]!.billCount).toBe(expectedKeys);
    const keys = await billKeys('2026-06');
    expect(keys).toHaveLength(expectedKeys);
    expect(keys.every((k) => k.n === 1)).toBe(true);
  });
});
