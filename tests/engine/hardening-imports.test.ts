// Issue #17, points 3 and 4: a package or bag from outside is checked whole before anything is
// stored (every item record has a type and a bound for each field: a number for a name, an unknown
// type, an absurd size are one refusal naming the field, never a TypeError or a half-made case),
// and the case then commits in one transaction: a disk that fills up at any write leaves no case,
// its blobs go to quarantine (recorded), and a retry makes exactly one case.
import assert from 'node:assert/strict';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { withFsFault } from '../helpers/fault-fs.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';
import { bagWithAlteredCatalog } from '../helpers/raw-bag.ts';
import { alteredPackage } from '../helpers/raw-package.ts';

const root = tempDir('custodia-hardening-imports-');
let sender: Archive;
let recipient: Archive;
let caseId: string;

before(async () => {
  sender = (await Archive.create(path.join(root, 'sender'), PASSPHRASE)).archive;
  recipient = (await Archive.create(path.join(root, 'recipient'), PASSPHRASE)).archive;
  caseId = sender.addCase({ title: 'Дело Мусаева', reference: 'R-17' });
  writeFileSync(path.join(root, 'decision.txt'), 'Постановление суда\n'.repeat(200));
  await sender.importFile(caseId, path.join(root, 'decision.txt'), {
    acquisition: { obtainedFrom: 'the court office', method: 'certified copy' },
  });
  // Three items of a few batches each: a full disk can strike on any of them, or between them.
  for (const name of ['hearing-1.mp4', 'hearing-2.mp4']) {
    await writeRandomFile(path.join(root, name), 1_200_000);
    await sender.importFile(caseId, path.join(root, name));
  }
});
after(() => {
  sender?.lock();
  recipient?.lock();
  rmSync(root, { recursive: true, force: true });
});

/** A genuine package of the case, addressed to `to`. */
async function signedPackage(name: string, to: Archive = recipient): Promise<string> {
  const file = path.join(root, `${name}.cstd`);
  await sender.exportPackage(caseId, to.receivingPublicKey, file);
  return file;
}

test('hostile item records in a signed package are refused at once, naming the field: no TypeError, no case, no event', async () => {
  const cases: Array<[string, (items: Array<Record<string, unknown>>) => void, RegExp]> = [
    ['name-a-number', (items) => (items[0]!.originalName = 42), /items\[0\]\.originalName: /],
    ['unknown-type', (items) => ((items[1]!.metadata as Record<string, unknown>).type = 'weapon'), /items\[1\]\.metadata\.type: /],
    ['negative-size', (items) => (items[2]!.size = -1), /items\[2\]\.size: must not be negative/],
    ['absurd-size', (items) => (items[2]!.size = 2 ** 50), /items\[2\]\.size: is beyond any real file/],
    ['size-a-string', (items) => (items[0]!.size = '3800'), /items\[0\]\.size: /],
    ['hash-not-hex', (items) => (items[1]!.sha256 = 'z'.repeat(64)), /items\[1\]\.sha256: must be a SHA-256/],
    [
      'huge-title',
      (items) => ((items[1]!.metadata as Record<string, unknown>).title = 't'.repeat(100_000)),
      /items\[1\]\.metadata\.title: /,
    ],
    ['fractional-size-late', (items) => (items[2]!.size = 1.5), /items\[2\]\.size: must be a whole number of bytes/],
    ['acquisition-a-number', (items) => (items[0]!.acquisition = 7), /items\[0\]\.acquisition: /],
  ];
  const events = recipient.custodyEvents().length;
  for (const [name, alter, expected] of cases) {
    // Written as a hostile sender would: any JSON, signed by its vault's key.
    const file = await alteredPackage(sender, caseId, recipient.receivingPublicKey, path.join(root, `${name}.cstd`), (manifest) =>
      alter(manifest.items),
    );
    const started = Date.now();
    await assert.rejects(recipient.importPackage(file), (error: Error) => {
      assert.doesNotMatch(error.message, /is not a function|Cannot read prop|undefined/, `${name}: ${error.message}`);
      assert.match(error.message, /not valid, nothing was imported/, name);
      assert.match(error.message, expected, `${name}: ${error.message}`);
      return true;
    });
    assert.ok(Date.now() - started < 20_000, `${name}: refused at once`);
    assert.equal(recipient.listCases().length, 0, `${name}: no case was created`);
  }
  assert.equal(recipient.custodyEvents().length, events, 'not even an event');
  assert.deepEqual(readdirSync(path.join(recipient.dir, 'tmp')), [], 'no temp blob left');
});

