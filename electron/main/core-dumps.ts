import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Best effort against key material ending up in a core file. Node has no setrlimit, so:
 *
 * - Linux: lower this process's RLIMIT_CORE to 0 (soft and hard) with util-linux `prlimit`, which
 *   any user may do to their own process. This covers the main process, which is where the engine
 *   and every key live. Chromium's zygote and renderers are forked before this code runs and keep
 *   the inherited limit; the renderer only ever holds what the user types (passphrase) and what is
 *   shown. `ulimit -c 0` in the launching shell or `LimitCORE=0` / systemd-coredump's
 *   `Storage=none` cover those too.
 * - macOS: core dumps are off by default (`ulimit -c` is 0 and /cores needs explicit enabling).
 * - Windows: no core files; Windows Error Reporting may keep a minidump, controlled by the
 *   LocalDumps policy, not by the application.
 * - Electron's own crash reporter (Crashpad minidumps) is never started: the app does not call
 *   `crashReporter.start()`.
 *
 * Returns a short description of what was done, for a debug log.
 */
export function limitCoreDumps(platform: NodeJS.Platform = process.platform, pid: number = process.pid): string {
  if (platform !== 'linux') return `core dumps: nothing to do on ${platform}`;
  const prlimit = ['/usr/bin/prlimit', '/bin/prlimit'].find((candidate) => existsSync(candidate));
  if (!prlimit) return 'core dumps: prlimit not found; RLIMIT_CORE unchanged';
  const result = spawnSync(prlimit, ['--pid', String(pid), '--core=0:0'], { stdio: 'ignore', timeout: 2000 });
  return result.status === 0 ? 'core dumps: RLIMIT_CORE set to 0' : 'core dumps: prlimit failed; RLIMIT_CORE unchanged';
}
