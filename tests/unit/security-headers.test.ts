import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, makeNonce, SECURITY_HEADERS } from '@/server/security-headers';

describe('security headers', () => {
  it('nonces are fresh and long enough', () => {
    const a = makeNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(makeNonce()).not.toBe(a);
  });
  it('the CSP allows scripts only by nonce and forbids framing and plugins', () => {
    const csp = contentSecurityPolicy('abc');
    expect(csp).toContain(`script-src 'self' 'nonce-abc' 'strict-dynamic'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain(`frame-ancestors 'none'`);
    expect(csp).toContain(`object-src 'none'`);
    expect(contentSecurityPolicy('abc', { dev: true })).toContain(`'unsafe-eval'`);
  });
  it('every response gets nosniff, a referrer policy and a permissions policy', () => {
    const keys = SECURITY_HEADERS.map((h) => h.key);
    expect(keys).toEqual(expect.arrayContaining(['X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']));
  });
});
