import { test as setup, expect } from '@playwright/test';
import { authFile, DEMO, newContext, ROLES } from './helpers';

// The `setup` project (playwright.config.ts), run before the others: every demo role signs in
// once through the real form and its session (English UI) is saved for the specs (helpers.ts
// authFile / asRole). The five sign-ins run side by side and land on the light company list, not
// on the large demo company's home page (roles.spec.ts looks at that, once per role).

setup('each demo role signs in through the form once; its session is saved', async ({ browser }) => {
  setup.setTimeout(120_000);
  await Promise.all(
    ROLES.map(async (role) => {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      await page.goto('/sign-in?callbackUrl=%2Fcompanies');
      await page.getByLabel('E-mail').fill(DEMO.emails[role]);
      await page.getByLabel('Password').fill(DEMO.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/companies$/, { waitUntil: 'commit', timeout: 60_000 });
      const session = await (await page.request.get('/api/auth/session')).json();
      expect(session?.user?.email, role).toBe(DEMO.emails[role]);
      await ctx.storageState({ path: authFile(role) });
      await ctx.close();
    }),
  );
});
