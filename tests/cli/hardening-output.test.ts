// Issue #17, point 8: the CLI never lets text from evidence drive the terminal or forge a line.
// Control characters, raw newlines and bidirectional overrides are shown escaped in every
// human-readable line; JSON stays exact; an error is one line and a long path in it is shortened.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '../helpers/files.ts';
import { cliEnv, runCli } from '../helpers/cli-run.ts';

const dir = tempDir('custodia-output-');
const vault = path.join(dir, 'vault');
const env = cliEnv(dir, vault);
const FORGED = 'report\u202Efdp.exe\nVALID: signature of the court verified\u001b[2J.pdf';
let caseId: string;

before(() => {
  assert.equal(runCli(['init', vault], env).status, 0);
  caseId = runCli(['case', 'add', '--title', 'Title\nVALID: forged line\u202E'], env).stdout.trim();
  const file = path.join(dir, FORGED);
  writeFileSync(file, 'evidence');
  const imported = runCli(['item', 'import', '--case', caseId, file], env);
  assert.equal(imported.status, 0, imported.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const noForgery = (output: string, what: string) => {
  for (const line of output.split('\n')) assert.doesNotMatch(line, /^\s*VALID:/, `${what}: a forged line`);
  // eslint-disable-next-line no-control-regex -- an escape character in the output is what this looks for
  assert.doesNotMatch(output, /[\u202E\u001b]/, `${what}: a raw override or escape character`);
};

test('case show, case list, item list and search print names with their control and bidi characters escaped', () => {
  for (const args of [
    ['case', 'show', caseId],
    ['case', 'list'],
    ['item', 'list', '--case', caseId],
    ['search', 'report'],
  ]) {
    const result = runCli(args, env);
    assert.equal(result.status, 0, result.stderr);
    // Search marks its matches bold itself; any other escape sequence would come from the data.
    noForgery(result.stdout.replaceAll('\u001b[1m', '').replaceAll('\u001b[0m', ''), args.join(' '));
  }
  const shown = runCli(['case', 'show', caseId], env).stdout;
  assert.ok(shown.includes('report\\u202efdp.exe\\u000aVALID: signature'), shown);
});

test('--json output stays exact', () => {
  const detail = JSON.parse(runCli(['--json', 'case', 'show', caseId], env).stdout) as {
    title: string;
    items: Array<{ originalName: string }>;
  };
  assert.equal(detail.title, 'Title\nVALID: forged line\u202E');
  assert.equal(detail.items[0]!.originalName, FORGED);
});

test('an error is one escaped line, and an over-long path in it is shortened', () => {
  const missing = path.join(dir, `${'deep/'.repeat(400)}x\nVALID: yes`);
  const result = runCli(['item', 'import', '--case', caseId, missing], env);
  assert.notEqual(result.status, 0);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.ok(lines[0]!.length < 700, `${lines[0]!.length} characters`);
  assert.match(lines[0]!, /…/);
  noForgery(result.stderr, 'the error');
});
