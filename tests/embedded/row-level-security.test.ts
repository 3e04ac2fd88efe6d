import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '@/server/db/scope';
import { ZCreateInvitation } from '@/server/shared/schemas/tenancy';
import { TRPCError } from '@trpc/server';
import type { Database } from '@/server/db/client';
import { withTenant } from '@/server/db/tenant';
import { createInvitation } from '@/server/members/invitations';
import { addMember, makeRegister, makeTenant } from '../helpers/fixtures';
import { asOwner, openMigrated } from './helpers';
import { ownerRowsForEveryTable } from '../helpers/rls-rows';

// The embedded twin of tests/integration/row-level-security.test.ts: on PGlite the app's one
// session runs as linli_app after the migrations, so PostgreSQL's row-level security keeps
// tenants apart here too. Tables come from the catalog: a new tenant-owned table without RLS
// fails this file without anyone editing it.
describe('row-level security on every tenant-owned table (embedded PGlite)', () => {
  let db: Database;
  let tables: string[];
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let aUnitId: string;

  const ownerCount = (table: string, tenantId: string) =>
    asOwner(db, async (tx) => {
      const r = await tx.query<{ n: number }>(`select count(*)::int as n from "${table}" where "tenantId" = $1`, [tenantId]);
      return r.rows[0]!.n;
    });
  const ownerRows = (table: string, tenantId: string) =>
    asOwner(db, async (tx) => (await tx.query(`select * from "${table}" r where "tenantId" = $1 order by r::text`, [tenantId])).rows);

  beforeAll(async () => {
    db = await openMigrated();
    tables = await asOwner(db, async (tx) => {
      const r = await tx.query<{ table_name: string }>(
        `select c.table_name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and c.column_name = 'tenantId' and t.table_type = 'BASE TABLE'
         order by 1`,
      );
      return r.rows.map((x) => x.table_name);
    });
    // Tenant A gets a row in every table: register, members, invitation, audit entries.
    A = await makeTenant(db, 'Tenant A');
    B = await makeTenant(db, 'Tenant B');
    const reg = await makeRegister(db, A);
    aUnitId = reg.unit.id;
    await withScope(db.prisma, A.tenant.id, A.admin.id, (scope) =>
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
    await addMember(db, A.tenant.id, 'CASHIER');
    await asOwner(db, async (tx) => {
      for (const [sql, params] of ownerRowsForEveryTable({ tenantId: A.tenant.id, unitId: reg.unit.id, communityId: reg.community.id, userId: A.admin.id })) {
        await tx.query(sql, params);
      }
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds the tenant-owned tables in the catalog', () => {
    expect(tables).toEqual(expect.arrayContaining(['AuditLog', 'Building', 'Community', 'Invitation', 'Membership', 'Resident', 'Unit']));
  });

  it('has RLS enabled and a policy on each of them', async () => {
    for (const table of tables) {
      const row = await asOwner(db, async (tx) => {
        const r = await tx.query<{ relrowsecurity: boolean; policies: number }>(
          `select c.relrowsecurity,
                  (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname)::int as policies
           from pg_class c where c.relname = $1 and c.relnamespace = 'public'::regnamespace`,
          [table],
        );
        return r.rows[0];
      });
      expect(row, table).toMatchObject({ relrowsecurity: true });
      expect(row!.policies, `${table} policies`).toBeGreaterThan(0);
    }
  });

  it("runs the app's queries as linli_app, a role RLS applies to", async () => {
    const [me] = await db.prisma.$queryRaw<{ u: string }[]>`select current_user as u`;
    expect(me!.u).toBe('linli_app');
    const role = await asOwner(db, async (tx) => {
      const r = await tx.query(`select rolsuper, rolbypassrls from pg_roles where rolname = 'linli_app'`);
      return r.rows[0];
    });
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await asOwner(db, async (tx) => {
      const r = await tx.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = 'linli_app'`);
      return r.rows[0]!.n;
    });
    expect(owned).toBe(0);
    // the owner's transaction above ended: the shared session is linli_app again
    const [again] = await db.prisma.$queryRaw<{ u: string }[]>`select current_user as u`;
    expect(again!.u).toBe('linli_app');
  });

  it('shows no rows without a tenant, none of A with B set, and lets B change nothing of A', async () => {
    for (const table of tables) {
      const total = await ownerCount(table, A.tenant.id);
      expect(total, `${table} has rows of A for this test`).toBeGreaterThan(0);

      // control: with A set, A sees all of its rows
      const own = await withTenant(db.prisma, A.tenant.id, (tx) =>
        tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${table}" where "tenantId" = $1`, A.tenant.id),
      );
      expect(own[0]!.n, `${table} rows of A seen by A`).toBe(total);

      const unscoped = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
      expect(unscoped[0]!.n, `${table} without tenant`).toBe(0);

      await withTenant(db.prisma, B.tenant.id, async (tx) => {
        const seen = await tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${table}" where "tenantId" = $1`, A.tenant.id);
        expect(seen[0]!.n, `${table} rows of A seen by B`).toBe(0);
      });

      // Update and delete of A's rows while B is set: refused outright where the app role
      // lacks the privilege (append-only tables, per the catalog), else a no-op; A's rows
      // stay as they were.
      const before = await ownerRows(table, A.tenant.id);
      for (const [verb, sql] of [
        ['UPDATE', `update "${table}" set "tenantId" = "tenantId" where "tenantId" = $1`],
        ['DELETE', `delete from "${table}" where "tenantId" = $1`],
      ] as const) {
        const allowed = await asOwner(
          db,
          async (tx) => (await tx.query<{ ok: boolean }>(`select has_table_privilege('linli_app', $1, $2) as ok`, [`"${table}"`, verb])).rows[0]!.ok,
        );
        let outcome: number | string;
        try {
          outcome = await withTenant(db.prisma, B.tenant.id, (tx) => tx.$executeRawUnsafe(sql, A.tenant.id));
        } catch (e) {
          outcome = String(e);
        }
        if (!allowed) expect(String(outcome), `${table}: ${sql}`).toMatch(/permission denied/);
        else expect(outcome, `${table}: ${sql}`).toBe(0);
      }
      const after = await ownerRows(table, A.tenant.id);
      expect(after, table).toEqual(before);
    }
  });

  it('refuses to write a row of A while B is set', async () => {
    await expect(withTenant(db.prisma, B.tenant.id, (tx) => tx.community.create({ data: { tenantId: A.tenant.id, name: 'intruder' } }))).rejects.toThrow(
      /row-level security|42501/,
    );
    expect(await asOwner(db, async (tx) => (await tx.query(`select 1 from "Community" where name = 'intruder'`)).rows.length)).toBe(0);
  });

  it("answers NOT_FOUND to B's admin asking for A's unit, by A's slug or by B's", async () => {
    // control: A's admin does see it
    await expect(A.as.property.getUnit({ tenant: A.slug, id: aUnitId })).resolves.toMatchObject({ id: aUnitId });
    for (const tenant of [A.slug, B.slug]) {
      const err = await B.as.property.getUnit({ tenant, id: aUnitId }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `tenant ${tenant}`).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code, `tenant ${tenant}`).toBe('NOT_FOUND');
    }
  });
});
