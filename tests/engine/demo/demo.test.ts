import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive } from '../../../electron/archive/index.ts';
import { buildDemoVault, DEMO_PASSPHRASE } from '../../../electron/archive/demo/build.ts';
import { tempDir } from '../../helpers/files.ts';
import { EXIT } from '../../../electron/cli/exit-codes.ts';

const dir = tempDir('custodia-demo-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('the demo vault holds invented cases with every kind of record, and verifies', async () => {
  const vault = path.join(dir, 'demo');
  const summary = await buildDemoVault(vault);
  assert.equal(summary.cases, 3);
  assert.equal(summary.items, 5);
  assert.match(summary.recoveryKey, /^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);

  const archive = await Archive.unlock(vault, { passphrase: DEMO_PASSPHRASE });
  try {
    const cases = archive.listCases();
    assert.ok(
      cases.every((c) => /^(Демо|Demo):/.test(c.title)),
      'every title says it is a demo',
    );
    const main = archive.getCase(cases.find((c) => c.title.includes('Сейтқали'))!.id);
    assert.deepEqual(
      main.charges.map((c) => c.article),
      ['272'],
    );
    assert.deepEqual(main.items.map((item) => item.mimeType).sort(), ['application/pdf', 'image/png', 'text/plain', 'video/mp4']);
    const witness = main.persons.find((p) => p.role === 'witness')!;
    assert.equal(archive.getPerson(witness.personId).confidentiality, 'confidential');
    assert.equal(main.powersOfAttorney[0]?.state, 'expiring');
    assert.ok(main.timeline.length >= 5);
    assert.equal(main.sources.length, 1);
    assert.ok(
      main.items.every((item) => item.acquisition !== null),
      'every item records how it was obtained',
    );

    // The court decision is a real PDF: its Kazakh page was extracted and is searchable.
    const hits = archive.searchAll({ query: 'күзетпен ұстауға' });
    assert.ok(
      hits.some((hit) => hit.kind === 'item' && hit.title === 'Постановление о мере пресечения'),
      JSON.stringify(hits),
    );
    const journalist = archive.getCase(cases.find((c) => c.title.includes('Омарова'))!.id);
    assert.deepEqual(
      journalist.statusHistory.map((s) => s.status),
      ['pre-trial-detention', 'house-arrest'],
    );

    const report = await archive.verify();
    assert.equal(report.ok, true, JSON.stringify(report.problems));
    assert.equal(report.blobs, 5);
  } finally {
    archive.lock();
  }
});

test('custodia demo DIR builds the same vault and refuses a folder that already holds one', () => {
  const bin = fileURLToPath(new URL('../../../bin/custodia.js', import.meta.url));
  const target = path.join(dir, 'cli-demo');
  const env = { PATH: process.env.PATH, HOME: dir };
  const first = spawnSync(process.execPath, [bin, 'demo', target], { encoding: 'utf8', input: '', env });
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /3 cases, 5 items/);
  assert.match(first.stdout, /Its passphrase is "custodia demo vault"/);
  const list = spawnSync(process.execPath, [bin, '--vault', target, '--json', 'case', 'list'], {
    encoding: 'utf8',
    input: '',
    env: { ...env, CUSTODIA_PASSPHRASE: DEMO_PASSPHRASE },
  });
  assert.equal(list.status, 0, list.stderr);
  assert.equal((JSON.parse(list.stdout) as unknown[]).length, 3);
  const again = spawnSync(process.execPath, [bin, 'demo', target], { encoding: 'utf8', input: '', env });
  assert.equal(again.status, EXIT.refused);
  assert.match(again.stderr, /already/);
});
