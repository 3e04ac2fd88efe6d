import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { asRole, DEMO, type Role } from './helpers';
import { kindOf, pageLinks } from '../../scripts/lib/page-kinds';

// #17 point 8: every page of every demo role, found as a user finds it — the nav's entries, then
// one link of each kind of detail page (a bill, a unit, a receipt …) met on those pages — is
//  - at 1440×900: free of serious and critical accessibility violations (axe, WCAG 2 A and AA);
//  - at 390×844 (the same page, resized): as wide as the screen, no sideways scrolling of the page
//    (wide tables scroll in their own box), with the header on one line;
//  - free of console errors and uncaught exceptions at either size.
// Each role in its own context, the roles side by side; the problems are collected and reported
// together. Languages alternate by role (English is the wider). axe runs once per kind of page
// (the first role to reach it; the roles' copies differ only in their buttons), the width and
// console checks on every role's every page.

// No trace: recording every page of the crawl (its snapshots) cost more than the crawl itself.
test.use({ trace: 'off' });

const LOCALE: Record<Role, 'en' | 'zh-CN'> = { admin: 'en', cashier: 'zh-CN', staff: 'zh-CN', executive: 'en', resident: 'zh-CN' };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const base = `/${DEMO.slug}`;

/** Resolves once no data request (tRPC) of the page has been in flight for `quietMs`: its client-side data arrived. */
function trackNetwork(page: Page) {
  const inflight = new Set<unknown>();
  let last = Date.now();
  const done = (r: unknown) => {
    inflight.delete(r);
    last = Date.now();
  };
  page.on('request', (r) => {
    if (!r.url().includes('/api/trpc/')) return; // not the router's prefetches of linked pages
    inflight.add(r);
    last = Date.now();
  });
  page.on('requestfinished', (r) => inflight.has(r) && done(r));
  page.on('requestfailed', (r) => inflight.has(r) && done(r));
  return async (quietMs = 150, maxMs = 8000) => {
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      if (inflight.size === 0 && Date.now() - last >= quietMs) return;
      await page.waitForTimeout(40);
    }
  };
}

/** Tabs per role walking its pages side by side (the admin has most). */
const TABS: Record<Role, number> = { admin: 3, cashier: 1, staff: 1, executive: 2, resident: 1 };

