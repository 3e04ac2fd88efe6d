import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { callerFor, makeRegister, makeTenant, uniq } from '../helpers/fixtures';
import { authenticate } from '@/server/auth/authenticate';
import { THROTTLE } from '@/server/auth/throttle';

const linkToken = (link: string) => link.split('/invite/')[1]!;

describe.skipIf(!pgServerUrl())('sign-up, sign-in, invitations and companies (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('signs up a company with its first admin, who lands in an empty console', async () => {
    const anon = callerFor(t.db, null);
    const slug = uniq('acme');
    const r = await anon.account.signUp({ companyName: '安居物业', slug, adminName: '王经理', email: `Boss@${slug}.test`, password: 'secret-pass-1' });
    expect(r).toMatchObject({ sent: true, email: `boss@${slug}.test` });
    // The e-mailed link creates the account and company (shown on screen without a mail server).
    const c = await anon.account.confirmSignUp({ token: r.demoMail!.link!.split('/sign-up/confirm/')[1]! });
    expect(c.tenantSlug).toBe(slug);
    const user = await authenticate(t.db.prisma, { email: `boss@${slug}.test`, password: 'secret-pass-1', ip: '1.1.1.1' });
    const me = callerFor(t.db, user);
    expect(await me.company.getCurrent({ tenant: slug })).toMatchObject({
      name: '安居物业',
      role: 'ADMIN',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      currency: 'CNY',
    });
    expect((await me.property.listCommunities({ tenant: slug })).total).toBe(0);
    expect(await me.account.listCompanies()).toEqual([{ slug, name: '安居物业', role: 'ADMIN' }]);
    const audit = await me.company.listAudit({ tenant: slug });
    expect(audit.rows.map((x) => x.action)).toEqual(['company.create']);
  });

  it('refuses a taken slug, a reserved slug and a bad slug; a registered e-mail writes nothing', async () => {
    const anon = callerFor(t.db, null);
    const A = await makeTenant(t.db);
    const users = await t.db.prisma.user.count();
    const tenants = await t.db.prisma.tenant.count();
    await expect(
      anon.account.signUp({ companyName: 'X Co', slug: A.slug, adminName: 'X', email: `${uniq()}@x.test`, password: 'secret-pass-1' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already taken'),
    });
    await expect(
      anon.account.signUp({ companyName: 'X Co', slug: 'api', adminName: 'X', email: `${uniq()}@x.test`, password: 'secret-pass-1' }),
    ).rejects.toThrow(/reserved/);
    const bad = await anon.account.signUp({ companyName: 'X Co', slug: '-Bad_', adminName: 'X', email: 'nope', password: 'short' }).catch((e) => e);
    expect(bad.code).toBe('BAD_REQUEST');
    const zod = bad.cause?.issues?.map((i: { path: string[] }) => i.path[0]);
    expect(zod).toEqual(expect.arrayContaining(['slug', 'email', 'password']));
    // A registered e-mail is not refused (that would tell who has an account): it gets mail.
    await expect(
      anon.account.signUp({ companyName: 'X Co', slug: uniq('x'), adminName: 'X', email: A.admin.email, password: 'secret-pass-1' }),
    ).resolves.toMatchObject({ sent: true });
    expect(await t.db.prisma.user.count()).toBe(users);
    expect(await t.db.prisma.tenant.count()).toBe(tenants);
  });

  it('rate-limits failed sign-ins per account, and a success clears the count', async () => {
    const A = await makeTenant(t.db);
    const wrong = () => authenticate(t.db.prisma, { email: A.admin.email, password: 'wrong-password', ip: '10.0.0.1' });
    await expect(wrong()).rejects.toThrow('Wrong e-mail or password');
    await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '10.0.0.1' })).resolves.toMatchObject({ id: A.admin.id });
    for (let i = 0; i < THROTTLE.perAccount; i++) await expect(wrong()).rejects.toThrow('Wrong e-mail or password');
    // Now even the right password is refused from that address until the lock passes …
    await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '10.0.0.1' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // … but not from another address (a stranger cannot lock the owner out).
    await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '10.0.0.2' })).resolves.toMatchObject({ id: A.admin.id });
  });

  it('rate-limits failed sign-ins per IP across accounts', async () => {
    const ip = `10.9.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < THROTTLE.perIp; i++) {
      await authenticate(t.db.prisma, { email: `${uniq('nobody')}@x.test`, password: 'whatever-1', ip }).catch(() => {});
    }
    await expect(authenticate(t.db.prisma, { email: `${uniq('other')}@x.test`, password: 'whatever-1', ip })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('invites staff with a role; the link sets a password; the person then has that role only', async () => {
    const A = await makeTenant(t.db);
    const email = `${uniq('cashier')}@x.test`;
    const inv = await A.as.members.invite({ tenant: A.slug, email, name: '李收费', role: 'CASHIER' });
    expect(inv.link).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{20,}$/);
    const anon = callerFor(t.db, null);
    expect(await anon.account.getInvitationPreview({ token: linkToken(inv.link) })).toMatchObject({ email, role: 'CASHIER', status: 'open' });
    await anon.account.acceptInvitation({ token: linkToken(inv.link), password: 'cashier-pass-1' });
    await expect(anon.account.acceptInvitation({ token: linkToken(inv.link), password: 'cashier-pass-1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const cashier = callerFor(t.db, await authenticate(t.db.prisma, { email, password: 'cashier-pass-1', ip: 'x' }));
    expect(await cashier.company.getCurrent({ tenant: A.slug })).toMatchObject({ role: 'CASHIER' });
    await expect(cashier.members.list({ tenant: A.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const members = await A.as.members.list({ tenant: A.slug });
    expect(members.map((m) => m.role).sort()).toEqual(['ADMIN', 'CASHIER']);
    expect(await A.as.members.listInvitations({ tenant: A.slug })).toEqual([]);
  });

  it('one person in two companies switches between them; the second invitation is accepted while signed in', async () => {
    const A = await makeTenant(t.db, 'Company A');
    const B = await makeTenant(t.db, 'Company B');
    const inv = await B.as.members.invite({ tenant: B.slug, email: A.admin.email, name: 'A admin', role: 'EXECUTIVE' });
    const anon = callerFor(t.db, null);
    expect(await anon.account.getInvitationPreview({ token: linkToken(inv.link) })).not.toHaveProperty('hasAccount');
    await expect(anon.account.acceptInvitation({ token: linkToken(inv.link), password: 'correct-horse-1' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await A.as.account.acceptInvitation({ token: linkToken(inv.link) });
    const companies = await A.as.account.listCompanies();
    expect(companies.map((c) => [c.slug, c.role]).sort()).toEqual(
      [
        [A.slug, 'ADMIN'],
        [B.slug, 'EXECUTIVE'],
      ].sort(),
    );
    expect(await A.as.company.getCurrent({ tenant: B.slug })).toMatchObject({ role: 'EXECUTIVE' });
    await expect(A.as.property.createCommunity({ tenant: B.slug, name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a resident invited from their unit sees only their own unit', async () => {
    const A = await makeTenant(t.db);
    const mine = await makeRegister(t.db, A);
    await makeRegister(t.db, A); // a neighbour's unit in another community
    const email = `${uniq('res')}@x.test`;
    await A.as.property.updateResident({ tenant: A.slug, id: mine.resident.id, email });
    const inv = await A.as.members.invite({ tenant: A.slug, email, name: '张三', role: 'RESIDENT', residentId: mine.resident.id });
    await callerFor(t.db, null).account.acceptInvitation({ token: linkToken(inv.link), password: 'resident-pass-1' });
    const resident = callerFor(t.db, await authenticate(t.db.prisma, { email, password: 'resident-pass-1', ip: 'x' }));
    const units = await resident.property.listMyUnits({ tenant: A.slug });
    expect(units.map((u) => u.unitId)).toEqual([mine.unit.id]);
    expect(units[0]).toMatchObject({ number: '101', area: '88.50', kind: 'OWNER' });
    await expect(resident.property.getUnit({ tenant: A.slug, id: mine.unit.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The resident record cannot be invited twice.
    await expect(A.as.members.invite({ tenant: A.slug, email, name: 'x', role: 'RESIDENT', residentId: mine.resident.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // A resident invitation must name the resident.
    await expect(A.as.members.invite({ tenant: A.slug, email: 'y@x.test', name: 'y', role: 'RESIDENT' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('revoked and expired invitations cannot be used', async () => {
    const A = await makeTenant(t.db);
    const inv = await A.as.members.invite({ tenant: A.slug, email: `${uniq()}@x.test`, name: 'S', role: 'STAFF' });
    await A.as.members.revokeInvitation({ tenant: A.slug, id: inv.id });
    await expect(callerFor(t.db, null).account.acceptInvitation({ token: linkToken(inv.link), password: 'staff-pass-12' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/withdrawn/),
    });
    const inv2 = await A.as.members.invite({ tenant: A.slug, email: `${uniq()}@x.test`, name: 'S', role: 'STAFF' });
    const { default: pg } = await import('pg');
    const owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    await owner.query(`update "Invitation" set "expiresAt" = now() - interval '1 day' where id = $1`, [inv2.id]);
    await owner.end();
    await expect(callerFor(t.db, null).account.acceptInvitation({ token: linkToken(inv2.link), password: 'staff-pass-12' })).rejects.toThrow(/expired/);
    await expect(callerFor(t.db, null).account.acceptInvitation({ token: 'x'.repeat(32), password: 'staff-pass-12' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps at least one active admin, and a disabled member loses access', async () => {
    const A = await makeTenant(t.db);
    const [me] = await A.as.members.list({ tenant: A.slug });
    await expect(A.as.members.update({ tenant: A.slug, id: me!.id, role: 'STAFF' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const email = `${uniq()}@x.test`;
    const inv = await A.as.members.invite({ tenant: A.slug, email, name: 'S', role: 'STAFF' });
    await callerFor(t.db, null).account.acceptInvitation({ token: linkToken(inv.link), password: 'staff-pass-12' });
    const staff = callerFor(t.db, await authenticate(t.db.prisma, { email, password: 'staff-pass-12', ip: 'x' }));
    const member = (await A.as.members.list({ tenant: A.slug })).find((m) => m.email === email)!;
    await A.as.members.update({ tenant: A.slug, id: member.id, status: 'DISABLED' });
    await expect(staff.company.getCurrent({ tenant: A.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await staff.account.listCompanies()).toEqual([]);
  });

  it('updates company settings with validation', async () => {
    const A = await makeTenant(t.db);
    await A.as.company.updateSettings({ tenant: A.slug, locale: 'en', timeZone: 'Asia/Urumqi' });
    expect(await A.as.company.getCurrent({ tenant: A.slug })).toMatchObject({ locale: 'en', timeZone: 'Asia/Urumqi' });
    await expect(A.as.company.updateSettings({ tenant: A.slug, timeZone: 'Mars/Olympus' })).rejects.toThrow(/Unknown time zone/);
    const B = await makeTenant(t.db);
    await expect(B.as.company.updateSettings({ tenant: A.slug, name: 'pwned' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await A.as.company.getCurrent({ tenant: A.slug })).name).toBe('Test Co');
  });
});
