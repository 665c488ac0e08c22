// The vault's whole custody log a page at a time (channel `log.page`, the Integrity screen): newest
// first, contiguous pages without overlap, a range read on the key, bounds refused, and reading is
// not itself a custody event.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, ArchiveHost } from '../../../electron/archive/index.ts';
import type { LogPage } from '../../../shared/custody-log.ts';
import type { Result } from '../../../shared/result.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { sessionOf } from '../../helpers/vault-internals.ts';

const root = tempDir('custodia-log-page-');
const vault = path.join(root, 'vault');
let archive: Archive;
const caseIds: string[] = [];

before(async () => {
  ({ archive } = await Archive.create(vault, PASSPHRASE));
  // A few hundred events: each case is created, then renamed (two events a case).
  for (let n = 1; n <= 150; n++) {
    const id = archive.addCase({ title: `Дело №${n}` });
    archive.editCase({ caseId: id, title: `Жақсыбеков Бауыржан, ст. 272 УК РК (${n})` });
    caseIds.push(id);
  }
});

after(() => {
  archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

test('pages of the whole log are newest first, contiguous and without overlap, down to the first event', () => {
  const all = archive.custodyEvents();
  assert.ok(all.length >= 300, `a few hundred events (${all.length})`);
  const seen: number[] = [];
  let cursor: number | undefined;
  let pages = 0;
  for (;;) {
    const page = archive.custodyLogPage({ ...(cursor === undefined ? {} : { before: cursor }), limit: 50 }) as LogPage;
    pages++;
    assert.equal(page.total, all.length);
    const seqs = page.events.map((event) => event.seq);
    assert.ok(seqs.length > 0 && seqs.length <= 50);
    // Newest first, and each page begins right below where the previous one ended.
    assert.deepEqual(
      seqs,
      seqs.toSorted((a, b) => b - a),
    );
    if (cursor !== undefined) assert.equal(seqs[0], cursor - 1);
    seen.push(...seqs);
    cursor = seqs.at(-1)!;
    assert.equal(page.hasOlder, cursor > 1);
    if (!page.hasOlder) break;
  }
  assert.equal(pages, Math.ceil(all.length / 50));
  assert.deepEqual(seen, all.map((event) => event.seq).reverse(), 'every event once, newest first');
  // The first event is the vault's creation; past it there is nothing.
  const empty = archive.custodyLogPage({ before: 1, limit: 10 }) as LogPage;
  assert.deepEqual([empty.events.length, empty.hasOlder], [0, false]);
});

test('a page names the cases its events are about, by their titles now', () => {
  const page = archive.custodyLogPage({ limit: 4 }) as LogPage;
  const last = caseIds.at(-1)!;
  assert.deepEqual(
    page.events.map((event) => [event.action, event.subject.kind]),
    [
      ['metadata-changed', 'case'],
      ['case-created', 'case'],
      ['metadata-changed', 'case'],
      ['case-created', 'case'],
    ],
  );
  assert.equal(page.events[0]!.subject.id, last);
  assert.equal(page.names[last], 'Жақсыбеков Бауыржан, ст. 272 УК РК (150)');
  assert.deepEqual(Object.keys(page.names).toSorted(), caseIds.slice(-2).toSorted(), 'only what the page names');
  assert.equal(typeof page.events[0]!.hash, 'string');
  assert.equal('signature' in page.events[0]!, false, 'the view shape of the case custody tab');
});

test('a page is a range read on the sequence number, never a scan of the log', () => {
  const plan = sessionOf(archive)
    .db.prepare('EXPLAIN QUERY PLAN SELECT * FROM custody_events WHERE seq < ? ORDER BY seq DESC LIMIT ?')
    .all(100, 50) as Array<{ detail: string }>;
  assert.match(plan.map((row) => row.detail).join('\n'), /SEARCH custody_events USING INTEGER PRIMARY KEY \(rowid<\?\)/);
});

test('out-of-bounds pages are refused with a clear error, and reading the log records nothing', async () => {
  const headBefore = archive.custodyEvents().length;
  const refused = (query: unknown, field: RegExp) => {
    assert.throws(
      () => archive.custodyLogPage(query),
      (error: Error & { kind?: string }) => error.kind === 'validation' && field.test(error.message),
      JSON.stringify(query),
    );
  };
  refused({ limit: 0 }, /^limit: /);
  refused({ limit: 201 }, /^limit: .*200/);
  refused({ limit: 2.5 }, /^limit: /);
  refused({}, /^limit: /);
  refused({ limit: 10, before: 0 }, /^before: /);
  refused({ limit: 10, before: -5 }, /^before: /);
  refused({ limit: 10, before: '9' }, /^before: /);
  refused({ limit: 10, offset: 3 }, /offset/);
  assert.equal(archive.custodyEvents().length, headBefore, 'no custody event for reading the log');

  // The same through the host the window calls, locked and unlocked.
  archive.lock();
  const host = new ArchiveHost(vault);
  const call = (payload: unknown) => host.call('log.page', payload) as Promise<Result<LogPage>>;
  const locked = await call({ limit: 10 });
  assert.equal(!locked.ok && locked.error.kind, 'locked');
  assert.ok((await host.call('vault.unlock', { passphrase: PASSPHRASE })).ok);
  const tooMany = await call({ limit: 1000 });
  assert.ok(!tooMany.ok && tooMany.error.kind === 'validation' && /^limit: /.test(tooMany.error.message), JSON.stringify(tooMany));
  const page = await call({ limit: 200 });
  assert.ok(page.ok);
  assert.equal(page.value.events.length, 200);
  assert.equal(page.value.events[0]!.seq, headBefore);
  await host.call('vault.lock', {});
  archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  assert.equal(archive.custodyEvents().length, headBefore, 'no custody event for reading the log through the host');
});
