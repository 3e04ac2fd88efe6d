import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { appRouter } from '@/server/api/root';
import { authedProcedure, liaisonProcedure, platformProcedure, tenantProcedure } from '@/server/api/trpc';
import { can, type Permission } from '@/server/shared/permissions';
import type { Role } from '@/server/db/generated/enums';
import { mayUpload, UPLOAD_PURPOSES } from '@/server/uploads/upload';

// A probe of EVERY procedure of appRouter, found by walking the router (not a hand-written list),
// so that a new router or procedure is covered the moment it is mounted:
//   - tenant procedures (the tenant middleware in their chain): company B's admin naming company
//     A's slug (and A's ids) → NOT_FOUND, never FORBIDDEN (which would reveal the company), never
//     success, and nothing of A's changes;
//   - permitted procedures (meta.permission, set by permittedProcedure): every role of A that lacks
//     the permission → FORBIDDEN;
//   - signed out → UNAUTHORIZED for every procedure that is not public; /platform procedures for a
//     signed-in user who is not a platform operator → NOT_FOUND;
//   - street-office (liaison) procedures (the liaison middleware in their chain): every user who is
//     no active liaison of the office (A's members, B's admin, another office's liaison) → NOT_FOUND,
//     with the office's slug and ids; the office's own liaison gets past the check.
// Inputs are generated from each procedure's zod input so that a call fails for who calls, not for
// what was sent (authorization also runs before the procedure's own input parser — asserted below).

type AnyDef = {
  type: 'query' | 'mutation' | 'subscription';
  meta?: { permission?: Permission; heavy?: boolean };
  inputs: unknown[];
  middlewares: ((...a: unknown[]) => unknown)[] & { _type?: string }[];
};
type Kind = 'public' | 'authed' | 'tenant' | 'platform' | 'liaison';
interface Proc {
  path: string;
  type: AnyDef['type'];
  kind: Kind;
  permission?: Permission;
  def: AnyDef;
}

const ROLES: Role[] = ['ADMIN', 'CASHIER', 'STAFF', 'EXECUTIVE', 'RESIDENT'];
const lastMiddleware = (b: unknown) => (b as { _def: AnyDef })._def.middlewares.at(-1);
const TENANT_MW = lastMiddleware(tenantProcedure);
const PLATFORM_MW = lastMiddleware(platformProcedure);
const AUTHED_MW = lastMiddleware(authedProcedure);
const LIAISON_MW = lastMiddleware(liaisonProcedure);
const KINDS: Kind[] = ['public', 'authed', 'tenant', 'platform', 'liaison'];

