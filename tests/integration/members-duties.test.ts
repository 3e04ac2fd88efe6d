import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, type TestUser } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { AppError } from '@/server/errors';
import { issueKey } from '@/server/shared/zod-errors';
import { withTenant } from '@/server/db/tenant';

/** The catalog key a call failed with (a service's AppError or the input's first zod issue). */
const keyOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    const cause = e instanceof TRPCError ? e.cause : e;
    if (cause instanceof AppError) return cause.key;
    if (cause instanceof ZodError) return issueKey(cause.issues[0]?.message ?? '').key;
    return String(e);
  }
};

// #15: an admin marks staff as dispatchers and sets their skills (members.setStaffDuties).
describe.skipIf(!pgServerUrl())('staff duties: dispatcher and skills (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let staffUser: TestUser;
  let staffId: string;
  let cashierId: string;

  const memberId = async (tenantId: string, userId: string) =>
    (await withTenant(t.db.prisma, tenantId, (db) => db.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId, userId } } }))).id;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    staffUser = await addMember(t.db, A.tenant.id, 'STAFF');
    staffId = await memberId(A.tenant.id, staffUser.id);
    cashierId = await memberId(A.tenant.id, (await addMember(t.db, A.tenant.id, 'CASHIER')).id);
  });
  afterAll(() => t?.drop());

  it('sets a dispatcher and trimmed, lower-cased, de-duplicated skills; the member then dispatches; audited', async () => {
    const staff = callerFor(t.db, staffUser);
    expect((await staff.company.getCurrent({ tenant: A.slug })).dispatcher).toBe(false);
    const saved = await A.as.members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: true, skills: [' Sewing ', 'sewing', 'plumbing', '电工'] });
    expect(saved.skills).toEqual(['sewing', 'plumbing', '电工']);
    const row = (await A.as.members.list({ tenant: A.slug })).find((m) => m.id === staffId)!;
    expect(row).toMatchObject({ dispatcher: true, skills: ['sewing', 'plumbing', '电工'] });
    expect((await staff.company.getCurrent({ tenant: A.slug })).dispatcher).toBe(true);
    const audit = await withTenant(t.db.prisma, A.tenant.id, (db) => db.auditLog.findMany({ where: { tenantId: A.tenant.id, action: 'member.duties' } }));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: staffId, before: { dispatcher: false, skills: [] }, after: { dispatcher: true } });
  });

  it('a role change away from STAFF clears dispatcher (not restored when made STAFF again)', async () => {
    await A.as.members.update({ tenant: A.slug, id: staffId, role: 'CASHIER' });
    let row = (await A.as.members.list({ tenant: A.slug })).find((m) => m.id === staffId)!;
    expect(row.dispatcher).toBe(false);
    await A.as.members.update({ tenant: A.slug, id: staffId, role: 'STAFF' });
    row = (await A.as.members.list({ tenant: A.slug })).find((m) => m.id === staffId)!;
    expect(row).toMatchObject({ role: 'STAFF', dispatcher: false, skills: ['sewing', 'plumbing', '电工'] });
  });

  it('refuses duties for another role and bad skills, with keys', async () => {
    expect(await keyOf(A.as.members.setStaffDuties({ tenant: A.slug, id: cashierId, dispatcher: true, skills: [] }))).toBe('staffDutiesStaffOnly');
    const tooMany = Array.from({ length: 21 }, (_, i) => `skill${i}`);
    expect(await keyOf(A.as.members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: false, skills: tooMany }))).toBe('tooMany');
    // 20 distinct after de-duplication is fine
    expect(await keyOf(A.as.members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: false, skills: [...tooMany.slice(0, 20), 'SKILL0'] }))).toBe(
      'OK',
    );
    expect(await keyOf(A.as.members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: false, skills: ['x'.repeat(31)] }))).toBe('tooLongNamed');
    expect(await keyOf(A.as.members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: false, skills: ['a,b'] }))).toBe('skillFormat');
  });

  it('only admins set duties; company B cannot touch A’s members', async () => {
    expect(await code(callerFor(t.db, staffUser).members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: true, skills: [] }))).toBe('FORBIDDEN');
    expect(await code(B.as.members.setStaffDuties({ tenant: A.slug, id: staffId, dispatcher: true, skills: [] }))).toBe('NOT_FOUND');
    expect(await code(B.as.members.setStaffDuties({ tenant: B.slug, id: staffId, dispatcher: true, skills: [] }))).toBe('NOT_FOUND');
    const row = (await A.as.members.list({ tenant: A.slug })).find((m) => m.id === staffId)!;
    expect(row.dispatcher).toBe(false);
  });
});
