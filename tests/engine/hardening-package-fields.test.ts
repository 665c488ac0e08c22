// Issue #17, point 4 (the rest): every field a package or a bag brings in besides its item records
// and bag-info has a type and a bound, checked before anything is stored. A 20 MB narrative, a
// non-string title, 100,000 aliases, a 2 MB custody detail or a detail nested 1,000 deep in a
// package signed by its sender is one refusal naming the field: no case, no event, memory bounded.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { hashEvent, type CustodyEvent } from '../../electron/archive/custody/log.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';
import { cliEnv, runCli } from '../helpers/cli-run.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { bagWithAlteredCatalog } from '../helpers/raw-bag.ts';
import { alteredPackage, genuineManifest } from '../helpers/raw-package.ts';
import { signAnything } from '../helpers/vault-internals.ts';

const root = tempDir('custodia-package-fields-');
let sender: Archive;
let recipient: Archive;
let caseId: string;

before(async () => {
  sender = (await Archive.create(path.join(root, 'sender'), PASSPHRASE)).archive;
  recipient = (await Archive.create(path.join(root, 'recipient'), PASSPHRASE)).archive;
  caseId = sender.addCase({ title: 'Дело Мусаева', reference: 'R-17' });
  sender.addPerson({ name: 'Арман Мусаев' }, { caseId, role: 'defendant' });
  writeFileSync(path.join(root, 'decision.txt'), 'Постановление суда\n'.repeat(200));
  await sender.importFile(caseId, path.join(root, 'decision.txt'));
});
after(() => {
  sender?.lock();
  recipient?.lock();
  rmSync(root, { recursive: true, force: true });
});

type Manifest = ReturnType<typeof genuineManifest>;

/** What a hostile sender can do to a carried event: change it, then hash and sign it again with its own key. */
function resignedEvent(event: CustodyEvent, details: Record<string, unknown>): CustodyEvent {
  const altered = { ...event, details };
  const hash = hashEvent(altered);
  return { ...altered, hash, signature: signAnything(sender, Buffer.from(hash, 'hex')).toString('hex') };
}

function withDetail(manifest: Manifest, key: string, value: unknown): void {
  const custody = manifest.custody as { events: CustodyEvent[] };
  custody.events[0] = resignedEvent(custody.events[0]!, { ...custody.events[0]!.details, [key]: value });
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 'x' };
  for (let level = 1; level < depth; level++) value = { a: value };
  return value;
}

const hostile: Array<[string, (manifest: Manifest) => void, RegExp]> = [
  ['narrative-20mb', (m) => ((m.case as Record<string, unknown>).narrative = 'n'.repeat(20_000_000)), /case\.narrative: must be at most/],
  ['title-a-number', (m) => ((m.case as Record<string, unknown>).title = 42), /case\.title: /],
  [
    'aliases-100k',
    (m) => ((m.persons as Array<Record<string, unknown>>)[0]!.aliases = Array.from({ length: 100_000 }, (_, i) => `alias ${i}`)),
    /persons\[0\]\.aliases: /,
  ],
  ['detail-2mb', (m) => withDetail(m, 'note', 'd'.repeat(2_000_000)), /custody\.events\[0\]\.details\.note: must be at most/],
  ['detail-1000-deep', (m) => withDetail(m, 'deep', nested(1000)), /custody\.events\[0\]\.details\.deep(\.a)+: .*deep/],
  [
    'detail-10k-keys',
    (m) => withDetail(m, 'many', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))),
    /custody\.events\[0\]\.details\.many: /,
  ],
  ['detail-long-key', (m) => withDetail(m, 'k'.repeat(10_000), 1), /custody\.events\[0\]\.details: .*key/],
  [
    'checkpoint-head-1mb',
    (m) => ((m.custody as Record<string, Record<string, unknown>>).checkpoint!.head = 'h'.repeat(1_000_000)),
    /custody\.checkpoint\.head: /,
  ],
  [
    'person-id-1mb',
    (m) => ((m.persons as Array<Record<string, unknown>>)[0]!.id = 'p'.repeat(1_000_000)),
    /persons\[0\]\.id: must be 1 to 100/,
  ],
  [
    'actor-1mb',
    (m) => {
      const custody = m.custody as { events: CustodyEvent[] };
      custody.events[0] = resignedEvent({ ...custody.events[0]!, actor: 'a'.repeat(1_000_000) }, custody.events[0]!.details);
    },
    /custody\.events\[0\]\.actor: /,
  ],
];

for (const [name, alter, expected] of hostile) {
  test(`a signed package with ${name} is refused naming the field; nothing is created`, async () => {
    const file = await alteredPackage(sender, caseId, recipient.receivingPublicKey, path.join(root, `${name}.cstd`), alter);
    const events = recipient.custodyEvents().length;
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    await assert.rejects(recipient.importPackage(file), (error: Error & { kind?: string }) => {
      assert.equal(error.kind, 'validation', `${name}: ${error.message.slice(0, 300)}`);
      assert.match(error.message, /not valid, nothing was imported/, name);
      assert.match(error.message, expected, `${name}: ${error.message.slice(0, 300)}`);
      assert.ok(error.message.length < 1000 && !error.message.includes('\n'), `${name}: one short line`);
      return true;
    });
    assert.ok(Date.now() - started < 20_000, `${name}: refused at once`);
    const growth = process.memoryUsage().rss - rss;
    assert.ok(growth < 200 * 1024 * 1024, `${name}: memory grew by ${Math.round(growth / 1048576)} MB`);
    assert.equal(recipient.listCases().length, 0, `${name}: no case was created`);
    assert.equal(recipient.custodyEvents().length, events, `${name}: not even an event`);
  });
}

test('a bag whose catalog carries a 20 MB narrative, a non-string title or a huge vault id is refused naming the field', async () => {
  const events = recipient.custodyEvents().length;
  for (const [name, alter, expected] of [
    [
      'bag-narrative',
      (c: Record<string, unknown>) => (((c.cases as object[])[0] as Record<string, unknown>).narrative = 'n'.repeat(20_000_000)),
      /case\.narrative: must be at most/,
    ],
    ['bag-title', (c: Record<string, unknown>) => (((c.cases as object[])[0] as Record<string, unknown>).title = ['t']), /case\.title: /],
    ['bag-vault-id', (c: Record<string, unknown>) => (c.vaultId = 'v'.repeat(1_000_000)), /vaultId: /],
  ] as const) {
    const bag = await bagWithAlteredCatalog(sender, caseId, path.join(root, name), alter);
    await assert.rejects(recipient.importBag(bag), (error: Error & { kind?: string }) => {
      assert.match(error.message, /not valid, nothing was imported/, name);
      assert.match(error.message, expected, `${name}: ${error.message.slice(0, 300)}`);
      assert.ok(error.message.length < 1000, `${name}: one short line`);
      return true;
    });
    assert.equal(recipient.listCases().length, 0, `${name}: no case was created`);
  }
  assert.equal(recipient.custodyEvents().length, events, 'not even an event');
});

test('custodia import-package refuses such a package in one line naming the field, with the usage exit status', () => {
  recipient.lock();
  const result = runCli(['import-package', path.join(root, 'detail-1000-deep.cstd')], cliEnv(root, path.join(root, 'recipient')));
  assert.equal(result.status, EXIT.usage, result.stderr);
  assert.match(result.stderr, /custody\.events\[0\]\.details\.deep(\.a)+: is nested more than/);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.equal(result.stdout, '');
});
