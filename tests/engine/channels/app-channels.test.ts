import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost, nativePrimitives } from '../../../electron/archive/index.ts';
import { commitHeader, createVaultHeader, rewrapPassphrase, unlockMasterKey } from '../../../electron/archive/vault/vault.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { finished, value } from '../../helpers/host-calls.ts';

/**
 * The channels of the app's own screens, through the host both transports share: named users in
 * the custody log and on the dossier cover, the vault's life, the exchange jobs between two
 * vaults, and the integrity failure that names the damaged item. Real vaults, real PDFs (poppler).
 */
const dir = tempDir('custodia-app-channels-');
after(() => rmSync(dir, { recursive: true, force: true }));

async function job<T>(host: ArchiveHost, channel: string, request: unknown): Promise<T> {
  const { jobId } = await value<{ jobId: string }>(host.call(channel, request));
  const status = await finished(host, jobId);
  assert.equal(status.state, 'done', JSON.stringify(status.error));
  return status.result as T;
}

async function upload(host: ArchiveHost, caseId: string, name: string, bytes: Buffer, title: string): Promise<string> {
  const { uploadId } = await value<{ uploadId: string }>(
    host.call('imports.begin', { caseId, name, size: bytes.length, metadata: { type: 'other', title } }),
  );
  await value(host.call('imports.chunk', { uploadId, offset: 0, bytes: new Uint8Array(bytes) }));
  return (await value<{ itemId: string }>(host.call('imports.finish', { uploadId }))).itemId;
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

test('a named user is the actor of custody events, a rename is an event, and the dossier cover names them', async () => {
  const host = new ArchiveHost(path.join(dir, 'named'), { recentVaultsFile: path.join(dir, 'recent.json') });
  await value(host.call('vault.create', { passphrase: PASSPHRASE, user: { name: 'Айгерим Нурланқызы', role: 'адвокат' } }));
  const { id: caseId } = await value<{ id: string }>(host.call('cases.add', { title: 'Іс Әділбекұлы', reference: 'АЛ-2024/7' }));
  const custody = await value<Array<{ actor: string; action: string }>>(host.call('cases.custody', { id: caseId }));
  assert.deepEqual(
    custody.map((e) => e.actor),
    ['Айгерим Нурланқызы'],
  );

  const users = await value<{ users: Array<{ id: string; current: boolean }>; signingKey: string }>(host.call('users.list', {}));
  assert.equal(users.users.length, 1);
  assert.match(users.signingKey, /^[0-9a-f]{64}$/);
  await value(host.call('users.save', { id: users.users[0]!.id, name: 'Aigerim Nurlankyzy', role: 'lawyer' }));
  await value(host.call('cases.add', { title: 'After the rename' }));

  const exports = path.join(dir, 'exports');
  mkdirSync(exports, { recursive: true });
  const { destination } = await host.destinations.grant(exports);
  const dossier = await job<{ file: string | { file: string } }>(host, 'dossier.export', { caseId, destination });
  const dossierFile = typeof dossier.file === 'string' ? dossier.file : dossier.file.file;
  assert.match(pdfText(dossierFile).replace(/\s+/g, ' '), /Aigerim Nurlankyzy, lawyer/);

  const logFile = path.join(dir, 'named-log.jsonl');
  // The log, exported and read as a recipient would: the rename is recorded under the old name.
  const lines = exportLog(host, logFile);
  const rename = lines.find((e) => e.action === 'metadata-changed' && (e.details as { old?: unknown }).old);
  assert.equal(rename?.actor, 'Айгерим Нурланқызы');
  assert.deepEqual((rename?.details as { new: unknown }).new, { name: 'Aigerim Nurlankyzy', role: 'lawyer' });
  assert.equal(lines.at(-1)?.actor, 'Aigerim Nurlankyzy');
  // The independent verifier (Python, no Custodia code) still accepts the log.
  execFileSync('/usr/bin/python3', [path.resolve('docs/verify-custody-log.py'), logFile], { encoding: 'utf8' });
  host.lock();
});

function exportLog(host: ArchiveHost, file: string): Array<{ actor: string; action: string; details: unknown }> {
  const archive = (host as unknown as { archive: { exportLog(file: string): unknown } }).archive;
  archive.exportLog(file);
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; action: string; details: unknown })
    .filter((e) => e.type === 'event');
}

