// The case-record channels as the app calls them (the host behind IPC and the bridge): the request
// is parsed with the shared schema, the engine writes, and each write is a custody event.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ArchiveHost } from '../../../electron/archive/index.ts';
import type { Channel, Request, Responses } from '../../../shared/contract.ts';
import type { CaseDetail, CustodyEventView } from '../../../shared/model.ts';
import { makePdf } from '../../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';

const root = tempDir('custodia-record-channels-');
const host = new ArchiveHost(path.join(root, 'vault'));

async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]> {
  const result = await host.call(channel, request);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as Responses[C];
}

async function upload(caseId: string, name: string, bytes: Uint8Array, extra: Partial<Request<'imports.begin'>> = {}): Promise<string> {
  const { uploadId } = await call('imports.begin', { caseId, name, size: bytes.length, ...extra });
  await call('imports.chunk', { uploadId, offset: 0, bytes: new Uint8Array(bytes) });
  return (await call('imports.finish', { uploadId })).itemId;
}

let caseId: string;
before(async () => {
  await call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await call('cases.add', { title: 'Channels', status: 'pre-trial-detention', statusSince: '2022-01-08' })).id;
});
after(() => {
  host.lock();
  rmSync(root, { recursive: true, force: true });
});

test('status, person, power of attorney, source, withdrawal and a derived upload, each in the custody log', async () => {
  await call('cases.setStatus', { caseId, status: 'sentenced', statusSince: '2022-09-14' });
  const grantor = (
    await call('persons.add', { person: { name: 'Әділбекұлы Серік', aliases: ['Adilbekuly Serik'] }, link: { caseId, role: 'defendant' } })
  ).id;
  const decision = await upload(caseId, 'decision.pdf', makePdf([['Decision'], ['Page 2']]), { metadata: { type: 'court-decision' } });
  const redacted = await upload(caseId, 'decision-redacted.pdf', makePdf([['Decision'], ['Page 2 (redacted)']]), {
    derivedFrom: { itemId: decision, derivation: 'redaction' },
  });
  const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const poa = (
    await call('poa.add', {
      caseId,
      grantorPersonId: grantor,
      representative: 'A. Lawyer',
      scope: ['represent-in-court'],
      issued: '2024-01-10',
      validUntil: until,
    })
  ).id;
  await call('sources.add', { caseId, url: 'https://example.org/a', title: 'Report', accessedAt: '2024-05-01', note: 'cites the verdict' });
  await call('items.withdraw', { itemId: redacted, reason: 'Uploaded twice by mistake' });

  const detail: CaseDetail = await call('cases.get', { id: caseId, includeWithdrawn: true });
  assert.deepEqual(
    detail.statusHistory.map((s) => [s.status, s.since]),
    [
      ['pre-trial-detention', '2022-01-08'],
      ['sentenced', '2022-09-14'],
    ],
  );
  assert.equal(detail.powersOfAttorney.find((p) => p.id === poa)!.state, 'expiring');
  assert.equal(detail.items.find((i) => i.id === redacted)!.derivedFrom, decision);
  assert.equal(detail.items.find((i) => i.id === redacted)!.withdrawnReason, 'Uploaded twice by mistake');
  const expiring = await call('poa.list', { expiringWithinDays: 30 });
  assert.deepEqual(
    expiring.map((p) => p.id),
    [poa],
  );
  await call('poa.revoke', { id: poa });
  assert.equal((await call('poa.list', {})).find((p) => p.id === poa)!.state, 'revoked');

  const log: CustodyEventView[] = await call('cases.custody', { id: caseId });
  const seen = log.map((e) => `${e.action}:${String(e.details.field ?? '')}`);
  for (const expected of [
    'metadata-changed:status',
    'linked:',
    'metadata-changed:power-of-attorney',
    'metadata-changed:sources',
    'withdrawn:',
    'derived:',
  ])
    assert.ok(seen.includes(expected), `${expected} in ${seen.join(', ')}`);
});

test('forms get one-line errors naming the field, and nothing is written', async () => {
  const before = (await call('cases.custody', { id: caseId })).length;
  const refusals: Array<[Channel, unknown, RegExp]> = [
    ['cases.setStatus', { caseId, status: 'other' }, /statusOther: say which status/],
    ['persons.add', { person: { name: '' }, link: { caseId, role: 'defendant' } }, /person\.name: must not be empty/],
    ['timeline.add', { caseId, date: '14.09.2022', kind: 'hearing', description: 'x' }, /date: must be a date/],
    ['sources.add', { caseId, url: 'javascript:alert(1)', title: 'x', accessedAt: '2024' }, /url: must be an http\(s\) address/],
    ['items.withdraw', { itemId: caseId, reason: '' }, /reason: must say why/],
    ['cases.edit', { caseId, tags: [''] }, /tags\[0\]/],
  ];
  for (const [channel, request, message] of refusals) {
    const result = await host.call(channel, request);
    assert.equal(result.ok, false, channel);
    if (!result.ok) assert.match(result.error.message, message, channel);
  }
  assert.equal((await call('cases.custody', { id: caseId })).length, before);
});

test('items.link and items.unlink: another case and a person, each logged; the case it was filed under stays', async () => {
  const other = (await call('cases.add', { title: 'Жақсыбеков Бауыржан', status: 'sentenced' })).id;
  const person = (await call('persons.add', { person: { name: 'Жақсыбеков Бауыржан' }, link: { caseId, role: 'victim' } })).id;
  const itemId = await upload(caseId, 'appeal.pdf', makePdf([['Appeal']]), { metadata: { type: 'court-decision' } });
  await call('items.link', { itemId, caseId: other });
  await call('items.link', { itemId, personId: person });
  assert.deepEqual((await call('items.get', { id: itemId })).linkedCaseIds, [other]);
  assert.deepEqual(await call('items.unlink', { itemId, caseId: other }), { changed: ['link'] });
  assert.deepEqual(await call('items.unlink', { itemId, personId: person }), { changed: ['link'] });
  const item = await call('items.get', { id: itemId });
  assert.deepEqual([item.linkedCaseIds, item.personIds], [[], []]);
  assert.ok(!(await call('cases.get', { id: other })).items.some((i) => i.id === itemId));
  assert.deepEqual(item.custody.map((e) => e.action).slice(-4), ['linked', 'linked', 'unlinked', 'unlinked']);
  const home = await host.call('items.unlink', { itemId, caseId });
  assert.equal(home.ok, false, 'the case an item was filed under cannot be unlinked');
  if (!home.ok) assert.match(home.error.message, /not linked to that case/);
  const neither = await host.call('items.unlink', { itemId });
  assert.equal(neither.ok, false);
  if (!neither.ok) assert.match(neither.error.message, /give either a case or a person/);
  assert.equal((await call('items.get', { id: itemId })).custody.length, item.custody.length, 'a refusal writes nothing');
});
