import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PASSPHRASE, snapshotTree, tempDir, writeRandomFile } from '../helpers/files.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const dir = tempDir();
const vault = path.join(dir, 'vault');

/** Runs the real `custodia` in a child process, with no stdin (as CI and scripts do). */
function custodia(args: string[], env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH, HOME: dir, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}
const ok = (result: SpawnSyncReturns<string>) => {
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  return result.stdout;
};
const json = <T>(result: SpawnSyncReturns<string>): T => JSON.parse(ok(result)) as T;

let caseId: string;
let evidence: string;

before(async () => {
  evidence = path.join(dir, 'Постановление суда.pdf');
  await writeRandomFile(evidence, 3 * 65536 + 4321);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('init creates a vault and prints a recovery key', () => {
  const out = ok(custodia(['init', vault]));
  assert.match(out, /Created a vault in/);
  assert.match(out, /([0-9A-Z]{4}-){12}[0-9A-Z]{4}/);
});

test('case add prints the id; --json gives {"id"}; case list shows it', () => {
  caseId = ok(custodia(['case', 'add', '--title', 'Дело №1 — Қаңтар', '--reference', 'KZ-272'])).trim();
  assert.match(caseId, /^[0-9a-f-]{36}$/);
  const second = json<{ id: string }>(custodia(['case', 'add', '--title', 'Second', '--json']));
  assert.match(second.id, /^[0-9a-f-]{36}$/);
  const list = json<Array<{ id: string; title: string; reference: string | null }>>(custodia(['case', 'list', '--json']));
  assert.deepEqual(
    list.map((c) => c.title),
    ['Дело №1 — Қаңтар', 'Second'],
  );
  assert.match(ok(custodia(['case', 'list'])), /Дело №1 — Қаңтар {2}\[KZ-272\]/);
});

test('item import prints id and SHA-256 per file; --json gives [{id, sha256, file}]', () => {
  const expected = spawnSync('sha256sum', [evidence], { encoding: 'utf8' }).stdout.split(' ')[0];
  const line = ok(custodia(['item', 'import', '--case', caseId, evidence]));
  assert.match(line, new RegExp(`^[0-9a-f-]{36}  ${expected}  `));
  const note = path.join(dir, 'note.txt');
  writeFileSync(note, 'Ответ прокуратуры от 3 февраля 2022');
  const results = json<Array<{ id: string; sha256: string; file: string }>>(custodia(['item', 'import', '--case', caseId, note, '--json']));
  assert.equal(results.length, 1);
  assert.deepEqual(Object.keys(results[0]!).sort(), ['file', 'id', 'sha256']);
  assert.equal(results[0]!.file, note);
});

test('item cat writes the exact bytes, and --range START-END (inclusive) the exact slice', () => {
  const detail = json<{ items: Array<{ id: string; originalName: string }> }>(custodia(['case', 'show', caseId, '--json']));
  const item = detail.items.find((i) => i.originalName === 'Постановление суда.pdf')!;
  const original = readFileSync(evidence);
  const whole = spawnSync(process.execPath, [BIN, 'item', 'cat', item.id], {
    env: { PATH: process.env.PATH, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE },
    maxBuffer: 1 << 26,
  });
  assert.equal(whole.status, 0);
  assert.ok(whole.stdout.equals(original));
  for (const [start, end] of [
    [0, 0],
    [65535, 65536],
    [100, 200_000],
    [original.length - 1, original.length - 1],
  ] as const) {
    const slice = spawnSync(process.execPath, [BIN, 'item', 'cat', item.id, '--range', `${start}-${end}`], {
      env: { PATH: process.env.PATH, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE },
    });
    assert.equal(slice.status, 0, slice.stderr.toString());
    assert.ok(slice.stdout.equals(original.subarray(start, end + 1)), `range ${start}-${end}`);
  }
  const bad = custodia(['item', 'cat', item.id, '--range', 'abc']);
  assert.equal(bad.status, EXIT.usage);
  assert.match(bad.stderr, /--range must be START-END/);
});

test('a wrong passphrase says so on one line, exits 2, and changes nothing', () => {
  const before = snapshotTree(vault);
  const result = custodia(['case', 'list'], { CUSTODIA_PASSPHRASE: 'wrong passphrase!' });
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, 'custodia: wrong passphrase: the vault was not unlocked\n');
  assert.deepEqual(snapshotTree(vault), before);
});

test('a missing folder and a foreign folder are named as such', () => {
  const missing = custodia(['case', 'list'], { CUSTODIA_VAULT: path.join(dir, 'nope') });
  assert.equal(missing.status, EXIT.notFound);
  assert.match(missing.stderr, /^custodia: no vault in .*nope: create one with "custodia init/);
  const foreign = path.join(dir, 'photos');
  mkdirSync(foreign);
  writeFileSync(path.join(foreign, 'a.jpg'), 'x');
  const result = custodia(['case', 'list'], { CUSTODIA_VAULT: foreign });
  assert.equal(result.status, EXIT.refused);
  assert.match(result.stderr, /is not a Custodia vault/);
  const init = custodia(['init', foreign]);
  assert.equal(init.status, EXIT.refused);
  assert.match(init.stderr, /is not empty/);
  assert.deepEqual(snapshotTree(foreign), { 'a.jpg': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' });
});

test('with neither a terminal nor CUSTODIA_PASSPHRASE the CLI stops with a clear message instead of hanging', () => {
  const result = custodia(['case', 'list'], { CUSTODIA_PASSPHRASE: undefined });
  assert.equal(result.status, EXIT.usage);
  assert.match(result.stderr, /no passphrase given: set CUSTODIA_PASSPHRASE/);
});

test('passwd: the old passphrase stops working, the new one works; the recovery key unlocks too', () => {
  const initOut = json<{ recoveryKey: string }>(custodia(['init', path.join(dir, 'v2'), '--json']));
  const env = { CUSTODIA_VAULT: path.join(dir, 'v2') };
  const blobsBefore = snapshotTree(path.join(dir, 'v2', 'blobs'));
  ok(custodia(['passwd'], { ...env, CUSTODIA_NEW_PASSPHRASE: 'another long passphrase' }));
  assert.equal(custodia(['unlock'], env).status, 2);
  assert.match(ok(custodia(['unlock'], { ...env, CUSTODIA_PASSPHRASE: 'another long passphrase' })), /unlocks/);
  assert.match(ok(custodia(['unlock'], { ...env, CUSTODIA_PASSPHRASE: undefined, CUSTODIA_RECOVERY_KEY: initOut.recoveryKey })), /unlocks/);
  assert.deepEqual(snapshotTree(path.join(dir, 'v2', 'blobs')), blobsBefore);
  const tooShort = custodia(['passwd'], { ...env, CUSTODIA_PASSPHRASE: 'another long passphrase', CUSTODIA_NEW_PASSPHRASE: 'short' });
  assert.equal(tooShort.status, EXIT.usage);
  assert.match(tooShort.stderr, /at least 8 characters/);
});

test('bad input gets one clear line and a non-zero exit', () => {
  for (const [args, message] of [
    [['case', 'add'], /missing --title/],
    [['case', 'show', 'not-a-case'], /no case with id not-a-case/],
    [['item', 'import', '--case', caseId, path.join(dir, 'absent.pdf')], /no such file/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['case', 'list', '--colour'], /Unknown option '--colour'/],
  ] as const) {
    const result = custodia([...args]);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  }
});
