import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { uniq, type TestUser } from '../helpers/fixtures';
import { setDatabase } from '@/server/db';

// #13 point 1 at the tRPC edge: a failure reaches the client as keys of the errors catalog with
// params — data.error = { key, params }, and for bad input data.fieldErrors = { field: { key, params } }.

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; name: string } }));
vi.mock('@/server/auth/session', () => ({ currentSession: async () => session.user }));
const signIn = (u: TestUser | null) => {
  session.user = u ? { userId: u.id, email: u.email, name: u.name } : null;
};

const BASE = 'http://localhost:3000/api/trpc';
const postReq = (path: string, input: unknown) =>
  new Request(`${BASE}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) });
type Body = {
  error: {
    json: {
      message: string;
      data: {
        code: string;
        error: { key: string; params: Record<string, unknown> };
        fieldErrors: Record<string, { key: string; params?: Record<string, unknown> }> | null;
        details: unknown;
      };
    };
  };
};

describe.skipIf(!pgServerUrl())('errors by key over HTTP (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let slug: string;
  let admin: TestUser;
  const call = async (path: string, input: unknown) => {
    const { POST } = await import('@/app/api/trpc/[trpc]/route');
    const res = await POST(postReq(path, input));
    return { status: res.status, body: (await res.json()) as Body };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    slug = uniq('keys');
    const [tenant] = (
      await owner.query<{ id: string }>(`insert into "Tenant" (id, slug, name) values (gen_random_uuid()::text, $1, '键 物业') returning id`, [slug])
    ).rows;
    const [user] = (
      await owner.query<{ id: string }>(`insert into "User" (id, email, name) values (gen_random_uuid()::text, $1, 'Admin') returning id`, [
        `${slug}@example.test`,
      ])
    ).rows;
    await owner.query(`insert into "Membership" ("tenantId", id, "userId", role) values ($1, gen_random_uuid()::text, $2, 'ADMIN')`, [tenant!.id, user!.id]);
    admin = { id: user!.id, email: `${slug}@example.test`, name: 'Admin' };
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('bad input: 400 with each field as { key, params }', async () => {
    signIn(admin);
    const { status, body } = await call('property.createCommunity', { tenant: slug, name: '', address: 'y'.repeat(201) });
    expect(status).toBe(400);
    const data = body.error.json.data;
    expect(data.fieldErrors).toMatchObject({
      name: { key: 'required', params: { what: 'communityName' } },
      address: { key: 'tooLongNamed', params: { what: 'field', max: 200 } },
    });
    expect(data.error.key).toMatch(/^(required|tooLongNamed)$/);
    // the English rendering stays the message (logs, scripts)
    expect(body.error.json.message).toMatch(/is required|at most 200/);
  });

  it("a service's AppError: its key, params and details", async () => {
    signIn(admin);
    expect((await call('property.createCommunity', { tenant: slug, name: '翠竹园' })).status).toBe(200);
    const { status, body } = await call('property.createCommunity', { tenant: slug, name: '翠竹园' });
    expect(status).toBe(409);
    expect(body.error.json.data).toMatchObject({
      error: { key: 'communityExists', params: { name: '翠竹园' } },
      details: { field: 'name' },
      fieldErrors: null,
    });
  });

  it('the builders: sign in first, company not found', async () => {
    signIn(null);
    const out = await call('property.createCommunity', { tenant: slug, name: 'x' });
    expect(out.status).toBe(401);
    expect(out.body.error.json.data.error).toEqual({ key: 'signInFirst', params: {} });
    signIn(admin);
    const other = await call('property.createCommunity', { tenant: 'no-such-company', name: 'x' });
    expect(other.status).toBe(404);
    expect(other.body.error.json.data.error).toEqual({ key: 'companyNotFound', params: {} });
  });
});
