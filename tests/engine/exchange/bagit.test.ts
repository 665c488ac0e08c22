import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Archive, nativePrimitives, verifyBag } from '../../../electron/archive/index.ts';
import { fileSource } from '../../../electron/archive/blobs/byte-source.ts';
import { hashEvent } from '../../../electron/archive/custody/log.ts';
import { PASSPHRASE, listFiles, tempDir, writeRandomFile } from '../../helpers/files.ts';
import { buildRichCase, comparableCase } from '../../helpers/rich-case.ts';

const root = tempDir('custodia-bagit-');

/** Names an attacker (or an unlucky scanner) could give a file; none may escape or confuse the bag. */
const HOSTILE_NAMES = [
  '../../outside.txt',
  '/etc/passwd',
  'C:\\Windows\\system32\\evil.dll',
  'nul\u0000byte.txt',
  'CON',
  'com1.txt',
  'LPT9.log',
  `${'д'.repeat(300)}.pdf`,
  'invoice\u202Efdp.exe',
  '.hidden',
  '..',
  'same.txt',
  'SAME.txt',
];

let vault: string;
let archive: Archive;
let caseId: string;
const itemIds: string[] = [];

before(async () => {
  vault = path.join(root, 'vault');
  ({ archive } = await Archive.create(vault, PASSPHRASE));
  caseId = archive.addCase({
    title: 'Іс Қасымұлы',
    reference: '2-1234/2022',
    charges: [{ article: '272', part: '2' }],
    status: 'sentenced',
  });
  const sources = path.join(root, 'sources');
  mkdirSync(sources);
  writeFileSync(path.join(sources, 'decision.txt'), 'Приговор суда\n');
  await writeRandomFile(path.join(sources, 'video.bin'), 2 * 1024 * 1024 + 17);
  writeFileSync(path.join(sources, 'empty.txt'), '');
  for (const name of ['decision.txt', 'video.bin', 'empty.txt']) {
    itemIds.push(
      (await archive.importFile(caseId, path.join(sources, name), { acquisition: { obtainedFrom: 'the family', method: 'in person' } })).id,
    );
  }
  // Hostile original names (the vault keeps whatever name a file came with).
  for (const [index, name] of HOSTILE_NAMES.entries()) {
    const file = path.join(sources, `hostile-${index}`);
    writeFileSync(file, `content ${index}`);
    itemIds.push((await archive.importSource(caseId, await fileSource(file), { originalName: name, modifiedAt: null, label: name })).id);
  }
});
after(() => {
  archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

const sha = (algorithm: string, bytes: Buffer | string) => createHash(algorithm).update(bytes).digest('hex');

describe('export-bag', () => {
  let bag: string;
  before(async () => {
    bag = path.join(root, 'bag');
    await archive.exportBag({ caseId, out: bag, sourceOrganization: 'Kazakhstan International Bureau for Human Rights' });
  });

  test('the bag passes sha256sum -c and sha512sum -c run inside it, and its tag manifest too', () => {
    for (const [tool, manifest] of [
      ['sha256sum', 'manifest-sha256.txt'],
      ['sha512sum', 'manifest-sha512.txt'],
      ['sha256sum', 'tagmanifest-sha256.txt'],
      ['sha512sum', 'tagmanifest-sha512.txt'],
    ] as const) {
      const result = spawnSync(tool, ['--strict', '-c', manifest], { cwd: bag, encoding: 'utf8' });
      assert.equal(result.status, 0, `${tool} -c ${manifest}: ${result.stdout}${result.stderr}`);
    }
    const lines = readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8').trim().split('\n');
    assert.equal(lines.length, itemIds.length, 'one manifest line per exported item');
  });

  test('Payload-Oxum, computed here from the files in data/, matches bag-info.txt (RFC 8493 §2.2.2)', () => {
    const payload = listFiles(path.join(bag, 'data'));
    const octets = payload.reduce((sum, file) => sum + statSync(file).size, 0);
    const info = readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    assert.match(info, new RegExp(`^Payload-Oxum: ${octets}\\.${payload.length}$`, 'm'));
    assert.match(info, /^Source-Organization: Kazakhstan International Bureau for Human Rights$/m);
    assert.match(info, /^Bagging-Date: \d{4}-\d{2}-\d{2}$/m);
    assert.match(info, /^External-Identifier: urn:uuid:[0-9a-f-]{36}$/m);
    assert.match(info, /^Bag-Count: 1 of 1$/m);
    assert.equal(readFileSync(path.join(bag, 'bagit.txt'), 'utf8'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  test('every payload file is the original bytes, under a safe unique name inside data/, its original name in the catalog', () => {
    const catalog = JSON.parse(readFileSync(path.join(bag, 'custodia', 'catalog.json'), 'utf8'));
    assert.equal(catalog.items.length, itemIds.length);
    const names = readdirSync(path.join(bag, 'data'));
    assert.equal(names.length, itemIds.length, 'no file landed outside data/ or in a subfolder');
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'unique even where case is ignored');
    for (const name of names) {
      assert.doesNotMatch(name, /[/\\\0\u202e]|^\.|[. ]$/, `unsafe name ${JSON.stringify(name)}`);
      assert.doesNotMatch(name.split('.')[0]!, /^(con|prn|aux|nul|com\d|lpt\d)$/i, `device name ${name}`);
      assert.ok(Buffer.byteLength(name) <= 200, `${name.length} characters is too long`);
    }
    for (const item of catalog.items) {
      const bytes = readFileSync(path.join(bag, ...item.bagPath.split('/')));
      assert.equal(sha('sha256', bytes), item.sha256, item.originalName);
      assert.ok(HOSTILE_NAMES.includes(item.originalName) || ['decision.txt', 'video.bin', 'empty.txt'].includes(item.originalName));
    }
    assert.ok(!existsSync(path.join(root, 'outside.txt')));
    assert.equal(catalog.cases[0].title, 'Іс Қасымұлы');
  });

  test('the custody log in the bag carries every event of the case, each one signed, and a signed checkpoint', () => {
    const lines = readFileSync(path.join(bag, 'custodia', 'custody-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const [header, ...rest] = lines;
    assert.equal(header.publicKey, archive.publicKey);
    const checkpoint = rest.pop();
    assert.equal(checkpoint.type, 'checkpoint');
    const publicKey = Buffer.from(header.publicKey, 'hex');
    for (const { type: _type, ...event } of rest) {
      assert.equal(hashEvent(event), event.hash);
      assert.ok(nativePrimitives.verifyDetached(Buffer.from(event.signature, 'hex'), Buffer.from(event.hash, 'hex'), publicKey));
    }
    const imported = rest.filter((e) => e.action === 'imported').map((e) => e.subject.id);
    assert.deepEqual(new Set(imported), new Set(itemIds));
  });

  test('each exported item gets an exported event naming the bag', () => {
    const externalId = /^External-Identifier: (.+)$/m.exec(readFileSync(path.join(bag, 'bag-info.txt'), 'utf8'))![1];
    for (const id of itemIds) {
      const exported = archive.custodyEvents(id).filter((e) => e.action === 'exported');
      assert.equal(exported.length, 1);
      assert.equal(exported[0]!.details.bag, externalId);
      assert.equal(exported[0]!.details.to, 'bag');
    }
  });

  test('our validator finds the bag valid', async () => {
    const report = await verifyBag(bag, nativePrimitives, { expectedKey: archive.publicKey });
    assert.deepEqual(report.problems, []);
    assert.equal(report.ok, true);
    assert.equal(report.custody?.ok, true);
    assert.deepEqual(report.algorithms.sort(), ['sha256', 'sha512']);
  });

  test('the export refuses an existing target', async () => {
    await assert.rejects(archive.exportBag({ caseId, out: bag }), /already exists/);
  });
});

test('an export that fails half-way leaves no bag and no temp folder', async () => {
  const dir = path.join(root, 'failing');
  mkdirSync(dir);
  const video = archive.getItem(itemIds[1]!).blob;
  const blobFile = path.join(vault, 'blobs', video.fileName.slice(0, 2), video.fileName);
  const original = readFileSync(blobFile);
  const altered = Buffer.from(original);
  altered[64 + 3 * (65536 + 16) + 100]! ^= 1;
  writeFileSync(blobFile, altered);
  try {
    await assert.rejects(archive.exportBag({ caseId, out: path.join(dir, 'bag') }), /chunk 3/);
    assert.deepEqual(readdirSync(dir), [], 'nothing is left that could be taken for a bag');
  } finally {
    writeFileSync(blobFile, original);
  }
});

test('an export killed half-way never looks complete: no bag under the target name, and the partial folder is no valid bag', async () => {
  const dir = path.join(root, 'killed');
  mkdirSync(dir);
  await writeRandomFile(path.join(dir, 'big.bin'), 96 * 1024 * 1024);
  const engine = new URL('../../../electron/archive/index.ts', import.meta.url).href;
  const script = `
    import { Archive } from ${JSON.stringify(engine)};
    const { archive } = await Archive.create(${JSON.stringify(path.join(dir, 'vault'))}, ${JSON.stringify(PASSPHRASE)});
    const caseId = archive.addCase({ title: 'killed' });
    await archive.importFile(caseId, ${JSON.stringify(path.join(dir, 'big.bin'))});
    process.stdout.write('exporting\\n');
    await archive.exportBag({ caseId, out: ${JSON.stringify(path.join(dir, 'bag'))} });
    process.stdout.write('finished\\n');`;
  writeFileSync(path.join(dir, 'export.mjs'), script);
  const child = spawn(process.execPath, [path.join(dir, 'export.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Kill it as soon as the partial folder holds some payload bytes.
  const partialPayload = () => {
    const partial = readdirSync(dir).find((name) => name.startsWith('.bag.partial-'));
    return partial && existsSync(path.join(dir, partial, 'data', 'big.bin')) ? partial : undefined;
  };
  for (let waited = 0; !partialPayload() && waited < 60_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill('SIGKILL');
  await exited;
  assert.doesNotMatch(output, /finished/, 'the export was killed before it finished');
  assert.equal(existsSync(path.join(dir, 'bag')), false, 'nothing under the name the user asked for');
  const partial = partialPayload();
  assert.ok(partial, 'the interrupted work is in a hidden, plainly named temp folder');
  assert.equal((await verifyBag(path.join(dir, partial), nativePrimitives)).ok, false);
});

describe('verify-bag names what is wrong', () => {
  let pristine: string;
  before(async () => {
    pristine = path.join(root, 'pristine');
    await archive.exportBag({ caseId, out: pristine });
  });
  const copy = (name: string) => {
    const dir = path.join(root, name);
    execFileSync('cp', ['-r', pristine, dir]);
    return dir;
  };
  const kinds = async (dir: string) => (await verifyBag(dir, nativePrimitives)).problems.map((p) => p.kind);
  const firstPayload = (dir: string) => path.join(dir, 'data', 'decision.txt');

  test('an altered payload file', async () => {
    const dir = copy('altered');
    writeFileSync(firstPayload(dir), 'Оправдательный приговор\n');
    const problems = await kinds(dir);
    assert.ok(problems.includes('checksum'));
    assert.ok(problems.includes('payload-oxum'));
  });
  test('a missing payload file', async () => {
    const dir = copy('missing');
    rmSync(firstPayload(dir));
    assert.ok((await kinds(dir)).includes('file-missing'));
  });
  test('an extra payload file', async () => {
    const dir = copy('extra');
    writeFileSync(path.join(dir, 'data', 'planted.txt'), 'planted');
    const problems = await kinds(dir);
    assert.ok(problems.includes('file-unlisted'));
    assert.ok(problems.includes('payload-oxum'));
  });
  test('an altered tag file', async () => {
    const dir = copy('tag');
    const catalogFile = path.join(dir, 'custodia', 'catalog.json');
    writeFileSync(catalogFile, readFileSync(catalogFile, 'utf8').replace('Іс Қасымұлы', 'Другое дело'));
    assert.deepEqual(await kinds(dir), ['tag-checksum', 'tag-checksum'], 'named by both tag manifests');
  });
  test('a forged custody event, even with the tag manifests recomputed', async () => {
    const dir = copy('forged');
    const logFile = path.join(dir, 'custodia', 'custody-log.jsonl');
    const forged = readFileSync(logFile, 'utf8').replace('"obtainedFrom":"the family"', '"obtainedFrom":"the police"');
    writeFileSync(logFile, forged);
    for (const algorithm of ['sha256', 'sha512']) {
      const manifest = path.join(dir, `tagmanifest-${algorithm}.txt`);
      const fixed = readFileSync(manifest, 'utf8').replace(/^[0-9a-f]+(?= {2}custodia\/custody-log\.jsonl$)/m, sha(algorithm, forged));
      writeFileSync(manifest, fixed);
    }
    const report = await verifyBag(dir, nativePrimitives);
    assert.ok(
      report.problems.some((p) => p.kind === 'custody' && /altered/.test(p.message)),
      JSON.stringify(report.problems),
    );
  });
  test('a bag re-signed by another key is refused when the reader expects ours', async () => {
    const report = await verifyBag(pristine, nativePrimitives, { expectedKey: 'ab'.repeat(32) });
    assert.ok(report.problems.some((p) => p.kind === 'custody' && /expected key/.test(p.message)));
  });
  test('manifest paths that leave the bag are refused, never opened', async () => {
    for (const [name, entry] of [
      ['dotdot', 'data/../../outside.txt'],
      ['absolute', '/etc/passwd'],
      ['not-data', 'bag-info.txt'],
      ['nul', 'data/a%00b'],
    ] as const) {
      const dir = copy(`unsafe-${name}`);
      const manifest = path.join(dir, 'manifest-sha256.txt');
      writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}${'0'.repeat(64)}  ${entry.replace('%00', '\0')}\n`);
      const report = await verifyBag(dir, nativePrimitives);
      assert.ok(
        report.problems.some((p) => p.kind === 'unsafe-path'),
        `${entry}: ${JSON.stringify(report.problems)}`,
      );
    }
  });
  test('a folder without bagit.txt is not a bag', async () => {
    const dir = copy('nodeclaration');
    rmSync(path.join(dir, 'bagit.txt'));
    assert.deepEqual(await kinds(dir), ['not-a-bag']);
  });
});

describe('import-bag', () => {
  test('our own bag comes in as a new case with its metadata, each item with a received event naming the bag', async () => {
    const bag = path.join(root, 'to-import');
    const exported = await archive.exportBag({ caseId, out: bag });
    const other = await Archive.create(path.join(root, 'vault-2'), PASSPHRASE);
    try {
      const result = await other.archive.importBag(bag);
      assert.equal(result.caseCreated, true);
      const detail = other.archive.getCase(result.caseId);
      assert.equal(detail.title, 'Іс Қасымұлы');
      assert.equal(detail.reference, '2-1234/2022');
      assert.equal(detail.status, 'sentenced');
      assert.deepEqual(
        detail.charges.map((c) => [c.article, c.part]),
        [['272', '2']],
      );
      assert.equal(detail.items.length, itemIds.length);
      const originals = new Map(itemIds.map((id) => [archive.getItem(id).sha256, archive.getItem(id)]));
      for (const item of detail.items) {
        const source = originals.get(item.sha256)!;
        assert.ok(source, 'every item arrives with the same SHA-256');
        if (source.originalName === 'decision.txt') {
          assert.equal(item.originalName, 'decision.txt');
          assert.equal(item.acquisition?.obtainedFrom, 'the family');
        }
        assert.doesNotMatch(item.originalName, /[/\\\0\u202e]/);
        const received = other.archive.custodyEvents(item.id).find((e) => e.action === 'received')!;
        assert.equal(received.details.bag, exported.externalIdentifier);
        assert.equal(received.details.senderKey, archive.publicKey);
        assert.equal(received.details.sha256, item.sha256);
      }
      assert.equal((await other.archive.verify()).ok, true);
    } finally {
      other.archive.lock();
    }
  });

  test('a bag made by someone else (sha512 manifest only, no metadata) comes into a given case', async () => {
    const bag = path.join(root, 'foreign-bag');
    mkdirSync(path.join(bag, 'data', 'photos'), { recursive: true });
    const files: Record<string, string> = { 'data/photos/IMG_0001.jpg': 'not really a jpeg', 'data/statement.txt': 'I saw it.' };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(bag, name), content);
    writeFileSync(path.join(bag, 'bagit.txt'), 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n');
    writeFileSync(
      path.join(bag, 'manifest-sha512.txt'),
      Object.entries(files)
        .map(([name, content]) => `${sha('sha512', content)} ${name}\n`)
        .join(''),
    );
    writeFileSync(path.join(bag, 'bag-info.txt'), 'Source-Organization: Another NGO\nExternal-Identifier: ngo-2026-17\n');
    const target = archive.addCase({ title: 'Received' });
    const result = await archive.importBag(bag, { caseId: target });
    assert.equal(result.caseCreated, false);
    const items = archive.getCase(target).items;
    assert.deepEqual(items.map((i) => i.originalName).sort(), ['IMG_0001.jpg', 'statement.txt']);
    const caseEvents = archive.caseCustody(target).filter((e) => e.action === 'received' && e.subject.kind === 'case');
    assert.equal(caseEvents[0]!.details.bag, 'ngo-2026-17');
    assert.equal(caseEvents[0]!.details.sourceOrganization, 'Another NGO');
  });

  test('an invalid bag is refused whole: nothing is imported', async () => {
    const bag = path.join(root, 'bad-import');
    await archive.exportBag({ caseId, out: bag });
    writeFileSync(path.join(bag, 'data', 'decision.txt'), 'changed');
    const target = archive.addCase({ title: 'Must stay empty' });
    await assert.rejects(archive.importBag(bag, { caseId: target }), /not valid, nothing was imported/);
    assert.equal(archive.getCase(target).items.length, 0);
  });
});

describe('import-bag of our own bag recreates the whole case', () => {
  let from: Archive;
  let to: Archive;
  let richCase: string;
  let bag: string;
  before(async () => {
    from = (await Archive.create(path.join(root, 'rich-sender'), PASSPHRASE)).archive;
    to = (await Archive.create(path.join(root, 'rich-recipient'), PASSPHRASE)).archive;
    const files = path.join(root, 'rich-files');
    mkdirSync(files);
    richCase = await buildRichCase(from, files);
    bag = path.join(root, 'rich-bag');
    await from.exportBag({ caseId: richCase, out: bag });
  });
  after(() => {
    from?.lock();
    to?.lock();
  });

  test('persons with roles, charges, statuses, timeline, sources and powers of attorney arrive with ids mapped', async () => {
    const catalog = JSON.parse(readFileSync(path.join(bag, 'custodia', 'catalog.json'), 'utf8'));
    assert.deepEqual(catalog.persons.map((p: { name: string }) => p.name).sort(), ['Nurlan K.', 'Айгуль Н.']);
    assert.equal(
      catalog.persons.some((p: { cases?: unknown }) => 'cases' in p),
      false,
      'a person’s other cases stay home',
    );
    const result = await to.importBag(bag, { expectedKey: from.publicKey });
    assert.equal(result.caseCreated, true);
    assert.equal(result.alreadyImported, false);
    assert.deepEqual(result.records?.dropped, []);
    assert.deepEqual(comparableCase(to, to.getCase(result.caseId)), comparableCase(from, from.getCase(richCase)));
    const caseEvent = to.caseCustody(result.caseId).find((e) => e.subject.kind === 'case' && e.action === 'received')!;
    assert.equal(caseEvent.details.senderCaseId, richCase);
    assert.deepEqual(caseEvent.details.records, result.records!.counts);
    assert.equal((await to.verify()).ok, true);
  });

  test('importing the same bag again changes nothing', async () => {
    const cases = to.listCases();
    const detail = to.getCase(cases[0]!.id);
    const events = to.custodyEvents().length;
    const again = await to.importBag(bag);
    assert.equal(again.alreadyImported, true);
    assert.equal(again.caseCreated, false);
    assert.equal(again.caseId, cases[0]!.id);
    assert.deepEqual(to.listCases(), cases);
    assert.deepEqual(to.getCase(cases[0]!.id), detail);
    assert.equal(to.custodyEvents().length, events);
    assert.equal(to.searchAll({ query: 'Nurlan', kinds: ['person'] }).length, 1);
  });

  test('a catalog with an invalid birth date (tag manifests recomputed) is refused naming the field; nothing is imported', async () => {
    const dir = path.join(root, 'rich-bag-hostile');
    execFileSync('cp', ['-r', bag, dir]);
    const catalogFile = path.join(dir, 'custodia', 'catalog.json');
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));
    catalog.persons.find((p: { name: string }) => p.name === 'Nurlan K.').birthDate = '02.11.1979';
    const text = `${JSON.stringify(catalog, null, 2)}\n`;
    writeFileSync(catalogFile, text);
    for (const algorithm of ['sha256', 'sha512']) {
      const manifest = path.join(dir, `tagmanifest-${algorithm}.txt`);
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^[0-9a-f]+(?= {2}custodia\/catalog\.json$)/m, sha(algorithm, text)));
    }
    const other = (await Archive.create(path.join(root, 'rich-hostile'), PASSPHRASE)).archive;
    try {
      await assert.rejects(
        other.importBag(dir),
        /nothing was imported: persons\[\d\]\.birthDate: must be a date: YYYY, YYYY-MM or YYYY-MM-DD/,
      );
      assert.equal(other.listCases().length, 0);
      assert.equal(other.custodyEvents().length, 1, 'not even an event');
    } finally {
      other.lock();
    }
  });
});
