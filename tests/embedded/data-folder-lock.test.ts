import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openEmbedded, type Database } from '@/server/db/client';
import { DataFolderLockedError } from '@/server/db/lock';
import { makeTenant } from '../helpers/fixtures';
import { openMigrated, tempDir } from './helpers';

// PGlite takes no lock on its folder and two openers corrupt it: Linli's own lock file must
// refuse a second opener (in this process or another) with a message naming the holder.
const run = promisify(execFile);
const CHILD = join(process.cwd(), 'tests/embedded/fixtures/open-folder.ts');

interface ChildReport {
  opened: boolean;
  pid: number;
  name?: string;
  locked?: boolean;
  message?: string;
}

async function openFromAnotherProcess(dir: string): Promise<{ code: number; report: ChildReport; stderr: string }> {
  const r = await run(process.execPath, ['--import', 'tsx', CHILD, dir], { cwd: process.cwd(), timeout: 30_000 }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  let report: ChildReport;
  try {
    report = JSON.parse(line) as ChildReport;
  } catch {
    throw new Error(`child printed no report (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

describe('the embedded data folder admits one opener', () => {
  const tmp = tempDir('linli-lock-');
  const dir = join(tmp.dir, 'data');
  const lockFile = join(dir, 'pglite.lock');
  let db: Database | undefined;
  let slug: string;

  beforeAll(async () => {
    db = await openMigrated(dir);
    slug = (await makeTenant(db, 'Locked Co')).slug;
  });
  afterAll(async () => {
    await db?.close();
    tmp.remove();
  });

  it('writes a lock file naming this process', () => {
    expect(existsSync(lockFile)).toBe(true);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
  });

  it('refuses a second opener in the same process, naming the holder', async () => {
    const err = await openEmbedded({ dataDir: dir }).then(
      async (second) => {
        await second.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataFolderLockedError);
    expect((err as Error).message).toContain(`pid ${process.pid}`);
    // the refused opener did not take the lock away
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
  });

  it('refuses an opener from another process with a clear message, and the folder stays usable', async () => {
    const { code, report } = await openFromAnotherProcess(dir);
    expect(report.opened, JSON.stringify(report)).toBe(false);
    expect(report.pid).not.toBe(process.pid);
    expect(report.locked).toBe(true);
    expect(report.name).toBe('DataFolderLockedError');
    expect(report.message).toContain(`pid ${process.pid}`);
    expect(report.message).toContain(hostname());
    expect(report.message).toMatch(/already open in another process/);
    expect(code).toBe(3);
    // still ours, and still reads
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    const t = await db!.prisma.tenant.findUnique({ where: { slug } });
    expect(t?.name).toBe('Locked Co');
  });

  it('reopens after close() and keeps the data', async () => {
    await db!.close();
    db = undefined;
    expect(existsSync(lockFile)).toBe(false);
    // free again for another process too (it opens, closes and releases)
    const other = await openFromAnotherProcess(dir);
    expect(other.report, other.stderr).toMatchObject({ opened: true });
    expect(existsSync(lockFile)).toBe(false);
    db = await openMigrated(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    const t = await db.prisma.tenant.findUnique({ where: { slug } });
    expect(t?.name).toBe('Locked Co');
  });

  it('takes over a stale lock left by a dead process', async () => {
    await db!.close();
    db = undefined;
    // a pid that surely is gone: a process that has exited
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(() => process.kill(dead, 0)).toThrow();
    writeFileSync(lockFile, JSON.stringify({ pid: dead, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    db = await openMigrated(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    const t = await db.prisma.tenant.findUnique({ where: { slug } });
    expect(t?.name).toBe('Locked Co');
  });

  // After a crash the lock file survives; a restarted container often gets the same pid (1)
  // and hostname. A lock naming our pid that this process does not hold is such a leftover.
  it('takes over a stale lock that names our own pid but is not held by this process', async () => {
    await db!.close();
    db = undefined;
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    db = await openMigrated(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).startedAt).not.toBe('2020-01-01T00:00:00.000Z');
    // and our own live lock still refuses a second opener
    await expect(openEmbedded({ dataDir: dir })).rejects.toBeInstanceOf(DataFolderLockedError);
  });
});
