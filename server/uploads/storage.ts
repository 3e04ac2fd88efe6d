import 'server-only';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { env } from '../env';

// Where uploaded files live. One small interface, so N app servers can move to S3-compatible
// storage later; the default is the local disk under the data folder (one server, or a
// shared volume). Keys are made by the upload service (`<tenantId>/<uuid>`), never by clients.

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

export class LocalDiskStorage implements UploadStorage {
  constructor(private readonly root: string) {}

  private path(key: string) {
    if (!SAFE_KEY.test(key)) throw new Error(`bad storage key ${JSON.stringify(key)}`);
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

/** The process's storage: LINLI_UPLOAD_DIR, else `<data folder>/uploads`. */
export function uploadStorage(): UploadStorage {
  g.__linliUploads ??= new LocalDiskStorage(resolve(/*turbopackIgnore: true*/ process.env.LINLI_UPLOAD_DIR || join(env.LINLI_DATA_DIR, 'uploads')));
  return g.__linliUploads;
}

/** Tests may install their own storage. */
export function setUploadStorage(s: UploadStorage) {
  g.__linliUploads = s;
}
