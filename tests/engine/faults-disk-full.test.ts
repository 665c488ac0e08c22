import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArchiveError, type Archive } from '../../electron/archive/index.ts';
import { withFsFault } from '../helpers/fault-fs.ts';
import { assertConsistent, cloneVault, makeTemplateVault, reopen, type TemplateVault } from '../helpers/fault-vault.ts';
import { snapshotTree, tempDir, writeRandomFile } from '../helpers/files.ts';
import { keyBuffersOf, sessionOf } from '../helpers/vault-internals.ts';

const dir = tempDir();
let template: TemplateVault;
let source: string;
let runs = 0;

before(async () => {
  template = await makeTemplateVault(dir);
  source = path.join(dir, 'video.bin');
  // Five 1 MiB batches: the disk can fill on the header, any batch, the fsync or the commit.
  await writeRandomFile(source, 5 * 1024 * 1024 + 12_345);
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function freshVault(): Promise<Archive> {
  return reopen(cloneVault(template, path.join(dir, `vault-${runs++}`)), template);
}

const itemCount = (archive: Archive) => archive.listCases().reduce((sum, c) => sum + archive.getCase(c.id).items.length, 0);

function assertDiskFull(error: unknown, context: string): void {
  assert.ok(error instanceof ArchiveError, `${context}: expected an ArchiveError, got ${String(error)}`);
  assert.equal(error.kind, 'io', context);
  assert.match(error.message, /disk holding the vault is full/, context);
  assert.match(error.message, /nothing was imported/, context);
}

test('a disk that fills up at any write of a 5 MB import: a clear "disk full" error, the vault unchanged, and it still verifies', async (t) => {
  const counting = await freshVault();
  const dryRun = await withFsFault({ code: 'ENOSPC', failAt: Infinity, persistent: true }, () =>
    counting.importFile(template.caseId, source),
  );
  counting.lock();
  assert.equal(dryRun.error, undefined);
  const writes = dryRun.fault.calls;
  assert.ok(writes >= 8, `an import of 5 MB makes ${writes} write-like calls`);
  const archive = await freshVault();
  try {
    const before = { items: itemCount(archive), blobs: snapshotTree(path.join(archive.dir, 'blobs')) };
    for (let failAt = 1; failAt <= writes; failAt++) {
      const code = failAt % 4 === 0 ? 'EDQUOT' : 'ENOSPC';
      const { error, fault } = await withFsFault({ code, failAt, persistent: true }, () => archive.importFile(template.caseId, source));
      const context = `${code} from write ${failAt} of ${writes} (${fault.failures[0]})`;
      assertDiskFull(error, context);
      assert.equal(itemCount(archive), before.items, `${context}: item count`);
      assert.deepEqual(readdirSync(path.join(archive.dir, 'tmp')), [], `${context}: temp files`);
      assert.deepEqual(snapshotTree(path.join(archive.dir, 'blobs')), before.blobs, `${context}: blob files`);
    }
    // Space freed: the same import now goes through, and the whole vault verifies.
    await archive.importFile(template.caseId, source);
    assert.equal(itemCount(archive), before.items + 1);
    await assertConsistent(archive, 'after the disk was freed');
    t.diagnostic(`disk full injected at each of ${writes} write-like calls (ENOSPC and EDQUOT), then a successful import`);
  } finally {
    archive.lock();
  }
  const reopened = await reopen(archive.dir, template);
  try {
    await assertConsistent(reopened, 'reopened');
  } finally {
    reopened.lock();
  }
});

test('a catalog that cannot grow (SQLITE_FULL at commit): a clear "disk full" error naming the catalog; the blob written for it is removed', async () => {
  const archive = await freshVault();
  try {
    const itemsBefore = itemCount(archive);
    // A real SQLite limit, not a mock: the catalog may not grow by one page, as on a full disk.
    const db = sessionOf(archive).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let error: unknown;
    let imported = 0;
    for (let i = 0; i < 5 && !error; i++) {
      await writeRandomFile(path.join(dir, `scan-${i}.bin`), 20_000);
      await archive
        .importFile(template.caseId, path.join(dir, `scan-${i}.bin`), { metadata: { description: `note ${i} `.repeat(400) } })
        .then(
          () => imported++,
          (caught) => (error = caught),
        );
    }
    assert.ok(error instanceof ArchiveError && error.kind === 'io', `got ${String(error)}`);
    assert.match(
      error.message,
      /disk holding the vault is full: the catalog \(catalog\.db\) could not be written, so nothing was imported/,
    );
    db.pragma('max_page_count = 1073741823');
    assert.deepEqual(readdirSync(path.join(archive.dir, 'tmp')), []);
    assert.equal(itemCount(archive), itemsBefore + imported);
    await assertConsistent(archive, 'after SQLITE_FULL');
  } finally {
    archive.lock();
  }
});

test('a full disk while locking: the checkpoint fails, but every key is wiped, no temp file is left and the next unlock is clean', async () => {
  const archive = await freshVault();
  archive.addCase({ title: 'Written just before the disk filled' });
  const keys = keyBuffersOf(archive);
  const { error } = await withFsFault({ code: 'ENOSPC', failAt: 1, persistent: true }, async () => archive.lock());
  assert.match(String(error), /ENOSPC/);
  assert.equal(archive.isLocked, true);
  assert.ok(
    keys.every((key) => key.every((byte) => byte === 0)),
    'keys zeroed',
  );
  assert.deepEqual(
    readdirSync(archive.dir).filter((name) => name.endsWith('.tmp')),
    [],
  );
  const reopened = await reopen(archive.dir, template);
  try {
    assert.equal(reopened.listCases().length, 2);
    await assertConsistent(reopened, 'after a failed lock');
  } finally {
    reopened.lock();
  }
});

test('a batch import on a disk that fills up: files before it are imported, each later file is reported failed for a full disk', async (t) => {
  const archive = await freshVault();
  const folder = path.join(dir, 'batch');
  mkdirSync(folder);
  for (let i = 0; i < 6; i++) await writeRandomFile(path.join(folder, `photo-${i}.jpg`), 150_000 + i);
  try {
    // About six write-like calls per file: the disk fills during the third file.
    const { result, error } = await withFsFault({ code: 'ENOSPC', failAt: 15, persistent: true }, () =>
      archive.importPaths(template.caseId, [folder]),
    );
    assert.equal(error, undefined);
    const statuses = result!.map((entry) => entry.status);
    const failed = result!.filter((entry) => entry.status === 'failed');
    assert.ok(statuses.indexOf('failed') >= 1 && failed.length >= 3, JSON.stringify(statuses));
    assert.deepEqual(statuses.slice(statuses.indexOf('failed')), Array(failed.length).fill('failed'), 'once full, every later file fails');
    for (const entry of failed)
      assert.match(entry.status === 'failed' ? entry.reason : '', /disk holding the vault is full.*nothing was imported/);
    assert.equal(itemCount(archive), 1 + statuses.indexOf('failed'));
    await assertConsistent(archive, 'after a batch on a full disk');
    t.diagnostic(`batch of 6: ${statuses.join(', ')}`);
  } finally {
    archive.lock();
  }
});
