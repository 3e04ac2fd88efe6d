import { test, expect } from '@playwright/test';
import { makeCompany, trpc, type Company } from './api';
import { asRole, DEMO } from './helpers';
import { BASE_URL } from '../../playwright.config';

// A resident on a phone: resident.phone.spec.ts.

let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('住户测试物业');
});

test("another company's admin gets not-found for this company, in the browser and the API", async ({ browser }) => {
  // The demo company's admin (its saved session) against the company made above.
  const { ctx, page } = await asRole(browser, 'admin');
  const res = await page.goto(`/${co.slug}/units`);
  expect(res?.status()).toBe(404);
  const api = page.request;
  await expect(trpc(api, 'property.getUnit', { tenant: co.slug, id: co.unitId }, { query: true })).rejects.toThrow(/404.*not found/i);
  await expect(trpc(api, 'property.getUnit', { tenant: DEMO.slug, id: co.unitId }, { query: true })).rejects.toThrow(/404.*not found/i);
  // and the same calls on its own company work, so the 404s above are about tenancy
  const own = await trpc<{ rows: { id: string }[] }>(api, 'property.listUnits', { tenant: DEMO.slug }, { query: true });
  await expect(trpc(api, 'property.getUnit', { tenant: DEMO.slug, id: own.rows[0]!.id }, { query: true })).resolves.toBeTruthy();
  await ctx.close();
});

test('session cookies are Secure when the app is served over https', async ({ playwright }) => {
  const ctx = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'x-forwarded-proto': 'https' } });
  const res = await ctx.get('/api/auth/csrf');
  const cookies = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
  expect(cookies.length).toBeGreaterThan(0);
  for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
  const plain = await (await playwright.request.newContext({ baseURL: BASE_URL })).get('/api/auth/csrf');
  const plainCookies = plain
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
  expect(plainCookies.some((c) => /;\s*Secure/i.test(c))).toBe(false);
  await ctx.dispose();
});
