// Whether `npm start` must build first (scripts/start.mjs): no build yet, or a source file
// changed after the last build. Returns the sentence to print, or null when the build is current.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build is made of: a change to any of these after the build makes it stale. */
export const SOURCES = [
  'app',
  'components',
  'server',
  'prisma/schema.prisma',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

/** The most recently modified file under `paths` (directories walked), or null. */
export function newestFile(paths) {
  let best = null;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else if (!best || st.mtimeMs > best.mtimeMs) best = { path: p, mtimeMs: st.mtimeMs };
  };
  paths.forEach(visit);
  return best;
}

export function buildNeeded(distDir, root = '.') {
  const buildId = join(root, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return 'No build found: building Linli once (about a minute)…';
  const changed = newestFile(SOURCES.map((s) => join(root, s)));
  if (changed && changed.mtimeMs > statSync(buildId).mtimeMs) {
    return `The sources changed since the last build (newest: ${changed.path}, ${new Date(changed.mtimeMs).toISOString()}): rebuilding Linli…`;
  }
  return null;
}
