import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { SpawnSyncReturns } from 'node:child_process';
import { cliEnv, runCli } from '../helpers/cli-run.ts';
import { tempDir } from '../helpers/files.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

/** The parser itself (commander): per-command flags and help, one-line usage errors, repeatable flags. */
const dir = tempDir();
const vault = path.join(dir, 'vault');
const env = cliEnv(dir, vault);
const custodia = (args: string[]) => runCli(args, env);
const ok = (result: SpawnSyncReturns<string>) => {
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  return result.stdout;
};
const json = <T>(result: SpawnSyncReturns<string>): T => JSON.parse(ok(result)) as T;

before(() => ok(custodia(['init', vault])));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a flag that belongs to another command is refused: exit 3, one line naming the flag and the command's help", () => {
  for (const args of [
    ['case', 'list', '--grantor', 'x'],
    ['case', 'add', '--title', 'T', '--scope', 'other'],
    ['verify-dossier', 'x.pdf', '--bates-prefix', 'A'],
  ]) {
    const flag = args.find((arg) => arg.startsWith('--') && !['--title'].includes(arg))!;
    const result = custodia(args);
    assert.equal(result.status, EXIT.usage, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^custodia: Unknown option '${flag}'`));
    assert.match(result.stderr, new RegExp(`see custodia ${args[0]}${args[0] === 'case' ? ` ${args[1]}` : ''} --help`));
  }
});

test('a flag without its value, and a missing or unknown subcommand, are one-line usage errors too', () => {
  for (const [args, message] of [
    [['case', 'add', '--title'], /^custodia: Option '--title <text>' argument missing/],
    [['case'], /^custodia: missing a command after "case"/],
    [['poa', 'extend'], /^custodia: unknown command "poa extend"/],
    [['--vault'], /^custodia: Option '--vault <dir>' argument missing/],
  ] as const) {
    const result = custodia([...args]);
    assert.equal(result.status, EXIT.usage, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  }
});

test("case add --help lists that command's flags and no other command's, and exits 0", () => {
  for (const args of [
    ['case', 'add', '--help'],
    ['case', 'add', '-h'],
  ]) {
    const help = ok(custodia(args));
    assert.match(help, /^Usage: custodia case add \[options\]/);
    assert.match(help, /--title <text>/);
    assert.match(help, /--charge <article\[:part\[:title\]\]>/);
    assert.doesNotMatch(help, /--grantor/);
    assert.doesNotMatch(help, /--bates-prefix/);
    assert.match(help, /--json/, 'the global flags are shown too');
  }
});

test('custodia --help lists every command, and no command prints the same overview with exit 3', () => {
  const help = ok(custodia(['--help']));
  const commands = [
    ...['init', 'demo', 'unlock', 'passwd', 'recovery-key', 'identity', 'search', 'log', 'log export', 'serve'],
    ...['case add', 'case status', 'case list', 'case show', 'person add', 'person link', 'person show'],
    ...['event add', 'poa add', 'poa list', 'poa revoke', 'source add'],
    ...['item import', 'item list', 'item show', 'item link', 'item unlink', 'item withdraw', 'item derive', 'item cat', 'item verify'],
    ...['verify', 'export-bag', 'verify-bag', 'import-bag', 'export-package', 'import-package'],
    ...['export-dossier', 'export-submission', 'verify-dossier', 'quarantine list', 'quarantine purge'],
    ...['replica init', 'replica status', 'replica prune', 'replica send', 'inbox import', 'restore'],
  ];
  for (const command of commands) assert.match(help, new RegExp(`^  ${command} \\[options\\]`, 'm'), `${command} is listed`);
  assert.match(help, /--vault <dir>/);
  const bare = custodia([]);
  assert.equal(bare.status, EXIT.usage);
  assert.equal(bare.stdout, help);
});

test('repeated flags are collected in order, one value per flag', () => {
  const caseId = json<{ id: string }>(
    custodia(['case', 'add', '--title', 'Repeated', '--charge', '272:2', '--charge', '174', '--tag', 'a', '--tag', 'b', '--json']),
  ).id;
  const files = ['one.txt', 'two.txt'].map((name) => {
    writeFileSync(path.join(dir, name), name);
    return path.join(dir, name);
  });
  const items = json<Array<{ id: string }>>(custodia(['--json', 'item', 'import', '--case', caseId, ...files])).map((i) => i.id);
  const persons = ['Repeated First', 'Repeated Second'].map(
    (name) =>
      json<{ id: string }>(
        custodia([
          'person',
          'add',
          '--name',
          name,
          '--alias',
          `${name} A`,
          '--alias',
          `${name} B`,
          '--case',
          caseId,
          '--role',
          'witness',
          '--json',
        ]),
      ).id,
  );
  const eventArgs = ['--case', caseId, '--date', '2022-01-05', '--kind', 'detention', '--description', 'Detained'];
  ok(custodia(['event', 'add', ...eventArgs, '--item', items[0]!, '--item', items[1]!, '--person', persons[0]!, '--person', persons[1]!]));
  const poaArgs = ['--case', caseId, '--grantor', persons[0]!, '--representative', 'Lawyer', '--issued', '2022-02-01'];
  ok(custodia(['poa', 'add', ...poaArgs, '--scope', 'file-petitions', '--scope', 'represent-in-court']));

  const detail = json<{
    tags: string[];
    charges: Array<{ article: string; part: string | null }>;
    timeline: Array<{ itemIds: string[]; personIds: string[] }>;
    powersOfAttorney: Array<{ scope: string[] }>;
  }>(custodia(['case', 'show', caseId, '--json']));
  assert.deepEqual(detail.tags, ['a', 'b']);
  assert.deepEqual(
    detail.charges.map((c) => [c.article, c.part]),
    [
      ['272', '2'],
      ['174', null],
    ],
  );
  assert.deepEqual(detail.timeline[0]!.itemIds, items);
  assert.deepEqual(detail.timeline[0]!.personIds, persons);
  assert.deepEqual(detail.powersOfAttorney[0]!.scope, ['file-petitions', 'represent-in-court']);
  assert.deepEqual(json<{ aliases: string[] }>(custodia(['person', 'show', persons[0]!, '--json'])).aliases, [
    'Repeated First A',
    'Repeated First B',
  ]);

  const hits = json<Array<{ kind: string }>>(custodia(['search', 'Repeated', '--kind', 'person', '--kind', 'case', '--json']));
  assert.deepEqual([...new Set(hits.map((hit) => hit.kind))].sort(), ['case', 'person']);
});

test('--vault and --json work before and after the command', () => {
  const elsewhere = cliEnv(dir, path.join(dir, 'nowhere'));
  for (const args of [
    ['--vault', vault, '--json', 'case', 'list'],
    ['case', 'list', '--vault', vault, '--json'],
  ]) {
    const result = runCli(args, elsewhere);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(Array.isArray(JSON.parse(result.stdout)));
  }
});
