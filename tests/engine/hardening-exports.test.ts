// Issue #17, point 10: an export is recorded only once its file is durable. `export-package` or
// `export-bag` to a disk that fills up at any write leaves no file (not even a partial one) and no
// signed `exported` event; once there is room, the same export goes through and is recorded once.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, nativePrimitives, verifyBag } from '../../electron/archive/index.ts';
import { withFsFault } from '../helpers/fault-fs.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';

const root = tempDir('custodia-hardening-exports-');
let sender: Archive;
let recipientKey: string;
let caseId: string;

before(async () => {
  sender = (await Archive.create(path.join(root, 'sender'), PASSPHRASE)).archive;
  const recipient = (await Archive.create(path.join(root, 'recipient'), PASSPHRASE)).archive;
  recipientKey = recipient.receivingPublicKey;
  recipient.lock();
  caseId = sender.addCase({ title: 'Дело о голодовке' });
  writeFileSync(path.join(root, 'letter.txt'), 'Письмо из колонии\n'.repeat(100));
  await sender.importFile(caseId, path.join(root, 'letter.txt'));
  // Some batches of the package stream: the disk can fill on the prefix, the manifest, any batch, the fsync or the rename.
  await writeRandomFile(path.join(root, 'hearing.mp4'), 2_500_000);
  await sender.importFile(caseId, path.join(root, 'hearing.mp4'));
});
after(() => {
  sender?.lock();
  rmSync(root, { recursive: true, force: true });
});

const exportedEvents = () => sender.caseCustody(caseId).filter((e) => e.action === 'exported');

/**
 * Runs `exportTo` with the disk filling up at each of its write-like calls in turn (a dry run counts
 * them): every run fails, leaves nothing under `outDir` and records no `exported` event; then the
 * export goes through once and is recorded once. Answers the events of that last export.
 */
async function fullDiskAtEveryWrite(
  name: string,
  exportTo: (out: string) => Promise<unknown>,
  checkError: (error: Error, failure: string, context: string) => void,
) {
  const outDir = path.join(root, name);
  mkdirSync(outDir);
  const dryRun = await withFsFault({ code: 'ENOSPC', failAt: Infinity, persistent: true }, () =>
    exportTo(path.join(root, `${name}-dry-run`)),
  );
  assert.equal(dryRun.error, undefined);
  const writes = dryRun.fault.calls;
  assert.ok(writes >= 5, `${name}: ${writes} write-like calls`);
  const recorded = exportedEvents().length;
  assert.ok(recorded > 0, 'the dry run was recorded, as every successful export is');
  for (let failAt = 1; failAt <= writes; failAt++) {
    const out = path.join(outDir, `${name}-${failAt}`);
    const { error, fault } = await withFsFault({ code: 'ENOSPC', failAt, persistent: true }, () => exportTo(out));
    const context = `${name}: ENOSPC from write ${failAt} of ${writes} (${fault.failures[0]})`;
    assert.ok(error instanceof Error, `${context}: the export fails`);
    checkError(error, fault.failures[0]!, context);
    assert.deepEqual(readdirSync(outDir), [], `${context}: no file or folder, not even a partial one`);
    assert.equal(exportedEvents().length, recorded, `${context}: no "exported" event for an export that did not happen`);
  }
  await exportTo(path.join(outDir, name));
  return { writes, events: exportedEvents().slice(recorded) };
}

test('export-package to a disk that fills up at any write: no file, no partial file, no signed "exported" event', async (t) => {
  const done: string[] = [];
  const { writes, events } = await fullDiskAtEveryWrite(
    'package',
    async (out) => done.push((await sender.exportPackage(caseId, recipientKey, out)).packageId),
    (error, failure, context) => {
      // The package's own writes (file handle write/sync) are named as such; the vault's checkpoint file fails as it does elsewhere.
      if (/^\d+:(write|sync)$/.test(failure))
        assert.match(
          error.message,
          /^the package could not be written to .*package-\d+ \(the disk holding it is full\); nothing was exported or recorded$/,
          context,
        );
      else assert.match(error.message, /no space left/, `${context}: ${error.message}`);
    },
  );
  // Room again: recorded once, for the case and for each item, naming the package.
  assert.equal(events.length, 1 + sender.getCase(caseId).items.length);
  for (const event of events) assert.equal(event.details.package, done.at(-1));
  t.diagnostic(`disk full injected at each of ${writes} write-like calls of a package export`);
});

test('export-bag to a disk that fills up at any write: no bag, no partial folder, no "exported" event', async (t) => {
  const done: string[] = [];
  const { writes, events } = await fullDiskAtEveryWrite(
    'bag',
    async (out) => done.push((await sender.exportBag({ caseId, out })).externalIdentifier),
    (error, _failure, context) => assert.match(error.message, /no space left|disk holding it is full/, `${context}: ${error.message}`),
  );
  assert.equal(events.length, 1 + sender.getCase(caseId).items.length);
  for (const event of events) assert.equal(event.details.bag, done.at(-1));
  // The bag that went through verifies, its carried log ending at the checkpoint it was made with.
  assert.equal((await verifyBag(path.join(root, 'bag', 'bag'), nativePrimitives)).ok, true);
  t.diagnostic(`disk full injected at each of ${writes} write-like calls of a bag export`);
});
