import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../electron/archive/index.ts';
import type { ChosenDestination, FolderListing } from '../../shared/destinations.ts';
import type { DossierExportResult, JobStatus } from '../../shared/model.ts';
import type { Result } from '../../shared/result.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir('custodia-jobs-');
after(() => rmSync(dir, { recursive: true, force: true }));

async function value<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

async function finished(host: ArchiveHost, jobId: string): Promise<JobStatus> {
  for (;;) {
    const status = await value<JobStatus>(host.call('jobs.status', { jobId }));
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a dossier export runs as a job with progress and lands in the chosen folder, never in the vault', async () => {
  const vault = path.join(dir, 'vault');
  const exports = path.join(dir, 'Мои экспорты');
  mkdirSync(exports);
  symlinkSync(vault, path.join(dir, 'looks-harmless'));
  // The folder browser of browser mode, confined to this test's folder.
  const host = new ArchiveHost(vault, { exportRoots: [dir] });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const { id: caseId } = await value<{ id: string }>(
    host.call('cases.add', { title: 'Дело Әділбекұлы / 2024', reference: 'АЛ-2024/0301', status: 'sentenced' }),
  );
  const { fileName } = await value<{ fileName: string }>(host.call('dossier.defaults', { caseId }));
  assert.match(fileName, /^dossier-АЛ-2024-0301-\d{4}-\d{2}-\d{2}\.pdf$/);

  // The renderer cannot name a path: not as `folder`, not in place of a token.
  for (const request of [
    { caseId, folder: exports },
    { caseId, destination: exports },
    { caseId, destination: '\\\\host\\share\\exports' },
    { caseId, destination: 'A'.repeat(43), fileName: '../../etc/passwd' },
  ]) {
    const refused = await host.call('dossier.export', request);
    assert.equal(refused.ok ? '' : refused.error.kind, 'validation', JSON.stringify(request));
  }
  const notGranted = await host.call('dossier.export', { caseId, destination: 'A'.repeat(43) });
  assert.match(notGranted.ok ? '' : notGranted.error.message, /choose the export folder again/);

  // Browsing lists the test folder's subfolders by handle; hidden and vault-bound links are not offered.
  const top = await value<FolderListing>(host.call('destinations.browse', {}));
  assert.equal(top.path, dir);
  assert.deepEqual(
    top.folders.map((folder) => folder.name),
    ['looks-harmless', 'vault', 'Мои экспорты'],
  );
  // The vault and a link into it are listed (they are folders under the root) but cannot be chosen.
  for (const name of ['vault', 'looks-harmless']) {
    const at = top.folders.find((folder) => folder.name === name)!.handle;
    const chosen = await host.call('destinations.choose', { at });
    assert.match(chosen.ok ? '' : chosen.error.message, /inside the vault folder/, name);
  }
  // What the desktop's native dialog does with the path it gets: the same checks.
  await assert.rejects(host.destinations.grant('\\\\fileserver\\evidence'), /network folders/);
  await assert.rejects(host.destinations.grant(path.join(dir, 'looks-harmless')), /inside the vault folder/);

  const { destination, folder } = await value<ChosenDestination>(
    host.call('destinations.choose', { at: top.folders.find((entry) => entry.name === 'Мои экспорты')!.handle }),
  );
  assert.equal(folder, exports);
  const { jobId } = await value<{ jobId: string }>(host.call('dossier.export', { caseId, destination, fileName, language: 'ru' }));
  const done = await finished(host, jobId);
  assert.equal(done.state, 'done', JSON.stringify(done.error));
  const result = done.result as DossierExportResult;
  assert.equal(result.file, path.join(exports, fileName));
  assert.equal(host.destinations.outputFile(result.output), result.file, '"Open" reaches the file by its token');
  assert.ok(result.pages >= 3);
  execFileSync('qpdf', ['--check', result.file], { stdio: 'ignore' });
  assert.deepEqual(readdirSync(exports), [path.basename(result.file)], 'no temp file left beside it');

  // A second export never overwrites the first; a name the user typed gets ".pdf".
  const again = await finished(host, (await value<{ jobId: string }>(host.call('dossier.export', { caseId, destination }))).jobId);
  assert.equal((again.result as DossierExportResult).file, path.join(exports, fileName.replace(/\.pdf$/, '-2.pdf')));
  const named = await finished(
    host,
    (await value<{ jobId: string }>(host.call('dossier.export', { caseId, destination, fileName: 'для суда' }))).jobId,
  );
  assert.equal((named.result as DossierExportResult).file, path.join(exports, 'для суда.pdf'));

  // The chosen folder is swapped for a link into the vault before the next export: refused.
  renameSync(exports, `${exports}-old`);
  symlinkSync(vault, exports);
  const swapped = await host.call('dossier.export', { caseId, destination });
  assert.match(swapped.ok ? '' : swapped.error.message, /inside the vault folder/);
  const audit = await host.call('integrity.audit', { destination });
  assert.match(audit.ok ? '' : audit.error.message, /inside the vault folder/);

  const unknown = await host.call('jobs.status', { jobId: '00000000-0000-4000-8000-000000000000' });
  assert.equal(unknown.ok ? '' : unknown.error.kind, 'not-found');

  host.lock();
  const afterLock = await host.call('jobs.status', { jobId });
  assert.equal(afterLock.ok, false, 'job records (which name files and cases) go with the lock');
});
