import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Archive } from '../../../electron/archive/index.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

// The seeded case of Serik Adilbekuly (SEED in tests/helpers/seeded-session.ts): its title, city,
// narrative and charge, its defendant and the verdict's title and court are what the searches find.
let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;
let personId: string;
let itemId: string;

before(async () => {
  seeded = await openSeededSession();
  ({ dir, archive, caseId, personId, itemId } = seeded);
  archive.addCase({ title: 'Дело Ахмедова', city: 'Алматы' });
  archive.addPerson({ name: 'Ахмедов Тимур' });
});
after(() => seeded?.close());

const ids = (query: string, kinds?: Array<'case' | 'person' | 'item'>) =>
  archive.searchAll({ query, ...(kinds ? { kinds } : {}) }).map((hit) => hit.id);

test('one person, four spellings: Адилбекулы, Әділбекұлы, ӘДІЛБЕКҰЛЫ, Adilbekuly', () => {
  for (const spelling of ['Адилбекулы', 'Әділбекұлы', 'ӘДІЛБЕКҰЛЫ', 'Adilbekuly']) {
    assert.deepEqual(ids(spelling, ['person']), [personId], spelling);
    assert.ok(ids(spelling, ['case']).includes(caseId), `${spelling} finds the case through its title and people`);
  }
});

test('Kazakh and Russian letters meet (камауда / қамауда), ё is е, Latin finds Cyrillic places', () => {
  assert.deepEqual(ids('камауда'), [caseId]);
  assert.deepEqual(ids('елка'), [caseId]);
  assert.ok(ids('Zhanaozen').includes(caseId));
  assert.ok(ids('Zhanaozen').includes(itemId), 'item title and issuing body are searched');
});

test('charge articles and prefixes are found; unrelated names are not', () => {
  assert.deepEqual(ids('272'), [caseId]);
  assert.deepEqual(ids('Ахмедов', ['person']).length, 1);
  assert.ok(!ids('Ахмедов').includes(personId));
});

test('hits carry a title and a snippet with the matching word marked, whatever script was typed', () => {
  const [hit] = archive.searchAll({ query: 'kamauda' });
  assert.equal(hit?.kind, 'case');
  assert.equal(hit?.title, 'Дело Серика Әділбекұлы');
  assert.match(hit!.snippet, /\[\[қамауда\]\]/);
});

test('hostile queries are harmless', () => {
  for (const query of ['"', 'a" OR "b', 'NEAR(a b)', 'folded: x', '-суд', '(', '*', "'; DROP TABLE cases; --", '']) {
    assert.doesNotThrow(() => archive.searchAll({ query }), query);
  }
  assert.equal(archive.listCases().length, 2);
});

test('text inside imported PDFs, DOCX and windows-1251 files is searchable; failures are recorded on the item', async () => {
  const { makePdf, makeZip, docxFiles, encodeWindows1251 } = await import('../../helpers/documents.ts');
  const files: Array<[string, Uint8Array]> = [
    ['indictment.pdf', makePdf([['Indictment under article 272', 'Defendant Zhumabayev Ruslan'], ['Page two']])],
    [
      'complaint.docx',
      makeZip(
        docxFiles(
          '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Жалоба на пытки в изоляторе Тараза</w:t></w:r></w:p></w:body></w:document>',
        ),
      ),
    ],
    ['answer-1251.txt', encodeWindows1251('Ответ прокуратуры: проверка по заявлению о пытках прекращена')],
    ['broken.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog')],
  ];
  const ids: Record<string, string> = {};
  for (const [name, bytes] of files) {
    writeFileSync(path.join(dir, name), bytes);
    ids[name] = (await archive.importFile(caseId, path.join(dir, name))).id;
  }
  assert.deepEqual(ids_('Zhumabayev'), [ids['indictment.pdf']]);
  assert.deepEqual(ids_('Жумабаев'), [ids['indictment.pdf']], 'and across scripts');
  assert.deepEqual(ids_('изоляторе Тараза'), [ids['complaint.docx']]);
  assert.deepEqual(ids_('прекращена'), [ids['answer-1251.txt']]);
  assert.equal(archive.getItem(ids['answer-1251.txt']!).mimeType, 'text/plain');
  assert.equal(archive.getItem(ids['indictment.pdf']!).extractionError, null);
  assert.match(archive.getItem(ids['broken.pdf']!).extractionError ?? '', /./, 'the reason is kept on the item');
});

const ids_ = (query: string) => archive.searchAll({ query, kinds: ['item'] }).map((hit) => hit.id);

test('every hit names its cases: a person their cases, an item its case and the cases it is linked to', () => {
  const other = archive.searchAll({ query: 'Ахмедова', kinds: ['case'] })[0]!.id;
  archive.linkItem({ itemId, caseId: other });
  const byKind = (kind: string) => archive.searchAll({ query: 'Әділбекұлы Жанаозен', kinds: [kind as 'case'] });
  assert.deepEqual(archive.searchAll({ query: 'Серік', kinds: ['person'] })[0]?.caseIds, [caseId]);
  assert.deepEqual(archive.searchAll({ query: 'Ахмедов Тимур', kinds: ['person'] })[0]?.caseIds, []);
  assert.deepEqual(archive.searchAll({ query: 'Приговор', kinds: ['item'] })[0]?.caseIds.sort(), [caseId, other].sort());
  assert.deepEqual(byKind('case')[0]?.caseIds ?? [caseId], [caseId]);
  archive.unlinkItem({ itemId, caseId: other });
});

test('no words but filters: everything that passes the filters; no words and no filters: nothing', () => {
  assert.deepEqual(archive.searchAll({ query: '' }), []);
  assert.deepEqual(
    archive.searchAll({ query: '', kinds: ['case'], filters: { article: '272' } }).map((hit) => hit.id),
    [caseId],
  );
  const inCity = archive.searchAll({ query: '', filters: { region: 'Жаңаөзен' } });
  assert.deepEqual([...new Set(inCity.map((hit) => hit.kind))].sort(), ['case', 'item', 'person']);
  assert.ok(inCity.every((hit) => hit.caseIds.includes(caseId)));
  for (const hit of inCity) assert.doesNotMatch(hit.snippet, /\[\[/, 'nothing is marked when nothing was typed');
  assert.deepEqual(archive.searchAll({ query: '   ', filters: { status: 'acquitted' } }), []);
});
