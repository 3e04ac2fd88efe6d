import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '@/server/db/scope';
import { ZCreateInvitation } from '@/server/shared/schemas/tenancy';
import pg from 'pg';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant, makeRegister, addMember } from '../helpers/fixtures';
import { createInvitation } from '@/server/members/invitations';
import { withTenant } from '@/server/db/tenant';
import { userMemberships } from '@/server/db/system';
import { ownerRowsForEveryTable } from '../helpers/rls-rows';

// Defence in depth: whatever the application code does, PostgreSQL itself keeps tenants
// apart. The tables are listed from the catalog, so a new tenant-owned table without RLS
// fails this test without anyone editing it.
describe.skipIf(!pgServerUrl())('row-level security on every tenant-owned table (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let tables: string[];
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    const r = await owner.query<{ table_name: string }>(
      `select c.table_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = 'public' and c.column_name = 'tenantId' and t.table_type = 'BASE TABLE'
       order by 1`,
    );
    tables = r.rows.map((x) => x.table_name);
    // Tenant A gets a row in every table: register, members, invitation, audit entries.
    A = await makeTenant(t.db, 'Tenant A');
    B = await makeTenant(t.db, 'Tenant B');
    const reg = await makeRegister(t.db, A);
    await withScope(t.db.prisma, A.tenant.id, A.admin.id, (scope) =>
      createInvitation(
        scope,
        ZCreateInvitation.parse({
          email: 'r@example.test',
          name: 'R',
          role: 'RESIDENT',
          residentId: reg.resident.id,
        }),
      ),
    );
    await addMember(t.db, A.tenant.id, 'CASHIER');
    for (const [sql, params] of ownerRowsForEveryTable({ tenantId: A.tenant.id, unitId: reg.unit.id, communityId: reg.community.id, userId: A.admin.id })) {
      await owner.query(sql, params);
    }
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('finds the tenant-owned tables in the catalog', () => {
    expect(tables).toEqual(expect.arrayContaining(['AuditLog', 'Building', 'Community', 'Invitation', 'Membership', 'Resident', 'Unit']));
  });

  it('has RLS enabled and a policy on each of them', async () => {
    for (const table of tables) {
      const r = await owner.query(
        `select c.relrowsecurity, (select count(*) from pg_policies p where p.tablename = c.relname)::int as policies
         from pg_class c where c.relname = $1 and c.relnamespace = 'public'::regnamespace`,
        [table],
      );
      expect(r.rows[0], table).toMatchObject({ relrowsecurity: true });
      expect(r.rows[0].policies, `${table} policies`).toBeGreaterThan(0);
    }
  });

  it("runs the app's queries as linli_app, a role RLS applies to", async () => {
    const [me] = await t.db.prisma.$queryRaw<{ u: string }[]>`select current_user as u`;
    expect(me!.u).toBe('linli_app');
    const r = await owner.query(`select rolsuper, rolbypassrls from pg_roles where rolname = 'linli_app'`);
    expect(r.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await owner.query(`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = 'linli_app'`);
    expect(owned.rows[0].n).toBe(0);
  });

  it('shows no rows without a tenant, none of A with B set, and lets B change nothing of A', async () => {
    for (const table of tables) {
      const total = await owner.query(`select count(*)::int as n from "${table}" where "tenantId" = $1`, [A.tenant.id]);
      expect(total.rows[0].n, `${table} has rows of A for this test`).toBeGreaterThan(0);

      const unscoped = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
      expect(unscoped[0]!.n, `${table} without tenant`).toBe(0);

      await withTenant(t.db.prisma, B.tenant.id, async (db) => {
        const seen = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${table}" where "tenantId" = $1`, A.tenant.id);
        expect(seen[0]!.n, `${table} rows of A seen by B`).toBe(0);
      });

      // Update and delete of A's rows while B is set: either refused outright (the audit
      // log is append-only) or a no-op; A's rows stay as they were.
      const before = await owner.query(`select * from "${table}" r where "tenantId" = $1 order by r::text`, [A.tenant.id]);
      for (const sql of [`update "${table}" set "tenantId" = "tenantId" where "tenantId" = $1`, `delete from "${table}" where "tenantId" = $1`]) {
        try {
          const n = await withTenant(t.db.prisma, B.tenant.id, (db) => db.$executeRawUnsafe(sql, A.tenant.id));
          expect(n, `${table}: ${sql}`).toBe(0);
        } catch (e) {
          expect(String(e), `${table}: ${sql}`).toMatch(/permission denied/);
        }
      }
      const after = await owner.query(`select * from "${table}" r where "tenantId" = $1 order by r::text`, [A.tenant.id]);
      expect(after.rows, table).toEqual(before.rows);
    }
  });

  it('refuses to write a row of A while B is set', async () => {
    await expect(withTenant(t.db.prisma, B.tenant.id, (db) => db.community.create({ data: { tenantId: A.tenant.id, name: 'intruder' } }))).rejects.toThrow(
      /row-level security|42501/,
    );
  });

  it('refuses a cross-tenant reference even with both tenants visible to the owner', async () => {
    const bCommunity = await B.as.property.createCommunity({ tenant: B.slug, name: 'B-c' });
    const aBuilding = await owner.query(`select id from "Building" where "tenantId" = $1 limit 1`, [A.tenant.id]);
    // As the owner (no RLS), a unit of A pointing at B's community breaks the composite FK.
    await expect(
      owner.query(
        `insert into "Unit" ("tenantId", id, "communityId", "buildingId", number, floor, area, "updatedAt")
         values ($1, 'x1', $2, $3, '999', 1, 50, now())`,
        [A.tenant.id, bCommunity.id, aBuilding.rows[0].id],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('answers tenantless lookups only through the SECURITY DEFINER functions', async () => {
    const direct = await t.db.prisma.$queryRaw<{ n: number }[]>`select count(*)::int as n from "Membership"`;
    expect(direct[0]!.n).toBe(0);
    const mine = await userMemberships(t.db.prisma, A.admin.id);
    expect(mine.map((m) => m.slug)).toEqual([A.slug]);
  });
});
