import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive } from '../../electron/archive/index.ts';
import { listFiles, PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';
import { assertConsistent, cliVerify, cloneVault, makeTemplateVault, reopen, type TemplateVault } from '../helpers/fault-vault.ts';

const CHILD = fileURLToPath(new URL('../helpers/import-child.ts', import.meta.url));
const RUNS = 50;
/** From a few KB to 30 MB: single-chunk, single-batch, multi-batch and threaded-hash imports. */
const SIZES = [3_000, 40_000, 300_000, 1_500_000, 4_000_000, 12_000_000, 30_000_000];
const BATCH_BYTES = 16 * 65536;
/** Where in the import the SIGKILL lands: during unlock, at a random time, after the k-th batch, right after a commit. */
const MODES = ['startup', 'delay', 'progress', 'imported'] as const;
type Mode = (typeof MODES)[number];

const dir = tempDir();
let template: TemplateVault;
const pool: Array<{ file: string; size: number; sha256: string }> = [];

before(async () => {
  template = await makeTemplateVault(dir);
  for (const size of SIZES) {
    const file = path.join(dir, `source-${size}.bin`);
    await writeRandomFile(file, size);
    pool.push({ file, size, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') });
  }
  // Already in the template's case: importing it again takes the duplicate path (blob written, then discarded).
  const seed = readFileSync(template.seedFile);
  pool.push({ file: template.seedFile, size: seed.length, sha256: createHash('sha256').update(seed).digest('hex') });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

interface ChildRun {
  killed: boolean;
  imported: string[];
  progressLines: number;
}

/** Runs an import child over `files` and SIGKILLs it at the moment `mode` picks (at random within it). */
function importAndKill(vault: string, files: typeof pool, mode: Mode, passphrase: boolean): Promise<ChildRun> {
  return new Promise((resolve) => {
    const env = passphrase
      ? { ...process.env, CUSTODIA_PASSPHRASE: PASSPHRASE }
      : { ...process.env, CUSTODIA_RECOVERY_KEY: template.recoveryKey };
    const child = spawn(process.execPath, [CHILD, vault, template.caseId, ...files.map((f) => f.file)], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const run: ChildRun = { killed: false, imported: [], progressLines: 0 };
    const kill = () => child.kill('SIGKILL');
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const batches = files.reduce((sum, f) => sum + Math.max(1, Math.ceil(f.size / BATCH_BYTES)), 0);
    const progressTarget = randomInt(1, batches);
    const importedTarget = randomInt(1, files.length);
    if (mode === 'startup') setTimeout(kill, randomInt(0, 600));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready' && mode === 'delay') setTimeout(kill, randomInt(0, 40 + Math.round(totalBytes / 100_000)));
      if (line.startsWith('progress ') && ++run.progressLines === progressTarget && mode === 'progress') kill();
      if (line.startsWith('imported ')) {
        run.imported.push(line.slice('imported '.length));
        if (mode === 'imported' && run.imported.length === importedTarget) setTimeout(kill, randomInt(0, 3));
      }
    });
    child.on('exit', (_code, signal) => {
      run.killed = signal === 'SIGKILL';
      resolve(run);
    });
  });
}

test(`kill -9 at ${RUNS} random moments of imports (3 KB to 30 MB): reopening sweeps temp files and orphans, nothing committed is lost, the vault verifies`, async (t) => {
  const known = new Map(pool.map((p) => [p.sha256, p]));
  const counts = { killed: 0, completed: 0, runsWithTempFiles: 0, tempFiles: 0, orphanBlobsSwept: 0, partialBatches: 0, itemsCommitted: 0 };
  const byMode: Record<string, number> = {};
  for (let run = 0; run < RUNS; run++) {
    const mode = MODES[run % MODES.length]!;
    byMode[mode] = (byMode[mode] ?? 0) + 1;
    const files = [...pool].sort(() => Math.random() - 0.5).slice(0, randomInt(1, 3));
    const vault = cloneVault(template, path.join(dir, `run-${run}`));
    const child = await importAndKill(vault, files, mode, run === 0);
    const context = `run ${run} (${mode}, ${files.map((f) => f.size).join('+')} bytes, ${child.progressLines} batches, ${child.imported.length} imported)`;
    const tempFiles = readdirSync(path.join(vault, 'tmp')).length;
    const blobFilesBefore = listFiles(path.join(vault, 'blobs')).length;
    const archive = run === 0 ? await Archive.unlock(vault, { passphrase: PASSPHRASE }) : await reopen(vault, template);
    try {
      const state = await assertConsistent(archive, context);
      const stored = new Map(state.items.map((item) => [item.id, item]));
      for (const id of child.imported) assert.ok(stored.has(id), `${context}: item ${id} was reported imported but is gone`);
      for (const item of state.items)
        assert.ok(known.has(item.sha256), `${context}: item ${item.id} holds content that was never imported`);
      assert.ok(state.items.length <= 1 + files.length, `${context}: more items than imports`);
      counts.orphanBlobsSwept += blobFilesBefore - state.blobFiles;
      counts.itemsCommitted += state.items.length - 1;
    } finally {
      archive.lock();
    }
    if (run % 10 === 9) assert.equal(cliVerify(vault, template).ok, true, `${context}: custodia verify`);
    counts[child.killed ? 'killed' : 'completed']++;
    if (tempFiles > 0) counts.runsWithTempFiles++;
    counts.tempFiles += tempFiles;
    if (child.imported.length > 0 && child.imported.length < files.length) counts.partialBatches++;
    rmSync(vault, { recursive: true, force: true });
  }
  t.diagnostic(`runs by mode ${JSON.stringify(byMode)}; ${JSON.stringify(counts)}`);
  assert.ok(counts.killed >= RUNS * 0.7, `most runs were really killed (${counts.killed})`);
  assert.ok(counts.runsWithTempFiles >= 5, `kills landed mid-write (${counts.runsWithTempFiles} runs left temp files)`);
  assert.ok(counts.partialBatches >= 1, 'some kills landed between two imports of one batch');
});
