import { test, expect, request } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { makeCompany, PASSWORD, signedIn, trpc, uniq } from './api';
import { newContext, signInUi } from './helpers';

// Accounts (#12 points 1–4): sign-up by e-mailed link, invitations for existing accounts,
// the throttle's wait on the sign-in form, and revocable sessions.

test('sign-up answers "check your e-mail"; the demo shows the link, which creates the company', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const slug = uniq('signup');
  const email = `${slug}@example.test`;
  await page.goto('/sign-up');
  await page.getByLabel('Company name').fill('注册测试物业');
  await page.getByLabel('URL name').fill(slug);
  await page.getByLabel('Your name').fill('王经理');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByTestId('sign-up-sent')).toContainText('Check your e-mail');
  const link = await page.getByTestId('demo-mail-link').getAttribute('href');
  expect(link).toMatch(/\/sign-up\/confirm\//);
  // The link names APP_URL's origin (localhost here); open its path on this server.
  await page.goto(new URL(link!).pathname);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedUp=1/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByTestId('company-name')).toHaveText('注册测试物业');
  await ctx.close();
});

test('an existing account accepts an invitation signed in, without a password field', async ({ browser }) => {
  const a = await makeCompany('甲物业');
  const b = await makeCompany('乙物业');
  const inv = await trpc<{ link: string }>(b.admin.ctx, 'members.invite', { tenant: b.slug, email: a.admin.email, name: 'A', role: 'EXECUTIVE' });
  const path = new URL(inv.link).pathname;
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(path);
  // Signed out: the page does not say whether the e-mail has an account; no "existing password".
  await expect(page.getByRole('link', { name: 'Sign in to accept' })).toBeVisible();
  await expect(page.getByLabel('Account password')).toHaveCount(0);
  await page.getByRole('link', { name: 'Sign in to accept' }).click();
  await page.getByLabel('E-mail').fill(a.admin.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page).toHaveURL(new RegExp(`/${b.slug}$`));
  await expect(page.getByTestId('company-name')).toHaveText('乙物业');
  await ctx.close();
});

test('after 5 wrong passwords the sign-in form shows how long to wait', async ({ browser }) => {
  const co = await makeCompany('限流测试物业');
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  // The phone tab comes first; choosing e-mail is remembered on this device.
  await page.getByRole('tab', { name: 'E-mail' }).click();
  await page.getByLabel('E-mail').fill(co.users.STAFF);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('form-error')).toContainText(/wrong e-mail or password/i);
  }
  await page.getByLabel('Password').fill(PASSWORD);
  // The refusal is an HTTP 429 with Retry-After, not next-auth's plain 401.
  const refused = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const res = await refused;
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  await expect(page.getByTestId('form-error')).toContainText(/Too many failed attempts\. Try again in 1 minutes/);
  await ctx.close();
});

test('"sign out of all devices" ends every session; a plain sign-out ends only its own', async () => {
  const co = await makeCompany('会话测试物业');
  const email = co.users.EXECUTIVE;
  const one = await signedIn(email);
  const two = await signedIn(email);
  const three = await signedIn(email);
  const session = async (c: typeof one) => (await (await c.get('/api/auth/session')).json())?.user?.email ?? null;
  expect(await session(two)).toBe(email);
  // A plain sign-out of "one", replaying its cookie afterwards: refused.
  const cookies = await one.storageState();
  const { csrfToken } = await (await one.get('/api/auth/csrf')).json();
  await one.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
  const replay = await request.newContext({ baseURL: BASE_URL, storageState: cookies });
  expect(await session(replay)).toBeNull();
  expect(await session(two)).toBe(email);
  // "Everywhere" from "two" ends "three" too; tRPC refuses it at once.
  await trpc(two, 'account.signOutEverywhere', undefined);
  expect(await session(three)).toBeNull();
  await expect(trpc(three, 'account.listCompanies', undefined, { query: true })).rejects.toThrow(/401/);
  for (const c of [one, two, three, replay]) await c.dispose();
  // Signing in again works.
  const again = await signedIn(email);
  expect(await session(again)).toBe(email);
  await again.dispose();
});

test('password change and reset pages work and end the old sessions', async ({ browser }) => {
  const co = await makeCompany('密码测试物业');
  const email = co.users.CASHIER;
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await signInUi(page, email);
  await page.goto('/account');
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('changed-password-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/forgot-password');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const link = await page.getByTestId('demo-mail-link').getAttribute('href');
  await page.goto(new URL(link!).pathname);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await signInUi(page, email);
  await ctx.close();
});
