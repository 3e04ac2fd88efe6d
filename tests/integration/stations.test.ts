import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { AppError } from '@/server/errors';
import { issueKey } from '@/server/shared/zod-errors';
import { withTenant } from '@/server/db/tenant';
import { updateCityStandard } from '@/server/platform/station-standard';
import { localDate } from '@/server/shared/calendar';

const keyOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    const cause = e instanceof TRPCError ? e.cause : e;
    if (cause instanceof AppError) return cause.key;
    if (cause instanceof ZodError) return issueKey(cause.issues[0]?.message ?? '').key;
    return e instanceof TRPCError ? e.code : String(e);
  }
};

const ALL_DAY = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '24:00']]]));

// #15: 睦宁里 service stations (router stations), the station standard (city / own), compliance,
// the yearly target, and what residents see.
describe.skipIf(!pgServerUrl())('service stations (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let staff: ReturnType<typeof callerFor>;
  let resident: ReturnType<typeof callerFor>;
  const id: Record<string, string> = {};
  const station = (over: Record<string, unknown> = {}) => ({
    tenant: A.slug,
    name: '翠竹园服务站',
    communityIds: [id.c1!],
    place: '3栋架空层',
    weeklyHours: ALL_DAY,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    [A, B] = await Promise.all([makeTenant(t.db, 'Alpha 物业'), makeTenant(t.db, 'Beta 物业')]);
    id.c1 = (await A.as.property.createCommunity({ tenant: A.slug, name: '翠竹园' })).id;
    id.c2 = (await A.as.property.createCommunity({ tenant: A.slug, name: '银杏里' })).id;
    const b1 = await A.as.property.createBuilding({ tenant: A.slug, communityId: id.c1, name: '1号楼' });
    const u1 = await A.as.property.createUnit({ tenant: A.slug, buildingId: b1.id, number: '101', floor: 1, area: '90.00' });
    const r = await A.as.property.createResident({ tenant: A.slug, unitId: u1.id, name: '张三' });
    const ru = await addMember(t.db, A.tenant.id, 'RESIDENT');
    await withTenant(t.db.prisma, A.tenant.id, (db) => db.resident.updateMany({ where: { tenantId: A.tenant.id, id: r.id }, data: { userId: ru.id } }));
    resident = callerFor(t.db, ru);
    const su = await addMember(t.db, A.tenant.id, 'STAFF');
    staff = callerFor(t.db, su);
    id.staffMember = (
      await withTenant(t.db.prisma, A.tenant.id, (db) => db.membership.findFirstOrThrow({ where: { tenantId: A.tenant.id, userId: su.id } }))
    ).id;
    id.item = (await A.as.services.listItems({ tenant: A.slug })).find((i) => i.name === '裤脚改短')!.id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('creates, reads, updates and archives a station; open now in the company zone', async () => {
    const created = await A.as.stations.create(
      station({ itemIds: [id.item], staffIds: [id.staffMember], elementKeys: ['sewing', 'hours'], openedOn: localDate('Asia/Shanghai') }),
    );
    id.s1 = created.id;
    const s = await A.as.stations.get({ tenant: A.slug, id: id.s1 });
    expect(s).toMatchObject({ name: '翠竹园服务站', place: '3栋架空层', openNow: true, itemIds: [id.item], staffIds: [id.staffMember] });
    expect(s.items.map((i) => i.name)).toEqual(['裤脚改短']);
    expect(s.staff).toHaveLength(1);
    // no hours at all: closed now, and no next opening
    await A.as.stations.update({ ...station({ weeklyHours: {}, itemIds: [id.item] }), id: id.s1 });
    const closed = await A.as.stations.get({ tenant: A.slug, id: id.s1 });
    expect(closed).toMatchObject({ openNow: false, changesAt: null, staffIds: [], elementKeys: [] });
    // an exception opening today
    const today = localDate('Asia/Shanghai');
    await A.as.stations.update({ ...station({ weeklyHours: {}, exceptions: [{ date: today, hours: [['00:00', '24:00']] }] }), id: id.s1 });
    expect((await A.as.stations.get({ tenant: A.slug, id: id.s1 })).openNow).toBe(true);
    await A.as.stations.update({ ...station({ itemIds: [id.item], elementKeys: ['sewing', 'hours'], openedOn: today }), id: id.s1 });

    const other = await A.as.stations.create(station({ name: '银杏里服务站', communityIds: [id.c2], openedOn: '2025-05-01' }));
    id.s2 = other.id;
    expect((await A.as.stations.list({ tenant: A.slug, communityId: id.c2 })).map((x) => x.id)).toEqual([id.s2]);
    await A.as.stations.archive({ tenant: A.slug, id: id.s2 });
    expect((await A.as.stations.list({ tenant: A.slug })).map((x) => x.id)).toEqual([id.s1]);
    expect((await A.as.stations.list({ tenant: A.slug, includeArchived: true })).length).toBe(2);
    await A.as.stations.archive({ tenant: A.slug, id: id.s2, archived: false });
  });

  it('bad input gets keyed errors', async () => {
    expect(await keyOf(A.as.stations.create(station()))).toBe('stationExists');
    expect(await keyOf(A.as.stations.create(station({ name: 'x', communityIds: [] })))).toBe('communityNotServed');
    expect(await keyOf(A.as.stations.create(station({ name: 'x', weeklyHours: { '1': [['12:00', '08:00']] } })))).toBe('hoursIntervalOrder');
    expect(
      await keyOf(
        A.as.stations.create(
          station({
            name: 'x',
            weeklyHours: {
              '1': [
                ['08:00', '12:00'],
                ['11:00', '13:00'],
              ],
            },
          }),
        ),
      ),
    ).toBe('hoursOverlap');
    expect(
      await keyOf(
        A.as.stations.create(
          station({
            name: 'x',
            exceptions: [
              { date: '2026-10-01', hours: [] },
              { date: '2026-10-01', hours: [] },
            ],
          }),
        ),
      ),
    ).toBe('hoursExceptionTwice');
    expect(await keyOf(A.as.stations.create(station({ name: 'x', elementKeys: ['no-such-element'] })))).toBe('stationElementUnknown');
    expect(await keyOf(A.as.stations.create(station({ name: 'x', itemIds: ['nope'] })))).toBe('notFound.serviceItem');
    const admin = await withTenant(t.db.prisma, A.tenant.id, (db) => db.membership.findFirstOrThrow({ where: { tenantId: A.tenant.id, role: 'ADMIN' } }));
    expect(await keyOf(A.as.stations.create(station({ name: 'x', staffIds: [admin.id] })))).toBe('stationStaffInvalid');
    expect(await keyOf(A.as.stations.setTarget({ tenant: A.slug, year: 2026, target: -1 }))).toBe('stationTargetRange');
    expect(
      await keyOf(
        A.as.stations.setStandard({
          tenant: A.slug,
          ownElements: [
            { key: 'a', name: 'A' },
            { key: 'a', name: 'B' },
          ],
        }),
      ),
    ).toBe('stationElementKeyTwice');
  });

  it("the standard: the city's by default, the company's own when set; compliance and this year's target", async () => {
    let o = await A.as.stations.getOverview({ tenant: A.slug });
    expect(o.standard.source).toBe('city');
    expect(o.standard.elements.length).toBeGreaterThanOrEqual(7);
    const year = Number(localDate('Asia/Shanghai').slice(0, 4));
    expect(o.progress).toEqual({ year, target: null, opened: 1 });
    await A.as.stations.setTarget({ tenant: A.slug, year, target: 10 });
    o = await A.as.stations.getOverview({ tenant: A.slug });
    expect(o.progress).toEqual({ year, target: 10, opened: 1 });
    const s1 = (await A.as.stations.list({ tenant: A.slug })).find((s) => s.id === id.s1)!;
    expect(s1.compliance.offered).toEqual(['sewing', 'hours']);
    expect(s1.compliance.missing).toContain('staff');
    expect(s1.compliance.share).toBeCloseTo(2 / o.standard.elements.length);

    await A.as.stations.setStandard({
      tenant: A.slug,
      ownElements: [
        { key: 'sewing', name: '缝补' },
        { key: 'wifi', name: '免费 Wi-Fi', description: '' },
      ],
    });
    o = await A.as.stations.getOverview({ tenant: A.slug });
    expect(o.standard).toMatchObject({ source: 'own', elements: [{ key: 'sewing' }, { key: 'wifi' }] });
    const own = (await A.as.stations.get({ tenant: A.slug, id: id.s1! })).compliance;
    expect(own).toEqual({ offered: ['sewing'], missing: ['wifi'], share: 0.5 });
    await A.as.stations.setStandard({ tenant: A.slug, ownElements: null });
    expect((await A.as.stations.getOverview({ tenant: A.slug })).standard.source).toBe('city');
    // B is untouched by A's choices
    expect((await B.as.stations.getOverview({ tenant: B.slug })).progress.target).toBeNull();
  });

  it('the platform edits the city template (audited); companies following it see the change', async () => {
    const before = (await A.as.stations.getOverview({ tenant: A.slug })).standard;
    await updateCityStandard(
      { prisma: t.db.prisma, actorEmail: 'ops@example.test' },
      { name: before.name, elements: [...before.elements, { key: 'toilet', name: '公共卫生间', description: '' }] },
    );
    expect((await A.as.stations.getOverview({ tenant: A.slug })).standard.elements.map((e) => e.key)).toContain('toilet');
    const audit = await t.db.prisma.platformAudit.findFirst({ where: { action: 'platform.stationStandard' } });
    expect(audit?.actorEmail).toBe('ops@example.test');
    await updateCityStandard({ prisma: t.db.prisma, actorEmail: 'ops@example.test' }, { name: before.name, elements: before.elements });
    // a non-operator cannot reach it
    expect(await keyOf(A.as.platform.getStationStandard())).toBe('notFound.page');
  });

  it('staff read; a resident sees only the stations of their own community and cannot write', async () => {
    expect((await staff.stations.list({ tenant: A.slug })).length).toBe(2);
    expect(await keyOf(staff.stations.create(station({ name: 'staff' })))).toBe('forbidden');
    const mine = await resident.stations.listMine({ tenant: A.slug });
    expect(mine.map((s) => s.id)).toEqual([id.s1]);
    expect(mine[0]).toMatchObject({ openNow: true, place: '3栋架空层', staff: [], staffIds: [] });
    expect(mine[0]!.items.map((i) => i.name)).toEqual(['裤脚改短']);
    expect(await keyOf(resident.stations.list({ tenant: A.slug }))).toBe('forbidden');
    expect(await keyOf(resident.stations.get({ tenant: A.slug, id: id.s2! }))).toBe('forbidden');
    expect(await keyOf(resident.stations.update({ ...station(), id: id.s1! }))).toBe('forbidden');
    expect(await keyOf(resident.stations.archive({ tenant: A.slug, id: id.s1! }))).toBe('forbidden');
    expect(await keyOf(staff.stations.listMine({ tenant: A.slug }))).toBe('forbidden');
  });

  it("tenant B cannot read or write tenant A's stations (NOT_FOUND)", async () => {
    expect(await keyOf(B.as.stations.get({ tenant: B.slug, id: id.s1! }))).toBe('notFound.station');
    expect(await keyOf(B.as.stations.archive({ tenant: B.slug, id: id.s1! }))).toBe('notFound.station');
    expect((await B.as.stations.list({ tenant: B.slug })).length).toBe(0);
    expect(await keyOf(B.as.stations.list({ tenant: A.slug }))).toBe('companyNotFound');
    // B's station may not point at A's community or A's item
    const bc = (await B.as.property.createCommunity({ tenant: B.slug, name: '北苑' })).id;
    expect(await keyOf(B.as.stations.create({ tenant: B.slug, name: 'b', communityIds: [id.c1!] }))).toBe('notFound.community');
    expect(await keyOf(B.as.stations.create({ tenant: B.slug, name: 'b', communityIds: [bc], itemIds: [id.item!] }))).toBe('notFound.serviceItem');
    expect(await keyOf(B.as.stations.update({ tenant: B.slug, id: id.s1!, name: 'b', communityIds: [bc] }))).toBe('notFound.station');
    expect((await A.as.stations.get({ tenant: A.slug, id: id.s1! })).name).toBe('翠竹园服务站');
  });
});
