import 'server-only';
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { checkStorageKey, type StoredMeta, type UploadStorage } from './storage';

// Uploads in an S3-compatible bucket (AWS S3, MinIO, Ceph, Aliyun OSS / Tencent COS in S3 mode):
// needed as soon as more than one app server runs. Path-style URLs (<endpoint>/<bucket>/<key>),
// which every S3-compatible service understands. Requests are signed with AWS Signature V4 by
// aws4fetch (one small dependency-free module on the platform's fetch; the AWS SDK would bring
// about a hundred packages for the two calls used here). Each object carries its StoredMeta as
// one metadata header (x-amz-meta-linli: base64url JSON), so a put is one atomic write.

export interface S3Config {
  /** e.g. https://s3.cn-north-1.amazonaws.com.cn or http://minio:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const META_HEADER = 'x-amz-meta-linli';

export class S3Storage implements UploadStorage {
  private readonly client: AwsClient;
  private readonly base: string;

  constructor(config: S3Config) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: 's3',
      region: config.region,
      retries: 2,
      initRetryMs: 100,
    });
    this.base = `${config.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(config.bucket)}`;
  }

  private url(key: string) {
    checkStorageKey(key);
    return `${this.base}/${key}`;
  }

  async put(key: string, bytes: Uint8Array, meta: StoredMeta) {
    const res = await this.client.fetch(this.url(key), {
      method: 'PUT',
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: {
        'content-type': meta.contentType,
        // the payload's hash is signed too: a body changed on the way is refused
        'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
        [META_HEADER]: Buffer.from(JSON.stringify(meta)).toString('base64url'),
      },
    });
    if (!res.ok) throw new Error(`S3 PUT ${key}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    await res.body?.cancel();
  }

  async get(key: string) {
    const res = await this.client.fetch(this.url(key), { method: 'GET' });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw new Error(`S3 GET ${key}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const raw = res.headers.get(META_HEADER);
    // an object Linli did not write (no metadata) is not an upload
    if (!raw) return null;
    return { bytes, meta: JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as StoredMeta };
  }
}
