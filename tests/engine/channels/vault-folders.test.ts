import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../../electron/archive/index.ts';
import type { FolderListing } from '../../../shared/destinations.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { value } from '../../helpers/host-calls.ts';

/**
 * A vault folder that went missing (unplugged drive, moved folder) is said to be missing and is
 * never offered for a new vault; "Locate it…" opens the vault where it now is and replaces the
 * recent entry; "Remove from the list" forgets it and goes back to the folder the app started with.
 */
const dir = realpathSync(tempDir('custodia-vault-folders-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Status = { state: string; folder: string; gone?: boolean };
type Recent = Array<{ folder: string; state: string; current: boolean }>;

/** Picks `name` (a folder right under the browser's root) through the engine's folder browser, as the page does. */
async function pick(host: ArchiveHost, name: string, purpose: 'vault' | 'export' = 'vault') {
  const root = await value<FolderListing>(host.call('destinations.browse', {}));
  const entry = root.folders.find((folder) => folder.name === name);
  assert.ok(entry, `${name} is listed`);
  return host.call('destinations.choose', { at: entry.handle, purpose });
}

test('a missing vault folder is named missing, offered to be located or removed, never to be created in', async () => {
  const home = path.join(dir, 'home-vault');
  const usb = path.join(dir, 'usb-vault');
  const host = new ArchiveHost(home, { recentVaultsFile: path.join(dir, 'recent.json'), exportRoots: [dir] });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  await value(host.call('vault.open', { folder: usb }));
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  host.lock();

  // The drive is unplugged: the folder is gone; then its mount point comes back empty.
  renameSync(usb, path.join(dir, 'usb-moved'));
  const missing = await value<Status>(host.call('vault.status', {}));
  assert.deepEqual(missing, { state: 'missing', folder: usb, gone: true });
  const refused = await host.call('vault.create', { passphrase: PASSPHRASE });
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.error.message, /usb-vault is missing \(unplugged drive or moved\?\)/);
  assert.equal(existsSync(usb), false, 'nothing was created where the vault was');
  mkdirSync(usb);
  assert.equal((await value<Status>(host.call('vault.status', {}))).gone, true, 'an empty mount point is still a missing vault');
  assert.equal((await host.call('vault.create', { passphrase: PASSPHRASE })).ok, false);
  assert.deepEqual(readdirSync(usb), []);

  // A folder that is empty, or an export grant, does not locate it; the moved vault does.
  mkdirSync(path.join(dir, 'empty'));
  const emptyChoice = await value<{ destination: string }>(pick(host, 'empty'));
  const notVault = await host.call('vault.locate', { missing: usb, chosen: emptyChoice.destination });
  assert.match(notVault.ok ? '' : notVault.error.message, /empty; choose the folder that holds the vault/);
  const exportWhileLocked = await pick(host, 'usb-moved', 'export');
  assert.equal(exportWhileLocked.ok ? '' : exportWhileLocked.error.kind, 'locked');
  const moved = await value<{ destination: string; folder: string }>(pick(host, 'usb-moved'));
  const located = await value<Status>(host.call('vault.locate', { missing: usb, chosen: moved.destination }));
  assert.deepEqual(located, { state: 'locked', folder: path.join(dir, 'usb-moved') });
  const recent = await value<Recent>(host.call('vault.recent', {}));
  assert.deepEqual(
    recent.map((entry) => [entry.folder, entry.state, entry.current]),
    [
      [path.join(dir, 'usb-moved'), 'locked', true],
      [home, 'locked', false],
    ],
  );
  await value(host.call('vault.unlock', { passphrase: PASSPHRASE }));
  host.lock();

  // Moved again, and this time removed from the list: the app goes back to the folder it started with.
  renameSync(path.join(dir, 'usb-moved'), path.join(dir, 'usb-elsewhere'));
  assert.equal((await value<Status>(host.call('vault.status', {}))).gone, true);
  const forgotten = await value<Status>(host.call('vault.forget', { folder: path.join(dir, 'usb-moved') }));
  assert.deepEqual(forgotten, { state: 'locked', folder: home });
  assert.deepEqual(
    (await value<Recent>(host.call('vault.recent', {}))).map((entry) => entry.folder),
    [home],
  );

  // A folder picked in the picker opens by its token; an unknown token is refused.
  const chosen = await value<{ destination: string }>(pick(host, 'usb-elsewhere'));
  assert.equal((await value<Status>(host.call('vault.open', { chosen: chosen.destination }))).folder, path.join(dir, 'usb-elsewhere'));
  const unknown = await host.call('vault.open', { chosen: 'A'.repeat(43) });
  assert.match(unknown.ok ? '' : unknown.error.message, /choose the vault folder again/);
  host.lock();
});

test('a folder never opened as a vault is still offered for a new one (first run)', async () => {
  const fresh = path.join(dir, 'fresh');
  const host = new ArchiveHost(fresh, { recentVaultsFile: path.join(dir, 'recent-fresh.json') });
  assert.deepEqual(await value<Status>(host.call('vault.status', {})), { state: 'missing', folder: fresh });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  host.lock();
});
