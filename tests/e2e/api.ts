import { request, type APIRequestContext } from '@playwright/test';
import superjson from 'superjson';
import { randomBytes } from 'node:crypto';
import { BASE_URL } from '../../playwright.config';

// e2e fixtures go through the app's own HTTP endpoints (tRPC and next-auth), never its database.

export const uniq = (p: string) => `${p}-${randomBytes(3).toString('hex')}`;
export const PASSWORD = 'e2e-password-1';

/** Calls a mutation (POST) or, with `query: true`, a query (GET), as the tRPC client does. */
export async function trpc<T = unknown>(ctx: APIRequestContext, path: string, input: unknown, opts: { query?: boolean } = {}): Promise<T> {
  const res = opts.query
    ? await ctx.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`)
    : await ctx.post(`/api/trpc/${path}`, { data: superjson.serialize(input) });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body.error?.json?.message ?? body)}`);
  return superjson.deserialize(body.result.data) as T;
}

/** An API client signed in through next-auth's credentials endpoint. */
export async function signedIn(email: string, password = PASSWORD): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const { csrfToken } = await (await ctx.get('/api/auth/csrf')).json();
  const res = await ctx.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true', callbackUrl: BASE_URL },
  });
  if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()}`);
  const session = await (await ctx.get('/api/auth/session')).json();
  if (!session?.user?.email) throw new Error(`sign-in of ${email} did not create a session`);
  return ctx;
}

export interface Company {
  slug: string;
  name: string;
  admin: { email: string; ctx: APIRequestContext };
  users: Record<'CASHIER' | 'STAFF' | 'EXECUTIVE' | 'RESIDENT', string>;
  unitId: string;
}

/**
 * A company made through sign-up, with a community, a unit with a resident, and one
 * member of each role who accepted an invitation (so each can sign in with PASSWORD).
 * `memberNames` gives a member a display name (default: the role, e.g. "CASHIER").
 */
export async function makeCompany(name = 'E2E 物业', opts: { memberNames?: Partial<Company['users']> } = {}): Promise<Company> {
  const anon = await request.newContext({ baseURL: BASE_URL });
  const slug = uniq('e2e');
  const adminEmail = `${slug}-admin@example.test`;
  // Sign-up answers "check your e-mail"; the e2e server runs embedded (no mail server), so the
  // answer carries the mail and its link, which creates the account and company.
  const sent = await trpc<{ demoMail: { link: string | null } | null }>(anon, 'account.signUp', {
    companyName: name,
    slug,
    adminName: '管理员',
    email: adminEmail,
    password: PASSWORD,
  });
  const signUpToken = sent.demoMail?.link?.split('/sign-up/confirm/')[1];
  if (!signUpToken) throw new Error('sign-up: no confirmation link in the answer (is the e2e server embedded?)');
  await trpc(anon, 'account.confirmSignUp', { token: signUpToken });
  const admin = await signedIn(adminEmail);
  const community = await trpc<{ id: string }>(admin, 'property.createCommunity', { tenant: slug, name: '翠竹园' });
  const building = await trpc<{ id: string }>(admin, 'property.createBuilding', { tenant: slug, communityId: community.id, name: '1号楼' });
  const unit = await trpc<{ id: string }>(admin, 'property.createUnit', {
    tenant: slug,
    buildingId: building.id,
    entrance: '1单元',
    number: '101',
    floor: 1,
    area: '89.50',
  });
  const other = await trpc<{ id: string }>(admin, 'property.createUnit', {
    tenant: slug,
    buildingId: building.id,
    entrance: '1单元',
    number: '102',
    floor: 1,
    area: '120.00',
  });
  const residentEmail = `${slug}-resident@example.test`;
  const resident = await trpc<{ id: string }>(admin, 'property.createResident', { tenant: slug, unitId: unit.id, name: '刘业主', email: residentEmail });
  await trpc(admin, 'property.createResident', { tenant: slug, unitId: other.id, name: '邻居王', email: `${slug}-neighbour@example.test` });
  const users = {} as Company['users'];
  for (const role of ['CASHIER', 'STAFF', 'EXECUTIVE', 'RESIDENT'] as const) {
    const email = role === 'RESIDENT' ? residentEmail : `${slug}-${role.toLowerCase()}@example.test`;
    const inv = await trpc<{ link: string }>(admin, 'members.invite', {
      tenant: slug,
      email,
      name: opts.memberNames?.[role] ?? role,
      role,
      ...(role === 'RESIDENT' ? { residentId: resident.id } : {}),
    });
    const token = inv.link.split('/invite/')[1]!;
    await trpc(anon, 'account.acceptInvitation', { token, password: PASSWORD });
    users[role] = email;
  }
  await anon.dispose();
  return { slug, name, admin: { email: adminEmail, ctx: admin }, users, unitId: unit.id };
}
