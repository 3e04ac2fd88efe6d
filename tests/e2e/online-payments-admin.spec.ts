import { test, expect } from '@playwright/test';
import { makeCompany, type Company } from './api';
import { signedInPage } from './helpers';

// #14 "A company admin connects the company's Stripe account": on a fresh company, 连接 Stripe
// leads to the Stripe fake's hosted onboarding; completing it returns to the page, which now
// reads READY from Stripe. The admin chooses the methods residents see (at least one) and the
// overpayment policy; the reconciliation tab shows the days. An executive sees reconciliation
// only, a cashier is refused, and /platform is a 404 for anyone not in PLATFORM_ADMINS.

let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('在线缴费开通 物业');
});
test.afterAll(async () => {
  await co?.admin.ctx.dispose();
});

test('an admin connects Stripe through the hosted onboarding, then sets the methods and the overpayment policy', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}/online-payments`);
  await expect(page.getByRole('heading', { name: 'Online payment' })).toBeVisible();
  await expect(page.getByTestId('online-payments-off')).toHaveCount(0);
  await expect(page.getByTestId('stripe-status')).toHaveAttribute('data-status', 'NOT_CONNECTED');

  await page.getByTestId('stripe-connect').click();
  await expect(page.getByRole('heading', { name: /Account onboarding/ })).toBeVisible();
  await page.getByTestId('complete').click();

  await expect(page).toHaveURL(new RegExp(`/${co.slug}/online-payments\\?onboarding=return`));
  await expect(page.getByTestId('onboarding-returned')).toBeVisible();
  await expect(page.getByTestId('stripe-status')).toHaveAttribute('data-status', 'READY');
  await expect(page.getByTestId('stripe-connect')).toHaveCount(0);

  const form = page.getByTestId('online-payment-settings');
  await form.getByTestId('method-card').uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toBeVisible(); // at least one method
  await form.getByTestId('method-alipay').check();
  await form.getByTestId('method-wechat_pay').check();
  await form.getByTestId('overpayment-REFUND').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Online payment settings saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('method-card')).not.toBeChecked();
  await expect(page.getByTestId('method-alipay')).toBeChecked();
  await expect(page.getByTestId('overpayment-REFUND')).toBeChecked();

  await page.getByTestId('tab-reconciliation').click();
  await expect(page).toHaveURL(/tab=reconciliation/);
  await expect(page.getByTestId('reconciliation-days')).toContainText('No online payments on these days.');
  await expect(page.getByTestId('reconciliation-flags')).toContainText('Linli and Stripe agree');
  await ctx.close();
});

test('an executive sees reconciliation only; a cashier is refused; /platform is not found for a company admin', async ({ browser }) => {
  const exec = await signedInPage(browser, co.users.EXECUTIVE);
  await exec.page.goto(`/${co.slug}/online-payments`);
  await expect(exec.page.getByTestId('reconciliation')).toBeVisible();
  await expect(exec.page.getByTestId('stripe-account')).toHaveCount(0);
  await expect(exec.page.getByTestId('tab-account')).toHaveCount(0);
  await exec.ctx.close();

  const cashier = await signedInPage(browser, co.users.CASHIER);
  const refused = await cashier.page.goto(`/${co.slug}/online-payments`);
  expect(refused?.status()).toBe(403);
  await cashier.ctx.close();

  const admin = await signedInPage(browser, co.admin.email);
  const platform = await admin.page.goto('/platform');
  expect(platform?.status()).toBe(404);
  await admin.ctx.close();
});
