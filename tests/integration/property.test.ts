import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { code } from '../helpers/outcome';

describe.skipIf(!pgServerUrl())('property register through the API (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let a: Awaited<ReturnType<typeof makeRegister>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    a = await makeRegister(t.db, A);
  });
  afterAll(() => t?.drop());

  it('creates, lists, searches and paginates communities, buildings, units and residents', async () => {
    const { slug } = A;
    const c2 = await A.as.property.createCommunity({ tenant: slug, name: '银杏里', address: '玄武区 6 号' });
    const b = await A.as.property.createBuilding({ tenant: slug, communityId: c2.id, name: '2号楼' });
    for (let i = 1; i <= 12; i++) {
      await A.as.property.createUnit({
        tenant: slug,
        buildingId: b.id,
        entrance: '1单元',
        number: `${i}01`,
        floor: i,
        area: '90.25',
        status: i % 4 === 0 ? 'VACANT' : 'OCCUPIED',
      });
    }
    const communities = await A.as.property.listCommunities({ tenant: slug, q: '银杏' });
    expect(communities.rows.map((c) => c.name)).toEqual(['银杏里']);
    expect(communities.rows[0]).toMatchObject({ buildings: 1, units: 12 });

    const page1 = await A.as.property.listUnits({ tenant: slug, communityId: c2.id, pageSize: 5, page: 1 });
    const page3 = await A.as.property.listUnits({ tenant: slug, communityId: c2.id, pageSize: 5, page: 3 });
    expect(page1.total).toBe(12);
    expect(page1.rows).toHaveLength(5);
    expect(page3.rows).toHaveLength(2);
    expect(page1.rows[0]).toMatchObject({ area: '90.25', entrance: '1单元', label: '1单元-101' });
    const vacant = await A.as.property.listUnits({ tenant: slug, communityId: c2.id, status: 'VACANT' });
    expect(vacant.total).toBe(3);

    const byResident = await A.as.property.listUnits({ tenant: slug, q: '张三' });
    expect(byResident.rows.map((u) => u.id)).toEqual([a.unit.id]);
    const residents = await A.as.property.listResidents({ tenant: slug, q: '1380000' });
    expect(residents.rows.map((r) => r.id)).toEqual([a.resident.id]);
  });

  it('edits keep untouched fields, and the audit log records before and after', async () => {
    await A.as.property.updateCommunity({ tenant: A.slug, id: a.community.id, address: '鼓楼区翠竹路 18 号' });
    const c = await A.as.property.getCommunity({ tenant: A.slug, id: a.community.id });
    expect(c.name).toBe(a.community.name);
    expect(c.address).toBe('鼓楼区翠竹路 18 号');
    await A.as.property.updateUnit({ tenant: A.slug, id: a.unit.id, area: 91.3, status: 'RENOVATION' });
    const u = await A.as.property.getUnit({ tenant: A.slug, id: a.unit.id });
    expect(u).toMatchObject({ area: '91.30', status: 'RENOVATION', floor: 1, number: '101' });
    const audit = await A.as.company.listAudit({ tenant: A.slug, entity: 'Unit' });
    const update = audit.rows.find((r) => r.action === 'unit.update');
    expect(update).toMatchObject({ entityId: a.unit.id, actor: { id: A.admin.id } });
    expect(update!.before).toMatchObject({ area: '88.50', status: 'OCCUPIED' });
    expect(update!.after).toEqual({ area: '91.30', status: 'RENOVATION' });
  });

  it('archives instead of deleting, and hides archived records unless asked', async () => {
    const unit = await A.as.property.createUnit({ tenant: A.slug, buildingId: a.building.id, number: '999', floor: 9, area: '50' });
    await A.as.property.archiveUnit({ tenant: A.slug, id: unit.id });
    const visible = await A.as.property.listUnits({ tenant: A.slug, buildingId: a.building.id });
    expect(visible.rows.map((u) => u.id)).not.toContain(unit.id);
    const all = await A.as.property.listUnits({ tenant: A.slug, buildingId: a.building.id, includeArchived: true });
    expect(all.rows.find((u) => u.id === unit.id)?.archived).toBe(true);
    // A building with active units cannot be archived.
    await expect(A.as.property.archiveBuilding({ tenant: A.slug, id: a.building.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await A.as.property.archiveUnit({ tenant: A.slug, id: unit.id, archived: false });
    expect((await A.as.property.getUnit({ tenant: A.slug, id: unit.id })).archived).toBe(false);
  });

  it('rejects bad input with a clear message and writes nothing', async () => {
    const before = await A.as.property.listUnits({ tenant: A.slug, includeArchived: true });
    const err = await A.as.property
      .createUnit({ tenant: A.slug, buildingId: a.building.id, number: '102', floor: 1, area: '12.345' })
      .catch((e: TRPCError) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    expect((err as TRPCError).message).toMatch(/at most 2 decimals/);
    await expect(A.as.property.createUnit({ tenant: A.slug, buildingId: a.building.id, number: '103', floor: 1, area: '0' })).rejects.toThrow(/greater than 0/);
    await expect(A.as.property.createCommunity({ tenant: A.slug, name: '   ' })).rejects.toThrow(/required/);
    await expect(A.as.property.createResident({ tenant: A.slug, unitId: a.unit.id, name: 'X', email: 'not-mail' })).rejects.toThrow(/e-mail/);
    // duplicate unit number in the same building → CONFLICT, with the reason
    await expect(A.as.property.createUnit({ tenant: A.slug, buildingId: a.building.id, number: '101', floor: 1, area: '10' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already exists/),
    });
    const after = await A.as.property.listUnits({ tenant: A.slug, includeArchived: true });
    expect(after.total).toBe(before.total);
  });

  it('lets tenant B neither read nor write tenant A records by id: NOT_FOUND everywhere', async () => {
    const s = B.slug;
    const memberOfA = (await A.as.members.list({ tenant: A.slug }))[0]!.id;
    const calls: [string, () => Promise<unknown>][] = [
      ['community', () => B.as.property.getCommunity({ tenant: s, id: a.community.id })],
      ['updateCommunity', () => B.as.property.updateCommunity({ tenant: s, id: a.community.id, name: 'pwned' })],
      ['archiveCommunity', () => B.as.property.archiveCommunity({ tenant: s, id: a.community.id })],
      ['createBuilding', () => B.as.property.createBuilding({ tenant: s, communityId: a.community.id, name: 'x' })],
      ['updateBuilding', () => B.as.property.updateBuilding({ tenant: s, id: a.building.id, name: 'x' })],
      ['archiveBuilding', () => B.as.property.archiveBuilding({ tenant: s, id: a.building.id })],
      ['unit', () => B.as.property.getUnit({ tenant: s, id: a.unit.id })],
      ['createUnit', () => B.as.property.createUnit({ tenant: s, buildingId: a.building.id, number: '1', floor: 1, area: '1' })],
      ['updateUnit', () => B.as.property.updateUnit({ tenant: s, id: a.unit.id, floor: 3 })],
      ['archiveUnit', () => B.as.property.archiveUnit({ tenant: s, id: a.unit.id })],
      ['createResident', () => B.as.property.createResident({ tenant: s, unitId: a.unit.id, name: 'x' })],
      ['updateResident', () => B.as.property.updateResident({ tenant: s, id: a.resident.id, name: 'x' })],
      ['archiveResident', () => B.as.property.archiveResident({ tenant: s, id: a.resident.id })],
      ['invite resident of A', () => B.as.members.invite({ tenant: s, email: 'x@example.test', name: 'x', role: 'RESIDENT', residentId: a.resident.id })],
      ['updateMember of A', () => B.as.members.update({ tenant: s, id: memberOfA, role: 'STAFF' })],
      // and B naming A's slug is not a member: NOT_FOUND, not FORBIDDEN
      ['A slug: units', () => B.as.property.listUnits({ tenant: A.slug })],
      ['A slug: createCommunity', () => B.as.property.createCommunity({ tenant: A.slug, name: 'x' })],
      ['A slug: members', () => B.as.members.list({ tenant: A.slug })],
      ['A slug: audit', () => B.as.company.listAudit({ tenant: A.slug })],
      ['A slug: importUnits', () => B.as.property.importUnits({ tenant: A.slug, csv: 'community,building,unit,floor,area\n' })],
    ];
    for (const [name, call] of calls) expect(`${name}: ${await code(call())}`).toBe(`${name}: NOT_FOUND`);
    // Lists in B's scope never include A's rows.
    expect((await B.as.property.listUnits({ tenant: s })).total).toBe(0);
    expect((await B.as.property.listResidents({ tenant: s })).total).toBe(0);
    // Nothing of A changed.
    expect(await A.as.property.getUnit({ tenant: A.slug, id: a.unit.id })).toMatchObject({ archived: false });
    expect((await A.as.property.getCommunity({ tenant: A.slug, id: a.community.id })).name).toBe(a.community.name);
  });

  it('enforces roles: FORBIDDEN for a member without the permission, UNAUTHORIZED when signed out', async () => {
    const cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
    const resident = callerFor(t.db, await addMember(t.db, A.tenant.id, 'RESIDENT'));
    const exec = callerFor(t.db, await addMember(t.db, A.tenant.id, 'EXECUTIVE'));
    expect(await code(cashier.property.listUnits({ tenant: A.slug }))).toBe('OK');
    expect(await code(cashier.property.createCommunity({ tenant: A.slug, name: 'c' }))).toBe('FORBIDDEN');
    expect(await code(exec.property.updateUnit({ tenant: A.slug, id: a.unit.id, floor: 2 }))).toBe('FORBIDDEN');
    expect(await code(exec.members.list({ tenant: A.slug }))).toBe('FORBIDDEN');
    expect(await code(resident.property.listUnits({ tenant: A.slug }))).toBe('FORBIDDEN');
    expect(await code(resident.property.listResidents({ tenant: A.slug }))).toBe('FORBIDDEN');
    expect(await code(resident.company.listAudit({ tenant: A.slug }))).toBe('FORBIDDEN');
    expect(await code(callerFor(t.db, null).property.listUnits({ tenant: A.slug }))).toBe('UNAUTHORIZED');
  });
});
