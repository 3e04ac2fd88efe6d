// `npm start`: builds the app if there is no build yet or the sources changed since the last
// one (and says which file), then serves it (scripts/server.mjs).
// Embedded database (no DATABASE_URL / APP_DATABASE_URL): one process; migrations, the demo seed
// and the background jobs start inside it (instrumentation.ts → server/boot.ts).
// PostgreSQL: first the migrate step in a process of its own, as the owner (DATABASE_URL), which
// also sets linli_app's password from LINLI_APP_PASSWORD; then the server, which is given only
// APP_DATABASE_URL (derived from DATABASE_URL + LINLI_APP_PASSWORD when unset) and never the
// owner's URL. With only APP_DATABASE_URL there is no migrate step (run `npm run db:migrate` once
// per release when several servers share the database).
import { spawnSync, spawn } from 'node:child_process';
import { buildNeeded } from './lib/stale-build.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(`Warning: Linli needs Node.js ≥ 22.12 (package.json "engines"); this is ${process.version}.`);
}

const buildReason = buildNeeded(env.LINLI_DIST_DIR || '.next');
if (buildReason) {
  console.log(buildReason);
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (env.DATABASE_URL) {
  console.log('Migrating the database (as its owner, DATABASE_URL)…');
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-migrate.ts'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
  if (!env.APP_DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    u.username = 'linli_app';
    u.password = env.LINLI_APP_PASSWORD ? encodeURIComponent(env.LINLI_APP_PASSWORD) : '';
    env.APP_DATABASE_URL = u.toString();
  }
}
delete env.DATABASE_URL; // the server holds only the app role's login
delete env.LINLI_APP_PASSWORD;

const port = env.PORT || '3000';
console.log(`Starting Linli on http://localhost:${port}`);
const child = spawn(process.execPath, ['scripts/server.mjs'], { stdio: 'inherit', env: { ...env, PORT: port } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
