import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { openCatalog, type Database } from '../../../electron/archive/catalog/database.ts';
import { nativePrimitives } from '../../../electron/archive/crypto/index.ts';
import { canonicalJson } from '../../../electron/archive/custody/canonical.ts';
import { hashEvent } from '../../../electron/archive/custody/log.ts';
import { deriveVaultKeys } from '../../../electron/archive/vault/keys.ts';
import { unlockMasterKey } from '../../../electron/archive/vault/vault.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A vault with two cases, three items and a few events, locked. */
async function populatedVault() {
  const dir = tempDir();
  dirs.push(dir);
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE);
  const caseId = archive.addCase({ title: 'Custody' });
  const items: string[] = [];
  for (const [name, content] of [
    ['decision.txt', 'Decision of the court'],
    ['answer.txt', 'Answer of the prosecutor'],
    ['video.bin', 'v'.repeat(300_000)],
  ]) {
    writeFileSync(path.join(dir, name!), content!);
    items.push((await archive.importFile(caseId, path.join(dir, name!))).id);
  }
  archive.recordView(items[0]!, 'test');
  archive.lock();
  return { dir, vault, caseId, items };
}

/** Opens the raw catalog with the vault's own key, as an attacker who has the passphrase (or malware on an unlocked machine) could. */
async function withRawCatalog(vault: string, work: (db: Database) => void): Promise<void> {
  const { masterKey } = await unlockMasterKey(vault, { passphrase: PASSPHRASE }, nativePrimitives);
  const db = openCatalog(path.join(vault, 'catalog.db'), deriveVaultKeys(nativePrimitives, masterKey).catalog);
  try {
    db.exec('DROP TRIGGER custody_events_no_update; DROP TRIGGER custody_events_no_delete;');
    work(db);
  } finally {
    db.exec(`
      CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
      CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;`);
    db.close();
  }
}

async function audit(vault: string) {
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    return await archive.verify();
  } finally {
    archive.lock();
  }
}

test('an untouched vault verifies: every event linked and signed, every file re-hashed', async () => {
  const { vault, items } = await populatedVault();
  const report = await audit(vault);
  assert.deepEqual(report.problems, []);
  assert.equal(report.ok, true);
  assert.equal(report.blobs, 3);
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  const actions = archive.custodyEvents(items[0]).map((e) => e.action);
  assert.deepEqual(actions, ['imported', 'viewed']);
  const all = archive.custodyEvents();
  assert.deepEqual(
    all.slice(0, 2).map((e) => e.action),
    ['vault-created', 'case-created'],
  );
  assert.ok(all.some((e) => e.action === 'verified' && e.subject.kind === 'vault'));
  all.forEach((event, i) => assert.equal(event.seq, i + 1));
  archive.lock();
});

