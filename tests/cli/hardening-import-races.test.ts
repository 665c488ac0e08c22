// Issue #17, points 3 and 4, through real processes: two `custodia import-package` of one package
// at the same moment make one case (the second names the first); two processes importing one file
// into one case make one item (the second says it is already there); a signed package whose item
// size is not a whole number is refused at once instead of spinning forever.
import assert from 'node:assert/strict';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { CHUNK_BYTES, HEADER_BYTES } from '../../electron/archive/blobs/format.ts';
import { TAG_BYTES } from '../../electron/archive/crypto/index.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';
import { cliEnv, runCli, runCliAsync } from '../helpers/cli-run.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';
import { genuineManifest, writeRawPackage } from '../helpers/raw-package.ts';
import { sessionOf } from '../helpers/vault-internals.ts';

const dir = tempDir('custodia-import-races-');
const recipientDir = path.join(dir, 'recipient');
const env = cliEnv(dir, recipientDir);
let sender: Archive;
let caseId: string;
let recipientKey: string;
const ROUNDS = 3;

before(async () => {
  sender = (await Archive.create(path.join(dir, 'sender'), PASSPHRASE)).archive;
  const recipient = (await Archive.create(recipientDir, PASSPHRASE)).archive;
  recipientKey = recipient.receivingPublicKey;
  recipient.lock();
  caseId = sender.addCase({ title: 'Дело о забастовке' });
  // Items of some megabytes, so two imports of one package overlap in time.
  for (const name of ['video-1.mp4', 'video-2.mp4']) {
    await writeRandomFile(path.join(dir, name), 6 * 1024 * 1024);
    await sender.importFile(caseId, path.join(dir, name));
  }
});
after(() => {
  sender?.lock();
  rmSync(dir, { recursive: true, force: true });
});

const listJson = <T>(args: string[]): T => {
  const run = runCli(['--json', ...args], env);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
};

test('a signed package whose item size is not a whole number is refused at once, naming the field', async () => {
  const manifest = genuineManifest(sender, caseId, recipientKey);
  manifest.items[0]!.size = (manifest.items[0]!.size as number) + 0.5;
  const file = path.join(dir, 'fractional.cstd');
  await writeRawPackage(
    sender,
    manifest,
    manifest.items.map((item) => String(item.id)),
    recipientKey,
    file,
  );
  const started = Date.now();
  const run = runCli(['import-package', file], env, 60_000);
  const seconds = (Date.now() - started) / 1000;
  assert.notEqual(run.signal, 'SIGTERM', `import-package was still running after ${seconds.toFixed(0)} s (it spins)`);
  assert.equal(run.status, EXIT.usage, run.stderr);
  assert.match(run.stderr, /nothing was imported: items\[0\]\.size: must be a whole number of bytes/);
  assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
  assert.equal(listJson<unknown[]>(['case', 'list']).length, 0, 'no case');
});

test('two import-package of one package at the same moment: one case, the second names it', async (t) => {
  for (let round = 0; round < ROUNDS; round++) {
    const file = path.join(dir, `round-${round}.cstd`);
    await sender.exportPackage(caseId, recipientKey, file);
    const runs = await Promise.all([runCliAsync(['import-package', file], env), runCliAsync(['import-package', file], env)]);
    for (const run of runs) assert.equal(run.status, 0, run.stderr);
    const created = runs.filter((run) => /^Imported package/m.test(run.stdout));
    const named = runs.filter((run) => /was already imported into case/.test(run.stdout));
    assert.equal(created.length, 1, `round ${round}: one process made the case (${runs.map((r) => r.stdout).join(' | ')})`);
    assert.equal(named.length, 1, `round ${round}: the other said it was already imported`);
    const caseOf = /into case ([0-9a-f-]{36})/;
    assert.equal(caseOf.exec(named[0]!.stdout)![1], caseOf.exec(created[0]!.stdout)![1], 'and named that case');
    assert.equal(listJson<unknown[]>(['case', 'list']).length, round + 1, `round ${round}: one more case, not two`);
  }
  t.diagnostic(`${ROUNDS} rounds of two parallel imports of one package`);
});

/** The `.part` temp blobs being written in the vault, with their size. */
const tempBlobs = () =>
  readdirSync(path.join(recipientDir, 'tmp'))
    .filter((name) => name.endsWith('.part'))
    .flatMap((name) => {
      const stat = statSync(path.join(recipientDir, 'tmp', name), { throwIfNoEntry: false });
      return stat ? [{ pid: name.split('-')[0], size: stat.size }] : [];
    });

test('two processes importing one file into one case while the write lock is busy: one item, the second says it is already in this case', async (t) => {
  const run = runCli(['--json', 'case', 'add', '--title', 'Одна улика'], env);
  assert.equal(run.status, 0, run.stderr);
  const target = String((JSON.parse(run.stdout) as { id: string }).id);
  // A third connection holds the catalog's write lock from the moment both processes write their
  // temp blobs until both are written, as a long commit of another process would: both then wait to
  // record the same content at once, and only a duplicate check under the lock finds the other's item.
  const holder = await Archive.unlock(recipientDir, { passphrase: PASSPHRASE });
  const db = sessionOf(holder).db;
  const SIZE = 64 * 1024 * 1024;
  const encrypted = HEADER_BYTES + SIZE + Math.ceil(SIZE / CHUNK_BYTES) * TAG_BYTES;
  let contended = 0;
  try {
    for (let round = 0; round < 6 && contended < 1; round++) {
      const file = path.join(dir, `evidence-${round}.bin`);
      await writeRandomFile(file, SIZE);
      t.diagnostic(`round ${round}`);
      let finished = false;
      const runs = Promise.all([0, 1].map(() => runCliAsync(['item', 'import', '--case', target, file], env))).finally(
        () => (finished = true),
      );
      let held = false;
      for (const deadline = Date.now() + 60_000; !finished && Date.now() < deadline; await sleep(5)) {
        const writing = tempBlobs();
        if (!held && new Set(writing.map((w) => w.pid)).size === 2) {
          db.prepare('BEGIN IMMEDIATE').run();
          held = true;
          // Both still writing once the lock is ours: neither has recorded anything yet.
          if (tempBlobs().length < 2) break;
        }
        if (held && writing.length === 2 && writing.every((w) => w.size === encrypted)) {
          await sleep(1000); // fsynced, closed and waiting for the lock
          contended++;
          break;
        }
      }
      if (held) db.prepare('COMMIT').run();
      const results = await runs;
      for (const r of results) assert.equal(r.status, 0, r.stderr);
      const items = listJson<unknown[]>(['item', 'list', '--case', target]).length;
      assert.equal(items, round + 1, `round ${round}: one item, not two (${results.map((r) => r.stdout.trim()).join(' | ')})`);
      assert.equal(results.filter((r) => /already in this case/.test(r.stdout)).length, 1, `round ${round}`);
    }
  } finally {
    holder.lock();
  }
  assert.ok(contended >= 1, 'at least one round had both processes waiting for the lock at once');
  t.diagnostic(`${contended} round(s) with both processes waiting to record the same file at once`);
});
