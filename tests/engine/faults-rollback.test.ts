// The catalog swapped for an older valid copy of itself, against the signed checkpoint kept beside
// it (custody-checkpoint.json). tests/engine/custody/custody.test.ts covers an old catalog.db taken after a
// clean lock; these add the copy taken while the vault was open (with its WAL), the warning that
// outlives later work, a removed or forged checkpoint file, and what cannot be caught locally.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Archive } from '../../electron/archive/archive.ts';
import { CHECKPOINT_FILE } from '../../electron/archive/session/checkpoint-file.ts';
import { cloneVault, makeTemplateVault, reopen, type TemplateVault } from '../helpers/fault-vault.ts';
import { tempDir, writeRandomFile } from '../helpers/files.ts';

const CATALOG_FILES = ['catalog.db', 'catalog.db-wal', 'catalog.db-shm'];
const dir = tempDir();
let template: TemplateVault;
let vaults = 0;

before(async () => {
  template = await makeTemplateVault(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function saveCatalog(vault: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(vault, to, { recursive: true, filter: (source) => source === vault || CATALOG_FILES.includes(path.basename(source)) });
}

function restoreCatalog(saved: string, vault: string): void {
  for (const name of CATALOG_FILES) {
    rmSync(path.join(vault, name), { force: true });
    if (existsSync(path.join(saved, name))) copyFileSync(path.join(saved, name), path.join(vault, name));
  }
}

async function addEvidence(archive: Archive, name: string): Promise<void> {
  await writeRandomFile(path.join(dir, name), 30_000);
  await archive.importFile(template.caseId, path.join(dir, name));
}

async function warningKinds(vault: string): Promise<string[]> {
  const archive = await reopen(vault, template);
  try {
    return archive.warnings.map((w) => w.kind);
  } finally {
    archive.lock();
  }
}

test('a catalog copied while the vault was open (WAL included) and put back later is caught on unlock and by verify', async () => {
  const vault = cloneVault(template, path.join(dir, `vault-${vaults++}`));
  const archive = await reopen(vault, template);
  await addEvidence(archive, 'before-copy.jpg');
  const saved = path.join(dir, 'saved-open');
  saveCatalog(vault, saved);
  assert.ok(existsSync(path.join(saved, 'catalog.db-wal')), 'the copy holds a WAL');
  await addEvidence(archive, 'after-copy.jpg');
  archive.lock();
  restoreCatalog(saved, vault);
  const reopened = await reopen(vault, template);
  try {
    assert.deepEqual(
      reopened.warnings.map((w) => w.kind),
      ['catalog-rollback'],
    );
    assert.match(reopened.warnings[0]!.message, /older than the last checkpoint/);
    const report = await reopened.verify();
    assert.equal(report.ok, false);
    assert.ok(report.problems.some((p) => p.kind === 'catalog-rollback'));
  } finally {
    reopened.lock();
  }
});

test('the rollback warning outlives later sessions and new work: the checkpoint file is never overwritten while it stands', async () => {
  const vault = cloneVault(template, path.join(dir, `vault-${vaults++}`));
  const first = await reopen(vault, template);
  await addEvidence(first, 'one.jpg');
  first.lock();
  const saved = path.join(dir, 'saved-closed');
  saveCatalog(vault, saved);
  const second = await reopen(vault, template);
  await addEvidence(second, 'two.jpg');
  second.lock();
  const checkpoint = readFileSync(path.join(vault, CHECKPOINT_FILE), 'utf8');
  restoreCatalog(saved, vault);
  // The user, warned or not, keeps working: enough new events to pass the checkpoint's sequence number.
  for (let session = 0; session < 3; session++) {
    const archive = await reopen(vault, template);
    assert.deepEqual(
      archive.warnings.map((w) => w.kind),
      ['catalog-rollback'],
      `session ${session}`,
    );
    for (let i = 0; i < 4; i++) archive.addCase({ title: `After the swap ${session}.${i}` });
    await archive.verify();
    archive.lock();
    assert.equal(readFileSync(path.join(vault, CHECKPOINT_FILE), 'utf8'), checkpoint, 'the evidence checkpoint is kept');
  }
  // Now past the checkpoint's seq, the mismatch shows as history rewritten at that event.
  const archive = await reopen(vault, template);
  try {
    assert.equal(archive.warnings[0]?.kind, 'catalog-rollback');
    assert.match(archive.warnings[0]!.message, /differs from the one the last checkpoint vouches for: history was rewritten/);
  } finally {
    archive.lock();
  }
});

test('removing the checkpoint file to hide a swapped catalog is itself reported', async () => {
  const vault = cloneVault(template, path.join(dir, `vault-${vaults++}`));
  const archive = await reopen(vault, template);
  await addEvidence(archive, 'three.jpg');
  archive.lock();
  rmSync(path.join(vault, CHECKPOINT_FILE));
  assert.deepEqual(await warningKinds(vault), ['checkpoint-missing']);
});

test('a checkpoint file edited or signed by another vault is reported, and the catalog is not vouched for by it', async () => {
  const vault = cloneVault(template, path.join(dir, `vault-${vaults++}`));
  const archive = await reopen(vault, template);
  await addEvidence(archive, 'four.jpg');
  archive.lock();
  const file = path.join(vault, CHECKPOINT_FILE);
  const genuine = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...genuine, seq: genuine.seq - 1 }));
  assert.deepEqual(await warningKinds(vault), ['checkpoint-signature']);
  writeFileSync(file, '{ damaged');
  assert.deepEqual(await warningKinds(vault), ['checkpoint-signature']);
  // Another vault's genuine checkpoint, copied in.
  const other = cloneVault(template, path.join(dir, `vault-${vaults++}`));
  const otherArchive = await reopen(other, template);
  otherArchive.addCase({ title: 'elsewhere' });
  otherArchive.lock();
  copyFileSync(path.join(other, CHECKPOINT_FILE), file);
  // (Clones share the template's keys and vault id, so this one verifies but vouches for different history.)
  assert.deepEqual(await warningKinds(vault), ['catalog-rollback']);
});

test('limit: an older catalog put back together with its own older checkpoint file is not detectable inside the vault', async () => {
  const vault = cloneVault(template, path.join(dir, `vault-${vaults++}`));
  const first = await reopen(vault, template);
  await addEvidence(first, 'five.jpg');
  first.lock();
  const saved = path.join(dir, 'saved-with-checkpoint');
  saveCatalog(vault, saved);
  const checkpoint = readFileSync(path.join(vault, CHECKPOINT_FILE));
  const second = await reopen(vault, template);
  const exported = second.exportLog(path.join(dir, 'log.jsonl')).checkpoint;
  second.lock();
  restoreCatalog(saved, vault);
  writeFileSync(path.join(vault, CHECKPOINT_FILE), checkpoint);
  // Only a checkpoint kept outside the vault (an exported log, dossier or bag) exposes it.
  assert.deepEqual(await warningKinds(vault), []);
  const archive = await reopen(vault, template);
  try {
    const event = archive.custodyEvents().find((e) => e.seq === exported.seq);
    assert.ok(!event || event.hash !== exported.head, 'the exported checkpoint does not match the restored catalog');
  } finally {
    archive.lock();
  }
});
