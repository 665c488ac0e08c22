import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../../helpers/files.ts';

const BIN = fileURLToPath(new URL('../../../bin/custodia.js', import.meta.url));
const root = tempDir('custodia-mailbox-');
const inbox = path.join(root, 'colleague-inbox');
let sender: Archive;
let caseId: string;
let senderKey: string;
let recipientKey: string;
const recipientDir = path.join(root, 'colleague');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, '--vault', recipientDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIA_PASSPHRASE: PASSPHRASE },
    timeout: 120_000,
  });
const caseCount = async () => {
  const vault = await Archive.unlock(recipientDir, { passphrase: PASSPHRASE });
  const count = vault.listCases().length;
  vault.lock();
  return count;
};

before(async () => {
  ({ archive: sender } = await Archive.create(path.join(root, 'sender'), PASSPHRASE));
  const { archive: colleague } = await Archive.create(recipientDir, PASSPHRASE);
  recipientKey = colleague.receivingPublicKey;
  colleague.lock();
  senderKey = sender.publicKey;
  caseId = sender.addCase({ title: 'Дело для коллеги' });
  writeFileSync(path.join(root, 'заявление.txt'), 'Заявление адвоката');
  await sender.importFile(caseId, path.join(root, 'заявление.txt'));
  sender.replica.designate(path.join(root, 'replica'));
});
after(() => {
  sender?.lock();
  rmSync(root, { recursive: true, force: true });
});

/** What Syncthing does for the colleague: carries the outbox folder for their key into their inbox. */
function carry(): void {
  mkdirSync(inbox, { recursive: true });
  const outbox = path.join(root, 'replica', 'outbox', recipientKey);
  for (const name of readdirSync(outbox)) copyFileSync(path.join(outbox, name), path.join(inbox, name));
}

test('a package for a colleague lands in the outbox for their key and is imported from their inbox once', async () => {
  const { file } = await sender.exportPackage(caseId, recipientKey, sender.replica.outboxFile(recipientKey));
  assert.equal(path.dirname(file), path.join(root, 'replica', 'outbox', recipientKey));
  carry();
  const first = cli('inbox', 'import', inbox, '--key', senderKey);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /IMPORTED\s+\S+\.cstd: imported as case/);
  // Replayed: the same file again, and the same package under another name.
  copyFileSync(file, path.join(inbox, 'replayed.cstd'));
  const again = cli('inbox', 'import', inbox, '--key', senderKey);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout.match(/ALREADY-IMPORTED/g)?.length, 2, again.stdout);
  assert.equal(await caseCount(), 1, 'nothing was imported twice');
});

test('a package from another sender than the pinned one is refused', async () => {
  mkdirSync(inbox, { recursive: true });
  await sender.exportPackage(caseId, recipientKey, path.join(inbox, 'new.cstd'));
  const refused = cli('inbox', 'import', inbox, '--key', 'ab'.repeat(32));
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /REFUSED\s+new\.cstd: /);
});

test('an import killed part-way is named on the next run, not imported a second time', async () => {
  const id = sender.addCase({ title: 'большое видео' });
  await writeRandomFile(path.join(root, 'video.mp4'), 150_000_000);
  await sender.importFile(id, path.join(root, 'video.mp4'));
  rmSync(inbox, { recursive: true });
  mkdirSync(inbox);
  await sender.exportPackage(id, recipientKey, path.join(inbox, 'video-case.cstd'));
  const child = spawn(process.execPath, [BIN, '--vault', recipientDir, 'inbox', 'import', inbox, '--key', senderKey], {
    env: { ...process.env, CUSTODIA_PASSPHRASE: PASSPHRASE },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 60_000;
  while (readdirSync(path.join(recipientDir, 'tmp')).length === 0 && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const before = await caseCount();
  const rerun = cli('inbox', 'import', inbox, '--key', senderKey);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stdout, /INTERRUPTED-EARLIER\s+video-case\.cstd: an import of this package stopped part-way/);
  assert.equal(await caseCount(), before, 'no second case');
});
