import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const dir = tempDir('custodia-integrity-cli-');
const vault = path.join(dir, 'vault');
after(() => rmSync(dir, { recursive: true, force: true }));

function custodia(args: string[], vaultDir = vault): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH, HOME: dir, CUSTODIA_VAULT: vaultDir, CUSTODIA_PASSPHRASE: PASSPHRASE },
  });
}
const ok = (result: SpawnSyncReturns<string>) => {
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  return result.stdout;
};
const json = <T>(result: SpawnSyncReturns<string>): T => JSON.parse(ok(result)) as T;

let caseId: string;

before(() => {
  ok(custodia(['init', vault]));
  caseId = json<{ id: string }>(custodia(['case', 'add', '--title', 'Дело Н.', '--reference', 'A-17', '--json'])).id;
  const folder = path.join(dir, 'evidence');
  mkdirSync(folder);
  for (let i = 0; i < 4; i++) writeFileSync(path.join(folder, `doc-${i}.txt`), `document ${i}\n`);
  ok(custodia(['item', 'import', '--case', caseId, folder]));
});

test('verify --sample --report writes a JSON report and records the audit; --json prints the same', () => {
  const reportFile = path.join(dir, 'audit.json');
  const printed = json<{ ok: boolean; mode: string; blobs: number; blobsInVault: number; auditEvent: number }>(
    custodia(['verify', '--sample', '50', '--report', reportFile, '--json']),
  );
  assert.equal(printed.ok, true);
  assert.equal(printed.mode, 'sample');
  assert.equal(printed.blobs, 2);
  assert.equal(printed.blobsInVault, 4);
  const saved = JSON.parse(readFileSync(reportFile, 'utf8'));
  assert.equal(saved.auditEvent, printed.auditEvent);
  const log = json<Array<{ seq: number; action: string; details: { mode: string } }>>(custodia(['log', '--json']));
  assert.equal(log.find((e) => e.seq === printed.auditEvent)?.details.mode, 'sample');
  const bad = custodia(['verify', '--sample', '0']);
  assert.equal(bad.status, EXIT.usage);
  assert.match(bad.stderr, /whole percentage/);
});

test('export-bag warns that the bag is plaintext; verify-bag exits 0 for it and 1 once a file changes', () => {
  const bag = path.join(dir, 'bag');
  const exported = custodia(['export-bag', '--case', caseId, '--out', bag, '--json']);
  assert.match(exported.stderr, /NOT encrypted/);
  assert.equal(json<{ files: number }>(exported).files, 4);
  const valid = json<{ ok: boolean; files: number; custody: { ok: boolean } }>(custodia(['verify-bag', bag, '--json']));
  assert.equal(valid.ok, true);
  assert.equal(valid.custody.ok, true);
  assert.match(ok(custodia(['verify-bag', bag])), /^VALID: 4 files/m);

  writeFileSync(path.join(bag, 'data', 'doc-2.txt'), 'document 2, edited\n');
  const invalid = custodia(['verify-bag', bag, '--json']);
  assert.equal(invalid.status, 1);
  const report = JSON.parse(invalid.stdout) as { ok: boolean; problems: Array<{ kind: string; file?: string }> };
  assert.equal(report.ok, false);
  assert.ok(report.problems.some((p) => p.kind === 'checksum' && p.file === 'data/doc-2.txt'));
  assert.equal(custodia(['export-bag', '--out', path.join(dir, 'x')]).status, EXIT.usage, 'needs --case or --all');
});

test('export-bag --all, then import-bag into another vault creates the case and records where it came from', () => {
  const bag = path.join(dir, 'all');
  ok(custodia(['export-bag', '--all', '--out', bag]));
  assert.ok(existsSync(path.join(bag, 'bagit.txt')));
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('partial')),
    [],
    'no temp folder is left beside the bag',
  );
  const other = path.join(dir, 'vault-2');
  ok(custodia(['init', other], other));
  const imported = json<{ caseId: string; caseCreated: boolean; imported: unknown[] }>(custodia(['import-bag', bag, '--json'], other));
  assert.equal(imported.caseCreated, true);
  assert.equal(imported.imported.length, 4);
  const cases = json<Array<{ title: string; reference: string }>>(custodia(['case', 'list', '--json'], other));
  assert.deepEqual(
    cases.map((c) => [c.title, c.reference]),
    [['Дело Н.', 'A-17']],
  );
  const log = json<Array<{ action: string; subject: { kind: string } }>>(custodia(['log', '--json'], other));
  const received = log.filter((e) => e.action === 'received').map((e) => e.subject.kind);
  // Four items, the case, and the vault itself (the bag's identity, so a second import changes nothing).
  assert.deepEqual(received.sort(), ['case', 'item', 'item', 'item', 'item', 'vault']);
  assert.equal(json<{ ok: boolean }>(custodia(['verify', '--json'], other)).ok, true);
});

test('identity prints the receiving key; export-package to it and import-package, twice, with --key pinning the sender', () => {
  const other = path.join(dir, 'vault-3');
  ok(custodia(['init', other], other));
  const recipient = json<{ receivingKey: string; receivingFingerprint: string; signingKey: string }>(
    custodia(['identity', '--json'], other),
  );
  assert.match(recipient.receivingKey, /^[0-9a-f]{64}$/);
  assert.match(recipient.receivingFingerprint, /^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  assert.notEqual(recipient.receivingKey, recipient.signingKey);
  assert.match(ok(custodia(['identity'], other)), /X25519 receiving key .*: [0-9a-f]{64}/);
  const sender = json<{ signingKey: string }>(custodia(['identity', '--json']));

  const file = path.join(dir, 'case.cstd');
  const exported = json<{ items: number; packageId: string }>(
    custodia(['export-package', '--case', caseId, '--to', recipient.receivingKey, '--out', file, '--json']),
  );
  assert.equal(exported.items, 4);
  const wrongSender = custodia(['import-package', file, '--key', 'ab'.repeat(32)], other);
  assert.equal(wrongSender.status, 1);
  assert.match(wrongSender.stderr, /not by the expected sender/);
  const first = json<{ alreadyImported: boolean; caseId: string; packageId: string }>(
    custodia(['import-package', file, '--key', sender.signingKey, '--json'], other),
  );
  assert.equal(first.alreadyImported, false);
  assert.equal(first.packageId, exported.packageId);
  assert.match(ok(custodia(['import-package', file], other)), /already imported .* nothing changed/);
  const cases = json<Array<{ id: string; itemCount: number }>>(custodia(['case', 'list', '--json'], other));
  assert.deepEqual(
    cases.filter((c) => c.id === first.caseId).map((c) => c.itemCount),
    [4],
  );
  const stranger = custodia(['import-package', file]);
  assert.equal(stranger.status, 1);
  assert.match(stranger.stderr, /not addressed to this vault/);
});
