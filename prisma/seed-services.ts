import type { PrismaClient } from '../server/db/generated/client';
import type { Role } from '../server/db/generated/enums';
import { withTenant, type TenantDb } from '../server/db/tenant';
import { tenantScope, type ScopeTenant } from '../server/db/scope';
import { setPassword } from '../server/db/system';
import { hashPassword } from '../server/auth/password';
import { normalizePhone } from '../server/shared/phone';
import { addDays, localDate } from '../server/shared/calendar';
import { instantOf } from '../server/shared/opening-hours';
import { ZCreateStation } from '../server/shared/schemas/stations';
import { createDefaultCatalogue } from '../server/services/default-catalogue';
import { createStation } from '../server/stations/stations';
import { setStationTarget } from '../server/stations/standard';
import { publishAnnouncement } from '../server/announcements/publish-announcement';
import type { Member } from '../server/work-orders/access';
import { createOrder } from '../server/work-orders/create-order';
import { assignOrder } from '../server/work-orders/assign-order';
import { acceptOrder } from '../server/work-orders/accept-order';
import { quoteOrder } from '../server/work-orders/quote-order';
import { startOrder } from '../server/work-orders/start-order';
import { completeOrder } from '../server/work-orders/complete-order';
import { addNote } from '../server/work-orders/add-note';
import { recordReturnVisit } from '../server/work-orders/return-visits';
import { sweepWorkOrders } from '../server/work-orders/sweep-job';
import { createRequest } from '../server/my-requests/create-request';
import { acceptQuote } from '../server/my-requests/answer-quote';
import { confirmOrder } from '../server/my-requests/confirm-order';
import { cancelMine } from '../server/my-requests/cancel-mine';

// The demo company's services (#15): the default 睦宁里 catalogue, three stations with hours,
// elements and staff on duty, staff with skills (one a dispatcher), this year's station target,
// a few announcements (one pinned), and work orders in every state. Orders go through the same
// services the app uses, each step at its own past instant (scope.now), so numbers, SLA
// deadlines, timelines, notifications and bills are what the app would have made.

const HOUR = 3_600_000;

/** Colleagues beside the demo users (prisma/seed.ts): field staff with skills and phones. */
export const DEMO_STAFF = [
  { email: 'staff2@demo.linli.test', name: '赵师傅', phone: '13700000002', skills: ['electrical', 'plumbing'], dispatcher: false },
  { email: 'staff3@demo.linli.test', name: '孙调度', phone: '13700000003', skills: ['electrical', 'cleaning'], dispatcher: true },
  { email: 'staff4@demo.linli.test', name: '周阿姨', phone: '13700000004', skills: ['sewing', 'cleaning'], dispatcher: false },
] as const;
/** The demo staff user (staff@demo.linli.test, 张师傅). */
const MAIN_STAFF = { phone: '13700000001', skills: ['sewing', 'plumbing', 'locksmith'] };

type Actor = { userId: string; member: Member };

export async function seedDemoServices(prisma: PrismaClient, tenantId: string, password: string): Promise<void> {
  const tenant = await prisma.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { id: true, slug: true, name: true, timeZone: true, locale: true, currency: true },
  });
  const passwordHash = await hashPassword(password);
  const staffUsers: { id: string }[] = [];
  for (const s of DEMO_STAFF) {
    const u = await prisma.user.upsert({ where: { email: s.email }, update: {}, create: { email: s.email, name: s.name, phone: s.phone } });
    await setPassword(prisma, u.id, passwordHash);
    staffUsers.push(u);
  }
  const started = new Date();
  await withTenant(prisma, tenantId, async (db) => {
    await seedInCompany(
      db,
      tenant,
      staffUsers.map((u) => u.id),
    );
    // The texts those past orders sent to households without an account belong to the story's
    // past: recorded as sent, not delivered (and counted against the SMS caps) at start-up.
    await db.outboxMessage.updateMany({
      where: { tenantId, channel: 'SMS', status: 'PENDING', createdAt: { gte: started } },
      data: { status: 'SENT', sentAt: new Date() },
    });
  });
}

