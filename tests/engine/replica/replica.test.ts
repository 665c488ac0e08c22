import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { restoreReplica } from '../../../electron/archive/replica/restore.ts';
import { createHash } from 'node:crypto';
import { PASSPHRASE, filesContaining, listFiles, tempDir, writeRandomFile } from '../../helpers/files.ts';
import { sessionOf } from '../../helpers/vault-internals.ts';
import { injectFsFault } from '../../helpers/fault-fs.ts';
import { TEMP_DIR } from '../../../electron/archive/replica/layout.ts';

const root = tempDir('custodia-replica-');
const TITLE = 'Дело Әділбекұлы — Жанаозен 2011';
const SECRET_TEXT = 'Показания свидетеля Серік';
let vault: Archive;
let recoveryKey: string;
let caseId: string;
const vaultDir = path.join(root, 'vault');
const replicaDir = path.join(root, 'replica');
const filesUnder = (dir: string, sub: string) => (existsSync(path.join(dir, sub)) ? listFiles(path.join(dir, sub)) : []);

before(async () => {
  ({ archive: vault, recoveryKey } = await Archive.create(vaultDir, PASSPHRASE));
  caseId = vault.addCase({ title: TITLE, reference: 'Z-2011' });
  writeFileSync(path.join(root, 'свидетель.txt'), SECRET_TEXT);
  await vault.importFile(caseId, path.join(root, 'свидетель.txt'));
  vault.replica.designate(replicaDir);
});
after(() => {
  vault?.lock();
  rmSync(root, { recursive: true, force: true });
});

/** A copy of the replica as it is now, to tamper with without touching the real one. */
function copyReplica(name: string): string {
  const copy = path.join(root, name);
  for (const file of listFiles(replicaDir)) {
    const to = path.join(copy, path.relative(replicaDir, file));
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(file));
  }
  return copy;
}

describe('the replica follows every commit', () => {
  test('designating writes a state with the blob, catalog chunks and a log segment; nothing readable', () => {
    const status = vault.replica.status();
    assert.equal(status.error, null);
    assert.ok(status.generation >= 1);
    assert.equal(filesUnder(replicaDir, 'blobs').length, 1);
    assert.ok(filesUnder(replicaDir, 'catalog').length > 0);
    assert.ok(filesUnder(replicaDir, 'log').length >= 1);
    for (const needle of [TITLE, SECRET_TEXT, 'свидетель.txt', 'Z-2011', 'SQLite format']) {
      assert.deepEqual(filesContaining(replicaDir, needle), [], `"${needle}" is readable in the replica`);
    }
  });

  test('an import adds one blob and a few chunks, not a copy of the vault', async () => {
    const before = { blobs: filesUnder(replicaDir, 'blobs').length, chunks: filesUnder(replicaDir, 'catalog').length };
    await writeRandomFile(path.join(root, 'hearing.mp4'), 3_000_000);
    await vault.importFile(caseId, path.join(root, 'hearing.mp4'));
    const status = vault.replica.flush();
    assert.equal(status.error, null);
    assert.equal(filesUnder(replicaDir, 'blobs').length, before.blobs + 1);
    const catalogBytes = statSync(path.join(vaultDir, 'catalog.db')).size;
    const newChunks = filesUnder(replicaDir, 'catalog').length - before.chunks;
    assert.ok(newChunks * 65536 <= catalogBytes, `${newChunks} new chunks for a ${catalogBytes}-byte catalog`);
    // Every file is written once and never changed: a flush with nothing new writes nothing.
    const names = listFiles(replicaDir).join('\n');
    vault.replica.flush();
    assert.equal(listFiles(replicaDir).join('\n'), names);
  });
});

/** The chunk hashes the replica writer holds for the catalog (what its next state will name). */
const writerChunks = (archive: Archive) =>
  (sessionOf(archive).replica as unknown as { writer: { catalog: { size: number; chunks: string[] } | null } }).writer.catalog;

