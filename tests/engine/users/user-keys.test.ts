import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { nativePrimitives } from '../../../electron/archive/crypto/index.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { sessionOf } from '../../helpers/vault-internals.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A vault where two lawyers take turns: each imports one document. */
async function twoUsersVault() {
  const dir = tempDir();
  dirs.push(dir);
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE);
  const aigerim = archive.users.save({ name: 'Айгерім Нұрланқызы', role: 'адвокат' });
  const caseId = archive.addCase({ title: 'Жақсыбеков Бауыржан, ст. 272 УК РК' });
  writeFileSync(path.join(dir, 'decision.txt'), 'Приговор Алматинского городского суда');
  const first = (await archive.importFile(caseId, path.join(dir, 'decision.txt'))).id;
  const yerlan = archive.users.save({ name: 'Ерлан Сәрсенов', role: 'researcher' });
  writeFileSync(path.join(dir, 'answer.txt'), 'Ответ прокуратуры Мангистауской области');
  const second = (await archive.importFile(caseId, path.join(dir, 'answer.txt'))).id;
  return { archive, vault, aigerim, yerlan, items: [first, second] };
}

const cosigners = (archive: Archive) =>
  sessionOf(archive)
    .db.prepare(
      'SELECT e.seq, e.action, e.subject_id AS subject, c.user_id AS user, c.public_key AS key FROM custody_events e LEFT JOIN custody_cosignatures c ON c.seq = e.seq ORDER BY e.seq',
    )
    .all() as Array<{ seq: number; action: string; subject: string | null; user: string | null; key: string | null }>;

test('each named user has a key of their own, certified in the log and countersigning their events', async () => {
  const { archive, vault, aigerim, yerlan, items } = await twoUsersVault();
  try {
    const aigerimKey = archive.users.signingKeyOf(aigerim.id);
    const yerlanKey = archive.users.signingKeyOf(yerlan.id);
    assert.match(aigerimKey, /^[0-9a-f]{64}$/);
    assert.notEqual(aigerimKey, yerlanKey);
    assert.notEqual(aigerimKey, archive.publicKey, 'a user key is not the vault key');
    // The event that adds a user names the key it certifies, signed by the vault's key.
    const added = archive.custodyEvents().filter((event) => event.details.field === 'user');
    assert.deepEqual(
      added.map((event) => event.details.signingKey),
      [aigerimKey, yerlanKey],
    );
    const rows = cosigners(archive);
    const imported = (item: string) => rows.find((row) => row.action === 'imported' && row.subject === item)!;
    assert.deepEqual([imported(items[0]!).user, imported(items[0]!).key], [aigerim.id, aigerimKey]);
    assert.deepEqual([imported(items[1]!).user, imported(items[1]!).key], [yerlan.id, yerlanKey]);
    // Before anyone was named there was nobody to countersign.
    assert.equal(rows[0]!.action, 'vault-created');
    assert.equal(rows[0]!.user, null);
    // Every countersignature verifies over its event's hash with the certified key (checked here with libsodium directly).
    const hashes = new Map(archive.custodyEvents().map((event) => [event.seq, event.hash]));
    const signatures = sessionOf(archive).db.prepare('SELECT seq, public_key, signature FROM custody_cosignatures').all() as Array<{
      seq: number;
      public_key: string;
      signature: string;
    }>;
    assert.ok(signatures.length >= 4);
    for (const row of signatures) {
      const valid = nativePrimitives.verifyDetached(
        Buffer.from(row.signature, 'hex'),
        Buffer.from(hashes.get(row.seq)!, 'hex'),
        Buffer.from(row.public_key, 'hex'),
      );
      assert.ok(valid, `event ${row.seq}`);
    }
    const report = await archive.verify({ allSignatures: true });
    assert.deepEqual(report.problems, []);
  } finally {
    archive.lock();
  }
  // The keys are derived, not stored: the same after unlocking again, and wiped with the rest at lock.
  const again = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    assert.equal(again.users.signingKeyOf(aigerim.id), cosigners(again).find((row) => row.user === aigerim.id)!.key);
    again.lock();
    assert.throws(() => again.users.signingKeyOf(aigerim.id), /locked/);
  } finally {
    if (!again.isLocked) again.lock();
  }
});

test('a user named before keys existed is certified once, on their first event after', async () => {
  const { archive, yerlan } = await twoUsersVault();
  try {
    const db = sessionOf(archive).db;
    // As an older vault: the cache of certified keys forgets Yerlan (the log itself cannot be edited).
    db.prepare("UPDATE meta SET value = '{}' WHERE key = 'user_signing_keys'").run();
    const before = archive.custodyEvents().length;
    archive.addCase({ title: 'Сәрсенова Әйгерім' });
    archive.addCase({ title: 'Sarsenova Aigerim' });
    const added = archive.custodyEvents().slice(before);
    assert.deepEqual(
      added.map((event) => [event.action, event.details.field ?? null]),
      [
        ['metadata-changed', 'user-signing-key'],
        ['case-created', null],
        ['case-created', null],
      ],
    );
    assert.equal(added[0]!.details.signingKey, archive.users.signingKeyOf(yerlan.id));
    const rows = cosigners(archive);
    assert.equal(rows.find((row) => row.seq === added[0]!.seq)!.user, null, 'the certification itself is signed by the vault key only');
    assert.equal(rows.find((row) => row.seq === added[1]!.seq)!.user, yerlan.id);
    assert.deepEqual((await archive.verify({ allSignatures: true })).problems, []);
  } finally {
    archive.lock();
  }
});

test('the audit names a forged or re-keyed countersignature', async () => {
  const { archive, aigerim, yerlan } = await twoUsersVault();
  try {
    const db = sessionOf(archive).db;
    const rows = cosigners(archive).filter((row) => row.user !== null);
    const forged = rows.find((row) => row.user === aigerim.id && row.action === 'imported')!;
    const rekeyed = rows.find((row) => row.user === yerlan.id && row.action === 'imported')!;
    db.exec('DROP TRIGGER custody_cosignatures_no_update');
    db.prepare('UPDATE custody_cosignatures SET signature = ? WHERE seq = ?').run('ab'.repeat(64), forged.seq);
    // Yerlan's event claimed for Aigerim, with her real key: a key the log never certified for him.
    db.prepare('UPDATE custody_cosignatures SET public_key = ? WHERE seq = ?').run(archive.users.signingKeyOf(aigerim.id), rekeyed.seq);
    const report = await archive.verify({ allSignatures: true });
    assert.deepEqual(
      report.problems.map((problem) => [problem.kind, problem.event]),
      [
        ['event-signature', forged.seq],
        ['event-signature', rekeyed.seq],
      ],
    );
    assert.match(report.problems[0]!.message, /countersignature that does not verify/);
    assert.match(report.problems[1]!.message, /never certified for that user/);
  } finally {
    archive.lock();
  }
});
