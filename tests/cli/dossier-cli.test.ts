import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makePdf } from '../helpers/documents.ts';
import { assertQpdfCheck, detachAll, pdfText, sha256 } from '../helpers/dossier-fixtures.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const dir = tempDir('custodia-dossier-cli-');
const vault = path.join(dir, 'vault');

function custodia(args: string[], withVault = true): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: '',
    env: withVault
      ? { PATH: process.env.PATH, HOME: dir, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE }
      : { PATH: process.env.PATH, HOME: dir },
  });
}
const ok = (result: SpawnSyncReturns<string>) => {
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  return result.stdout;
};
const json = <T>(result: SpawnSyncReturns<string>): T => JSON.parse(ok(result)) as T;

let caseId: string;
let videoSha: string;

before(() => {
  ok(custodia(['init', vault]));
  caseId = json<{ id: string }>(
    custodia(['case', 'add', '--title', 'Іс Қасымұлы', '--status', 'pre-trial-detention', '--charge', '272:2', '--json']),
  ).id;
  ok(custodia(['person', 'add', '--name', 'Ерлан Қасымұлы', '--case', caseId, '--role', 'defendant']));
  writeFileSync(path.join(dir, 'ruling.pdf'), makePdf([['Ruling page 1'], ['Ruling page 2']]));
  const video = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(50_000, 7)]);
  writeFileSync(path.join(dir, 'hearing.mp4'), video);
  videoSha = sha256(video);
  ok(custodia(['item', 'import', '--case', caseId, '--type', 'court-decision', '--title', 'Приговор', path.join(dir, 'ruling.pdf')]));
  ok(custodia(['item', 'import', '--case', caseId, '--type', 'video-of-hearing', path.join(dir, 'hearing.mp4')]));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('export-dossier writes a checked PDF; verify-dossier says intact without a vault (exit 0)', () => {
  const out = path.join(dir, 'case.pdf');
  const report = ok(
    custodia([
      'export-dossier',
      '--case',
      caseId,
      '--out',
      out,
      '--bates-prefix',
      'KZ',
      '--lang',
      'ru',
      '--attach-media',
      '--prepared-by',
      'А. Адвокат',
    ]),
  );
  assert.match(report, /^Wrote .*case\.pdf: \d+ pages, KZ-000001 – KZ-\d{6}, dossier [0-9a-f-]{36}$/m);
  assert.match(report, /2 exhibit\(s\): 1 on pages, 1 attached, 0 listed only/);
  assertQpdfCheck(out);
  const text = pdfText(out);
  assert.ok(text.includes('Ерлан Қасымұлы') && text.includes('А. Адвокат') && text.includes('Ruling page 2'));
  assert.equal(sha256(detachAll(out, dir).get('exhibit-002-hearing.mp4')!), videoSha);
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.endsWith('.partial')),
    [],
  );

  const verified = custodia(['verify-dossier', out], false);
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /^INTACT: dossier [0-9a-f-]{36} \(case-dossier\)/m);
  const identity = json<{ signingKey: string; fingerprint: string }>(custodia(['identity', '--json']));
  assert.ok(verified.stdout.includes(identity.signingKey) && verified.stdout.includes(identity.fingerprint));
  const asJson = JSON.parse(ok(custodia(['verify-dossier', out, '--json', '--public-key', identity.signingKey], false)));
  assert.equal(asJson.intact, true);
  assert.deepEqual(asJson.problems, []);

  const exported = json<Array<{ action: string; details: { dossier?: string } }>>(custodia(['log', '--json'])).filter(
    (e) => e.action === 'exported',
  );
  assert.equal(exported.length, 3, 'the case and both exhibits');
  assert.ok(exported.every((e) => e.details.dossier === asJson.dossierId));
});

test('verify-dossier exits 1 and names the problem after a one-byte change to the manifest', () => {
  const out = path.join(dir, 'tampered.pdf');
  ok(custodia(['export-dossier', '--case', caseId, '--out', out]));
  const bytes = readFileSync(out);
  const at = bytes.indexOf(Buffer.from('"kind": "case-dossier"'));
  assert.ok(at > 0);
  bytes[at + '"kind": "'.length] = 'C'.charCodeAt(0);
  writeFileSync(out, bytes);
  const result = custodia(['verify-dossier', out], false);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^PROBLEM signature-invalid: /m);
  assert.match(result.stdout, /^NOT INTACT: 1 problem\(s\)/m);
  const notPdf = path.join(dir, 'note.pdf');
  writeFileSync(notPdf, 'not a pdf at all');
  const unreadable = custodia(['verify-dossier', notPdf, '--json'], false);
  assert.equal(unreadable.status, 1);
  assert.equal(JSON.parse(unreadable.stdout).problems[0].kind, 'unreadable');
});

