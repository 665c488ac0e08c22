// Reference tools for the benchmarks (run.ts, integrity.ts): time a shell command, check a tool is installed, make an age key.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Milliseconds the command took, or null (with a note on stderr) when it failed. */
export function timeShell(command: string): number | null {
  const started = performance.now();
  const result = spawnSync('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(`(skipped: ${command}: ${result.stderr.toString().trim().split('\n')[0]})\n`);
    return null;
  }
  return performance.now() - started;
}

export const has = (tool: string) => spawnSync('bash', ['-c', `command -v ${tool}`]).status === 0;

/** An age identity file in `dir` and its recipient, or null when age is not installed. */
export function ageKeypair(dir: string): { keyFile: string; recipient: string } | null {
  if (!has('age') || !has('age-keygen')) {
    process.stderr.write('(age is not installed: apt-get install age to compare against it)\n');
    return null;
  }
  const keyFile = path.join(dir, 'age.key');
  execFileSync('bash', ['-c', `age-keygen -o '${keyFile}' 2>/dev/null`]);
  const recipient = execFileSync('bash', ['-c', `age-keygen -y '${keyFile}'`])
    .toString()
    .trim();
  return { keyFile, recipient };
}
