// The replica's channels as the window calls them (both transports share ArchiveHost): designate a
// folder chosen in the folder picker, read the state, prune only with the explicit confirmation (logged),
// and restore from the first-run screen while no vault is open: folders picked while locked, a job
// with progress that verifies, a cancel that leaves the folder as it was.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../../electron/archive/index.ts';
import type { FolderListing } from '../../../shared/destinations.ts';
import type { ReplicaView, RestoreResult } from '../../../shared/replica.ts';
import type { CustodyEventView } from '../../../shared/model.ts';
import type { Result } from '../../../shared/result.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { finished, value } from '../../helpers/host-calls.ts';

const dir = tempDir('custodia-replica-channels-');
// No Syncthing on this "computer": the status says so instead of reading the user's own configuration.
process.env.STHOMEDIR = path.join(dir, 'no-syncthing');
after(() => rmSync(dir, { recursive: true, force: true }));

const refusal = async (promise: Promise<Result<unknown>>) => {
  const result = await promise;
  return result.ok ? 'accepted' : `${result.error.kind}: ${result.error.message}`;
};

async function upload(host: ArchiveHost, caseId: string, name: string, bytes: Buffer): Promise<void> {
  const { uploadId } = await value<{ uploadId: string }>(host.call('imports.begin', { caseId, name, size: bytes.length, metadata: {} }));
  await value(host.call('imports.chunk', { uploadId, offset: 0, bytes: new Uint8Array(bytes) }));
  await value(host.call('imports.finish', { uploadId }));
}

/** The folder picker as the window works it: browse from the root, then choose one folder by its handle. */
async function pick(host: ArchiveHost, name: string, purpose: 'replica' | 'restore' | 'vault') {
  const listing = await value<FolderListing>(host.call('destinations.browse', {}));
  const handle = listing.folders.find((folder) => folder.name === name)?.handle;
  assert.ok(handle, `${name} is listed`);
  return host.call('destinations.choose', { at: handle, purpose });
}

