import { test as setup } from '@playwright/test';
import { authFile, DEMO, newContext, ROLES, signInContext } from './helpers';

// The `setup` project (playwright.config.ts), run before the others: every demo role signs in
// once (next-auth's credentials endpoint, as the form posts it; no page renders — the form itself
// is tested by accounts.spec.ts and roles.spec.ts) and its session (English UI) is saved for the
// specs (helpers.ts authFile / asRole). The five sign-ins run side by side.

setup('each demo role signs in once; its session is saved', async ({ browser }) => {
  await Promise.all(
    ROLES.map(async (role) => {
      const ctx = await newContext(browser);
      await signInContext(ctx, DEMO.emails[role], DEMO.password);
      await ctx.storageState({ path: authFile(role) });
      await ctx.close();
    }),
  );
});
