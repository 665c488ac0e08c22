// Fault injection at the fs layer of this process: every call that writes or makes durable
// (FileHandle write/writev/writeFile/sync/datasync, and the synchronous writeSync, fsyncSync,
// renameSync, mkdirSync the engine uses to commit a blob) is counted, and from the N-th one on
// (or at the N-th only) it fails with a real-looking errno error instead of running.
// SQLite writes through its own C code and is not affected.
import fs, { promises as fsp } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

export type FaultCode = 'ENOSPC' | 'EIO' | 'EDQUOT';

const ERRNO: Record<FaultCode, { errno: number; text: string }> = {
  ENOSPC: { errno: -28, text: 'no space left on device' },
  EIO: { errno: -5, text: 'i/o error' },
  EDQUOT: { errno: -122, text: 'disk quota exceeded' },
};

export interface FaultPlan {
  code: FaultCode;
  /** The 1-based index of the first write-like call that fails. */
  failAt: number;
  /** true: every later call fails too (a disk that stays full); false: only the failAt-th (a transient error). */
  persistent: boolean;
}

export interface FsFault {
  /** Write-like calls seen so far, failed ones included. */
  readonly calls: number;
  readonly failures: string[];
  restore(): void;
}

const HANDLE_METHODS = ['write', 'writev', 'writeFile', 'sync', 'datasync'] as const;
const SYNC_FUNCTIONS = ['writeSync', 'fsyncSync', 'renameSync', 'mkdirSync'] as const;

let handlePrototype: Record<string, (...args: unknown[]) => unknown> | null = null;

async function fileHandlePrototype() {
  if (!handlePrototype) {
    const handle = await fsp.open(import.meta.filename, 'r');
    handlePrototype = Object.getPrototypeOf(handle) as Record<string, (...args: unknown[]) => unknown>;
    await handle.close();
  }
  return handlePrototype;
}

function errnoError(code: FaultCode, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${ERRNO[code].text}, ${syscall} (injected)`), { code, errno: ERRNO[code].errno, syscall });
}

/** Installs the plan (pass failAt = Infinity to only count); call restore() in a finally. */
export async function injectFsFault(plan: FaultPlan): Promise<FsFault> {
  const proto = await fileHandlePrototype();
  const mutableFs = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = {
    handle: Object.fromEntries(HANDLE_METHODS.map((name) => [name, proto[name]!])),
    sync: Object.fromEntries(SYNC_FUNCTIONS.map((name) => [name, mutableFs[name]!])),
  };
  const state = { calls: 0, failures: [] as string[] };
  const shouldFail = (syscall: string): boolean => {
    state.calls++;
    const fail = plan.persistent ? state.calls >= plan.failAt : state.calls === plan.failAt;
    if (fail) state.failures.push(`${state.calls}:${syscall}`);
    return fail;
  };
  for (const name of HANDLE_METHODS) {
    const original = originals.handle[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      if (shouldFail(name)) return Promise.reject(errnoError(plan.code, name));
      return original.apply(this, args);
    };
  }
  for (const name of SYNC_FUNCTIONS) {
    const original = originals.sync[name]!;
    mutableFs[name] = function (this: unknown, ...args: unknown[]) {
      if (shouldFail(name)) throw errnoError(plan.code, name);
      return original.apply(this, args);
    };
  }
  syncBuiltinESMExports();
  return {
    get calls() {
      return state.calls;
    },
    failures: state.failures,
    restore() {
      for (const name of HANDLE_METHODS) proto[name] = originals.handle[name]!;
      for (const name of SYNC_FUNCTIONS) mutableFs[name] = originals.sync[name]!;
      syncBuiltinESMExports();
    },
  };
}

/** Runs `work` under the plan and always restores the real fs. */
export async function withFsFault<T>(
  plan: FaultPlan,
  work: () => Promise<T>,
): Promise<{ result: T | undefined; error: unknown; fault: FsFault }> {
  const fault = await injectFsFault(plan);
  try {
    return { result: await work(), error: undefined, fault };
  } catch (error) {
    return { result: undefined, error, fault };
  } finally {
    fault.restore();
  }
}
