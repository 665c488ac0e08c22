import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PASSPHRASE } from './files.ts';

export const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));

/** The environment a CLI test runs `custodia` in: a vault, the test passphrase, nothing else inherited. */
export function cliEnv(home: string, vault: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE, ...extra };
}

/** Runs the real `custodia` to the end, with no stdin (as scripts do), bounded in time. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '', env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

/** Starts `custodia` and answers its exit status and output; several run in parallel as real processes. */
export function runCliAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
