import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { requestPhoneCode, signInWithPhoneCode, signInWithPhonePassword, PHONE_CODE } from '@/server/auth/phone-sign-in';
import { setFirstPassword } from '@/server/auth/change-password';
import { THROTTLE, ThrottledError } from '@/server/auth/throttle';
import { withTenant } from '@/server/db/tenant';
import { AppError } from '@/server/errors';
import { ZRequestPhoneCode } from '@/server/shared/schemas/auth';

// Issue #14, residents sign in with their phone number: a code by SMS (6 digits, 5 minutes,
// a new one kills the old, the sixth wrong try refused by the password throttle), the same
// answer for an unknown phone, the first sign-in linking the resident records, a password by
// phone. Codes are read from the AccountMessage table as the owner, never over HTTP.

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
let seq = 0;
const newPhone = () => `139${String(Date.now() % 1e5).padStart(5, '0')}${String(seq++).padStart(3, '0')}`;
const spaced = (p: string) => `+86 ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;
let ipSeq = 0;
const newIp = () => `198.51.100.${ipSeq++}`;

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof ThrottledError) return 'THROTTLED';
    if (e instanceof AppError) return `${e.code}:${e.key}`;
    throw e;
  }
}

describe.skipIf(!pgServerUrl())('phone sign-in (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  /** The newest sign-in code sent to a phone, read from the account outbox (as the owner). */
  async function codeSentTo(phone: string): Promise<string | null> {
    const rows = await sql<{ body: string }>(`select body from "AccountMessage" where channel = 'SMS' and recipient = $1 order by "createdAt" desc limit 1`, [
      phone,
    ]);
    return rows[0]?.body.match(/\d{6}/)?.[0] ?? null;
  }
  const smsCount = async (phone: string) => (await sql<{ n: number }>(`select count(*)::int as n from "AccountMessage" where recipient = $1`, [phone]))[0]!.n;

  // As the router hands it over: the number parsed (any usual spelling → 11 digits).
  const ask = (phone: string, now: Date, ip = newIp()) =>
    requestPhoneCode(t.db.prisma, { ...ZRequestPhoneCode.parse({ phone }), ip }, { showCode: false, now });
  const verify = (phone: string, code: string, now: Date, ip = '192.0.2.1') => signInWithPhoneCode(t.db.prisma, { phone, code, ip }, { now });

  /** A company with a unit whose owner has `phone`. */
  async function residentWithPhone(phone: string, name = '王芳') {
    const co = await makeTenant(t.db);
    const reg = await makeRegister(t.db, co);
    const resident = await co.as.property.createResident({
      tenant: co.slug,
      unitId: reg.unit.id,
      name,
      phone: `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    });
    return { co, reg, resident };
  }

  it('a resident signs in by code: the user is made and linked (resident record, RESIDENT membership)', async () => {
    const phone = newPhone();
    const { co, reg, resident } = await residentWithPhone(phone, '赵敏');
    const t0 = new Date();
    expect(await ask(spaced(phone), t0)).toEqual({ sent: true, demoCode: null });
    const code = await codeSentTo(phone);
    expect(code).toMatch(/^\d{6}$/);
    // Only the code's hash is kept.
    expect(await sql(`select count(*)::int as n from "PhoneCode" where phone = $1 and "codeHash" like '%' || $2 || '%'`, [phone, code])).toEqual([{ n: 0 }]);

    const user = await verify(phone, code!, at(t0, 10));
    expect(user).toMatchObject({ name: '赵敏', email: null });
    expect(await sql(`select phone from "User" where id = $1`, [user.id])).toEqual([{ phone }]);
    expect(await sql(`select "userId" from "Resident" where id = $1`, [resident.id])).toEqual([{ userId: user.id }]);
    expect(await sql(`select role::text, status::text from "Membership" where "userId" = $1 and "tenantId" = $2`, [user.id, co.tenant.id])).toEqual([
      { role: 'RESIDENT', status: 'ACTIVE' },
    ]);
    // Signed in, the resident sees their unit.
    const me = callerFor(t.db, { id: user.id, email: null, name: user.name });
    const units = await me.property.listMyUnits({ tenant: co.slug });
    expect(JSON.stringify(units)).toContain(reg.unit.id);

    // Signing in again (a new code) finds the same user, links nothing twice.
    await ask(phone, at(t0, 120));
    const again = await verify(phone, (await codeSentTo(phone))!, at(t0, 130));
    expect(again.id).toBe(user.id);
    expect(await sql(`select count(*)::int as n from "Membership" where "userId" = $1`, [user.id])).toEqual([{ n: 1 }]);
  });

  it('a used code is refused the second time', async () => {
    const phone = newPhone();
    await residentWithPhone(phone);
    const t0 = new Date();
    await ask(phone, t0);
    const code = (await codeSentTo(phone))!;
    expect(await outcome(verify(phone, code, at(t0, 5)))).toBe('OK');
    expect(await outcome(verify(phone, code, at(t0, 6)))).toBe('UNAUTHORIZED:wrongCode');
  });

  it('an expired code is refused (valid 5 minutes)', async () => {
    const phone = newPhone();
    await residentWithPhone(phone);
    const t0 = new Date();
    await ask(phone, t0);
    const code = (await codeSentTo(phone))!;
    expect(await outcome(verify(phone, code, at(t0, PHONE_CODE.validMinutes * 60)))).toBe('UNAUTHORIZED:wrongCode');
    // …and a fresh one just inside its five minutes works.
    await ask(phone, at(t0, 400));
    expect(await outcome(verify(phone, (await codeSentTo(phone))!, at(t0, 400 + 299)))).toBe('OK');
  });

  it('a new code kills the old one', async () => {
    const phone = newPhone();
    await residentWithPhone(phone);
    const t0 = new Date();
    await ask(phone, t0);
    const first = (await codeSentTo(phone))!;
    await ask(phone, at(t0, 61));
    const second = (await codeSentTo(phone))!;
    if (first !== second) expect(await outcome(verify(phone, first, at(t0, 70)))).toBe('UNAUTHORIZED:wrongCode');
    expect(await sql(`select count(*)::int as n from "PhoneCode" where phone = $1 and "consumedAt" is null`, [phone])).toEqual([{ n: 1 }]);
    expect(await outcome(verify(phone, second, at(t0, 71)))).toBe('OK');
  });

  it('the sixth wrong try is refused, even with the right code (same throttle as passwords)', async () => {
    const phone = newPhone();
    await residentWithPhone(phone);
    const t0 = new Date();
    await ask(phone, t0);
    const code = (await codeSentTo(phone))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < THROTTLE.perAccount; i++) expect(await outcome(verify(phone, wrong, at(t0, 1 + i)))).toBe('UNAUTHORIZED:wrongCode');
    expect(await outcome(verify(phone, code, at(t0, 10)))).toBe('THROTTLED');
    const e = await verify(phone, code, at(t0, 10)).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'TOO_MANY_REQUESTS', key: 'tooManyAttempts' });
    // The code was never checked while locked: still live once the lock is over (1 minute).
    expect(await outcome(verify(phone, code, at(t0, 5 + 61)))).toBe('OK');
  });

  it('an unknown phone gets the same answer, no SMS, and the same caps', async () => {
    const known = newPhone();
    await residentWithPhone(known);
    const unknown = newPhone();
    const t0 = new Date();
    const a = await ask(known, t0);
    const b = await ask(unknown, t0);
    expect(b).toEqual(a);
    expect(await smsCount(known)).toBe(1);
    expect(await smsCount(unknown)).toBe(0);
    // The caps count an unknown phone too: its second request within a minute is refused alike.
    expect(await outcome(ask(known, at(t0, 10)))).toBe('TOO_MANY_REQUESTS:smsTooSoon');
    expect(await outcome(ask(unknown, at(t0, 10)))).toBe('TOO_MANY_REQUESTS:smsTooSoon');
    // No code reaches an unknown phone, and a guess makes no account.
    expect(await outcome(verify(unknown, '123456', at(t0, 20)))).toBe('UNAUTHORIZED:wrongCode');
    expect(await sql(`select count(*)::int as n from "User" where phone = $1`, [unknown])).toEqual([{ n: 0 }]);
  });

  it('in the embedded demo the code comes back for the screen; an unknown phone still gets one (no oracle), which signs nobody in', async () => {
    const phone = newPhone();
    await residentWithPhone(phone);
    const r = await requestPhoneCode(t.db.prisma, { phone, ip: newIp() }, { showCode: true });
    expect(r.demoCode).toBe(await codeSentTo(phone));
    const stranger = newPhone();
    const s = await requestPhoneCode(t.db.prisma, { phone: stranger, ip: newIp() }, { showCode: true });
    expect(s.demoCode).toMatch(/^\d{6}$/);
    expect(await outcome(signInWithPhoneCode(t.db.prisma, { phone: stranger, code: s.demoCode!, ip: newIp() }))).toBe('UNAUTHORIZED:wrongCode');
  });

  it('an archived resident, or one already linked to someone else, gives no sign-in', async () => {
    const phone = newPhone();
    const { co, resident } = await residentWithPhone(phone);
    await co.as.property.archiveResident({ tenant: co.slug, id: resident.id });
    const t0 = new Date();
    await ask(phone, t0);
    expect(await smsCount(phone)).toBe(0);

    const other = newPhone();
    const r2 = await residentWithPhone(other);
    await withTenant(t.db.prisma, r2.co.tenant.id, (db) =>
      db.resident.update({ where: { tenantId_id: { tenantId: r2.co.tenant.id, id: r2.resident.id } }, data: { userId: r2.co.admin.id } }),
    );
    await ask(other, t0);
    expect(await smsCount(other)).toBe(0);
  });

  it('is off (clear key) in production with a database and no SMS provider', async () => {
    const saved = {
      NODE_ENV: process.env.NODE_ENV,
      DATABASE_URL: process.env.DATABASE_URL,
      SMS_HTTP_URL: process.env.SMS_HTTP_URL,
      LINLI_FAKES: process.env.LINLI_FAKES,
    };
    const env = process.env as Record<string, string | undefined>;
    try {
      env.NODE_ENV = 'production';
      env.DATABASE_URL = 'postgresql://db.example/linli';
      delete env.SMS_HTTP_URL;
      delete env.LINLI_FAKES;
      expect(await outcome(ask(newPhone(), new Date()))).toBe('PRECONDITION_FAILED:phoneSignInOff');
      expect(await outcome(verify(newPhone(), '123456', new Date()))).toBe('PRECONDITION_FAILED:phoneSignInOff');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
    }
  });

  it('a phone user sets a first password, then signs in with phone and password', async () => {
    const phone = newPhone();
    await residentWithPhone(phone);
    const t0 = new Date();
    await ask(phone, t0);
    const user = await verify(phone, (await codeSentTo(phone))!, at(t0, 5));
    await setFirstPassword(t.db.prisma, { userId: user.id, newPassword: 'phone-pass-123' });
    expect(await outcome(setFirstPassword(t.db.prisma, { userId: user.id, newPassword: 'other-pass-456' }))).toBe('CONFLICT:passwordAlreadySet');
    const ip = newIp();
    const signedIn = await signInWithPhonePassword(t.db.prisma, { phone: spaced(phone), password: 'phone-pass-123', ip });
    expect(signedIn.id).toBe(user.id);
    expect(await outcome(signInWithPhonePassword(t.db.prisma, { phone, password: 'wrong-pass-000', ip }))).toBe('UNAUTHORIZED:wrongPhoneCredentials');
    // An unknown phone: the same answer.
    expect(await outcome(signInWithPhonePassword(t.db.prisma, { phone: newPhone(), password: 'phone-pass-123', ip }))).toBe(
      'UNAUTHORIZED:wrongPhoneCredentials',
    );
  });

  describe('household members (an owner links them to the unit)', () => {
    /** A resident signed in by phone, as a tRPC caller. */
    async function signedInResident(phone: string, name = '业主甲') {
      const r = await residentWithPhone(phone, name);
      const t0 = new Date();
      await ask(phone, t0);
      const user = await verify(phone, (await codeSentTo(phone))!, at(t0, 5));
      return { ...r, user, me: callerFor(t.db, { id: user.id, email: null, name: user.name }) };
    }

    it('the owner adds a member by phone; that person signs in by phone into the unit', async () => {
      const o = await signedInResident(newPhone());
      const memberPhone = newPhone();
      const added = await o.me.myHousehold.addMember({ tenant: o.co.slug, unitId: o.reg.unit.id, name: '业主之子', phone: spaced(memberPhone) });
      expect(added).toMatchObject({ name: '业主之子', phone: memberPhone, kind: 'OCCUPANT' });
      const household = await o.me.myHousehold.getHousehold({ tenant: o.co.slug });
      expect(household).toHaveLength(1);
      expect(household[0]).toMatchObject({ unitId: o.reg.unit.id, canManage: true });
      expect(household[0]!.members.map((m) => m.name)).toEqual(expect.arrayContaining(['张三', '业主甲', '业主之子']));

      const t0 = new Date();
      await ask(memberPhone, t0);
      const member = await verify(memberPhone, (await codeSentTo(memberPhone))!, at(t0, 5));
      expect(member.name).toBe('业主之子');
      const them = callerFor(t.db, { id: member.id, email: null, name: member.name });
      expect((await them.property.listMyUnits({ tenant: o.co.slug })).map((u) => u.unitId)).toEqual([o.reg.unit.id]);
      // A member is not an owner: they cannot add anyone (NOT_FOUND, as for any unit not theirs).
      await expect(them.myHousehold.addMember({ tenant: o.co.slug, unitId: o.reg.unit.id, name: '外人', phone: newPhone() })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await them.myHousehold.getHousehold({ tenant: o.co.slug }))[0]).toMatchObject({ canManage: false });
      // The same phone twice on one unit is refused.
      await expect(o.me.myHousehold.addMember({ tenant: o.co.slug, unitId: o.reg.unit.id, name: '重复', phone: memberPhone })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      // The owner takes the member off the unit.
      await o.me.myHousehold.removeMember({ tenant: o.co.slug, id: added.id });
      expect((await them.property.listMyUnits({ tenant: o.co.slug })).map((u) => u.unitId)).toEqual([]);
    });

    it('only on the owner’s own unit, and only in their company: another unit or company is NOT_FOUND, nothing written', async () => {
      const o = await signedInResident(newPhone());
      // Another unit of the same company (the owner does not live there).
      const otherUnit = await o.co.as.property.createUnit({ tenant: o.co.slug, buildingId: o.reg.building.id, number: '102', floor: 1, area: '70.00' });
      await expect(o.me.myHousehold.addMember({ tenant: o.co.slug, unitId: otherUnit.id, name: '甲', phone: newPhone() })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      // Another company's unit, through the owner's own company.
      const other = await makeTenant(t.db);
      const otherReg = await makeRegister(t.db, other);
      const phone = newPhone();
      await expect(o.me.myHousehold.addMember({ tenant: o.co.slug, unitId: otherReg.unit.id, name: '乙', phone })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // …or by the other company's URL: not a member there.
      await expect(o.me.myHousehold.addMember({ tenant: other.slug, unitId: otherReg.unit.id, name: '乙', phone })).rejects.toMatchObject({
        code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/),
      });
      expect(await sql(`select count(*)::int as n from "Resident" where phone = $1`, [phone])).toEqual([{ n: 0 }]);
      // An admin (no resident record) has no household to manage either.
      await expect(o.co.as.myHousehold.addMember({ tenant: o.co.slug, unitId: o.reg.unit.id, name: '丙', phone })).rejects.toMatchObject({
        code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/),
      });
    });
  });

  describe('invitations by phone', () => {
    it('an admin invites a colleague by phone: an SMS goes out; signing in with that phone accepts it', async () => {
      const co = await makeTenant(t.db);
      const phone = newPhone();
      const r = await co.as.members.invite({ tenant: co.slug, name: '李师傅', phone: spaced(phone), role: 'STAFF' });
      expect(r.phone).toBe(phone);
      expect(r.link).toMatch(/\/sign-in$/);
      expect(await sql(`select phone, email from "Invitation" where id = $1`, [r.id])).toEqual([{ phone, email: '' }]);
      const [sms] = await sql<{ channel: string; body: string }>(`select channel::text, body from "OutboxMessage" where recipient = $1`, [phone]);
      expect(sms).toMatchObject({ channel: 'SMS' });
      expect(sms!.body).toContain('李师傅');
      expect((await co.as.members.listInvitations({ tenant: co.slug })).find((i) => i.id === r.id)).toMatchObject({ phone, email: '' });

      const t0 = new Date();
      await ask(phone, t0);
      const user = await verify(phone, (await codeSentTo(phone))!, at(t0, 5));
      expect(user.name).toBe('李师傅');
      expect(await sql(`select role::text from "Membership" where "userId" = $1 and "tenantId" = $2`, [user.id, co.tenant.id])).toEqual([{ role: 'STAFF' }]);
      expect(await sql(`select "acceptedAt" is not null as accepted from "Invitation" where id = $1`, [r.id])).toEqual([{ accepted: true }]);
    });

    it('a resident invitation by phone links the resident record; an invitation needs an e-mail or a phone', async () => {
      const co = await makeTenant(t.db);
      const reg = await makeRegister(t.db, co);
      const phone = newPhone();
      // The record has no phone of its own: the invitation's phone is what lets them in.
      const resident = await co.as.property.createResident({ tenant: co.slug, unitId: reg.unit.id, name: '孙丽', kind: 'OCCUPANT' });
      await co.as.members.invite({ tenant: co.slug, name: '孙丽', phone, role: 'RESIDENT', residentId: resident.id });
      const t0 = new Date();
      await ask(phone, t0);
      const user = await verify(phone, (await codeSentTo(phone))!, at(t0, 5));
      expect(await sql(`select "userId" from "Resident" where id = $1`, [resident.id])).toEqual([{ userId: user.id }]);
      await expect(co.as.members.invite({ tenant: co.slug, name: '无名', role: 'STAFF' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(co.as.members.invite({ tenant: co.slug, name: '无名', phone: '010-12345678', role: 'STAFF' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });
  });
});
