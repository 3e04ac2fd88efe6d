import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import type { WorkOrderStatus } from '@/server/db/generated/enums';

// #15 the dispatch board (workOrders.listBoard): the next unmet deadline first, counts per status
// under the other filters, every filter, the search (order number, text, unit number; LIKE
// wildcards taken literally), paging, SLA flags; another company's orders never appear; staff,
// cashiers and residents are refused, executives and dispatchers read it. Orders are written
// directly (deadlines relative to now) so that each case knows exactly what must come back.

type Caller = ReturnType<typeof callerFor>;
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : `NOT_TRPC ${String(e)}`;
  }
};
const MIN = 60_000;

describe.skipIf(!pgServerUrl())('work-order board (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  const u = {} as Record<'staff' | 'dispatcher' | 'executive' | 'cashier' | 'resident', TestUser>;
  const as = {} as Record<keyof typeof u, Caller>;
  const id = {} as Record<
    'community' | 'community2' | 'sewing' | 'emergency' | 'staff' | 'leak' | 'hem' | 'zip' | 'lock' | 'closed' | 'cancelled' | 'bLeak',
    string
  >;
  const board = (who: Caller, input: Record<string, unknown> = {}) => who.workOrders.listBoard({ tenant: A.slug, ...input });
  const numbers = (r: { rows: { number: number }[] }) => r.rows.map((x) => x.number);

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, '看板物业');
    B = await makeTenant(t.db, '别家物业');
    const reg = await makeRegister(t.db, A); // 1号楼 101
    id.community = reg.community.id;
    const c2 = await A.as.property.createCommunity({ tenant: A.slug, name: uniq('锦绣') });
    id.community2 = c2.id;
    const b2 = await A.as.property.createBuilding({ tenant: A.slug, communityId: c2.id, name: '3号楼' });
    const unit1502 = await A.as.property.createUnit({ tenant: A.slug, buildingId: b2.id, entrance: '2单元', number: '1502', floor: 15, area: '90.00' });
    for (const k of ['staff', 'dispatcher'] as const) u[k] = await addMember(t.db, A.tenant.id, 'STAFF');
    u.executive = await addMember(t.db, A.tenant.id, 'EXECUTIVE');
    u.cashier = await addMember(t.db, A.tenant.id, 'CASHIER');
    u.resident = await addMember(t.db, A.tenant.id, 'RESIDENT');
    for (const k of Object.keys(u) as (keyof typeof u)[]) as[k] = callerFor(t.db, u[k]);

    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * MIN);
    await withTenant(t.db.prisma, A.tenant.id, async (x) => {
      const tenantId = A.tenant.id;
      const ms = await x.membership.findMany({ where: { tenantId, userId: { in: [u.staff.id, u.dispatcher.id] } } });
      id.staff = ms.find((r) => r.userId === u.staff.id)!.id;
      await x.membership.updateMany({ where: { tenantId, userId: u.dispatcher.id }, data: { dispatcher: true } });
      id.sewing = (await x.serviceCategory.create({ data: { tenantId, name: uniq('针线缝补'), kind: 'sewing' } })).id;
      id.emergency = (await x.serviceCategory.create({ data: { tenantId, name: uniq('应急维修'), kind: 'emergency' } })).id;
      const base = { tenantId, communityId: id.community, unitId: reg.unit.id, categoryId: id.sewing, period: '2026-12', createdById: A.admin.id };
      const orders: { key: keyof typeof id; number: number; status: WorkOrderStatus; data: Record<string, unknown> }[] = [
        // first response overdue (due 10 min ago), unassigned, urgent
        {
          key: 'leak',
          number: 1,
          status: 'SUBMITTED',
          data: {
            categoryId: id.emergency,
            priority: 'URGENT',
            text: '卫生间漏水，楼下也在滴',
            createdAt: at(-25),
            firstResponseDueAt: at(-10),
            resolveDueAt: at(200),
          },
        },
        // first response soon: 30 min left of a 2 h window
        {
          key: 'hem',
          number: 2,
          status: 'ASSIGNED',
          data: {
            communityId: id.community2,
            unitId: unit1502.id,
            assigneeId: id.staff,
            text: '裤脚改短两公分',
            createdAt: at(-90),
            firstResponseDueAt: at(30),
            resolveDueAt: at(1300),
          },
        },
        // responded; resolution in 5 h: ok
        {
          key: 'zip',
          number: 3,
          status: 'IN_PROGRESS',
          data: {
            assigneeId: id.staff,
            text: '拉链_坏了 100% 要换',
            createdAt: at(-60),
            firstResponseDueAt: at(0),
            firstRespondedAt: at(-50),
            resolveDueAt: at(300),
          },
        },
        // a quote pending: paused, though its resolution deadline has passed
        {
          key: 'lock',
          number: 4,
          status: 'QUOTED',
          data: {
            assigneeId: id.staff,
            text: '门锁打不开',
            createdAt: at(-600),
            firstResponseDueAt: at(-540),
            firstRespondedAt: at(-590),
            resolveDueAt: at(-60),
            pausedSince: at(-100),
          },
        },
        {
          key: 'closed',
          number: 5,
          status: 'CLOSED',
          data: {
            text: '厨房漏水已修好',
            createdAt: at(-5000),
            firstResponseDueAt: at(-4940),
            firstRespondedAt: at(-4990),
            resolveDueAt: at(-3560),
            completedAt: at(-4000),
          },
        },
        {
          key: 'cancelled',
          number: 6,
          status: 'CANCELLED',
          data: { text: '不需要了', createdAt: at(-3000), firstResponseDueAt: at(-2940), resolveDueAt: at(-1560) },
        },
      ];
      for (const o of orders) id[o.key] = (await x.workOrder.create({ data: { ...base, number: o.number, status: o.status, ...o.data } as never })).id;
    });
    await withTenant(t.db.prisma, B.tenant.id, async (x) => {
      const community = await x.community.create({ data: { tenantId: B.tenant.id, name: '别家小区' } });
      const category = await x.serviceCategory.create({ data: { tenantId: B.tenant.id, name: uniq('应急维修') } });
      id.bLeak = (
        await x.workOrder.create({
          data: {
            tenantId: B.tenant.id,
            number: 1,
            communityId: community.id,
            categoryId: category.id,
            text: '别家漏水 1502',
            period: '2026-12',
            createdById: B.admin.id,
            firstResponseDueAt: new Date(now - 60 * MIN),
            resolveDueAt: new Date(now + 60 * MIN),
          },
        })
      ).id;
    });
    // order 3 escalated to a street office (written as the owner: the office is the platform's)
    const owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    try {
      const office = await owner.query<{ id: string }>(`insert into "StreetOffice" (id, slug, name) values ($1, $1, '南湖街道') returning id`, [
        uniq('office'),
      ]);
      await owner.query(
        `insert into "StreetEscalation" ("tenantId", id, "orderId", "officeId", "companyName", "orderNumber", "categoryName", text, "communityName", address, "escalatedById")
         values ($1, $2, $3, $4, '看板物业', 3, '针线缝补', '拉链', '小区', '地址', $5)`,
        [A.tenant.id, uniq('esc'), id.zip, office.rows[0]!.id, A.admin.id],
      );
    } finally {
      await owner.end();
    }
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('default view: open orders, the next unmet deadline first, counts per status, rows with their SLA flags', async () => {
    const r = await board(A.as);
    // lock: resolution due 60 min ago (responded); leak: first response due 10 min ago; hem: in 30 min; zip: resolution in 5 h
    expect(numbers(r)).toEqual([4, 1, 2, 3]);
    expect(r.total).toBe(4);
    expect(r.counts).toEqual({ SUBMITTED: 1, ASSIGNED: 1, ACCEPTED: 0, QUOTED: 1, IN_PROGRESS: 1, COMPLETED: 0, CLOSED: 1, CANCELLED: 1 });
    const by = Object.fromEntries(r.rows.map((x) => [x.number, x]));
    expect(by[1]).toMatchObject({
      status: 'SUBMITTED',
      priority: 'URGENT',
      assignee: null,
      unitLabel: '1号楼 101',
      excerpt: '卫生间漏水，楼下也在滴',
      sla: { firstResponse: 'overdue', resolution: 'ok' },
      escalated: false,
    });
    expect(by[2]).toMatchObject({ unitLabel: '3号楼 2单元-1502', assignee: { id: id.staff, name: 'STAFF' }, sla: { firstResponse: 'soon', resolution: 'ok' } });
    expect(by[3]).toMatchObject({ sla: { firstResponse: 'met', resolution: 'ok' }, escalated: true });
    expect(by[4]).toMatchObject({ sla: { firstResponse: 'met', resolution: 'paused' } });
    expect(by[1]!.categoryName).toMatch(/^应急维修/);
    expect(by[2]!.communityName).toMatch(/^锦绣/);
  });

  it('filters: community, category, assignee (or none), priority, SLA overdue / soon; counts follow the filters, not the status', async () => {
    const c2 = await board(A.as, { communityId: id.community2 });
    expect(numbers(c2)).toEqual([2]);
    expect(c2.counts).toMatchObject({ ASSIGNED: 1, SUBMITTED: 0, CLOSED: 0 });
    expect(numbers(await board(A.as, { categoryId: id.emergency }))).toEqual([1]);
    expect(numbers(await board(A.as, { assigneeId: 'none' }))).toEqual([1]);
    const mine = await board(A.as, { assigneeId: id.staff });
    expect(numbers(mine)).toEqual([4, 2, 3]);
    expect(numbers(await board(A.as, { priority: 'URGENT' }))).toEqual([1]);
    // the paused quote is not overdue; only open orders have a running clock
    const overdue = await board(A.as, { sla: 'overdue' });
    expect(numbers(overdue)).toEqual([1]);
    expect(overdue.counts).toMatchObject({ SUBMITTED: 1, QUOTED: 0, CLOSED: 0, CANCELLED: 0 });
    expect(numbers(await board(A.as, { sla: 'soon' }))).toEqual([2]);
    expect(numbers(await board(A.as, { sla: 'overdue', status: ['CLOSED'] }))).toEqual([]);
  });

  it('statuses: finished ones on request; paging', async () => {
    expect(numbers(await board(A.as, { status: ['CLOSED', 'CANCELLED'] }))).toEqual([5, 6]); // by resolution deadline
    expect(numbers(await board(A.as, { status: ['SUBMITTED', 'CLOSED'] }))).toEqual([5, 1]);
    const p2 = await board(A.as, { pageSize: 2, page: 2 });
    expect(numbers(p2)).toEqual([2, 3]);
    expect(p2.total).toBe(4);
    expect(numbers(await board(A.as, { pageSize: 2, page: 3 }))).toEqual([]);
  });

  it('search: text, unit number, order number; wildcards literal; counts over the matches', async () => {
    const leak = await board(A.as, { q: '漏水' });
    expect(numbers(leak)).toEqual([1]);
    expect(leak.counts).toMatchObject({ SUBMITTED: 1, CLOSED: 1, ASSIGNED: 0 });
    expect(numbers(await board(A.as, { q: '漏水', status: ['CLOSED'] }))).toEqual([5]);
    expect(numbers(await board(A.as, { q: '1502' }))).toEqual([2]);
    expect(numbers(await board(A.as, { q: '#3' }))).toEqual([3]);
    expect(numbers(await board(A.as, { q: '100%' }))).toEqual([3]);
    expect(numbers(await board(A.as, { q: '%' }))).toEqual([3]);
    expect(numbers(await board(A.as, { q: '_' }))).toEqual([3]);
    expect((await board(A.as, { q: '没有这个' })).total).toBe(0);
    expect(numbers(await board(A.as, { q: '  门锁 ' }))).toEqual([4]);
  });

  it("another company's orders never appear; B's admin naming A is NOT_FOUND", async () => {
    const all = await board(A.as, { status: ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'CANCELLED'] });
    expect(all.total).toBe(6);
    expect(all.rows.map((r) => r.id)).not.toContain(id.bLeak);
    // B's own board: only B's order, even for a search both companies' texts match
    const b = await B.as.workOrders.listBoard({ tenant: B.slug, q: '漏水' });
    expect(b.rows.map((r) => r.id)).toEqual([id.bLeak]);
    expect(b.counts.CLOSED).toBe(0);
    expect(await codeOf(B.as.workOrders.listBoard({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await codeOf(B.as.workOrders.listBoard({ tenant: B.slug, communityId: id.community }))).toBe('OK');
    expect((await B.as.workOrders.listBoard({ tenant: B.slug, communityId: id.community })).total).toBe(0);
  });

  it('who reads the board: admins, dispatchers and executives; staff, cashiers and residents are refused', async () => {
    expect((await board(as.dispatcher)).total).toBe(4);
    expect((await board(as.executive)).total).toBe(4);
    for (const who of [as.staff, as.cashier, as.resident]) expect(await codeOf(board(who))).toBe('FORBIDDEN');
    expect(await codeOf(board(callerFor(t.db, null)))).toBe('UNAUTHORIZED');
  });

  it("the assignee filter's staff list: a staff dispatcher gets it (not only admins), with open loads; others refused", async () => {
    const staff = await as.dispatcher.workOrders.listStaff({ tenant: A.slug });
    const ids = staff.map((m) => m.id);
    const ms = await withTenant(t.db.prisma, A.tenant.id, (x) =>
      x.membership.findMany({ where: { tenantId: A.tenant.id, userId: { in: [u.staff.id, u.dispatcher.id] } } }),
    );
    for (const m of ms) expect(ids).toContain(m.id);
    expect(staff.every((m) => m.role === 'STAFF' || m.role === 'ADMIN')).toBe(true);
    expect(staff.reduce((n, m) => n + m.openCount, 0)).toBeGreaterThan(0);
    for (const who of [as.staff, as.cashier, as.resident]) expect(await codeOf(who.workOrders.listStaff({ tenant: A.slug }))).toBe('FORBIDDEN');
    expect(await codeOf(B.as.workOrders.listStaff({ tenant: A.slug }))).toBe('NOT_FOUND');
  });
});