test('the catalog refuses to update or delete custody events', async () => {
  const { vault } = await populatedVault();
  const { masterKey } = await unlockMasterKey(vault, { passphrase: PASSPHRASE }, nativePrimitives);
  const db = openCatalog(path.join(vault, 'catalog.db'), deriveVaultKeys(nativePrimitives, masterKey).catalog);
  assert.throws(() => db.prepare("UPDATE custody_events SET actor = 'x' WHERE seq = 1").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM custody_events WHERE seq = 1').run(), /append-only/);
  db.close();
});

test('an edited event is named', async () => {
  const { vault } = await populatedVault();
  await withRawCatalog(vault, (db) =>
    db.prepare(`UPDATE custody_events SET details = '{"case":"x","originalName":"forged.txt"}' WHERE seq = 3`).run(),
  );
  const report = await audit(vault);
  assert.equal(report.ok, false);
  assert.ok(
    report.problems.some((p) => p.kind === 'event-hash' && p.event === 3),
    JSON.stringify(report.problems),
  );
});

test('a deleted event is named', async () => {
  const { vault } = await populatedVault();
  await withRawCatalog(vault, (db) => db.prepare('DELETE FROM custody_events WHERE seq = 4').run());
  const report = await audit(vault);
  assert.ok(report.problems.some((p) => p.kind === 'event-sequence' && p.event === 5));
  assert.ok(report.problems.some((p) => p.kind === 'event-link' && p.event === 5));
});

test('two events swapped are named', async () => {
  const { vault } = await populatedVault();
  await withRawCatalog(vault, (db) => {
    db.prepare('UPDATE custody_events SET seq = 1000 WHERE seq = 3').run();
    db.prepare('UPDATE custody_events SET seq = 3 WHERE seq = 4').run();
    db.prepare('UPDATE custody_events SET seq = 4 WHERE seq = 1000').run();
  });
  const report = await audit(vault);
  assert.ok(report.problems.some((p) => p.kind === 'event-link' && p.event === 3));
  assert.ok(report.problems.some((p) => p.kind === 'event-hash' && (p.event === 3 || p.event === 4)));
});

test('a forged event appended without the signing key is named', async () => {
  const { vault } = await populatedVault();
  await withRawCatalog(vault, (db) => {
    const head = db.prepare('SELECT seq, hash FROM custody_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const forged = {
      seq: head.seq + 1,
      time: new Date().toISOString(),
      actor: 'intruder',
      action: 'withdrawn' as const,
      subject: { kind: 'item' as const, id: 'x' },
      details: {},
      prev: head.hash,
    };
    const hash = hashEvent(forged);
    // A well-formed hash chain, but signed by a key that is not the vault's.
    const signature = nativePrimitives
      .signDetached(Buffer.from(hash, 'hex'), nativePrimitives.signKeypairFromSeed(Buffer.alloc(32, 9)).secretKey)
      .toString('hex');
    db.prepare('INSERT INTO custody_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      forged.seq,
      forged.time,
      forged.actor,
      forged.action,
      'item',
      'x',
      canonicalJson({}),
      forged.prev,
      hash,
      signature,
    );
  });
  const report = await audit(vault);
  const forged = report.problems.filter((p) => p.kind === 'event-signature');
  assert.equal(forged.length, 1, JSON.stringify(report.problems));
  assert.match(forged[0]!.message, /withdrawn\) is not signed by this vault's key/);
});

test('a blob bit-flip is named with its item and chunk', async () => {
  const { vault, items } = await populatedVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  const blob = archive.getItem(items[2]!).blob;
  archive.lock();
  const file = path.join(vault, 'blobs', blob.fileName.slice(0, 2), blob.fileName);
  const bytes = readFileSync(file);
  bytes[64 + 65552 * 2 + 10]! ^= 0x01;
  writeFileSync(file, bytes);
  const report = await audit(vault);
  const altered = report.problems.find((p) => p.kind === 'blob-altered');
  assert.ok(altered, JSON.stringify(report.problems));
  assert.equal(altered.item, items[2]);
  assert.match(altered.message, /chunk 2 /);
});

test('a blob replaced by another valid blob is named', async () => {
  const { vault, items } = await populatedVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  const [first, second] = [archive.getItem(items[0]!).blob, archive.getItem(items[1]!).blob];
  archive.lock();
  const at = (name: string) => path.join(vault, 'blobs', name.slice(0, 2), name);
  copyFileSync(at(second.fileName), at(first.fileName));
  const report = await audit(vault);
  const swapped = report.problems.find((p) => p.item === items[0]);
  assert.ok(swapped, JSON.stringify(report.problems));
  assert.ok(['blob-mismatch', 'blob-altered'].includes(swapped.kind));
});

test('the catalog replaced by an older copy of itself is detected against the last checkpoint', async () => {
  const { dir, vault, caseId } = await populatedVault();
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      copyFileSync(path.join(vault, `catalog.db${suffix}`), path.join(dir, `old.db${suffix}`));
    } catch {
      // no WAL after a clean close
    }
  }
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  writeFileSync(path.join(dir, 'later.txt'), 'imported after the copy was taken');
  await archive.importFile(caseId, path.join(dir, 'later.txt'));
  archive.lock();
  rmSync(path.join(vault, 'catalog.db-wal'), { force: true });
  rmSync(path.join(vault, 'catalog.db-shm'), { force: true });
  copyFileSync(path.join(dir, 'old.db'), path.join(vault, 'catalog.db'));
  const reopened = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  assert.equal(reopened.warnings[0]?.kind, 'catalog-rollback');
  reopened.lock();
  const report = await audit(vault);
  const rollback = report.problems.find((p) => p.kind === 'catalog-rollback');
  assert.ok(rollback, JSON.stringify(report.problems));
  assert.match(rollback.message, /older than the last checkpoint/);
});

test('a log export holds the public key, every event and a signed checkpoint that vouches for the head', async () => {
  const { dir, vault } = await populatedVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  const out = path.join(dir, 'log.jsonl');
  const { events, checkpoint } = archive.exportLog(out);
  archive.lock();
  const lines = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(lines[0].type, 'custodia-custody-log');
  assert.equal(lines.length, events + 2);
  assert.equal(lines.at(-1).type, 'checkpoint');
  assert.equal(lines.at(-1).head, lines.at(-2).hash);
  assert.equal(checkpoint.seq, lines.at(-2).seq);
  assert.equal(lines.at(-2).action, 'exported');
  for (const event of lines.slice(1, -1)) {
    const { type: _type, hash, signature, ...body } = event;
    assert.equal(hashEvent(body), hash);
    assert.ok(
      nativePrimitives.verifyDetached(Buffer.from(signature, 'hex'), Buffer.from(hash, 'hex'), Buffer.from(lines[0].publicKey, 'hex')),
    );
  }
});

test('a signed checkpoint vouches for the events before it; --all-signatures checks each one anyway', async () => {
  const { vault } = await populatedVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const anchored = await archive.verify();
    assert.equal(anchored.ok, true);
    assert.ok(anchored.signatures < anchored.events, `${anchored.signatures} of ${anchored.events} checked one by one`);
    const exhaustive = await archive.verify({ allSignatures: true });
    assert.equal(exhaustive.ok, true);
    assert.equal(exhaustive.signatures, exhaustive.events);
  } finally {
    archive.lock();
  }
  // A damaged signature on a vouched-for event: the content is still proven by the chain, and the
  // exhaustive check names the damaged signature.
  await withRawCatalog(vault, (db) => db.prepare(`UPDATE custody_events SET signature = '${'0'.repeat(128)}' WHERE seq = 2`).run());
  const again = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    assert.equal((await again.verify()).ok, true);
    const exhaustive = await again.verify({ allSignatures: true });
    assert.deepEqual(
      exhaustive.problems.map((p) => [p.kind, p.event]),
      [['event-signature', 2]],
    );
  } finally {
    again.lock();
  }
});