test('export-submission by ids and by filter; clear errors for missing options', () => {
  const byIds = path.join(dir, 'submission.pdf');
  ok(custodia(['export-submission', '--cases', caseId, '--out', byIds, '--intro', 'Уважаемый Специальный докладчик']));
  assertQpdfCheck(byIds);
  const text = pdfText(byIds);
  assert.ok(text.includes('Уважаемый Специальный докладчик') && text.includes('Attachment 1: persons concerned'));
  assert.ok(detachAll(byIds, dir).get('persons.csv')!.toString('utf8').includes('Ерлан Қасымұлы'));
  assert.equal(custodia(['verify-dossier', byIds], false).status, 0);
  const byFilter = json<{ manifest?: unknown; pages: number; exhibits: unknown[] }>(
    custodia(['export-submission', '--filter', 'status=pre-trial detention', '--out', path.join(dir, 'filtered.pdf'), '--json']),
  );
  assert.equal(byFilter.exhibits.length, 2);

  const missing = custodia(['export-dossier', '--case', caseId]);
  assert.equal(missing.status, EXIT.usage);
  assert.equal(missing.stderr, 'custodia: missing --out FILE.pdf (see custodia --help)\n');
  const badPrefix = custodia(['export-dossier', '--case', caseId, '--out', path.join(dir, 'x.pdf'), '--bates-prefix', 'A B']);
  assert.match(badPrefix.stderr, /^custodia: the Bates prefix must be .* \(--bates-prefix\)\n$/);
  const noMatch = custodia(['export-submission', '--filter', 'status=released', '--out', path.join(dir, 'none.pdf')]);
  assert.equal(noMatch.stderr, 'custodia: no case matches the filter "status=released" (--filter)\n');
});

test('confidentiality from the command line: a confidential person is pseudonymised, a confidential item and case left out', () => {
  const narrativeFile = path.join(dir, 'narrative.txt');
  writeFileSync(narrativeFile, 'Гүлнар Әбдіқадырова видела задержание; Абдикадыровой угрожали.', 'utf8');
  const secretCase = json<{ id: string }>(
    custodia(['case', 'add', '--title', 'Тайное дело', '--confidentiality', 'confidential', '--json']),
  ).id;
  const openCase = json<{ id: string }>(
    custodia(['case', 'add', '--title', 'Открытое дело', '--narrative-file', narrativeFile, '--status', 'sentenced', '--json']),
  ).id;
  ok(
    custodia([
      'person',
      'add',
      '--name',
      'Гүлнар Әбдіқадырова',
      '--alias',
      'Gulnar Abdikadyrova',
      '--confidentiality',
      'confidential',
      '--case',
      openCase,
      '--role',
      'witness',
    ]),
  );
  writeFileSync(path.join(dir, 'secret-note.txt'), 'Секретная записка', 'utf8');
  ok(custodia(['item', 'import', '--case', openCase, '--confidentiality', 'confidential', path.join(dir, 'secret-note.txt')]));
  const out = path.join(dir, 'confidential.pdf');
  const report = json<{ withheld: { exhibits: number; pseudonymisedPersons: number } }>(
    custodia(['export-dossier', '--case', openCase, '--out', out, '--lang', 'ru', '--json']),
  );
  assert.deepEqual([report.withheld.exhibits, report.withheld.pseudonymisedPersons], [1, 1]);
  const text = pdfText(out);
  assert.ok(text.includes('Лицо А видела задержание; Лицо А угрожали'), 'the narrative came from the file, names pseudonymised');
  assert.ok(!/Гүлнар|Әбдіқадырова|Абдикадыровой|Gulnar|Секретная/.test(text));
  const refused = custodia(['export-dossier', '--case', secretCase, '--out', path.join(dir, 'secret.pdf')]);
  assert.equal(refused.status, EXIT.refused);
  assert.match(refused.stderr, /marked confidential; include confidential cases to export it \(--include-confidential\)/);
  const badLevel = custodia(['person', 'add', '--name', 'X Y', '--confidentiality', 'secret']);
  assert.equal(badLevel.status, EXIT.usage);
  assert.match(badLevel.stderr, /confidentiality/);
  assert.match(ok(custodia(['--help'], false)), /--kind \(event add\) detention, charge, hearing/);
});
