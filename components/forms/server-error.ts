import { TRPCClientError } from '@trpc/client';

/** What the UI needs from a failed tRPC call (see the error formatter in server/api/trpc.ts). */
export interface ServerErrorInfo {
  code: string | null;
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  /** A CONFLICT (or similar) that names the field it is about, e.g. a taken slug. */
  field: string | null;
  network: boolean;
  /** a 500's request id (the server logged the real error under it) */
  requestId: string | null;
}

interface ErrorData {
  code?: string;
  zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
  details?: { field?: unknown } | null;
  requestId?: string | null;
}

export function serverErrorInfo(err: unknown): ServerErrorInfo {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? null) as ErrorData | null;
    const field = data?.details && typeof data.details.field === 'string' ? data.details.field : null;
    return {
      code: data?.code ?? null,
      message: err.message,
      fieldErrors: data?.zodError?.fieldErrors ?? {},
      field,
      // No data at all: the request never got a tRPC answer (offline, proxy error page...).
      network: !data,
      requestId: data?.requestId ?? null,
    };
  }
  return { code: null, message: err instanceof Error ? err.message : String(err), fieldErrors: {}, field: null, network: false, requestId: null };
}