/** The catalog file's 64 KiB chunk hashes, read whole. */
function catalogChunkHashes(dir: string): string[] {
  const bytes = readFileSync(path.join(dir, 'catalog.db'));
  const hashes: string[] = [];
  for (let at = 0; at < bytes.length; at += 65536)
    hashes.push(
      createHash('sha256')
        .update(bytes.subarray(at, at + 65536))
        .digest('hex'),
    );
  return hashes;
}

describe('incremental catalog snapshots', () => {
  test('after each flush the chunks the writer names are exactly the catalog file, though it read only the changed ones', async () => {
    // A catalog of a few dozen chunks, so that a flush reading all of them shows.
    for (let i = 0; i < 30; i++) vault.addCase({ title: `${i}`, narrative: `${i} ${'Ә'.repeat(60_000)}` });
    const reads: number[] = [];
    for (let round = 0; round < 12; round++) {
      // Commits of different sizes: many small ones in one turn, one that grows the file, edits of old rows.
      const added = vault.addCase({ title: `${TITLE} ${round}` });
      if (round % 3 === 0) for (let i = 0; i < round * 15; i++) vault.addCase({ title: `${round}-${i} ${'Ж'.repeat(400)}` });
      if (round % 4 === 1) vault.editCase({ caseId, title: `${TITLE} (${round})` });
      if (round % 5 === 2) {
        writeFileSync(path.join(root, `note-${round}.txt`), `${SECRET_TEXT} ${round}`);
        await vault.importFile(added, path.join(root, `note-${round}.txt`));
      }
      const writer = (sessionOf(vault).replica as unknown as { writer: { flush(): { chunksRead: number } } }).writer;
      const { chunksRead } = writer.flush();
      const known = writerChunks(vault);
      assert.ok(known, 'the writer keeps the catalog it wrote');
      assert.deepEqual(known.chunks, catalogChunkHashes(vaultDir), `round ${round}: the state would name stale chunks`);
      for (const hash of known.chunks) assert.ok(existsSync(path.join(replicaDir, 'catalog', hash.slice(0, 2), hash)));
      reads.push(chunksRead / known.chunks.length);
    }
    // Most flushes read a small part of the catalog.
    const shares = reads.map((share) => share.toFixed(2)).join(', ');
    assert.ok(reads.filter((share) => share < 0.4).length >= 8, `shares of the catalog read: ${shares}`);
  });
});

describe('restore', () => {
  let restored: Archive;
  test('with the passphrase: the restored vault verifies and its log continues the same chain', async () => {
    vault.replica.flush();
    const original = vault.custodyEvents();
    const report = await restoreReplica(replicaDir, path.join(root, 'restored'), { passphrase: PASSPHRASE });
    assert.equal(report.seq, original.at(-1)!.seq);
    assert.deepEqual(report.skipped, []);
    restored = await Archive.unlock(path.join(root, 'restored'), { passphrase: PASSPHRASE });
    assert.deepEqual(restored.warnings, []);
    const events = restored.custodyEvents();
    assert.deepEqual(events.slice(0, original.length), original);
    assert.equal(events[original.length]!.action, 'transferred');
    assert.equal(events[original.length]!.prev, original.at(-1)!.hash);
    const audit = await restored.verify();
    assert.equal(audit.ok, true, JSON.stringify(audit.problems));
    const items = restored.getCase(caseId).items;
    for (const item of vault.getCase(caseId).items) {
      const copy = items.find((i) => i.id === item.id)!;
      assert.equal(copy.sha256, item.sha256);
      assert.equal((await restored.verifyItem(item.id)).ok, true);
    }
    assert.equal(restored.replica.status().dir, null, 'a restored vault does not write into the replica it came from');
    restored.lock();
  });

  test('with the recovery key', async () => {
    const report = await restoreReplica(replicaDir, path.join(root, 'restored-rk'), { recoveryKey });
    assert.ok(report.blobs >= 2);
    const again = await Archive.unlock(path.join(root, 'restored-rk'), { passphrase: PASSPHRASE });
    assert.equal((await again.verify()).ok, true);
    again.lock();
  });

  test('a wrong passphrase restores nothing', async () => {
    await assert.rejects(restoreReplica(replicaDir, path.join(root, 'wrong'), { passphrase: 'not it' }), { kind: 'wrong-passphrase' });
    assert.equal(existsSync(path.join(root, 'wrong', 'custodia-vault.json')), false);
  });
});

