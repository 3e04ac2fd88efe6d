// `npm start`: builds the app if there is no build yet, then serves it from one process.
// Migrations, the demo seed (embedded database only, unless LINLI_SEED_DEMO=1) and the
// background jobs start inside that process (instrumentation.ts → server/boot.ts).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const next = 'node_modules/next/dist/bin/next';

if (!existsSync(`${process.env.LINLI_DIST_DIR || '.next'}/BUILD_ID`)) {
  console.log('No build found: building Linli once (about a minute)…');
  const r = spawnSync(process.execPath, [next, 'build'], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT ?? '3000';
console.log(`Starting Linli on http://localhost:${port}`);
const child = spawn(process.execPath, [next, 'start', '-p', port], { stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
