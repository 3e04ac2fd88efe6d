import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, type TestUser } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';

// My bills offers paying online (getHowToPay.online) only when the server talks to Stripe or its
// fake AND this company's connected account is READY with charges enabled and a method; a READY
// account of another company changes nothing here.

const FAKE_ENV = { LINLI_FAKES: '1', LINLI_STRIPE_FAKE_URL: 'http://127.0.0.1:1', STRIPE_WEBHOOK_SECRET: 'whsec_test' };
const saved = Object.fromEntries(Object.keys({ ...FAKE_ENV, STRIPE_SECRET_KEY: '' }).map((k) => [k, process.env[k]]));

describe.skipIf(!pgServerUrl())('my bills: online payment offered only when ready', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let residentA: TestUser;
  let residentB: TestUser;

  const settings = (tenantId: string, data: { status: 'NOT_CONNECTED' | 'PENDING' | 'READY'; chargesEnabled: boolean; methods?: string[] }) =>
    withTenant(t.db.prisma, tenantId, (db) =>
      db.onlinePaymentSettings.upsert({
        where: { tenantId },
        create: { tenantId, stripeAccountId: `acct_${tenantId.replace(/-/g, '').slice(-16)}`, ...data },
        update: data,
      }),
    );
  const online = async (u: TestUser, slug: string) => (await callerFor(t.db, u).myBills.getHowToPay({ tenant: slug })).online;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    residentA = await addMember(t.db, A.tenant.id, 'RESIDENT');
    residentB = await addMember(t.db, B.tenant.id, 'RESIDENT');
    delete process.env.STRIPE_SECRET_KEY;
    Object.assign(process.env, FAKE_ENV);
  });
  afterEach(() => Object.assign(process.env, FAKE_ENV));
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await t?.drop();
  });

  it('is off without settings, while pending, without charges or methods, and when the server has no Stripe', async () => {
    expect(await online(residentA, A.slug)).toBe(false);
    await settings(A.tenant.id, { status: 'PENDING', chargesEnabled: false });
    expect(await online(residentA, A.slug)).toBe(false);
    await settings(A.tenant.id, { status: 'READY', chargesEnabled: false });
    expect(await online(residentA, A.slug)).toBe(false);
    await settings(A.tenant.id, { status: 'READY', chargesEnabled: true, methods: [] });
    expect(await online(residentA, A.slug)).toBe(false);
    await settings(A.tenant.id, { status: 'READY', chargesEnabled: true, methods: ['card', 'alipay', 'wechat_pay'] });
    expect(await online(residentA, A.slug)).toBe(true);
    delete process.env.LINLI_FAKES;
    delete process.env.LINLI_STRIPE_FAKE_URL;
    expect(await online(residentA, A.slug)).toBe(false);
  });

  it("another company's READY account does not turn it on here", async () => {
    await settings(A.tenant.id, { status: 'READY', chargesEnabled: true, methods: ['card'] });
    expect(await online(residentA, A.slug)).toBe(true);
    expect(await online(residentB, B.slug)).toBe(false);
    // and B's resident cannot ask for A's company at all
    await expect(callerFor(t.db, residentB).myBills.getHowToPay({ tenant: A.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
