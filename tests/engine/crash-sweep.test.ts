import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive } from '../../electron/archive/index.ts';
import { listFiles, PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';

const CHILD = fileURLToPath(new URL('../helpers/import-child.ts', import.meta.url));
const dir = tempDir();
const vault = path.join(dir, 'vault');
let caseId: string;
const sources: string[] = [];

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  caseId = archive.addCase({ title: 'Crash' });
  archive.lock();
  for (const [i, size] of [64 * 1024 * 1024, 3 * 1024 * 1024, 200_000, 0].entries()) {
    const file = path.join(dir, `source-${i}.bin`);
    await writeRandomFile(file, size);
    sources.push(file);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts an import child and SIGKILLs it `delayMs` after it has unlocked. */
function importAndKill(delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, vault, caseId, ...sources], {
      env: { ...process.env, CUSTODIA_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', () => resolve());
  });
}

test('kill -9 at random moments of an import: reopening sweeps temp files and orphans, and every row has its whole blob', async () => {
  const runs = 8;
  let leftTempFiles = 0;
  for (let run = 0; run < runs; run++) {
    await importAndKill(run === 0 ? 30 : Math.floor(Math.random() * 400));
    leftTempFiles += readdirSync(path.join(vault, 'tmp')).length;
    const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
    try {
      assert.deepEqual(readdirSync(path.join(vault, 'tmp')), [], 'temp files swept on open');
      const items = archive.getCase(caseId).items;
      const known = new Set(items.map((item) => archive.getItem(item.id).blob.fileName));
      const onDisk = listFiles(path.join(vault, 'blobs')).map((file) => path.basename(file));
      for (const name of onDisk) assert.ok(known.has(name), `blob file ${name} has a catalog row`);
      for (const item of items) {
        assert.ok(
          existsSync(path.join(vault, 'blobs', archive.getItem(item.id).blob.fileName.slice(0, 2), archive.getItem(item.id).blob.fileName)),
        );
        assert.equal((await archive.verifyItem(item.id)).ok, true, `item ${item.id} verifies`);
      }
      assert.equal(archive.catalogIntegrity(), 'ok');
    } finally {
      archive.lock();
    }
  }
  assert.ok(leftTempFiles > 0, 'at least one kill landed mid-write (else this test proved nothing)');
});
