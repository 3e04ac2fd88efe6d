// The one error type services throw. The tRPC error formatter maps `code` to a
// transport status once; services never import tRPC.
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
  | 'PAYLOAD_TOO_LARGE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
