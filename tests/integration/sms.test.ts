import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant, uniq } from '../helpers/fixtures';
import { reserveSms, SMS_CAPS, SmsCapError } from '@/server/sms/caps';
import { httpSmsTransport } from '@/server/sms/http-transport';
import { getSmsTransport, smsAvailable, smsDemoMode } from '@/server/sms/config';
import { startSmsFake, type SmsFake } from '@/server/fakes/sms/server';
import { enqueueAccountSms, enqueueOutbox } from '@/server/notifications/outbox';
import { deliverOutbox, type OutboxTransport } from '@/server/jobs/outbox';
import { withTenant } from '@/server/db/tenant';
import { AppError } from '@/server/errors';

// Issue #14, SMS: send caps (per phone 1/60 s, 5/h, 10/day; per IP 20/h) counted on SmsSend
// rows with time set through `now`; the HTTP transport against the local SMS fake; the outbox
// job delivering SMS-channel rows; the fake's production 404.

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
let phoneSeq = 0;
/** A fresh 11-digit number per call (no two tests share a phone). */
const newPhone = () => `137${String(Date.now() % 1e5).padStart(5, '0')}${String(phoneSeq++).padStart(3, '0')}`;
const newIp = () => `203.0.113.${Math.floor(Math.random() * 250)}-${uniq('ip')}`;

/** Seconds to wait when refused, 0 when allowed. */
async function waitOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    if (e instanceof SmsCapError) return e.retryAfter;
    throw e;
  }
}

const noMail: OutboxTransport = { name: 'none', send: async () => undefined };

