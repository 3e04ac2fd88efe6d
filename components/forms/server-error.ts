import { TRPCClientError } from '@trpc/client';
import { keyMessage, parseKeyMessage, type ErrorKey, type ErrorParams, type KeyedError } from '@/server/shared/error-key';

/**
 * What the UI needs from a failed call (see the error formatter in server/api/trpc.ts): the
 * server sends keys of the errors catalog with params, never text to show. `message` and the
 * field messages are key messages (`keyMessage`), rendered by useServerError.
 */
export interface ServerErrorInfo {
  code: string | null;
  /** the error's key message, e.g. `slugTaken {"slug":"abc"}` */
  message: string;
  error: KeyedError;
  /** bad input, by field path: key messages */
  fieldErrors: Record<string, string[] | undefined>;
  /** A CONFLICT (or similar) that names the field it is about, e.g. a taken slug. */
  field: string | null;
  network: boolean;
  /** a 500's request id (the server logged the real error under it) */
  requestId: string | null;
  /** seconds to wait before retrying (429, 503) */
  retryAfter: number | null;
}

interface ErrorData {
  code?: string;
  error?: { key?: string; params?: ErrorParams } | null;
  fieldErrors?: Record<string, { key?: string; params?: ErrorParams }> | null;
  details?: { field?: unknown } | null;
  requestId?: string | null;
  retryAfter?: number | null;
}

/** A failed upload or file route: it answers { error: { code, key, params } }. */
export class KeyedRequestError extends Error {
  constructor(
    readonly keyed: KeyedError,
    readonly status: number,
    readonly requestId: string | null = null,
  ) {
    super(keyMessage(keyed.key, keyed.params));
    this.name = 'KeyedRequestError';
  }
}

const keyedOf = (e: { key?: string; params?: ErrorParams } | null | undefined): KeyedError | null =>
  e?.key ? (parseKeyMessage(keyMessage(e.key as ErrorKey, e.params)) ?? null) : null;

export function serverErrorInfo(err: unknown): ServerErrorInfo {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? null) as ErrorData | null;
    const field = data?.details && typeof data.details.field === 'string' ? data.details.field : null;
    const fieldErrors: Record<string, string[]> = {};
    for (const [path, e] of Object.entries(data?.fieldErrors ?? {})) {
      const k = keyedOf(e);
      if (k) fieldErrors[path] = [keyMessage(k.key, k.params)];
    }
    const error = keyedOf(data?.error) ?? { key: 'generic' as const };
    return {
      code: data?.code ?? null,
      message: keyMessage(error.key, error.params),
      error,
      fieldErrors,
      field,
      // No data at all: the request never got a tRPC answer (offline, proxy error page...).
      network: !data,
      requestId: data?.requestId ?? null,
      retryAfter: data?.retryAfter ?? null,
    };
  }
  if (err instanceof KeyedRequestError) {
    return {
      code: err.status >= 500 ? 'INTERNAL_SERVER_ERROR' : null,
      message: err.message,
      error: err.keyed,
      fieldErrors: {},
      field: null,
      network: err.status === 0,
      requestId: err.requestId,
      retryAfter: null,
    };
  }
  // A key message thrown on the client (e.g. a schema's), else something unexpected.
  const text = err instanceof Error ? err.message : String(err);
  const error = parseKeyMessage(text) ?? { key: 'generic' as const };
  return { code: null, message: keyMessage(error.key, error.params), error, fieldErrors: {}, field: null, network: false, requestId: null, retryAfter: null };
}
