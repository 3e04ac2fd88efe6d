// `npm run bench:pages`: every page of every demo role, timed on the server, on the embedded demo.
//
// 1. A production build (built first when missing or older than the sources, as `npm start`
//    does; LINLI_DIST_DIR picks the folder), served by scripts/server.mjs on a fresh embedded
//    database in a temporary folder (migrations and the demo seed at boot, as the e2e server).
// 2. Each demo role (admin, cashier, staff, executive, resident; Chinese UI) signs in and walks its
//    pages in Chromium as a user finds them (scripts/lib/page-kinds.ts: the nav's entries, then
//    one link of each kind of detail page met on them). The first pass is every page's first
//    visit since the server started (code loaded, caches cold); a second pass visits them again.
// 3. A page's server time: the document's (request sent → last byte, the streamed render
//    included) plus the slowest of the data requests (tRPC) the page made while loading, which
//    the browser sends once the document has arrived. Both from the browser's resource timing,
//    so the client's own work is left out. The router's prefetches of linked pages are not sent.
// Prints one line per page and visit, then the LAST line as JSON: pages, slowest_ms (the slowest
// page, first visits included; target under 500 ms), slowest (which), median_ms, first_median_ms.
// Env: BENCH_PORT (a free port), CHROMIUM_PATH, LINLI_DIST_DIR, BENCH_SKIP_BUILD=1 (serve the
// build that is there, as E2E_SKIP_BUILD).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import { buildNeeded } from './lib/stale-build.mjs';
import { kindOf, pageLinks } from './lib/page-kinds';

const TARGET_MS = 500;
const SLUG = 'demo';
const PASSWORD = 'linli-demo-2026';
const ROLES = {
  admin: 'admin@demo.linli.test',
  cashier: 'cashier@demo.linli.test',
  staff: 'staff@demo.linli.test',
  executive: 'exec@demo.linli.test',
  resident: 'resident@demo.linli.test',
} as const;
type Role = keyof typeof ROLES;

const ms = (x: number) => Math.round(x);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<{ child: ChildProcess; dataDir: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  const reason = env.BENCH_SKIP_BUILD === '1' ? null : buildNeeded(env.LINLI_DIST_DIR || '.next');
  if (reason) {
    console.log(reason);
    const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-bench-pages-'));
  const child = spawn(process.execPath, ['scripts/server.mjs'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: `http://127.0.0.1:${port}`,
      TRUSTED_PROXY_HOPS: '0',
      LINLI_DATA_DIR: dataDir,
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', // debug: each procedure's time (server/api/trpc.ts)
    },
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) throw new Error('the server did not answer /api/health within 300 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`server ready on port ${port} in ${((Date.now() - started) / 1000).toFixed(1)} s (embedded database, demo seeded)`);
  return { child, dataDir };
}

/** request sent → last byte, from the browser's timing of a finished request. */
function serverMs(r: Request): number {
  const t = r.timing();
  return t.responseEnd > 0 && t.requestStart >= 0 ? t.responseEnd - t.requestStart : t.responseEnd;
}

interface Visit {
  role: Role;
  path: string;
  first: boolean;
  doc_ms: number;
  data_ms: number;
  server_ms: number;
  status: number;
}

/** Loads a page and waits for its data requests; the document's and the slowest data request's times. */
async function visit(page: Page, path: string) {
  const data: Promise<number>[] = [];
  const onRequest = (r: Request) => {
    if (r.url().includes('/api/trpc/'))
      data.push(
        r
          .response()
          .then((res) => res?.finished())
          .then(() => serverMs(r))
          .catch(() => 0),
      );
  };
  page.on('request', onRequest);
  const res = await page.goto(path, { waitUntil: 'load' });
  if (!res) throw new Error(`${path}: no response`);
  await res.finished();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  page.off('request', onRequest);
  const doc = serverMs(res.request());
  const slowestData = Math.max(0, ...(await Promise.all(data)));
  return { status: res.status(), doc_ms: ms(doc), data_ms: ms(slowestData), server_ms: ms(doc + slowestData) };
}

async function walkRole(browser: Browser, baseURL: string, role: Role): Promise<Visit[]> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  await ctx.addCookies([{ name: 'linli_locale', value: 'zh-CN', url: baseURL }]);
  const { csrfToken } = await (await ctx.request.get('/api/auth/csrf')).json();
  const signIn = await ctx.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: ROLES[role], password: PASSWORD, json: 'true', callbackUrl: baseURL },
  });
  if (!signIn.ok()) throw new Error(`${role}: sign-in ${signIn.status()}`);
  // The router's prefetches of every page a page links to (50–60 a view: nav, rows) are other
  // pages' work, and, running beside the measured requests, made their times noise: answered
  // empty here, never by the server.
  await ctx.route(
    (url) => url.searchParams.has('_rsc'),
    (route) => (route.request().headers()['next-router-prefetch'] ? route.fulfill({ status: 204 }) : route.fallback()),
  );
  const page = await ctx.newPage();
  const base = `/${SLUG}`;
  const order: string[] = [base];
  const kinds = new Set([kindOf(base)]);
  const visits: Visit[] = [];
  for (let i = 0; i < order.length; i++) {
    const path = order[i]!;
    const v = await visit(page, path);
    visits.push({ role, path, first: true, ...v });
    const found = await page
      .locator(i === 0 ? `[data-testid="nav"] a[href^="${base}"], ${pageLinks(SLUG)}` : pageLinks(SLUG))
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const p of found) {
      const kind = kindOf(p);
      if (kinds.has(kind)) continue;
      kinds.add(kind);
      order.push(p);
    }
  }
  for (const path of order) visits.push({ role, path, first: false, ...(await visit(page, path)) });
  await ctx.close();
  return visits;
}

async function main() {
  const executablePath =
    process.env.CHROMIUM_PATH ||
    ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const { child, dataDir } = await startServer(port);
  const stop = () => {
    child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const visits: Visit[] = [];
    for (const role of Object.keys(ROLES) as Role[]) {
      const vs = await walkRole(browser, `http://127.0.0.1:${port}`, role);
      for (const v of vs)
        console.log(
          `${v.role.padEnd(9)} ${v.first ? 'first' : 'again'} ${String(v.server_ms).padStart(5)} ms  (document ${v.doc_ms}, data ${v.data_ms})  ${v.status}  ${v.path}`,
        );
      visits.push(...vs);
    }
    const bad = visits.filter((v) => v.status >= 400);
    const slowest = visits.reduce((a, b) => (b.server_ms > a.server_ms ? b : a));
    const firsts = visits.filter((v) => v.first);
    console.log(
      `${firsts.length} pages of ${Object.keys(ROLES).length} roles; slowest ${slowest.server_ms} ms (${slowest.role} ${slowest.path}, ${slowest.first ? 'first visit' : 'again'}); target under ${TARGET_MS} ms${bad.length ? `; ${bad.length} answered an error` : ''}`,
    );
    console.log(
      JSON.stringify({
        pages: firsts.length,
        slowest_ms: slowest.server_ms,
        slowest: `${slowest.role} ${slowest.path}${slowest.first ? ' (first visit)' : ''}`,
        median_ms: median(visits.filter((v) => !v.first).map((v) => v.server_ms)),
        first_median_ms: median(firsts.map((v) => v.server_ms)),
        errors: bad.length,
        target_ms: TARGET_MS,
      }),
    );
  } finally {
    await browser?.close();
    stop();
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
