import { test, expect } from '@playwright/test';
import { makeCompany, signedIn, trpc, type Company } from './api';
import { signedInPage } from './helpers';
import { BASE_URL } from '../../playwright.config';

let co: Company;
let other: Company;
test.beforeAll(async () => {
  co = await makeCompany('住户测试物业');
  other = await makeCompany('另一家物业');
});

test('a resident on a phone sees only their own unit', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.users.RESIDENT, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`/${co.slug}`);
  const cards = page.getByTestId('unit-card');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('101');
  await expect(cards.first()).toContainText('89.50');
  await expect(page.getByText('102')).toHaveCount(0);
  // The page fits the phone: nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // The register is not theirs to browse.
  await page.goto(`/${co.slug}/units`);
  await expect(page.getByText('No access')).toBeVisible();
  await expect(page.getByRole('cell', { name: '102' })).toHaveCount(0);
  await ctx.close();
});

test("another company's admin gets not-found for this company, in the browser and the API", async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, other.admin.email);
  const res = await page.goto(`/${co.slug}/units`);
  expect(res?.status()).toBe(404);
  const api = await signedIn(other.admin.email);
  await expect(trpc(api, 'property.getUnit', { tenant: co.slug, id: co.unitId }, { query: true })).rejects.toThrow(/404.*not found/i);
  await expect(trpc(api, 'property.getUnit', { tenant: other.slug, id: co.unitId }, { query: true })).rejects.toThrow(/404.*not found/i);
  // and the same call on its own unit works, so the 404s above are about tenancy
  await expect(trpc(api, 'property.listUnits', { tenant: other.slug }, { query: true })).resolves.toMatchObject({ total: 2 });
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
