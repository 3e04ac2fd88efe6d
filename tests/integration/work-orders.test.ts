import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { withScope } from '@/server/db/scope';
import { localPeriod } from '@/server/shared/calendar';
import { withTenant } from '@/server/db/tenant';
import { runWorkOrderSweep, sweepWorkOrders, WORK_ORDER_JOB_ACTOR } from '@/server/work-orders/sweep-job';

// #15 work orders end to end through the routers (workOrders, myRequests): the life of an order
// through the state machine, SLA clocks and pauses, who sees what, the one service bill, the
// return-visit queue and the sweep job (breaches, auto-close).

type Caller = ReturnType<typeof callerFor>;
const keyOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (!(e instanceof TRPCError)) return `NOT_TRPC ${String(e)}`;
    const key = (e.cause as { key?: string } | undefined)?.key;
    return `${e.code}${key ? ` ${key}` : ''}`;
  }
};

describe.skipIf(!pgServerUrl())('work orders (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  const u = {} as Record<'resident' | 'spouse' | 'neighbour' | 'twoUnits' | 'sewer' | 'plumber' | 'dispatcher' | 'executive' | 'residentB', TestUser>;
  const as = {} as Record<keyof typeof u | 'admin' | 'adminB', Caller>;
  const m = {} as Record<'sewer' | 'plumber', string>; // membership ids
  const c = {} as Record<'sewing' | 'emergency', string>;
  const i = {} as Record<'free' | 'fixed' | 'quoted' | 'electric', string>;
  let unitId: string;
  let otherUnitId: string;
  let stationId: string;
  const slug = () => A.slug;

  const db = <T>(fn: Parameters<typeof withTenant<T>>[2], tenantId = A.tenant.id) => withTenant(t.db.prisma, tenantId, fn);
  const order = (id: string) => db((x) => x.workOrder.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenant.id, id } } }));
  const billsOf = (orderId: string) => db((x) => x.bill.findMany({ where: { tenantId: A.tenant.id, workOrderId: orderId } }));
  const request = (who: Caller, itemId: string | undefined, categoryId = c.sewing, extra: Record<string, unknown> = {}) =>
    who.myRequests.create({ tenant: slug(), categoryId, itemId, text: uniq('裤脚改短'), ...extra });
  /** assigned to `assigneeId`, accepted, started and completed */
  const completed = async (orderId: string, assignee: Caller, assigneeId: string) => {
    await as.admin.workOrders.assign({ tenant: slug(), orderId, assigneeId });
    await assignee.workOrders.accept({ tenant: slug(), orderId });
    await assignee.workOrders.start({ tenant: slug(), orderId });
    await assignee.workOrders.complete({ tenant: slug(), orderId, note: '好了' });
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, '工单物业');
    B = await makeTenant(t.db, '别家物业');
    const reg = await makeRegister(t.db, A); // unit 101 with 张三 (a phone, no account)
    unitId = reg.unit.id;
    otherUnitId = (await A.as.property.createUnit({ tenant: A.slug, buildingId: reg.building.id, number: '102', floor: 1, area: '70.00' })).id;
    for (const k of ['resident', 'spouse', 'neighbour', 'twoUnits'] as const) u[k] = await addMember(t.db, A.tenant.id, 'RESIDENT');
    for (const k of ['sewer', 'plumber', 'dispatcher'] as const) u[k] = await addMember(t.db, A.tenant.id, 'STAFF');
    u.executive = await addMember(t.db, A.tenant.id, 'EXECUTIVE');
    u.residentB = await addMember(t.db, B.tenant.id, 'RESIDENT');
    for (const k of Object.keys(u) as (keyof typeof u)[]) as[k] = callerFor(t.db, u[k]);
    as.admin = A.as;
    as.adminB = B.as;
    await db(async (x) => {
      const tenantId = A.tenant.id;
      const ms = await x.membership.findMany({ where: { tenantId, userId: { in: [u.sewer.id, u.plumber.id, u.dispatcher.id] } } });
      const mid = (user: TestUser) => ms.find((r) => r.userId === user.id)!.id;
      m.sewer = mid(u.sewer);
      m.plumber = mid(u.plumber);
      await x.membership.update({ where: { tenantId_id: { tenantId, id: m.sewer } }, data: { skills: ['sewing'] } });
      await x.membership.update({ where: { tenantId_id: { tenantId, id: m.plumber } }, data: { skills: ['plumbing', 'sewing'] } });
      await x.membership.update({ where: { tenantId_id: { tenantId, id: mid(u.dispatcher) } }, data: { dispatcher: true, skills: ['sewing'] } });
      await x.resident.createMany({
        data: [
          { tenantId, unitId, name: '王五', userId: u.resident.id, phone: '13900000001' },
          { tenantId, unitId, name: '王五的爱人', userId: u.spouse.id, kind: 'OCCUPANT' },
          { tenantId, unitId: otherUnitId, name: '李四', userId: u.neighbour.id },
          { tenantId, unitId, name: '赵六', userId: u.twoUnits.id, kind: 'OCCUPANT' },
          { tenantId, unitId: otherUnitId, name: '赵六', userId: u.twoUnits.id },
        ],
      });
      c.sewing = (await x.serviceCategory.create({ data: { tenantId, name: uniq('针线缝补'), kind: 'sewing' } })).id;
      c.emergency = (await x.serviceCategory.create({ data: { tenantId, name: uniq('应急维修'), kind: 'emergency' } })).id;
      const item = (name: string, data: Record<string, unknown>) =>
        x.serviceItem.create({ data: { tenantId, categoryId: c.sewing, name, firstResponseMinutes: 60, resolveHours: 24, ...data } }).then((r) => r.id);
      i.free = await item('缝扣子', { skills: ['sewing'] });
      i.fixed = await item('改裤脚', { priceModel: 'FIXED', priceFen: 2000, skills: ['sewing'] });
      i.quoted = await item('修拉链', { priceModel: 'QUOTED', skills: ['plumbing'] });
      i.electric = await item('换灯', { skills: ['electrician'] });
      // the plumber is on duty at the station; the sewer is not
      stationId = (await x.serviceStation.create({ data: { tenantId, name: '睦宁里一站', communityIds: [reg.community.id], staffIds: [m.plumber] } })).id;
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('request → auto-assign → accept → start → complete → confirm with a rating; timeline, SLA, notifications', async () => {
    const created = await request(as.resident, i.free, c.sewing, { stationId, preferredTime: '周六上午' });
    expect(created.number).toBeGreaterThan(0);
    let o = await order(created.id);
    expect(o).toMatchObject({ status: 'SUBMITTED', unitId, requesterId: u.resident.id, priceModel: 'FREE', priority: 'NORMAL' });
    expect(o.resolveDueAt.getTime() - o.createdAt.getTime()).toBe(24 * 3600_000);
    expect(o.firstResponseDueAt.getTime() - o.createdAt.getTime()).toBe(3600_000);

    // auto-assign: both qualify (sewing); the plumber is on duty at the order's station
    const assigned = await as.dispatcher.workOrders.autoAssign({ tenant: slug(), orderId: created.id });
    expect(assigned.assignee.id).toBe(m.plumber);
    const queue = await as.plumber.workOrders.listQueue({ tenant: slug() });
    expect(queue.open.map((r) => r.id)).toContain(created.id);
    // the assignee sees the household's contact; another staff member does not see the order at all
    const seen = await as.plumber.workOrders.getOrder({ tenant: slug(), orderId: created.id });
    expect(seen.contact?.map((r) => r.phone)).toContain('13900000001');
    expect(seen.actions).toEqual(['accept']);
    expect(await keyOf(as.sewer.workOrders.getOrder({ tenant: slug(), orderId: created.id }))).toBe('NOT_FOUND notFound.workOrder');
    // executives read every order, without contact and without actions
    const exec = await as.executive.workOrders.getOrder({ tenant: slug(), orderId: created.id });
    expect(exec.contact).toBeNull();
    expect(exec.actions).toEqual([]);

    await as.plumber.workOrders.accept({ tenant: slug(), orderId: created.id });
    await as.plumber.workOrders.addNote({ tenant: slug(), orderId: created.id, note: '内部：需要带针线盒' });
    await as.plumber.workOrders.addNote({ tenant: slug(), orderId: created.id, note: '下午三点上门', toResident: true });
    await as.plumber.workOrders.start({ tenant: slug(), orderId: created.id });
    await as.plumber.workOrders.complete({ tenant: slug(), orderId: created.id, note: '已缝好' });
    o = await order(created.id);
    expect(o).toMatchObject({ status: 'COMPLETED', firstResponseMet: true, resolutionMet: true });

    const mine = await as.resident.myRequests.getMine({ tenant: slug(), orderId: created.id });
    expect(mine.actions).toEqual(['confirm', 'reopen']);
    expect(mine.contact).toBeNull();
    expect(mine.assignee?.phone).toBeNull();
    const notes = mine.timeline.filter((e) => e.kind === 'note').map((e) => e.note);
    expect(notes).toEqual(['下午三点上门']); // the internal note is not shown to residents
    expect(mine.timeline.filter((e) => e.kind === 'transition').map((e) => e.action)).toEqual(['create', 'assign', 'accept', 'start', 'complete']);

    await as.resident.myRequests.confirm({ tenant: slug(), orderId: created.id, rating: 5, comment: '很满意' });
    o = await order(created.id);
    expect(o).toMatchObject({ status: 'CLOSED', rating: 5, ratingComment: '很满意', ratedByPhone: false });
    expect(await billsOf(created.id)).toEqual([]); // free
    const full = await as.admin.workOrders.getOrder({ tenant: slug(), orderId: created.id });
    expect(full.timeline.find((e) => e.kind === 'transition' && e.action === 'confirm')).toMatchObject({
      from: 'COMPLETED',
      to: 'CLOSED',
      actor: { id: u.resident.id, role: 'RESIDENT' },
    });
    expect(full.timeline.some((e) => e.note === '内部：需要带针线盒')).toBe(true);
    expect(full.timeline.find((e) => e.kind === 'rating')?.note).toBe('5 星：很满意');

    // told: the spouse in the app at each change, 张三 (no account) by SMS, the assignee on assignment
    const spouseNotes = await db((x) => x.notification.findMany({ where: { tenantId: A.tenant.id, userId: u.spouse.id, link: { contains: created.id } } }));
    expect(spouseNotes.length).toBeGreaterThanOrEqual(5);
    expect(await db((x) => x.outboxMessage.count({ where: { tenantId: A.tenant.id, channel: 'SMS', recipient: '13800000000' } }))).toBeGreaterThan(0);
    expect(await db((x) => x.notification.count({ where: { tenantId: A.tenant.id, userId: u.plumber.id, kind: 'workOrder.assigned' } }))).toBe(1);
  });

  it('a quoted service: start waits for the price; the pause moves the deadlines; the accepted price is billed once', async () => {
    const { id } = await request(as.resident, i.quoted);
    await as.admin.workOrders.assign({ tenant: slug(), orderId: id, assigneeId: m.plumber });
    await as.plumber.workOrders.accept({ tenant: slug(), orderId: id });
    expect(await keyOf(as.plumber.workOrders.start({ tenant: slug(), orderId: id }))).toBe('CONFLICT workOrderQuoteNotAccepted');
    await as.plumber.workOrders.quote({ tenant: slug(), orderId: id, priceFen: 5000, note: '换拉链头' });
    const quoted = await order(id);
    expect(quoted).toMatchObject({ status: 'QUOTED', priceFen: 5000 });
    expect(quoted.pausedSince).not.toBeNull();
    const detail = await as.admin.workOrders.getOrder({ tenant: slug(), orderId: id });
    expect(detail.sla.resolution).toBe('paused');
    expect(detail.timeline.find((e) => e.action === 'quote')?.note).toMatch(/^报价 .*50\.00：换拉链头$/);
    // the quote waited two hours
    await db((x) => x.workOrder.update({ where: { tenantId_id: { tenantId: A.tenant.id, id } }, data: { pausedSince: new Date(Date.now() - 2 * 3600_000) } }));
    await as.resident.myRequests.acceptQuote({ tenant: slug(), orderId: id });
    const accepted = await order(id);
    expect(accepted.pausedSince).toBeNull();
    expect(accepted.pausedSeconds).toBeGreaterThanOrEqual(7200);
    expect(accepted.pausedSeconds).toBeLessThan(7260);
    expect(accepted.resolveDueAt.getTime() - quoted.resolveDueAt.getTime()).toBe(accepted.pausedSeconds * 1000);
    expect(accepted.status).toBe('ACCEPTED');
    await as.plumber.workOrders.start({ tenant: slug(), orderId: id });
    await as.plumber.workOrders.complete({ tenant: slug(), orderId: id });
    await as.resident.myRequests.confirm({ tenant: slug(), orderId: id, rating: 4 });
    const [bill] = await billsOf(id);
    expect(bill).toMatchObject({ kind: 'SERVICE', amountFen: 5000, unitId, payerKind: 'UNIT', payerId: unitId, feeItemId: null });
    expect(bill!.description).toContain('修拉链');
    // payable like any bill: the resident's bills list it
    const myBills = await as.resident.myBills.listBills({ tenant: slug() });
    expect(myBills.rows.map((r) => r.id)).toContain(bill!.id);
  });

  it('quote only on quoted services; a declined quote cancels and bills nothing', async () => {
    const free = await request(as.resident, i.free);
    await as.admin.workOrders.assign({ tenant: slug(), orderId: free.id, assigneeId: m.sewer });
    await as.sewer.workOrders.accept({ tenant: slug(), orderId: free.id });
    expect(await keyOf(as.sewer.workOrders.quote({ tenant: slug(), orderId: free.id, priceFen: 100 }))).toBe('BAD_REQUEST workOrderNotQuoted');
    const { id } = await request(as.resident, i.quoted);
    await as.admin.workOrders.assign({ tenant: slug(), orderId: id, assigneeId: m.plumber });
    await as.plumber.workOrders.accept({ tenant: slug(), orderId: id });
    await as.plumber.workOrders.quote({ tenant: slug(), orderId: id, priceFen: 9000 });
    await as.spouse.myRequests.declineQuote({ tenant: slug(), orderId: id });
    expect(await order(id)).toMatchObject({ status: 'CANCELLED', pausedSince: null });
    expect(await billsOf(id)).toEqual([]);
  });

  it('a fixed price is billed exactly once: two residents confirming at once, and after a reopen', async () => {
    const { id } = await request(as.resident, i.fixed);
    await completed(id, as.sewer, m.sewer);
    const outcomes = await Promise.allSettled([
      as.resident.myRequests.confirm({ tenant: slug(), orderId: id, rating: 5 }),
      as.spouse.myRequests.confirm({ tenant: slug(), orderId: id, rating: 3 }),
    ]);
    expect(outcomes.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await keyOf(Promise.reject((outcomes.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason))).toBe('CONFLICT workOrderTransition');
    let bills = await billsOf(id);
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ amountFen: 2000, kind: 'SERVICE' });

    // reopened (same assignee, ASSIGNED), done again and confirmed again: still the one bill
    await as.resident.myRequests.reopen({ tenant: slug(), orderId: id, reason: '又开线了' });
    expect(await order(id)).toMatchObject({ status: 'ASSIGNED', assigneeId: m.sewer, reopenCount: 1 });
    await as.sewer.workOrders.accept({ tenant: slug(), orderId: id });
    await as.sewer.workOrders.start({ tenant: slug(), orderId: id });
    await as.sewer.workOrders.complete({ tenant: slug(), orderId: id });
    await as.resident.myRequests.confirm({ tenant: slug(), orderId: id, rating: 4 });
    bills = await billsOf(id);
    expect(bills).toHaveLength(1);
  });

  it('a cancelled paid order bills nothing and cannot be confirmed', async () => {
    const { id } = await request(as.resident, i.fixed);
    await as.resident.myRequests.cancel({ tenant: slug(), orderId: id, reason: '不需要了' });
    expect(await order(id)).toMatchObject({ status: 'CANCELLED', cancelReason: '不需要了' });
    expect(await keyOf(as.resident.myRequests.confirm({ tenant: slug(), orderId: id, rating: 5 }))).toBe('CONFLICT workOrderTransition');
    expect(await billsOf(id)).toEqual([]);
  });

  it('staff cannot act on an order not assigned to them; an admin who is not the assignee neither', async () => {
    const { id } = await request(as.resident, i.free);
    await as.admin.workOrders.assign({ tenant: slug(), orderId: id, assigneeId: m.sewer });
    await as.sewer.workOrders.accept({ tenant: slug(), orderId: id });
    await as.sewer.workOrders.start({ tenant: slug(), orderId: id });
    expect(await keyOf(as.plumber.workOrders.complete({ tenant: slug(), orderId: id }))).toBe('NOT_FOUND notFound.workOrder');
    expect(await keyOf(as.admin.workOrders.complete({ tenant: slug(), orderId: id }))).toBe('FORBIDDEN workOrderNotYours');
    expect(await keyOf(as.plumber.workOrders.addNote({ tenant: slug(), orderId: id, note: 'x' }))).toBe('NOT_FOUND notFound.workOrder');
    // a non-dispatcher staff member may not dispatch at all
    expect(await keyOf(as.sewer.workOrders.assign({ tenant: slug(), orderId: id, assigneeId: m.sewer }))).toBe('FORBIDDEN forbidden');
    expect((await order(id)).status).toBe('IN_PROGRESS');
  });

  it('a resident sees only their units’ orders; units are theirs; several units need a choice', async () => {
    const { id } = await request(as.resident, i.free);
    expect(await keyOf(as.neighbour.myRequests.getMine({ tenant: slug(), orderId: id }))).toBe('NOT_FOUND notFound.workOrder');
    expect(await keyOf(as.neighbour.myRequests.cancel({ tenant: slug(), orderId: id, reason: 'x' }))).toBe('NOT_FOUND notFound.workOrder');
    const list = await as.neighbour.myRequests.listMine({ tenant: slug() });
    expect(list.rows.map((r) => r.id)).not.toContain(id);
    expect((await as.spouse.myRequests.listMine({ tenant: slug(), status: 'open' })).rows.map((r) => r.id)).toContain(id);
    expect(await keyOf(request(as.neighbour, i.free, c.sewing, { unitId }))).toBe('NOT_FOUND notFound.unit');
    expect(await keyOf(request(as.twoUnits, i.free))).toBe('BAD_REQUEST chooseUnit');
    const options = await as.twoUnits.myRequests.getRequestOptions({ tenant: slug() });
    expect(options.units.map((x) => x.id).sort()).toEqual([unitId, otherUnitId].sort());
    expect(options.stations.map((s) => s.id)).toEqual([stationId]);
    const made = await request(as.twoUnits, i.free, c.sewing, { unitId: otherUnitId });
    expect((await order(made.id)).unitId).toBe(otherUnitId);
    expect((await as.neighbour.myRequests.listMine({ tenant: slug() })).rows.map((r) => r.id)).toContain(made.id);
  });

  it('another company can neither read nor write these orders', async () => {
    const { id } = await request(as.resident, i.free);
    expect(await keyOf(as.adminB.workOrders.getOrder({ tenant: B.slug, orderId: id }))).toBe('NOT_FOUND notFound.workOrder');
    expect(await keyOf(as.adminB.workOrders.assign({ tenant: B.slug, orderId: id, assigneeId: m.sewer }))).toBe('NOT_FOUND notFound.workOrder');
    expect(await keyOf(as.adminB.workOrders.cancel({ tenant: B.slug, orderId: id, reason: 'x' }))).toBe('NOT_FOUND notFound.workOrder');
    expect(await keyOf(as.residentB.myRequests.getMine({ tenant: B.slug, orderId: id }))).toBe('NOT_FOUND notFound.workOrder');
    expect(await keyOf(as.adminB.workOrders.getOrder({ tenant: A.slug, orderId: id }))).toBe('NOT_FOUND companyNotFound');
    expect(await keyOf(as.residentB.myRequests.create({ tenant: B.slug, categoryId: c.sewing, text: 'x' }))).toBe('NOT_FOUND notFound.unit');
    expect(await order(id)).toMatchObject({ status: 'SUBMITTED', assigneeId: null });
  });

  it('auto-assign needs the item’s skills; priority recomputes the deadlines', async () => {
    const { id } = await request(as.resident, i.electric);
    expect(await keyOf(as.admin.workOrders.autoAssign({ tenant: slug(), orderId: id }))).toBe('CONFLICT noQualifiedStaff');
    const assignees = await as.admin.workOrders.listAssignees({ tenant: slug(), orderId: id });
    expect(assignees.skills).toEqual(['electrician']);
    expect(assignees.rows.some((r) => r.qualified)).toBe(false);
    const before = await order(id);
    await as.dispatcher.workOrders.setPriority({ tenant: slug(), orderId: id, priority: 'URGENT' });
    const after = await order(id);
    expect(after.priority).toBe('URGENT');
    expect(after.resolveDueAt.getTime() - after.createdAt.getTime()).toBe(12 * 3600_000);
    expect(after.resolveDueAt.getTime()).toBeLessThan(before.resolveDueAt.getTime());
    const full = await as.admin.workOrders.getOrder({ tenant: slug(), orderId: id });
    expect(full.timeline.at(-1)).toMatchObject({ kind: 'priority', note: '优先级 普通 → 紧急' });
  });

  it('the assign dialog: qualified staff first, then on duty, fewest open orders, fewest recent assignments, name', async () => {
    const { id } = await request(as.resident, i.free); // no station: nobody is on duty for it
    const { rows } = await as.dispatcher.workOrders.listAssignees({ tenant: slug(), orderId: id });
    const open = await db((x) =>
      x.workOrder.count({
        where: { tenantId: A.tenant.id, assigneeId: m.sewer, status: { in: ['SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS'] } },
      }),
    );
    expect(rows.find((r) => r.id === m.sewer)).toMatchObject({ qualified: true, onDuty: false, openCount: open, skills: ['sewing'] });
    expect(rows.find((r) => r.role === 'ADMIN')).toMatchObject({ qualified: false }); // assignable by hand only
    const key = (r: (typeof rows)[number]) => [Number(!r.qualified), Number(!r.onDuty), r.openCount, r.recentCount];
    for (let k = 1; k < rows.length; k++) {
      const [a, b] = [key(rows[k - 1]!), key(rows[k]!)];
      const cmp = a.map((x, j) => x - b[j]!).find((d) => d !== 0) ?? 0;
      expect(cmp, `${rows[k - 1]!.name} before ${rows[k]!.name}`).toBeLessThanOrEqual(0);
    }
    const best = rows[0]!;
    expect((await as.dispatcher.workOrders.autoAssign({ tenant: slug(), orderId: id })).assignee.id).toBe(best.id);
  });

  it('staff record an order for a common area (no unit) and residents see nothing of it', async () => {
    const reg = await db((x) => x.unit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenant.id, id: unitId } } }));
    const { id } = await as.sewer.workOrders.createOrder({ tenant: slug(), communityId: reg.communityId, categoryId: c.emergency, text: '3栋楼道灯坏了' });
    const o = await order(id);
    expect(o).toMatchObject({ unitId: null, requesterId: null, createdById: u.sewer.id });
    expect(o.firstResponseDueAt.getTime() - o.createdAt.getTime()).toBe(15 * 60_000); // emergency SLA without an item
    expect((await as.sewer.workOrders.getOrder({ tenant: slug(), orderId: id })).actions).toEqual([]); // seen as its recorder
    expect(await keyOf(as.resident.myRequests.getMine({ tenant: slug(), orderId: id }))).toBe('NOT_FOUND notFound.workOrder');
  });

  it('return visits: completed orders unrated after 3 days; a phone rating is recorded once', async () => {
    const { id } = await request(as.resident, i.free);
    await completed(id, as.sewer, m.sewer);
    expect((await as.admin.workOrders.listReturnVisits({ tenant: slug() })).rows.map((r) => r.id)).not.toContain(id);
    await db((x) =>
      x.workOrder.update({ where: { tenantId_id: { tenantId: A.tenant.id, id } }, data: { completedAt: new Date(Date.now() - 4 * 86_400_000) } }),
    );
    const queue = await as.admin.workOrders.listReturnVisits({ tenant: slug() });
    const row = queue.rows.find((r) => r.id === id);
    expect(row?.contact.map((x) => x.name)).toContain('张三');
    await as.admin.workOrders.recordReturnVisit({ tenant: slug(), orderId: id, rating: 2, comment: '电话回访：太慢' });
    expect(await order(id)).toMatchObject({ rating: 2, ratedByPhone: true, ratedById: A.admin.id });
    expect((await as.admin.workOrders.listReturnVisits({ tenant: slug() })).rows.map((r) => r.id)).not.toContain(id);
    expect(await keyOf(as.admin.workOrders.recordReturnVisit({ tenant: slug(), orderId: id, rating: 5 }))).toBe('CONFLICT workOrderNotRated');
  });

  it('the sweep marks breached clocks (not paused ones) and auto-closes completed orders, billing them once', async () => {
    const reg = await db((x) => x.unit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: A.tenant.id, id: unitId } } }));
    const leak = await as.admin.workOrders.createOrder({ tenant: slug(), communityId: reg.communityId, unitId, categoryId: c.emergency, text: '厨房漏水' });
    const paused = await request(as.resident, i.quoted);
    await completed(paused.id, as.plumber, m.plumber).catch(() => undefined); // start refuses (no accepted quote): stays ACCEPTED
    await as.plumber.workOrders.quote({ tenant: slug(), orderId: paused.id, priceFen: 100 });
    const sweep = (at: Date) => withScope(t.db.prisma, A.tenant.id, WORK_ORDER_JOB_ACTOR, sweepWorkOrders, at);

    // 20 minutes later: the leak's first response (15 min) is breached, its resolution (4 h) not yet
    await sweep(new Date(Date.now() + 20 * 60_000));
    expect(await order(leak.id)).toMatchObject({ firstResponseMet: false, resolutionMet: null });
    // 5 hours later: resolution breached too; the quoted order is paused and stays undecided
    await sweep(new Date(Date.now() + 5 * 3600_000));
    expect(await order(leak.id)).toMatchObject({ firstResponseMet: false, resolutionMet: false });
    expect(await order(paused.id)).toMatchObject({ resolutionMet: null, status: 'QUOTED' });
    expect((await as.admin.workOrders.getOrder({ tenant: slug(), orderId: leak.id })).sla).toEqual({ firstResponse: 'overdue', resolution: 'overdue' });
    // a late accept keeps the breach
    await as.admin.workOrders.assign({ tenant: slug(), orderId: leak.id, assigneeId: m.plumber });
    await as.plumber.workOrders.accept({ tenant: slug(), orderId: leak.id });
    expect((await order(leak.id)).firstResponseMet).toBe(false);

    // a fixed-price order completed 4 days ago, never confirmed: the job (every company) closes and bills it
    const { id } = await request(as.resident, i.fixed);
    await completed(id, as.sewer, m.sewer);
    await db((x) =>
      x.workOrder.update({ where: { tenantId_id: { tenantId: A.tenant.id, id } }, data: { completedAt: new Date(Date.now() - 4 * 86_400_000) } }),
    );
    const outcomes = await runWorkOrderSweep(t.db.prisma);
    expect(outcomes.find((r) => r.tenantId === A.tenant.id)).toMatchObject({ outcome: 'swept' });
    expect(await order(id)).toMatchObject({ status: 'CLOSED', rating: null });
    const events = await db((x) => x.workOrderEvent.findMany({ where: { tenantId: A.tenant.id, orderId: id, action: 'autoClose' } }));
    expect(events).toMatchObject([{ fromStatus: 'COMPLETED', toStatus: 'CLOSED', actorId: WORK_ORDER_JOB_ACTOR, actorRole: 'SYSTEM' }]);
    expect(await billsOf(id)).toMatchObject([{ amountFen: 2000, kind: 'SERVICE' }]);
    // it now waits for a return visit; a second run changes nothing
    expect((await as.admin.workOrders.listReturnVisits({ tenant: slug() })).rows.map((r) => r.id)).toContain(id);
    const again = await runWorkOrderSweep(t.db.prisma);
    expect(again.find((r) => r.tenantId === A.tenant.id && r.outcome === 'swept' && r.autoClosed > 0)).toBeUndefined();
    expect(await billsOf(id)).toHaveLength(1);
  });

  it('service bills do not count in the payment rates (no fee item)', async () => {
    const { timeZone } = await db((x) => x.tenant.findUniqueOrThrow({ where: { id: A.tenant.id }, select: { timeZone: true } }));
    const period = localPeriod(timeZone, new Date());
    const serviceBills = await db((x) => x.bill.count({ where: { tenantId: A.tenant.id, kind: 'SERVICE', period } }));
    expect(serviceBills).toBeGreaterThan(0);
    const s = await as.admin.collection.getSummary({ tenant: slug(), period });
    expect(s.grossBilledFen).toBe(0);
    expect(s.rates.household).toMatchObject({ numerator: 0, denominator: 0 });
  });

  it('every order has its analytics fact, kept by the trigger through every transition above (#16)', async () => {
    const rows = await db(
      (x) =>
        x.$queryRaw<
          {
            id: string;
            unitBuilding: string | null;
            unitId: string | null;
            period: string;
            status: string;
            rating: number | null;
            firstResponseMet: boolean | null;
            resolutionMet: boolean | null;
            reopenCount: number;
            completedMs: number | null;
            targetMs: number;
            pausedSeconds: number;
            f: Record<string, unknown> | null;
          }[]
        >`
      select w.id, u."buildingId" as "unitBuilding", w."unitId", w.period, w.status::text as status, w.rating,
             w."firstResponseMet", w."resolutionMet", w."reopenCount", w."pausedSeconds",
             (extract(epoch from w."completedAt" - w."createdAt") * 1000)::float8 as "completedMs",
             (extract(epoch from w."resolveDueAt" - w."createdAt") * 1000)::float8 as "targetMs",
             to_jsonb(f) as f
      from "WorkOrder" w
      left join "Unit" u on u."tenantId" = w."tenantId" and u.id = w."unitId"
      left join "WorkOrderFact" f on f."tenantId" = w."tenantId" and f."orderId" = w.id
      where w."tenantId" = ${A.tenant.id}`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((r) => r.rating !== null) && rows.some((r) => r.status === 'CANCELLED') && rows.some((r) => r.reopenCount > 0)).toBe(true);
    for (const r of rows) {
      expect(r.f, r.id).toEqual({
        tenantId: A.tenant.id,
        orderId: r.id,
        communityId: expect.any(String),
        buildingId: r.unitBuilding ?? '',
        unitId: r.unitId ?? '',
        period: r.period,
        rating: r.rating,
        firstResponseMet: r.firstResponseMet,
        resolutionMet: r.resolutionMet,
        resolved: r.completedMs !== null,
        reopened: r.reopenCount > 0,
        cancelled: r.status === 'CANCELLED',
        resolveMs: r.completedMs === null ? null : Math.max(0, Math.round(r.completedMs) - r.pausedSeconds * 1000),
        targetMs: Math.max(1, Math.round(r.targetMs) - r.pausedSeconds * 1000),
      });
    }
  });
});
