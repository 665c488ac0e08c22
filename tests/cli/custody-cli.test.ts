import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';
import { Archive } from '../../electron/archive/index.ts';

const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const dir = tempDir();
const vault = path.join(dir, 'vault');

function custodia(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH, HOME: dir, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE },
  });
}
const ok = (result: SpawnSyncReturns<string>) => {
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  return result.stdout;
};
const json = <T>(result: SpawnSyncReturns<string>): T => JSON.parse(ok(result)) as T;

let caseId: string;
let itemIds: string[];

before(() => {
  ok(custodia(['init', vault]));
  caseId = json<{ id: string }>(
    custodia([
      'case',
      'add',
      '--title',
      'Іс Қасымұлы',
      '--status',
      'pre-trial-detention',
      '--since',
      '2022-01-10',
      '--charge',
      '272:2:participation in mass disorder',
      '--json',
    ]),
  ).id;
  const folder = path.join(dir, 'evidence');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'decision.txt'), 'Приговор');
  writeFileSync(path.join(folder, 'answer.txt'), 'Ответ');
  const imported = json<Array<{ id: string; sha256: string; file: string }>>(
    custodia([
      'item',
      'import',
      '--case',
      caseId,
      '--type',
      'court-decision',
      '--obtained-from',
      'the family',
      '--method',
      'sent by messenger',
      '--obtained-at',
      '2022-02-01',
      folder,
      '--json',
    ]),
  );
  itemIds = imported.map((i) => i.id);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('item import takes a folder and the acquisition; item show tells the provenance and custody', () => {
  assert.equal(itemIds.length, 2);
  const item = json<{ type: string; acquisition: { obtainedFrom: string; method: string }; custody: Array<{ action: string }> }>(
    custodia(['item', 'show', itemIds[0]!, '--json']),
  );
  assert.equal(item.type, 'court-decision');
  assert.equal(item.acquisition.obtainedFrom, 'the family');
  assert.deepEqual(
    item.custody.map((e) => e.action),
    ['acquired', 'imported'],
  );
  assert.match(ok(custodia(['item', 'show', itemIds[0]!])), /obtained from the family, sent by messenger, 2022-02-01/);
  assert.equal(json<unknown[]>(custodia(['item', 'list', '--case', caseId, '--json'])).length, 2);
});

test('person add prints the id like case add; search --json finds across scripts', () => {
  const person = json<{ id: string }>(
    custodia(['person', 'add', '--name', 'Қасымұлы Ерлан', '--alias', 'Kasymuly Erlan', '--case', caseId, '--role', 'defendant', '--json']),
  );
  assert.match(person.id, /^[0-9a-f-]{36}$/);
  assert.match(ok(custodia(['person', 'add', '--name', 'Witness A'])).trim(), /^[0-9a-f-]{36}$/);
  const hits = json<Array<{ kind: string; id: string; title: string; snippet: string; caseIds: string[] }>>(
    custodia(['search', 'Qasymuly', '--json']),
  );
  assert.deepEqual(hits.map((h) => h.kind).sort(), ['case', 'person']);
  for (const hit of hits) assert.deepEqual(Object.keys(hit).sort(), ['caseIds', 'id', 'kind', 'snippet', 'title']);
  // The person leads to the case they are in.
  assert.deepEqual(hits.find((h) => h.kind === 'person')!.caseIds, [caseId]);
  assert.equal(json<unknown[]>(custodia(['search', 'Kasymuly', '--kind', 'person', '--json'])).length, 1);
});

test('case status records history; log shows it; item cat is logged as viewed', () => {
  ok(custodia(['case', 'status', caseId, '--status', 'house-arrest', '--since', '2022-03-01']));
  const detail = json<{ statusHistory: Array<{ status: string }>; charges: Array<{ article: string; part: string; title: string }> }>(
    custodia(['case', 'show', caseId, '--json']),
  );
  assert.deepEqual(
    detail.statusHistory.map((s) => s.status),
    ['pre-trial-detention', 'house-arrest'],
  );
  assert.deepEqual(detail.charges[0], { code: 'Criminal Code', article: '272', part: '2', title: 'participation in mass disorder' });
  ok(custodia(['item', 'cat', itemIds[0]!]));
  const events = json<Array<{ action: string }>>(custodia(['log', '--item', itemIds[0]!, '--json']));
  assert.deepEqual(
    events.map((e) => e.action),
    ['acquired', 'imported', 'viewed'],
  );
  assert.match(ok(custodia(['log'])), /metadata-changed/);
});