test('passphrase change, a new recovery key saved as PDF and confirmed, a recovery unlock then a new passphrase', async () => {
  const vault = path.join(dir, 'life');
  const host = new ArchiveHost(vault, { recentVaultsFile: path.join(dir, 'recent.json') });
  const { recoveryKey: first } = await value<{ recoveryKey: string }>(host.call('vault.create', { passphrase: PASSPHRASE }));
  assert.equal((await value<{ recoveryKeyPending?: boolean }>(host.call('vault.status', {}))).recoveryKeyPending, true);
  const groups = first.split('-');
  assert.deepEqual(
    await value(
      host.call('vault.confirmRecoveryKey', {
        answers: [
          { position: 1, group: 'WRONG' },
          { position: 3, group: groups[2]! },
        ],
      }),
    ),
    {
      confirmed: false,
    },
  );
  assert.deepEqual(
    await value(
      host.call('vault.confirmRecoveryKey', {
        answers: [
          { position: 2, group: groups[1]!.toLowerCase() },
          { position: 5, group: groups[4]! },
        ],
      }),
    ),
    { confirmed: true },
  );
  assert.equal((await value<{ recoveryKeyPending?: boolean }>(host.call('vault.status', {}))).recoveryKeyPending, undefined);

  const wrong = await host.call('vault.changePassphrase', { current: 'not the passphrase', passphrase: 'a brand new passphrase 1' });
  assert.equal(wrong.ok ? '' : wrong.error.kind, 'wrong-passphrase');
  await value(host.call('vault.changePassphrase', { current: PASSPHRASE, passphrase: 'a brand new passphrase 1' }));
  const { recoveryKey: second } = await value<{ recoveryKey: string }>(
    host.call('vault.newRecoveryKey', { passphrase: 'a brand new passphrase 1' }),
  );
  assert.notEqual(second, first);
  mkdirSync(path.join(dir, 'keys'));
  const keys = await host.destinations.grant(path.join(dir, 'keys'));
  const { file } = await value<{ file: string }>(host.call('vault.recoveryKeyPdf', { destination: keys.destination }));
  assert.ok(pdfText(file).replace(/\s+/g, '').includes(second.replace(/-/g, '')), 'the PDF carries the new key');
  await assert.rejects(host.destinations.grant(vault), /inside the vault folder/);
  const typed = await host.call('vault.recoveryKeyPdf', { folder: path.join(dir, 'keys') });
  assert.equal(typed.ok ? '' : typed.error.kind, 'validation', 'a path from the page is refused');

  await value(host.call('vault.lock', {}));
  const old = await host.call('vault.unlock', { recoveryKey: first });
  assert.equal(old.ok ? '' : old.error.kind, 'wrong-passphrase', 'the replaced recovery key no longer opens the vault');
  const status = await value<{ recovered?: boolean }>(host.call('vault.unlock', { recoveryKey: second }));
  assert.equal(status.recovered, true);
  const after = await value<{ recovered?: boolean }>(host.call('vault.changePassphrase', { passphrase: 'set after recovery 22' }));
  assert.equal(after.recovered, undefined);
  await value(host.call('vault.lock', {}));
  await value(host.call('vault.unlock', { passphrase: 'set after recovery 22' }));
  host.lock();
});

test('opening another vault, creating one in an empty folder, and the list of recent vaults', async () => {
  const recentFile = path.join(dir, 'recent-open.json');
  const home = path.join(dir, 'home-vault');
  const host = new ArchiveHost(home, { recentVaultsFile: recentFile });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const other = path.join(dir, 'other-vault');
  const opened = await value<{ state: string; folder: string }>(host.call('vault.open', { folder: other }));
  assert.deepEqual([opened.state, opened.folder], ['missing', other]);
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  mkdirSync(path.join(dir, 'foreign'));
  writeFileSync(path.join(dir, 'foreign', 'notes.txt'), 'not a vault');
  const foreign = await host.call('vault.open', { folder: path.join(dir, 'foreign') });
  assert.equal(foreign.ok ? '' : foreign.error.kind, 'foreign-folder');
  const recent = await value<Array<{ folder: string; state: string; current: boolean }>>(host.call('vault.recent', {}));
  assert.deepEqual(
    recent.map((r) => [r.folder, r.state, r.current]),
    [
      [other, 'unlocked', true],
      [home, 'locked', false],
    ],
  );
  const back = await value<{ state: string }>(host.call('vault.open', { folder: home }));
  assert.equal(back.state, 'locked');
  host.lock();
});

