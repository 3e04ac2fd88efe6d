import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, type TestUser } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { setDatabase } from '@/server/db';
import { withTenant } from '@/server/db/tenant';
import { AppError } from '@/server/errors';
import { issueKey } from '@/server/shared/zod-errors';
import { localDate, addDays } from '@/server/shared/calendar';
import { LocalDiskStorage, setUploadStorage } from '@/server/uploads/storage';
import { checkUpload, storeUpload } from '@/server/uploads/upload';

// #15 announcements (公告): an admin publishes to communities; their residents see it on the
// home page (pinned first while pinned) and are notified in one set-based insert; residents
// without an account get an SMS only when asked; the image is served to who may see the notice.

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; name: string } }));
vi.mock('@/server/auth/session', () => ({ currentSession: async () => session.user }));
const signIn = (u: TestUser | null) => (session.user = u ? { userId: u.id, email: u.email, name: u.name } : null);

const keyOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    const cause = e instanceof TRPCError ? e.cause : e;
    if (cause instanceof AppError) return cause.key;
    if (cause instanceof ZodError) return issueKey(cause.issues[0]?.message ?? '').key;
    return String(e);
  }
};

describe.skipIf(!pgServerUrl())('announcements (PostgreSQL)', () => {
  let t: TestDatabase;
  let dir: string;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  const id = {} as Record<'c1' | 'c2' | 'u1' | 'u2', string>;
  let inC1: TestUser; // a resident with an account in community 1 (two homes there)
  let inC2: TestUser; // … in community 2
  let staff: TestUser;
  const today = () => localDate('Asia/Shanghai');

  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
    dir = mkdtempSync(join(tmpdir(), 'linli-announcements-'));
    setUploadStorage(new LocalDiskStorage(dir));
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    const s = A.slug;
    const c1 = await A.as.property.createCommunity({ tenant: s, name: '东园' });
    const c2 = await A.as.property.createCommunity({ tenant: s, name: '西园' });
    const b1 = await A.as.property.createBuilding({ tenant: s, communityId: c1.id, name: '1号楼' });
    const b2 = await A.as.property.createBuilding({ tenant: s, communityId: c2.id, name: '2号楼' });
    const u1 = await A.as.property.createUnit({ tenant: s, buildingId: b1.id, number: '101', floor: 1, area: '80.00' });
    const u1b = await A.as.property.createUnit({ tenant: s, buildingId: b1.id, number: '102', floor: 1, area: '80.00' });
    const u2 = await A.as.property.createUnit({ tenant: s, buildingId: b2.id, number: '201', floor: 2, area: '80.00' });
    Object.assign(id, { c1: c1.id, c2: c2.id, u1: u1.id, u2: u2.id });
    inC1 = await addMember(t.db, A.tenant.id, 'RESIDENT');
    inC2 = await addMember(t.db, A.tenant.id, 'RESIDENT');
    staff = await addMember(t.db, A.tenant.id, 'STAFF');
    const r1 = await A.as.property.createResident({ tenant: s, unitId: u1.id, name: '东一', phone: '13800000011' });
    const r1b = await A.as.property.createResident({ tenant: s, unitId: u1b.id, name: '东一', phone: '13800000011' });
    const r2 = await A.as.property.createResident({ tenant: s, unitId: u2.id, name: '西二', phone: '13800000022' });
    // without an account: a mobile (texted when asked), twice written differently (one text), a landline (never)
    await A.as.property.createResident({ tenant: s, unitId: u1.id, name: '东三', phone: '+86 138-0000-0033' });
    await A.as.property.createResident({ tenant: s, unitId: u1b.id, name: '东三', phone: '13800000033' });
    await A.as.property.createResident({ tenant: s, unitId: u1b.id, name: '东四', phone: '025-8888 6666' });
    await withTenant(t.db.prisma, A.tenant.id, async (db) => {
      await db.resident.updateMany({ where: { tenantId: A.tenant.id, id: { in: [r1.id, r1b.id] } }, data: { userId: inC1.id } });
      await db.resident.updateMany({ where: { tenantId: A.tenant.id, id: r2.id }, data: { userId: inC2.id } });
    });
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const notes = (userId: string) =>
    withTenant(t.db.prisma, A.tenant.id, (db) => db.notification.findMany({ where: { tenantId: A.tenant.id, userId, kind: 'announcement' } }));
  const texts = () => withTenant(t.db.prisma, A.tenant.id, (db) => db.outboxMessage.findMany({ where: { tenantId: A.tenant.id, channel: 'SMS' } }));

  it('publishes to a community: its residents see it and are notified once; another community’s are not', async () => {
    const r = await A.as.announcements.publish({ tenant: A.slug, title: '停水通知', body: '周六 9:00–12:00 东园停水检修。', communityIds: [id.c1] });
    expect(r).toMatchObject({ notified: 1, texted: 0 });
    const mine = await callerFor(t.db, inC1).announcements.listMine({ tenant: A.slug });
    expect(mine.map((a) => a.title)).toEqual(['停水通知']);
    expect(await callerFor(t.db, inC2).announcements.listMine({ tenant: A.slug })).toEqual([]);
    const n = await notes(inC1.id);
    expect(n).toHaveLength(1); // two homes in the community, one notification
    expect(n[0]).toMatchObject({ title: '公告：停水通知', link: `/${A.slug}` });
    expect(await notes(inC2.id)).toHaveLength(0);
    expect(await texts()).toHaveLength(0); // SMS is off unless asked
  });

  it('also SMS: one text per mobile of residents without an account in those communities', async () => {
    const r = await A.as.announcements.publish({
      tenant: A.slug,
      title: '消防演练',
      body: '下周三下午消防演练。',
      communityIds: [id.c1, id.c2],
      alsoSms: true,
    });
    expect(r).toMatchObject({ notified: 2, texted: 1 });
    const sms = await texts();
    expect(sms.map((m) => m.recipient)).toEqual(['13800000033']);
    expect(sms[0]!.body).toContain('消防演练');
  });

  it('pinned notices come first while pinned, then the newest; archived ones are gone', async () => {
    const pinned = await A.as.announcements.publish({
      tenant: A.slug,
      title: '物业费调整说明',
      body: '详见公告栏。',
      communityIds: [id.c1],
      pinnedUntil: addDays(today(), 3),
    });
    const newest = await A.as.announcements.publish({ tenant: A.slug, title: '电梯保养', body: '3号梯保养一天。', communityIds: [id.c1] });
    const me = callerFor(t.db, inC1);
    let mine = await me.announcements.listMine({ tenant: A.slug });
    expect(mine.map((a) => a.title)).toEqual(['物业费调整说明', '电梯保养', '消防演练', '停水通知']);
    expect(mine[0]).toMatchObject({ pinned: true, pinnedThrough: addDays(today(), 3) });
    // the pin has ended: back among the others by date
    await withTenant(t.db.prisma, A.tenant.id, (db) =>
      db.announcement.updateMany({ where: { tenantId: A.tenant.id, id: pinned.id }, data: { pinnedUntil: new Date(Date.now() - 1000) } }),
    );
    mine = await me.announcements.listMine({ tenant: A.slug });
    expect(mine.map((a) => a.title)).toEqual(['电梯保养', '物业费调整说明', '消防演练', '停水通知']);
    await A.as.announcements.archive({ tenant: A.slug, id: newest.id });
    mine = await me.announcements.listMine({ tenant: A.slug });
    expect(mine.map((a) => a.title)).not.toContain('电梯保养');
    const list = await A.as.announcements.list({ tenant: A.slug, includeArchived: true });
    expect(list.total).toBe(4);
    expect(list.rows.find((a) => a.id === newest.id)).toMatchObject({ archived: true });
  });

  it('bad input gets keyed errors', async () => {
    const base = { tenant: A.slug, title: '标题', body: '内容', communityIds: [id.c1] };
    expect(await keyOf(A.as.announcements.publish({ ...base, title: '  ' }))).toBe('announcementTitleRequired');
    expect(await keyOf(A.as.announcements.publish({ ...base, body: '' }))).toBe('announcementBodyRequired');
    expect(await keyOf(A.as.announcements.publish({ ...base, title: 'x'.repeat(101) }))).toBe('tooLongNamed');
    expect(await keyOf(A.as.announcements.publish({ ...base, communityIds: [] }))).toBe('chooseCommunity');
    expect(await keyOf(A.as.announcements.publish({ ...base, pinnedUntil: addDays(today(), -1) }))).toBe('pinnedUntilPast');
    expect(await keyOf(A.as.announcements.publish({ ...base, pinnedUntil: '2026-13-01' }))).not.toBe('OK');
    expect(await keyOf(A.as.announcements.publish({ ...base, imageId: '0190f0f0-0000-7000-8000-000000000000' }))).toBe('announcementImageInvalid');
  });

  it('company B cannot publish to, read, archive or see images of A’s announcements; residents and staff cannot publish', async () => {
    const list = await A.as.announcements.list({ tenant: A.slug });
    const aId = list.rows[0]!.id;
    expect(await code(B.as.announcements.list({ tenant: A.slug }))).toBe('NOT_FOUND');
    expect(await code(B.as.announcements.archive({ tenant: A.slug, id: aId }))).toBe('NOT_FOUND');
    expect(await code(B.as.announcements.archive({ tenant: B.slug, id: aId }))).toBe('NOT_FOUND');
    expect(await code(B.as.announcements.getImage({ tenant: B.slug, id: aId }))).toBe('NOT_FOUND');
    expect(await code(B.as.announcements.publish({ tenant: B.slug, title: 'x', body: 'y', communityIds: [id.c1] }))).toBe('NOT_FOUND');
    expect((await B.as.announcements.list({ tenant: B.slug })).total).toBe(0);
    expect(await code(callerFor(t.db, inC1).announcements.publish({ tenant: A.slug, title: 'x', body: 'y', communityIds: [id.c1] }))).toBe('FORBIDDEN');
    expect(await code(callerFor(t.db, staff).announcements.publish({ tenant: A.slug, title: 'x', body: 'y', communityIds: [id.c1] }))).toBe('FORBIDDEN');
  });

  it('the image: its admins and residents of its communities get it; other residents, B and the signed-out get 404', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const up = await storeUpload(
      { tenantId: A.tenant.id, userId: A.admin.id },
      'announcement-image',
      'notice.png',
      await checkUpload('announcement-image', new Uint8Array(png)),
    );
    const { id: annId } = await A.as.announcements.publish({ tenant: A.slug, title: '社区活动', body: '周末义剪。', communityIds: [id.c2], imageId: up.id });
    const mine = await callerFor(t.db, inC2).announcements.listMine({ tenant: A.slug });
    expect(mine[0]).toMatchObject({ title: '社区活动', imageUrl: `/api/announcement-images/${A.slug}/${annId}` });
    const { GET } = await import('@/app/api/announcement-images/[tenant]/[announcementId]/route');
    const get = async (who: TestUser | null, slug = A.slug, thumb = false) => {
      signIn(who);
      const res = await GET(new Request(`http://localhost:3000/api/announcement-images/${slug}/${annId}${thumb ? '?thumb=1' : ''}`), {
        params: Promise.resolve({ tenant: slug, announcementId: annId }),
      });
      return { status: res.status, type: res.headers.get('content-type') };
    };
    expect(await get(A.admin)).toEqual({ status: 200, type: 'image/png' });
    expect(await get(inC2, A.slug, true)).toEqual({ status: 200, type: 'image/webp' });
    expect((await get(inC1)).status).toBe(404);
    expect((await get(staff)).status).toBe(404);
    expect((await get(B.admin)).status).toBe(404);
    expect((await get(B.admin, B.slug)).status).toBe(404);
    expect((await get(null)).status).toBe(404);
  });
});
