import path from 'node:path';
import type { RecentVault } from '../../../shared/app-model.ts';
import type { VaultStatus } from '../../../shared/model.ts';
import type { Destinations } from '../destinations/registry.ts';
import { ArchiveError } from '../errors.ts';
import { inspectFolder } from '../vault/vault.ts';
import type { RecentVaults } from './recent-vaults.ts';

/** What the vault-folder channels need from the host. */
export interface VaultFolderHost {
  recent(): RecentVaults;
  destinations: Destinations;
  /** The user's vault folder in use (the demo vault is never in the recent list). */
  vaultDir(): string;
  /** The folder the app started with. */
  homeDir(): string;
  unlockedAt(folder: string): boolean;
  /** Locks whatever is open and makes `folder` the vault folder in use. */
  switchTo(folder: string): void;
  status(): Promise<VaultStatus>;
}

/**
 * True when `folder` once held a vault this computer opened (it is in the recent list) and now
 * holds none: an unplugged drive (its mount point absent or left empty) or a moved folder. Such a
 * folder is never offered for a new vault; the user locates the vault or removes it from the list.
 */
export async function isVaultGone(recent: RecentVaults, folder: string): Promise<boolean> {
  const state = await inspectFolder(folder);
  return (state === 'missing' || state === 'empty') && (await recent.has(folder));
}

export const goneMessage = (folder: string) =>
  `the vault folder ${folder} is missing (unplugged drive or moved?); locate it, or remove it from the list`;

/** Opening another vault, finding a moved one again, and the recent list. */
export function vaultFolderHandlers(host: VaultFolderHost) {
  return {
    // Another vault (or an empty folder to create one in) replaces the open one; it is locked first.
    // A recent entry comes by its path, a folder picked in the picker by its token.
    'vault.open': async (request: { folder: string } | { chosen: string }) => {
      const target = 'chosen' in request ? host.destinations.sourceFolderOf(request.chosen) : path.resolve(request.folder);
      const state = await inspectFolder(target);
      if (state === 'foreign')
        throw new ArchiveError('foreign-folder', `${target} holds other files and is not a vault; choose an empty folder or a vault`);
      host.switchTo(target);
      if (state === 'vault') await host.recent().remember(target);
      return host.status();
    },
    // "Locate it…": the folder picked must hold a vault; it opens and takes the missing entry's place.
    'vault.locate': async ({ missing, chosen }: { missing: string; chosen: string }) => {
      const target = host.destinations.sourceFolderOf(chosen);
      const state = await inspectFolder(target);
      if (state !== 'vault')
        throw new ArchiveError(
          'foreign-folder',
          state === 'empty' ? `${target} is empty; choose the folder that holds the vault` : `${target} is not a Custodia vault`,
        );
      host.switchTo(target);
      await host.recent().remember(target, missing);
      return host.status();
    },
    // "Remove from the list": the vault is only forgotten here (nothing on any disk is touched). When
    // it was the one in use, the app moves to the newest recent vault that is there, else to the
    // folder it started with.
    'vault.forget': async ({ folder }: { folder: string }) => {
      const resolved = path.resolve(folder);
      await host.recent().forget(resolved);
      if (resolved === path.resolve(host.vaultDir()) && !host.unlockedAt(resolved)) {
        let next = host.homeDir();
        for (const entry of await host.recent().list()) {
          if ((await inspectFolder(entry.folder)) !== 'vault') continue;
          next = entry.folder;
          break;
        }
        host.switchTo(next);
      }
      return host.status();
    },
    'vault.recent': async (): Promise<RecentVault[]> =>
      Promise.all(
        (await host.recent().list()).map(async (entry) => {
          const current = entry.folder === path.resolve(host.vaultDir());
          const state = host.unlockedAt(entry.folder) ? 'unlocked' : (await inspectFolder(entry.folder)) === 'vault' ? 'locked' : 'missing';
          return { ...entry, state, current };
        }),
      ),
  };
}
