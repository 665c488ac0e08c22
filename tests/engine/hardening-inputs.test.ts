// Issue #17, points 5, 6 and 7: paths from outside are opened once, never through a link, and
// must be regular files. A bag payload swapped for a link after validation is refused; FIFOs,
// devices, links and loops given to import are named and the batch goes on; a file that grows
// during import is refused; verify-dossier reads only bounded regular files (no /dev/zero, no FIFO).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';
import { cliEnv, runCli } from '../helpers/cli-run.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const root = tempDir('custodia-inputs-');
const vault = path.join(root, 'vault');
const env = cliEnv(root, vault);
let caseId: string;

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  caseId = archive.addCase({ title: 'Inputs' });
  archive.lock();
});
after(() => rmSync(root, { recursive: true, force: true }));

const itemCount = async () => {
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    return archive.getCase(caseId).items.length;
  } finally {
    archive.lock();
  }
};

test('a FIFO, /dev/zero, /dev/stdin or a link given as FILE: one clear line each, a non-zero exit, nothing imported', async () => {
  const fifo = path.join(root, 'pipe');
  execFileSync('mkfifo', [fifo]);
  const link = path.join(root, 'link.pdf');
  writeFileSync(path.join(root, 'target.pdf'), 'target');
  symlinkSync(path.join(root, 'target.pdf'), link);
  for (const [given, reason] of [
    [fifo, /a pipe \(FIFO\)/],
    ['/dev/zero', /a device/],
    ['/dev/stdin', /symbolic link|a device|a pipe/],
    [link, /a symbolic link/],
  ] as const) {
    const result = runCli(['item', 'import', '--case', caseId, given], env, 60_000);
    assert.equal(result.status, 1, `${given}: exit ${result.status} ${result.stderr}`);
    assert.match(result.stdout, reason, given);
  }
  assert.equal(await itemCount(), 0);
});

test('in a folder, links, loops and FIFOs are reported as skipped with the reason and the rest is imported', async () => {
  const folder = path.join(root, 'batch');
  mkdirSync(path.join(folder, 'sub'), { recursive: true });
  writeFileSync(path.join(folder, 'a-decision.txt'), 'decision');
  writeFileSync(path.join(folder, 'sub', 'b-answer.txt'), 'answer');
  symlinkSync('/etc/hostname', path.join(folder, 'c-link'));
  symlinkSync(path.join(folder, 'd-loop'), path.join(folder, 'd-loop'));
  execFileSync('mkfifo', [path.join(folder, 'e-fifo')]);
  const result = runCli(['--json', 'item', 'import', '--case', caseId, folder], env, 60_000);
  assert.equal(result.status, 1, 'some entries were skipped');
  const entries = JSON.parse(result.stdout) as Array<{ file: string; id?: string; error?: string }>;
  assert.equal(entries.filter((e) => e.id).length, 2);
  const skipped = Object.fromEntries(entries.filter((e) => e.error).map((e) => [path.basename(e.file), e.error!]));
  assert.match(skipped['c-link']!, /symbolic link/);
  assert.match(skipped['d-loop']!, /symbolic link/);
  assert.match(skipped['e-fifo']!, /FIFO/);
});

test('a file that grows while it is imported is refused, never stored truncated', async () => {
  const file = path.join(root, 'growing.bin');
  await writeRandomFile(file, 20 * 1024 * 1024);
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const before = archive.getCase(caseId).items.length;
    let appended = false;
    await assert.rejects(
      archive.importFile(caseId, file, {
        onProgress: () => {
          if (!appended) appendFileSync(file, 'a recording still being written');
          appended = true;
        },
      }),
      /changed while it was being imported/,
    );
    assert.equal(archive.getCase(caseId).items.length, before);
    assert.deepEqual(readdirSync(path.join(vault, 'tmp')), []);
  } finally {
    archive.lock();
  }
});

test('a bag payload swapped for a link to a file outside the bag after validation is refused, and the outside file is not stored', async () => {
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const source = archive.addCase({ title: 'Bag source' });
    const evidence = path.join(root, 'bag-evidence.txt');
    writeFileSync(evidence, 'what the bag really holds');
    await archive.importFile(source, evidence);
    const bag = path.join(root, 'bag');
    await archive.exportBag({ caseId: source, out: bag });
    const secret = path.join(root, 'outside-secret.txt');
    writeFileSync(secret, 'a file outside the bag that must never be read');
    const payload = path.join(bag, 'data', readdirSync(path.join(bag, 'data'))[0]!);
    const target = archive.addCase({ title: 'Target' });
    let swapped = false;
    await assert.rejects(
      archive.importBag(bag, {
        caseId: target,
        // The last progress report of validation: the moment between check and use.
        onProgress: (done, total) => {
          if (done === total && !swapped) {
            unlinkSync(payload);
            symlinkSync(secret, payload);
            swapped = true;
          }
        },
      }),
      /symbolic link/,
    );
    assert.ok(swapped);
    assert.equal(archive.getCase(target).items.length, 0);
    assert.equal(archive.searchAll({ query: 'outside' }).length, 0);
  } finally {
    archive.lock();
  }
});

test('verify-dossier on /dev/zero or a FIFO refuses at once, in bounded memory', () => {
  const fifo = path.join(root, 'dossier-pipe');
  execFileSync('mkfifo', [fifo]);
  for (const given of ['/dev/zero', fifo]) {
    const started = Date.now();
    const result = runCli(['verify-dossier', given], env, 30_000);
    assert.equal(result.status, EXIT.usage, `${given}: ${result.signal ?? ''} ${result.stderr}`);
    assert.match(result.stderr, /not a regular file/);
    assert.ok(Date.now() - started < 30_000);
  }
});
