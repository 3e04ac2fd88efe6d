import { hostname } from 'node:os';
import { linkSync, readFileSync, renameSync, unlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// PGlite takes no lock on its folder and two openers corrupt it, so Linli keeps its own
// lock file beside the data folder: {pid, host, startedAt}. A lock whose holder is no
// longer alive (same host, pid gone) is stale and taken over.
export class DataFolderLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database is already open ${holder.pid === process.pid ? 'in this process' : 'in another process'} (pid ${holder.pid} on ${holder.host}, ` +
        `since ${holder.startedAt}; lock file ${lockPath}). Stop that process first, ` +
        `or point LINLI_DATA_DIR at another folder.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Lock files this process holds, on globalThis so a hot-reloaded copy of this module agrees.
// A lock naming our own pid that we do not hold is stale: left by an earlier process that had
// the same pid (a container restarted after a crash: pid 1 again, same hostname).
const held: Set<string> = ((globalThis as { __linliHeldLocks?: Set<string> }).__linliHeldLocks ??= new Set());

export function acquireLock(lockPath: string): () => void {
  mkdirSync(dirname(lockPath), { recursive: true });
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Atomic: the lock file appears complete or not at all (write aside, then hard-link,
      // which fails if the lock exists), so nobody ever reads a half-written holder.
      const tmp = `${lockPath}.${process.pid}.${Date.now()}`;
      writeFileSync(tmp, JSON.stringify(me));
      try {
        linkSync(tmp, lockPath);
      } finally {
        unlinkSync(tmp);
      }
      held.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        held.delete(lockPath);
        try {
          const cur = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
          if (cur.pid === me.pid && cur.host === me.host) unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo;
      try {
        holder = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
      } catch {
        holder = { pid: -1, host: hostname(), startedAt: 'unknown' };
      }
      const stale = holder.host === me.host && (holder.pid === -1 || (holder.pid === process.pid ? !held.has(lockPath) : !alive(holder.pid)));
      if (!stale) throw new DataFolderLockedError(lockPath, holder);
      // Move the stale file aside before deleting it: of two processes taking over at once,
      // only one rename succeeds; the other retries and meets the winner's fresh lock.
      const aside = `${lockPath}.stale.${process.pid}`;
      try {
        renameSync(lockPath, aside);
        unlinkSync(aside);
      } catch {
        /* someone else took it over first */
      }
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
