import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { BASE_URL } from '../../playwright.config';

// Point 6: the client IP is the socket's. Failed sign-ins from one socket address, each with a
// made-up X-Forwarded-For (and the private header x-linli-client-ip, which the server must
// overwrite), still reach the per-IP limit; another address is not affected. The requests
// leave from 127.0.0.2 / 127.0.0.3 (loopback aliases), so the limit reached here never touches
// the 127.0.0.1 the other specs use.

interface Reply {
  status: number;
  body: string;
  cookies: string[];
}

function send(from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(path, BASE_URL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress: from,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const randomIp = () =>
  Array.from(randomBytes(4))
    .map((b) => String(b))
    .join('.');
const spoof = () => ({ 'x-forwarded-for': `${randomIp()}, ${randomIp()}`, 'x-real-ip': randomIp(), 'x-linli-client-ip': randomIp() });

/** One failed sign-in (unknown account) from `from`; true when the answer says "throttled". */
async function failedSignIn(from: string): Promise<boolean> {
  const csrf = await send(from, 'GET', '/api/auth/csrf', spoof());
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({
    csrfToken,
    email: `nobody-${randomBytes(4).toString('hex')}@example.test`,
    password: 'wrong-password-1',
    json: 'true',
    callbackUrl: BASE_URL,
  });
  const r = await send(
    from,
    'POST',
    '/api/auth/callback/credentials',
    { ...spoof(), 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookies.join('; ') },
    form.toString(),
  );
  if (r.status === 429) return true;
  let text = r.body;
  try {
    text = decodeURIComponent(r.body);
  } catch {
    /* not encoded */
  }
  return /too many|TOO_MANY_REQUESTS|请求过多|次数过多|retry/i.test(text);
}

test('random X-Forwarded-For values from one socket still hit the per-IP limit', async () => {
  test.setTimeout(120_000);
  expect(await failedSignIn('127.0.0.2')).toBe(false); // an ordinary failure does not read as throttled
  let throttledAt = 0;
  for (let i = 2; i <= 45 && !throttledAt; i++) if (await failedSignIn('127.0.0.2')) throttledAt = i;
  expect(throttledAt, 'the per-IP limit was never reached: the server took the IP from a client header').toBeGreaterThan(0);
  expect(throttledAt).toBeLessThanOrEqual(31);
  // the limit is the socket address's, not everyone's
  expect(await failedSignIn('127.0.0.3')).toBe(false);
});
