import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';

const dir = tempDir();
let archive: Archive;
before(async () => {
  ({ archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE));
});
after(() => {
  archive.lock();
  rmSync(dir, { recursive: true, force: true });
});

test('a case keeps its status history, charges, place, tags and narrative', () => {
  const id = archive.addCase({
    title: 'Дело Әділбекұлы',
    reference: '2022-01-272',
    status: 'pre-trial-detention',
    statusSince: '2022-01-08',
    region: 'Mangystau',
    city: 'Жаңаөзен',
    tags: ['January 2022', 'torture complaint'],
    narrative: 'Задержан 8 января 2022 года у себя дома.',
    charges: [
      { article: '272', part: '2', title: 'participation in mass disorder' },
      { code: 'Criminal Code', article: '405', title: 'participation in an extremist organisation' },
    ],
  });
  archive.setCaseStatus(id, { status: 'house-arrest', statusSince: '2022-03-01' });
  archive.setCaseStatus(id, { status: 'sentenced', statusSince: '2022-09' });
  const detail = archive.getCase(id);
  assert.equal(detail.status, 'sentenced');
  assert.deepEqual(
    detail.statusHistory.map((s) => [s.status, s.since]),
    [
      ['pre-trial-detention', '2022-01-08'],
      ['house-arrest', '2022-03-01'],
      ['sentenced', '2022-09'],
    ],
  );
  assert.deepEqual(
    detail.charges.map((c) => [c.code, c.article, c.part]),
    [
      ['Criminal Code', '272', '2'],
      ['Criminal Code', '405', null],
    ],
  );
  assert.equal(detail.city, 'Жаңаөзен');
  assert.deepEqual(detail.tags, ['January 2022', 'torture complaint']);
  const changes = archive.custodyEvents().filter((e) => e.action === 'metadata-changed' && e.subject.id === id);
  assert.deepEqual(
    changes.map((e) => [e.details.old, e.details.new]),
    [
      ['pre-trial-detention', 'house-arrest'],
      ['house-arrest', 'sentenced'],
    ],
  );
});

test('bad case input names the field', () => {
  assert.throws(() => archive.addCase({ title: 'x', status: 'jailed' }), /status: Invalid option/);
  assert.throws(() => archive.addCase({ title: 'x', statusSince: '08.01.2022' }), /statusSince: must be a date/);
  assert.throws(
    () => archive.addCase({ title: 'x', charges: [{ article: 'two hundred' }] }),
    /charges\[0\]\.article: must be an article number/,
  );
  const id = archive.listCases()[0]!.id;
  assert.throws(() => archive.setCaseStatus(id, { status: 'other' }), /statusOther: say which status/);
});

test('persons have aliases and roles in cases; linking is logged', () => {
  const caseId = archive.addCase({ title: 'Case with people' });
  const personId = archive.addPerson(
    { name: 'Әділбекұлы Серік', aliases: ['Адилбекулы Серик', 'Adilbekuly Serik'], birthDate: '1985' },
    { caseId, role: 'defendant' },
  );
  const lawyer = archive.addPerson({ name: 'Иванова Мария' });
  archive.linkPerson({ caseId, personId: lawyer, role: 'lawyer' });
  const person = archive.getPerson(personId);
  assert.deepEqual(person.aliases, ['Адилбекулы Серик', 'Adilbekuly Serik']);
  assert.deepEqual(
    person.cases.map((c) => c.role),
    ['defendant'],
  );
  assert.deepEqual(
    archive
      .getCase(caseId)
      .persons.map((p) => [p.name, p.role])
      .sort(),
    [
      ['Иванова Мария', 'lawyer'],
      ['Әділбекұлы Серік', 'defendant'],
    ],
  );
  assert.ok(archive.custodyEvents().some((e) => e.action === 'linked' && e.subject.id === lawyer && e.details.role === 'lawyer'));
  assert.throws(() => archive.linkPerson({ caseId, personId: lawyer, role: 'judge' }), /role: Invalid option/);
});

