import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, uniq, type TestUser } from '../helpers/fixtures';
import { connectPostgres, type Database } from '@/server/db/client';
import { setDatabase } from '@/server/db';
import { withHeavyLease } from '@/server/api/heavy-limit';
import { INTERNAL_MESSAGE } from '@/server/api/errors';

// #12 accounts points 7 and 8 at the request edge: bad input is 400, never 500; a 500 says
// nothing but a request id; unmapped database errors get clear statuses; tRPC body and batch
// limits; pool exhaustion → 503 with Retry-After; heavy reports limited per user across servers.

// The route handler reads the session through next-auth; here the signed-in user is set directly.
const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; name: string } }));
vi.mock('@/server/auth/session', () => ({ currentSession: async () => session.user }));

const signIn = (u: TestUser | null) => {
  session.user = u ? { userId: u.id, email: u.email, name: u.name } : null;
};

const BASE = 'http://localhost:3000/api/trpc';
const json = (v: unknown) => JSON.stringify({ json: v });
const getReq = (path: string, input: unknown) => new Request(`${BASE}/${path}?input=${encodeURIComponent(json(input))}`);
const postReq = (path: string, input: unknown) =>
  new Request(`${BASE}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(input) });

async function route() {
  return (await import('@/app/api/trpc/[trpc]/route')).POST;
}

describe.skipIf(!pgServerUrl())('request edge (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: { tenant: { id: string; slug: string; name: string }; slug: string; admin: TestUser; as: ReturnType<typeof callerFor> };
  let owner: pg.Client;
  const extra: Database[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    // A company and its admin written directly (these tests are about the edge, not sign-up).
    const slug = uniq('edge');
    const [tenant] = (
      await owner.query<{ id: string; slug: string; name: string }>(
        `insert into "Tenant" (id, slug, name) values (gen_random_uuid()::text, $1, 'Edge 物业') returning id, slug, name`,
        [slug],
      )
    ).rows;
    const [user] = (
      await owner.query<{ id: string }>(`insert into "User" (id, email, name) values (gen_random_uuid()::text, $1, 'Admin') returning id`, [
        `${slug}@example.test`,
      ])
    ).rows;
    await owner.query(`insert into "Membership" ("tenantId", id, "userId", role) values ($1, gen_random_uuid()::text, $2, 'ADMIN')`, [tenant!.id, user!.id]);
    const admin: TestUser = { id: user!.id, email: `${slug}@example.test`, name: 'Admin' };
    A = { tenant: tenant!, slug, admin, as: callerFor(t.db, admin) };
  });
  afterAll(async () => {
    for (const d of extra) await d.close();
    await owner?.end();
    await t?.drop();
  });

  it('bad input is BAD_REQUEST (400), never INTERNAL_SERVER_ERROR', async () => {
    for (const name of ['翠竹\u0000园', '\u202Egpj.exe', '\u200B\u200B']) {
      const e = await A.as.property.createCommunity({ tenant: A.slug, name }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TRPCError);
      expect((e as TRPCError).code).toBe('BAD_REQUEST');
    }
    signIn(A.admin);
    const handler = await route();
    const res = await handler(postReq('property.createCommunity', { tenant: A.slug, name: 'a\u0000b' }));
    expect(res.status).toBe(400);
    const period = await handler(getReq('collection.getSummary', { tenant: A.slug, period: '1999-12' }));
    expect(period.status).toBe(400);
  });

  it("a received date before the company's first period, or after today, is BAD_REQUEST", async () => {
    const reg = await makeRegister(t.db, A);
    const pay = (receivedOn: string) =>
      A.as.payments.recordPayment({ tenant: A.slug, payer: { kind: 'UNIT', id: reg.unit.id }, method: 'CASH', amountFen: 100, receivedOn }).then(
        () => null,
        (x: unknown) => x as TRPCError,
      );
    const early = await pay('2020-05-01');
    expect(early?.code).toBe('BAD_REQUEST');
    expect(early?.message).toMatch(/before the company's first billing period/);
    expect((await pay('2999-01-01'))?.code).toBe('BAD_REQUEST');
    // the company was created this month: its first day is allowed (the payment becomes credit)
    const first = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7)}-01`;
    expect(await pay(first)).toBeNull();
  });

  it('a forced internal error answers a generic message with a request id, and no SQL text', async () => {
    signIn(A.admin);
    const handler = await route();
    await owner.query('revoke select on "Community" from linli_app');
    const logged: unknown[] = [];
    const { logger } = await import('@/server/logger');
    const spy = vi.spyOn(logger, 'error').mockImplementation(((obj: unknown) => void logged.push(obj)) as never);
    try {
      const res = await handler(getReq('property.listCommunities', { tenant: A.slug }));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(/permission denied|Community|SELECT|prisma|postgres|42501|stack/i);
      const body = JSON.parse(text) as { error: { json: { message: string; data: { requestId: string; code: string } } } };
      expect(body.error.json.data.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.error.json.data.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.error.json.message).toBe(`${INTERNAL_MESSAGE} (${body.error.json.data.requestId})`);
      // the real error is in the log, under the same id
      expect(
        logged.some(
          (o) =>
            (o as { requestId?: string }).requestId === body.error.json.data.requestId &&
            /permission denied/i.test(String((o as { err?: Error }).err?.message ?? (o as { err?: unknown }).err)),
        ),
      ).toBe(true);
    } finally {
      spy.mockRestore();
      await owner.query('grant select on "Community" to linli_app');
    }
  });

  it('a unique violation a service did not translate is CONFLICT, not 500', async () => {
    const reg = await makeRegister(t.db, A);
    await owner.query(`create unique index w6_test_resident_phone on "Resident" ("tenantId", "phone") where "phone" = '13912345678'`);
    try {
      await A.as.property.createResident({ tenant: A.slug, unitId: reg.unit.id, name: '王五', phone: '13912345678' });
      const e = await A.as.property.createResident({ tenant: A.slug, unitId: reg.unit.id, name: '李四', phone: '13912345678' }).catch((x: unknown) => x);
      expect((e as TRPCError).code).toBe('CONFLICT');
      expect((e as TRPCError).message).toBe('This record already exists');
    } finally {
      await owner.query('drop index w6_test_resident_phone');
    }
  });

  it('refuses a tRPC body over 1 MB (413) and a batch of 11 calls (400)', async () => {
    signIn(A.admin);
    const handler = await route();
    const big = await handler(postReq('property.createCommunity', { tenant: A.slug, name: 'x', address: 'y'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
    // no Content-Length: counted while reading
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 12; i++) c.enqueue(new Uint8Array(100_000).fill(32));
        c.close();
      },
    });
    const streamed = await handler(
      new Request(`${BASE}/property.createCommunity`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit & { duplex: 'half' }),
    );
    expect(streamed.status).toBe(413);

    const paths = (n: number) => Array.from({ length: n }, () => 'property.listCommunities').join(',');
    const input = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { tenant: A.slug } }])));
    const { GET } = await import('@/app/api/trpc/[trpc]/route');
    const eleven = await GET(new Request(`${BASE}/${paths(11)}?batch=1&input=${encodeURIComponent(input(11))}`));
    expect(eleven.status).toBe(400);
    expect(await eleven.text()).toMatch(/batch/i);
    const ten = await GET(new Request(`${BASE}/${paths(10)}?batch=1&input=${encodeURIComponent(input(10))}`));
    expect(ten.status).toBe(200);
    expect(ten.headers.get('cache-control')).toBe('no-store');
  });

  it('an exhausted pool answers 503 with Retry-After', async () => {
    const small = connectPostgres(t.appUrl, { max: 1, acquireTimeoutMs: 300 });
    extra.push(small);
    setDatabase(small);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holding = small.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`select 1`;
      await gate;
    });
    try {
      await new Promise((r) => setTimeout(r, 50));
      const e = await callerFor(small, A.admin)
        .property.listCommunities({ tenant: A.slug })
        .catch((x: unknown) => x);
      expect((e as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
      signIn(A.admin);
      const handler = await route();
      const { GET } = await import('@/app/api/trpc/[trpc]/route');
      void handler;
      const res = await GET(getReq('property.listCommunities', { tenant: A.slug }));
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      release();
      await holding;
      setDatabase(t.db);
    }
    // and it recovers once the connection is back
    expect(await callerFor(small, A.admin).property.listCommunities({ tenant: A.slug })).toBeTruthy();
  });

  it('limits heavy reports per user across two servers (429 with Retry-After); other users are not affected', async () => {
    const server1 = t.db;
    const server2 = connectPostgres(t.appUrl, { max: 4 });
    extra.push(server2);
    const execA = await addMember(t.db, A.tenant.id, 'EXECUTIVE');
    const execB = await addMember(t.db, A.tenant.id, 'EXECUTIVE');
    const limits = { concurrent: 2, perMinute: 100, leaseSeconds: 60 };

    // two reports of execA in flight on server 1
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const inFlight = [withHeavyLease(server1.prisma, execA.id, () => gate, limits), withHeavyLease(server1.prisma, execA.id, () => gate, limits)];
    await new Promise((r) => setTimeout(r, 100));

    // a third on server 2 (through the real procedure) is refused
    const e = await callerFor(server2, execA)
      .collection.getSummary({ tenant: A.slug, period: '2026-01' })
      .catch((x: unknown) => x);
    expect((e as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    expect(((e as TRPCError).cause as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds).toBeGreaterThan(0);
    // execB is not starved by execA
    expect(await callerFor(server2, execB).collection.getSummary({ tenant: A.slug, period: '2026-01' })).toBeTruthy();

    // through HTTP: 429 and Retry-After
    signIn(execA);
    const { GET } = await import('@/app/api/trpc/[trpc]/route');
    setDatabase(server2);
    try {
      const res = await GET(getReq('collection.listArrears', { tenant: A.slug }));
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      setDatabase(t.db);
    }

    open();
    await Promise.all(inFlight);
    expect(await callerFor(server2, execA).collection.getSummary({ tenant: A.slug, period: '2026-01' })).toBeTruthy();

    // per minute: the 4th start within a minute is refused with the seconds until the oldest ages out
    const perMinute = { concurrent: 10, perMinute: 3, leaseSeconds: 60 };
    const user = `rate-${Date.now()}`;
    for (let i = 0; i < 3; i++) await withHeavyLease(i % 2 ? server1.prisma : server2.prisma, user, async () => 1, perMinute);
    const r = await withHeavyLease(server2.prisma, user, async () => 1, perMinute).catch((x: unknown) => x);
    expect((r as { code?: string }).code).toBe('TOO_MANY_REQUESTS');
    const wait = (r as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
  });
});
