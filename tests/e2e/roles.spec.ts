import { test, expect } from '@playwright/test';
import { makeCompany, type Company } from './api';
import { newContext, signInUi } from './helpers';

// Each role signs in through the form and sees what its role allows.
let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('角色测试物业');
});

const NAV: Record<string, { sees: string[]; never: string[] }> = {
  ADMIN: { sees: ['Communities', 'Units', 'Residents', 'Import', 'Members', 'Audit log', 'Settings'], never: ['My home'] },
  CASHIER: { sees: ['Communities', 'Units', 'Residents'], never: ['Import', 'Members', 'Audit log', 'Settings', 'My home'] },
  STAFF: { sees: ['Units'], never: ['Import', 'Members', 'Audit log', 'Settings'] },
  EXECUTIVE: { sees: ['Communities', 'Units'], never: ['Import', 'Members', 'Audit log', 'Settings'] },
  RESIDENT: { sees: ['My home'], never: ['Communities', 'Units', 'Residents', 'Import', 'Members', 'Audit log'] },
};

for (const role of Object.keys(NAV)) {
  test(`${role.toLowerCase()} signs in and sees only what the role allows`, async ({ browser }) => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = role === 'ADMIN' ? co.admin.email : co.users[role as keyof Company['users']];
    await signInUi(page, email);
    await expect(page).toHaveURL(new RegExp(`/${co.slug}$`));
    await expect(page.getByTestId('company-name')).toHaveText(co.name);
    const nav = page.getByTestId('nav');
    for (const item of NAV[role]!.sees) await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible();
    for (const item of NAV[role]!.never) await expect(nav.getByRole('link', { name: item, exact: true })).toHaveCount(0);
    await ctx.close();
  });
}

test('a wrong password shows a clear message and no session', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(co.admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toContainText(/wrong e-mail or password/i);
  await page.goto(`/${co.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await ctx.close();
});

test('the UI is in Simplified Chinese by default and switches to English', async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('邮箱').fill(co.admin.email);
  await page.getByLabel('密码').fill('e2e-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('nav').getByRole('link', { name: '小区管理', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByTestId('nav').getByRole('link', { name: 'Communities', exact: true })).toBeVisible();
  await ctx.close();
});
