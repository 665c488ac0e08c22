// The case list in stretches (issue 20): cases.page gives the first rows and the total at once, and
// the stretches together are exactly cases.list, in its order, with the same counts and facets;
// cases.summaries gives a few cases by id.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { requests } from '../../../shared/contract.ts';
import { CASE_SUMMARIES_MAX } from '../../../shared/limits.ts';

const CASES = 130;
const dir = tempDir();
let archive: Archive;

before(async () => {
  ({ archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE));
  for (let i = 0; i < CASES; i++) {
    archive.addCase({
      title: `Дело Қасымұлы №${i}`,
      region: i % 2 ? 'Маңғыстау' : 'Алматы',
      status: i % 3 ? 'sentenced' : 'released',
      charges: [{ article: String(270 + (i % 4)) }, { article: '272' }],
    });
  }
});
after(() => {
  archive.lock();
  rmSync(dir, { recursive: true, force: true });
});

test('the pages together are the whole list, in its order, each case once', () => {
  const all = archive.listCases();
  const pages = [];
  for (let offset = 0; offset < CASES + 50; offset += 50) pages.push(archive.pageCases({ offset, limit: 50 }));
  assert.deepEqual(
    pages.map((page) => page.total),
    pages.map(() => CASES),
  );
  assert.deepEqual(
    pages.map((page) => page.cases.length),
    [50, 50, CASES - 100, 0],
  );
  assert.deepEqual(
    pages.flatMap((page) => page.cases),
    all,
  );
  assert.deepEqual(archive.pageCases({ offset: 7, limit: 3 }).cases, all.slice(7, 10));
});

test('a page outside its bounds is refused in one line', () => {
  assert.throws(() => archive.pageCases({ offset: 0, limit: 0 }), /limit/);
  assert.throws(() => archive.pageCases({ offset: 0, limit: 1001 }), /limit/);
  assert.throws(() => archive.pageCases({ offset: -1, limit: 10 }), /offset/);
  assert.throws(() => archive.pageCases({ offset: 0, limit: 10, sort: 'title' }), /sort|unrecognized|key/i);
});

test('the revision stays while nothing changes and moves with every change to the catalog', () => {
  const first = archive.pageCases({ offset: 0, limit: 1 }).revision;
  assert.equal(typeof first, 'number');
  assert.equal(archive.pageCases({ offset: 100, limit: 10 }).revision, first, 'reading changes nothing');
  const id = archive.listCases()[0]!.id;
  archive.setCaseStatus(id, { status: 'released' });
  const afterStatus = archive.pageCases({ offset: 0, limit: 1 }).revision;
  assert.ok(afterStatus > first, 'a status change moves it');
  archive.addCase({ title: 'Дело Бауыржана Жақсыбекова' });
  assert.ok(archive.pageCases({ offset: 0, limit: 1 }).revision > afterStatus, 'a new case moves it');
});

test('an item’s cases by id: their summaries in the order asked, an unknown id left out, at most CASE_SUMMARIES_MAX ids', () => {
  const all = archive.listCases();
  const wanted = [all[5]!.id, all[0]!.id, all[5]!.id, randomUUID()];
  assert.deepEqual(archive.caseSummaries(wanted), [all[5], all[0]]);
  const schema = requests['cases.summaries'];
  assert.equal(schema.safeParse({ ids: [] }).success, false);
  assert.equal(schema.safeParse({ ids: Array.from({ length: CASE_SUMMARIES_MAX }, () => randomUUID()) }).success, true);
  assert.equal(schema.safeParse({ ids: Array.from({ length: CASE_SUMMARIES_MAX + 1 }, () => randomUUID()) }).success, false);
  assert.equal(schema.safeParse({ ids: ['1 OR 1=1'] }).success, false);
});