async function crawl(browser: Parameters<typeof asRole>[0], role: Role, axed: Set<string>) {
  const problems: string[] = [];
  const problem = (p: string) => {
    problems.push(p);
    if (process.env.CRAWL_LOG) console.log(p);
  };
  const { ctx, page: first } = await asRole(browser, role, { locale: LOCALE[role], viewport: DESKTOP });
  // The router's prefetches of every linked page (50–60 per page view: nav, rows) are not what is
  // checked and made the crawl three times slower: answered empty here, never by the server.
  await ctx.route(
    (url) => url.searchParams.has('_rsc'),
    (route) => (route.request().headers()['next-router-prefetch'] ? route.fulfill({ status: 204 }) : route.fallback()),
  );
  const queue: string[] = [base];
  const kinds = new Set<string>([kindOf(base)]);
  let visited = 0;
  let busy = 0;
  let navRead = false;

  async function check(page: Page, settled: (quietMs?: number) => Promise<void>, path: string, say: (p: string) => void) {
    const res = await page.goto(path);
    visited++;
    if (!res || res.status() >= 400) say(`HTTP ${res?.status()}`);
    await settled();
    if (!navRead) {
      // The role's pages: the nav's entries (every one the role may open).
      navRead = true;
      const nav = await page
        .getByTestId('nav')
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(nav.length, `${role}: nav entries`).toBeGreaterThan(0);
      for (const p of nav) if (!kinds.has(kindOf(p)) && kinds.add(kindOf(p))) queue.push(p);
    }

    if (!axed.has(kindOf(path))) {
      axed.add(kindOf(path));
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa'])
        .options({ resultTypes: ['violations'] })
        .analyze();
      for (const v of axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
        say(
          `axe ${v.impact} ${v.id} (${v.help}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
        );
    }

    await page.setViewportSize(PHONE);
    const wide = await page.evaluate(async () => {
      // Charts follow a resize a few frames late (their resize observers): up to 1 s to settle.
      const started = performance.now();
      while (document.documentElement.scrollWidth > window.innerWidth && performance.now() - started < 1000) await new Promise((r) => setTimeout(r, 50));
      const width = document.documentElement.scrollWidth;
      if (width <= window.innerWidth) return null;
      // Name the elements that stick out of a parent that fits.
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.parentElement!.getBoundingClientRect().right <= window.innerWidth + 1)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
      return `${width} px wide: ${culprits.join(' | ')}`;
    });
    if (wide) say(`at 390 px the page is ${wide}`);
    const header = await page
      .locator('header')
      .first()
      .evaluate((h) => ({ scroll: h.scrollWidth, client: h.clientWidth, height: h.getBoundingClientRect().height }));
    if (header.scroll > header.client || header.height > 64) say(`at 390 px the header does not fit one line (${JSON.stringify(header)})`);
    await page.setViewportSize(DESKTOP);
    // One page of each kind linked from here (read last: lists render after their data) that the nav does not list (a bill, a unit, a receipt, a new-request form …).
    const links = await page.locator(pageLinks(DEMO.slug)).evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const p of links) if (!kinds.has(kindOf(p)) && kinds.add(kindOf(p))) queue.push(p);
  }

  async function tab(page: Page) {
    const settled = trackNetwork(page);
    let current = '';
    const say = (p: string) => problem(`${role} ${current}: ${p}`);
    page.on('console', (m) => {
      if (m.type() === 'error') say(`console error: ${m.text().slice(0, 300)}`);
    });
    page.on('pageerror', (e) => say(`uncaught ${e.message.slice(0, 300)}`));
    for (;;) {
      const path = queue.shift();
      if (path === undefined) {
        if (busy === 0) return;
        await page.waitForTimeout(50); // another tab may still find pages
        continue;
      }
      busy++;
      current = path;
      const t0 = Date.now();
      try {
        await check(page, settled, path, say);
      } finally {
        busy--;
      }
      if (process.env.CRAWL_LOG) console.log(`${role} ${path}: ${Date.now() - t0} ms`);
    }
  }

  const pages = [first, ...(await Promise.all(Array.from({ length: TABS[role] - 1 }, () => ctx.newPage())))];
  await Promise.all(pages.map(tab));
  await ctx.close();
  return { problems, visited };
}

test('every page of every role: axe at 1440 px, no sideways scroll at 390 px, no console errors', async ({ browser }) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const axed = new Set<string>();
  const results = await Promise.all((['admin', 'cashier', 'staff', 'executive', 'resident'] as const).map((role) => crawl(browser, role, axed)));
  const pages = results.reduce((n, r) => n + r.visited, 0);
  console.log(`crawl: ${pages} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(pages).toBeGreaterThan(50);
  expect(results.flatMap((r) => r.problems)).toEqual([]);
});

test('Chinese in the app’s own font, date inputs in the UI language, a skip link', async ({ browser }) => {
  const { ctx, page } = await asRole(browser, 'cashier', { locale: 'zh-CN' });
  await page.goto(`${base}/payments`);
  // The shipped font loads for Chinese text (whatever the machine has), and the heading is drawn
  // in it or in a system CJK font, never in a Latin font's empty boxes.
  const faces = await page.evaluate(async () => (await document.fonts.load('600 16px "Linli Noto Sans SC"', '收款记录')).map((f) => f.status));
  expect(faces.length).toBeGreaterThan(0);
  expect(faces.every((s) => s === 'loaded')).toBe(true);
  const cdp = await ctx.newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'main h1' });
  await cdp.send('CSS.enable');
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  for (const f of fonts) expect(f.isCustomFont || /CJK|PingFang|YaHei|Han Sans|Hiragino/.test(f.familyName), JSON.stringify(fonts)).toBe(true);
  await expect(page.locator('input[type="date"]').first()).toHaveAttribute('lang', 'zh-CN');
  // The skip link is the first stop of the keyboard and names the main content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  await skip.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await ctx.close();
  const en = await asRole(browser, 'cashier', { locale: 'en' });
  await en.page.goto(`${base}/payments`);
  await expect(en.page.locator('input[type="date"]').first()).toHaveAttribute('lang', 'en');
  await en.ctx.close();
});
