import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { finished, value } from '../helpers/host-calls.ts';

const dir = tempDir('custodia-jobs-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('a dossier export runs as a job with progress and lands in the chosen folder, never in the vault', async () => {
  const vault = path.join(dir, 'vault');
  const host = new ArchiveHost(vault);
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const { id: caseId } = await value<{ id: string }>(
    host.call('cases.add', { title: 'Дело Әділбекұлы / 2024', reference: 'АЛ-2024/0301', status: 'sentenced' }),
  );
  const { folder } = await value<{ folder: string }>(host.call('dossier.defaults', {}));
  assert.ok(path.isAbsolute(folder));

  const inside = await host.call('dossier.export', { caseId, folder: path.join(vault, 'exports') });
  assert.match(inside.ok ? '' : inside.error.message, /inside the vault folder; a dossier is plaintext/);
  assert.ok(!existsSync(path.join(vault, 'exports')), 'not even the folder was made');
  const audit = await host.call('integrity.audit', { folder: vault });
  assert.match(audit.ok ? '' : audit.error.message, /inside the vault folder; an audit report is plaintext/);

  const exports = path.join(dir, 'Мои экспорты');
  const { jobId } = await value<{ jobId: string }>(host.call('dossier.export', { caseId, folder: exports, language: 'ru' }));
  const done = await finished(host, jobId);
  assert.equal(done.state, 'done', JSON.stringify(done.error));
  const result = done.result as { file: string; pages: number; sha256: string };
  assert.equal(path.dirname(result.file), exports);
  assert.match(path.basename(result.file), /^dossier-АЛ-2024-0301-\d{4}-\d{2}-\d{2}\.pdf$/);
  assert.ok(result.pages >= 3);
  execFileSync('qpdf', ['--check', result.file], { stdio: 'ignore' });
  assert.deepEqual(readdirSync(exports), [path.basename(result.file)], 'no temp file left beside it');

  // A second export never overwrites the first.
  const again = await finished(host, (await value<{ jobId: string }>(host.call('dossier.export', { caseId, folder: exports }))).jobId);
  assert.notEqual((again.result as { file: string }).file, result.file);
  assert.ok(existsSync(result.file));

  const bad = await host.call('dossier.export', { caseId, folder: 'relative/path' });
  assert.match(bad.ok ? '' : bad.error.message, /full path/);
  const unknown = await host.call('jobs.status', { jobId: '00000000-0000-4000-8000-000000000000' });
  assert.equal(unknown.ok ? '' : unknown.error.kind, 'not-found');

  host.lock();
  const afterLock = await host.call('jobs.status', { jobId });
  assert.equal(afterLock.ok, false, 'job records (which name files and cases) go with the lock');
});
