import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { callerFor, makeTenant, uniq } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { withTenant } from '@/server/db/tenant';
import { getApplicationFee } from '@/server/platform/application-fee';
import { applicationFeeFor } from '@/server/shared/application-fee';

// /platform: only the e-mails in PLATFORM_ADMINS (any case) reach it; everyone else, a company's
// admin included, gets NOT_FOUND and changes nothing. Every change writes a PlatformAudit row.
describe.skipIf(!pgServerUrl())('platform', () => {
  let t: TestDatabase;
  const saved = process.env.PLATFORM_ADMINS;
  const opsEmail = `${uniq('ops')}@example.test`;
  let ops: ReturnType<typeof callerFor>;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    process.env.PLATFORM_ADMINS = ` someone@else.test , ${opsEmail.toUpperCase()} `;
    const user = await t.db.prisma.user.create({ data: { email: opsEmail, name: 'Ops' } });
    ops = callerFor(t.db, { id: user.id, email: opsEmail, name: 'Ops' });
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    await withTenant(t.db.prisma, B.tenant.id, (db) =>
      db.onlinePaymentSettings.create({ data: { tenantId: B.tenant.id, stripeAccountId: `acct_${uniq('b')}`, status: 'READY', chargesEnabled: true } }),
    );
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.PLATFORM_ADMINS;
    else process.env.PLATFORM_ADMINS = saved;
    await t?.drop();
  });

  const auditCount = () => t.db.prisma.platformAudit.count();

  it('is NOT_FOUND for a company admin, a user with no e-mail, and while PLATFORM_ADMINS is empty', async () => {
    expect(await code(A.as.platform.listCompanies())).toBe('NOT_FOUND');
    expect(await code(A.as.platform.getApplicationFee())).toBe('NOT_FOUND');
    expect(await code(A.as.platform.listAudit({}))).toBe('NOT_FOUND');
    expect(await code(A.as.platform.updateApplicationFee({ bps: 9_999, fixedFen: 0 }))).toBe('NOT_FOUND');
    const phoneUser = await t.db.prisma.user.create({ data: { phone: '13911112222', name: 'Phone' } });
    expect(await code(callerFor(t.db, { id: phoneUser.id, email: null, name: 'Phone' }).platform.listCompanies())).toBe('NOT_FOUND');
    expect(await code(callerFor(t.db, null).platform.listCompanies())).toBe('UNAUTHORIZED');

    process.env.PLATFORM_ADMINS = '';
    try {
      expect(await code(ops.platform.listCompanies())).toBe('NOT_FOUND');
    } finally {
      process.env.PLATFORM_ADMINS = opsEmail;
    }
    expect(await auditCount()).toBe(0);
    expect(await getApplicationFee(t.db.prisma)).toEqual({ bps: 0, fixedFen: 0 });
  });

  it('lists every company with its online payment status', async () => {
    const rows = await ops.platform.listCompanies();
    const a = rows.find((r) => r.tenantId === A.tenant.id);
    const b = rows.find((r) => r.tenantId === B.tenant.id);
    expect(a).toMatchObject({ slug: A.slug, name: 'Alpha 物业', stripeStatus: 'NOT_CONNECTED', stripeAccountId: null, members: 1 });
    expect(b).toMatchObject({ slug: B.slug, stripeStatus: 'READY' });
    expect(b!.stripeAccountId).toMatch(/^acct_/);
  });

  it('sets the application fee, audited with the operator and before/after, and checkout reads it', async () => {
    expect(await ops.platform.getApplicationFee()).toMatchObject({ bps: 0, fixedFen: 0, updatedBy: null });
    await ops.platform.updateApplicationFee({ bps: 60, fixedFen: 10 });
    await ops.platform.updateApplicationFee({ bps: 125, fixedFen: 0 });

    const fee = await getApplicationFee(t.db.prisma);
    expect(fee).toEqual({ bps: 125, fixedFen: 0 });
    expect(applicationFeeFor(10_000, fee)).toBe(125);
    // a tenant transaction (checkout) reads the same row
    expect(await withTenant(t.db.prisma, A.tenant.id, (db) => getApplicationFee(db))).toEqual({ bps: 125, fixedFen: 0 });
    expect(await ops.platform.getApplicationFee()).toMatchObject({ bps: 125, fixedFen: 0, updatedBy: opsEmail });

    const audit = await ops.platform.listAudit({});
    expect(audit.total).toBe(2);
    expect(audit.rows.map((r) => ({ actor: r.actorEmail, action: r.action, before: r.before, after: r.after }))).toEqual([
      { actor: opsEmail, action: 'platform.applicationFee', before: { bps: 60, fixedFen: 10 }, after: { bps: 125, fixedFen: 0 } },
      { actor: opsEmail, action: 'platform.applicationFee', before: { bps: 0, fixedFen: 0 }, after: { bps: 60, fixedFen: 10 } },
    ]);
  });

  it('refuses a fee out of range, writing nothing', async () => {
    const before = await auditCount();
    expect(await code(ops.platform.updateApplicationFee({ bps: 10_001, fixedFen: 0 }))).toBe('BAD_REQUEST');
    expect(await code(ops.platform.updateApplicationFee({ bps: -1, fixedFen: 0 }))).toBe('BAD_REQUEST');
    expect(await code(ops.platform.updateApplicationFee({ bps: 1.5, fixedFen: 0 }))).toBe('BAD_REQUEST');
    expect(await code(ops.platform.updateApplicationFee({ bps: 0, fixedFen: -1 }))).toBe('BAD_REQUEST');
    expect(await auditCount()).toBe(before);
    expect(await getApplicationFee(t.db.prisma)).toEqual({ bps: 125, fixedFen: 0 });
    // the bounds themselves are allowed
    await ops.platform.updateApplicationFee({ bps: 10_000, fixedFen: 0 });
    expect(await auditCount()).toBe(before + 1);
  });

  it('keeps the audit append-only for the app role', async () => {
    await expect(t.db.prisma.platformAudit.deleteMany({})).rejects.toThrow();
    expect(await auditCount()).toBeGreaterThan(0);
  });
});
