import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

// next-auth v4 answers every refused credentials sign-in alike (401 with an error URL). The
// throttle must answer 429 with Retry-After, so the route runs next-auth inside this store and
// `authorize` notes the throttle's wait here; the route then rewrites the response's status.
const store = new AsyncLocalStorage<{ retryAfterSeconds: number | null }>();

export function withSignInOutcome<T>(fn: () => Promise<T>): Promise<[T, number | null]> {
  const outcome = { retryAfterSeconds: null as number | null };
  return store.run(outcome, async (): Promise<[T, number | null]> => [await fn(), outcome.retryAfterSeconds]);
}

/** Called by `authorize` when the throttle refused the attempt. */
export function noteThrottled(retryAfterSeconds: number) {
  const s = store.getStore();
  if (s) s.retryAfterSeconds = retryAfterSeconds;
}

/** A throttled sign-in answers 429 with Retry-After and the same body next-auth wrote. */
export function asThrottled(res: Response, retryAfterSeconds: number): Response {
  const headers = new Headers(res.headers);
  headers.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  return new Response(res.body, { status: 429, statusText: 'Too Many Requests', headers });
}
