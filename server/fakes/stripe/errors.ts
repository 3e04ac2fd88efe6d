// Stripe's error objects: `{ error: { type, code, message, param, doc_url } }` with Stripe's
// HTTP status codes (400 invalid request, 401 authentication, 402 card errors, 404 missing,
// 409 conflicts).

export type StripeErrorType = 'invalid_request_error' | 'api_error' | 'card_error' | 'idempotency_error' | 'authentication_error';

export class StripeError extends Error {
  status: number;
  type: StripeErrorType;
  code: string | undefined;
  param: string | undefined;
  extra: Record<string, unknown>;

  constructor(status: number, type: StripeErrorType, message: string, opts: { code?: string; param?: string; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = opts.code;
    this.param = opts.param;
    this.extra = opts.extra ?? {};
  }

  body(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { type: this.type, message: this.message };
    if (this.code) {
      error.code = this.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}`;
    }
    if (this.param) error.param = this.param;
    Object.assign(error, this.extra);
    return { error };
  }
}

export const invalid = (message: string, param?: string, code?: string) => new StripeError(400, 'invalid_request_error', message, { param, code });

export const missingParam = (param: string) =>
  new StripeError(400, 'invalid_request_error', `Missing required param: ${param}.`, { param, code: 'parameter_missing' });

export const unknownParam = (param: string) =>
  new StripeError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, { param, code: 'parameter_unknown' });

/** `No such checkout.session: 'cs_…'` (404 resource_missing). */
export const noSuch = (what: string, id: string, param: string) =>
  new StripeError(404, 'invalid_request_error', `No such ${what}: '${id}'`, { param, code: 'resource_missing' });
