import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { logger } from '../logger';
import { englishError, type ErrorKey, type ErrorParams } from '../shared/error-key';

// What a client may learn from a failure it did not cause. Services throw AppError for what
// the caller can fix; anything else is ours, and its text (Prisma's, PostgreSQL's, a stack) is
// logged with a request id and never sent: the client gets a generic message and that id.

export const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again; if it keeps happening, tell support the request id';
export const BUSY_MESSAGE = englishError('busy');
/** Seconds a client waits before retrying after 503 (pool exhausted). */
export const BUSY_RETRY_AFTER_S = 5;

/** The cause of a generic 500: only its request id is shown. */
export class InternalError extends Error {
  constructor(readonly requestId: string) {
    super(`${INTERNAL_MESSAGE} (${requestId})`);
    this.name = 'InternalError';
  }
}

/** A known failure of the database layer a service did not translate, with its client-safe meaning. */
export interface MappedError {
  code: TRPC_ERROR_CODE_KEY;
  key: ErrorKey;
  message: string;
  /** seconds, for a Retry-After header */
  retryAfter?: number;
}

interface DbErrorShape {
  code?: string;
  message?: string;
  meta?: { code?: string; driverAdapterError?: { cause?: { kind?: string; code?: string; originalCode?: string } } };
}

/** The SQLSTATE of a PostgreSQL error however Prisma or pg wrapped it. */
function sqlState(e: DbErrorShape): string | undefined {
  const c = e.meta?.driverAdapterError?.cause;
  return (
    c?.originalCode ?? (/^[0-9A-Z]{5}$/.test(c?.code ?? '') ? c?.code : undefined) ?? (/^[0-9A-Z]{5}$/.test(e.meta?.code ?? '') ? e.meta?.code : undefined)
  );
}

/**
 * Maps what a forgotten `try` lets through to a clear status: unique violation → 409, a
 * reference to a row that is not there → 400, a value the column cannot hold → 400, a
 * serialization failure → 409 (retry), the pool or the database out of connections → 503 with
 * Retry-After. Null when the error is not one of these (→ generic 500).
 */
export function mapDatabaseError(err: unknown): MappedError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as DbErrorShape;
  const state = sqlState(e);
  const message = String(e.message ?? '');
  if (e.code === 'P2002' || state === '23505') return { code: 'CONFLICT', key: 'recordExists', message: englishError('recordExists') };
  if (e.code === 'P2003' || state === '23503') return { code: 'BAD_REQUEST', key: 'recordReferenced', message: englishError('recordReferenced') };
  if (e.code === 'P2025') return { code: 'NOT_FOUND', key: 'recordMissing', message: englishError('recordMissing') };
  if (e.code === 'P2000' || state === '22001') return { code: 'BAD_REQUEST', key: 'valueTooLong', message: englishError('valueTooLong') };
  if (e.code === 'P2020' || state === '22003' || state === '22008')
    return { code: 'BAD_REQUEST', key: 'valueOutOfRange', message: englishError('valueOutOfRange') };
  if (state === '22P02' || state === '22021' || state === '22P05') return { code: 'BAD_REQUEST', key: 'valueInvalid', message: englishError('valueInvalid') };
  if (state === '23514' || state === '23502' || e.code === 'P2011')
    return { code: 'BAD_REQUEST', key: 'valueNotAllowed', message: englishError('valueNotAllowed') };
  if (state === '40001' || state === '40P01' || e.code === 'P2034') return { code: 'CONFLICT', key: 'retryConflict', message: englishError('retryConflict') };
  // pg.Pool's connectionTimeoutMillis; Prisma's own pool (P2024) and transaction start (P2028);
  // the server refusing connections (53300 too_many_connections, 57P03 cannot_connect_now).
  if (
    /timeout exceeded when trying to connect/i.test(message) ||
    e.code === 'P2024' ||
    (e.code === 'P2028' && /unable to start a transaction in the given time/i.test(message)) ||
    state === '53300' ||
    state === '57P03'
  ) {
    return { code: 'SERVICE_UNAVAILABLE', key: 'busy', message: BUSY_MESSAGE, retryAfter: BUSY_RETRY_AFTER_S };
  }
  return null;
}

/** Logs an unexpected error with a fresh request id and returns the generic error that replaces it. */
export function internalError(err: unknown, context: Record<string, unknown> = {}): InternalError {
  const requestId = randomUUID();
  logger.error({ err, requestId, ...context }, 'request failed');
  return new InternalError(requestId);
}

/** The JSON body of a 500 answer for an internal error: the generic message and the request id only. */
export function internalErrorBody(internal: InternalError) {
  return {
    error: {
      code: 'INTERNAL_SERVER_ERROR' as const,
      key: 'genericWithId' as const,
      params: { id: internal.requestId },
      message: internal.message,
      requestId: internal.requestId,
    },
  };
}

/** The cause of a 429 or 503: the client may retry after `retryAfter` seconds (Retry-After header). */
export class RetryLater extends Error {
  constructor(
    readonly retryAfter: number,
    readonly key: ErrorKey,
    readonly params?: ErrorParams,
  ) {
    super(englishError(key, params));
    this.name = 'RetryLater';
  }
}

/** Seconds to wait before a retry, when the error says so (RetryLater, or an AppError with details.retryAfterSeconds). */
export function retryAfterOf(cause: unknown): number | null {
  if (cause instanceof RetryLater) return cause.retryAfter;
  const details = (cause as { details?: { retryAfterSeconds?: unknown } } | null)?.details;
  return typeof details?.retryAfterSeconds === 'number' ? Math.max(1, Math.ceil(details.retryAfterSeconds)) : null;
}