test('Settings → Replica, then a restore from the first-run screen into a new vault that verifies', async () => {
  const vault = path.join(dir, 'vault');
  for (const folder of ['replica', 'other', 'restored', 'cancelled']) mkdirSync(path.join(dir, folder));
  const host = new ArchiveHost(vault, { exportRoots: [dir], recentVaultsFile: path.join(dir, 'recent.json') });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const { id: caseId } = await value<{ id: string }>(host.call('cases.add', { title: 'Дело Әділбекұлы' }));
  await upload(host, caseId, 'decision.pdf', Buffer.from('%PDF-1.4 the decision of the court'));
  const before = await value<ReplicaView>(host.call('replica.status', {}));
  assert.deepEqual(before, { dir: null, generation: 0, seq: 0, lastWrittenAt: null, error: null, syncthing: null });

  // A path in place of a token is refused; so is a source token (a folder picked only to be read).
  assert.match(await refusal(host.call('replica.designate', { destination: path.join(dir, 'replica') })), /folder picker/);
  const source = await value<{ destination: string }>(pick(host, 'replica', 'restore'));
  assert.match(await refusal(host.call('replica.designate', { destination: source.destination })), /choose the export folder again/);
  const chosen = await value<{ destination: string; folder: string }>(pick(host, 'replica', 'replica'));
  const view = await value<ReplicaView>(host.call('replica.designate', { destination: chosen.destination }));
  assert.equal(view.dir, path.join(dir, 'replica'));
  assert.ok(view.generation >= 1 && view.lastWrittenAt !== null);
  assert.equal(view.error, null);
  assert.deepEqual(view.syncthing, {
    available: false,
    cause: 'not-configured',
    reason: `no Syncthing configuration at ${path.join(dir, 'no-syncthing', 'config.xml')}`,
  });

  // A folder that is another vault's replica: refused in one line.
  writeFileSync(
    path.join(dir, 'other', 'custodia-replica.json'),
    JSON.stringify({
      format: 'custodia-replica',
      version: 1,
      vaultId: '00000000-0000-4000-8000-000000000000',
      publicKey: 'ab'.repeat(32),
      createdAt: new Date().toISOString(),
    }),
  );
  const other = await value<{ destination: string }>(pick(host, 'other', 'replica'));
  assert.match(
    await refusal(host.call('replica.designate', { destination: other.destination })),
    /^foreign-folder: .* is already the replica of another vault/,
  );

  // Prune: refused without the explicit confirmation; with it, recorded in the custody log.
  await value(host.call('cases.edit', { caseId, title: 'Дело Әділбекұлы (2)' }));
  const edited = await value<ReplicaView>(host.call('replica.status', {}));
  assert.ok(edited.generation > view.generation, `generation ${edited.generation} after ${view.generation}: ${edited.error}`);
  assert.match(await refusal(host.call('replica.prune', { keep: 1 })), /confirm/);
  assert.match(await refusal(host.call('replica.prune', { keep: 0, confirm: true })), /keep/);
  const pruned = await value<ReplicaView & { removed: { states: number } }>(host.call('replica.prune', { keep: 1, confirm: true }));
  assert.ok(pruned.removed.states >= 1);
  const custody = await value<CustodyEventView[]>(host.call('cases.custody', { id: caseId }));
  assert.ok(custody.length > 0);
  await value(host.call('vault.lock', {}));

  // First-run: no vault open. The replica's channels need one; the picker still chooses folders to
  // read from or to make a vault in, never a folder to write an export or a replica into.
  assert.match(await refusal(host.call('replica.status', {})), /^locked:/);
  assert.match(await refusal(pick(host, 'restored', 'replica')), /^locked:/);
  const from = await value<{ destination: string }>(pick(host, 'replica', 'restore'));
  const into = await value<{ destination: string }>(pick(host, 'restored', 'vault'));
  const nested = await value<{ destination: string }>(pick(host, 'replica', 'vault'));
  assert.match(
    await refusal(host.call('replica.restore', { replica: from.destination, into: nested.destination, passphrase: PASSPHRASE })),
    /inside the replica/,
  );

  const wrong = await value<{ jobId: string }>(
    host.call('replica.restore', { replica: from.destination, into: into.destination, passphrase: 'not the passphrase' }),
  );
  const failed = await finished(host, wrong.jobId);
  assert.equal(failed.state, 'failed');
  assert.equal(failed.error?.kind, 'wrong-passphrase');
  assert.deepEqual(readdirSync(path.join(dir, 'restored')), []);

  // Cancelled at once: the folder is left as it was (empty), whichever step the cancel met.
  const target = await value<{ destination: string }>(pick(host, 'cancelled', 'vault'));
  const stopped = await value<{ jobId: string }>(
    host.call('replica.restore', { replica: from.destination, into: target.destination, passphrase: PASSPHRASE }),
  );
  await value(host.call('jobs.cancel', { jobId: stopped.jobId }));
  const cancelled = await finished(host, stopped.jobId);
  assert.equal(cancelled.state, 'cancelled', JSON.stringify(cancelled));
  assert.deepEqual(readdirSync(path.join(dir, 'cancelled')), []);

  const { jobId } = await value<{ jobId: string }>(
    host.call('replica.restore', { replica: from.destination, into: into.destination, passphrase: PASSPHRASE }),
  );
  const done = await finished(host, jobId);
  assert.equal(done.state, 'done', JSON.stringify(done));
  const result = done.result as RestoreResult;
  assert.equal(result.folder, path.join(dir, 'restored'));
  assert.equal(result.verified, true, result.problems.join('; '));
  // The newest state: the one after the prune, or the last flush as the vault locked.
  assert.ok(result.generation >= pruned.generation, `restored ${result.generation}, pruned at ${pruned.generation}`);
  assert.deepEqual([result.items, result.blobs], [1, 1]);
  assert.deepEqual(result.skipped, []);
  assert.equal(done.progress?.phase, 'checking');

  // The window opens the restored vault by the same token and unlocks it with the same secret.
  await value(host.call('vault.open', { chosen: into.destination }));
  const opened = await value<{ state: string; folder: string }>(host.call('vault.unlock', { passphrase: PASSPHRASE }));
  assert.deepEqual([opened.state, opened.folder], ['unlocked', path.join(dir, 'restored')]);
  const cases = await value<Array<{ title: string; itemCount: number }>>(host.call('cases.list', {}));
  assert.deepEqual(
    cases.map((c) => [c.title, c.itemCount]),
    [['Дело Әділбекұлы (2)', 1]],
  );
  // The restored vault does not write into the replica it came from.
  assert.equal((await value<ReplicaView>(host.call('replica.status', {}))).dir, null);
  await host.close(1000);
});

test('replica.status is not activity: polling it does not keep the vault from locking itself', async () => {
  const host = new ArchiveHost(path.join(dir, 'idle'), { idleLockMs: 400, recentVaultsFile: path.join(dir, 'recent.json') });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const deadline = Date.now() + 5000;
  let answer = await host.call('replica.status', {});
  while (answer.ok && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await host.call('replica.status', {});
  }
  assert.equal(answer.ok ? 'still unlocked' : answer.error.kind, 'locked');
  await host.close(1000);
});
