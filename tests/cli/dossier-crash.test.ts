import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';

/**
 * `kill -9` of `custodia export-dossier` at moments spread over its whole run: the target name
 * either does not exist or holds a complete dossier that verify-dossier calls intact — never a
 * complete-looking but truncated file.
 */
const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const RUNS = 12;
const dir = tempDir('custodia-dossier-crash-');
const vault = path.join(dir, 'vault');
const env = { PATH: process.env.PATH, HOME: dir, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE };

function custodia(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '', env });
  assert.equal(result.status, 0, `custodia ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

let caseId = '';
let fullRunMs = 0;

before(async () => {
  custodia(['init', vault]);
  caseId = (JSON.parse(custodia(['case', 'add', '--title', 'Іс Қасымұлы', '--json'])) as { id: string }).id;
  const pages = Array.from({ length: 60 }, (_, n) => [`Ruling, page ${n + 1}`, 'The court finds as follows.']);
  writeFileSync(path.join(dir, 'ruling.pdf'), makePdf(pages));
  await writeRandomFile(path.join(dir, 'hearing.mp4'), 40 * 1024 * 1024);
  custodia(['item', 'import', '--case', caseId, path.join(dir, 'ruling.pdf'), path.join(dir, 'hearing.mp4')]);
  const started = Date.now();
  custodia(['export-dossier', '--case', caseId, '--attach-media', '--out', path.join(dir, 'reference.pdf')]);
  fullRunMs = Date.now() - started;
});
after(() => rmSync(dir, { recursive: true, force: true }));

test(`kill -9 at ${RUNS} moments of an export never leaves a truncated dossier under the target name`, async (t) => {
  let complete = 0;
  for (let run = 0; run < RUNS; run++) {
    const out = path.join(dir, `run-${run}`);
    mkdirSync(out);
    const target = path.join(out, 'dossier.pdf');
    const child = spawn(process.execPath, [BIN, 'export-dossier', '--case', caseId, '--attach-media', '--out', target], {
      env,
      stdio: 'ignore',
    });
    // Listened for at once: on a fast run the export may end before the kill.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // From just after start to just before the end of a full run.
    const delay = Math.round(((run + 0.5) / RUNS) * fullRunMs);
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    await exited;
    if (!existsSync(target)) {
      assert.ok(
        readdirSync(out).every((name) => name.endsWith('.partial')),
        `only a temporary .partial file may remain: ${readdirSync(out).join(', ')}`,
      );
      continue;
    }
    complete++;
    const verified = spawnSync(process.execPath, [BIN, 'verify-dossier', target, '--json'], { encoding: 'utf8', env: { PATH: env.PATH } });
    assert.equal(verified.status, 0, `a dossier under the target name must be complete and intact: ${verified.stdout}${verified.stderr}`);
  }
  t.diagnostic(`full export ${fullRunMs} ms; ${RUNS} kills, ${complete} finished before the kill`);
});
