import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import superjson from 'superjson';

// Two app servers behind PgBouncer in transaction-pooling mode, on a throwaway PostgreSQL
// database, from the same production build the other e2e specs use (LINLI_DIST_DIR). The
// migrate step runs as the owner exactly as `npm start` does; the servers get only
// APP_DATABASE_URL (linli_app through PgBouncer). Needs Debian's pgbouncer (.ci/run installs it).

const OWNER_SERVER = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const APP_PASSWORD = 'linli-pooler-test'; // the role is cluster-wide: one fixed password, no races between runs
const POOL_SIZE = 6;
const DEMO_PASSWORD = 'linli-demo-2026';
const pgbouncerBin = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => spawnSync(p, ['--version']).status === 0);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function waitFor(what: string, check: () => Promise<boolean>, ms = 120_000, proc?: ChildProcess) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc && proc.exitCode !== null) throw new Error(`${what}: the process exited (${proc.exitCode})`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not ready after ${ms} ms`);
}

async function trpc<T = unknown>(ctx: APIRequestContext, path: string, input: unknown, query = false): Promise<{ status: number; data?: T; error?: string }> {
  const res = query
    ? await ctx.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`)
    : await ctx.post(`/api/trpc/${path}`, { data: superjson.serialize(input) });
  const body = await res.json().catch(() => null);
  if (!res.ok()) return { status: res.status(), error: JSON.stringify(body?.error?.json?.message ?? body) };
  return { status: res.status(), data: superjson.deserialize(body.result.data) as T };
}

async function signIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const { csrfToken } = await (await ctx.get('/api/auth/csrf')).json();
  await ctx.post('/api/auth/callback/credentials', { form: { csrfToken, email, password: DEMO_PASSWORD, json: 'true', callbackUrl: baseURL } });
  const session = await (await ctx.get('/api/auth/session')).json();
  if (!session?.user?.email) throw new Error(`sign-in of ${email} on ${baseURL} failed`);
  return ctx;
}

