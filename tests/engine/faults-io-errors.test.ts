import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArchiveError, type Archive } from '../../electron/archive/index.ts';
import { withFsFault } from '../helpers/fault-fs.ts';
import { assertConsistent, cloneVault, makeTemplateVault, reopen, type TemplateVault } from '../helpers/fault-vault.ts';
import { snapshotTree, tempDir, writeRandomFile } from '../helpers/files.ts';

const dir = tempDir();
let template: TemplateVault;
let single: string;
const batch = path.join(dir, 'batch');
const BATCH_FILES = 12;
let clones = 0;

before(async () => {
  template = await makeTemplateVault(dir);
  single = path.join(dir, 'recording.bin');
  await writeRandomFile(single, 2 * 1024 * 1024 + 4321);
  // ~2 MB in small files: every file is its own write, fsync, rename and commit.
  mkdirSync(batch);
  for (let i = 0; i < BATCH_FILES; i++)
    await writeRandomFile(path.join(batch, `page-${String(i).padStart(2, '0')}.bin`), 160_000 + i * 3_000);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const freshVault = (): Promise<Archive> => reopen(cloneVault(template, path.join(dir, `vault-${clones++}`)), template);
const itemCount = (archive: Archive) => archive.getCase(template.caseId).items.length;

function assertCleanIoError(error: unknown, context: string): void {
  assert.ok(error instanceof ArchiveError, `${context}: expected an ArchiveError, got ${String(error)}`);
  assert.equal(error.kind, 'io', context);
  assert.match(error.message, /writing to the vault failed \(EIO\): nothing was imported/, context);
}

async function countWrites(work: (archive: Archive) => Promise<unknown>): Promise<number> {
  const archive = await freshVault();
  try {
    const { error, fault } = await withFsFault({ code: 'EIO', failAt: Infinity, persistent: false }, () => work(archive));
    assert.equal(error, undefined);
    return fault.calls;
  } finally {
    archive.lock();
    rmSync(archive.dir, { recursive: true, force: true });
  }
}

test('an I/O error at write N of a 2 MB import (once, and from N on), for every N from the first write to the last: a clean error, nothing changed, the vault verifies', async (t) => {
  const writes = await countWrites((archive) => archive.importFile(template.caseId, single));
  const archive = await freshVault();
  try {
    const blobs = snapshotTree(path.join(archive.dir, 'blobs'));
    for (let run = 0; run < 2 * writes; run++) {
      const failAt = (run % writes) + 1;
      const persistent = run >= writes;
      const { error, fault } = await withFsFault({ code: 'EIO', failAt, persistent }, () => archive.importFile(template.caseId, single));
      const context = `EIO ${persistent ? 'from' : 'at'} write ${failAt} of ${writes} (${fault.failures.join(', ')})`;
      assertCleanIoError(error, context);
      assert.equal(itemCount(archive), 1, `${context}: item count`);
      assert.deepEqual(readdirSync(path.join(archive.dir, 'tmp')), [], `${context}: temp files`);
      assert.deepEqual(snapshotTree(path.join(archive.dir, 'blobs')), blobs, `${context}: blob files`);
      await assertConsistent(archive, context);
    }
    t.diagnostic(`EIO injected at each N = 1…${writes}, once and from N on (${2 * writes} runs)`);
  } finally {
    archive.lock();
  }
});

test(`an I/O error at write N of a batch of ${BATCH_FILES} small files (~2 MB), for every N: that file fails cleanly, all others are imported, the vault verifies`, async (t) => {
  const writes = await countWrites((archive) => archive.importPaths(template.caseId, [batch]));
  assert.ok(writes >= BATCH_FILES * 5, `${writes} write-like calls`);
  for (let failAt = 1; failAt <= writes; failAt++) {
    const archive = await freshVault();
    try {
      const { result, error, fault } = await withFsFault({ code: 'EIO', failAt, persistent: false }, () =>
        archive.importPaths(template.caseId, [batch]),
      );
      const context = `EIO at write ${failAt} of ${writes} (${fault.failures[0]})`;
      assert.equal(error, undefined, context);
      const failed = result!.filter((entry) => entry.status === 'failed');
      assert.equal(failed.length, 1, `${context}: exactly the file being written fails`);
      assertCleanIoError(new ArchiveError('io', failed[0]!.status === 'failed' ? failed[0]!.reason : ''), context);
      assert.equal(itemCount(archive), 1 + BATCH_FILES - 1, `${context}: item count`);
      await assertConsistent(archive, context);
    } finally {
      archive.lock();
      rmSync(archive.dir, { recursive: true, force: true });
    }
  }
  t.diagnostic(`EIO injected at each N = 1…${writes} over ${BATCH_FILES} files`);
});