test('exchange jobs between two vaults: submission, bag export / check / import, a package to a pinned colleague, a dropped dossier checked', async () => {
  const sender = new ArchiveHost(path.join(dir, 'sender'), { recentVaultsFile: path.join(dir, 'recent-x.json') });
  const receiver = new ArchiveHost(path.join(dir, 'receiver'), { recentVaultsFile: path.join(dir, 'recent-x.json') });
  await value(sender.call('vault.create', { passphrase: PASSPHRASE, user: { name: 'Serik', role: 'researcher' } }));
  await value(receiver.call('vault.create', { passphrase: PASSPHRASE }));
  const { id: caseId } = await value<{ id: string }>(
    sender.call('cases.add', { title: 'Дело Ж.', reference: 'Ж-1', status: 'pre-trial-detention' }),
  );
  await upload(sender, caseId, 'answer.txt', Buffer.from('Ответ прокуратуры от 3 марта.\n'), 'Ответ прокуратуры');
  await upload(sender, caseId, 'hearing.webm', Buffer.alloc(70_000, 7), 'Hearing video');
  const estimate = await value<{ mediaFiles: number; mediaBytes: number }>(sender.call('dossier.estimate', { caseId }));
  assert.deepEqual([estimate.mediaFiles, estimate.mediaBytes], [1, 70_000]);

  const out = path.join(dir, 'out');
  mkdirSync(out);
  const { destination } = await sender.destinations.grant(out);
  const submission = await job<{ file: string; cases: number }>(sender, 'submission.export', {
    caseIds: [caseId],
    destination,
    language: 'ru',
  });
  assert.match(path.basename(submission.file), /^submission-\d{4}-\d{2}-\d{2}\.pdf$/);
  assert.match(pdfText(submission.file), /Дело Ж\./);

  const bag = await job<{ dir: string; files: number }>(sender, 'bag.export', { caseId, destination });
  assert.equal(bag.files, 2);
  const { destination: received } = await receiver.destinations.grantSourceFolder(bag.dir);
  const checked = await job<{ ok: boolean; custody: { events: number } }>(receiver, 'bag.verify', { bag: received });
  assert.equal(checked.ok, true);
  writeFileSync(path.join(bag.dir, 'data', readdirSync(path.join(bag.dir, 'data'))[0]!), 'altered');
  const broken = await job<{ ok: boolean; problems: Array<{ kind: string }> }>(receiver, 'bag.verify', { bag: received });
  assert.equal(broken.ok, false);
  const refused = await finished(receiver, (await value<{ jobId: string }>(receiver.call('bag.import', { bag: received }))).jobId);
  assert.equal(refused.state, 'failed', 'a bag that fails its check is not imported');

  const identity = await value<{ receivingKey: string; signingKey: string }>(receiver.call('vault.identity', {}));
  const senderIdentity = await value<{ signingKey: string }>(sender.call('vault.identity', {}));
  const [colleague] = await value<Array<{ id: string }>>(
    sender.call('contacts.save', { name: 'Receiver vault', receivingKey: identity.receivingKey }),
  );
  const pkg = await job<{ file: string; recipient: string }>(sender, 'package.export', { caseId, contactId: colleague!.id, destination });
  assert.equal(pkg.recipient, 'Receiver vault');
  // Dropped on the receiver's window: the bytes go to the inbox, then the import job reads them.
  const bytes = readFileSync(pkg.file);
  const { inboxId } = await value<{ inboxId: string }>(
    receiver.call('inbox.begin', { name: 'case.cstd', size: bytes.length, purpose: 'package' }),
  );
  await value(receiver.call('imports.chunk', { uploadId: inboxId, offset: 0, bytes: new Uint8Array(bytes) }));
  const imported = await job<{ items: number; sender: { signingKey: string; contact: string | null } }>(receiver, 'package.import', {
    inboxId,
  });
  assert.deepEqual([imported.items, imported.sender.signingKey, imported.sender.contact], [2, senderIdentity.signingKey, null]);
  await value(receiver.call('contacts.save', { name: 'Serik (sender)', signingKey: imported.sender.signingKey }));
  const again = await job<{ alreadyImported: boolean; sender: { contact: string | null } }>(receiver, 'package.import', { file: pkg.file });
  assert.deepEqual([again.alreadyImported, again.sender.contact], [true, 'Serik (sender)']);

  const pdf = readFileSync(submission.file);
  const drop = await value<{ inboxId: string }>(
    receiver.call('inbox.begin', { name: 'received.pdf', size: pdf.length, purpose: 'dossier' }),
  );
  await value(receiver.call('imports.chunk', { uploadId: drop.inboxId, offset: 0, bytes: new Uint8Array(pdf) }));
  const intact = await job<{ intact: boolean; signer: unknown }>(receiver, 'dossier.verify', { inboxId: drop.inboxId });
  assert.deepEqual([intact.intact, intact.signer], [true, { kind: 'contact', name: 'Serik (sender)' }]);
  const tampered = Buffer.from(pdf);
  // A few bytes changed across the file, as a careless or hostile editor would.
  for (let i = 1; i < 40; i++) {
    const at = Math.floor((tampered.length * i) / 40);
    tampered[at] = tampered[at]! ^ 0x20;
  }
  const changed = path.join(dir, 'changed.pdf');
  writeFileSync(changed, tampered);
  const verdict = await job<{ intact: boolean; problems: unknown[] }>(receiver, 'dossier.verify', { file: changed });
  assert.equal(verdict.intact, false);
  assert.ok(verdict.problems.length > 0);
  sender.lock();
  receiver.lock();
});

