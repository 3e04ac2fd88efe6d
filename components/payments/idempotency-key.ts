/**
 * A fresh idempotency key for one submission of a money form (server/payments/idempotency.ts):
 * made when the form opens or after a success, re-sent unchanged when the cashier retries, so
 * a retry after a timeout returns the payment already recorded instead of recording it twice.
 * crypto.randomUUID needs a secure context (https or localhost); an office LAN address served
 * over http falls back to crypto.getRandomValues, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
