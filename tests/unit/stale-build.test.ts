import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNeeded } from '../../scripts/lib/stale-build.mjs';

// #13 point 10: `npm start` rebuilds when a source is newer than the build, and says which.
describe('npm start: stale build check', () => {
  const root = mkdtempSync(join(tmpdir(), 'linli-stale-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const touch = (rel: string, at: number) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), 'x');
    utimesSync(join(root, rel), at / 1000, at / 1000);
  };
  const t0 = Date.UTC(2026, 0, 1);

  it('builds when there is no build', () => {
    touch('app/page.tsx', t0);
    expect(buildNeeded('.next', root)).toMatch(/^No build found/);
  });

  it('does not rebuild when the build is newer than every source', () => {
    touch('server/billing/bills.ts', t0);
    touch('app/_i18n/messages/en/errors.json', t0);
    touch('.next/BUILD_ID', t0 + 60_000);
    expect(buildNeeded('.next', root)).toBeNull();
  });

  it('rebuilds, naming the file, when a source (a message catalog, the lock file, a component) is newer', () => {
    touch('app/_i18n/messages/en/errors.json', t0 + 120_000);
    expect(buildNeeded('.next', root)).toMatch(/^The sources changed since the last build \(newest: .*app\/_i18n\/messages\/en\/errors\.json/);
    touch('.next/BUILD_ID', t0 + 180_000);
    touch('package-lock.json', t0 + 240_000);
    expect(buildNeeded('.next', root)).toContain('package-lock.json');
    touch('.next/BUILD_ID', t0 + 300_000);
    touch('components/ui/button.tsx', t0 + 360_000);
    expect(buildNeeded('.next', root)).toContain('components/ui/button.tsx');
  });

  it('looks at its own build folder (LINLI_DIST_DIR)', () => {
    touch('.next-other/BUILD_ID', t0 + 420_000);
    expect(buildNeeded('.next-other', root)).toBeNull();
  });
});
