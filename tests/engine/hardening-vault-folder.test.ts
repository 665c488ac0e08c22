// Issue #17, point 1: stray entries in the vault folder never stop it from opening, the unlock
// sweep never deletes (leftovers go to a quarantine folder, recorded in the custody log), and no
// export lands inside the vault, not even through a symbolic link.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive } from '../../electron/archive/index.ts';
import { assertOutsideVault } from '../../electron/archive/exports.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const root = tempDir('custodia-vault-folder-');
const vault = path.join(root, 'vault');
let caseId: string;
let itemId: string;

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  caseId = archive.addCase({ title: 'Stray entries' });
  const file = path.join(root, 'evidence.bin');
  await writeRandomFile(file, 200_000);
  itemId = (await archive.importFile(caseId, file)).id;
  archive.lock();
});
after(() => rmSync(root, { recursive: true, force: true }));

function custodia(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH, HOME: root, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE },
  });
}

test('a .DS_Store in blobs/, a folder inside a shard and a foreign file at the top do not stop the vault; they are reported and left alone', async () => {
  const shard = readdirSync(path.join(vault, 'blobs')).find((name) => /^[0-9a-f]{2}$/.test(name))!;
  const strays = [path.join('blobs', '.DS_Store'), path.join('blobs', shard, 'Thumbs'), 'notes.txt'];
  writeFileSync(path.join(vault, strays[0]!), 'finder metadata');
  mkdirSync(path.join(vault, strays[1]!));
  writeFileSync(path.join(vault, strays[2]!), 'a note');
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    assert.deepEqual(new Set(archive.strayEntries), new Set(strays));
    const bytes: Buffer[] = [];
    for await (const piece of archive.readItem(itemId)) bytes.push(piece);
    assert.equal(Buffer.concat(bytes).length, 200_000);
    const report = await archive.verify();
    for (const stray of strays)
      assert.ok(
        report.problems.some((p) => p.message.includes(stray)),
        `verify names ${stray}`,
      );
    assert.equal(report.problems.filter((p) => p.kind !== 'orphan-file').length, 0, JSON.stringify(report.problems));
  } finally {
    archive.lock();
  }
  for (const stray of strays) assert.ok(existsSync(path.join(vault, stray)), `${stray} is left where it was`);
  const verify = custodia(['verify']);
  assert.match(verify.stderr, /blobs\/\.DS_Store in the vault folder is not Custodia's; it was left alone/);
  assert.match(verify.stdout, /PROBLEM orphan-file: blobs\/\.DS_Store/);
  for (const stray of strays) rmSync(path.join(vault, stray), { recursive: true });
});

test('the unlock sweep moves an orphan blob and a dead temp file into the quarantine, records it, and never deletes; purge does, on request', async () => {
  const shard = readdirSync(path.join(vault, 'blobs')).find((name) => /^[0-9a-f]{2}$/.test(name))!;
  const orphanName = `${shard}${'0'.repeat(30)}`;
  const orphan = path.join(vault, 'blobs', shard, orphanName);
  writeFileSync(orphan, 'an encrypted blob nobody recorded');
  // A temp file of a process that no longer runs (pid 2^22 - 1 is beyond Linux's default pid_max).
  const temp = path.join(vault, 'tmp', `4194303-${'ab'.repeat(16)}.part`);
  writeFileSync(temp, 'half an import');
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  let quarantined: string[];
  try {
    assert.ok(!existsSync(orphan) && !existsSync(temp), 'both left their places');
    const entries = archive.quarantine();
    quarantined = entries.map((e) => e.path);
    assert.equal(entries.length, 2);
    const kept = entries.map((e) => readFileSync(path.join(vault, 'quarantine', e.path), 'utf8')).sort();
    assert.deepEqual(kept, ['an encrypted blob nobody recorded', 'half an import']);
    const event = archive.custodyEvents().find((e) => e.action === 'quarantined')!;
    assert.ok(event, 'a custody event records the move');
    assert.equal(event.details.count, 2);
    const report = await archive.verify();
    assert.equal(report.ok, true, JSON.stringify(report.problems));
  } finally {
    archive.lock();
  }
  const listed = custodia(['quarantine', 'list']);
  assert.equal(listed.status, 0, listed.stderr);
  for (const entry of quarantined) assert.ok(listed.stdout.includes(entry), `quarantine list names ${entry}`);
  const purged = custodia(['--json', 'quarantine', 'purge']);
  assert.equal(purged.status, 0, purged.stderr);
  assert.equal(JSON.parse(purged.stdout).files, 2);
  assert.equal(custodia(['quarantine', 'list']).stdout.trim(), 'The quarantine is empty.');
  const log = JSON.parse(custodia(['--json', 'log']).stdout) as Array<{ action: string; details: { count?: number } }>;
  assert.equal(log.find((e) => e.action === 'quarantine-purged')?.details.count, 2);
});

test('every export refuses a destination inside the vault, also through a symbolic link, and the vault keeps opening', async () => {
  const link = path.join(root, 'looks-outside');
  symlinkSync(path.join(vault, 'blobs'), link);
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const inside = /inside the vault folder/;
    await assert.rejects(archive.exportBag({ caseId, out: path.join(link, 'bag') }), inside);
    await assert.rejects(archive.exportPackage(caseId, archive.receivingPublicKey, path.join(link, 'case.cstd')), inside);
    assert.throws(() => archive.exportLog(path.join(link, 'deeper', 'not-yet', 'log.jsonl')), inside);
    assert.throws(() => assertOutsideVault(link, vault, 'a dossier'), inside);
    assert.doesNotThrow(() => assertOutsideVault(path.join(root, 'exports', 'a.pdf'), vault, 'a dossier'));
  } finally {
    archive.lock();
  }
  const dossier = custodia(['export-dossier', '--case', caseId, '--out', path.join(link, 'x.pdf')]);
  assert.equal(dossier.status, EXIT.usage);
  assert.match(dossier.stderr, /inside the vault folder/);
  assert.deepEqual(
    readdirSync(path.join(vault, 'blobs')).filter((name) => !/^[0-9a-f]{2}$/.test(name)),
    [],
    'nothing was written into blobs/',
  );
  const unlock = custodia(['unlock']);
  assert.equal(unlock.status, 0, unlock.stderr);
});
