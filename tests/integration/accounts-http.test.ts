import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { setDatabase } from '@/server/db';
import { THROTTLE } from '@/server/auth/throttle';

// #12 accounts point 1 over HTTP: a throttled secret check answers 429 with Retry-After
// (no server-side sleep), counted per client address (the private header set by Linli's
// HTTP server), and a forged X-Forwarded-For changes nothing.

vi.mock('@/server/auth/session', () => ({ currentSession: async () => null }));

const reset = (ip: string, forwardedFor: string) =>
  new Request('http://localhost:3000/api/trpc/account.resetPassword', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-linli-client-ip': ip, 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ json: { token: `bogus-token-${Math.random().toString(36).slice(2)}-xxxxxxxx`, password: 'whatever-123' } }),
  });

describe.skipIf(!pgServerUrl())('accounts over HTTP (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
  });
  afterAll(() => t?.drop());

  it('answers 429 with Retry-After once an address has failed 30 times, whatever X-Forwarded-For says', async () => {
    const { POST } = await import('@/app/api/trpc/[trpc]/route');
    for (let i = 0; i < THROTTLE.perIp; i++) {
      const res = await POST(reset('203.0.113.9', `10.0.${i}.1`));
      expect(res.status).toBe(404);
    }
    const started = Date.now();
    const res = await POST(reset('203.0.113.9', '10.99.99.99'));
    expect(Date.now() - started).toBeLessThan(1000); // refused at once, no sleeping
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(((await res.json()) as { error: { json: { message: string } } }).error.json.message).toMatch(/Try again in 15 minutes/);
    // Another address is not affected.
    expect((await POST(reset('203.0.113.10', '203.0.113.9'))).status).toBe(404);
  });
});
