import { test, expect } from '@playwright/test';
import { asRole, DEMO, newContext, type Role } from './helpers';

// Each role sees what its role allows, in the demo company, from the session the setup project
// saved after signing that role in through the form (auth.setup.ts). Signing in itself: the
// setup project, and below a wrong password and the Chinese form.

const NAV: Record<Role, { sees: string[]; never: string[] }> = {
  admin: { sees: ['Communities', 'Units', 'Residents', 'Import', 'Members', 'Audit log', 'Settings'], never: ['My home'] },
  cashier: { sees: ['Communities', 'Units', 'Residents'], never: ['Import', 'Members', 'Audit log', 'Settings', 'My home'] },
  staff: { sees: ['Units'], never: ['Import', 'Members', 'Audit log', 'Settings'] },
  executive: { sees: ['Communities', 'Units'], never: ['Import', 'Members', 'Audit log', 'Settings'] },
  resident: { sees: ['My home'], never: ['Communities', 'Units', 'Residents', 'Import', 'Members', 'Audit log'] },
};

for (const role of Object.keys(NAV) as Role[]) {
  test(`${role} sees only what the role allows`, async ({ browser }) => {
    const { ctx, page } = await asRole(browser, role);
    await page.goto(`/${DEMO.slug}`);
    await expect(page.getByTestId('company-name')).toHaveText(DEMO.name);
    const nav = page.getByTestId('nav');
    for (const item of NAV[role].sees) await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible();
    for (const item of NAV[role].never) await expect(nav.getByRole('link', { name: item, exact: true })).toHaveCount(0);
    await ctx.close();
  });
}

test('a wrong password shows a clear message and no session', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('/sign-in?tab=email');
  await page.getByLabel('E-mail').fill(DEMO.emails.staff);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toContainText(/wrong e-mail or password/i);
  await page.goto(`/${DEMO.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await ctx.close();
});

test('the UI is in Simplified Chinese by default and switches to English', async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: '邮箱登录' }).click();
  await page.getByLabel('邮箱').fill(DEMO.emails.executive);
  await page.getByLabel('密码').fill(DEMO.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('nav').getByRole('link', { name: '小区管理', exact: true })).toBeVisible();
  // A click before React has hydrated the page is lost (CI failed once so): clicked again until
  // the page answers; the assertion is the same.
  await expect(async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect(page.getByTestId('nav').getByRole('link', { name: 'Communities', exact: true })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 15_000 });
  await ctx.close();
});
