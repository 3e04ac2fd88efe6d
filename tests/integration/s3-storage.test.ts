import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import S3rver from 's3rver';
import { AwsClient } from 'aws4fetch';
import { LocalDiskStorage, setUploadStorage, storageFromSettings, uploadStorage } from '@/server/uploads/storage';
import { S3Storage } from '@/server/uploads/s3-storage';
import { checkUpload, storeUpload } from '@/server/uploads/upload';

// The S3-compatible upload storage against s3rver (a local S3 fake), in-process on a random
// port: signed requests, object metadata, path-style URLs.

describe('S3-compatible upload storage (s3rver)', () => {
  let dir: string;
  let s3: S3rver;
  let settings: Parameters<typeof storageFromSettings>[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linli-s3rver-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'linli-uploads' }] });
    const { port } = await s3.run();
    // s3rver's fixed credentials
    settings = {
      LINLI_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      LINLI_S3_BUCKET: 'linli-uploads',
      LINLI_S3_ACCESS_KEY_ID: 'S3RVER',
      LINLI_S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
  });
  afterAll(async () => {
    await s3?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is chosen by the settings (local disk without a bucket) and round-trips bytes and metadata; a missing key is null', async () => {
    expect(storageFromSettings({}, dir)).toBeInstanceOf(LocalDiskStorage);
    expect(() => storageFromSettings({ LINLI_S3_BUCKET: 'b' }, dir)).toThrow(/ACCESS_KEY_ID/);
    const storage = storageFromSettings(settings, dir);
    expect(storage).toBeInstanceOf(S3Storage);

    const bytes = new Uint8Array([0, 1, 2, 250, 255, ...new TextEncoder().encode('物业')]);
    const meta = {
      purpose: 'units-csv',
      fileName: '住户 名单.csv',
      contentType: 'text/csv; charset=utf-8',
      size: bytes.byteLength,
      userId: 'u-1',
      createdAt: new Date().toISOString(),
    };
    await storage.put('tenant-1/abc-123', bytes, meta);
    const got = await storage.get('tenant-1/abc-123');
    expect(got!.meta).toEqual(meta);
    expect(new Uint8Array(got!.bytes)).toEqual(bytes);
    expect(await storage.get('tenant-1/missing')).toBeNull();
    expect(await storage.get('tenant-2/abc-123')).toBeNull();
    await expect(storage.get('../etc/passwd')).rejects.toThrow(/bad storage key/);
    // the server's refusal is an error, not a silent loss (s3rver checks the access key id)
    const stranger = storageFromSettings({ ...settings, LINLI_S3_ACCESS_KEY_ID: 'NOT-A-KEY' }, dir);
    await expect(stranger.put('tenant-1/x', bytes, meta)).rejects.toThrow(/HTTP 403/);
    await expect(stranger.get('tenant-1/abc-123')).rejects.toThrow(/HTTP 403/);
  });

  it('signs as AWS does (s3rver does not check V4 signatures): the reference GET of the S3 signature docs', async () => {
    const client = new AwsClient({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      service: 's3',
      region: 'us-east-1',
    });
    const signed = await client.sign('https://examplebucket.s3.amazonaws.com/test.txt', {
      method: 'GET',
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      aws: { datetime: '20130524T000000Z', allHeaders: true },
    });
    expect(signed.headers.get('authorization')).toMatch(/Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41$/);
  });

  it('stores an upload (image and thumbnail) through storeUpload', async () => {
    setUploadStorage(storageFromSettings(settings, dir));
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: 'green' } })
      .jpeg()
      .toBuffer();
    const stored = await storeUpload({ tenantId: 'tenant-s3', userId: 'user-1' }, 'work-order-photo', 'leak.jpg', await checkUpload('work-order-photo', jpeg));
    const main = await uploadStorage().get(`tenant-s3/${stored.id}`);
    const thumb = await uploadStorage().get(`tenant-s3/${stored.thumbId}`);
    expect(main!.meta).toMatchObject({ purpose: 'work-order-photo', fileName: 'leak.jpg', contentType: 'image/jpeg', userId: 'user-1', size: stored.size });
    expect(main!.bytes.byteLength).toBe(stored.size);
    expect(await sharp(thumb!.bytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
  });
});
