import 'server-only';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { env } from '../env';
import { S3Storage } from './s3-storage';

// Where uploaded files live. One small interface: the local disk under the data folder by
// default (one server, or a shared volume), or an S3-compatible bucket when LINLI_S3_BUCKET is
// set (server/uploads/s3-storage.ts; N app servers). Keys are made by the upload service
// (`<tenantId>/<uuid>`, a thumbnail `<tenantId>/<uuid>-thumb`), never by clients.

export interface StoredMeta {
  purpose: string;
  fileName: string;
  contentType: string;
  size: number;
  userId: string;
  createdAt: string;
}

export interface UploadStorage {
  put(key: string, bytes: Uint8Array, meta: StoredMeta): Promise<void>;
  get(key: string): Promise<{ bytes: Buffer; meta: StoredMeta } | null>;
}

const SAFE_KEY = /^[A-Za-z0-9-]{1,64}\/[A-Za-z0-9-]{1,64}$/;

/** Throws on a key the upload service would not make (no dots, no slashes beyond the company's folder). */
export function checkStorageKey(key: string) {
  if (!SAFE_KEY.test(key)) throw new Error(`bad storage key ${JSON.stringify(key)}`);
}

export class LocalDiskStorage implements UploadStorage {
  constructor(private readonly root: string) {}

  private path(key: string) {
    checkStorageKey(key);
    return join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array, meta: StoredMeta) {
    const p = this.path(key);
    await mkdir(join(p, '..'), { recursive: true });
    // write then rename: a reader never sees half a file
    await writeFile(`${p}.tmp`, bytes);
    await writeFile(`${p}.json`, JSON.stringify(meta));
    await rename(`${p}.tmp`, p);
  }

  async get(key: string) {
    const p = this.path(key);
    try {
      const [bytes, meta] = await Promise.all([readFile(p), readFile(`${p}.json`, 'utf8')]);
      return { bytes, meta: JSON.parse(meta) as StoredMeta };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}

const g = globalThis as unknown as { __linliUploads?: UploadStorage };

type S3Env = Partial<Record<'LINLI_S3_ENDPOINT' | 'LINLI_S3_BUCKET' | 'LINLI_S3_REGION' | 'LINLI_S3_ACCESS_KEY_ID' | 'LINLI_S3_SECRET_ACCESS_KEY', string>>;

/** The storage the settings name: an S3-compatible bucket when LINLI_S3_BUCKET is set, else `localDir`. */
export function storageFromSettings(e: S3Env, localDir: string): UploadStorage {
  if (!e.LINLI_S3_BUCKET) return new LocalDiskStorage(localDir);
  const region = e.LINLI_S3_REGION || 'us-east-1';
  if (!e.LINLI_S3_ACCESS_KEY_ID || !e.LINLI_S3_SECRET_ACCESS_KEY) {
    throw new Error('LINLI_S3_BUCKET is set: LINLI_S3_ACCESS_KEY_ID and LINLI_S3_SECRET_ACCESS_KEY are required too');
  }
  return new S3Storage({
    endpoint: e.LINLI_S3_ENDPOINT || `https://s3.${region}.amazonaws.com`,
    bucket: e.LINLI_S3_BUCKET,
    region,
    accessKeyId: e.LINLI_S3_ACCESS_KEY_ID,
    secretAccessKey: e.LINLI_S3_SECRET_ACCESS_KEY,
  });
}

/** The process's storage: the S3 bucket of LINLI_S3_*, else LINLI_UPLOAD_DIR, else `<data folder>/uploads`. */
export function uploadStorage(): UploadStorage {
  g.__linliUploads ??= storageFromSettings(env, resolve(/*turbopackIgnore: true*/ process.env.LINLI_UPLOAD_DIR || join(env.LINLI_DATA_DIR, 'uploads')));
  return g.__linliUploads;
}

/** Tests may install their own storage. */
export function setUploadStorage(s: UploadStorage) {
  g.__linliUploads = s;
}
