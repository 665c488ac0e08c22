import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addDays } from '../../../electron/archive/catalog/case-records.ts';
import type { Archive } from '../../../electron/archive/index.ts';
import { collect } from '../../helpers/files.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;
let defendant: string;
let itemId: string;
const today = new Date().toISOString().slice(0, 10);

before(async () => {
  seeded = await openSeededSession({
    case: { title: 'Records' },
    person: { input: { name: 'Қасымұлы Ерлан' }, role: 'defendant' },
    item: { name: 'testimony.txt', content: 'Меня били в изоляторе. Фамилия следователя Петров.', metadata: { type: 'testimony' } },
  });
  ({ dir, archive, caseId, itemId } = seeded);
  defendant = seeded.personId;
});
after(() => seeded?.close());

test('timeline events are dated (exactly or roughly), ordered, and linked to items and persons', () => {
  archive.addTimelineEvent({ caseId, date: '2022-01-08', kind: 'detention', description: 'Detained at home', personIds: [defendant] });
  archive.addTimelineEvent({
    caseId,
    date: '2022-02',
    approximate: true,
    kind: 'torture-complaint',
    description: 'Complaint filed',
    itemIds: [itemId],
  });
  const timeline = archive.getCase(caseId).timeline;
  assert.deepEqual(
    timeline.map((e) => [e.date, e.kind, e.approximate]),
    [
      ['2022-01-08', 'detention', false],
      ['2022-02', 'torture-complaint', true],
    ],
  );
  assert.deepEqual(timeline[1]!.itemIds, [itemId]);
  assert.throws(() => archive.addTimelineEvent({ caseId, date: '8 Jan', kind: 'detention', description: 'x' }), /date: must be a date/);
  assert.throws(
    () =>
      archive.addTimelineEvent({
        caseId,
        date: '2022',
        kind: 'detention',
        description: 'x',
        itemIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    /no item/,
  );
});

test('powers of attorney: scope, validity, expiry warnings and revocation', () => {
  const soon = archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: defendant,
    representative: 'Иванова М.',
    scope: ['international-bodies', 'distribute-information'],
    issued: '2022-02-01',
    validUntil: addDays(today, 10),
  });
  const later = archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: defendant,
    representative: 'KIBHR',
    scope: ['file-petitions'],
    issued: '2022-02-01',
    validUntil: addDays(today, 200),
  });
  const expired = archive.addPowerOfAttorney({
    caseId,
    grantorPersonId: defendant,
    representative: 'Old lawyer',
    scope: ['represent-in-court'],
    issued: '2020-01-01',
    validUntil: '2021-01-01',
  });
  const expiring = archive.powersOfAttorney({ expiringWithinDays: 30 });
  assert.deepEqual(
    expiring.map((p) => [p.id, p.state]).sort(),
    [
      [expired, 'expired'],
      [soon, 'expiring'],
    ].sort(),
  );
  assert.equal(archive.getCase(caseId).powersOfAttorney.find((p) => p.id === later)?.state, 'valid');
  archive.revokePowerOfAttorney(soon, today);
  assert.equal(archive.powersOfAttorney().find((p) => p.id === soon)?.state, 'revoked');
  assert.throws(() => archive.revokePowerOfAttorney(soon, today), /no unrevoked power of attorney/);
  assert.throws(
    () => archive.addPowerOfAttorney({ caseId, grantorPersonId: defendant, representative: 'x', scope: [], issued: '2022-01-01' }),
    /scope: must say what/,
  );
  assert.throws(
    () =>
      archive.addPowerOfAttorney({
        caseId,
        grantorPersonId: defendant,
        representative: 'x',
        scope: ['other'],
        issued: '2022-01-01',
        validUntil: '2021-01-01',
      }),
    /validUntil: must not be before/,
  );
});

test('external sources keep URL, title, publisher and access date; only http(s) addresses', () => {
  archive.addSource({
    caseId,
    url: 'https://example.org/news/123',
    title: 'Report on the trial',
    publisher: 'Example News',
    accessedAt: '2022-03-01',
    archivedItemId: itemId,
  });
  assert.deepEqual(
    archive.getCase(caseId).sources.map((s) => [s.url, s.archivedItemId]),
    [['https://example.org/news/123', itemId]],
  );
  assert.throws(
    () => archive.addSource({ caseId, url: 'javascript:alert(1)', title: 'x', accessedAt: '2022' }),
    /url: must be an http\(s\) address/,
  );
});

test('a redaction is its own item linked to the original, which stays bit-identical and logs the derivation', async () => {
  const original = readFileSync(path.join(dir, 'testimony.txt'));
  writeFileSync(path.join(dir, 'testimony-redacted.txt'), 'Меня били в изоляторе. Фамилия следователя ██████.');
  const { id } = await archive.deriveItem(itemId, path.join(dir, 'testimony-redacted.txt'), 'redaction', {
    metadata: { type: 'testimony', title: 'Redacted testimony' },
  });
  const derived = archive.getItem(id);
  assert.equal(derived.derivedFrom, itemId);
  assert.equal(derived.derivation, 'redaction');
  assert.deepEqual(await collect(archive.readItem(itemId)), original);
  const events = archive.custodyEvents(itemId);
  assert.equal(events.at(-1)?.action, 'derived');
  assert.equal(events.at(-1)?.details.derivedItem, id);
  await assert.rejects(archive.deriveItem(itemId, path.join(dir, 'testimony-redacted.txt'), 'summary'), /Invalid option/);
  assert.equal((await archive.verify()).ok, true);
});
