import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Archive, ArchiveError, HEADER_FILE, loadWasmPrimitives } from '../../../electron/archive/index.ts';
import { collect, PASSPHRASE, snapshotTree, tempDir } from '../../helpers/files.ts';
import { keyBuffersOf } from '../../helpers/vault-internals.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function newVault() {
  const dir = tempDir();
  dirs.push(dir);
  const vault = path.join(dir, 'vault');
  const { archive, recoveryKey } = await Archive.create(vault, PASSPHRASE);
  const caseId = archive.addCase({ title: 'Vault test', reference: 'KZ-2022-001' });
  const evidence = path.join(dir, 'decision.txt');
  writeFileSync(evidence, 'Court decision of 12 March 2022\n');
  const { id } = await archive.importFile(caseId, evidence);
  archive.lock();
  return { dir, vault, recoveryKey, caseId, itemId: id };
}

const readHeaderJson = (vault: string) => JSON.parse(readFileSync(path.join(vault, HEADER_FILE), 'utf8'));
const writeHeaderJson = (vault: string, header: unknown) => writeFileSync(path.join(vault, HEADER_FILE), JSON.stringify(header));
const kind = (expected: string) => (error: unknown) => error instanceof ArchiveError && error.kind === expected;

test('unlock with the passphrase and with the recovery key; a wrong one is refused as such', async () => {
  const { vault, recoveryKey, caseId } = await newVault();
  const byPassphrase = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  assert.equal(byPassphrase.getCase(caseId).title, 'Vault test');
  byPassphrase.lock();
  const byRecovery = await Archive.unlock(vault, { recoveryKey: recoveryKey.toLowerCase().replaceAll('-', ' ') });
  assert.equal(byRecovery.listCases().length, 1);
  byRecovery.lock();
  await assert.rejects(Archive.unlock(vault, { passphrase: 'not the passphrase' }), kind('wrong-passphrase'));
  const wrongKey = `${recoveryKey.slice(0, 10)}${recoveryKey[10] === '0' ? '1' : '0'}${recoveryKey.slice(11)}`;
  await assert.rejects(Archive.unlock(vault, { recoveryKey: wrongKey }), kind('wrong-passphrase'));
});

test('changing the passphrase rewraps the master key only: old fails, new works, blob files unchanged', async () => {
  const { vault, itemId } = await newVault();
  const blobsBefore = snapshotTree(path.join(vault, 'blobs'));
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  await archive.changePassphrase('a new and different passphrase');
  archive.lock();
  assert.deepEqual(snapshotTree(path.join(vault, 'blobs')), blobsBefore);
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), kind('wrong-passphrase'));
  const reopened = await Archive.unlock(vault, { passphrase: 'a new and different passphrase' });
  assert.equal((await collect(reopened.readItem(itemId))).toString(), 'Court decision of 12 March 2022\n');
  reopened.lock();
});

test('a new recovery key replaces the old one', async () => {
  const { vault, recoveryKey } = await newVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  const fresh = await archive.newRecoveryKey();
  archive.lock();
  await assert.rejects(Archive.unlock(vault, { recoveryKey }), kind('wrong-passphrase'));
  (await Archive.unlock(vault, { recoveryKey: fresh })).lock();
});

test('locking zeroes every key buffer the archive holds', async () => {
  const { vault } = await newVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  const keys = keyBuffersOf(archive);
  assert.ok(keys.length >= 5 && keys.every((key) => key.some((byte) => byte !== 0)));
  archive.lock();
  assert.ok(keys.every((key) => key.every((byte) => byte === 0)));
  assert.throws(() => archive.listCases(), kind('locked'));
});

test('a header asking for absurd Argon2 memory is rejected before any KDF runs', async () => {
  const { vault } = await newVault();
  const header = readHeaderJson(vault);
  header.passphrase.memlimit = 64 * 1024 ** 3;
  writeHeaderJson(vault, header);
  const started = performance.now();
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), /memlimit asks for absurd memory/);
  assert.ok(performance.now() - started < 100, 'rejected without running Argon2id');
});

test('a downgraded KDF level is refused (below MODERATE, or edited to another valid level)', async () => {
  const { vault } = await newVault();
  const original = readHeaderJson(vault);
  writeHeaderJson(vault, { ...original, passphrase: { ...original.passphrase, opslimit: 1 } });
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), /opslimit is below the MODERATE level/);
  // A still-acceptable level that differs from the one the key was wrapped with cannot unwrap it.
  writeHeaderJson(vault, { ...original, passphrase: { ...original.passphrase, opslimit: 4 } });
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), kind('wrong-passphrase'));
  writeHeaderJson(vault, original);
  (await Archive.unlock(vault, { passphrase: PASSPHRASE })).lock();
});