describe.skipIf(!pgServerUrl())('SMS (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let fake: SmsFake;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    fake = await startSmsFake({ token: 'sms-token', env: { NODE_ENV: 'test' } });
  });
  afterAll(async () => {
    await fake?.close();
    await owner?.end();
    await t?.drop();
  });

  const send = (phone: string, now: Date, ip = '') => reserveSms(t.db.prisma, { phone, ip, kind: 'sign-in-code', now });

  describe('caps', () => {
    it('per phone: one per 60 seconds', async () => {
      const phone = newPhone();
      const t0 = new Date('2030-03-01T08:00:00Z');
      expect(await waitOf(send(phone, t0))).toBe(0);
      expect(await waitOf(send(phone, at(t0, 1)))).toBe(59);
      expect(await waitOf(send(phone, at(t0, 59)))).toBe(1);
      expect(await waitOf(send(phone, at(t0, 60)))).toBe(0);
      // Refusals are not counted: only the two sends are rows.
      expect(await sql(`select count(*)::int as n from "SmsSend" where phone = $1`, [phone])).toEqual([{ n: 2 }]);
    });

    it('per phone: five per hour, then the oldest must leave the hour', async () => {
      const phone = newPhone();
      const t0 = new Date('2030-03-02T08:00:00Z');
      for (let i = 0; i < SMS_CAPS.perHour; i++) expect(await waitOf(send(phone, at(t0, i * 60)))).toBe(0);
      expect(await waitOf(send(phone, at(t0, 300)))).toBe(3600 - 300);
      expect(await waitOf(send(phone, at(t0, 3599)))).toBe(1);
      expect(await waitOf(send(phone, at(t0, 3600)))).toBe(0);
    });

    it('per phone: ten per day', async () => {
      const phone = newPhone();
      const t0 = new Date('2030-03-03T00:00:00Z');
      // Five in the first hour, five in the second: the hour cap never bites, the day cap does.
      for (let i = 0; i < 5; i++) expect(await waitOf(send(phone, at(t0, i * 60)))).toBe(0);
      for (let i = 0; i < 5; i++) expect(await waitOf(send(phone, at(t0, 3600 + i * 60)))).toBe(0);
      expect(await waitOf(send(phone, at(t0, 3 * 3600)))).toBe(86400 - 3 * 3600);
      expect(await waitOf(send(phone, at(t0, 86400)))).toBe(0);
    });

    it('per IP: twenty an hour over any phones; another IP is not held', async () => {
      const ip = newIp();
      const t0 = new Date('2030-03-04T08:00:00Z');
      for (let i = 0; i < SMS_CAPS.perIpHour; i++) expect(await waitOf(send(newPhone(), at(t0, i), ip))).toBe(0);
      expect(await waitOf(send(newPhone(), at(t0, 100), ip))).toBe(3600 - 100);
      expect(await waitOf(send(newPhone(), at(t0, 100), newIp()))).toBe(0);
      expect(await waitOf(send(newPhone(), at(t0, 3600), ip))).toBe(0);
    });

    it('refuses with TOO_MANY_REQUESTS, key smsTooSoon and the seconds to wait', async () => {
      const phone = newPhone();
      const t0 = new Date('2030-03-05T08:00:00Z');
      await send(phone, t0);
      const e = await send(phone, at(t0, 15)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: 'TOO_MANY_REQUESTS', key: 'smsTooSoon', params: { seconds: 45 }, details: { retryAfterSeconds: 45 } });
    });

    it('concurrent requests for one phone: exactly one passes', async () => {
      const phone = newPhone();
      const t0 = new Date('2030-03-06T08:00:00Z');
      const waits = await Promise.all(Array.from({ length: 8 }, () => waitOf(send(phone, t0, newIp()))));
      expect(waits.filter((w) => w === 0)).toHaveLength(1);
      expect(await sql(`select count(*)::int as n from "SmsSend" where phone = $1`, [phone])).toEqual([{ n: 1 }]);
    });

    it('the app role cannot read or write the send log or the codes directly', async () => {
      await expect(t.db.prisma.smsSend.count()).rejects.toThrow(/permission denied/);
      await expect(t.db.prisma.phoneCode.count()).rejects.toThrow(/permission denied/);
    });
  });

  describe('transports', () => {
    it('chooses by environment: HTTP when SMS_HTTP_URL, the log outside production, none in production with a database', () => {
      expect(getSmsTransport({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', SMS_HTTP_URL: fake.sendUrl }).name).toBe('sms-http');
      expect(getSmsTransport({ NODE_ENV: 'development' }).name).toBe('sms-log');
      expect(getSmsTransport({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }).name).toBe('sms-off');
      expect(getSmsTransport({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', LINLI_FAKES: '1' }).name).toBe('sms-log');
      expect(smsAvailable({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' })).toBe(false);
      expect(smsAvailable({ NODE_ENV: 'production', APP_DATABASE_URL: 'postgres://x/y', SMS_HTTP_URL: 'http://sms' })).toBe(true);
      expect(smsAvailable({ NODE_ENV: 'production' })).toBe(true); // the embedded demo
      expect(smsDemoMode({ NODE_ENV: 'production' })).toBe(true);
      expect(smsDemoMode({ NODE_ENV: 'development', DATABASE_URL: 'postgres://x/y' })).toBe(false);
    });

    it('HTTP transport: POSTs {to, text} with the bearer token to the fake', async () => {
      const before = fake.messages.length;
      await httpSmsTransport({ url: fake.sendUrl, token: 'sms-token' }).send({ to: '13800138000', text: '你好' });
      expect(fake.messages.slice(before)).toMatchObject([{ to: '13800138000', text: '你好' }]);
    });

    it('HTTP transport: a non-2xx answer is a failure', async () => {
      await expect(httpSmsTransport({ url: fake.sendUrl, token: 'wrong' }).send({ to: '13800138000', text: 'x' })).rejects.toThrow(/401/);
      fake.failNext(1);
      await expect(httpSmsTransport({ url: fake.sendUrl, token: 'sms-token' }).send({ to: '13800138000', text: 'x' })).rejects.toThrow(/500/);
      await expect(httpSmsTransport({ url: `${fake.url}/nope`, token: 'sms-token' }).send({ to: '13800138000', text: 'x' })).rejects.toThrow(/404/);
    });

    it('the fake answers 404 in production with a database, unless LINLI_FAKES=1', async () => {
      const prod = await startSmsFake({ env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/linli' } });
      const staging = await startSmsFake({ env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/linli', LINLI_FAKES: '1' } });
      try {
        const post = (url: string) =>
          fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: '13800138000', text: 'x' }) });
        expect((await post(prod.sendUrl)).status).toBe(404);
        expect((await fetch(`${prod.url}/messages`)).status).toBe(404);
        expect(prod.messages).toHaveLength(0);
        await expect(httpSmsTransport({ url: prod.sendUrl }).send({ to: '13800138000', text: 'x' })).rejects.toThrow(/404/);
        expect((await post(staging.sendUrl)).status).toBe(200);
        expect(staging.messages).toHaveLength(1);
      } finally {
        await prod.close();
        await staging.close();
      }
    });
  });

  describe('outbox job', () => {
    it('delivers a company SMS and an account SMS through the SMS transport; a failure is retried', async () => {
      const co = await makeTenant(t.db);
      const phone = newPhone();
      await withTenant(t.db.prisma, co.tenant.id, (db) =>
        enqueueOutbox(db, co.tenant.id, [
          { channel: 'SMS', recipient: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, subject: '催缴', body: '您有账单待缴。' },
        ]),
      );
      await enqueueAccountSms(t.db.prisma, { phone, subject: '登录验证码', text: '验证码 123456' });
      expect(await sql(`select channel::text, recipient, status::text from "OutboxMessage" where recipient = $1`, [phone])).toEqual([
        { channel: 'SMS', recipient: phone, status: 'PENDING' },
      ]);

      const sms = httpSmsTransport({ url: fake.sendUrl, token: 'sms-token' });
      const before = fake.messages.length;
      fake.failNext(1);
      const first = await deliverOutbox(t.db.prisma, { transport: noMail, sms });
      expect(first.retrying).toBe(1);
      expect(first.sent).toBe(1);
      // Tried again a minute later (the job's schedule): the failed hand-over counted against the caps.
      expect((await deliverOutbox(t.db.prisma, { transport: noMail, sms })).retrying).toBe(1);
      const second = await deliverOutbox(t.db.prisma, { transport: noMail, sms, now: new Date(Date.now() + 61_000) });
      expect(second).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
      expect(
        fake.messages
          .slice(before)
          .map((m) => [m.to, m.text])
          .sort(),
      ).toEqual([
        [phone, '您有账单待缴。'],
        [phone, '验证码 123456'],
      ]);
      expect(await sql(`select status::text, body from "AccountMessage" where recipient = $1`, [phone])).toEqual([{ status: 'SENT', body: '' }]);
      expect(await sql(`select status::text from "OutboxMessage" where recipient = $1`, [phone])).toEqual([{ status: 'SENT' }]);
      // The company's notification counted against the phone's caps.
      expect(await sql(`select kind from "SmsSend" where phone = $1`, [phone])).toEqual([{ kind: 'notification' }, { kind: 'notification' }]);
    });

    it('refuses an SMS to something that is not a mobile number', async () => {
      const co = await makeTenant(t.db);
      await expect(
        withTenant(t.db.prisma, co.tenant.id, (db) =>
          enqueueOutbox(db, co.tenant.id, [{ channel: 'SMS', recipient: '010-12345678', subject: 'x', body: 'x' }]),
        ),
      ).rejects.toMatchObject({ key: 'phoneInvalid' });
    });
  });
});
