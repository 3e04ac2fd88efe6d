import { test, expect, request, type Page } from '@playwright/test';
import { makeCompany, type Company } from './api';
import { asRole, DEMO, newContext, signInUi } from './helpers';
import { BASE_URL } from '../../playwright.config';

// #12 accounts points 8 and 9 in the built app: pages carry a CSP whose nonce is on every
// script and the scripts run (no violations); the other security headers; no-store on a
// user's data; a page the role may not open answers 403; a tRPC batch of 11 is refused; the
// units import goes through the upload route.
let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('安全头测试物业');
});

/** Collects CSP violations reported in the page and in the console. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return async () => [...violations, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) as string[])];
}

test('pages send a nonce CSP and security headers; every script carries the nonce and runs; the import uploads its file', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const violations = await watchCsp(page);
  await signInUi(page, co.admin.email);

  const res = await page.goto(`/${co.slug}/import`);
  expect(res?.status()).toBe(200);
  const h = res!.headers();
  const csp = h['content-security-policy'] ?? '';
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain(`frame-ancestors 'none'`);
  expect(csp).toContain(`object-src 'none'`);
  expect(csp).not.toContain('unsafe-eval');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['cache-control']).toContain('no-store');

  // every script the server sent carries this response's nonce (chunks loaded later are
  // trusted through 'strict-dynamic'); a fresh nonce per response
  const html = await res!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, tag).toContain(`nonce="${nonce}"`);
  const again = await page.request.get(`/${co.slug}/import`);
  expect(/'nonce-([A-Za-z0-9+/=]+)'/.exec(again.headers()['content-security-policy'] ?? '')?.[1]).not.toBe(nonce);

  // the scripts run: the client-side form uploads a CSV through /api/uploads and imports it
  const uploads: number[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/uploads')) uploads.push(r.status());
  });
  await page.locator('input[type=file]').setInputFiles({
    name: 'units.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('小区,楼栋,单元,房号,楼层,面积\n翠竹园,2号楼,1单元,201,2,90.00\n', 'utf8'),
  });
  await page.getByRole('button', { name: /import/i }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  expect(uploads).toEqual([201]);

  // the collection page (client queries under the CSP) renders too
  await page.goto(`/${co.slug}/collection`);
  await expect(page.getByTestId('nav')).toBeVisible();
  expect(await violations()).toEqual([]);
  await ctx.close();
});

test('a cashier opening an admin-only page gets HTTP 403 and the forbidden page', async ({ browser }) => {
  const { ctx, page } = await asRole(browser, 'cashier');
  for (const path of ['settings', 'members', 'import']) {
    const res = await page.goto(`/${DEMO.slug}/${path}`);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
  }
  // the back link works (client component inside the shell)
  await page.getByTestId('forbidden').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/${DEMO.slug}$`));
  // pages the role may open still answer 200
  expect((await page.goto(`/${DEMO.slug}/units`))?.status()).toBe(200);
  await ctx.close();
});

test('tRPC: a batch of 11 calls is refused, 10 pass; answers are no-store', async () => {
  const api = co.admin.ctx; // signed in by makeCompany
  const batch = (n: number) => {
    const paths = Array.from({ length: n }, () => 'property.listCommunities').join(',');
    const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { tenant: co.slug } }]));
    return api.get(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
  };
  const eleven = await batch(11);
  expect(eleven.status()).toBe(400);
  const ten = await batch(10);
  expect(ten.status()).toBe(200);
  expect(ten.headers()['cache-control']).toBe('no-store');
  expect(ten.headers()['x-content-type-options']).toBe('nosniff');
  const big = await api.post('/api/trpc/property.createCommunity', { data: { json: { tenant: co.slug, name: 'x', address: 'y'.repeat(1_100_000) } } });
  expect(big.status()).toBe(413);
  const anon = await request.newContext({ baseURL: BASE_URL });
  expect((await anon.get('/api/health')).headers()['x-content-type-options']).toBe('nosniff');
  await anon.dispose();
});