test('header fields of the wrong length, unknown fields and garbage are rejected precisely', async () => {
  const { vault } = await newVault();
  const original = readHeaderJson(vault);
  const cases: Array<[unknown, RegExp]> = [
    [
      { ...original, passphrase: { ...original.passphrase, salt: Buffer.alloc(8).toString('base64') } },
      /passphrase\.salt must decode to 16 bytes/,
    ],
    [
      { ...original, recovery: { ...original.recovery, nonce: Buffer.alloc(12).toString('base64') } },
      /recovery\.nonce must decode to 24 bytes/,
    ],
    [
      { ...original, passphrase: { ...original.passphrase, wrappedKey: Buffer.alloc(40).toString('base64') } },
      /wrappedKey must decode to 48 bytes/,
    ],
    [{ ...original, extra: 1 }, /vault header rejected/],
    [{ ...original, version: 99 }, /version/],
  ];
  for (const [header, message] of cases) {
    writeHeaderJson(vault, header);
    await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), message);
  }
  writeFileSync(path.join(vault, HEADER_FILE), '{ not json');
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), /not valid JSON/);
  writeFileSync(path.join(vault, HEADER_FILE), 'x'.repeat(10_000));
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), /too large/);
});

test('an edited recovery slot is detected by the header MAC after a passphrase unlock', async () => {
  const { vault } = await newVault();
  const header = readHeaderJson(vault);
  header.recovery.salt = Buffer.alloc(16, 7).toString('base64');
  writeHeaderJson(vault, header);
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), /header has been altered/);
});

test('missing, empty and foreign folders are told apart; create refuses a non-empty folder', async () => {
  const dir = tempDir();
  dirs.push(dir);
  await assert.rejects(Archive.unlock(path.join(dir, 'nowhere'), { passphrase: PASSPHRASE }), kind('no-vault'));
  writeFileSync(path.join(dir, 'holiday.jpg'), 'not a vault');
  await assert.rejects(Archive.unlock(dir, { passphrase: PASSPHRASE }), kind('foreign-folder'));
  await assert.rejects(Archive.create(dir, PASSPHRASE), kind('foreign-folder'));
  const { vault } = await newVault();
  await assert.rejects(Archive.create(vault, PASSPHRASE), kind('vault-exists'));
});

test('a vault made with the WASM implementation opens with the native one, and back', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const wasm = await loadWasmPrimitives();
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE, { crypto: wasm });
  const caseId = archive.addCase({ title: 'Made by WASM' });
  writeFileSync(path.join(dir, 'note.txt'), 'x'.repeat(200_000));
  const { id } = await archive.importFile(caseId, path.join(dir, 'note.txt'));
  archive.lock();
  const native = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  assert.equal((await collect(native.readItem(id))).length, 200_000);
  native.lock();
  const again = await Archive.unlock(vault, { passphrase: PASSPHRASE }, { crypto: wasm });
  assert.equal(again.getCase(caseId).title, 'Made by WASM');
  again.lock();
});

test('bad case input is refused with an error naming the field', async () => {
  const { vault } = await newVault();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    assert.throws(() => archive.addCase({ title: '' }), /title: must not be empty/);
    assert.throws(() => archive.addCase({ title: 'x'.repeat(501) }), /title: must be at most 500/);
    assert.throws(() => archive.addCase({ title: 'ok', owner: 'x' }), /Unrecognized key/);
    assert.throws(() => archive.addCase({ title: 5 }), /title/);
    // A day the month does not have is refused, not rolled over into the next month.
    assert.throws(
      () => archive.addCase({ title: 'ok', status: 'sentenced', statusSince: '2024-02-30' }),
      /statusSince: must be a day that exists/,
    );
    assert.throws(() => archive.addCase({ title: 'ok', statusSince: '2023-02-29' }), /must be a day that exists/);
    assert.ok(archive.addCase({ title: 'leap day', status: 'sentenced', statusSince: '2024-02-29' }));
  } finally {
    archive.lock();
  }
});

test('recovery keys print as 13 groups of 4 and parse back, tolerating case, spaces and look-alike letters', async () => {
  const { formatRecoveryKey, parseRecoveryKey } = await import('../../../electron/archive/vault/recovery-key.ts');
  for (let i = 0; i < 50; i++) {
    const key = (await import('node:crypto')).randomBytes(32);
    const printed = formatRecoveryKey(key);
    assert.match(printed, /^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.deepEqual(parseRecoveryKey(printed.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l')), key);
  }
  assert.throws(() => parseRecoveryKey('ABCD'), /wrong length/);
  assert.throws(() => parseRecoveryKey('U'.repeat(52)), /invalid character "U"/);
  assert.throws(() => parseRecoveryKey(`${'0'.repeat(51)}1`), /mistyped/);
});