test.describe('two app servers behind PgBouncer (transaction pooling)', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!pgbouncerBin, "pgbouncer is not installed (.ci/run installs Debian's pgbouncer)");

  const dbName = `linli_pooler_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const ownerUrl = (() => {
    const u = new URL(OWNER_SERVER);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  let dir = '';
  let bouncer: ChildProcess | undefined;
  const servers: { url: string; proc: ChildProcess; log: string[] }[] = [];
  let appUrl = '';
  let owner: pg.Client;
  let tenantId = '';
  let created = false;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const started = Date.now();
    const admin = new pg.Client({ connectionString: OWNER_SERVER, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch (e) {
      // like the integration tests: no PostgreSQL → reported as skipped, not passed
      test.skip(true, `no PostgreSQL at ${OWNER_SERVER.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}`);
    }
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    created = true;

    // The migrate step, as `npm start` runs it: its own process, the owner's URL, the app password.
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn' };
    delete env.APP_DATABASE_URL;
    const migrate = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-migrate.ts'], {
      env: { ...env, DATABASE_URL: ownerUrl, LINLI_APP_PASSWORD: APP_PASSWORD },
      encoding: 'utf8',
    });
    expect(migrate.status, migrate.stderr + migrate.stdout).toBe(0);
    owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();

    // PgBouncer: transaction pooling, a small pool so every server connection is reachable.
    dir = mkdtempSync(join(tmpdir(), 'linli-pgbouncer-'));
    chmodSync(dir, 0o777); // pgbouncer, dropped to the postgres user, writes its log and pid file here
    const bport = await freePort();
    const pgu = new URL(OWNER_SERVER);
    writeFileSync(join(dir, 'userlist.txt'), `"linli_app" "${APP_PASSWORD}"\n`);
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `linli = host=${pgu.hostname || '127.0.0.1'} port=${pgu.port || 5432} dbname=${dbName}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${bport}`,
        'unix_socket_dir =',
        'auth_type = scram-sha-256',
        `auth_file = ${join(dir, 'userlist.txt')}`,
        'pool_mode = transaction',
        `default_pool_size = ${POOL_SIZE}`,
        'reserve_pool_size = 0',
        'max_client_conn = 200',
        `logfile = ${join(dir, 'pgbouncer.log')}`,
        `pidfile = ${join(dir, 'pgbouncer.pid')}`,
        '',
      ].join('\n'),
    );
    for (const f of ['userlist.txt', 'pgbouncer.ini']) chmodSync(join(dir, f), 0o644);
    // pgbouncer refuses to run as root: then it drops to the postgres user (-u).
    const asRoot = process.getuid?.() === 0;
    bouncer = spawn(pgbouncerBin!, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const bouncerOut: string[] = [];
    bouncer.stdout!.on('data', (d) => bouncerOut.push(String(d)));
    bouncer.stderr!.on('data', (d) => bouncerOut.push(String(d)));
    appUrl = `postgresql://linli_app:${APP_PASSWORD}@127.0.0.1:${bport}/linli`;
    await waitFor(
      'pgbouncer',
      async () => {
        const c = new pg.Client({ connectionString: appUrl });
        await c.connect();
        await c.end();
        return true;
      },
      20_000,
      bouncer,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\n${bouncerOut.join('')}`);
    });

    // Two app servers from the e2e build, started together; the first seeds the demo company.
    const start = async (i: number, seed: '0' | '1') => {
      const port = await freePort();
      const senv: NodeJS.ProcessEnv = {
        ...env,
        APP_DATABASE_URL: appUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_SECRET: 'pooler-secret-pooler-secret-pooler-0123',
        APP_URL: `http://127.0.0.1:${port}`,
        LINLI_SEED_DEMO: seed,
        LINLI_DIAGNOSTICS: '1',
      };
      delete senv.DATABASE_URL;
      const proc = spawn(process.execPath, ['scripts/server.mjs'], { env: senv, stdio: ['ignore', 'pipe', 'pipe'] });
      const log: string[] = [];
      proc.stdout!.on('data', (d) => log.push(String(d)));
      proc.stderr!.on('data', (d) => log.push(String(d)));
      const url = `http://127.0.0.1:${port}`;
      servers[i] = { url, proc, log };
      await waitFor(`app server ${i + 1}`, async () => (await fetch(`${url}/api/health`)).ok, 180_000, proc).catch((e) => {
        throw new Error(`${(e as Error).message}\n${log.join('').slice(-3000)}`);
      });
    };
    await Promise.all([start(0, '1'), start(1, '0')]);
    tenantId = (await owner.query<{ id: string }>(`select id from "Tenant" where slug = 'demo'`)).rows[0]!.id;
    console.log(`pooler: database, PgBouncer and two app servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  test.afterAll(async () => {
    for (const s of servers) s.proc.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.proc.exitCode !== null ? r(null) : s.proc.once('exit', r)))));
    bouncer?.kill('SIGTERM');
    if (bouncer && bouncer.exitCode === null) await new Promise((r) => bouncer!.once('exit', r));
    await owner?.end().catch(() => {});
    if (!created) return;
    const admin = new pg.Client({ connectionString: OWNER_SERVER });
    await admin.connect();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('each server runs as linli_app: current_user = session_user, no superuser, no BYPASSRLS, RESET ROLE changes nothing', async () => {
    for (const s of servers) {
      const d = await (await fetch(`${s.url}/api/diagnostics`)).json();
      expect(d).toMatchObject({
        mode: 'postgres',
        currentUser: 'linli_app',
        sessionUser: 'linli_app',
        superuser: false,
        bypassRls: false,
        afterReset: 'linli_app',
        setRoleOwner: 'denied',
      });
      expect(d.owner).not.toBe('linli_app');
    }
    // and the URL itself, through the pooler
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    const r = await c.query(
      `reset role; select current_user::text cu, session_user::text su, rolsuper, rolbypassrls from pg_roles where rolname = session_user`,
    );
    const row = (r as unknown as pg.QueryResult[])[1]!.rows[0];
    expect(row).toEqual({ cu: 'linli_app', su: 'linli_app', rolsuper: false, rolbypassrls: false });
    await c.end();
  });

  test('payments sent to both servers at once keep receipts gapless', async () => {
    test.setTimeout(120_000);
    const a = await signIn(servers[0]!.url, 'cashier@demo.linli.test');
    const b = await signIn(servers[1]!.url, 'cashier@demo.linli.test');
    const units = (await owner.query<{ id: string }>(`select id from "Unit" where "tenantId" = $1 order by id limit 5`, [tenantId])).rows;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const year = Number(today.slice(0, 4));
    const receipts = async () =>
      (
        await owner.query<{ n: number }>(
          `select "receiptNo" as n from "Payment" where "tenantId" = $1 and "receiptYear" = $2 and "receiptNo" is not null order by 1`,
          [tenantId, year],
        )
      ).rows.map((r) => r.n);
    const before = await receipts();
    const N = 12;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        trpc(i % 2 ? b : a, 'payments.recordPayment', {
          tenant: 'demo',
          payer: { kind: 'UNIT', id: units[i % units.length]!.id },
          method: 'CASH',
          amountFen: 100 + i,
          receivedOn: today,
          idempotencyKey: `pooler-${randomBytes(8).toString('hex')}`,
        }),
      ),
    );
    expect(results.map((r) => r.error ?? r.status)).toEqual(Array(N).fill(200));
    const after = await receipts();
    expect(after.length).toBe(before.length + N);
    expect(after).toEqual(Array.from({ length: after.length }, (_, i) => i + 1)); // 1, 2, 3 … no gap, no duplicate
    await a.dispose();
    await b.dispose();
  });

  test('a pg-boss singleton job enqueued on both servers runs once', async () => {
    const key = `k-${randomBytes(6).toString('hex')}`;
    const sent = await Promise.all(
      servers.map(async (s) => (await (await fetch(`${s.url}/api/diagnostics?singleton=${key}`, { method: 'POST' })).json()).id as string | null),
    );
    expect(sent.filter(Boolean)).toHaveLength(1);
    await waitFor(
      'the singleton job',
      async () => {
        const r = await owner.query(`select state from pgboss.job where name = 'diagnostics-singleton' and singleton_key = $1`, [key]);
        return r.rows.length === 1 && r.rows[0].state === 'completed';
      },
      30_000,
    );
    const rows = (await owner.query(`select state, output from pgboss.job where name = 'diagnostics-singleton' and singleton_key = $1`, [key])).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].output?.pid).toBeGreaterThan(0);
  });

  test('a role change made on one server is honoured by the other at once', async () => {
    const admin = await signIn(servers[0]!.url, 'admin@demo.linli.test');
    const staff = await signIn(servers[1]!.url, 'staff@demo.linli.test');
    const members = await trpc<{ id: string; email?: string; user?: { email: string }; role: string }[]>(admin, 'members.list', { tenant: 'demo' }, true);
    expect(members.error).toBeUndefined();
    const m = members.data!.find((x) => (x.email ?? x.user?.email) === 'staff@demo.linli.test')!;
    expect(m).toBeTruthy();
    const read = () => trpc(staff, 'members.list', { tenant: 'demo' }, true);
    expect((await read()).status).toBe(403); // staff may not see the member list
    const promote = await trpc(admin, 'members.update', { tenant: 'demo', id: m.id, role: 'ADMIN' });
    expect(promote.error).toBeUndefined();
    // server 2 reads the membership per request: the new role holds there at once (or, where a
    // role change ends the user's sessions, the old session is refused at once)
    const now = await read();
    expect([200, 401]).toContain(now.status);
    const demote = await trpc(admin, 'members.update', { tenant: 'demo', id: m.id, role: 'STAFF' });
    expect(demote.error).toBeUndefined();
    expect([403, 401]).toContain((await read()).status);
    await admin.dispose();
    await staff.dispose();
  });

  test('a tenant setting planted on the pooled server connections is caught when a request starts', async () => {
    const viewer = await signIn(servers[1]!.url, 'admin@demo.linli.test');
    const ok = await trpc(viewer, 'members.list', { tenant: 'demo' }, true);
    expect(ok.status).toBe(200);
    // Hold every server connection of the pool at once, each in a transaction, and leave a
    // session-level app.tenant_id on it: transaction pooling hands the connection on as it is.
    const onAll = async (sql: string) => {
      const clients = await Promise.all(
        Array.from({ length: POOL_SIZE }, async () => {
          const c = new pg.Client({ connectionString: appUrl });
          await c.connect();
          return c;
        }),
      );
      await Promise.all(clients.map((c) => c.query('begin')));
      await Promise.all(clients.map((c) => c.query(sql)));
      const pids = await Promise.all(clients.map(async (c) => (await c.query<{ p: number }>('select pg_backend_pid() as p')).rows[0]!.p));
      await Promise.all(clients.map((c) => c.query('commit')));
      await Promise.all(clients.map((c) => c.end()));
      return new Set(pids).size;
    };
    expect(await onAll(`set app.tenant_id = '${tenantId}'`)).toBe(POOL_SIZE);
    try {
      for (const s of servers) {
        const ctx = s === servers[1] ? viewer : await signIn(s.url, 'admin@demo.linli.test').catch(() => null);
        if (!ctx) continue; // the sign-in itself may land on a planted connection only through tenant scope
        const r = await trpc(ctx, 'members.list', { tenant: 'demo' }, true);
        expect(r.status).toBe(500);
        expect(r.error ?? '').not.toContain('@demo.linli.test');
      }
    } finally {
      expect(await onAll('reset app.tenant_id')).toBe(POOL_SIZE);
    }
    expect((await trpc(viewer, 'members.list', { tenant: 'demo' }, true)).status).toBe(200);
    await viewer.dispose();
  });

  test.afterAll(() => {
    // keep a server's log when something above failed
    for (const s of servers) if (s.proc.exitCode && s.proc.exitCode !== 0) console.log(s.log.join('').slice(-2000));
    if (dir) {
      try {
        console.log(readFileSync(join(dir, 'pgbouncer.log'), 'utf8').slice(-1000));
      } catch {
        /* removed */
      }
    }
  });
});
