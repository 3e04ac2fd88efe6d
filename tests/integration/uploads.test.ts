import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { TRPCError } from '@trpc/server';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { callerFor, uniq, type TestUser } from '../helpers/fixtures';
import { setDatabase } from '@/server/db';
import { LocalDiskStorage, setUploadStorage, uploadStorage } from '@/server/uploads/storage';

// #12 accounts point 8: the one upload route. Authorized before the body is read, 25 MB cut
// off while streaming, type by content, images re-encoded, SVG refused; the imports read it.

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; name: string } }));
vi.mock('@/server/auth/session', () => ({ currentSession: async () => session.user }));
const signIn = (u: TestUser) => (session.user = { userId: u.id, email: u.email, name: u.name });

const multipart = (file: Blob, name: string) => {
  const form = new FormData();
  form.set('file', new File([file], name, { type: file.type }));
  return form;
};

describe.skipIf(!pgServerUrl())('upload route (PostgreSQL)', () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let dir: string;
  let POST: (req: Request) => Promise<Response>;
  const company = async (role: 'ADMIN' | 'CASHIER' = 'ADMIN') => {
    const slug = uniq('up');
    const [tenant] = (
      await owner.query<{ id: string }>(`insert into "Tenant" (id, slug, name) values (gen_random_uuid()::text, $1, '上传物业') returning id`, [slug])
    ).rows;
    const add = async (r: string) => {
      const email = `${uniq(r.toLowerCase())}@example.test`;
      const [u] = (await owner.query<{ id: string }>(`insert into "User" (id, email, name) values (gen_random_uuid()::text, $1, $2) returning id`, [email, r]))
        .rows;
      await owner.query(`insert into "Membership" ("tenantId", id, "userId", role) values ($1, gen_random_uuid()::text, $2, $3)`, [tenant!.id, u!.id, r]);
      return { id: u!.id, email, name: r } as TestUser;
    };
    const admin = await add('ADMIN');
    const other = role === 'ADMIN' ? admin : await add(role);
    return { tenantId: tenant!.id, slug, admin, user: other };
  };
  const send = (slug: string, purpose: string, body: BodyInit, headers: Record<string, string> = {}) =>
    POST(new Request(`http://localhost:3000/api/uploads?tenant=${slug}&purpose=${purpose}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit));

  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    dir = mkdtempSync(join(tmpdir(), 'linli-uploads-'));
    setUploadStorage(new LocalDiskStorage(dir));
    POST = (await import('@/app/api/uploads/route')).POST;
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not an image for a photo, and SVG whatever it is called', async () => {
    const C = await company();
    signIn(C.admin);
    const text = await send(C.slug, 'photo', multipart(new Blob(['hello, not an image'], { type: 'image/png' }), 'photo.png'));
    expect(text.status).toBe(400);
    expect((await text.json()).error.message).toMatch(/not a PNG, JPEG or WebP/);

    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [purpose, name] of [
      ['photo', 'seal.png'],
      ['seal', 'seal.svg'],
      ['units-csv', 'units.csv'],
    ] as const) {
      const r = await send(C.slug, purpose, multipart(new Blob([svg], { type: 'image/png' }), name));
      expect(r.status, purpose).toBe(400);
      expect((await r.json()).error.message).toMatch(/SVG/);
    }
    // a PNG is not a CSV, whatever it is named
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
      .png()
      .toBuffer();
    const asCsv = await send(C.slug, 'units-csv', multipart(new Blob([new Uint8Array(png)], { type: 'text/csv' }), 'units.csv'));
    expect(asCsv.status).toBe(400);
  });

  it('refuses more than 25 MB (declared or streamed) with 413', async () => {
    const C = await company();
    signIn(C.admin);
    const big = new Uint8Array(26 * 1024 * 1024).fill(0x41);
    const declared = await send(C.slug, 'units-csv', multipart(new Blob([big], { type: 'text/csv' }), 'big.csv'));
    expect(declared.status).toBe(413);
    // no Content-Length: cut off while streaming
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent === 0)
          c.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n'));
        if (sent++ < 40) c.enqueue(chunk);
        else c.close();
      },
    });
    const streamed = await send(C.slug, 'units-csv', stream, { 'content-type': 'multipart/form-data; boundary=b' });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(40); // it stopped reading
  });

  it('re-encodes an image: metadata and anything appended are gone, the picture stays', async () => {
    const C = await company();
    signIn(C.admin);
    const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-exif-marker' } })
      .toBuffer();
    const payload = Buffer.concat([jpeg, Buffer.from('<script>alert("appended")</script>')]);
    expect(payload.includes('secret-exif-marker')).toBe(true);
    const r = await send(C.slug, 'photo', multipart(new Blob([new Uint8Array(payload)], { type: 'image/jpeg' }), 'p.jpg'));
    expect(r.status).toBe(201);
    const body = (await r.json()) as { id: string; contentType: string };
    expect(body.contentType).toBe('image/jpeg');
    const stored = await uploadStorage().get(`${C.tenantId}/${body.id}`);
    expect(stored).not.toBeNull();
    expect(stored!.bytes.includes('secret-exif-marker')).toBe(false);
    expect(stored!.bytes.includes('<script>')).toBe(false);
    expect(Buffer.compare(stored!.bytes, payload)).not.toBe(0);
    expect(await sharp(stored!.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 32, height: 24 });
  });

  it('authorizes before reading: a cashier may not upload a units CSV; a stranger gets 404', async () => {
    const C = await company('CASHIER');
    signIn(C.user);
    const r = await send(C.slug, 'units-csv', multipart(new Blob(['a,b\n'], { type: 'text/csv' }), 'u.csv'));
    expect(r.status).toBe(403);
    const D = await company();
    signIn(D.admin);
    expect((await send(C.slug, 'units-csv', multipart(new Blob(['a,b\n'], { type: 'text/csv' }), 'u.csv'))).status).toBe(404);
  });

  it('the units import reads its CSV through the upload; another company cannot use the id', async () => {
    const C = await company();
    signIn(C.admin);
    const community = await callerFor(t.db, C.admin).property.createCommunity({ tenant: C.slug, name: '翠竹园' });
    expect(community.id).toBeTruthy();
    const csv = '小区,楼栋,单元,房号,楼层,面积\n翠竹园,1号楼,1单元,101,1,88.50\n';
    const r = await send(C.slug, 'units-csv', multipart(new Blob([csv], { type: 'text/csv' }), 'units.csv'));
    expect(r.status).toBe(201);
    const { id } = (await r.json()) as { id: string };
    const result = await callerFor(t.db, C.admin).property.importUnits({ tenant: C.slug, uploadId: id });
    expect(result).toMatchObject({ ok: true, unitsCreated: 1 });

    const D = await company();
    const e = await callerFor(t.db, D.admin)
      .property.importUnits({ tenant: D.slug, uploadId: id })
      .catch((x: unknown) => x);
    expect((e as TRPCError).code).toBe('NOT_FOUND');
    // and a readings import cannot take a units file
    const f = await callerFor(t.db, C.admin)
      .meters.importReadings({ tenant: C.slug, uploadId: id })
      .catch((x: unknown) => x);
    expect((f as TRPCError).code).toBe('NOT_FOUND');
  });
});
