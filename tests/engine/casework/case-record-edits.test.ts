import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Archive } from '../../../electron/archive/index.ts';
import { makePdf } from '../../helpers/documents.ts';
import { makeVideo } from '../../helpers/media.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

// The edits the app's case forms make, on a real vault (SQLite, libsodium): each one a custody event.
let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;
let decisionId: string;
const decisionPdf = makePdf([['Verdict of the court'], ['Page two: sentenced under article 272 part 2']]);

before(async () => {
  seeded = await openSeededSession({
    case: { title: 'Дело Әділбекұлы', charges: [{ article: '272', part: '2' }], status: 'pre-trial-detention' },
    person: false,
    item: { name: 'decision.pdf', content: decisionPdf, metadata: { type: 'court-decision' } },
  });
  ({ dir, archive, caseId, itemId: decisionId } = seeded);
});
after(() => seeded?.close());

const changesOf = (subjectId: string) =>
  archive
    .custodyEvents()
    .filter((e) => e.subject.id === subjectId && e.action === 'metadata-changed')
    .map((e) => e.details);

test('a case edit changes only what was given, records each field before and after, and re-indexes', () => {
  const changed = archive.editCase({
    caseId,
    title: 'Әділбекұлы С. v. Kazakhstan',
    reference: '2-145/2022',
    region: 'Мангистауская область',
    city: 'Жанаозен',
    tags: ['January 2022', 'January 2022'],
    charges: [{ article: '272', part: '2', title: 'Participation in mass riots' }],
    confidentiality: 'restricted',
  });
  assert.deepEqual(changed, ['title', 'reference', 'region', 'city', 'tags', 'confidentiality', 'charges']);
  const detail = archive.getCase(caseId);
  assert.equal(detail.city, 'Жанаозен');
  assert.deepEqual(detail.tags, ['January 2022']);
  assert.deepEqual(detail.charges, [{ code: 'Criminal Code', article: '272', part: '2', title: 'Participation in mass riots' }]);
  const titleChange = changesOf(caseId).find((d) => d.field === 'title');
  assert.deepEqual(titleChange, { field: 'title', old: 'Дело Әділбекұлы', new: 'Әділбекұлы С. v. Kazakhstan' });
  assert.ok(archive.searchAll({ query: 'Zhanaozen', kinds: ['case'] }).some((hit) => hit.id === caseId));
  // Nothing new: no event. An empty text clears the field.
  assert.deepEqual(archive.editCase({ caseId, city: 'Жанаозен' }), []);
  assert.deepEqual(archive.editCase({ caseId, reference: '' }), ['reference']);
  assert.equal(archive.getCase(caseId).reference, null);
  assert.throws(() => archive.editCase({ caseId, title: '  ' }), /title: must not be empty/);
  assert.throws(() => archive.editCase({ caseId, charges: [{ article: 'two' }] }), /charges\[0\]\.article: must be an article number/);
});

test('a person is added with aliases and a role, found by any spelling, edited, and merged with a duplicate', () => {
  const serik = archive.addPersonRecord({
    person: { name: 'Әділбекұлы Серік', aliases: ['Adilbekuly Serik'], birthDate: '1985', confidentiality: 'restricted' },
    link: { caseId, role: 'defendant' },
  });
  assert.deepEqual(archive.getCase(caseId).persons, [{ personId: serik, name: 'Әділбекұлы Серік', role: 'defendant' }]);
  for (const spelling of ['Adilbekuly', 'Адилбекулы', 'ӘДІЛБЕКҰЛЫ'])
    assert.deepEqual(
      archive.findPersons({ query: spelling }).map((p) => p.id),
      [serik],
      spelling,
    );
  assert.throws(() => archive.addPersonRecord({ person: { name: 'X', birthDate: '1985-13' } }), /birthDate: must be a date/);

  assert.deepEqual(archive.editPerson({ personId: serik, aliases: ['Adilbekuly Serik', 'Адильбекулы Серик'], birthDate: '1985-03-02' }), [
    'aliases',
    'birthDate',
  ]);
  assert.deepEqual(
    changesOf(serik).find((d) => d.field === 'birthDate'),
    { field: 'birthDate', old: '1985', new: '1985-03-02' },
  );

  // A second record made for the same man in another case, under the Russian spelling.
  const otherCase = archive.addCase({ title: 'Appeal' });
  const duplicate = archive.addPersonRecord({ person: { name: 'Адильбекулы Серик Б.' }, link: { caseId: otherCase, role: 'defendant' } });
  archive.addTimelineEvent({ caseId: otherCase, date: '2023', kind: 'hearing', description: 'Appeal', personIds: [duplicate] });
  const kept = archive.mergePersons({ keepId: serik, mergeId: duplicate });
  assert.deepEqual(
    kept.cases.map((c) => [c.title, c.role]),
    [
      ['Әділбекұлы С. v. Kazakhstan', 'defendant'],
      ['Appeal', 'defendant'],
    ],
  );
  assert.ok(kept.aliases.includes('Адильбекулы Серик Б.'));
  assert.deepEqual(kept.mergedFrom, [{ id: duplicate, name: 'Адильбекулы Серик Б.' }]);
  assert.deepEqual(archive.getCase(otherCase).timeline[0]!.personIds, [serik]);
  // The merged record stays, with its own history and a pointer; both sides have a custody event.
  const mergedRecord = archive.getPerson(duplicate);
  assert.equal(mergedRecord.mergedInto, serik);
  assert.equal(changesOf(duplicate).at(-1)!.field, 'merged-into');
  assert.equal(changesOf(serik).at(-1)!.from, duplicate);
  assert.ok(archive.custodyEvents().some((e) => e.subject.id === duplicate && e.action === 'linked'));
  assert.deepEqual(
    archive.findPersons({ query: 'Адильбекулы' }).map((p) => p.id),
    [serik],
  );
  assert.throws(() => archive.mergePersons({ keepId: serik, mergeId: duplicate }), /was merged into/);
  assert.throws(() => archive.mergePersons({ keepId: serik, mergeId: serik }), /mergeId: choose two different persons/);
});