function procedures(): Proc[] {
  const record = (appRouter._def as unknown as { procedures: Record<string, { _def: AnyDef }> }).procedures;
  return Object.entries(record)
    .map(([path, p]) => {
      const def = p._def;
      const mws = def.middlewares as unknown[];
      const kind: Kind = mws.includes(PLATFORM_MW)
        ? 'platform'
        : mws.includes(TENANT_MW)
          ? 'tenant'
          : mws.includes(LIAISON_MW)
            ? 'liaison'
            : mws.includes(AUTHED_MW)
              ? 'authed'
              : 'public';
      return { path, type: def.type, kind, permission: def.meta?.permission, def };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

// ── inputs from zod (v4) schemas ─────────────────────────────────────────────────────────────
type ZAny = { _zod: { def: Record<string, unknown> & { type: string } }; safeParse: (v: unknown) => { success: boolean } };
const NO_VALUE = Symbol('none');

/** Values `s` may accept, best first (A's ids for id-like keys); checked by `gen`. */
function candidates(s: ZAny, key: string, ids: (key: string) => string | undefined): unknown[] {
  const d = s._zod.def;
  const inner = (x: unknown) => candidates(x as ZAny, key, ids);
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'catch':
      return [...inner(d.innerType), undefined];
    case 'nullable':
      return [...inner(d.innerType), null];
    case 'readonly':
    case 'nonoptional':
      return inner(d.innerType);
    case 'pipe':
      return inner(d.in);
    case 'lazy':
      return inner((d.getter as () => ZAny)());
    case 'union': {
      // A real value before an empty one ('' | e-mail: the e-mail), so that "one of them" rules pass.
      const all = (d.options as ZAny[]).flatMap((o) => inner(o));
      const empty = (v: unknown) => v === '' || v === null || v === undefined;
      return [...all.filter((v) => !empty(v)), ...all.filter(empty)];
    }
    case 'object': {
      const v = genObject(s, ids);
      return v === NO_VALUE ? [] : [v];
    }
    case 'array': {
      const v = gen(d.element as ZAny, key.replace(/Ids$/, 'Id'), ids);
      return v === NO_VALUE ? [[]] : [[v], []];
    }
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>);
    case 'literal':
      return d.values as unknown[];
    case 'boolean':
      return [true, false];
    case 'number':
    case 'int':
      return [1, 100, 0, 2026, 10_000, 0.5];
    case 'bigint':
      return [1n];
    case 'date':
      return [new Date('2026-01-15T00:00:00Z')];
    case 'string': {
      const id = ids(key);
      return [
        ...(id ? [id] : []),
        ...(/email/i.test(key) ? ['probe@example.test'] : []),
        ...(/phone/i.test(key) ? ['13800000000'] : []),
        '2026-01',
        '2026-01-15',
        '100',
        '1.00',
        '探针',
        'probe-x1',
        'https://example.test/x',
        '13800000000',
        'probe@example.test',
        '2026-01-15T00:00:00.000Z',
        '123456',
        'a'.repeat(32),
        ...(ids('id') ? [ids('id')] : []),
        '2026-Q1',
      ];
    }
    case 'any':
    case 'unknown':
      return [{}];
    default:
      return [];
  }
}

/** The first candidate `s` accepts, or NO_VALUE. */
function gen(s: ZAny, key: string, ids: (key: string) => string | undefined): unknown {
  for (const v of candidates(s, key, ids)) if (s.safeParse(v).success) return v;
  return NO_VALUE;
}

/**
 * An object `s` accepts: its required fields, then optional ones as a refinement ("one of unitId or
 * parkingSpaceId") asks — required only, all, all but one, required plus one.
 */
function genObject(s: ZAny, ids: (key: string) => string | undefined): unknown {
  const shape = s._zod.def.shape as Record<string, ZAny>;
  const required: Record<string, unknown> = {};
  const optional: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(shape)) {
    const isOptional = f.safeParse(undefined).success;
    const v = gen(f, k, ids);
    if (v === NO_VALUE || v === undefined) {
      if (!isOptional) return NO_VALUE;
      continue;
    }
    if (isOptional) optional[k] = v;
    else required[k] = v;
  }
  const keys = Object.keys(optional);
  const pick = (ks: string[]) => Object.fromEntries(ks.map((k) => [k, optional[k]]));
  const tries = [
    { ...required, ...pick(keys.filter((k) => ids(k))) },
    required,
    { ...required, ...optional },
    ...keys.map((k) => ({ ...required, ...pick(keys.filter((x) => x !== k)) })),
    ...keys.map((k) => ({ ...required, ...pick([k]) })),
  ];
  for (const v of tries) if (s.safeParse(v).success) return v;
  return NO_VALUE;
}

/** The procedure's input (all its `.input()` parsers merged) for tenant `slug`, or null when none could be generated. */
function inputFor(p: Proc, slug: string, ids: (key: string) => string | undefined): { input: unknown; generated: boolean } {
  const merged: Record<string, unknown> = {};
  let generated = true;
  for (const parser of p.def.inputs as ZAny[]) {
    const v = gen(parser, '', ids);
    if (v === NO_VALUE || typeof v !== 'object' || v === null) {
      generated = false;
      continue;
    }
    Object.assign(merged, v);
  }
  if (p.kind === 'tenant') merged.tenant = slug;
  if (p.kind === 'liaison') merged.office = slug;
  if (p.def.inputs.length === 0) return { input: undefined, generated: true };
  generated = generated && (p.def.inputs as ZAny[]).every((z) => z.safeParse(merged).success);
  return { input: merged, generated };
}

// Procedures whose input the generator cannot build (they are still called, with a best-effort
// input; authorization runs before their parser). The list may shrink, never silently grow.
const UNGENERATED_MAX = 0;

