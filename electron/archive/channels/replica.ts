import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReplicaView, RestoreResult } from '../../../shared/replica.ts';
import type { ReplicaRestore } from '../../../shared/schemas.ts';
import { Archive, type ArchiveOptions } from '../archive.ts';
import { ArchiveError } from '../errors.ts';
import { restoreReplica } from '../replica/restore.ts';
import { syncthingStatus } from '../replica/syncthing.ts';
import type { UnlockThrottle } from '../vault/unlock-throttle.ts';
import type { Unlocker } from '../vault/vault.ts';
import { byteProgress, type HostContext } from './context.ts';

/** The replica's state and Syncthing's view of it, for Settings → Replica and the sidebar. */
async function replicaView(archive: Archive): Promise<ReplicaView> {
  // A flush still waiting for its turn of the event loop runs now: the window is never shown a stale state.
  const state = archive.replica.flush();
  return { ...state, syncthing: state.dir ? await syncthingStatus(state.dir) : null };
}

/** What a restore needs from the host beyond the channel context. */
export interface RestoreHost {
  options: () => ArchiveOptions;
  /** The unlock form's throttle: a restore is one more guess at the passphrase, and waits like one. */
  throttle: UnlockThrottle;
}

/** Removes what a failed or cancelled restore wrote into `folder` (it held only `before` when the restore began). */
async function discardRestored(folder: string, before: ReadonlySet<string>): Promise<void> {
  for (const name of await fs.readdir(folder).catch(() => [])) {
    if (!before.has(name)) await fs.rm(path.join(folder, name), { recursive: true, force: true });
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}${path.sep}`);

/**
 * The replica's channels. Folders arrive only as folder-picker tokens: the replica to write as an
 * export folder (checked outside the vault, on a local disk), the replica to restore from and the
 * new vault's folder as folders picked to read from or to make a vault in, which the first-run
 * screen can pick while no vault is unlocked. A restore rebuilds the vault into the empty folder,
 * then opens it once to verify every file; cancelled or failed, it leaves the folder as it was.
 */
export function replicaHandlers(host: HostContext, restore: RestoreHost) {
  return {
    'replica.status': async () => replicaView(host.unlocked()),
    'replica.designate': async ({ destination }: { destination: string }) => {
      const archive = host.unlocked();
      const state = archive.replica.designate(await host.destinations.folderOf(destination));
      if (state.error) throw new ArchiveError('io', state.error);
      return replicaView(archive);
    },
    'replica.prune': async ({ keep }: { keep: number; confirm: true }) => {
      const archive = host.unlocked();
      archive.replica.flush();
      const removed = archive.replica.prune(keep);
      return { ...(await replicaView(archive)), removed };
    },
    'replica.restore': async (input: ReplicaRestore) => {
      const from = host.destinations.sourceFolderOf(input.replica, 'the replica folder');
      const into = host.destinations.sourceFolderOf(input.into, 'the folder for the restored vault');
      if (within(into, from)) throw new ArchiveError('validation', `${into} is inside the replica; choose a folder outside it`);
      const secret: Unlocker = 'passphrase' in input ? { passphrase: input.passphrase } : { recoveryKey: input.recoveryKey };
      const options = restore.options();
      return host.jobs.start('restore', async (report, signal): Promise<RestoreResult> => {
        const before = new Set(await fs.readdir(into));
        const copying = byteProgress(report, signal, 'copying');
        const restored = await restore.throttle.attempt(() => restoreReplica(from, into, secret, options.crypto, copying));
        try {
          if (signal.aborted) throw new ArchiveError('io', 'cancelled; nothing was kept');
          const checking = byteProgress(report, signal, 'checking');
          const archive = await Archive.unlock(restored.vault, secret, options);
          try {
            const audit = await archive.verify({
              onProgress: (_done, _total, progress) => checking(progress.doneBytes, progress.totalBytes),
            });
            const { vault: folder, vaultId: _vaultId, ...state } = restored;
            return {
              ...state,
              folder,
              items: archive.countItems(),
              verified: audit.ok,
              problems: audit.problems.map((problem) => problem.message),
            };
          } finally {
            archive.lock();
          }
        } catch (error) {
          // Cancelled while checking: a restore nobody checked is not kept (the folder is as it was).
          await discardRestored(into, before);
          throw error;
        }
      });
    },
  };
}
