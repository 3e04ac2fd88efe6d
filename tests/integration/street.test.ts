import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { StreetSettingLeakError, withStreetOffice } from '@/server/db/street';
import { TenantSettingLeakError, withTenant } from '@/server/db/tenant';
import { connectPostgres } from '@/server/db/client';
import { DEMO_LIAISON, DEMO_OFFICE, seedDemoStreet } from '@/prisma/seed-street';

// 吹哨 (#15): street offices and their liaisons. The database itself limits a liaison's request
// (app.street_office_id, no tenant) to the office's escalations from any company, their replies
// and the escalated orders and photos; liaisonProcedure answers NOT_FOUND to anyone who is not an
// active liaison of the office; the company side escalates with workorders.followUp and sees the
// office's replies in the order's timeline.
describe.skipIf(!pgServerUrl())('street offices and liaisons (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  const saved = process.env.PLATFORM_ADMINS;
  const opsEmail = `${uniq('ops')}@example.test`;
  let ops: ReturnType<typeof callerFor>;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let regA: Awaited<ReturnType<typeof makeRegister>>;
  let staffA: TestUser;
  let residentA: TestUser;
  const X = { id: '', slug: uniq('x') };
  const Y = { id: '', slug: uniq('y') };
  let lx: ReturnType<typeof callerFor>;
  let ly: ReturnType<typeof callerFor>;
  let lxUser: TestUser;
  // orders: a1 → X (contact shared), a2 → Y, a3 not escalated, b1 → X (contact not shared)
  const o = { a1: '', a2: '', a3: '', a4: '', b1: '' };
  const e = { a1: '', a2: '', b1: '' };
  const photo = { a1: '', a3: '' };

  /** A work order inserted as the owner (the catalogue and dispatch are other tests' business). */
  async function insertOrder(tenantId: string, communityId: string, unitId: string | null, requesterId: string, number: number, text: string) {
    const cat = randomUUID();
    await owner.query(`insert into "ServiceCategory" ("tenantId", id, name, "updatedAt") values ($1, $2, $3, now())`, [tenantId, cat, `公共报修${number}`]);
    const id = randomUUID();
    await owner.query(
      `insert into "WorkOrder" ("tenantId", id, number, "communityId", "unitId", "requesterId", "categoryId", text, period, "firstResponseDueAt", "resolveDueAt", "createdById", "updatedAt")
       values ($1, $2, $3, $4, $5, $6, $7, $8, '2026-12', now(), now(), $6, now())`,
      [tenantId, id, number, communityId, unitId, requesterId, cat, text],
    );
    return id;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    process.env.PLATFORM_ADMINS = opsEmail;
    const opsUser = await t.db.prisma.user.create({ data: { email: opsEmail, name: 'Ops' } });
    ops = callerFor(t.db, { id: opsUser.id, email: opsEmail, name: 'Ops' });
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    regA = await makeRegister(t.db, A);
    const regB = await makeRegister(t.db, B);
    staffA = await addMember(t.db, A.tenant.id, 'STAFF');
    residentA = await addMember(t.db, A.tenant.id, 'RESIDENT');

    X.id = (await ops.platform.createStreetOffice({ slug: X.slug, name: '南湖街道', district: '南湖区' })).id;
    Y.id = (await ops.platform.createStreetOffice({ slug: Y.slug, name: '北山街道' })).id;
    const lxEmail = `${uniq('liaison')}@example.test`;
    const addedX = await ops.platform.addLiaison({ officeId: X.id, name: '王联络', email: lxEmail });
    lxUser = { id: addedX.userId, email: lxEmail, name: '王联络' };
    lx = callerFor(t.db, lxUser);
    const addedY = await ops.platform.addLiaison({ officeId: Y.id, name: '李联络', phone: '139 1234 5678' });
    ly = callerFor(t.db, { id: addedY.userId, email: null, name: '李联络' });

    o.a1 = await insertOrder(A.tenant.id, regA.community.id, regA.unit.id, residentA.id, 1, '小区门口路灯不亮');
    o.a2 = await insertOrder(A.tenant.id, regA.community.id, regA.unit.id, residentA.id, 2, '市政水管漏水');
    o.a3 = await insertOrder(A.tenant.id, regA.community.id, regA.unit.id, residentA.id, 3, '家里门锁坏了');
    o.a4 = await insertOrder(A.tenant.id, regA.community.id, null, residentA.id, 4, '已取消');
    await owner.query(`update "WorkOrder" set status = 'CANCELLED', "cancelledAt" = now() where "tenantId" = $1 and id = $2`, [A.tenant.id, o.a4]);
    o.b1 = await insertOrder(B.tenant.id, regB.community.id, regB.unit.id, B.admin.id, 1, '井盖缺失');
    e.a1 = (await A.as.workOrders.escalate({ tenant: A.slug, orderId: o.a1, officeId: X.id, note: '请街道协调路灯维修', shareContact: true })).id;
    e.a2 = (await A.as.workOrders.escalate({ tenant: A.slug, orderId: o.a2, officeId: Y.id })).id;
    e.b1 = (await B.as.workOrders.escalate({ tenant: B.slug, orderId: o.b1, officeId: X.id })).id;
    for (const [key, order] of [
      ['a1', o.a1],
      ['a3', o.a3],
    ] as const) {
      photo[key] = randomUUID();
      await owner.query(`insert into "WorkOrderPhoto" ("tenantId", id, "orderId", "uploadId", "thumbId", "uploadedBy") values ($1, $2, $3, $4, $5, $6)`, [
        A.tenant.id,
        photo[key],
        order,
        randomUUID(),
        `${randomUUID()}-thumb`,
        residentA.id,
      ]);
    }
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.PLATFORM_ADMINS;
    else process.env.PLATFORM_ADMINS = saved;
    await owner?.end();
    await t?.drop();
  });

  describe('row-level security with the street office set (raw SQL as the app role)', () => {
    const asOffice = <T>(officeId: string, fn: Parameters<typeof withStreetOffice<T>>[2]) => withStreetOffice(t.db.prisma, officeId, fn);

    it('shows exactly the office’s escalations, from two companies, and only their orders and photos', async () => {
      const seen = await asOffice(X.id, async (db) => ({
        escalations: await db.$queryRaw<{ id: string; tenantId: string }[]>`select id, "tenantId" from "StreetEscalation" order by id`,
        orders: await db.$queryRaw<{ id: string }[]>`select id from "WorkOrder"`,
        photos: await db.$queryRaw<{ id: string }[]>`select id from "WorkOrderPhoto"`,
        replies: await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from "StreetReply" where "officeId" <> ${X.id}`,
      }));
      expect(seen.escalations.map((r) => r.id).sort()).toEqual([e.a1, e.b1].sort());
      expect(new Set(seen.escalations.map((r) => r.tenantId))).toEqual(new Set([A.tenant.id, B.tenant.id]));
      expect(seen.orders.map((r) => r.id).sort()).toEqual([o.a1, o.b1].sort());
      expect(seen.photos.map((r) => r.id)).toEqual([photo.a1]);
      expect(seen.replies[0]!.n).toBe(0);
      // the other office sees its own only
      const ySees = await asOffice(Y.id, (db) => db.$queryRaw<{ id: string }[]>`select id from "StreetEscalation"`);
      expect(ySees.map((r) => r.id)).toEqual([e.a2]);
    });

    it('shows no other row of any company', async () => {
      const counts = await asOffice(X.id, async (db) => {
        const out: Record<string, number> = {};
        for (const table of ['Unit', 'Resident', 'Bill', 'Community', 'Membership', 'WorkOrderEvent', 'Notification', 'ServiceCategory', 'Payment']) {
          const [r] = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
          out[table] = r!.n;
        }
        return out;
      });
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      // while the owner sees them there (the count is not zero for want of rows)
      const [unitRows] = (await owner.query<{ n: number }>(`select count(*)::int as n from "Unit"`)).rows;
      expect(unitRows!.n).toBeGreaterThan(0);
    });

    it('cannot reply to or update another office’s escalation, nor write the company’s timeline', async () => {
      await expect(
        asOffice(
          X.id,
          (db) =>
            db.$executeRaw`insert into "StreetReply" ("tenantId", id, "escalationId", "officeId", "authorId", body)
            values (${A.tenant.id}, ${randomUUID()}, ${e.a2}, ${X.id}, ${lxUser.id}, '越权答复')`,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        asOffice(
          X.id,
          (db) =>
            db.$executeRaw`insert into "StreetReply" ("tenantId", id, "escalationId", "officeId", "authorId", body)
            values (${A.tenant.id}, ${randomUUID()}, ${e.a2}, ${Y.id}, ${lxUser.id}, '冒充北山')`,
        ),
      ).rejects.toThrow(/row-level security/);
      const updated = await asOffice(X.id, (db) => db.$executeRaw`update "StreetEscalation" set status = 'HANDLED' where id = ${e.a2}`);
      expect(updated).toBe(0);
      await expect(asOffice(X.id, (db) => db.$executeRaw`update "StreetEscalation" set "officeId" = ${Y.id} where id = ${e.a1}`)).rejects.toThrow(
        /row-level security/,
      );
      await expect(
        asOffice(
          X.id,
          (db) =>
            db.$executeRaw`insert into "WorkOrderEvent" ("tenantId", id, "orderId", kind, "actorId", "actorRole") values (${A.tenant.id}, ${randomUUID()}, ${o.a1}, 'note', ${lxUser.id}, 'LIAISON')`,
        ),
      ).rejects.toThrow(/row-level security/);
      const [row] = (await owner.query<{ status: string; officeId: string }>(`select status, "officeId" from "StreetEscalation" where id = $1`, [e.a2])).rows;
      expect(row).toEqual({ status: 'OPEN', officeId: Y.id });
    });

    it('the echo function refuses outside a street office’s transaction and for another office’s escalation', async () => {
      await expect(
        withTenant(t.db.prisma, A.tenant.id, (db) => db.$queryRaw`select linli_street_echo(${A.tenant.id}, ${e.a1}, ${null}, ${lxUser.id}, 't', 'b', '')`),
      ).rejects.toThrow(/only in a street office/);
      await expect(
        asOffice(X.id, (db) => db.$queryRaw`select linli_street_echo(${A.tenant.id}, ${e.a2}, ${null}, ${lxUser.id}, 't', 'b', '')`),
      ).rejects.toThrow(/no such escalation/);
    });
  });

  describe('procedures', () => {
    it('tells the office’s liaisons of a new escalation: an e-mail, or an SMS to a phone-only account', async () => {
      const sent = await owner.query<{ channel: string; recipient: string; subject: string; body: string }>(
        `select channel::text, recipient, subject, body from "AccountMessage" where subject like '%上报%' order by "createdAt", recipient`,
      );
      expect(sent.rows.map((m) => [m.channel, m.recipient])).toEqual(
        expect.arrayContaining([
          ['EMAIL', lxUser.email],
          ['SMS', '13912345678'],
        ]),
      );
      expect(sent.rows.filter((m) => m.recipient === lxUser.email)).toHaveLength(2); // A's and B's escalations to X
      const mail = sent.rows.find((m) => m.recipient === lxUser.email)!;
      expect(mail.body).toContain(`/street/${X.slug}/${e.a1}`);
    });

    it('a liaison of X gets NOT_FOUND on Y and on Y’s escalation; non-liaisons get NOT_FOUND', async () => {
      const list = await lx.street.listEscalations({ office: X.slug });
      expect(list.rows.map((r) => r.id).sort()).toEqual([e.a1, e.b1].sort());
      expect(list.rows.map((r) => r.companyName).sort()).toEqual(['Alpha 物业', 'Beta 物业']);
      expect(list.counts).toEqual({ open: 2, handled: 0 });
      expect(await code(lx.street.listEscalations({ office: Y.slug }))).toBe('NOT_FOUND');
      expect(await code(lx.street.getEscalation({ office: X.slug, escalationId: e.a2 }))).toBe('NOT_FOUND');
      expect(await code(lx.street.reply({ office: X.slug, escalationId: e.a2, body: '越权' }))).toBe('NOT_FOUND');
      expect(await code(lx.street.markHandled({ office: X.slug, escalationId: e.a2 }))).toBe('NOT_FOUND');
      expect(await code(ly.street.getEscalation({ office: X.slug, escalationId: e.a1 }))).toBe('NOT_FOUND');
      expect(await code(A.as.street.listEscalations({ office: X.slug }))).toBe('NOT_FOUND');
      expect(await code(A.as.street.listEscalations({ office: 'no-such-office' }))).toBe('NOT_FOUND');
      expect(await code(callerFor(t.db, null).street.listEscalations({ office: X.slug }))).toBe('UNAUTHORIZED');
      expect(await ly.street.listMyOffices()).toEqual([expect.objectContaining({ slug: Y.slug, name: '北山街道' })]);
      expect(await A.as.street.listMyOffices()).toEqual([]);
    });

    it('shows the snapshot, the contact only when shared, and photos of escalated orders only', async () => {
      const a1 = await lx.street.getEscalation({ office: X.slug, escalationId: e.a1 });
      expect(a1).toMatchObject({
        companyName: 'Alpha 物业',
        orderNumber: 1,
        categoryName: '公共报修1',
        text: '小区门口路灯不亮',
        communityName: regA.community.name,
        note: '请街道协调路灯维修',
        contact: { name: '张三', phone: '13800000000' },
        status: 'OPEN',
      });
      expect(a1.address).toContain('1号楼');
      expect(a1.address).toContain('101');
      expect(a1.photos.map((p) => p.id)).toEqual([photo.a1]);
      const b1 = await lx.street.getEscalation({ office: X.slug, escalationId: e.b1 });
      expect(b1.contact).toBeNull();
      expect(JSON.stringify(b1)).not.toContain(B.tenant.id);
      const [raw] = (await owner.query(`select "contactName", "contactPhone" from "StreetEscalation" where id = $1`, [e.b1])).rows;
      expect(raw).toEqual({ contactName: null, contactPhone: null });
      const permit = await lx.street.getPhotoPermit({ office: X.slug, photoId: photo.a1 });
      expect(permit.tenantId).toBe(A.tenant.id);
      expect(await code(lx.street.getPhotoPermit({ office: X.slug, photoId: photo.a3 }))).toBe('NOT_FOUND');
      expect(await code(ly.street.getPhotoPermit({ office: Y.slug, photoId: photo.a1 }))).toBe('NOT_FOUND');
    });

    it('a reply sets firstReplyAt once, appears in the company’s order timeline and notifies its admins', async () => {
      const t0 = new Date();
      await lx.street.reply({ office: X.slug, escalationId: e.a1, body: '已派城管维修路灯，预计周五修好' });
      const [first] = (await owner.query<{ firstReplyAt: Date }>(`select "firstReplyAt" from "StreetEscalation" where id = $1`, [e.a1])).rows;
      expect(first!.firstReplyAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() - 1000);
      await lx.street.reply({ office: X.slug, escalationId: e.a1, body: '周五已修好' });
      const [again] = (await owner.query<{ firstReplyAt: Date }>(`select "firstReplyAt" from "StreetEscalation" where id = $1`, [e.a1])).rows;
      expect(again!.firstReplyAt).toEqual(first!.firstReplyAt);

      const order = await A.as.workOrders.getOrder({ tenant: A.slug, orderId: o.a1 });
      const text = JSON.stringify(order);
      expect(text).toContain('已派城管维修路灯，预计周五修好');
      expect(text).toContain('周五已修好');
      const events = await withTenant(t.db.prisma, A.tenant.id, (db) =>
        db.workOrderEvent.findMany({ where: { tenantId: A.tenant.id, orderId: o.a1 }, orderBy: { createdAt: 'asc' } }),
      );
      expect(events.map((ev) => [ev.kind, ev.action, ev.actorRole])).toEqual([
        ['escalation', 'escalate', 'ADMIN'],
        ['street_reply', null, 'LIAISON'],
        ['street_reply', null, 'LIAISON'],
      ]);
      const notes = await withTenant(t.db.prisma, A.tenant.id, (db) =>
        db.notification.findMany({ where: { tenantId: A.tenant.id, kind: 'workorder.street' } }),
      );
      expect(notes.map((n) => n.userId)).toEqual([A.admin.id, A.admin.id]);
      expect(notes[0]!.title).toContain('南湖街道');
      expect(notes[0]!.link).toBe(`/${A.slug}/work-orders/${o.a1}`);
      // company B hears nothing of A's escalation
      expect(await withTenant(t.db.prisma, B.tenant.id, (db) => db.notification.count({ where: { tenantId: B.tenant.id, kind: 'workorder.street' } }))).toBe(0);

      const detail = await lx.street.getEscalation({ office: X.slug, escalationId: e.a1 });
      expect(detail.replies.map((r) => [r.body, r.authorName, r.mine])).toEqual([
        ['已派城管维修路灯，预计周五修好', '王联络', true],
        ['周五已修好', '王联络', true],
      ]);
    });

    it('marks handled once; the company’s timeline and response times show it', async () => {
      await lx.street.markHandled({ office: X.slug, escalationId: e.a1 });
      expect(await code(lx.street.markHandled({ office: X.slug, escalationId: e.a1 }))).toBe('CONFLICT');
      const handled = await lx.street.listEscalations({ office: X.slug, status: 'handled' });
      expect(handled.rows.map((r) => r.id)).toEqual([e.a1]);
      expect(handled.counts).toEqual({ open: 1, handled: 1 });
      const events = await withTenant(t.db.prisma, A.tenant.id, (db) =>
        db.workOrderEvent.count({ where: { tenantId: A.tenant.id, orderId: o.a1, kind: 'escalation', action: 'handled' } }),
      );
      expect(events).toBe(1);

      const times = await A.as.workOrders.listOfficeResponseTimes({ tenant: A.slug });
      expect(times.map((r) => [r.name, r.escalations, r.open, r.answered, r.handledShare])).toEqual([
        ['北山街道', 1, 1, 0, 0],
        ['南湖街道', 1, 0, 1, 1],
      ]);
      expect(times.find((r) => r.officeId === X.id)!.medianHours).not.toBeNull();
      expect(times.find((r) => r.officeId === Y.id)!.medianHours).toBeNull();
      // B's figures are B's own
      expect((await B.as.workOrders.listOfficeResponseTimes({ tenant: B.slug })).map((r) => [r.name, r.escalations])).toEqual([['南湖街道', 1]]);
    });

    it('escalating needs workorders.followUp, a visible open order and an existing office', async () => {
      const staff = callerFor(t.db, staffA);
      const resident = callerFor(t.db, residentA);
      expect(await code(staff.workOrders.escalate({ tenant: A.slug, orderId: o.a3, officeId: X.id }))).toBe('FORBIDDEN');
      expect(await code(resident.workOrders.escalate({ tenant: A.slug, orderId: o.a3, officeId: X.id }))).toBe('FORBIDDEN');
      expect(await code(B.as.workOrders.escalate({ tenant: A.slug, orderId: o.a3, officeId: X.id }))).toBe('NOT_FOUND');
      expect(await code(B.as.workOrders.escalate({ tenant: B.slug, orderId: o.a3, officeId: X.id }))).toBe('NOT_FOUND');
      expect(await code(A.as.workOrders.escalate({ tenant: A.slug, orderId: o.a4, officeId: X.id }))).toBe('CONFLICT');
      expect(await code(A.as.workOrders.escalate({ tenant: A.slug, orderId: o.a3, officeId: randomUUID() }))).toBe('NOT_FOUND');
      expect(await code(A.as.workOrders.escalate({ tenant: A.slug, orderId: o.a2, officeId: Y.id }))).toBe('CONFLICT');
      const [n] = (await owner.query<{ n: number }>(`select count(*)::int as n from "StreetEscalation" where "orderId" in ($1, $2)`, [o.a3, o.a4])).rows;
      expect(n!.n).toBe(0);
      expect((await A.as.workOrders.listStreetOffices({ tenant: A.slug })).map((x) => x.name)).toEqual(['北山街道', '南湖街道']);
    });
  });

  it('a connection with a planted session-level tenant or office runs no street or tenant request', async () => {
    const one = connectPostgres(t.appUrl, { max: 1 });
    const plant = (setting: string, value: string) => one.prisma.$queryRawUnsafe(`select set_config('${setting}', $1, false)`, value);
    try {
      let ran = false;
      await plant('app.tenant_id', A.tenant.id);
      await expect(withStreetOffice(one.prisma, X.id, async () => void (ran = true))).rejects.toBeInstanceOf(StreetSettingLeakError);
      await one.prisma.$executeRawUnsafe('reset app.tenant_id');
      await plant('app.street_office_id', Y.id);
      await expect(withStreetOffice(one.prisma, X.id, async () => void (ran = true))).rejects.toBeInstanceOf(StreetSettingLeakError);
      // a tenant's request would otherwise see Y's escalations of other companies too
      await expect(withTenant(one.prisma, B.tenant.id, async () => void (ran = true))).rejects.toBeInstanceOf(TenantSettingLeakError);
      expect(ran).toBe(false);
      await one.prisma.$executeRawUnsafe('reset app.street_office_id');
      const seen = await withStreetOffice(one.prisma, X.id, (db) => db.$queryRaw<{ v: string }[]>`select current_setting('app.street_office_id', true) as v`);
      expect(seen[0]!.v).toBe(X.id);
      // transaction-local: the next request on the connection starts clean
      await withTenant(one.prisma, B.tenant.id, async () => {});
    } finally {
      await one.close();
    }
  });

  it('seeds the demo office and its liaison, twice without harm', async () => {
    await seedDemoStreet(t.db.prisma, 'linli-demo-2026');
    await seedDemoStreet(t.db.prisma, 'linli-demo-2026');
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_LIAISON.email } });
    const liaison = callerFor(t.db, { id: user.id, email: user.email, name: user.name });
    expect(await liaison.street.listMyOffices()).toEqual([expect.objectContaining({ slug: DEMO_OFFICE.slug, name: '南湖街道' })]);
    expect((await liaison.street.listEscalations({ office: DEMO_OFFICE.slug })).total).toBe(0);
  });

  describe('platform', () => {
    it('creates offices and liaisons for operators only, audited; a disabled liaison is shut out', async () => {
      expect(await code(A.as.platform.createStreetOffice({ slug: uniq('z'), name: '某街道' }))).toBe('NOT_FOUND');
      expect(await code(lx.platform.addLiaison({ officeId: X.id, name: '冒充', email: 'x@example.test' }))).toBe('NOT_FOUND');
      expect(await code(A.as.platform.listStreetOffices())).toBe('NOT_FOUND');
      expect(await code(ops.platform.createStreetOffice({ slug: X.slug, name: '重名' }))).toBe('CONFLICT');

      const offices = await ops.platform.listStreetOffices();
      const x = offices.find((f) => f.id === X.id)!;
      expect(x.liaisons.map((l) => [l.name, l.email])).toEqual([['王联络', lxUser.email]]);
      const y = offices.find((f) => f.id === Y.id)!;
      expect(y.liaisons.map((l) => [l.name, l.phone])).toEqual([['李联络', '13912345678']]);
      // the new e-mail account got a set-password link; the phone account signs in by code
      const resets = await t.db.prisma.passwordReset.count({ where: { userId: lxUser.id, usedAt: null } });
      expect(resets).toBe(1);
      // an existing account with that phone and an unknown e-mail: two accounts are refused
      expect(await code(ops.platform.addLiaison({ officeId: X.id, name: '张', email: lxUser.email, phone: '13912345678' }))).toBe('CONFLICT');

      await ops.platform.disableLiaison({ liaisonId: x.liaisons[0]!.id });
      expect(await code(lx.street.listEscalations({ office: X.slug }))).toBe('NOT_FOUND');
      const again = await ops.platform.addLiaison({ officeId: X.id, name: '王联络', email: lxUser.email });
      expect(again).toMatchObject({ userId: lxUser.id, newAccount: false });
      expect((await lx.street.listEscalations({ office: X.slug })).total).toBe(1);

      const audit = await ops.platform.listAudit({});
      expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['street.office.create', 'street.liaison.add', 'street.liaison.disable']));
      expect(audit.rows.every((r) => r.actorEmail === opsEmail)).toBe(true);
    });
  });
});
