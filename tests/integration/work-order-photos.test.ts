import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, makeRegister, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { setDatabase } from '@/server/db';
import { withScope } from '@/server/db/scope';
import { withTenant } from '@/server/db/tenant';
import { AppError } from '@/server/errors';
import { LocalDiskStorage, setUploadStorage, uploadStorage } from '@/server/uploads/storage';
import { claimOrderPhotos } from '@/server/uploads/photos';

// #15 photos: the upload route takes only real images for work-order photos (re-encoded, with a
// thumbnail); a work-order service attaches only the caller's own, unattached photo uploads of
// this company; the photo route serves a photo only to who may see its order (else 404).

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; name: string } }));
vi.mock('@/server/auth/session', () => ({ currentSession: async () => session.user }));
const signIn = (u: TestUser | null) => (session.user = u && { userId: u.id, email: u.email, name: u.name });

type Handler = (req: Request, ctx: { params: Promise<{ tenant: string; photoId: string }> }) => Promise<Response>;

describe.skipIf(!pgServerUrl())('work-order photos (PostgreSQL)', () => {
  let t: TestDatabase;
  let dir: string;
  let POST: (req: Request) => Promise<Response>;
  let GET: Handler;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: { tenantId: string; slug: string; admin: TestUser };
  const u = {} as Record<'resident' | 'neighbour' | 'staff' | 'assignee' | 'executive' | 'residentB', TestUser>;
  let orderId: string;
  let jpeg: Buffer;

  const upload = async (slug: string, purpose: string, bytes: Uint8Array, name: string, type = 'image/jpeg') => {
    const form = new FormData();
    form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
    const r = await POST(new Request(`http://localhost:3000/api/uploads?tenant=${slug}&purpose=${purpose}`, { method: 'POST', body: form }));
    return { status: r.status, body: (await r.json()) as { id: string; thumbId?: string; contentType: string; error?: { key: string } } };
  };
  const photoOf = (slug: string, photoId: string, thumb = false) =>
    GET(new Request(`http://localhost:3000/api/work-order-photos/${slug}/${photoId}${thumb ? '?thumb=1' : ''}`), {
      params: Promise.resolve({ tenant: slug, photoId }),
    });
  const claimAs = (user: TestUser, ids: string[], tenantId = A.tenant.id, order = orderId) =>
    withScope(t.db.prisma, tenantId, user.id, (scope) => claimOrderPhotos(scope, order, ids, 'request'));
  const keyOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'OK';
    } catch (e) {
      return e instanceof AppError ? e.key : String(e);
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
    dir = mkdtempSync(join(tmpdir(), 'linli-photos-'));
    setUploadStorage(new LocalDiskStorage(dir));
    POST = (await import('@/app/api/uploads/route')).POST;
    GET = (await import('@/app/api/work-order-photos/[tenant]/[photoId]/route')).GET as Handler;
    A = await makeTenant(t.db, '照片物业');
    // another company: a bare row and its members (no sign-up needed)
    const other = await t.db.prisma.tenant.create({ data: { slug: uniq('other'), name: '别家物业' } });
    B = { tenantId: other.id, slug: other.slug, admin: await addMember(t.db, other.id, 'ADMIN') };
    const reg = await makeRegister(t.db, A);
    const unit102 = await A.as.property.createUnit({ tenant: A.slug, buildingId: reg.building.id, number: '102', floor: 1, area: '70.00' });
    for (const k of ['resident', 'neighbour'] as const) u[k] = await addMember(t.db, A.tenant.id, 'RESIDENT');
    u.staff = await addMember(t.db, A.tenant.id, 'STAFF');
    u.assignee = await addMember(t.db, A.tenant.id, 'STAFF');
    u.executive = await addMember(t.db, A.tenant.id, 'EXECUTIVE');
    u.residentB = await addMember(t.db, B.tenantId, 'RESIDENT');
    orderId = await withTenant(t.db.prisma, A.tenant.id, async (db) => {
      const tenantId = A.tenant.id;
      await db.resident.update({ where: { tenantId_id: { tenantId, id: reg.resident.id } }, data: { userId: u.resident.id } });
      await db.resident.create({ data: { tenantId, unitId: unit102.id, name: '李四', userId: u.neighbour.id } });
      const assignee = await db.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId, userId: u.assignee.id } } });
      const category = await db.serviceCategory.create({ data: { tenantId, name: uniq('维修') } });
      const order = await db.workOrder.create({
        data: {
          tenantId,
          number: 1,
          communityId: reg.community.id,
          unitId: reg.unit.id,
          requesterId: u.resident.id,
          categoryId: category.id,
          text: '厨房漏水',
          period: '2026-12',
          firstResponseDueAt: new Date(),
          resolveDueAt: new Date(),
          assigneeId: assignee.id,
          status: 'ASSIGNED',
          createdById: u.resident.id,
        },
      });
      return order.id;
    });
    jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 90, b: 30 } } })
      .jpeg()
      .toBuffer();
  });
  afterAll(async () => {
    signIn(null);
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses what is not a PNG, JPEG or WebP image (PDF, SVG, text named .jpg) with a clear key, and roles without a work-order permission', async () => {
    signIn(u.resident);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const text = new TextEncoder().encode('just some text, honestly a photo');
    const refused = await Promise.all([
      upload(A.slug, 'work-order-photo', pdf, 'leak.pdf', 'application/pdf'),
      upload(A.slug, 'work-order-photo', svg, 'leak.svg', 'image/svg+xml'),
      upload(A.slug, 'work-order-photo', text, 'leak.jpg'),
    ]);
    expect(refused.map((r) => [r.status, r.body.error?.key])).toEqual([
      [400, 'uploadNotImage'],
      [400, 'uploadSvg'],
      [400, 'uploadNotImage'],
    ]);
    // staff and dispatchers may upload work-order photos; an executive (read-only) may not
    signIn(u.executive);
    expect((await upload(A.slug, 'work-order-photo', jpeg, 'a.jpg')).status).toBe(403);
    // over 10 MB: 413 with the image key
    signIn(u.staff);
    const big = await upload(A.slug, 'work-order-photo', new Uint8Array(10 * 1024 * 1024 + 1), 'big.jpg');
    expect([big.status, big.body.error?.key]).toEqual([413, 'uploadImageTooLarge']);
  });

  it('re-encodes an image and stores a WebP thumbnail that fits in 320×320 beside it', async () => {
    signIn(u.resident);
    const r = await upload(A.slug, 'work-order-photo', jpeg, 'leak.jpg');
    expect(r.status).toBe(201);
    expect(r.body.thumbId).toBe(`${r.body.id}-thumb`);
    const main = await uploadStorage().get(`${A.tenant.id}/${r.body.id}`);
    const thumb = await uploadStorage().get(`${A.tenant.id}/${r.body.thumbId}`);
    expect(main!.meta).toMatchObject({ purpose: 'work-order-photo', contentType: 'image/jpeg', userId: u.resident.id });
    expect(await sharp(main!.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 800 });
    expect(thumb!.meta).toMatchObject({ purpose: 'thumbnail', contentType: 'image/webp' });
    expect(await sharp(thumb!.bytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 213 });
  });

  it('claims only the caller’s own unattached work-order photo uploads of this company', async () => {
    signIn(u.resident);
    const mine = (await upload(A.slug, 'work-order-photo', jpeg, 'mine.jpg')).body.id;
    signIn(u.staff);
    const staffs = (await upload(A.slug, 'work-order-photo', jpeg, 'staff.jpg')).body.id;
    signIn(A.admin);
    const register = (await upload(A.slug, 'photo', jpeg, 'register.jpg')).body.id;
    signIn(u.residentB);
    const elsewhere = (await upload(B.slug, 'work-order-photo', jpeg, 'b.jpg')).body.id;

    expect(await keyOf(claimAs(u.resident, [staffs]))).toBe('photoNotYours');
    expect(await keyOf(claimAs(A.admin, [register]))).toBe('photoWrongPurpose');
    expect(await keyOf(claimAs(u.resident, [elsewhere]))).toBe('notFound.upload');
    expect(await keyOf(claimAs(u.resident, [`${mine}-thumb`]))).toBe('notFound.upload');
    expect(
      await keyOf(
        claimAs(
          u.resident,
          Array.from({ length: 7 }, () => crypto.randomUUID()),
        ),
      ),
    ).toBe('tooManyPhotos');
    const [row] = await claimAs(u.resident, [mine]);
    expect(row).toMatchObject({ uploadId: mine, thumbId: `${mine}-thumb` });
    expect(await keyOf(claimAs(u.resident, [mine]))).toBe('photoAlreadyUsed');
    // nothing of the refused claims was written
    const rows = await withTenant(t.db.prisma, A.tenant.id, (db) => db.workOrderPhoto.findMany({ where: { tenantId: A.tenant.id } }));
    expect(rows.map((p) => [p.uploadId, p.stage, p.uploadedBy])).toEqual([[mine, 'request', u.resident.id]]);
  });

  it('serves the photo to who may see the order and 404s everyone else', async () => {
    signIn(u.resident);
    const id = (await upload(A.slug, 'work-order-photo', jpeg, 'leak.jpg')).body.id;
    const [photo] = await claimAs(u.resident, [id]);

    const full = await photoOf(A.slug, photo!.id);
    expect(full.status).toBe(200);
    expect(Object.fromEntries(full.headers)).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
    });
    expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width).toBe(1200);
    const thumb = await photoOf(A.slug, photo!.id, true);
    expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/webp']);

    for (const who of [u.assignee, A.admin]) {
      signIn(who);
      expect((await photoOf(A.slug, photo!.id)).status, who.name).toBe(200);
    }
    // another unit's resident, staff not assigned, another company's member (with A's slug and
    // with their own), signed out, an id that is no photo
    for (const [who, slug] of [
      [u.neighbour, A.slug],
      [u.staff, A.slug],
      [B.admin, A.slug],
      [B.admin, B.slug],
      [null, A.slug],
    ] as const) {
      signIn(who);
      const r = await photoOf(slug, photo!.id);
      expect(r.status, `${who?.name ?? 'signed out'} at ${slug}`).toBe(404);
      expect(r.headers.get('content-type')).not.toMatch(/^image/);
    }
    signIn(u.resident);
    expect((await photoOf(A.slug, id)).status).toBe(404);
  });
});