// Tenant procedures without a permission: the procedure or its service decides by role (each is
// probed below). A new one must be added here on purpose — or, better, use permittedProcedure.
// uploads.getPhotoPermit: who may see a work order's photo is who may see the order
// (server/work-orders/access.ts: role, dispatcher, assignee, the resident's units), not one permission.
const SELF_CHECKING = [
  'company.getCurrent',
  'notifications.listMine',
  'notifications.markRead',
  'payments.getReceipt',
  'uploads.getPhotoPermit',
  'uploads.getUploadPermit',
];

const callAt = (caller: unknown, path: string, input: unknown) => {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
};
/** How the calls ended, for the summary: { FORBIDDEN: 312, OK: 80, ... }. */
const tally: Record<string, number> = {};
const outcome = async (p: Promise<unknown>) => {
  let got: string;
  try {
    await p;
    got = 'OK';
  } catch (e) {
    got = e instanceof TRPCError ? e.code : `NOT_TRPC: ${String(e)}`;
  }
  tally[got] = (tally[got] ?? 0) + 1;
  return got;
};

describe.skipIf(!pgServerUrl())('authorization probe: every tRPC procedure (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  const members = {} as Record<Role, TestUser>;
  const a: Record<string, string> = {};
  // The street area: office X (A's order escalated to it, with a photo) and office Y; their liaisons.
  // Kept apart from `a`: offices are global, and B's admin may list them (street.* ids are not A's).
  const st = { x: uniq('off-x'), y: uniq('off-y'), xId: '', escalation: '', photo: '' };
  let liaisonX: TestUser;
  let liaisonY: TestUser;
  let liaisonXOff: TestUser;
  const all = procedures();
  let calls = 0;
  const started = Date.now();
  const savedAdmins = process.env.PLATFORM_ADMINS;

  /** Office X's ids for a liaison procedure's input keys. */
  const streetIds = (key: string): string | undefined => (key === 'escalationId' ? st.escalation : key === 'photoId' ? st.photo : undefined);

  /** A's id for an input key (`unitId`, `communityIds`, `id` of the procedure's router...). */
  const idsFor =
    (p: Proc) =>
    (key: string): string | undefined => {
      const k = key.replace(/Ids?$/, '').toLowerCase();
      if (k === 'id' || k === '') {
        const router = p.path.split('.')[0]!;
        const byRouter: Record<string, string | undefined> = {
          feeItems: a.item,
          parking: a.space,
          meters: a.meter,
          billing: a.bill,
          payments: a.payment,
          members: a.membership,
          property: a.unit,
          collection: a.bill,
        };
        return byRouter[router] ?? a.unit;
      }
      if (!/Ids?$/.test(key)) return undefined;
      const byKey: Record<string, string | undefined> = {
        community: a.community,
        building: a.building,
        unit: a.unit,
        resident: a.resident,
        feeitem: a.item,
        bill: a.bill,
        run: a.run,
        meter: a.meter,
        space: a.space,
        parkingspace: a.space,
        payment: a.payment,
        membership: a.membership,
        member: a.membership,
        user: members.ADMIN?.id,
      };
      return byKey[k] ?? a.unit;
    };

  /** Every row of A's in every table with a tenantId, as one fingerprint per table. */
  const fingerprint = async () => {
    const tables = (
      await owner.query<{ table_name: string }>(
        `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenantId' order by table_name`,
      )
    ).rows.map((r) => r.table_name);
    const out: Record<string, string> = {};
    for (const tbl of tables) {
      const r = await owner.query<{ n: number; h: string | null }>(
        `select count(*)::int as n, md5(string_agg(row_to_json(x)::text, '|' order by row_to_json(x)::text)) as h from "${tbl}" x where "tenantId" = $1`,
        [A.tenant.id],
      );
      out[tbl] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
    }
    // A itself and its members' accounts (no tenantId).
    out.Tenant = (await owner.query<{ h: string }>(`select md5(row_to_json(x)::text) as h from "Tenant" x where id = $1`, [A.tenant.id])).rows[0]!.h;
    const userIds = Object.values(members).map((u) => u.id);
    out.User = (
      await owner.query<{ h: string }>(`select md5(string_agg(row_to_json(x)::text, '|' order by x.id)) as h from "User" x where id = any($1)`, [userIds])
    ).rows[0]!.h;
    return out;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    process.env.PLATFORM_ADMINS = 'platform-operator@example.test';
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    members.ADMIN = A.admin;
    for (const r of ROLES) if (r !== 'ADMIN') members[r] = await addMember(t.db, A.tenant.id, r);
    const reg = await makeRegister(t.db, A);
    a.community = reg.community.id;
    a.building = reg.building.id;
    a.unit = reg.unit.id;
    a.resident = reg.resident.id;
    a.space = (await A.as.parking.create({ tenant: A.slug, communityId: a.community, number: 'P-1', renterName: '赵六' })).id;
    a.item = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '物业费',
        calc: 'PER_AREA',
        communityIds: [a.community],
        initialPrice: { effectiveFrom: '2026-01', price: '2.00' },
      })
    ).id;
    const water = (
      await A.as.feeItems.create({
        tenant: A.slug,
        name: '水费',
        calc: 'METERED',
        communityIds: [a.community],
        initialPrice: { effectiveFrom: '2026-01', price: '3.00' },
      })
    ).id;
    a.meter = (await A.as.meters.create({ tenant: A.slug, unitId: a.unit, feeItemId: water })).id;
    a.run = (await A.as.billing.commitRun({ tenant: A.slug, period: '2026-01', feeItemIds: [a.item] })).runId;
    a.bill = (await A.as.billing.listBills({ tenant: A.slug })).rows[0]!.id;
    a.membership = (
      await owner.query<{ id: string }>(`select id from "Membership" where "tenantId" = $1 and "userId" = $2`, [A.tenant.id, members.CASHIER.id])
    ).rows[0]!.id;
    a.payment = (
      await A.as.payments.recordPayment({
        tenant: A.slug,
        payer: { kind: 'UNIT', id: a.unit },
        method: 'CASH',
        amountFen: 100,
        receivedOn: new Date().toISOString().slice(0, 10),
      })
    ).id;

    // Street offices: X with A's order escalated to it (and a photo of it), Y; an active liaison of
    // each, and a disabled one of X.
    const category = randomUUID();
    const order = randomUUID();
    await owner.query(`insert into "ServiceCategory" ("tenantId", id, name, "updatedAt") values ($1, $2, '探针类别', now())`, [A.tenant.id, category]);
    await owner.query(
      `insert into "WorkOrder" ("tenantId", id, number, "communityId", "unitId", "categoryId", text, period, "firstResponseDueAt", "resolveDueAt", "createdById", "updatedAt")
       values ($1, $2, 1, $3, $4, $5, '路灯不亮', '2026-01', now(), now(), $6, now())`,
      [A.tenant.id, order, a.community, a.unit, category, members.ADMIN.id],
    );
    st.photo = randomUUID();
    await owner.query(`insert into "WorkOrderPhoto" ("tenantId", id, "orderId", "uploadId", "thumbId", "uploadedBy") values ($1, $2, $3, $4, $5, $6)`, [
      A.tenant.id,
      st.photo,
      order,
      randomUUID(),
      `${randomUUID()}-thumb`,
      members.ADMIN.id,
    ]);
    st.xId = randomUUID();
    await owner.query(`insert into "StreetOffice" (id, slug, name) values ($1, $2, '南湖街道'), ($3, $4, '北山街道')`, [st.xId, st.x, randomUUID(), st.y]);
    const liaison = async (slug: string, name: string, disabled = false): Promise<TestUser> => {
      const email = `${uniq('liaison')}@example.test`;
      const user = await t.db.prisma.user.create({ data: { email, name } });
      await owner.query(`insert into "StreetLiaison" (id, "officeId", "userId", "disabledAt") select $1, id, $2, $3 from "StreetOffice" where slug = $4`, [
        randomUUID(),
        user.id,
        disabled ? new Date() : null,
        slug,
      ]);
      return { id: user.id, email, name };
    };
    liaisonX = await liaison(st.x, '王联络');
    liaisonY = await liaison(st.y, '李联络');
    liaisonXOff = await liaison(st.x, '停用', true);
    st.escalation = (await A.as.workOrders.escalate({ tenant: A.slug, orderId: order, officeId: st.xId, shareContact: true })).id;
  });
  afterAll(async () => {
    if (savedAdmins === undefined) delete process.env.PLATFORM_ADMINS;
    else process.env.PLATFORM_ADMINS = savedAdmins;
    await owner?.end();
    await t?.drop();
    const kinds = Object.fromEntries(KINDS.map((k) => [k, all.filter((p) => p.kind === k).length]));
    // The summary shows even when every test passes (console output of passing tests is dropped).
    process.stdout.write(
      `authorization probe: ${all.length} procedures ${JSON.stringify(kinds)}, ${all.filter((p) => p.permission).length} permitted, ` +
        `${calls} calls ${JSON.stringify(tally)}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });

  it('finds every router’s procedures and knows what guards each', () => {
    const routers = new Set(all.map((p) => p.path.split('.')[0]));
    for (const r of Object.keys(appRouter._def.record)) expect(routers, r).toContain(r);
    expect(all.length).toBeGreaterThan(100);
    // Known kinds only; a platform procedure is never also a tenant one.
    for (const p of all) expect(KINDS).toContain(p.kind);
    // Tenant procedures resolve the company, then check the role, BEFORE parsing their own input:
    // an outsider learns nothing from validation errors. Input parsers after the tenant middleware only.
    for (const p of all.filter((x) => x.kind === 'tenant')) {
      const mws = p.def.middlewares as unknown as { _type?: string }[];
      const tenantAt = mws.indexOf(TENANT_MW as never);
      const inputsBefore = mws.slice(0, tenantAt).filter((m) => m._type === 'input').length;
      expect(inputsBefore, `${p.path}: only the tenant slug is parsed before membership`).toBe(1);
    }
    // Every procedure but the public ones is guarded; print the census.
    const census = Object.fromEntries(KINDS.map((k) => [k, all.filter((p) => p.kind === k).map((p) => p.path)]));
    console.info('procedures by kind', JSON.stringify(census, null, 1));
    expect(census.public!.every((p) => p.startsWith('account.'))).toBe(true);
    expect(census.platform!.every((p) => p.startsWith('platform.'))).toBe(true);
    expect(all.filter((p) => p.path.startsWith('platform.')).every((p) => p.kind === 'platform')).toBe(true);
    // The street area: liaison procedures only (and the list of one's own offices), all in router street.
    expect(census.liaison!.length).toBeGreaterThan(0);
    expect(census.liaison!.every((p) => p.startsWith('street.'))).toBe(true);
    expect(all.filter((p) => p.path.startsWith('street.') && p.kind !== 'liaison').map((p) => p.path)).toEqual(['street.listMyOffices']);
    // Liaison procedures resolve the office and the caller's liaison row before parsing their own input.
    for (const p of all.filter((x) => x.kind === 'liaison')) {
      const mws = p.def.middlewares as unknown as { _type?: string }[];
      const at = mws.indexOf(LIAISON_MW as never);
      expect(mws.slice(0, at).filter((m) => m._type === 'input').length, `${p.path}: only the office slug is parsed before the liaison check`).toBe(1);
    }
  });

  it('generates a valid input for every procedure but a fixed few', () => {
    const ungenerated = all.filter((p) => !inputFor(p, A.slug, idsFor(p)).generated).map((p) => p.path);
    console.info('inputs not generated', ungenerated);
    expect(ungenerated.length, ungenerated.join(', ')).toBeLessThanOrEqual(UNGENERATED_MAX);
  });

  it('company B’s admin gets NOT_FOUND from every tenant procedure with A’s slug and ids, and nothing of A’s changes', async () => {
    const before = await fingerprint();
    const tenantProcs = all.filter((p) => p.kind === 'tenant');
    expect(tenantProcs.length).toBeGreaterThan(80);
    const wrong: string[] = [];
    for (const p of tenantProcs) {
      const { input } = inputFor(p, A.slug, idsFor(p));
      calls++;
      const got = await outcome(callAt(B.as, p.path, input));
      if (got !== 'NOT_FOUND') wrong.push(`${p.path} (${p.type}): ${got}`);
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('every role of A without a procedure’s permission gets FORBIDDEN, and nothing of A’s changes', async () => {
    const before = await fingerprint();
    const permitted = all.filter((p) => p.permission);
    expect(permitted.length).toBeGreaterThan(60);
    // Every tenant procedure is either permitted or a known self-checking one (the service decides).
    const unpermitted = all.filter((p) => p.kind === 'tenant' && !p.permission).map((p) => p.path);
    expect(unpermitted).toEqual(SELF_CHECKING);
    const wrong: string[] = [];
    for (const p of permitted) {
      const denied = ROLES.filter((r) => !can(r, p.permission!));
      const { input } = inputFor(p, A.slug, idsFor(p));
      for (const role of denied) {
        calls++;
        const got = await outcome(callAt(callerFor(t.db, members[role]), p.path, input));
        if (got !== 'FORBIDDEN') wrong.push(`${p.path} [${p.permission}] as ${role}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('every role of A that holds a query’s permission gets past the check (the meta is the check’s permission)', async () => {
    const wrong: string[] = [];
    let reached = 0;
    for (const p of all.filter((x) => x.permission && x.type === 'query')) {
      const { input } = inputFor(p, A.slug, idsFor(p));
      for (const role of ROLES.filter((r) => can(r, p.permission!))) {
        calls++;
        const got = await outcome(callAt(callerFor(t.db, members[role]), p.path, input));
        if (['FORBIDDEN', 'UNAUTHORIZED'].includes(got) || got.startsWith('NOT_TRPC')) wrong.push(`${p.path} [${p.permission}] as ${role}: ${got}`);
        if (got === 'OK') reached++;
      }
    }
    expect(wrong).toEqual([]);
    // Most of them answer: the generated inputs are real requests, not noise.
    expect(reached).toBeGreaterThan(40);
  });

  it('company B’s admin naming A’s ids in B’s own company: nothing of A’s in any answer, nothing of A’s changes', async () => {
    const before = await fingerprint();
    const aIds = new Set(Object.values(a));
    const leaks: string[] = [];
    // Queries first, then mutations (which may change B's own data, never A's).
    const tenantProcs = all.filter((p) => p.kind === 'tenant').sort((x, y) => (x.type === y.type ? 0 : x.type === 'query' ? -1 : 1));
    for (const p of tenantProcs) {
      const { input } = inputFor(p, B.slug, idsFor(p));
      calls++;
      try {
        const res = await callAt(B.as, p.path, input);
        tally.OK = (tally.OK ?? 0) + 1;
        const text = JSON.stringify(res ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        for (const id of aIds) if (text.includes(id)) leaks.push(`${p.path} (${p.type}) answered with A's id ${id}`);
        if (text.includes('Alpha 物业') || text.includes(A.slug)) leaks.push(`${p.path} (${p.type}) answered with A's name`);
      } catch (e) {
        if (e instanceof TRPCError) tally[e.code] = (tally[e.code] ?? 0) + 1;
        if (!(e instanceof TRPCError)) leaks.push(`${p.path}: not a tRPC error: ${String(e)}`);
        else if (e.code === 'INTERNAL_SERVER_ERROR') leaks.push(`${p.path}: 500`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('the self-checking tenant procedures refuse the roles they should', async () => {
    const as = (role: Role) => callerFor(t.db, members[role]);
    const wrong: string[] = [];
    for (const purpose of Object.keys(UPLOAD_PURPOSES) as (keyof typeof UPLOAD_PURPOSES)[]) {
      for (const role of ROLES) {
        calls++;
        const got = await outcome(as(role).uploads.getUploadPermit({ tenant: A.slug, purpose }));
        const want = mayUpload(role, purpose) ? 'OK' : 'FORBIDDEN';
        if (got !== want) wrong.push(`uploads.getUploadPermit(${purpose}) as ${role}: ${got}, want ${want}`);
      }
    }
    for (const role of ROLES) {
      calls++;
      // A's receipt: the fee readers see it; staff are refused; a resident not on the unit does not find it.
      const got = await outcome(as(role).payments.getReceipt({ tenant: A.slug, id: a.payment! }));
      const want = can(role, 'fees.read') ? ['OK'] : role === 'RESIDENT' ? ['NOT_FOUND', 'FORBIDDEN'] : ['FORBIDDEN'];
      if (!want.includes(got)) wrong.push(`payments.getReceipt as ${role}: ${got}, want ${want.join('|')}`);
      // no such photo (its order's visibility is tested in work-order-photos.test.ts): NOT_FOUND for every role
      calls++;
      const photo = await outcome(as(role).uploads.getPhotoPermit({ tenant: A.slug, photoId: a.unit! }));
      if (photo !== 'NOT_FOUND') wrong.push(`uploads.getPhotoPermit as ${role}: ${photo}, want NOT_FOUND`);
      for (const path of ['company.getCurrent', 'notifications.listMine', 'notifications.markRead']) {
        const p = all.find((x) => x.path === path)!;
        calls++;
        const r = await outcome(callAt(as(role), path, inputFor(p, A.slug, idsFor(p)).input));
        if (r === 'INTERNAL_SERVER_ERROR' || r.startsWith('NOT_TRPC')) wrong.push(`${path} as ${role}: ${r}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('signed out: every procedure but the public ones answers UNAUTHORIZED', async () => {
    const before = await fingerprint();
    const anon = callerFor(t.db, null);
    const wrong: string[] = [];
    for (const p of all.filter((x) => x.kind !== 'public')) {
      const { input } = inputFor(p, A.slug, idsFor(p));
      calls++;
      const got = await outcome(callAt(anon, p.path, input));
      if (got !== 'UNAUTHORIZED') wrong.push(`${p.path}: ${got}`);
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('platform procedures are NOT_FOUND for every member of a company that is not a platform operator', async () => {
    const wrong: string[] = [];
    const platform = all.filter((x) => x.kind === 'platform');
    expect(platform.length).toBeGreaterThan(0);
    for (const p of platform) {
      const { input } = inputFor(p, A.slug, idsFor(p));
      for (const user of [...Object.values(members), B.admin, { id: members.ADMIN.id, email: null, name: 'no mail' }]) {
        calls++;
        const got = await outcome(callAt(callerFor(t.db, user), p.path, input));
        if (got !== 'NOT_FOUND') wrong.push(`${p.path} as ${user.email ?? 'no e-mail'}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('street-office procedures are NOT_FOUND for everyone but the office’s active liaisons, and nothing of A’s changes', async () => {
    const before = await fingerprint();
    const liaisonProcs = all.filter((x) => x.kind === 'liaison');
    expect(liaisonProcs.length).toBeGreaterThan(3);
    const outsiders = [...Object.values(members), B.admin, liaisonY, liaisonXOff];
    const secrets = [st.escalation, st.photo, A.tenant.id, 'Alpha 物业'];
    const wrong: string[] = [];
    for (const p of liaisonProcs) {
      const { input } = inputFor(p, st.x, streetIds);
      for (const user of outsiders) {
        calls++;
        const got = await outcome(callAt(callerFor(t.db, user), p.path, input));
        if (got !== 'NOT_FOUND') wrong.push(`${p.path} as ${user.name}: ${got}`);
      }
      // Y's liaison in Y's own area naming X's ids: nothing of X's comes back.
      calls++;
      try {
        const res = await callAt(callerFor(t.db, liaisonY), p.path, inputFor(p, st.y, streetIds).input);
        tally.OK = (tally.OK ?? 0) + 1;
        const text = JSON.stringify(res ?? null);
        for (const secret of secrets) if (text.includes(secret)) wrong.push(`${p.path} as Y's liaison in Y answered with ${secret}`);
      } catch (e) {
        const got = e instanceof TRPCError ? e.code : `NOT_TRPC: ${String(e)}`;
        tally[got] = (tally[got] ?? 0) + 1;
        if (got !== 'NOT_FOUND') wrong.push(`${p.path} as Y's liaison in Y with X's ids: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('the office’s liaison gets past the check on every street-office query', async () => {
    const wrong: string[] = [];
    let reached = 0;
    for (const p of all.filter((x) => x.kind === 'liaison' && x.type === 'query')) {
      calls++;
      const got = await outcome(callAt(callerFor(t.db, liaisonX), p.path, inputFor(p, st.x, streetIds).input));
      if (got !== 'OK') wrong.push(`${p.path}: ${got}`);
      else reached++;
    }
    expect(wrong).toEqual([]);
    expect(reached).toBeGreaterThan(2);
  });
});
