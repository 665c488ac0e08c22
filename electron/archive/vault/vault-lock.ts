import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArchiveError } from '../errors.ts';

/**
 * An advisory lock file that serialises, across processes, the changes SQLite cannot serialise
 * for us: the vault header (passphrase, recovery key). The file names its holder (pid, host,
 * what it is doing, since when); a holder that died (kill -9, power loss) is recognised and its
 * lock taken over, so a crash never leaves the vault stuck.
 */
export const LOCK_FILE = 'vault.lock';
/** How long a second process waits for the holder before saying who holds the vault. */
export const DEFAULT_LOCK_WAIT_MS = 15_000;
const POLL_MS = 50;

export interface LockHolder {
  pid: number;
  host: string;
  /** The holder's start time as the kernel counts it (Linux), to tell a reused pid apart. */
  processStart: string | null;
  what: string;
  since: string;
}

export interface VaultLockOptions {
  waitMs?: number;
}

/** `CUSTODIA_LOCK_WAIT_SECONDS`: how long a script is willing to wait for another process (0: not at all). */
function lockWaitFromEnvironment(): number | null {
  const seconds = Number(process.env.CUSTODIA_LOCK_WAIT_SECONDS);
  return process.env.CUSTODIA_LOCK_WAIT_SECONDS && Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : null;
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.since !== 'string') return null;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ''),
      processStart: parsed.processStart ?? null,
      what: String(parsed.what ?? 'another Custodia process').slice(0, 80),
      since: parsed.since,
    };
  } catch {
    return null;
  }
}

/** A holder on this machine whose process is gone (or whose pid now belongs to another process). */
function isStale(holder: LockHolder | null, file: string): boolean {
  // An unreadable lock may be one another process is writing this very moment: give it a second.
  if (!holder) return Date.now() - mtimeOf(file) > 2_000;
  if (holder.host !== os.hostname()) return false;
  if (!isAlive(holder.pid)) return true;
  return holder.processStart !== null && processStart(holder.pid) !== holder.processStart;
}

export function describeHolder(holder: LockHolder): string {
  const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return `the vault is in use by ${holder.what} (process ${holder.pid}${where}) since ${holder.since}; wait for it to finish and try again`;
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the vault's lock, waiting up to `waitMs` for a live holder; answers the release
 * function. A stale lock (its holder died) is moved aside and taken over.
 */
export async function acquireVaultLock(dir: string, what: string, options: VaultLockOptions = {}): Promise<() => void> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    processStart: processStart(process.pid),
    what: what.slice(0, 80),
    since: new Date().toISOString(),
  };
  const deadline = Date.now() + (options.waitMs ?? lockWaitFromEnvironment() ?? DEFAULT_LOCK_WAIT_MS);
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file, me)) break;
    const holder = readHolder(file);
    if (isStale(holder, file)) {
      // Rename first: of two processes finding the same stale lock, only one moves it away.
      const aside = `${file}.stale-${process.pid}`;
      try {
        renameSync(file, aside);
        rmSync(aside, { force: true });
      } catch {
        // Someone else took it over first; try again.
      }
      continue;
    }
    if (Date.now() >= deadline || attempt > 100_000)
      throw new ArchiveError('io', holder ? describeHolder(holder) : 'the vault is in use by another Custodia process; try again');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** Runs `work` holding the vault's lock. */
export async function withVaultLock<T>(dir: string, what: string, work: () => Promise<T>, options: VaultLockOptions = {}): Promise<T> {
  const release = await acquireVaultLock(dir, what, options);
  try {
    return await work();
  } finally {
    release();
  }
}