test('import records type, document metadata and the acquisition, and logs acquired then imported', async () => {
  const caseId = archive.addCase({ title: 'Provenance' });
  const file = path.join(dir, 'ответ прокуратуры.txt');
  writeFileSync(file, 'Ответ прокуратуры Мангистауской области от 3 февраля 2022 г.');
  const { id } = await archive.importFile(caseId, file, {
    metadata: {
      type: 'authority-response',
      title: 'Answer of the regional prosecutor',
      documentDate: '2022-02-03',
      issuingBody: 'Prosecutor of Mangystau region',
      language: 'ru',
    },
    acquisition: { obtainedFrom: 'the lawyer of the defendant', method: 'handed over on paper and scanned', obtainedAt: '2022-02-10' },
  });
  const item = archive.getItem(id);
  assert.equal(item.type, 'authority-response');
  assert.equal(item.documentDate, '2022-02-03');
  assert.deepEqual(item.acquisition, {
    obtainedFrom: 'the lawyer of the defendant',
    method: 'handed over on paper and scanned',
    obtainedAt: '2022-02-10',
    obtainedBy: null,
  });
  assert.ok(item.sourceModifiedAt);
  assert.deepEqual(
    archive.custodyEvents(id).map((e) => e.action),
    ['acquired', 'imported'],
  );
  await assert.rejects(
    archive.importFile(caseId, file, { acquisition: { obtainedFrom: '', method: 'x' } }),
    /acquisition|obtainedFrom: must say from whom/,
  );
  await assert.rejects(archive.importFile(caseId, file, { metadata: { type: 'rumour' } }), /type: Invalid option/);
});

test('folders import recursively; identical content is stored once; failures are reported and the rest goes on', async () => {
  const caseId = archive.addCase({ title: 'Folder import' });
  const folder = path.join(dir, 'hearing-2022-05');
  mkdirSync(path.join(folder, 'photos'), { recursive: true });
  writeFileSync(path.join(folder, 'a.txt'), 'protocol of the hearing');
  writeFileSync(path.join(folder, 'photos', 'b.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  writeFileSync(path.join(folder, 'photos', 'copy-of-a.txt'), 'protocol of the hearing');
  symlinkSync('/etc/passwd', path.join(folder, 'link-to-elsewhere'));
  const progress: number[] = [];
  const entries = await archive.importPaths(caseId, [folder], { onProgress: (p) => progress.push(p.doneBytes) });
  assert.deepEqual(
    entries.map((e) => [path.relative(folder, e.file), e.status]),
    [
      ['a.txt', 'imported'],
      ['link-to-elsewhere', 'failed'],
      ['photos/b.jpg', 'imported'],
      ['photos/copy-of-a.txt', 'duplicate'],
    ],
  );
  const link = entries.find((e) => e.file.endsWith('link-to-elsewhere'));
  assert.match(link?.status === 'failed' ? link.reason : '', /symbolic link \(not followed/);
  const items = archive.getCase(caseId).items;
  assert.equal(items.length, 2, 'the same content twice in one case is one item');
  assert.equal(items.find((i) => i.originalName === 'b.jpg')?.mimeType, 'image/jpeg');
  assert.ok(progress.length >= 3);
  // The same content in another case: a new item, but the blob is stored once.
  const other = archive.addCase({ title: 'Another case' });
  const [again] = await archive.importPaths(other, [path.join(folder, 'a.txt')]);
  assert.equal(again?.status, 'imported');
  const first = items.find((i) => i.originalName === 'a.txt')!;
  assert.equal(archive.getItem(again!.status === 'imported' ? again.result.id : '').blob.blobId, archive.getItem(first.id).blob.blobId);
  assert.equal(archive.custodyEvents(again!.status === 'imported' ? again.result.id : '')[0]?.details.duplicateOf, first.id);
  await assert.rejects(archive.importPaths(caseId, [path.join(dir, 'no-such-folder')]), /no such file or folder/);
});

test('the case list carries what its filters need: status, region, city and the charged articles', () => {
  const id = archive.addCase({
    title: 'List facets',
    region: 'Almaty',
    city: 'Алматы',
    status: 'released',
    charges: [{ article: '272' }, { article: '272', part: '3' }, { article: '405' }],
  });
  const summary = archive.listCases().find((c) => c.id === id)!;
  assert.deepEqual(
    [summary.status, summary.region, summary.city, [...summary.articles].sort()],
    ['released', 'Almaty', 'Алматы', ['272', '405']],
  );
});
