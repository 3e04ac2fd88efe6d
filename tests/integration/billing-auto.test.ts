import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { runDueAutoBilling } from '@/server/billing/auto-billing';
import { billAmountFen, parseYuanPrice } from '@/server/shared/money';
import { code } from '../helpers/outcome';

describe.skipIf(!pgServerUrl())('scheduled monthly billing (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];
  const billCount = async (tenantId: string, period: string) =>
    (await sql<{ n: number }>(`select count(*)::int as n from "Bill" where "tenantId" = $1 and period = $2`, [tenantId, period]))[0]!.n;
  const runs = (tenantId: string) =>
    sql<{ period: string; automatic: boolean; createdById: string; billCount: number }>(
      `select period, automatic, "createdById", "billCount" from "BillingRun" where "tenantId" = $1 order by "createdAt"`,
      [tenantId],
    );
  const outcomeFor = (all: Awaited<ReturnType<typeof runDueAutoBilling>>, tenantId: string) => all.filter((o) => o.tenantId === tenantId);

  /** A company with one unit (88.50 m²) and a per-area fee item at ¥2.3550 from January. */
  async function company(name: string) {
    const co = await makeTenant(t.db, name);
    const reg = await makeRegister(t.db, co);
    await co.as.feeItems.create({
      tenant: co.slug,
      name: '物业费',
      calc: 'PER_AREA',
      dueDay: 20,
      communityIds: [reg.community.id],
      initialPrice: { effectiveFrom: '2026-01', price: '2.3550' },
    });
    return { ...co, reg };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('only an admin turns it on; a day outside 1–28 is refused and nothing is written', async () => {
    const A = await company('Alpha 物业');
    const cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    expect(await code(cashier.billing.updateAutoBilling({ tenant: A.slug, enabled: true, day: 5 }))).toBe('FORBIDDEN');
    expect(await code(cashier.billing.getAutoBilling({ tenant: A.slug }))).toBe('FORBIDDEN');
    for (const day of [0, 29, 1.5, -3]) {
      const err = await A.as.billing.updateAutoBilling({ tenant: A.slug, enabled: true, day }).catch((e: TRPCError) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe('BAD_REQUEST');
      expect((err as TRPCError).message).toMatch(/1 to 28/);
    }
    expect(await sql(`select 1 from "FeeSettings" where "tenantId" = $1`, [A.tenant.id])).toEqual([]);
    expect(await A.as.billing.getAutoBilling({ tenant: A.slug })).toEqual({ enabled: false, day: 1, lastPeriod: null, runsAs: null });

    // Tenant B cannot read or change A's schedule: its slug is not B's.
    const B = await makeTenant(t.db, 'Beta 物业');
    expect(await code(B.as.billing.updateAutoBilling({ tenant: A.slug, enabled: true, day: 5 }))).toBe('NOT_FOUND');
    expect(await code(B.as.billing.getAutoBilling({ tenant: A.slug }))).toBe('NOT_FOUND');
  });

  it('bills the current period once from the chosen day on, in the company’s time zone, as the admin who turned it on', async () => {
    const A = await company('Gamma 物业');
    const off = await company('Delta 物业'); // scheduled billing off: never touched
    const saved = await A.as.billing.updateAutoBilling({ tenant: A.slug, enabled: true, day: 26 });
    expect(saved).toEqual({ enabled: true, day: 26, lastPeriod: null, runsAs: 'Admin' });
    const audit = await sql<{ after: unknown }>(`select after from "AuditLog" where "tenantId" = $1 and action = 'billing.auto.update'`, [A.tenant.id]);
    expect(audit).toEqual([{ after: { enabled: true, day: 26 } }]);

    // 15:00 UTC on 25 Nov is 23:00 in Shanghai: still the 25th, not due.
    let out = await runDueAutoBilling(t.db.prisma, new Date('2026-11-25T15:00:00Z'));
    expect(outcomeFor(out, A.tenant.id)).toEqual([{ tenantId: A.tenant.id, period: '2026-11', outcome: 'not-due' }]);
    expect(outcomeFor(out, off.tenant.id)).toEqual([]);
    expect(await billCount(A.tenant.id, '2026-11')).toBe(0);

    // 16:30 UTC is 00:30 on the 26th in Shanghai: due.
    out = await runDueAutoBilling(t.db.prisma, new Date('2026-11-25T16:30:00Z'));
    const amount = billAmountFen({ areaHundredths: 8850, priceUnits: parseYuanPrice('2.3550'), months: 1 });
    expect(outcomeFor(out, A.tenant.id)).toEqual([
      { tenantId: A.tenant.id, period: '2026-11', outcome: 'billed', runId: expect.any(String), billCount: 1, totalFen: amount },
    ]);
    expect(await runs(A.tenant.id)).toEqual([{ period: '2026-11', automatic: true, createdById: A.admin.id, billCount: 1 }]);
    expect(await billCount(off.tenant.id, '2026-11')).toBe(0);
    expect((await A.as.billing.getAutoBilling({ tenant: A.slug })).lastPeriod).toBe('2026-11');
    const listed = await A.as.billing.listRuns({ tenant: A.slug });
    expect(listed.rows[0]).toMatchObject({ automatic: true, createdBy: 'Admin', billCount: 1 });

    // Later the same month: nothing more, not even an empty run.
    out = await runDueAutoBilling(t.db.prisma, new Date('2026-11-28T03:00:00Z'));
    expect(outcomeFor(out, A.tenant.id)).toEqual([{ tenantId: A.tenant.id, period: '2026-11', outcome: 'already-billed' }]);
    expect(await runs(A.tenant.id)).toHaveLength(1);

    // A server that was down on the 26th of December catches up on the 30th.
    out = await runDueAutoBilling(t.db.prisma, new Date('2026-12-30T03:00:00Z'));
    expect(outcomeFor(out, A.tenant.id)).toMatchObject([{ period: '2026-12', outcome: 'billed', billCount: 1 }]);
    expect(await billCount(A.tenant.id, '2026-12')).toBe(1);

    // Turned off: the job no longer sees the company.
    await A.as.billing.updateAutoBilling({ tenant: A.slug, enabled: false, day: 26 });
    out = await runDueAutoBilling(t.db.prisma, new Date('2027-01-27T03:00:00Z'));
    expect(outcomeFor(out, A.tenant.id)).toEqual([]);
    expect(await billCount(A.tenant.id, '2027-01')).toBe(0);
  });

  it('two servers running the job at once bill a company once; a manual run earlier in the month is not repeated', async () => {
    const A = await company('Epsilon 物业');
    await A.as.billing.commitRun({ tenant: A.slug, period: '2026-11' }); // an admin billed by hand first
    await A.as.billing.updateAutoBilling({ tenant: A.slug, enabled: true, day: 1 });
    const at = new Date('2026-11-25T03:00:00Z');
    const [x, y] = await Promise.all([runDueAutoBilling(t.db.prisma, at), runDueAutoBilling(t.db.prisma, at)]);
    const outcomes = [...outcomeFor(x, A.tenant.id), ...outcomeFor(y, A.tenant.id)].map((o) => o.outcome).sort();
    expect(outcomes).toEqual(['already-billed', 'billed']);
    expect(await billCount(A.tenant.id, '2026-11')).toBe(1);
    const all = await runs(A.tenant.id);
    expect(all.map((r) => [r.automatic, r.billCount])).toEqual([
      [false, 1],
      [true, 0],
    ]);
  });

  it('skips a closed period and a company whose admin has left, without stopping the others', async () => {
    const closed = await company('Zeta 物业');
    await closed.as.billing.updateAutoBilling({ tenant: closed.slug, enabled: true, day: 1 });
    await sql(`insert into "PeriodClose" ("tenantId", id, period, figures, "closedById") values ($1, gen_random_uuid()::text, '2026-11', '{}', $2)`, [
      closed.tenant.id,
      closed.admin.id,
    ]);
    const left = await company('Eta 物业');
    await left.as.billing.updateAutoBilling({ tenant: left.slug, enabled: true, day: 1 });
    await sql(`update "Membership" set status = 'DISABLED' where "tenantId" = $1 and "userId" = $2`, [left.tenant.id, left.admin.id]);
    const fine = await company('Theta 物业');
    await fine.as.billing.updateAutoBilling({ tenant: fine.slug, enabled: true, day: 1 });

    const out = await runDueAutoBilling(t.db.prisma, new Date('2026-11-25T03:00:00Z'));
    expect(outcomeFor(out, closed.tenant.id)).toEqual([{ tenantId: closed.tenant.id, period: '2026-11', outcome: 'period-closed' }]);
    expect(outcomeFor(out, left.tenant.id)).toEqual([{ tenantId: left.tenant.id, period: '2026-11', outcome: 'no-admin' }]);
    expect(outcomeFor(out, fine.tenant.id)).toMatchObject([{ outcome: 'billed', billCount: 1 }]);
    expect(await billCount(closed.tenant.id, '2026-11')).toBe(0);
    expect(await billCount(left.tenant.id, '2026-11')).toBe(0);
  });
});
