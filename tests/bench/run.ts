// npm run bench: import and read-back of a 1 GiB file, against sha256sum, openssl, cat (and age
// where installed) on the same file in the same run. Set BENCH_MB to change the size.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, writeRandomFile } from '../helpers/files.ts';
import { ageKeypair, timeShell } from './shell.ts';

const sizeMb = Number(process.env.BENCH_MB ?? 1024);
const bytes = sizeMb * 1024 * 1024;
const dir = tempDir('custodia-bench-');
const file = path.join(dir, 'input.bin');
const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);

try {
  process.stderr.write(`Writing ${sizeMb} MiB of random data…\n`);
  await writeRandomFile(file, bytes);
  timeShell(`cat '${file}' > /dev/null`); // warm the page cache so every tool reads from memory

  const rows: Array<[string, number | null]> = [];
  rows.push(['cat > /dev/null', timeShell(`cat '${file}' > /dev/null`)]);
  rows.push(['sha256sum', timeShell(`sha256sum '${file}' > /dev/null`)]);
  rows.push(['dd conv=fsync (disk write ceiling)', timeShell(`dd if='${file}' of='${dir}/dd.out' bs=1M conv=fsync status=none`)]);
  rmSync(`${dir}/dd.out`, { force: true });
  rows.push([
    'openssl enc -chacha20 (to file)',
    timeShell(`openssl enc -chacha20 -K ${'11'.repeat(32)} -iv ${'22'.repeat(16)} -in '${file}' -out '${dir}/openssl.out'`),
  ]);
  let ageEncrypt: number | null = null;
  let ageDecrypt: number | null = null;
  const age = ageKeypair(dir);
  if (age) {
    ageEncrypt = timeShell(`age -r ${age.recipient} -o '${dir}/age.out' '${file}'`);
    ageDecrypt = timeShell(`age -d -i '${age.keyFile}' '${dir}/age.out' > /dev/null`);
    rows.push(['age -r (encrypt to file)', ageEncrypt], ['age -d (to /dev/null)', ageDecrypt]);
  }
  rmSync(`${dir}/openssl.out`, { force: true });
  rmSync(`${dir}/age.out`, { force: true });

  const child = spawnSync(process.execPath, [fileURLToPath(new URL('./vault-io.ts', import.meta.url)), path.join(dir, 'vault'), file], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
  const ours = JSON.parse(child.stdout.trim().split('\n').pop()!);
  if (!ours.readOk || !ours.verifyOk) throw new Error('read-back did not verify');

  const sha = rows.find(([name]) => name === 'sha256sum')![1];
  const line = (name: string, ms: number | null) =>
    `${name.padEnd(40)} ${ms === null ? '   n/a' : `${mbps(ms).toFixed(0).padStart(6)} MB/s  ${(ms / 1000).toFixed(2)} s`}`;
  console.log(`\nCustodia benchmark: ${sizeMb} MiB random file, ${new Date().toISOString()}`);
  console.log('-- reference tools, same file, same run');
  for (const [name, ms] of rows) console.log(line(name, ms));
  console.log('-- Custodia');
  console.log(line('import (hash + encrypt + fsync)', ours.importMs));
  console.log(line('read (authenticated decrypt, discarded)', ours.readMs));
  console.log(line('read-back with verification (+ SHA-256)', ours.verifyMs));
  console.log(`${'unlock (Argon2id MODERATE)'.padEnd(40)} ${ours.unlockMs.toFixed(0)} ms`);
  console.log(`${'peak RSS while streaming'.padEnd(40)} ${(ours.streamingPeakRss / 1024 / 1024).toFixed(0)} MiB`);
  console.log(`${'peak RSS of the process (incl. Argon2id)'.padEnd(40)} ${(ours.peakRssBytes / 1024 / 1024).toFixed(0)} MiB`);
  console.log('-- ratios (ours / theirs; targets from the vault issue)');
  if (sha) console.log(`import vs sha256sum        ${(sha / ours.importMs).toFixed(2)}×  (target ≥ 1.5×)`);
  if (ageEncrypt) console.log(`import vs age -r           ${(ageEncrypt / ours.importMs).toFixed(2)}×  (target ≥ 0.8×)`);
  const ddMs = rows.find(([name]) => name.startsWith('dd'))![1];
  if (ddMs) console.log(`import vs dd conv=fsync    ${(ddMs / ours.importMs).toFixed(2)}×  (the disk's own durable-write speed)`);
  if (ageDecrypt) console.log(`read-back+verify vs age -d ${(ageDecrypt / ours.verifyMs).toFixed(2)}×  (target ≥ 0.8×)`);
  if (ageDecrypt) console.log(`read vs age -d             ${(ageDecrypt / ours.readMs).toFixed(2)}×`);
  console.log(
    `streaming peak RSS         ${(ours.streamingPeakRss / 1024 / 1024).toFixed(0)} MiB (target < 200 MiB); unlock ${ours.unlockMs.toFixed(0)} ms (target < 1000 ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
