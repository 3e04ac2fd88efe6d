import pg from 'pg';
import { ZRequestPasswordReset, ZResetPassword } from '@/server/shared/schemas/auth';
import { ZSignUp } from '@/server/shared/schemas/tenancy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq } from '../helpers/fixtures';
import { authenticate } from '@/server/auth/authenticate';
import { checkSecret, THROTTLE, ThrottledError, throttleWait } from '@/server/auth/throttle';
import { sessionIsCurrent, revokeSession } from '@/server/auth/sessions';
import { requestPasswordReset, resetPassword } from '@/server/auth/reset-password';
import { requestSignUp } from '@/server/tenancy/sign-up';
import { appUrl } from '@/server/env';
import { localDate } from '@/server/shared/calendar';

// Issue #12, accounts points 1–5, 10, 11 (password hashes) and 12 (W5).

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : e instanceof ThrottledError ? 'THROTTLED' : `OTHER: ${String(e)}`;
  }
};
const linkToken = (link: string, marker: string) => link.split(marker)[1]!;
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe.skipIf(!pgServerUrl())('accounts security (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];
  const savedAppUrl = process.env.APP_URL;

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });
  afterEach(() => {
    if (savedAppUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = savedAppUrl;
  });

  // A throttled check whose secret is always wrong (or right), at a given time.
  const guess = (subject: string, ip: string, now: Date, right = false) =>
    checkSecret(t.db.prisma, { kind: 'password', subject, ip }, async () => (right ? 'ok' : false), { now });
  const waitOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 0;
    } catch (e) {
      return throttleWait(e) ?? -1;
    }
  };

  describe('one throttle for every secret check', () => {
    it('locks account+IP after 5 failures for 1, 2, 4 … minutes; a right secret clears it', async () => {
      const who = uniq('acct');
      const ip = '198.51.100.7';
      const t0 = new Date('2030-01-01T00:00:00Z');
      for (let i = 0; i < THROTTLE.perAccount; i++) expect(await guess(who, ip, at(t0, i))).toBe(false);
      // Even the right secret waits: the lock holds whatever is tried.
      expect(await waitOf(guess(who, ip, at(t0, 10), true))).toBe(60 - 6);
      // After the first lock: five more failures → two minutes, then four.
      let now = at(t0, 65);
      for (let i = 0; i < 5; i++) await guess(who, ip, now);
      expect(await waitOf(guess(who, ip, now))).toBe(120);
      now = at(now, 121);
      for (let i = 0; i < 5; i++) await guess(who, ip, now);
      expect(await waitOf(guess(who, ip, now))).toBe(240);
      now = at(now, 241);
      expect(await guess(who, ip, now, true)).toBe('ok');
      // A success forgets the backoff: the next lock is one minute again.
      for (let i = 0; i < 5; i++) await guess(who, ip, now);
      expect(await waitOf(guess(who, ip, now))).toBe(60);
    });

    it('the lockout grows to at most 60 minutes', async () => {
      const who = uniq('acct');
      const ip = '198.51.100.8';
      let now = new Date('2030-01-02T00:00:00Z');
      const waits: number[] = [];
      for (let round = 0; round < 8; round++) {
        for (let i = 0; i < 5; i++) await guess(who, ip, now);
        const w = await waitOf(guess(who, ip, now));
        waits.push(w);
        now = at(now, w + 1);
      }
      expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    });

    it('a stranger failing 5 times from one address does not lock the owner out from another', async () => {
      const A = await makeTenant(t.db);
      for (let i = 0; i < 5; i++) {
        await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'not-it-123', ip: '203.0.113.66' })).rejects.toMatchObject({
          code: 'UNAUTHORIZED',
        });
      }
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '203.0.113.66' })).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        details: { retryAfterSeconds: expect.any(Number) },
      });
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '192.0.2.10' })).resolves.toMatchObject({
        id: A.admin.id,
      });
    });

    it('caps failures per IP at 30 in 15 minutes, over every account and kind', async () => {
      const ip = '198.51.100.30';
      const now = new Date('2030-01-03T00:00:00Z');
      for (let i = 0; i < THROTTLE.perIp; i++) expect(await guess(uniq('x'), ip, now)).toBe(false);
      expect(await waitOf(guess(uniq('fresh'), ip, at(now, 60)))).toBe(15 * 60 - 60);
      expect(await waitOf(checkSecret(t.db.prisma, { kind: 'reset-link', subject: null, ip }, async () => false, { now }))).toBeGreaterThan(0);
      expect(await guess(uniq('fresh'), '198.51.100.31', now)).toBe(false);
      expect(await guess(uniq('fresh'), ip, at(now, 15 * 60 + 1))).toBe(false);
    });

    it('50 failures a day across addresses slow the account down and tell its owner once', async () => {
      const A = await makeTenant(t.db);
      for (let i = 0; i < THROTTLE.perDay; i++) {
        const ip = `10.77.${Math.floor(i / 5)}.1`; // 5 per address: each address locks, the day counts all
        await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'wrong-pass-1', ip })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      }
      // From yet another address: one attempt a minute now.
      const r = await authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '10.78.0.1' }).catch((e) => e);
      expect(r).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(throttleWait(r)).toBeGreaterThan(0);
      expect(throttleWait(r)).toBeLessThanOrEqual(60);
      const mail = await sql<{ recipient: string; subject: string }>(`select recipient, subject from "AccountMessage" where recipient = $1`, [A.admin.email]);
      expect(mail).toEqual([{ recipient: A.admin.email, subject: expect.stringContaining('Many failed sign-ins') }]);
      // A minute later the owner gets in.
      await sql(`update "SecretThrottle" set "lastAt" = "lastAt" - interval '61 seconds' where key = $1`, [`password:day:${A.admin.email}`]);
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '10.78.0.1' })).resolves.toMatchObject({
        id: A.admin.id,
      });
    });

    it('is atomic: 20 concurrent wrong guesses get exactly 5 checks, the rest 429', async () => {
      const who = uniq('race');
      let checked = 0;
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          checkSecret(t.db.prisma, { kind: 'password', subject: who, ip: '198.51.100.99' }, async () => {
            checked++;
            await new Promise((r) => setTimeout(r, 20));
            return false;
          }).then(
            () => 'wrong',
            (e) => (e instanceof ThrottledError ? 'throttled' : String(e)),
          ),
        ),
      );
      expect(checked).toBe(5);
      expect(outcomes.filter((o) => o === 'wrong')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'throttled')).toHaveLength(15);
    });

    it('the password change is throttled with sign-in: 5 wrong current passwords lock both', async () => {
      const A = await makeTenant(t.db);
      for (let i = 0; i < 5; i++) {
        expect(await code(A.as.account.changePassword({ currentPassword: 'nope-nope-1', newPassword: 'new-pass-123' }))).toBe('UNAUTHORIZED');
      }
      expect(await code(A.as.account.changePassword({ currentPassword: 'correct-horse-1', newPassword: 'new-pass-123' }))).toBe('TOO_MANY_REQUESTS');
      // callerFor's requests come from 127.0.0.1: sign-in from there is locked too, elsewhere not.
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '127.0.0.1' })).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
      });
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '192.0.2.1' })).resolves.toBeTruthy();
    });
  });

  describe('no password oracle', () => {
    it('sign-in answers alike for known and unknown e-mails, after a hash check either way', async () => {
      const A = await makeTenant(t.db);
      const attempt = async (email: string, i: number) => {
        const started = performance.now();
        const e = await authenticate(t.db.prisma, { email, password: 'wrong-pass-1', ip: `10.88.${i}.1` }).catch((x) => x);
        return { ms: performance.now() - started, code: e.code, message: e.message };
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        const k = await attempt(A.admin.email, i);
        const u = await attempt(`${uniq('ghost')}@example.test`, 100 + i);
        expect(u).toMatchObject({ code: k.code, message: k.message });
        known.push(k.ms);
        unknown.push(u.ms);
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // Without the dummy hash an unknown e-mail answers in ~1 ms against ~20+ ms.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    });

    it('previewInvitation says nothing about accounts', async () => {
      const A = await makeTenant(t.db);
      const B = await makeTenant(t.db);
      const anon = callerFor(t.db, null);
      const toExisting = await B.as.members.invite({ tenant: B.slug, email: A.admin.email, name: 'A', role: 'STAFF' });
      const toNew = await B.as.members.invite({ tenant: B.slug, email: `${uniq('new')}@example.test`, name: 'A', role: 'STAFF' });
      const p1 = await anon.account.getInvitationPreview({ token: linkToken(toExisting.link, '/invite/') });
      const p2 = await anon.account.getInvitationPreview({ token: linkToken(toNew.link, '/invite/') });
      expect(Object.keys(p1).sort()).toEqual(['company', 'companySlug', 'email', 'name', 'role', 'status']);
      expect({ ...p1, email: '' }).toEqual({ ...p2, email: '' });
    });

    it('accepting an invitation for an existing account needs that account signed in, and no password', async () => {
      const A = await makeTenant(t.db);
      const B = await makeTenant(t.db);
      const inv = await B.as.members.invite({ tenant: B.slug, email: A.admin.email, name: 'A', role: 'EXECUTIVE' });
      const token = linkToken(inv.link, '/invite/');
      // Signed out, even with the right password: no.
      expect(await code(callerFor(t.db, null).account.acceptInvitation({ token, password: 'correct-horse-1' }))).toBe('UNAUTHORIZED');
      // Signed in as someone else: no.
      expect(await code(B.as.account.acceptInvitation({ token }))).toBe('FORBIDDEN');
      expect(await sql(`select 1 from "Membership" where "tenantId" = $1 and "userId" = $2`, [B.tenant.id, A.admin.id])).toHaveLength(0);
      // Signed in as the invited account: yes.
      expect(await A.as.account.acceptInvitation({ token })).toMatchObject({ tenantSlug: B.slug });
      expect(await A.as.company.getCurrent({ tenant: B.slug })).toMatchObject({ role: 'EXECUTIVE' });
    });

    it('sign-up answers the same for a taken and a new e-mail; the account exists only once the link is opened', async () => {
      const A = await makeTenant(t.db);
      const anon = callerFor(t.db, null);
      const fresh = `${uniq('boss')}@example.test`;
      const form = (email: string) => ({ companyName: '安居物业', slug: uniq('acme'), adminName: '王经理', email, password: 'secret-pass-1' });
      const users = Number((await sql<{ n: number }>(`select count(*)::int as n from "User"`))[0]!.n);
      const taken = await requestSignUp(t.db.prisma, ZSignUp.parse(form(A.admin.email)), { showMail: false });
      const fresh1 = await requestSignUp(t.db.prisma, ZSignUp.parse(form(fresh)), { showMail: false });
      expect({ ...taken, email: '' }).toEqual({ ...fresh1, email: '' });
      expect(taken).toEqual({ sent: true, email: A.admin.email, demoMail: null });
      expect(Number((await sql<{ n: number }>(`select count(*)::int as n from "User"`))[0]!.n)).toBe(users);
      await expect(authenticate(t.db.prisma, { email: fresh, password: 'secret-pass-1', ip: '192.0.2.50' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      // Embedded demo (no mail server): the mail and its link come back to show on screen.
      const input = form(`${uniq('demo')}@example.test`);
      const shown = await anon.account.signUp(input);
      expect(shown.demoMail?.link).toMatch(/\/sign-up\/confirm\/[\w-]{20,}$/);
      const token = linkToken(shown.demoMail!.link!, '/sign-up/confirm/');
      expect(await anon.account.confirmSignUp({ token })).toEqual({ email: input.email, tenantSlug: input.slug });
      expect(await code(anon.account.confirmSignUp({ token }))).toBe('NOT_FOUND'); // once
      const user = await authenticate(t.db.prisma, { email: input.email, password: 'secret-pass-1', ip: '192.0.2.51' });
      expect(await callerFor(t.db, user).company.getCurrent({ tenant: input.slug })).toMatchObject({ role: 'ADMIN', name: '安居物业' });
      // The mail went to the outbox for account mail, link and all.
      const mails = await sql<{ body: string }>(`select body from "AccountMessage" where recipient = $1`, [input.email]);
      expect(mails[0]!.body).toContain(shown.demoMail!.link!);
    });
  });

  it('account mail is delivered by the outbox job, and a sent body (with its link) is dropped', async () => {
    const { deliverOutbox } = await import('@/server/jobs/outbox');
    const email = `${uniq('mail')}@example.test`;
    await requestSignUp(t.db.prisma, ZSignUp.parse({ companyName: '邮件物业', slug: uniq('mail'), adminName: 'M', email, password: 'secret-pass-1' }), {
      showMail: false,
    });
    const sent: { tenantId: string; recipient: string; body: string }[] = [];
    await deliverOutbox(t.db.prisma, { transport: { name: 'test', send: async (m) => void sent.push(m) } });
    const mine = sent.filter((m) => m.recipient === email);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tenantId: '', body: expect.stringContaining('/sign-up/confirm/') });
    expect(await sql(`select status, body from "AccountMessage" where recipient = $1`, [email])).toEqual([{ status: 'SENT', body: '' }]);
  });

  describe('password change and reset', () => {
    it('a reset link works once, within 30 minutes, and ends every session', async () => {
      const A = await makeTenant(t.db);
      const anon = callerFor(t.db, null);
      const before = await authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '192.0.2.60' });
      const claims = { uid: before.id, sv: before.sessionVersion, sid: 's-reset' };
      expect(await sessionIsCurrent(t.db.prisma, claims)).toBe(true);
      // Unknown e-mails get the same answer.
      expect(await anon.account.requestPasswordReset({ email: `${uniq('nobody')}@example.test` })).toEqual({ sent: true, demoMail: null });
      const r = await anon.account.requestPasswordReset({ email: A.admin.email });
      const token = linkToken(r.demoMail!.link!, '/reset-password/');
      const stored = await sql<{ tokenHash: string }>(`select "tokenHash" from "PasswordReset" where "userId" = $1`, [A.admin.id]);
      expect(stored[0]!.tokenHash).not.toContain(token); // hashed at rest
      await anon.account.resetPassword({ token, password: 'brand-new-pass-1' });
      expect(await code(anon.account.resetPassword({ token, password: 'other-pass-123' }))).toBe('NOT_FOUND');
      expect(await sessionIsCurrent(t.db.prisma, claims)).toBe(false);
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'brand-new-pass-1', ip: '192.0.2.60' })).resolves.toBeTruthy();

      // Expiry: valid at 29 minutes, not at 31.
      const t0 = new Date();
      const late = await requestPasswordReset(t.db.prisma, ZRequestPasswordReset.parse({ email: A.admin.email }), { showMail: true, now: t0 });
      const lateToken = linkToken(late.demoMail!.link!, '/reset-password/');
      await expect(
        resetPassword(t.db.prisma, { ...ZResetPassword.parse({ token: lateToken, password: 'too-late-pass-1' }), ip: '192.0.2.61', now: at(t0, 31 * 60) }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        resetPassword(t.db.prisma, { ...ZResetPassword.parse({ token: lateToken, password: 'in-time-pass-1' }), ip: '192.0.2.61', now: at(t0, 29 * 60) }),
      ).resolves.toMatchObject({ email: A.admin.email });
      // A newer link replaces an older one.
      const first = await requestPasswordReset(t.db.prisma, ZRequestPasswordReset.parse({ email: A.admin.email }), { showMail: true });
      await requestPasswordReset(t.db.prisma, ZRequestPasswordReset.parse({ email: A.admin.email }), { showMail: true });
      await expect(
        resetPassword(t.db.prisma, {
          ...ZResetPassword.parse({ token: linkToken(first.demoMail!.link!, '/reset-password/'), password: 'x-pass-1234' }),
          ip: '192.0.2.62',
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('wrong reset tokens count against the address', async () => {
      const ip = '198.51.100.140';
      for (let i = 0; i < THROTTLE.perIp; i++) {
        await expect(
          resetPassword(t.db.prisma, { ...ZResetPassword.parse({ token: uniq('bogus-token-xxxxxxxxxxxx'), password: 'whatever-123' }), ip }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(
        resetPassword(t.db.prisma, { ...ZResetPassword.parse({ token: uniq('bogus-token-xxxxxxxxxxxx'), password: 'whatever-123' }), ip }),
      ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    });

    it('a password change needs the current password and ends every session', async () => {
      const A = await makeTenant(t.db);
      const me = await authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '192.0.2.70' });
      const claims = { uid: me.id, sv: me.sessionVersion, sid: 's-change' };
      const as = callerFor(t.db, me);
      expect(await code(as.account.changePassword({ currentPassword: 'wrong-one-1', newPassword: 'next-pass-123' }))).toBe('UNAUTHORIZED');
      expect(await sessionIsCurrent(t.db.prisma, claims)).toBe(true);
      await as.account.changePassword({ currentPassword: 'correct-horse-1', newPassword: 'next-pass-123' });
      expect(await sessionIsCurrent(t.db.prisma, claims)).toBe(false);
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'correct-horse-1', ip: '192.0.2.71' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      await expect(authenticate(t.db.prisma, { email: A.admin.email, password: 'next-pass-123', ip: '192.0.2.71' })).resolves.toBeTruthy();
    });
  });

  describe('sessions', () => {
    it('sign-out ends one session; "everywhere", a role change and disabling end all', async () => {
      const A = await makeTenant(t.db);
      const staff = await addMember(t.db, A.tenant.id, 'STAFF');
      const version = async (id: string) => Number((await sql<{ v: number }>(`select "sessionVersion" as v from "User" where id = $1`, [id]))[0]!.v);
      const s = (uid: string, sv: number, sid: string) => sessionIsCurrent(t.db.prisma, { uid, sv, sid });

      let sv = await version(A.admin.id);
      expect(await s(A.admin.id, sv, 'laptop')).toBe(true);
      await revokeSession(t.db.prisma, 'laptop', new Date(Date.now() + 3600_000));
      expect(await s(A.admin.id, sv, 'laptop')).toBe(false);
      expect(await s(A.admin.id, sv, 'phone')).toBe(true);
      await A.as.account.signOutEverywhere();
      expect(await s(A.admin.id, sv, 'phone')).toBe(false);
      sv = await version(A.admin.id);
      expect(await s(A.admin.id, sv, 'phone')).toBe(true);
      // Tokens from before session versions (no sv) are not honoured.
      expect(await sessionIsCurrent(t.db.prisma, { uid: A.admin.id, sid: 'old' })).toBe(false);

      const members = await A.as.members.list({ tenant: A.slug });
      const m = members.find((x) => x.userId === staff.id)!;
      let ssv = await version(staff.id);
      await A.as.members.update({ tenant: A.slug, id: m.id, role: 'CASHIER' });
      expect(await s(staff.id, ssv, 'x')).toBe(false);
      ssv = await version(staff.id);
      await A.as.members.update({ tenant: A.slug, id: m.id, status: 'DISABLED' });
      expect(await s(staff.id, ssv, 'x')).toBe(false);
    });
  });

  describe('memberships', () => {
    it('the last active admin survives two admins demoting each other at once', async () => {
      const A = await makeTenant(t.db);
      const second = await addMember(t.db, A.tenant.id, 'ADMIN');
      const members = await A.as.members.list({ tenant: A.slug });
      const mine = members.find((m) => m.userId === A.admin.id)!;
      const theirs = members.find((m) => m.userId === second.id)!;
      const results = await Promise.all([
        code(A.as.members.update({ tenant: A.slug, id: theirs.id, role: 'STAFF' })),
        code(callerFor(t.db, second).members.update({ tenant: A.slug, id: mine.id, status: 'DISABLED' })),
      ]);
      // Exactly one wins. The other is refused as the last admin (PRECONDITION_FAILED) when both
      // started as admins, or as no longer an admin (FORBIDDEN) when the winner committed before
      // its request loaded its membership: which one depends on timing, never both OK.
      expect(results.filter((r) => r === 'OK')).toHaveLength(1);
      expect(['PRECONDITION_FAILED', 'FORBIDDEN']).toContain(results.find((r) => r !== 'OK'));
      const admins = await sql(`select 1 from "Membership" where "tenantId" = $1 and role = 'ADMIN' and status = 'ACTIVE'`, [A.tenant.id]);
      expect(admins).toHaveLength(1);
    });

    it('disabling revokes pending invitations; an invitation never re-activates a disabled membership', async () => {
      const A = await makeTenant(t.db);
      const staff = await addMember(t.db, A.tenant.id, 'STAFF');
      const pending = await A.as.members.invite({ tenant: A.slug, email: staff.email, name: 'S', role: 'ADMIN' });
      const m = (await A.as.members.list({ tenant: A.slug })).find((x) => x.userId === staff.id)!;
      await A.as.members.update({ tenant: A.slug, id: m.id, status: 'DISABLED' });
      expect((await A.as.members.listInvitations({ tenant: A.slug })).map((i) => i.id)).not.toContain(pending.id);
      const asStaff = callerFor(t.db, staff);
      expect(await code(asStaff.account.acceptInvitation({ token: linkToken(pending.link, '/invite/') }))).toBe('PRECONDITION_FAILED');
      // A new invitation made after disabling cannot bring them back either.
      const again = await A.as.members.invite({ tenant: A.slug, email: staff.email, name: 'S', role: 'ADMIN' });
      expect(await code(asStaff.account.acceptInvitation({ token: linkToken(again.link, '/invite/') }))).toBe('PRECONDITION_FAILED');
      expect(await sql(`select role, status from "Membership" where id = $1`, [m.id])).toEqual([{ role: 'STAFF', status: 'DISABLED' }]);
      expect(await code(asStaff.company.getCurrent({ tenant: A.slug }))).toBe('NOT_FOUND');
    });
  });

  describe('links use APP_URL', () => {
    it('invitation and reset links take APP_URL, never the request Host', async () => {
      process.env.APP_URL = 'https://linli.example.com/';
      const A = await makeTenant(t.db);
      // The caller's context carries a forged origin (as a Host / X-Forwarded-Host would).
      const forged = (await import('@/server/api/root')).createCaller({ prisma: t.db.prisma, user: A.admin, ip: '127.0.0.1', origin: 'https://evil.test' });
      const inv = await forged.members.invite({ tenant: A.slug, email: `${uniq()}@example.test`, name: 'S', role: 'STAFF' });
      expect(inv.link).toMatch(/^https:\/\/linli\.example\.com\/invite\/[\w-]{20,}$/);
      const r = await requestPasswordReset(t.db.prisma, ZRequestPasswordReset.parse({ email: A.admin.email }), { showMail: true });
      expect(r.demoMail!.link).toMatch(/^https:\/\/linli\.example\.com\/reset-password\//);
    });

    it('APP_URL is required in production with a database; otherwise localhost:PORT', () => {
      expect(() => appUrl({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x' } as NodeJS.ProcessEnv)).toThrow(/APP_URL is required/);
      expect(() => appUrl({ NODE_ENV: 'production', APP_DATABASE_URL: 'postgres://x' } as NodeJS.ProcessEnv)).toThrow(/APP_URL is required/);
      expect(appUrl({ NODE_ENV: 'production', PORT: '4000' } as NodeJS.ProcessEnv)).toBe('http://localhost:4000');
      expect(appUrl({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toBe('http://localhost:3000');
      expect(appUrl({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x', APP_URL: 'https://a.example' } as NodeJS.ProcessEnv)).toBe('https://a.example');
    });
  });

  describe('password hashes', () => {
    it('live in "Credential", which the app role cannot read', async () => {
      const A = await makeTenant(t.db);
      await expect(t.db.prisma.$queryRawUnsafe(`select * from "Credential"`)).rejects.toThrow(/permission denied/);
      await expect(t.db.prisma.$queryRawUnsafe(`select * from "SignUpRequest"`)).rejects.toThrow(/permission denied/);
      await expect(t.db.prisma.$queryRawUnsafe(`select * from "AccountMessage"`)).rejects.toThrow(/permission denied/);
      const cols = await sql(`select 1 from information_schema.columns where table_name = 'User' and column_name = 'passwordHash'`);
      expect(cols).toHaveLength(0);
      expect(await sql(`select "passwordHash" like '$argon2id$%' as ok from "Credential" where "userId" = $1`, [A.admin.id])).toEqual([{ ok: true }]);
    });
  });

  describe('four-eyes approvals', () => {
    it('when required, the requester cannot approve their own waiver or refund; off by default', async () => {
      const A = await makeTenant(t.db);
      const other = callerFor(t.db, await addMember(t.db, A.tenant.id, 'ADMIN'));
      const reg = await makeRegister(t.db, A);
      const fee = await A.as.feeItems.create({
        tenant: A.slug,
        name: '物业费',
        calc: 'PER_AREA',
        dueDay: 15,
        communityIds: [reg.community.id],
        initialPrice: { effectiveFrom: '2025-01', price: '2.00' },
      });
      await A.as.billing.commitRun({ tenant: A.slug, period: '2025-01', feeItemIds: [fee.id] });
      const bill = (await A.as.billing.listBills({ tenant: A.slug, unitId: reg.unit.id })).rows[0]!;
      expect(await A.as.company.getApprovals({ tenant: A.slug })).toEqual({ requireSecondApprover: false });
      const w1 = await A.as.billing.requestAdjustment({ tenant: A.slug, billId: bill.id, kind: 'WAIVER', amountFen: 100, reason: '困难户' });
      expect(await code(A.as.billing.decideAdjustment({ tenant: A.slug, id: w1.id, approve: true }))).toBe('OK');

      await A.as.company.updateApprovals({ tenant: A.slug, requireSecondApprover: true });
      const w2 = await A.as.billing.requestAdjustment({ tenant: A.slug, billId: bill.id, kind: 'DISCOUNT', amountFen: 100, reason: '优惠' });
      const own = await A.as.billing.decideAdjustment({ tenant: A.slug, id: w2.id, approve: true }).catch((e) => e);
      expect(own).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/another person to approve/) });
      expect(await code(other.billing.decideAdjustment({ tenant: A.slug, id: w2.id, approve: true }))).toBe('OK');

      const payer = { kind: 'UNIT' as const, id: reg.unit.id };
      const today = localDate('Asia/Shanghai');
      const paid = bill.outstandingFen - 200 + 5_000;
      await A.as.payments.recordPayment({ tenant: A.slug, payer, method: 'CASH', amountFen: paid, receivedOn: today });
      const refund = await A.as.payments.requestRefund({ tenant: A.slug, payer, amountFen: 1_000, method: 'CASH', reason: '退款' });
      expect(await code(A.as.payments.decideRefund({ tenant: A.slug, id: refund.id, approve: true }))).toBe('FORBIDDEN');
      expect(await code(other.payments.decideRefund({ tenant: A.slug, id: refund.id, approve: true }))).toBe('OK');
      expect(
        await code(callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER')).company.updateApprovals({ tenant: A.slug, requireSecondApprover: false })),
      ).toBe('FORBIDDEN');
    });
  });
});