test('verify: exit 0 and {"ok": true, "problems": []} when all holds; exit 1 naming the item when a file is altered', () => {
  const good = json<{ ok: boolean; problems: unknown[] }>(custodia(['verify', '--json']));
  assert.equal(good.ok, true);
  assert.deepEqual(good.problems, []);
  const listed = json<Array<{ id: string }>>(custodia(['item', 'list', '--case', caseId, '--json']));
  assert.equal(listed.length, 2);
  // Damage one blob file: every blob is under blobs/xx/; flip a byte of each in turn until one item is named.
  const show = spawnSync('find', [path.join(vault, 'blobs'), '-type', 'f'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const bytes = readFileSync(show[0]!);
  bytes[bytes.length - 3]! ^= 0xff;
  writeFileSync(show[0]!, bytes);
  const bad = custodia(['verify', '--json']);
  assert.equal(bad.status, 1);
  const report = JSON.parse(bad.stdout) as { ok: boolean; problems: Array<{ kind: string; item?: string; message: string }> };
  assert.equal(report.ok, false);
  assert.equal(report.problems[0]?.kind, 'blob-altered');
  assert.ok(itemIds.includes(report.problems[0]!.item!));
  assert.match(custodia(['verify']).stdout, /PROBLEM blob-altered/);
});

test('log export writes JSON lines with the public key and a checkpoint', () => {
  const out = path.join(dir, 'custody.jsonl');
  const result = json<{ events: number; checkpoint: { seq: number } }>(custodia(['log', 'export', '--out', out, '--json']));
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines.length, result.events + 2);
  assert.match(JSON.parse(lines[0]!).publicKey, /^[0-9a-f]{64}$/);
  assert.equal(JSON.parse(lines.at(-1)!).seq, result.checkpoint.seq);
});

test('poa list --expiring 30 shows powers of attorney ending soon; identity prints the signing key and the PDF certificate', () => {
  const grantor = json<{ id: string }>(
    custodia(['person', 'add', '--name', 'Жұмабаев Руслан', '--case', caseId, '--role', 'defendant', '--json']),
  ).id;
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const add = (until: string) =>
    json<{ id: string }>(
      custodia([
        'poa',
        'add',
        '--case',
        caseId,
        '--grantor',
        grantor,
        '--representative',
        'Иванова М.',
        '--scope',
        'international-bodies',
        '--scope',
        'distribute-information',
        '--issued',
        '2022-02-01',
        '--valid-until',
        until,
        '--json',
      ]),
    ).id;
  const expiring = add(soon);
  add(later);
  const listed = json<Array<{ id: string; state: string }>>(custodia(['poa', 'list', '--expiring', '30', '--json']));
  assert.deepEqual(
    listed.map((p) => [p.id, p.state]),
    [[expiring, 'expiring']],
  );
  assert.match(ok(custodia(['poa', 'list', '--expiring', '30'])), new RegExp(`${soon}  Жұмабаев Руслан → Иванова М\\..*EXPIRING`));
  assert.equal(json<unknown[]>(custodia(['poa', 'list', '--json'])).length, 2);
  const bad = custodia(['poa', 'add', '--case', caseId, '--grantor', grantor, '--representative', 'x', '--issued', '2022-02-01']);
  assert.equal(bad.status, EXIT.usage);
  assert.match(bad.stderr, /scope: must say what the power of attorney allows/);
  const identity = json<{ signingKey: string; fingerprint: string; pdfCertificate: string }>(custodia(['identity', '--json']));
  assert.match(identity.signingKey, /^[0-9a-f]{64}$/);
  assert.match(identity.fingerprint, /^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  assert.match(identity.pdfCertificate, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'the dossiers’ PDF certificate, as openssl prints it');
  assert.equal(json<{ pdfCertificate: string }>(custodia(['identity', '--json'])).pdfCertificate, identity.pdfCertificate, 'made once');
});

test('identity lists each named user with the key that countersigns their events, as the log certified it', async () => {
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    archive.users.save({ name: 'Жанар Ахметова', role: 'адвокат' });
  } finally {
    archive.lock();
  }
  const identity = json<{ signingKey: string; users: Array<{ name: string; signingKey: string; fingerprint: string }> }>(
    custodia(['identity', '--json']),
  );
  const user = identity.users.find((candidate) => candidate.name === 'Жанар Ахметова')!;
  assert.match(user.signingKey, /^[0-9a-f]{64}$/);
  assert.notEqual(user.signingKey, identity.signingKey);
  const certified = json<Array<{ details: { field?: string; signingKey?: string } }>>(custodia(['log', '--json'])).find(
    (event) => event.details.field === 'user',
  );
  assert.equal(certified?.details.signingKey, user.signingKey, 'the key the log certified when the user was added');
  assert.match(ok(custodia(['identity'])), new RegExp(`Жанар Ахметова, адвокат: own key countersigning their events ${user.signingKey}`));
});

test('item link, withdraw, derive and search filters from the command line', () => {
  const other = json<{ id: string }>(custodia(['case', 'add', '--title', 'Другое дело', '--status', 'released', '--json'])).id;
  ok(custodia(['item', 'link', itemIds[1]!, '--case', other]));
  assert.ok(json<Array<{ id: string }>>(custodia(['item', 'list', '--case', other, '--json'])).some((i) => i.id === itemIds[1]));
  const redacted = path.join(dir, 'redacted.txt');
  writeFileSync(redacted, 'Приговор (redacted)');
  const derived = json<{ id: string }>(custodia(['item', 'derive', itemIds[0]!, '--as', 'redaction', redacted, '--json']));
  assert.equal(json<{ derivedFrom: string }>(custodia(['item', 'show', derived.id, '--json'])).derivedFrom, itemIds[0]);
  ok(custodia(['item', 'withdraw', derived.id, '--reason', 'superseded']));
  assert.ok(!json<Array<{ id: string }>>(custodia(['item', 'list', '--case', caseId, '--json'])).some((i) => i.id === derived.id));
  assert.ok(json<Array<{ id: string }>>(custodia(['item', 'list', '--case', caseId, '--all', '--json'])).some((i) => i.id === derived.id));
  const released = json<Array<{ id: string }>>(custodia(['search', 'дело', '--status', 'released', '--json']));
  assert.deepEqual(
    released.map((h) => h.id),
    [other],
  );
  const badFilter = custodia(['search', 'дело', '--article', 'x']);
  assert.equal(badFilter.status, EXIT.usage);
  assert.match(badFilter.stderr, /filters\.article: must be an article number/);
});
