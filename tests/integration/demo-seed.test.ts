import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, seedDemo } from '@/prisma/seed';
import { authenticate } from '@/server/auth/authenticate';
import { callerFor } from '../helpers/fixtures';
import { addMonths } from '@/server/shared/calendar';
import { localDate } from '@/server/shared/calendar';

describe.skipIf(!pgServerUrl())('the demo company (README logins)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    expect(await seedDemo(t.db.prisma)).toBe(true);
  }, 180_000);
  afterAll(() => t?.drop());

  it('is seeded once', async () => {
    expect(await seedDemo(t.db.prisma)).toBe(false);
  });

  it('has two communities and about 300 units with residents, and a sign-in per role', async () => {
    const users = await Promise.all(DEMO_USERS.map((u) => authenticate(t.db.prisma, { email: u.email, password: DEMO_PASSWORD, ip: 'seed-test' })));
    const admin = callerFor(t.db, users[0]!);
    const communities = await admin.property.listCommunities({ tenant: DEMO_SLUG });
    expect(communities.rows.map((c) => c.name).sort()).toEqual(['翠竹园', '银杏里']);
    expect((await admin.property.listUnits({ tenant: DEMO_SLUG })).total).toBe(300);
    expect((await admin.property.listResidents({ tenant: DEMO_SLUG })).total).toBeGreaterThan(250);
    for (const [i, u] of DEMO_USERS.entries()) {
      expect(await callerFor(t.db, users[i]!).company.getCurrent({ tenant: DEMO_SLUG })).toMatchObject({ role: u.role });
    }
    const resident = callerFor(t.db, users[4]!);
    expect((await resident.property.listMyUnits({ tenant: DEMO_SLUG })).map((u) => `${u.community} ${u.building} ${u.entrance}-${u.number}`)).toEqual([
      '翠竹园 1号楼 1单元-101',
    ]);
  });

  it('has fees: billed months, payments, a closed month with published rates, and arrears', async () => {
    const exec = callerFor(t.db, await authenticate(t.db.prisma, { email: 'exec@demo.linli.test', password: DEMO_PASSWORD, ip: 'seed-test' }));
    const lastMonth = addMonths(localDate('Asia/Shanghai').slice(0, 7), -1);
    const s = await exec.collection.getSummary({ tenant: DEMO_SLUG, period: lastMonth });
    expect(s.closed).toBe(true);
    expect(s.rates.currentPeriod.rate).toBeGreaterThan(0.5);
    expect(s.rates.currentPeriod.rate).toBeLessThan(1);
    expect(s.rates.arrearsRecovery.numeratorFen).toBeGreaterThan(0);
    const arrears = await exec.collection.listArrears({ tenant: DEMO_SLUG, level: 'community' });
    expect(arrears.rows.length).toBeGreaterThan(0);
  });
});
