import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { BASE_URL, OUTPUT_DIR, PHONE } from '../../playwright.config';
import { PASSWORD } from './api';

type ContextOptions = NonNullable<Parameters<Browser['newContext']>[0]>;

/** The demo company the e2e server seeds on its fresh embedded database (README "Demo logins"). */
export const DEMO = {
  slug: 'demo',
  name: '睦宁里物业（演示）',
  password: 'linli-demo-2026',
  emails: {
    admin: 'admin@demo.linli.test',
    cashier: 'cashier@demo.linli.test',
    executive: 'exec@demo.linli.test',
    staff: 'staff@demo.linli.test',
    resident: 'resident@demo.linli.test',
  },
} as const;
export type Role = keyof typeof DEMO.emails;
export const ROLES = Object.keys(DEMO.emails) as Role[];

/**
 * The saved session (Playwright storageState, English UI) of a demo role, written once per run by
 * the `setup` project (auth.setup.ts). Use it for a whole file with
 * `test.use({ storageState: authFile('cashier') })`, or open a context with asRole().
 * Never revoke these sessions in a test (sign out, "sign out of all devices", password change):
 * tests of that sign in their own user of their own company.
 */
export const authFile = (role: Role) => join(OUTPUT_DIR, '.auth', `${role}.json`);

export { PHONE };

/** A browser context in the given language (the switcher's cookie). */
export async function newContext(browser: Browser, locale: 'en' | 'zh-CN' = 'en', opts: ContextOptions = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: BASE_URL, ...opts });
  await ctx.addCookies([{ name: 'linli_locale', value: locale, url: BASE_URL }]);
  return ctx;
}

/**
 * A browser context and page of a demo role, from the session the setup project saved (no sign-in).
 * For tests that need several roles at once; a file of one role can use test.use({ storageState }).
 * `locale` is the UI's language (the switcher's cookie), `browserLocale` the browser's own.
 */
export async function asRole(
  browser: Browser,
  role: Role,
  opts: Omit<ContextOptions, 'locale'> & { locale?: 'en' | 'zh-CN'; browserLocale?: string } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const { locale = 'en', browserLocale, ...contextOpts } = opts;
  const ctx = await newContext(browser, locale, { ...contextOpts, ...(browserLocale ? { locale: browserLocale } : {}), storageState: authFile(role) });
  return { ctx, page: await ctx.newPage() };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const savedStates = new Map<string, StorageState>();

/**
 * A browser context and page signed in as `email`, a user of a company the spec made itself
 * (makeCompany; demo roles: asRole). The first time (per worker) through signInContext (no page
 * renders; the form itself is tested by the sign-in specs, which use signInUi), whose session is
 * then kept in memory; every later context for the same user starts from it. The page is blank:
 * go where the test starts.
 */
export async function signedInPage(
  browser: Browser,
  email: string,
  opts: ContextOptions & { locale?: 'en' | 'zh-CN' } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const { locale = 'en', ...contextOpts } = opts;
  const saved = savedStates.get(email);
  const ctx = await newContext(browser, locale, saved ? { ...contextOpts, storageState: saved } : contextOpts);
  if (!saved) {
    await signInContext(ctx, email);
    savedStates.set(email, await ctx.storageState());
  }
  return { ctx, page: await ctx.newPage() };
}

/**
 * A phone-sized page (PHONE) signed in as a demo role (its saved session) or as the `email` of a
 * spec's own company (signedInPage), e.g. a resident on a phone.
 */
export async function phonePage(
  browser: Browser,
  who: Role | string,
  opts: ContextOptions & { locale?: 'en' | 'zh-CN' } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const phoneOpts = { ...PHONE, ...opts };
  return who in DEMO.emails ? asRole(browser, who as Role, phoneOpts) : signedInPage(browser, who, phoneOpts);
}

/**
 * Signs the context in through next-auth's credentials endpoint, as the sign-in form does, without
 * rendering a page (its cookies land in the context); checks the session names `email`.
 */
export async function signInContext(ctx: BrowserContext, email: string, password = PASSWORD) {
  const { csrfToken } = await (await ctx.request.get('/api/auth/csrf')).json();
  const res = await ctx.request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true', callbackUrl: BASE_URL } });
  expect(res.ok(), `sign-in of ${email}: ${res.status()}`).toBe(true);
  const session = await (await ctx.request.get('/api/auth/session')).json();
  expect(session?.user?.email, `sign-in of ${email}`).toBe(email);
}

/** Signs in through the real form (English labels). */
export async function signInUi(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in?tab=email');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu').or(page.getByTestId('company-list'))).toBeVisible();
}