describe('a damaged replica is refused or named', () => {
  const newest = (dir: string) => readdirSync(path.join(dir, 'states')).sort().at(-1)!;

  test('a flipped bit in a catalog chunk is refused, naming the chunk', async () => {
    const copy = copyReplica('flip-chunk');
    // Some chunks serve only older states: flip a bit in each, so the newest state meets one.
    for (const chunk of filesUnder(copy, 'catalog')) {
      const bytes = readFileSync(chunk);
      bytes[100]! ^= 1;
      writeFileSync(chunk, bytes);
    }
    await assert.rejects(
      restoreReplica(copy, path.join(root, 'r-flip'), { passphrase: PASSPHRASE }),
      /^ArchiveError: the replica is altered: catalog\/[0-9a-f]{2}\/[0-9a-f]{64} does not match its name/,
    );
    assert.equal(existsSync(path.join(root, 'r-flip', 'catalog.db')), false, 'nothing of a refused restore is left');
  });

  test('a truncated state file is refused', async () => {
    const copy = copyReplica('trunc-state');
    const state = path.join(copy, 'states', newest(copy));
    writeFileSync(state, readFileSync(state).subarray(0, 200));
    await assert.rejects(
      restoreReplica(copy, path.join(root, 'r-trunc'), { passphrase: PASSPHRASE }),
      /altered: states\/\S+ does not match its name/,
    );
  });

  test('a re-signed state from another vault (mixed replicas) is refused', async () => {
    const { archive: other } = await Archive.create(path.join(root, 'other-vault'), PASSPHRASE);
    other.replica.designate(path.join(root, 'other-replica'));
    other.lock();
    const copy = copyReplica('mixed');
    const foreign = newest(path.join(root, 'other-replica'));
    const renamed = foreign.replace(/^\d{12}/, '999999999999');
    writeFileSync(path.join(copy, 'states', renamed), readFileSync(path.join(root, 'other-replica', 'states', foreign)));
    await assert.rejects(restoreReplica(copy, path.join(root, 'r-mixed'), { passphrase: PASSPHRASE }), /altered: states\/999999999999-\S+/);
    assert.throws(() => vault.replica.designate(path.join(root, 'other-replica')), /already the replica of another vault/);
  });

  test('a missing blob (truncated replica): the last complete state is restored and the newer one named', async () => {
    const copy = copyReplica('missing-blob');
    const hearing = vault.getCase(caseId).items.find((i) => i.originalName === 'hearing.mp4')!;
    const blobName = vault.getItem(hearing.id).blob.fileName;
    rmSync(path.join(copy, 'blobs', blobName.slice(0, 2), blobName));
    const report = await restoreReplica(copy, path.join(root, 'r-missing'), { passphrase: PASSPHRASE });
    assert.ok(report.skipped.length >= 1);
    assert.match(report.skipped[0]!.missing, new RegExp(blobName));
    assert.ok(report.newerEvents && report.newerEvents.to > report.seq, 'the events after the restored state are named');
    const older = await Archive.unlock(path.join(root, 'r-missing'), { passphrase: PASSPHRASE });
    assert.equal(older.getCase(caseId).items.length, 1);
    assert.equal((await older.verify()).ok, true);
    older.lock();
  });

  test('rolled back (newest states removed): the events after it are named', async () => {
    vault.recordView(vault.getCase(caseId).items[0]!.id, 'replica test');
    vault.replica.flush();
    const copy = copyReplica('rolled-back');
    rmSync(path.join(copy, 'states', newest(copy)));
    const report = await restoreReplica(copy, path.join(root, 'r-rolled'), { passphrase: PASSPHRASE });
    assert.ok(report.newerEvents, 'a rollback is named');
    assert.equal(report.newerEvents.from, report.seq + 1);
  });

  test('a tampered blob is named by the restored vault’s audit', async () => {
    const copy = copyReplica('tampered-blob');
    const blob = filesUnder(copy, 'blobs')[0]!;
    const bytes = readFileSync(blob);
    bytes[bytes.length - 20]! ^= 1;
    writeFileSync(blob, bytes);
    await restoreReplica(copy, path.join(root, 'r-tampered'), { passphrase: PASSPHRASE });
    const tampered = await Archive.unlock(path.join(root, 'r-tampered'), { passphrase: PASSPHRASE });
    const audit = await tampered.verify();
    assert.equal(audit.ok, false);
    assert.match(JSON.stringify(audit.problems), /item [0-9a-f-]{36}/);
    tampered.lock();
  });
});

