import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { PASSWORD } from './api';

/** A browser context in the given language (the switcher's cookie). */
export async function newContext(browser: Browser, locale: 'en' | 'zh-CN' = 'en', opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: BASE_URL, ...opts });
  await ctx.addCookies([{ name: 'linli_locale', value: locale, url: BASE_URL }]);
  return ctx;
}

/** Signs in through the real form (English labels). */
export async function signInUi(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu').or(page.getByTestId('company-list'))).toBeVisible();
}
