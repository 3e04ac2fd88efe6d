// Stripe-looking ids: a type prefix and random base62 characters.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomChars(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i]! % 62];
  return out;
}

const LENGTHS: Record<string, number> = { acct: 16, cs_test: 58, evt: 24, req: 14 };

export function newId(prefix: string): string {
  return `${prefix}_${randomChars(LENGTHS[prefix] ?? 24)}`;
}
