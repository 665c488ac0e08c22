// A 5 GB sparse file (all zeros, no disk blocks) imported through the engine: it must stream in
// bounded memory. Too slow for `npm test` on a small machine (the vault writes 5 GB of ciphertext),
// so tests/engine/hostile-files.test.ts imports 1 GiB and this bench does the full size.
// Run: node tests/bench/sparse-import.ts [bytes]   (default 5e9; needs that much free disk)
// Prints one JSON line: size, import time, throughput, RSS growth while streaming, SHA-256.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Archive } from '../../electron/archive/index.ts';

const size = Number(process.argv[2] ?? 5e9);
if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`not a size in bytes: ${process.argv[2]}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-sparse-bench-'));
try {
  const { archive } = await Archive.create(path.join(dir, 'vault'), 'benchmark passphrase');
  const caseId = archive.addCase({ title: 'sparse' });
  const file = path.join(dir, 'sparse.bin');
  writeFileSync(file, '');
  truncateSync(file, size);

  // The expected hash, computed independently of the engine over the same zeros.
  const zeros = Buffer.alloc(8 * 1024 * 1024);
  const expected = createHash('sha256');
  for (let done = 0; done < size; done += zeros.length) expected.update(zeros.subarray(0, Math.min(zeros.length, size - done)));
  const expectedSha256 = expected.digest('hex');

  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const started = performance.now();
  const result = await archive.importFile(caseId, file);
  const importMs = performance.now() - started;
  clearInterval(sampler);
  archive.lock();

  const line = {
    size,
    importMs: Math.round(importMs),
    mbPerSecond: Math.round(size / 1e6 / (importMs / 1000)),
    rssBeforeMB: Math.round(rssBefore / 1e6),
    rssGrowthMB: Math.round((peakRss - rssBefore) / 1e6),
    sha256Ok: result.sha256 === expectedSha256,
    sizeOk: result.size === size,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (!line.sha256Ok || !line.sizeOk) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