test('an empty vault is not due; a tampered blob fails the audit naming the item and case until its loss is recorded', async () => {
  const vault = path.join(dir, 'damaged');
  const host = new ArchiveHost(vault, { recentVaultsFile: path.join(dir, 'recent-d.json') });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const empty = await value<{ overdue: boolean; dueAt: string | null; failure: unknown }>(host.call('integrity.summary', {}));
  assert.deepEqual([empty.overdue, empty.dueAt, empty.failure], [false, null, null]);
  const { id: caseId } = await value<{ id: string }>(host.call('cases.add', { title: 'Іс Қ.' }));
  const itemId = await upload(host, caseId, 'decision.txt', Buffer.alloc(200_000, 65), 'Приговор суда');
  const withEvidence = await value<{ overdue: boolean; items: number }>(host.call('integrity.summary', {}));
  assert.equal(withEvidence.overdue, true, 'with evidence, a first audit is due');
  assert.equal(withEvidence.items, 1, 'the items the audit will read');

  const item = await value<{ blob?: unknown }>(host.call('items.get', { id: itemId }));
  assert.equal(item.blob, undefined);
  const blobs = path.join(vault, 'blobs');
  const [prefix] = readdirSync(blobs);
  const [name] = readdirSync(path.join(blobs, prefix!));
  const file = path.join(blobs, prefix!, name!);
  const stored = readFileSync(file);
  stored[stored.length - 100] = stored[stored.length - 100]! ^ 1;
  writeFileSync(file, stored);

  const audit = await job<{ ok: boolean }>(host, 'integrity.audit', {});
  assert.equal(audit.ok, false);
  const failed = await value<{
    failure: { unresolved: number; findings: Array<{ kind: string; item: { title: string; caseTitle: string; caseId: string } }> };
  }>(host.call('integrity.summary', {}));
  assert.equal(failed.failure.unresolved, 1);
  assert.deepEqual(
    failed.failure.findings.map((f) => [f.kind, f.item.title, f.item.caseTitle, f.item.caseId]),
    [['blob-altered', 'Приговор суда', 'Іс Қ.', caseId]],
  );
  // Still failed after a restart of the app (the findings are in the catalog).
  host.lock();
  await value(host.call('vault.unlock', { passphrase: PASSPHRASE }));
  assert.ok((await value<{ failure: unknown }>(host.call('integrity.summary', {}))).failure);
  const resolved = await value<{ failure: unknown }>(
    host.call('integrity.recordLoss', { itemId, note: 'no backup holds it; the court still has the original' }),
  );
  assert.equal(resolved.failure, null);
  const events = await value<Array<{ action: string; details: { field?: string } }>>(host.call('cases.custody', { id: caseId }));
  assert.ok(events.some((e) => e.action === 'metadata-changed' && e.details.field === 'loss'));
  assert.ok(existsSync(file), 'nothing was deleted');
  host.lock();
});

test('a lock while a passphrase change derives its key does not leave a header wrapping the wiped key bytes', async () => {
  const vault = path.join(dir, 'race');
  mkdirSync(vault);
  const created = await createVaultHeader(vault, PASSPHRASE, nativePrimitives);
  await commitHeader(vault, created.header);
  const original = Buffer.from(created.masterKey);
  const change = rewrapPassphrase(vault, created.masterKey, 'the new one after the race 9', nativePrimitives);
  // What a lock does to the session's key while the new passphrase's KDF is still running.
  nativePrimitives.memzero(created.masterKey);
  await change;
  const reopened = await unlockMasterKey(vault, { passphrase: 'the new one after the race 9' }, nativePrimitives);
  assert.ok(reopened.masterKey.equals(original), 'the new passphrase unwraps the real master key');
});
