import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Archive, nativePrimitives } from '../../../electron/archive/index.ts';
import { hashEvent, type CustodyEvent } from '../../../electron/archive/custody/log.ts';
import { carriedPerson, personIdsOf, type CarriedPerson } from '../../../electron/archive/records/recreate.ts';
import { PACKAGE_PREFIX_BYTES } from '../../../electron/archive/exchange/package.ts';
import type { PackageImportResult } from '../../../electron/archive/exchange/package-import.ts';
import type { CaseDetail } from '../../../shared/model.ts';
import { PASSPHRASE, collect, tempDir, writeRandomFile } from '../../helpers/files.ts';
import { buildRichCase, comparableCase } from '../../helpers/rich-case.ts';
import { packageAsSender } from '../../helpers/raw-package.ts';
import { keyBuffersOf } from '../../helpers/vault-internals.ts';

const root = tempDir('custodia-package-');
let sender: Archive;
let recipient: Archive;
let stranger: Archive;
let caseId: string;
let packageFile: string;
const TITLE = 'Дело Жанаозен — 2011';

before(async () => {
  const open = async (name: string) => (await Archive.create(path.join(root, name), PASSPHRASE)).archive;
  sender = await open('sender');
  recipient = await open('recipient');
  stranger = await open('stranger');
  caseId = sender.addCase({ title: TITLE, reference: 'Z-2011', region: 'Mangystau' });
  writeFileSync(path.join(root, 'приговор.txt'), 'Приговор суда');
  await writeRandomFile(path.join(root, 'hearing.mp4'), 300_000);
  await sender.importFile(caseId, path.join(root, 'приговор.txt'), {
    acquisition: { obtainedFrom: 'the court office', method: 'certified copy' },
  });
  await sender.importFile(caseId, path.join(root, 'hearing.mp4'));
  packageFile = path.join(root, 'case.cstd');
  await sender.exportPackage(caseId, recipient.receivingPublicKey, packageFile);
});
after(() => {
  for (const archive of [sender, recipient, stranger]) archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

test('the receiving key derives from the master key: the same after lock and unlock, different per vault', async () => {
  const key = recipient.receivingPublicKey;
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.notEqual(key, sender.receivingPublicKey);
  assert.notEqual(key, recipient.publicKey);
  const again = await Archive.unlock(path.join(root, 'recipient'), { passphrase: PASSPHRASE });
  assert.equal(again.receivingPublicKey, key);
  again.lock();
});

test('nothing in the package is readable: no title, no file name, no key of either vault', () => {
  const bytes = readFileSync(packageFile);
  for (const needle of [
    TITLE,
    'Z-2011',
    'приговор',
    'Приговор суда',
    'hearing.mp4',
    sender.publicKey,
    recipient.receivingPublicKey,
    sender.vaultId,
  ]) {
    assert.equal(bytes.includes(Buffer.from(needle, 'utf8')), false, `"${needle}" is in the clear`);
  }
  for (const key of [sender.publicKey, recipient.receivingPublicKey]) assert.equal(bytes.includes(Buffer.from(key, 'hex')), false);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'CSTDPACK');
  assert.deepEqual(
    readdirSync(root).filter((name) => name.includes('partial')),
    [],
  );
});

test('the recipient imports the case with every item, the sender history as provenance, then its own received events', async () => {
  const result = await recipient.importPackage(packageFile, { expectedSender: sender.publicKey });
  assert.equal(result.alreadyImported, false);
  assert.equal(result.sender.signingKey, sender.publicKey);
  const detail = recipient.getCase(result.caseId);
  assert.equal(detail.title, TITLE);
  assert.equal(detail.region, 'Mangystau');
  const originals = sender.getCase(caseId).items;
  assert.equal(detail.items.length, originals.length);
  for (const original of originals) {
    const copy = detail.items.find((item) => item.sha256 === original.sha256)!;
    assert.equal(copy.originalName, original.originalName);
    assert.deepEqual(await collect(recipient.readItem(copy.id)), await collect(sender.readItem(original.id)));
    const events = recipient.custodyEvents(copy.id);
    assert.deepEqual(
      events.map((e) => e.action),
      original.acquisition ? ['acquired', 'imported', 'received'] : ['imported', 'received'],
    );
    const received = events.at(-1)!;
    assert.equal(received.details.senderKey, sender.publicKey);
    assert.equal(received.details.senderItemId, original.id);
    const provenance = received.details.provenance as CustodyEvent[];
    assert.ok(provenance.some((e) => e.action === 'imported' && e.details.sha256 === original.sha256));
    // The export is recorded once the package is durable, so the package cannot carry its own export.
    assert.ok(!provenance.some((e) => e.action === 'exported'));
    for (const event of provenance) {
      assert.equal(hashEvent(event), event.hash);
      assert.ok(
        nativePrimitives.verifyDetached(
          Buffer.from(event.signature, 'hex'),
          Buffer.from(event.hash, 'hex'),
          Buffer.from(sender.publicKey, 'hex'),
        ),
      );
    }
  }
  const caseReceived = recipient.caseCustody(result.caseId).filter((e) => e.subject.kind === 'case' && e.action === 'received');
  assert.equal(caseReceived.length, 1);
  assert.equal(caseReceived[0]!.details.senderCaseId, caseId);
  assert.equal((await recipient.verify()).ok, true);
});

test('importing the same package twice changes nothing', async () => {
  const events = recipient.custodyEvents().length;
  const cases = recipient.listCases().length;
  const again = await recipient.importPackage(packageFile);
  assert.equal(again.alreadyImported, true);
  assert.equal(recipient.listCases().length, cases);
  assert.equal(recipient.custodyEvents().length, events);
});

test('the sender records an exported event per item naming the package and the recipient', () => {
  for (const item of sender.getCase(caseId).items) {
    const exported = sender.custodyEvents(item.id).filter((e) => e.action === 'exported');
    assert.equal(exported.length, 1);
    assert.equal(exported[0]!.details.what, 'package');
    assert.equal(exported[0]!.details.to, 'case.cstd');
    assert.equal(exported[0]!.details.recipient, recipient.receivingPublicKey);
  }
});

test('another vault cannot open the package', async () => {
  const cases = stranger.listCases().length;
  await assert.rejects(stranger.importPackage(packageFile), /not addressed to this vault/);
  assert.equal(stranger.listCases().length, cases);
});

test('a flipped bit anywhere, or a truncation, is caught before anything is imported', async () => {
  const r2 = (await Archive.create(path.join(root, 'r2'), PASSPHRASE)).archive;
  try {
    const full = path.join(root, 'for-r2.cstd');
    await sender.exportPackage(caseId, r2.receivingPublicKey, full);
    const whole = readFileSync(full);
    const chunkAt = (index: number) => PACKAGE_PREFIX_BYTES + 64 + index * (65536 + 16);
    const damaged = path.join(root, 'damaged.cstd');
    for (const [at, expected] of [
      [30, /not addressed to this vault \(or its key block was altered\)/],
      [PACKAGE_PREFIX_BYTES + 20, /damaged|chunk 0 failed authentication/],
      [chunkAt(0) + 10, /chunk 0 failed authentication/],
      [chunkAt(3) + 5, /chunk 3 failed authentication/],
      [whole.length - 3, /failed authentication/],
    ] as const) {
      const altered = Buffer.from(whole);
      altered[at]! ^= 0x01;
      writeFileSync(damaged, altered);
      await assert.rejects(r2.importPackage(damaged), expected, `byte ${at}`);
    }
    writeFileSync(damaged, whole.subarray(0, chunkAt(4)));
    await assert.rejects(r2.importPackage(damaged), /failed authentication|cut short|ends before/);
    writeFileSync(damaged, Buffer.concat([whole, Buffer.from('trailing')]));
    await assert.rejects(r2.importPackage(damaged), /failed authentication|cut short/);
    assert.equal(r2.listCases().length, 0, 'nothing was imported from a damaged package');
    assert.equal(r2.custodyEvents().length, 1, 'not even an event');
    await assert.rejects(r2.importPackage(full, { expectedSender: 'ab'.repeat(32) }), /not by the expected sender/);
    assert.equal((await r2.importPackage(full)).alreadyImported, false, 'the undamaged package still imports');
  } finally {
    r2.lock();
  }
});

test('a package signed for one recipient and re-encrypted to another is refused', async () => {
  // The recipient (who can open it) seals the same content key to the stranger.
  const bytes = readFileSync(packageFile);
  const receivingSecret = keyBuffersOf(recipient)[2]!;
  const sealed = bytes.subarray(16, PACKAGE_PREFIX_BYTES);
  const fileKey = nativePrimitives.boxSealOpen(sealed, Buffer.from(recipient.receivingPublicKey, 'hex'), receivingSecret)!;
  assert.ok(fileKey);
  const forwarded = Buffer.from(bytes);
  nativePrimitives.boxSeal(fileKey, Buffer.from(stranger.receivingPublicKey, 'hex')).copy(forwarded, 16);
  const file = path.join(root, 'forwarded.cstd');
  writeFileSync(file, forwarded);
  await assert.rejects(stranger.importPackage(file), /signed for another recipient/);
});

test('a recipient key that is not 32 bytes of hex is refused with a clear message', async () => {
  await assert.rejects(sender.exportPackage(caseId, 'not-a-key', path.join(root, 'x.cstd')), /64 hexadecimal characters/);
});

describe('the whole case travels: persons, roles, charges, statuses, timeline, sources, powers of attorney', () => {
  let from: Archive;
  let to: Archive;
  let richCase: string;
  let richPackage: string;
  let imported: PackageImportResult;
  before(async () => {
    const open = async (name: string) => (await Archive.create(path.join(root, name), PASSPHRASE)).archive;
    from = await open('rich-sender');
    to = await open('rich-recipient');
    const files = path.join(root, 'rich-files');
    mkdirSync(files);
    richCase = await buildRichCase(from, files);
    richPackage = path.join(root, 'rich.cstd');
    await from.exportPackage(richCase, to.receivingPublicKey, richPackage);
    imported = await to.importPackage(richPackage, { expectedSender: from.publicKey });
  });
  after(() => {
    from?.lock();
    to?.lock();
  });

  /** A package the sender's own vault signs, its records altered first: what a hostile sender can send. */
  const hostilePackage = async (name: string, alter: (detail: CaseDetail, persons: CarriedPerson[]) => void) => {
    const caseDetail = from.getCase(richCase);
    const persons = personIdsOf(caseDetail).map((id) => carriedPerson(from.getPerson(id)));
    alter(caseDetail, persons);
    const file = path.join(root, `${name}.cstd`);
    await packageAsSender(from, caseDetail, persons, to.receivingPublicKey, file);
    return file;
  };

  test('the imported case equals the sent one, every id mapped to the new vault', () => {
    assert.equal(imported.alreadyImported, false);
    const sent = from.getCase(richCase);
    const arrived = to.getCase(imported.caseId);
    assert.deepEqual(comparableCase(to, arrived), comparableCase(from, sent));
    // The mapping points at the recipient's own records, none at the sender's.
    const senderIds = new Set([...sent.items.map((i) => i.id), ...sent.persons.map((p) => p.personId)]);
    const ids = [
      ...arrived.timeline.flatMap((e) => [...e.itemIds, ...e.personIds]),
      ...arrived.powersOfAttorney.flatMap((p) => [p.grantorPersonId, p.itemId ?? '']),
      ...arrived.sources.map((s) => s.archivedItemId ?? ''),
    ].filter(Boolean);
    assert.ok(ids.length >= 8);
    for (const id of ids) assert.equal(senderIds.has(id), false, `${id} is the sender's id`);
    assert.equal(arrived.statusHistory.length, 2);
    assert.equal(arrived.powersOfAttorney.find((p) => p.revokedAt)?.state, 'revoked');
    const witness = arrived.persons.find((p) => p.role === 'witness')!;
    assert.equal(to.getPerson(witness.personId).confidentiality, 'confidential');
    assert.deepEqual(imported.records?.dropped, []);
    assert.deepEqual(imported.records?.counts, { persons: 2, roles: 3, statuses: 1, timeline: 2, powersOfAttorney: 2, sources: 1 });
  });

  test('each person gets a received event carrying the sender history; the case event counts the records', () => {
    const arrived = to.getCase(imported.caseId);
    for (const personId of new Set(arrived.persons.map((p) => p.personId))) {
      const received = to.caseCustody(imported.caseId).filter((e) => e.subject.id === personId && e.action === 'received');
      assert.equal(received.length, 1);
      assert.ok((received[0]!.details.provenance as CustodyEvent[]).some((e) => e.action === 'linked'));
    }
    const caseEvent = to.caseCustody(imported.caseId).find((e) => e.subject.kind === 'case' && e.action === 'received')!;
    assert.deepEqual(caseEvent.details.records, imported.records!.counts);
  });

  test('importing the package again duplicates nothing: no person, event, source or power of attorney', async () => {
    const events = to.custodyEvents().length;
    const detail = to.getCase(imported.caseId);
    const again = await to.importPackage(richPackage);
    assert.equal(again.alreadyImported, true);
    assert.equal(again.caseId, imported.caseId);
    assert.equal(to.listCases().length, 1);
    assert.equal(to.custodyEvents().length, events);
    assert.deepEqual(to.getCase(imported.caseId), detail);
    assert.equal(to.searchAll({ query: 'Nurlan', kinds: ['person'] }).length, 1);
  });

  test('hostile records in a signed package are refused whole, naming the record and the field; nothing is stored', async () => {
    const cases: Array<[string, (detail: CaseDetail, persons: CarriedPerson[]) => void, RegExp]> = [
      [
        'bad-birth-date',
        (_detail, persons) => (persons.find((p) => p.name === 'Айгуль Н.')!.birthDate = '1985-02-30'),
        /nothing was imported: persons\[\d\]\.birthDate: must be a day that exists/,
      ],
      ['bad-role', (detail) => (detail.persons[0]!.role = 'judge; DROP TABLE persons'), /roles\[0\]\.role: /],
      [
        'timeline-not-a-list',
        (detail) => ((detail as unknown as { timeline: unknown }).timeline = { 0: 'x' }),
        /case\.timeline: must be a list/,
      ],
      ['bad-scope', (detail) => (detail.powersOfAttorney[0]!.scope = ['everything']), /powersOfAttorney\[0\]\.scope\[0\]: /],
      ['javascript-url', (detail) => (detail.sources[0]!.url = 'javascript:alert(1)'), /sources\[0\]\.url: must be an http\(s\) address/],
      ['bad-status', (detail) => (detail.statusHistory[1]!.status = 'vanished'), /statuses\[1\]\.status: /],
      ['huge-title', (detail) => (detail.title = 'x'.repeat(10_000)), /case\.title: must be at most 500 characters/],
    ];
    // Every list of the case, and the people, replaced by something that is not a list of records.
    // (Not `items`: the export itself reads them.)
    for (const field of ['statusHistory', 'charges', 'persons', 'timeline', 'powersOfAttorney', 'sources', 'tags']) {
      for (const [shape, value] of [
        ['null entry', [null]],
        ['number entry', [42]],
        ['a number', 42],
      ] as const) {
        cases.push([
          `${field}-${shape}`,
          (detail) => ((detail as unknown as Record<string, unknown>)[field] = value),
          /the case metadata in the package is not valid, nothing was imported: /,
        ]);
      }
    }
    cases.push([
      'persons-not-records',
      (_detail, persons) => persons.splice(0, persons.length, null as never),
      /persons\[0\]: must be a record/,
    ]);
    const events = to.custodyEvents().length;
    for (const [name, alter, expected] of cases) {
      const file = await hostilePackage(name, alter);
      await assert.rejects(to.importPackage(file), expected, name);
      assert.equal(to.listCases().length, 1, `${name}: no case was created`);
    }
    assert.equal(to.custodyEvents().length, events, 'not even an event');
  });

  test('a reference to a record the package does not carry is dropped and the reason recorded', async () => {
    const file = await hostilePackage('dangling', (detail) => {
      detail.timeline[1]!.itemIds.push(randomUUID());
      detail.powersOfAttorney[1]!.grantorPersonId = randomUUID();
      detail.persons.push({ personId: randomUUID(), name: 'Not carried', role: 'witness' });
    });
    const result = await to.importPackage(file);
    const arrived = to.getCase(result.caseId);
    assert.equal(arrived.timeline.length, 2);
    assert.equal(arrived.timeline[1]!.itemIds.length, 1, 'the known item stays linked');
    assert.equal(arrived.powersOfAttorney.length, 1);
    assert.equal(arrived.persons.length, 3, 'the three carried roles, not the fourth');
    assert.equal(result.records!.dropped.length, 3);
    const caseEvent = to.caseCustody(result.caseId).find((e) => e.subject.kind === 'case' && e.action === 'received')!;
    const dropped = caseEvent.details.dropped as string[];
    assert.match(dropped[0]!, /^roles\[3\]: person ".*" was not in the export$/);
    assert.match(dropped[1]!, /^timeline\[1\]\.itemIds: item ".*" was not in the export$/);
    assert.match(dropped[2]!, /^powersOfAttorney\[1\]: its grantor/);
  });

  test('a package that carries no person records (as before they were carried) imports, its people named as left out', async () => {
    const file = await hostilePackage('no-persons', (_detail, persons) => void persons.splice(0));
    const result = await to.importPackage(file);
    const arrived = to.getCase(result.caseId);
    assert.deepEqual(arrived.persons, []);
    assert.equal(arrived.timeline.length, 2, 'the events stay, without their people');
    assert.deepEqual(
      arrived.timeline.map((e) => e.personIds),
      [[], []],
    );
    assert.equal(arrived.powersOfAttorney.length, 0, 'a power of attorney needs its grantor');
    assert.equal(arrived.sources.length, 1);
    assert.equal(result.records!.dropped.filter((reason) => reason.startsWith('roles[')).length, 3);
  });
});

test('a package export reports its bytes as they are encrypted, and a cancel from the progress leaves no file and no event', async () => {
  const total = sender.getCase(caseId).items.reduce((sum, item) => sum + item.size, 0);
  const seen: Array<[number, number]> = [];
  const out = path.join(root, 'progress.cstd');
  await sender.exportPackage(caseId, recipient.receivingPublicKey, out, (done, all) => seen.push([done, all]));
  // One report at the start, then one per batch of chunks read (each item here fits in one batch).
  assert.ok(seen.length >= 1 + sender.getCase(caseId).items.length, `${seen.length} reports for ${total} bytes`);
  assert.deepEqual(seen[0], [0, total]);
  assert.deepEqual(seen.at(-1), [total, total]);
  assert.ok(
    seen.every(([done, all], i) => all === total && (i === 0 || done >= seen[i - 1]![0])),
    'monotone, out of the same total',
  );

  const exportedBefore = sender.custodyEvents().filter((event) => event.action === 'exported').length;
  const cancelled = path.join(root, 'cancelled.cstd');
  await assert.rejects(
    sender.exportPackage(caseId, recipient.receivingPublicKey, cancelled, (done) => {
      if (done > 100_000) throw new Error('cancelled; nothing was kept');
    }),
    /cancelled; nothing was kept/,
  );
  assert.deepEqual(
    readdirSync(root).filter((name) => name.includes('cancelled')),
    [],
    'neither the package nor its partial file',
  );
  assert.equal(sender.custodyEvents().filter((event) => event.action === 'exported').length, exportedBefore, 'nothing recorded');
});
