import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir();
let archive: Archive;
let caseId: string;
let personId: string;
let itemId: string;

before(async () => {
  ({ archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE));
  caseId = archive.addCase({
    title: 'Дело Серика Әділбекұлы',
    city: 'Жаңаөзен',
    narrative: 'Находился в қамауда с января 2022 года; ёлка у дома.',
    charges: [{ article: '272', title: 'участие в массовых беспорядках' }],
  });
  personId = archive.addPerson({ name: 'Әділбекұлы Серік' }, { caseId, role: 'defendant' });
  archive.addCase({ title: 'Дело Ахмедова', city: 'Алматы' });
  archive.addPerson({ name: 'Ахмедов Тимур' });
  const file = path.join(dir, 'decision.txt');
  writeFileSync(file, 'x');
  itemId = (
    await archive.importFile(caseId, file, {
      metadata: { type: 'court-decision', title: 'Приговор суда Жанаозена', issuingBody: 'Жанаозенский городской суд' },
    })
  ).id;
});
after(() => {
  archive.lock();
  rmSync(dir, { recursive: true, force: true });
});

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
