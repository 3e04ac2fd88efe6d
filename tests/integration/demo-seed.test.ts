import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { DEMO_GENERATED, DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, seedDemo } from '@/prisma/seed';
import { authenticate } from '@/server/auth/authenticate';
import { callerFor } from '../helpers/fixtures';
import { addMonths } from '@/server/shared/calendar';
import { localDate } from '@/server/shared/calendar';
import { withTenant } from '@/server/db/tenant';
import { GET as sampleCsvRoute } from '@/app/[tenant]/import/sample.csv/route';
import { checkUpload } from '@/server/uploads/upload';
import { DEMO_LOGINS } from '@/server/shared/demo-logins';

// Seeded as if at 00:30 in Shanghai (the clock's instant when earlier): a history that stamps
// today's payments at a fixed hour would put them in the future (#17 point 9).
const early = new Date(`${localDate('Asia/Shanghai')}T00:30:00+08:00`);
const SEEDED_AT = early < new Date() ? early : new Date();

describe.skipIf(!pgServerUrl())('the demo company (README logins)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    const started = performance.now();
    expect(await seedDemo(t.db.prisma, { now: SEEDED_AT })).toBe(true);
    console.info(`demo seed: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);
  afterAll(() => t?.drop());

  it('is seeded once', async () => {
    expect(await seedDemo(t.db.prisma)).toBe(false);
  });

  it('has two hand-made communities with 300 units, the generated ones beside them, and a sign-in per role', async () => {
    const users = await Promise.all(DEMO_USERS.map((u) => authenticate(t.db.prisma, { email: u.email, password: DEMO_PASSWORD, ip: 'seed-test' })));
    const admin = callerFor(t.db, users[0]!);
    const communities = await admin.property.listCommunities({ tenant: DEMO_SLUG, pageSize: 100 });
    expect(communities.rows.map((c) => c.name)).toEqual(expect.arrayContaining(['翠竹园', '银杏里']));
    expect(communities.total).toBe(2 + DEMO_GENERATED.communities);
    const handMade = communities.rows.filter((c) => c.name === '翠竹园' || c.name === '银杏里');
    expect(handMade.map((c) => c.units).reduce((a, b) => a + b, 0)).toBe(300);
    expect((await admin.property.listUnits({ tenant: DEMO_SLUG })).total).toBe(300 + DEMO_GENERATED.units);
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

  it('has a year of generated history beside the hand-made communities: bills, payments online and at the counter, work orders by the demo staff, the rollups', async () => {
    const tenantId = (await t.db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO_SLUG } })).id;
    const [g] = await withTenant(
      t.db.prisma,
      tenantId,
      (db) =>
        db.$queryRaw<{ communities: number; periods: number; online: number; counter: number; assignees: number; months: number }[]>`
        select (select count(distinct u."communityId")::int from "Bill" b join "Unit" u on u."tenantId" = b."tenantId" and u.id = b."unitId"
                 join "Community" c on c."tenantId" = u."tenantId" and c.id = u."communityId" where c.name not in ('翠竹园', '银杏里')) as communities,
               (select count(distinct period)::int from "Bill" b join "Unit" u on u."tenantId" = b."tenantId" and u.id = b."unitId"
                 join "Community" c on c."tenantId" = u."tenantId" and c.id = u."communityId" where c.name not in ('翠竹园', '银杏里')) as periods,
               (select count(*)::int from "OnlineCharge") as online,
               (select count(*)::int from "Payment" where method <> 'ONLINE') as counter,
               (select count(distinct m."userId")::int from "WorkOrder" w join "Membership" m on m."tenantId" = w."tenantId" and m.id = w."assigneeId") as assignees,
               (select count(distinct period)::int from "RateMonth" where "communityId" <> '*') as months`,
    );
    expect(g).toEqual({
      communities: DEMO_GENERATED.communities,
      periods: DEMO_GENERATED.months,
      online: g!.online,
      counter: g!.counter,
      assignees: 4,
      months: g!.months,
    });
    expect(g!.online).toBeGreaterThan(1000);
    expect(g!.counter).toBeGreaterThan(1000);
    expect(g!.months).toBeGreaterThanOrEqual(DEMO_GENERATED.months);
  });

  it('has services: catalogue, stations, staff duties, a target, announcements and work orders in every state', async () => {
    const login = (email: string) => authenticate(t.db.prisma, { email, password: DEMO_PASSWORD, ip: 'seed-test' });
    const admin = callerFor(t.db, await login('admin@demo.linli.test'));
    const year = Number(localDate('Asia/Shanghai').slice(0, 4));
    const members = await admin.members.list({ tenant: DEMO_SLUG });
    const staff = members.filter((m) => m.role === 'STAFF');
    expect(staff.length).toBe(4);
    expect(staff.find((m) => m.email === 'staff@demo.linli.test')?.skills).toEqual(['sewing', 'plumbing', 'locksmith']);
    expect(staff.filter((m) => m.dispatcher)).toHaveLength(1);
    const announcements = await admin.announcements.list({ tenant: DEMO_SLUG });
    expect(announcements.total).toBe(3);
    expect(announcements.rows.filter((a) => a.pinned)).toHaveLength(1);

    // the hand-made orders (the generated communities' history has its own, counted below)
    const handMade = { community: { name: { in: ['翠竹园', '银杏里'] } } };
    const counts = await withTenant(t.db.prisma, (await t.db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO_SLUG } })).id, async (db) => ({
      categories: await db.serviceCategory.count(),
      stations: await db.serviceStation.count(),
      settings: await db.stationSettings.findFirst(),
      byStatus: Object.fromEntries((await db.workOrder.groupBy({ by: ['status'], where: handMade, _count: true })).map((g) => [g.status, g._count])),
      rated: await db.workOrder.count({ where: { ...handMade, rating: { not: null } } }),
      lowRated: await db.workOrder.count({ where: { ...handMade, rating: { lte: 3 } } }),
      generated: await db.workOrder.count({ where: { community: { name: { notIn: ['翠竹园', '银杏里'] } } } }),
      overdue: await db.workOrder.count({ where: { status: 'SUBMITTED', firstResponseDueAt: { lt: new Date() } } }),
      serviceBills: await db.bill.count({ where: { kind: 'SERVICE' } }),
      events: await db.workOrderEvent.count(),
    }));
    expect(counts.categories).toBe(6);
    expect(counts.stations).toBe(3);
    expect(counts.settings?.targets).toEqual({ [String(year)]: 10 });
    expect(counts.byStatus).toMatchObject({ SUBMITTED: 2, ASSIGNED: 1, IN_PROGRESS: 1, QUOTED: 1, COMPLETED: 3, CANCELLED: 1 });
    expect(counts.byStatus.CLOSED).toBe(12);
    expect(counts.generated).toBe(Math.round(DEMO_GENERATED.units * DEMO_GENERATED.months * 0.125));
    expect(counts.rated).toBe(10);
    expect(counts.lowRated).toBe(2);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.serviceBills).toBe(1);
    expect(counts.events).toBeGreaterThan(60);

    // the 回访 queue, the dispatcher's board, the demo resident's requests and notices
    expect((await admin.workOrders.listReturnVisits({ tenant: DEMO_SLUG })).total).toBe(2);
    const resident = callerFor(t.db, await login('resident@demo.linli.test'));
    const mine = await resident.myRequests.listMine({ tenant: DEMO_SLUG });
    expect(mine.total).toBe(4);
    const notices = await resident.announcements.listMine({ tenant: DEMO_SLUG });
    expect(notices.map((a) => a.pinned)).toEqual([true, false]);
  });

  it('has no payment stamped in the future: received, counted, entered and paid online by the time it was seeded', async () => {
    const tenantId = (await t.db.prisma.tenant.findUniqueOrThrow({ where: { slug: DEMO_SLUG } })).id;
    const today = localDate('Asia/Shanghai', SEEDED_AT);
    const [f] = await withTenant(
      t.db.prisma,
      tenantId,
      (db) =>
        db.$queryRaw<{ payments: number; received: number; counted: number; entered: number; online: number; settled: number }[]>`
        select (select count(*)::int from "Payment") as payments,
               (select count(*)::int from "Payment" where "receivedOn" > ${today}::date) as received,
               (select count(*)::int from "Payment" where "countedOn" > ${today}::date) as counted,
               (select count(*)::int from "Payment" where "enteredAt" > ${SEEDED_AT}) as entered,
               (select count(*)::int from "OnlineCharge" where "paidAt" > ${SEEDED_AT}) as online,
               (select count(*)::int from "CheckoutIntent" where "settledAt" > ${SEEDED_AT}) as settled`,
    );
    expect(f!.payments).toBeGreaterThan(1000);
    expect({ ...f, payments: 0 }).toEqual({ payments: 0, received: 0, counted: 0, entered: 0, online: 0, settled: 0 });
  });

  it('signs in every login the landing page lists', async () => {
    for (const l of DEMO_LOGINS) {
      const user = await authenticate(t.db.prisma, { email: l.email, password: DEMO_PASSWORD, ip: 'seed-test' });
      expect(user, l.email).toMatchObject({ email: l.email });
    }
  });

  // last: it adds to the demo register
  it('imports the import page’s sample as downloaded (Chinese CSV, through the upload check): two new buildings of 翠竹园, four units', async () => {
    const admin = callerFor(t.db, (await authenticate(t.db.prisma, { email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD, ip: 'seed-test' }))!);
    const res = await sampleCsvRoute(new Request(`http://linli.test/${DEMO_SLUG}/import/sample.csv?lang=zh`));
    expect(res.status).toBe(200);
    const stored = await checkUpload('units-csv', new Uint8Array(await res.arrayBuffer()));
    const csv = new TextDecoder().decode(stored.bytes);
    expect(await admin.property.importUnits({ tenant: DEMO_SLUG, csv, fileName: 'units-sample-zh.csv' })).toEqual({
      ok: true,
      rows: 5,
      buildingsCreated: 2,
      unitsCreated: 4,
      unitsUpdated: 0,
      residentsCreated: 4,
      residentsUpdated: 0,
    });
  });
});