async function seedInCompany(db: TenantDb, tenant: ScopeTenant, extraStaffUserIds: string[]) {
  const tenantId = tenant.id;
  const now = new Date();
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const today = localDate(tenant.timeZone, now);
  const year = Number(today.slice(0, 4));

  await createDefaultCatalogue(db, tenantId);

  // ── people ──────────────────────────────────────────────────────────────────
  const membershipOf = (email: string) =>
    db.membership.findFirstOrThrow({ where: { tenantId, user: { email } }, select: { id: true, userId: true, role: true } });
  const adminM = await membershipOf('admin@demo.linli.test');
  const mainStaff = await membershipOf('staff@demo.linli.test');
  const residentM = await membershipOf('resident@demo.linli.test');
  await db.membership.updateMany({ where: { tenantId, id: mainStaff.id }, data: { skills: MAIN_STAFF.skills } });
  const mainStaffUser = await db.user.findUniqueOrThrow({ where: { id: mainStaff.userId }, select: { phone: true } });
  if (!mainStaffUser.phone && !(await db.user.findUnique({ where: { phone: MAIN_STAFF.phone } }))) {
    await db.user.update({ where: { id: mainStaff.userId }, data: { phone: MAIN_STAFF.phone } });
  }
  const staffIds: string[] = [mainStaff.id];
  for (const [i, s] of DEMO_STAFF.entries()) {
    const m = await db.membership.create({
      data: { tenantId, userId: extraStaffUserIds[i]!, role: 'STAFF', skills: [...s.skills], dispatcher: s.dispatcher },
      select: { id: true },
    });
    staffIds.push(m.id);
  }
  // 孙调度 (the dispatcher) works the board rather than orders here
  const [zhang, zhao, , zhou] = staffIds as [string, string, string, string];
  const actor = (userId: string, id: string, role: Role, dispatcher = false): Actor => ({ userId, member: { id, role, dispatcher } });
  const admin = actor(adminM.userId, adminM.id, 'ADMIN');
  const staffActor = async (membershipId: string) => {
    const m = await db.membership.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: membershipId } }, select: { userId: true, dispatcher: true } });
    return actor(m.userId, membershipId, 'STAFF', m.dispatcher);
  };
  const S = { zhang: await staffActor(zhang), zhao: await staffActor(zhao), zhou: await staffActor(zhou) };
  const me = actor(residentM.userId, residentM.id, 'RESIDENT');

  // A few more households sign in (by their register phone): they order, confirm and rate.
  const communities = await db.community.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const cuizhu = communities.find((c) => c.name === '翠竹园')!;
  const yinxing = communities.find((c) => c.name === '银杏里')!;
  const owners = await db.resident.findMany({
    where: { tenantId, kind: 'OWNER', userId: null, archivedAt: null, unit: { building: { name: { in: ['2号楼', '3号楼'] } } } },
    orderBy: [{ phone: 'asc' }],
    select: { id: true, name: true, phone: true, unitId: true, unit: { select: { communityId: true } } },
  });
  const pick = (communityId: string, n: number) => owners.filter((o) => o.unit.communityId === communityId).slice(0, n);
  const households: (Actor & { unitId: string; communityId: string })[] = [];
  for (const o of [...pick(cuizhu.id, 4), ...pick(yinxing.id, 3)]) {
    const phone = normalizePhone(o.phone);
    const user = await db.user.create({ data: { name: o.name, ...(phone ? { phone } : {}) }, select: { id: true } });
    const m = await db.membership.create({ data: { tenantId, userId: user.id, role: 'RESIDENT' }, select: { id: true } });
    await db.resident.updateMany({ where: { tenantId, id: o.id }, data: { userId: user.id } });
    households.push({ ...actor(user.id, m.id, 'RESIDENT'), unitId: o.unitId, communityId: o.unit.communityId });
  }
  // Households without an account: their orders are phoned in and recorded by the office.
  const phoneIn = await db.unit.findMany({
    where: { tenantId, status: 'OCCUPIED', building: { name: { in: ['4号楼', '5号楼'] } }, residents: { some: { userId: null } } },
    orderBy: [{ number: 'asc' }, { id: 'asc' }],
    take: 8,
    select: { id: true, communityId: true },
  });

  // ── catalogue lookups ───────────────────────────────────────────────────────
  const items = await db.serviceItem.findMany({ where: { tenantId }, select: { id: true, name: true, categoryId: true } });
  const item = (name: string) => {
    const i = items.find((x) => x.name === name);
    if (!i) throw new Error(`demo: no service item ${name}`);
    return i;
  };

  // ── stations, target ────────────────────────────────────────────────────────
  const scopeAt = (who: Actor, when: Date) => tenantScope(db, tenant, who.userId, when);
  const adminNow = scopeAt(admin, now);
  const days = (open: [string, string][], days: string[]) =>
    Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, days.includes(d) ? open : []]));
  const newYear = `${year + 1}-01-01`;
  /** An opening day this year, or a recent one early in the year (never in the future). */
  const opened = (monthDay: string, daysAgo: number) => (`${year}-${monthDay}` <= today ? `${year}-${monthDay}` : addDays(today, -daysAgo));
  const itemIds = (...names: string[]) => names.map((n) => item(n).id);
  const stationA = await createStation(
    adminNow,
    ZCreateStation.parse({
      name: '翠竹园睦宁里服务站',
      communityIds: [cuizhu.id],
      place: '3号楼架空层（东侧）',
      weeklyHours: days(
        [
          ['08:00', '12:00'],
          ['14:00', '20:00'],
        ],
        ['1', '2', '3', '4', '5', '6', '7'],
      ),
      exceptions: [{ date: newYear, hours: [['09:00', '12:00']] }],
      itemIds: itemIds('裤脚改短', '钉纽扣', '更换拉链', '衣物缝补', '水龙头维修', '门锁维修', '更换灯泡', '代收快递', '工具借用', '磨刀', '自行车打气'),
      staffIds: [zhang, zhou],
      elementKeys: ['sewing', 'small-repair', 'daily', 'emergency', 'hours', 'staff', 'feedback'],
      openedOn: opened('03-18', 30),
    }),
  );
  await createStation(
    adminNow,
    ZCreateStation.parse({
      name: '银杏里便民服务点',
      communityIds: [yinxing.id],
      place: '物业服务中心一楼',
      weeklyHours: { ...days([['09:00', '18:00']], ['1', '2', '3', '4', '5']), '6': [['09:00', '12:00']] },
      exceptions: [{ date: newYear, hours: [] }],
      itemIds: itemIds('钉纽扣', '更换灯泡', '小家电维修', '代收快递', '工具借用'),
      staffIds: [zhao],
      elementKeys: ['sewing', 'daily', 'hours', 'staff'],
      openedOn: opened('06-01', 20),
    }),
  );
  await createStation(
    adminNow,
    ZCreateStation.parse({
      name: '睦宁里周末流动服务点',
      communityIds: [cuizhu.id, yinxing.id],
      place: '翠竹园南门广场（周六）、银杏里中心花园（周日）',
      weeklyHours: days([['09:00', '11:30']], ['6', '7']),
      itemIds: itemIds('磨刀', '钉纽扣', '裤脚改短'),
      staffIds: [zhou],
      elementKeys: ['sewing', 'daily', 'hours'],
      openedOn: opened('09-20', 10),
    }),
  );
  await setStationTarget(adminNow, { year, target: 10 });

  // ── announcements ───────────────────────────────────────────────────────────
  const both = [cuizhu.id, yinxing.id];
  await publishAnnouncement(scopeAt(admin, at(24 * 12)), {
    title: '睦宁里服务站开放时间调整',
    body: '翠竹园睦宁里服务站每天 8:00–12:00、14:00–20:00 开放，提供针线缝补、小修小补、代收快递、工具借用等便民服务。元旦当天上午开放。',
    communityIds: both,
    alsoSms: false,
  });
  await publishAnnouncement(scopeAt(admin, at(24 * 4)), {
    title: '银杏里 3 号楼二次供水水箱清洗',
    body: '本周六 9:00–15:00 清洗 3 号楼二次供水水箱，期间暂停供水，请提前储水。给您带来不便，敬请谅解。',
    communityIds: [yinxing.id],
    alsoSms: false,
  });
  await publishAnnouncement(scopeAt(admin, at(30)), {
    title: '冬季管道防冻提醒',
    body: '近期气温走低，请关好门窗，包裹室外水表和裸露水管。如遇管道冻裂漏水，请在“报修与服务”中提交应急维修，或拨打物业值班电话，我们 24 小时响应。',
    communityIds: both,
    pinnedUntil: addDays(today, 14),
    alsoSms: false,
  });

  // ── work orders ─────────────────────────────────────────────────────────────
  // Each helper runs one service as `who` at `hoursAgo`.
  const as = (who: Actor, hoursAgo: number) => scopeAt(who, at(hoursAgo));
  const monthStart = instantOf(`${today.slice(0, 7)}-01`, 0, tenant.timeZone).getTime();
  /** A paid order closes in the open month (its bill's period), however the hours fall. */
  const closeAt = (hoursAgo: number) => Math.min(hoursAgo, Math.max(0.05, (now.getTime() - monthStart) / HOUR - 0.05));

  const request = async (
    who: Actor,
    hoursAgo: number,
    name: string,
    text: string,
    extra: { stationId?: string; preferredTime?: string; unitId?: string } = {},
  ) => {
    const i = item(name);
    return (
      await createRequest(as(who, hoursAgo), who.member, {
        categoryId: i.categoryId,
        itemId: i.id,
        text,
        preferredTime: extra.preferredTime ?? '',
        photoIds: [],
        ...(extra.stationId ? { stationId: extra.stationId } : {}),
        ...(extra.unitId ? { unitId: extra.unitId } : {}),
      })
    ).id;
  };
  const phoned = async (hoursAgo: number, unit: { id: string; communityId: string }, name: string, text: string) => {
    const i = item(name);
    return (
      await createOrder(as(admin, hoursAgo), admin.member, {
        communityId: unit.communityId,
        unitId: unit.id,
        categoryId: i.categoryId,
        itemId: i.id,
        text,
        preferredTime: '',
        photoIds: [],
      })
    ).id;
  };
  const assign = (orderId: string, hoursAgo: number, to: Actor) => assignOrder(as(admin, hoursAgo), admin.member, { orderId, assigneeId: to.member.id });
  const work = async (orderId: string, staff: Actor, steps: { accept: number; start?: number; complete?: number; note?: string }) => {
    await acceptOrder(as(staff, steps.accept), staff.member, { orderId });
    if (steps.start !== undefined) await startOrder(as(staff, steps.start), staff.member, { orderId });
    if (steps.complete !== undefined) await completeOrder(as(staff, steps.complete), staff.member, { orderId, note: steps.note ?? '', photoIds: [] });
  };
  const confirm = (orderId: string, who: Actor, hoursAgo: number, rating: number, comment: string) =>
    confirmOrder(as(who, hoursAgo), who.member, { orderId, rating, comment });

  const household = (i: number) => {
    const h = households[i];
    if (!h) throw new Error(`demo: household ${i} missing`);
    return h;
  };
  const [h1, h2, h3, h4, y1, y2, y3] = [household(0), household(1), household(2), household(3), household(4), household(5), household(6)];

  // The demo resident: a new sewing request at the station, a quote to answer, a completed
  // order to confirm, and an older one closed with a rating.
  await request(me, 0.7, '裤脚改短', '两条西裤裤脚各改短 3 厘米，周六上午送到服务站。', { stationId: stationA.id, preferredTime: '周六上午' });
  const tap = await request(me, 20, '水龙头维修', '厨房水龙头一直滴水，关紧也不行。', { preferredTime: '工作日晚上 7 点后' });
  await assign(tap, 19.5, S.zhang);
  await work(tap, S.zhang, { accept: 19 });
  await quoteOrder(as(S.zhang, 18), S.zhang.member, { orderId: tap, priceFen: 8000, note: '需更换阀芯（含材料）。' });
  const buttons = await request(me, 30, '钉纽扣', '大衣掉了两颗扣子，扣子自备。', { stationId: stationA.id });
  await assign(buttons, 29, S.zhou);
  await work(buttons, S.zhou, { accept: 28.5, start: 6, complete: 5, note: '两颗纽扣已钉好，可到服务站领取。' });
  const bulb = await request(me, 24 * 9, '更换灯泡', '卫生间吸顶灯不亮，灯泡已买好。');
  await assign(bulb, 24 * 9 - 0.5, S.zhao);
  await work(bulb, S.zhao, { accept: 24 * 9 - 0.7, start: 24 * 8 - 2, complete: 24 * 8 - 2.5 });
  await confirm(bulb, me, 24 * 8 - 6, 5, '师傅准时上门，很专业，谢谢！');

  // An assigned repair (not yet accepted) and one in progress.
  const lock = await request(h1, 5, '门锁维修', '入户门锁有时打不开，钥匙插进去转不动。', { preferredTime: '今天下午' });
  await assign(lock, 4, S.zhang);
  const fan = await request(y1, 26, '更换灯泡', '客厅灯管闪烁，需要更换。');
  await assign(fan, 25, S.zhao);
  await work(fan, S.zhao, { accept: 24.5, start: 3 });
  await addNote(as(S.zhao, 2.5), S.zhao.member, { orderId: fan, note: '灯座也有老化，已一并检查。', toResident: true, photoIds: [] });

  // An emergency leak reported hours ago that nobody has answered: overdue on the board.
  await phoned(3, phoneIn[0]!, '管道漏水抢修', '卫生间墙内水管渗水，楼下住户天花板在滴水，请尽快处理！');

  // Completed, awaiting the resident's confirmation.
  const hem = await request(h2, 50, '裤脚改短', '牛仔裤改短 5 厘米。', { stationId: stationA.id });
  await assign(hem, 49, S.zhou);
  await work(hem, S.zhou, { accept: 48, start: 30, complete: 28, note: '已改好，放在服务站。' });
  const kettle = await request(y2, 60, '小家电维修', '电水壶不加热了。');
  await assign(kettle, 58, S.zhao);
  await work(kettle, S.zhao, { accept: 57 });
  await quoteOrder(as(S.zhao, 56), S.zhao.member, { orderId: kettle, priceFen: 3500, note: '温控器损坏，需更换。' });
  await acceptQuote(as(y2, 40), y2.member, { orderId: kettle });
  await startOrder(as(S.zhao, 30), S.zhao.member, { orderId: kettle });
  await completeOrder(as(S.zhao, 26), S.zhao.member, { orderId: kettle, note: '已更换温控器，测试正常。', photoIds: [] });

  // Closed and rated by the household (mostly 4–5, some 2–3).
  const rated: [Actor, string, string, number, number, string][] = [
    [h1, '钉纽扣', '衬衫扣子掉了三颗。', 24 * 20, 5, '很快就好了，服务站阿姨很热情。'],
    [h2, '更换灯泡', '厨房灯不亮。', 24 * 17, 4, '修好了，就是等了一天。'],
    [h3, '自行车打气', '电动车前胎没气。', 24 * 15, 5, '方便！'],
    [h4, '钉纽扣', '羽绒服袖口的按扣掉了。', 24 * 13, 3, '钉上了，但扣子颜色不太一样。'],
    [y1, '工具借用', '借人字梯挂窗帘。', 24 * 11, 5, '借还都很方便。'],
    [y3, '楼道灯维修', '2 单元 5 楼楼道灯不亮。', 24 * 7, 2, '报了两次才来修，希望快一点。'],
    [h3, '更换灯泡', '阳台灯泡坏了。', 24 * 2.5, 4, ''],
  ];
  for (const [who, name, text, hoursAgo, rating, comment] of rated) {
    const staff = name === '钉纽扣' ? S.zhou : name === '自行车打气' || name === '工具借用' ? S.zhang : S.zhao;
    const id = await request(who, hoursAgo, name, text);
    await assign(id, hoursAgo - 0.3, staff);
    await work(id, staff, { accept: hoursAgo - 0.5, start: hoursAgo - 2, complete: hoursAgo - 3 });
    await confirm(id, who, hoursAgo - 8, rating, comment);
  }
  // A paid one closed this month: its bill is the household's.
  const zipper = await request(h4, 60, '更换拉链', '外套拉链坏了，换一条新的。', { stationId: stationA.id });
  await assign(zipper, 59, S.zhou);
  await work(zipper, S.zhou, { accept: 58, start: 40, complete: 36 });
  await confirm(zipper, h4, closeAt(20), 5, '换得很好，价格实惠。');

  // Completed more than 3 days ago, nobody confirmed: the sweep closes them and they wait for
  // a return visit (回访); one was already called and rated by phone.
  const visits = [
    [phoneIn[1]!, '钉纽扣', '老人的外套扣子掉了，请上门取送。', 24 * 6],
    [phoneIn[2]!, '楼道灯维修', '1 单元 3 楼楼道灯不亮。', 24 * 5],
    [phoneIn[3]!, '更换灯泡', '门厅灯不亮。', 24 * 8],
  ] as const;
  const unrated: string[] = [];
  for (const [unit, name, text, hoursAgo] of visits) {
    const id = await phoned(hoursAgo, unit, name, text);
    const staff = name === '钉纽扣' ? S.zhou : S.zhao;
    await assign(id, hoursAgo - 0.5, staff);
    await work(id, staff, { accept: hoursAgo - 1, start: hoursAgo - 3, complete: hoursAgo - 4 });
    unrated.push(id);
  }
  await sweepWorkOrders(tenantScope(db, tenant, 'system:work-orders', now));
  await recordReturnVisit(as(admin, 2), admin.member, { orderId: unrated[2]!, rating: 4, comment: '电话回访：住户表示满意。' });

  // A cancelled request.
  const cancelled = await request(h1, 24 * 2, '门锁维修', '防盗门锁芯坏了。');
  await cancelMine(as(h1, 24 * 2 - 3), h1.member, { orderId: cancelled, reason: '已自行更换锁芯' });
}
