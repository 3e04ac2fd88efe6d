// The app as the e2e tests see it: a fresh production build, served by Linli's own HTTP
// server (scripts/server.mjs, as `npm start` does) on a fresh embedded database in a temporary
// folder (fixtures create their own companies through the app's HTTP endpoints). Never
// DATABASE_URL.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
delete env.DATABASE_URL;
delete env.APP_DATABASE_URL;
const next = 'node_modules/next/dist/bin/next';
if (process.env.E2E_SKIP_BUILD !== '1') {
  const r = spawnSync(process.execPath, [next, 'build'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const dataDir = mkdtempSync(join(tmpdir(), 'linli-e2e-'));
const child = spawn(process.execPath, ['scripts/server.mjs'], {
  stdio: 'inherit',
  env: {
    ...env,
    PORT: env.PORT ?? '3210',
    // The origin the browser uses (playwright.config.ts BASE_URL): links the app makes for a
    // browser to come back to (Checkout's success and cancel URLs) must keep its session cookie.
    APP_URL: env.APP_URL ?? `http://127.0.0.1:${env.PORT ?? '3210'}`,
    HOST: '127.0.0.1',
    TRUSTED_PROXY_HOPS: '0',
    LINLI_DATA_DIR: dataDir,
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
    LOG_LEVEL: 'warn',
  },
});
const stop = () => {
  child.kill('SIGTERM');
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, stop);
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
