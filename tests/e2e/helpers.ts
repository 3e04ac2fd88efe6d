import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { PASSWORD } from './api';

/** A browser context in the given language (the switcher's cookie). */
export async function newContext(browser: Browser, locale: 'en' | 'zh-CN' = 'en', opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: BASE_URL, ...opts });
  await ctx.addCookies([{ name: 'linli_locale', value: locale, url: BASE_URL }]);
  return ctx;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const savedStates = new Map<string, StorageState>();

/**
 * A browser context and page signed in as `email`. The first time (per worker) through the real
 * form, whose session is then saved (Playwright storageState); every later context for the same
 * user starts from the saved state instead of signing in again. The page is blank or on the
 * page the sign-in landed on: go where the test starts. Tests of signing in itself use signInUi.
 */
export async function signedInPage(
  browser: Browser,
  email: string,
  opts: Parameters<Browser['newContext']>[0] & { locale?: 'en' | 'zh-CN' } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const { locale = 'en', ...contextOpts } = opts;
  const saved = savedStates.get(email);
  const ctx = await newContext(browser, locale, saved ? { ...contextOpts, storageState: saved } : contextOpts);
  const page = await ctx.newPage();
  if (!saved) {
    await signInUi(page, email);
    savedStates.set(email, await ctx.storageState());
  }
  return { ctx, page };
}

/** Signs in through the real form (English labels). */
export async function signInUi(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu').or(page.getByTestId('company-list'))).toBeVisible();
}
