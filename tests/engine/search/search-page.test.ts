// Honest counts and paging (issue 20): search.page says how many match in all and pages through them;
// a vault indexed by an older folding is folded again on unlock; snippets mark a match in any spelling.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { openCatalog } from '../../../electron/archive/catalog/database.ts';
import { nativePrimitives } from '../../../electron/archive/crypto/index.ts';
import { FOLD_VERSION } from '../../../electron/archive/search/refold.ts';
import { deriveVaultKeys } from '../../../electron/archive/vault/keys.ts';
import { unlockMasterKey } from '../../../electron/archive/vault/vault.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';

const PEOPLE = 250;
const dir = tempDir();
const vault = path.join(dir, 'vault');
let archive: Archive;

before(async () => {
  ({ archive } = await Archive.create(vault, PASSPHRASE));
  const caseId = archive.addCase({ title: 'Дело жителей Жаңаөзена', city: 'Жаңаөзен' });
  for (let i = 0; i < PEOPLE; i++) archive.addPerson({ name: `Бауыржан Мелдехан ${i}` }, { caseId, role: 'witness' });
  archive.addPerson({ name: 'Тоқаев Ерлан' });
});
after(() => {
  archive.lock();
  rmSync(dir, { recursive: true, force: true });
});

test('a page says how many match in all, and the pages together hold each of them once', () => {
  const first = archive.searchPage({ query: 'Baurzhan', kinds: ['person'], limit: 100 });
  assert.equal(first.total, PEOPLE);
  assert.equal(first.totalIsLowerBound, false);
  assert.equal(first.hits.length, 100);
  const second = archive.searchPage({ query: 'Baurzhan', kinds: ['person'], limit: 100, offset: 100 });
  const third = archive.searchPage({ query: 'Baurzhan', kinds: ['person'], limit: 100, offset: 200 });
  assert.equal(second.offset, 100);
  assert.equal(third.hits.length, PEOPLE - 200);
  const ids = [...first.hits, ...second.hits, ...third.hits].map((hit) => hit.id);
  assert.equal(new Set(ids).size, PEOPLE);
  // The same total whichever spelling is typed, and the old channel's first 100 are the first page.
  assert.equal(archive.searchPage({ query: 'Бауржан', kinds: ['person'] }).total, PEOPLE);
  assert.deepEqual(
    archive.searchAll({ query: 'Baurzhan', kinds: ['person'], limit: 100 }).map((hit) => hit.id),
    first.hits.map((hit) => hit.id),
  );
});

test('out-of-bounds pages are refused with a clear reason', () => {
  assert.throws(() => archive.searchPage({ query: 'x', offset: -1 }), /offset/);
  assert.throws(() => archive.searchPage({ query: 'x', limit: 501 }), /limit/);
});

test('a snippet marks the match in whatever spelling was typed, half-typed too', () => {
  const [hit] = archive.searchAll({ query: 'Tokay', kinds: ['person'] });
  assert.match(hit!.snippet, /\[\[Тоқаев\]\]/);
  const [person] = archive.searchAll({ query: 'Baýyrjan Meldekhan 7', kinds: ['person'], limit: 1 });
  assert.match(person!.snippet, /\[\[Бауыржан\]\] \[\[Мелдехан\]\]/);
});

test('a vault indexed by an older folding is folded again on unlock, and found by the new spellings', async () => {
  archive.lock();
  // Put the index back as the previous folding left it: Бауыржан as bauirjan, and no version recorded.
  const { masterKey } = await unlockMasterKey(vault, { passphrase: PASSPHRASE }, nativePrimitives);
  const db = openCatalog(path.join(vault, 'catalog.db'), deriveVaultKeys(nativePrimitives, masterKey).catalog);
  db.transaction(() => {
    db.prepare("INSERT INTO search_index (search_index) VALUES ('delete-all')").run();
    const docs = db.prepare('SELECT doc_rowid, title FROM search_docs').all() as Array<{ doc_rowid: number; title: string }>;
    for (const doc of docs) {
      db.prepare('INSERT INTO search_index (rowid, folded) VALUES (?, ?)').run(doc.doc_rowid, doc.title.replace('Бауыржан', 'bauirjan'));
    }
    db.prepare("DELETE FROM meta WHERE key = 'search_fold_version'").run();
  })();
  db.close();
  archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  assert.equal(archive.searchPage({ query: 'Baurzhan', kinds: ['person'] }).total, PEOPLE);
  assert.equal(FOLD_VERSION >= 2, true);
});
