import type { TRPCError } from '@trpc/server';
import { retryAfterOf } from './errors';

/** The largest tRPC request body (1 MB); uploads go through /api/uploads instead. */
export const TRPC_MAX_BODY_BYTES = 1_000_000;
/** The most calls in one batch; the client's httpBatchLink uses the same `maxItems`. */
export const TRPC_MAX_BATCH = 10;

/**
 * Reads a request body, giving up (null) as soon as it passes `max` bytes, whatever
 * Content-Length claims; the rest of the stream is cancelled.
 */
export async function readLimitedBody(req: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await req.body?.cancel().catch(() => {});
    return null;
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** tRPC's error envelope for a body over the limit, status 413. */
export function trpcTooLarge(): Response {
  const message = `The request is larger than ${TRPC_MAX_BODY_BYTES / 1_000_000} MB`;
  return Response.json(
    { error: { json: { message, code: -32600, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, error: { key: 'requestTooLarge', params: {} } } } } },
    { status: 413, headers: { 'cache-control': 'no-store' } },
  );
}

/** Headers of every tRPC response: never cached (it is a user's data); Retry-After on 429/503. */
export function trpcResponseMeta({ errors }: { errors: TRPCError[] }) {
  const headers = new Headers({ 'cache-control': 'no-store' });
  const retry = errors.map((e) => retryAfterOf(e.cause)).filter((s): s is number => s !== null);
  if (retry.length) headers.set('retry-after', String(Math.max(...retry)));
  return { headers };
}
