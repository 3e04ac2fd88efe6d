import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { connectPostgres, type Database } from '@/server/db/client';

// The server may end a pooled connection at any time (restart, failover, a database dropped
// WITH (FORCE) at shutdown). That must never crash the process, even when Prisma is not
// listening (after $disconnect, while the pool is closing), and the pool must replace it.
describe.skipIf(!pgServerUrl())('app database client (PostgreSQL)', () => {
  let t: TestDatabase;
  let db: Database;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = connectPostgres(t.appUrl, { max: 2 });
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await db?.close();
    await t?.drop();
  });

  const appBackends = async () =>
    (
      await owner.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      )
    ).rows.map((r) => r.pid);

  it('survives the server ending an idle connection after Prisma disconnected, then reconnects', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const who = await db.prisma.$queryRaw<{ u: string }[]>`select current_user::text as u`;
      expect(who[0]!.u).toBe('linli_app');
      await db.prisma.$disconnect(); // Prisma's adapter stops listening; the pool keeps its idle client
      const pids = await appBackends();
      expect(pids.length).toBeGreaterThan(0);
      await owner.query('select pg_terminate_backend(pid) from unnest($1::int[]) pid', [pids]);
      // the terminated client sees the server's FATAL message
      for (let i = 0; i < 50 && (await appBackends()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await appBackends()).toEqual([]);
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);

      // the pool dropped the dead client: the next query gets a fresh connection
      const again = await db.prisma.$queryRaw<{ n: number }[]>`select 1::int as n`;
      expect(again[0]!.n).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
