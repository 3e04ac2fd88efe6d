import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/context';
import { AppError } from '@/server/errors';
import { internalError, internalErrorBody } from '@/server/api/errors';
import { checkUpload, isUploadPurpose, maxBytesFor, MAX_UPLOAD_BYTES, storeUpload, UPLOAD_ERRORS, UPLOAD_PURPOSES } from '@/server/uploads/upload';
import { englishError, type ErrorKey, type ErrorParams } from '@/server/shared/error-key';

// POST /api/uploads?tenant=<slug>&purpose=<units-csv|readings-csv|photo|seal|work-order-photo|
// announcement-image>, multipart with one field `file`. The one upload route (#12 accounts 8):
// the caller is authorized (session → membership → the purpose's permission) before the body is
// read; the body is cut off at the purpose's cap (25 MB CSV, 10 MB image) while it streams; the
// file's type is decided by its content and images are re-encoded, some with a thumbnail
// (server/uploads/upload.ts). Answers { id, size, contentType[, thumbId] }.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Room for the multipart envelope around the file. */
const ENVELOPE = 64 * 1024;

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
/** `key`/`params` for the UI (t(`errors.${key}`, params)), `message` in English for logs and scripts. */
const fail = (status: number, code: string, key: ErrorKey, params?: ErrorParams) =>
  json(status, { error: { code, key, params: params ?? {}, message: englishError(key, params) } });

class TooLarge extends Error {}

/** The body, erroring as soon as more than `max` bytes have arrived. */
function limited(body: ReadableStream<Uint8Array>, max: number) {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        seen += chunk.byteLength;
        if (seen > max) c.error(new TooLarge());
        else c.enqueue(chunk);
      },
    }),
  );
}

export async function POST(req: Request) {
  const url = new URL(req.url);
  const tenant = url.searchParams.get('tenant') ?? '';
  const purpose = url.searchParams.get('purpose') ?? '';
  if (!isUploadPurpose(purpose)) return fail(400, 'BAD_REQUEST', 'uploadPurposeUnknown');
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + ENVELOPE) return fail(413, 'PAYLOAD_TOO_LARGE', UPLOAD_ERRORS.tooLarge);
  if (!req.body) return fail(400, 'BAD_REQUEST', UPLOAD_ERRORS.empty);

  try {
    const scope = await createCaller(await createContext(req.headers)).uploads.getUploadPermit({ tenant, purpose });
    const max = maxBytesFor(purpose);
    const tooLarge = () => fail(413, 'PAYLOAD_TOO_LARGE', UPLOAD_PURPOSES[purpose].kind === 'image' ? UPLOAD_ERRORS.imageTooLarge : UPLOAD_ERRORS.tooLarge);
    if (Number.isFinite(declared) && declared > max + ENVELOPE) return tooLarge();

    let form: FormData;
    try {
      const body = limited(req.body, max + ENVELOPE);
      form = await new Request(req.url, { method: 'POST', headers: req.headers, body, duplex: 'half' } as RequestInit).formData();
    } catch (e) {
      if (e instanceof TooLarge || (e as { cause?: unknown })?.cause instanceof TooLarge) return tooLarge();
      return fail(400, 'BAD_REQUEST', 'uploadMultipart');
    }
    const file = form.get('file');
    if (!(file instanceof File)) return fail(400, 'BAD_REQUEST', 'uploadMultipart');
    if (file.size > max) return tooLarge();

    const checked = await checkUpload(purpose, new Uint8Array(await file.arrayBuffer()));
    const stored = await storeUpload(scope, purpose, file.name || 'upload', checked);
    return json(201, stored);
  } catch (e) {
    if (e instanceof AppError) return fail(e.code === 'PAYLOAD_TOO_LARGE' ? 413 : e.code === 'NOT_FOUND' ? 404 : 400, e.code, e.key, e.params);
    if (e instanceof TRPCError) {
      const cause = e.cause instanceof AppError ? e.cause : null;
      return fail(getHTTPStatusCodeFromError(e), e.code, cause?.key ?? 'invalidInput', cause?.params);
    }
    const internal = internalError(e, { route: 'uploads' });
    return json(500, internalErrorBody(internal));
  }
}
