import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { assertAppRole, connectPostgres } from '@/server/db/client';
import { migratePostgres } from '@/server/db/migrate';
import { startJobs } from '@/server/jobs';

// #12 accounts point 11: the app server logs in as linli_app itself and cannot leave that role;
// the owner's URL is for migrations only; pg-boss runs as linli_app in a schema it owns.
describe.skipIf(!pgServerUrl())('the app role (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('logs in as linli_app: current_user = session_user, no superuser, no BYPASSRLS; RESET ROLE changes nothing, SET ROLE owner is refused', async () => {
    const [who] = await t.db.prisma.$queryRaw<{ cu: string; su: string; sup: boolean; byp: boolean; login: boolean }[]>`
      select current_user::text cu, session_user::text su, rolsuper sup, rolbypassrls byp, rolcanlogin login from pg_roles where rolname = session_user`;
    expect(who).toEqual({ cu: 'linli_app', su: 'linli_app', sup: false, byp: false, login: true });
    const afterReset = await t.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('RESET ROLE');
      return (await tx.$queryRaw<{ u: string }[]>`select current_user::text u`)[0]!.u;
    });
    expect(afterReset).toBe('linli_app');
    const ownerName = (await owner.query<{ u: string }>('select current_user::text u')).rows[0]!.u;
    await expect(t.db.prisma.$executeRawUnsafe(`SET ROLE "${ownerName}"`)).rejects.toThrow(/permission denied/);
    await assertAppRole(t.db.prisma);
  });

  it('refuses to run on the owner connection', async () => {
    const asOwner = connectPostgres(t.url, { max: 1 });
    try {
      await expect(assertAppRole(asOwner.prisma)).rejects.toThrow(/APP_DATABASE_URL must log in as the role linli_app/);
    } finally {
      await asOwner.close();
    }
  });

  it('runs pg-boss as linli_app in the pgboss schema that role owns', async () => {
    const boss = await startJobs(t.db, { work: false });
    try {
      const id = await boss.send('notifications-deliver-outbox', {});
      expect(id).toBeTruthy();
    } finally {
      await boss.stop({ graceful: false, timeout: 3000 });
    }
    const owners = await owner.query<{ who: string; n: number }>(
      `select pg_get_userbyid(relowner)::text who, count(*)::int n from pg_class where relnamespace = 'pgboss'::regnamespace and relkind in ('r', 'p') group by 1`,
    );
    expect(owners.rows.length).toBe(1);
    expect(owners.rows[0]!.who).toBe('linli_app');
    const schema = await owner.query<{ who: string }>(`select pg_get_userbyid(nspowner)::text who from pg_namespace where nspname = 'pgboss'`);
    expect(schema.rows[0]!.who).toBe('linli_app');
  });

  it('the migration hands an owner-made pgboss schema (before this change) to linli_app', async () => {
    const me = (await owner.query<{ u: string }>('select current_user::text u')).rows[0]!.u;
    await owner.query(`create table pgboss.legacy_probe (id int)`);
    await owner.query(`alter table pgboss.legacy_probe owner to "${me}"`);
    await owner.query(`alter schema pgboss owner to "${me}"`);
    const dir = readdirSync('prisma/migrations').find((d) => d.endsWith('_app_login_role'))!;
    await owner.query(readFileSync(join('prisma/migrations', dir, 'migration.sql'), 'utf8'));
    const r = await owner.query<{ s: string; t: string }>(
      `select pg_get_userbyid(n.nspowner)::text s, pg_get_userbyid(c.relowner)::text t from pg_namespace n join pg_class c on c.relnamespace = n.oid where n.nspname = 'pgboss' and c.relname = 'legacy_probe'`,
    );
    expect(r.rows[0]).toEqual({ s: 'linli_app', t: 'linli_app' });
  });

  it('the migrate step gives linli_app the password from LINLI_APP_PASSWORD', async () => {
    // The role is shared by the server's databases: reuse the password the run already uses.
    const password = process.env.LINLI_APP_PASSWORD || 'linli-pooler-test';
    await migratePostgres(t.url, { appPassword: password });
    const isSuper = (await owner.query<{ s: boolean }>('select rolsuper s from pg_roles where rolname = current_user')).rows[0]!.s;
    if (isSuper) {
      const r = await owner.query<{ p: string | null }>(`select rolpassword p from pg_authid where rolname = 'linli_app'`);
      expect(r.rows[0]!.p).toMatch(/^(SCRAM-SHA-256\$|md5)/);
    }
  });
});