test('hostile item records in a bag catalog are refused before anything is stored, naming the field', async () => {
  const events = recipient.custodyEvents().length;
  for (const [name, alter, expected] of [
    ['bag-name-a-number', (items: Array<Record<string, unknown>>) => (items[0]!.originalName = 42), /items\[0\]\.originalName: /],
    ['bag-unknown-type', (items: Array<Record<string, unknown>>) => (items[1]!.type = 'weapon'), /items\[1\]\.metadata\.type: /],
    ['bag-null-item', (items: Array<Record<string, unknown>>) => (items[2] = null as never), /items\[2\]: /],
  ] as const) {
    const bag = await bagWithAlteredCatalog(sender, caseId, path.join(root, name), (catalog) => alter(catalog.items));
    await assert.rejects(recipient.importBag(bag), (error: Error) => {
      assert.doesNotMatch(error.message, /is not a function|Cannot read prop/, `${name}: ${error.message}`);
      assert.match(error.message, /not valid, nothing was imported/, name);
      assert.match(error.message, expected, `${name}: ${error.message}`);
      return true;
    });
    assert.equal(recipient.listCases().length, 0, `${name}: no case was created`);
  }
  assert.equal(recipient.custodyEvents().length, events, 'not even an event');
});

test('a disk that fills up at any write of a package import: no case, its blobs quarantined and recorded, and a retry makes one case', async (t) => {
  const file = await signedPackage('whole');
  const dryRunVault = (await Archive.create(path.join(root, 'dry-run'), PASSPHRASE)).archive;
  const dryRunFile = await signedPackage('whole-dry-run', dryRunVault);
  const dryRun = await withFsFault({ code: 'ENOSPC', failAt: Infinity, persistent: true }, () => dryRunVault.importPackage(dryRunFile));
  dryRunVault.lock();
  assert.equal(dryRun.error, undefined);
  const writes = dryRun.fault.calls;
  assert.ok(writes >= 9, `a package of three items makes ${writes} write-like calls`);
  let quarantinedRuns = 0;
  for (let failAt = 1; failAt <= writes; failAt++) {
    const { error, fault } = await withFsFault({ code: 'ENOSPC', failAt, persistent: false }, () => recipient.importPackage(file));
    const context = `ENOSPC at write ${failAt} of ${writes} (${fault.failures[0]})`;
    assert.ok(error instanceof Error, `${context}: the import fails`);
    assert.match(error.message, /disk holding the vault is full/, context);
    assert.equal(recipient.listCases().length, 0, `${context}: no case, not even a partial one`);
    assert.deepEqual(readdirSync(path.join(recipient.dir, 'tmp')), [], `${context}: no temp blob left behind`);
    const quarantined = recipient.custodyEvents().filter((e) => e.action === 'quarantined');
    if (quarantined.length > quarantinedRuns) {
      quarantinedRuns = quarantined.length;
      assert.match(String(quarantined.at(-1)!.details.reason), /import of a whole case failed/, context);
    }
  }
  assert.ok(quarantinedRuns > 0, 'blobs staged before the failure went to quarantine, recorded');
  const kept = recipient.quarantine();
  assert.ok(kept.length >= quarantinedRuns, 'the quarantine folder holds them');
  // A disk that stays full: nothing can even be moved; the next unlock's sweep moves them instead.
  const stuck = await withFsFault({ code: 'ENOSPC', failAt: 4, persistent: true }, () => recipient.importPackage(file));
  assert.ok(stuck.error instanceof Error);
  assert.equal(recipient.listCases().length, 0);
  recipient.lock();
  recipient = await Archive.unlock(path.join(root, 'recipient'), { passphrase: PASSPHRASE });
  assert.deepEqual(readdirSync(path.join(recipient.dir, 'tmp')), [], 'the unlock sweep moved what was left');
  assert.ok(recipient.quarantine().length > kept.length, 'into the quarantine folder');
  // Space freed: the retry makes exactly one case with every item; again changes nothing.
  const result = await recipient.importPackage(file);
  assert.equal(result.alreadyImported, false);
  assert.equal(recipient.getCase(result.caseId).items.length, 3);
  const again = await recipient.importPackage(file);
  assert.equal(again.alreadyImported, true);
  assert.equal(again.caseId, result.caseId);
  assert.equal(recipient.listCases().length, 1);
  t.diagnostic(`ENOSPC injected at each of ${writes} write-like calls; ${quarantinedRuns} failures had blobs to quarantine`);
});
