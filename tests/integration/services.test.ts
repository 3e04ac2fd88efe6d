import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant } from '../helpers/fixtures';
import { AppError } from '@/server/errors';
import { issueKey } from '@/server/shared/zod-errors';
import { withTenant } from '@/server/db/tenant';
import { createDefaultCatalogue, DEFAULT_CATALOGUE } from '@/server/services/default-catalogue';
import { ZItemForm } from '@/server/shared/schemas/services';

/** The catalog key a call failed with (a service's AppError or the input's first zod issue), or its tRPC code. */
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

// #15: the service catalogue (router services): categories, items, the default catalogue of a new
// company, what a resident may order.
describe.skipIf(!pgServerUrl())('service catalogue (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let staff: ReturnType<typeof callerFor>;
  let resident: ReturnType<typeof callerFor>;
  const id: Record<string, string> = {};
  const item = (over: Record<string, unknown> = {}) => ({
    tenant: A.slug,
    categoryId: id.cat!,
    name: '裤脚改短',
    priceModel: 'FIXED' as const,
    priceFen: 1000,
    firstResponseMinutes: 60,
    resolveHours: 24,
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
    staff = callerFor(t.db, await addMember(t.db, A.tenant.id, 'STAFF'));
    id.cat = (await A.as.services.createCategory({ tenant: A.slug, name: '测试类别', kind: 'sewing' })).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('a new company (sign-up) starts with the default categories and items, once', async () => {
    const cats = await B.as.services.listCategories({ tenant: B.slug });
    expect(cats.map((c) => c.name)).toEqual(['针线缝补', '小修小补', '日常必需', '应急维修', '公共报修', '投诉建议']);
    expect(cats.map((c) => c.kind)).toEqual(['sewing', 'repair', 'daily', 'emergency', 'common', 'complaint']);
    const items = await B.as.services.listItems({ tenant: B.slug });
    expect(items).toHaveLength(DEFAULT_CATALOGUE.reduce((n, c) => n + c.items.length, 0));
    expect(items.find((i) => i.name === '裤脚改短')).toMatchObject({ priceModel: 'FIXED', priceFen: 1000 });
    expect(items.find((i) => i.name === '钉纽扣')).toMatchObject({ priceModel: 'FREE', priceFen: null });
    expect(items.find((i) => i.name === '管道漏水抢修')).toMatchObject({ priceModel: 'QUOTED', defaultPriority: 'URGENT' });
    const again = await withTenant(t.db.prisma, B.tenant.id, (db) => createDefaultCatalogue(db, B.tenant.id));
    expect(again.created).toBe(false);
    expect(await B.as.services.listCategories({ tenant: B.slug })).toHaveLength(6);
  });

  it('categories: create, rename, reorder, archive and restore; a taken name is a keyed CONFLICT', async () => {
    expect(await keyOf(A.as.services.createCategory({ tenant: A.slug, name: '针线缝补' }))).toBe('serviceCategoryExists');
    expect(await keyOf(A.as.services.createCategory({ tenant: A.slug, name: '  ' }))).toBe('required');
    const extra = await A.as.services.createCategory({ tenant: A.slug, name: '家政保洁' });
    expect(await keyOf(A.as.services.updateCategory({ tenant: A.slug, id: extra.id, name: '小修小补' }))).toBe('serviceCategoryExists');
    await A.as.services.updateCategory({ tenant: A.slug, id: extra.id, name: '家政服务' });
    await A.as.services.reorderCategories({ tenant: A.slug, ids: [extra.id, id.cat!] });
    const cats = await A.as.services.listCategories({ tenant: A.slug });
    expect(cats.slice(0, 2).map((c) => c.name)).toEqual(['家政服务', '测试类别']);
    await A.as.services.archiveCategory({ tenant: A.slug, id: extra.id });
    expect((await A.as.services.listCategories({ tenant: A.slug })).map((c) => c.id)).not.toContain(extra.id);
    expect((await A.as.services.listCategories({ tenant: A.slug, includeArchived: true })).find((c) => c.id === extra.id)?.archived).toBe(true);
    expect(await keyOf(A.as.services.createItem(item({ categoryId: extra.id, name: '擦窗' })))).toBe('serviceCategoryArchived');
    await A.as.services.archiveCategory({ tenant: A.slug, id: extra.id, archived: false });
  });

  it('items: create, update, archive; bad input gets keyed errors', async () => {
    const it1 = await A.as.services.createItem(item({ communityIds: [id.c1], skills: ['Sewing', 'sewing'] }));
    expect(it1).toMatchObject({ priceFen: 1000, skills: ['sewing'], communityIds: [id.c1] });
    id.item = it1.id;
    expect(await keyOf(A.as.services.createItem(item()))).toBe('serviceItemExists');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', priceFen: null })))).toBe('fixedPriceNeeded');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', priceFen: 0 })))).toBe('amountPositive');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', priceFen: 12.5 })))).toBe('amountWhole');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', firstResponseMinutes: 0 })))).toBe('slaFirstResponseRange');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', resolveHours: 100_000 })))).toBe('slaResolveRange');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', firstResponseMinutes: 600, resolveHours: 2 })))).toBe('slaResolveBeforeResponse');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', skills: ['two words'] })))).toBe('skillFormat');
    expect(await keyOf(A.as.services.createItem(item({ name: 'x', categoryId: 'nope' })))).toBe('notFound.serviceCategory');
    const free = await A.as.services.createItem(item({ name: '钉扣', priceModel: 'FREE', priceFen: 500 }));
    expect(free.priceFen).toBeNull();
    const quoted = await A.as.services.createItem(item({ name: '改衣', priceModel: 'QUOTED', priceFen: null }));
    expect(quoted.priceFen).toBeNull();

    await A.as.services.updateItem({ ...item({ name: '裤脚改短（加急）', priceFen: 1500, communityIds: [] }), id: id.item! });
    expect(await A.as.services.getItem({ tenant: A.slug, id: id.item! })).toMatchObject({ name: '裤脚改短（加急）', priceFen: 1500, communityIds: [] });
    await A.as.services.archiveItem({ tenant: A.slug, id: quoted.id });
    const listed = await A.as.services.listItems({ tenant: A.slug, categoryId: id.cat! });
    expect(listed.map((i) => i.id).sort()).toEqual([id.item, free.id].sort());
    expect((await A.as.services.listItems({ tenant: A.slug, categoryId: id.cat!, includeArchived: true })).length).toBe(3);
  });

  it('the form takes yuan through the money input transform', () => {
    const base = {
      categoryId: 'c',
      name: '改衣',
      description: '',
      priceModel: 'FIXED' as const,
      firstResponseMinutes: '60',
      resolveHours: '24',
      defaultPriority: 'NORMAL' as const,
      communityIds: [],
      skills: 'sewing, 缝纫',
    };
    expect(ZItemForm.parse({ ...base, price: '¥12.50' })).toMatchObject({ priceFen: 1250, skills: ['sewing', '缝纫'] });
    expect(issueKey(ZItemForm.safeParse({ ...base, price: '12.345' }).error!.issues[0]!.message).key).toBe('amountDecimals');
    expect(ZItemForm.parse({ ...base, priceModel: 'QUOTED', price: '' }).priceFen).toBeNull();
  });

  it('staff read the catalogue but cannot write; a resident sees what is offered in their community only', async () => {
    expect((await staff.services.listItems({ tenant: A.slug })).length).toBeGreaterThan(0);
    expect(await keyOf(staff.services.createCategory({ tenant: A.slug, name: '员工类别' }))).toBe('forbidden');
    expect(await keyOf(resident.services.listItems({ tenant: A.slug }))).toBe('forbidden');
    expect(await keyOf(resident.services.createItem(item({ name: 'r' })))).toBe('forbidden');
    const only2 = await A.as.services.createItem(item({ name: '只在银杏里', communityIds: [id.c2] }));
    const only1 = await A.as.services.createItem(item({ name: '只在翠竹园', communityIds: [id.c1] }));
    const offered = await resident.services.listOffered({ tenant: A.slug });
    const names = offered.flatMap((c) => c.items.map((i) => i.id));
    expect(names).toContain(only1.id);
    expect(names).not.toContain(only2.id);
    expect(offered.map((c) => c.name)).toContain('针线缝补');
    expect(await keyOf(staff.services.listOffered({ tenant: A.slug }))).toBe('forbidden');
  });

  it("tenant B cannot read or write tenant A's categories and items (NOT_FOUND)", async () => {
    expect(await keyOf(B.as.services.getItem({ tenant: B.slug, id: id.item! }))).toBe('notFound.serviceItem');
    expect(await keyOf(B.as.services.updateItem({ ...item({ tenant: B.slug }), id: id.item! }))).toBe('notFound.serviceItem');
    expect(await keyOf(B.as.services.archiveItem({ tenant: B.slug, id: id.item! }))).toBe('notFound.serviceItem');
    expect(await keyOf(B.as.services.updateCategory({ tenant: B.slug, id: id.cat!, name: '抢' }))).toBe('notFound.serviceCategory');
    expect(await keyOf(B.as.services.archiveCategory({ tenant: B.slug, id: id.cat! }))).toBe('notFound.serviceCategory');
    expect(await keyOf(B.as.services.reorderCategories({ tenant: B.slug, ids: [id.cat!] }))).toBe('notFound.serviceCategory');
    expect(await keyOf(B.as.services.listItems({ tenant: A.slug }))).toBe('companyNotFound');
    expect((await B.as.services.listItems({ tenant: B.slug, categoryId: id.cat! })).length).toBe(0);
    // B's own item in A's category
    expect(await keyOf(B.as.services.createItem(item({ tenant: B.slug, name: 'b' })))).toBe('notFound.serviceCategory');
    expect((await A.as.services.getItem({ tenant: A.slug, id: id.item! })).name).toBe('裤脚改短（加急）');
  });
});