describe('bad replica folders', () => {
  test('inside the vault, or holding it', () => {
    assert.throws(() => vault.replica.designate(path.join(vaultDir, 'replica')), /inside the vault/);
    assert.throws(() => vault.replica.designate(root), /contains the vault|not empty/);
  });

  test('a folder with other files', () => {
    mkdirSync(path.join(root, 'busy'));
    writeFileSync(path.join(root, 'busy', 'notes.txt'), 'x');
    assert.throws(() => vault.replica.designate(path.join(root, 'busy')), /not empty and not a replica/);
  });

  test('a read-only file system', { skip: process.getuid?.() !== 0 && 'needs root to find a read-only mount' }, () => {
    assert.throws(() => vault.replica.designate('/sys/custodia-replica'), /cannot be written: it is read-only/);
  });

  test('a replica disk that fills up: the status says so, the vault is unaffected, nothing half-written is left, and it catches up once there is room', async () => {
    const { archive: full } = await Archive.create(path.join(root, 'full'), PASSPHRASE);
    const fullReplica = path.join(root, 'full-replica');
    const id = full.addCase({ title: 'Іс Жақсыбеков' });
    full.replica.designate(fullReplica);
    const before = full.replica.status();
    assert.equal(before.error, null);
    // Every write and fsync of this process fails from now on, as on a full disk (SQLite writes through its own C code).
    const fault = await injectFsFault({ code: 'ENOSPC', failAt: 1, persistent: true });
    let status;
    try {
      full.setCaseStatus(id, { status: 'pre-trial-detention', statusSince: '2022-01-10' });
      status = full.replica.flush();
    } finally {
      fault.restore();
    }
    assert.ok(fault.failures.length > 0, 'the replica tried to write');
    assert.match(status.error ?? '', /replica folder .* cannot be written: the disk holding it is full; the vault itself is unaffected/);
    assert.equal(status.seq, before.seq, 'the replica still holds its last complete state');
    assert.deepEqual(filesUnder(fullReplica, TEMP_DIR), [], 'no half-written file is left');
    assert.equal(full.getCase(id).status, 'pre-trial-detention');
    assert.equal((await full.verify()).ok, true);

    const caughtUp = full.replica.flush();
    assert.equal(caughtUp.error, null);
    assert.ok(caughtUp.seq > before.seq);
    full.lock();
    await restoreReplica(fullReplica, path.join(root, 'full-restored'), { passphrase: PASSPHRASE });
    const restored = await Archive.unlock(path.join(root, 'full-restored'), { passphrase: PASSPHRASE });
    assert.equal(restored.getCase(id).status, 'pre-trial-detention');
    restored.lock();
  });

  test('losing the replica folder never affects the vault', async () => {
    const { archive: lone } = await Archive.create(path.join(root, 'lone'), PASSPHRASE);
    const id = lone.addCase({ title: 'lone' });
    lone.replica.designate(path.join(root, 'lone-replica'));
    rmSync(path.join(root, 'lone-replica'), { recursive: true });
    await lone.importFile(id, path.join(root, 'свидетель.txt'));
    const status = lone.replica.flush();
    assert.match(status.error ?? '', /replica folder .* is gone/);
    assert.equal((await lone.verify()).ok, true);
    lone.lock();
  });
});
