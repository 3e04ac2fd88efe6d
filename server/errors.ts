import { englishError, keyMessage, type ErrorKey, type ErrorParams } from './shared/error-key';

export type { ErrorKey, ErrorParams } from './shared/error-key';

// The one error type services throw: a tRPC code, a message key of the errors catalog
// (app/_i18n/messages/<locale>/errors.json) and its params. The tRPC error formatter maps
// `code` to a transport status once and sends `{ key, params }`; the client renders
// `t(\`errors.${key}\`, params)`. `message` is the English rendering, for logs and tests.
// Services never import tRPC.
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  /** 422: well-formed but cannot be processed, e.g. an idempotency key reused with another request (tRPC 11's name) */
  | 'UNPROCESSABLE_CONTENT'
  | 'PRECONDITION_FAILED'
  /** 413: an upload over its limit */
  | 'PAYLOAD_TOO_LARGE'
  /** 502: the payment provider (Stripe) refused or did not answer */
  | 'BAD_GATEWAY';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly key: ErrorKey,
    readonly params?: ErrorParams,
    readonly details?: unknown,
  ) {
    super(englishError(key, params));
    this.name = 'AppError';
  }
}

/** What a NOT_FOUND names: a key under `notFound` in the errors catalog. */
export type NotFoundWhat = ErrorKey extends infer K ? (K extends `notFound.${infer W}` ? W : never) : never;

export const notFound = (what: NotFoundWhat) => new AppError('NOT_FOUND', `notFound.${what}`);

/** A thrown error as a zod issue message (a key message): an AppError's key, else invalid input. */
export function issueMessageOf(e: unknown): string {
  return e instanceof AppError ? keyMessage(e.key, e.params) : keyMessage('invalidInput');
}
