import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Archive } from '../../../electron/archive/index.ts';
import { writeRandomFile } from '../../helpers/files.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let vault: string;
let archive: Archive;
let caseA: string;
let caseB: string;
let person: string;
let itemId: string;

before(async () => {
  seeded = await openSeededSession({
    case: { title: 'Дело А', status: 'sentenced', region: 'Mangystau', charges: [{ article: '272' }] },
    person: { input: { name: 'Омаров Нұрлан' }, role: 'witness' },
    item: {
      name: 'video-note.txt',
      content: 'Видеозапись заседания суда',
      metadata: { type: 'video-of-hearing', title: 'Запись заседания', documentDate: '2022-05-10' },
    },
  });
  ({ dir, vault, archive, caseId: caseA, personId: person, itemId } = seeded);
  caseB = archive.addCase({ title: 'Дело Б', status: 'released', region: 'Almaty', charges: [{ article: '405' }] });
});
after(() => seeded?.close());

test('an item links to another case and to a person, and unlinks; each change is logged', () => {
  archive.linkItem({ itemId, caseId: caseB });
  archive.linkItem({ itemId, personId: person });
  assert.ok(
    archive.getCase(caseB).items.some((i) => i.id === itemId),
    'visible in the linked case',
  );
  assert.deepEqual(archive.getItem(itemId).personIds, [person]);
  archive.unlinkItem({ itemId, caseId: caseB });
  assert.ok(!archive.getCase(caseB).items.some((i) => i.id === itemId));
  assert.throws(() => archive.unlinkItem({ itemId, caseId: caseB }), /not linked/);
  assert.throws(() => archive.linkItem({ itemId }), /give either a case or a person/);
  assert.deepEqual(
    archive
      .custodyEvents(itemId)
      .map((e) => e.action)
      .slice(-3),
    ['linked', 'linked', 'unlinked'],
  );
});

test('search filters: status, charge article, region, role, item type and date range', () => {
  const ids = (filters: Record<string, string>) => archive.searchAll({ query: 'Дело', filters }).map((h) => h.id);
  assert.deepEqual(ids({ status: 'sentenced' }), [caseA]);
  assert.deepEqual(ids({ article: '405' }), [caseB]);
  assert.deepEqual(ids({ region: 'almaty' }), [caseB]);
  assert.deepEqual(ids({ role: 'witness' }), [caseA]);
  const items = (filters: Record<string, string>) => archive.searchAll({ query: 'Запись', filters }).map((h) => h.id);
  assert.deepEqual(items({ itemType: 'video-of-hearing' }), [itemId]);
  assert.deepEqual(items({ itemType: 'photo' }), []);
  assert.deepEqual(items({ dateFrom: '2022-05', dateTo: '2022-05' }), [itemId]);
  assert.deepEqual(items({ dateFrom: '2022-06' }), []);
  assert.deepEqual(items({ status: 'sentenced' }), [itemId], 'an item is filtered by its case');
  assert.deepEqual(items({ status: 'sentenced' }), [itemId], 'an item is filtered by its case');
  assert.deepEqual(archive.searchAll({ query: 'Омаров', filters: { role: 'lawyer' } }), []);
  assert.throws(() => archive.searchAll({ query: 'x', filters: { article: "272' OR 1=1" } }), /article: must be an article number/);
});

test('withdrawal hides an item from working views and keeps everything', async () => {
  archive.withdrawItem({ itemId, reason: 'duplicate scan of a better copy' });
  assert.ok(!archive.getCase(caseA).items.some((i) => i.id === itemId));
  const all = archive.getCase(caseA, { includeWithdrawn: true }).items.find((i) => i.id === itemId);
  assert.equal(all?.withdrawnReason, 'duplicate scan of a better copy');
  assert.equal((await archive.verifyItem(itemId)).ok, true, 'the file is still there and intact');
  assert.equal(archive.custodyEvents(itemId).find((e) => e.action === 'withdrawn')?.details.reason, 'duplicate scan of a better copy');
  assert.throws(() => archive.withdrawItem({ itemId, reason: 'again' }), /already withdrawn/);
  assert.throws(() => archive.withdrawItem({ itemId, reason: '' }), /reason: must say why/);
});

test('a cancelled import leaves nothing: no item, no blob, no temp file, no event', async () => {
  const big = path.join(dir, 'big.bin');
  await writeRandomFile(big, 64 * 1024 * 1024);
  const before = {
    items: archive.getCase(caseA, { includeWithdrawn: true }).items.length,
    events: archive.custodyEvents().length,
    blobs: readdirSync(path.join(vault, 'blobs')).length,
  };
  const controller = new AbortController();
  const pending = archive.importFile(caseA, big, {
    signal: controller.signal,
    onProgress: (done) => done > 8 * 1024 * 1024 && controller.abort(),
  });
  await assert.rejects(pending, /import cancelled/);
  assert.deepEqual(readdirSync(path.join(vault, 'tmp')), []);
  assert.equal(archive.getCase(caseA, { includeWithdrawn: true }).items.length, before.items);
  assert.equal(archive.custodyEvents().length, before.events);
  assert.equal(readdirSync(path.join(vault, 'blobs')).length, before.blobs);
});