test('timeline events carry a place and cite evidence down to the page; an edit records before and after', () => {
  const id = archive.addTimelineEvent({
    caseId,
    date: '2022-03',
    approximate: true,
    kind: 'hearing',
    description: 'First hearing',
    place: 'Жанаозен городской суд',
    citations: [{ itemId: decisionId, page: 2 }],
  });
  let event = archive.getCase(caseId).timeline.find((e) => e.id === id)!;
  assert.deepEqual(event.citations, [{ itemId: decisionId, page: 2 }]);
  assert.deepEqual(event.itemIds, [decisionId]);
  assert.equal(event.place, 'Жанаозен городской суд');
  assert.deepEqual(
    archive.editTimelineEvent({ eventId: id, date: '2022-03-15', approximate: false, citations: [{ itemId: decisionId, page: 1 }] }),
    ['date', 'approximate', 'citations'],
  );
  event = archive.getCase(caseId).timeline.find((e) => e.id === id)!;
  assert.deepEqual([event.date, event.approximate, event.citations], ['2022-03-15', false, [{ itemId: decisionId, page: 1 }]]);
  const citationChange = changesOf(caseId).find((d) => d.field === 'citations')!;
  assert.equal(citationChange.timelineEvent, id);
  assert.deepEqual(citationChange.old, [{ itemId: decisionId, page: 2 }]);
  assert.throws(
    () => archive.editTimelineEvent({ eventId: id, citations: [{ itemId: decisionId, page: 0 }] }),
    /page: must be a page number/,
  );
  assert.throws(() => archive.editTimelineEvent({ eventId: caseId, description: 'x' }), /no timeline event/);
});

test('sources keep a note; an item edit records before and after and search still finds the file text', () => {
  const sourceId = archive.addSource({
    caseId,
    url: 'https://example.org/news/1',
    title: 'Report',
    publisher: 'Example',
    accessedAt: '2024-05-01',
    note: 'Quotes the verdict',
  });
  assert.equal(archive.getCase(caseId).sources.find((s) => s.id === sourceId)!.note, 'Quotes the verdict');

  assert.deepEqual(archive.editItem({ itemId: decisionId, title: 'Приговор Жанаозенского суда', documentDate: '2022-09-14' }), [
    'title',
    'documentDate',
  ]);
  assert.deepEqual(
    changesOf(decisionId).map((d) => [d.field, d.old, d.new]),
    [
      ['title', null, 'Приговор Жанаозенского суда'],
      ['documentDate', null, '2022-09-14'],
    ],
  );
  assert.equal(archive.getItem(decisionId).title, 'Приговор Жанаозенского суда');
  // The PDF's own text (page 2) is still searchable after the edit.
  assert.ok(archive.searchAll({ query: 'sentenced', kinds: ['item'] }).some((hit) => hit.id === decisionId));
  assert.ok(archive.searchAll({ query: 'Zhanaozenskogo', kinds: ['item'] }).some((hit) => hit.id === decisionId));
  assert.throws(() => archive.editItem({ itemId: decisionId, type: 'novel' }), /type: Invalid option/);
});

test('the type is suggested from the content: an MP4 is a video of a hearing, a decision by its name', async () => {
  // Named so that only the content can tell.
  makeVideo(path.join(dir, 'clip.mp4'), 1);
  renameSync(path.join(dir, 'clip.mp4'), path.join(dir, 'clip.dat'));
  const video = await archive.importFile(caseId, path.join(dir, 'clip.dat'));
  assert.equal(archive.getItem(video.id).type, 'video-of-hearing');
  writeFileSync(path.join(dir, 'Решение суда.pdf'), makePdf([['Решение']]));
  const decision = await archive.importFile(caseId, path.join(dir, 'Решение суда.pdf'));
  assert.equal(archive.getItem(decision.id).type, 'court-decision');
  // A type the user chose wins.
  writeFileSync(path.join(dir, 'b.pdf'), makePdf([['b']]));
  const chosen = await archive.importFile(caseId, path.join(dir, 'b.pdf'), { metadata: { type: 'publication' } });
  assert.equal(archive.getItem(chosen.id).type, 'publication');
});

test('a copy of the original is written outside the vault, byte for byte, and recorded', async () => {
  const out = path.join(dir, 'copies');
  const first = await archive.saveItemCopy(decisionId, out);
  const second = await archive.saveItemCopy(decisionId, out);
  assert.deepEqual(readdirSync(out).sort(), ['decision (2).pdf', 'decision.pdf']);
  assert.equal(createHash('sha256').update(readFileSync(first.file)).digest('hex'), archive.getItem(decisionId).sha256);
  assert.equal(second.sha256, first.sha256);
  const exported = archive.custodyEvents(decisionId).filter((e) => e.action === 'exported');
  assert.deepEqual(
    exported.map((e) => e.details.to),
    ['decision.pdf', 'decision (2).pdf'],
  );
  await assert.rejects(archive.saveItemCopy(decisionId, path.join(dir, 'vault', 'x')), /inside the vault folder/);
  await assert.rejects(archive.saveItemCopy(decisionId, 'relative'), /must be a full path/);
});
