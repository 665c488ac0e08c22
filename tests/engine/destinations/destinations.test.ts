import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkDestination, isNetworkPath } from '../../../electron/archive/destinations/checks.ts';
import { FolderBrowser } from '../../../electron/archive/destinations/folder-browser.ts';
import { Destinations } from '../../../electron/archive/destinations/registry.ts';
import { isArchiveError } from '../../../electron/archive/errors.ts';

/*
 * Export destinations: the renderer holds tokens, never paths. Real folders and symlinks in a
 * temporary "home" and a temporary "vault".
 */

async function sandbox(): Promise<{ home: string; vault: string; outside: string; done: () => Promise<void> }> {
  const top = await realpath(await mkdtemp(path.join(os.tmpdir(), 'custodia-destinations-')));
  const home = path.join(top, 'home');
  const vault = path.join(home, '.config', 'Custodia', 'vault');
  const outside = path.join(top, 'elsewhere');
  for (const dir of [home, vault, outside, path.join(home, 'Documents', 'Exports')]) mkdirSync(dir, { recursive: true });
  return { home, vault, outside, done: () => rm(top, { recursive: true, force: true }) };
}

const refusal = (pattern: RegExp) => (error: unknown) =>
  isArchiveError(error) && error.kind === 'validation' && pattern.test(error.message);

test('network paths are refused before the disk is touched, in every spelling', async () => {
  for (const unc of ['\\\\host\\share', '//host/share', '\\\\?\\UNC\\host\\share', '\\\\.\\pipe\\x', '/\\host\\share']) {
    assert.equal(isNetworkPath(unc), true, unc);
    await assert.rejects(checkDestination(unc, ['/nonexistent-vault']), refusal(/network|full path/), unc);
  }
  assert.equal(isNetworkPath('/home/user/exports'), false);
  assert.equal(isNetworkPath('C:\\Users\\a'), false);
});

test('a destination is a real folder outside every vault; a symlink into the vault is refused', async () => {
  const { home, vault, outside, done } = await sandbox();
  try {
    const exports = path.join(home, 'Documents', 'Exports');
    assert.equal(await checkDestination(exports, [vault]), exports);
    await assert.rejects(checkDestination('relative/folder', [vault]), refusal(/full path/));
    await assert.rejects(checkDestination(path.join(home, 'missing'), [vault]), refusal(/does not exist/));
    await assert.rejects(checkDestination(vault, [vault]), refusal(/inside the vault/));
    await assert.rejects(checkDestination(path.join(vault, 'blobs', '..'), [vault]), refusal(/inside the vault/));

    // A harmless-looking folder that is a symlink to the vault, and one to a folder inside it.
    mkdirSync(path.join(vault, 'blobs'));
    symlinkSync(vault, path.join(home, 'Backups'));
    symlinkSync(path.join(vault, 'blobs'), path.join(outside, 'photos'));
    await assert.rejects(checkDestination(path.join(home, 'Backups'), [vault]), refusal(/inside the vault/));
    await assert.rejects(checkDestination(path.join(outside, 'photos'), [vault]), refusal(/inside the vault/));

    // The vault reached through a symlinked parent is still the vault.
    symlinkSync(path.join(home, '.config'), path.join(outside, 'config-link'));
    await assert.rejects(checkDestination(path.join(outside, 'config-link', 'Custodia', 'vault'), [vault]), refusal(/inside the vault/));
    // …and a vault named through a symlink is compared by its real path too.
    await assert.rejects(checkDestination(vault, [path.join(outside, 'config-link', 'Custodia', 'vault')]), refusal(/inside the vault/));
    // Every vault the app can open counts (the user's and the demo beside it).
    await assert.rejects(checkDestination(exports, ['/nonexistent', exports]), refusal(/inside the vault/));
  } finally {
    await done();
  }
});

test('tokens: only granted folders, re-checked at use, a swap for a symlink into the vault is caught', async () => {
  const { home, vault, done } = await sandbox();
  try {
    const destinations = new Destinations(() => [vault]);
    const exports = path.join(home, 'Documents', 'Exports');
    const chosen = await destinations.grant(exports);
    assert.match(chosen.destination, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(chosen.folder, exports);
    assert.equal(await destinations.folderOf(chosen.destination), exports);

    // A path, or a token nobody granted, is not a destination.
    await assert.rejects(destinations.folderOf(exports), refusal(/choose the export folder again/));
    await assert.rejects(destinations.folderOf('A'.repeat(43)), refusal(/choose the export folder again/));
    await assert.rejects(destinations.grant(vault), refusal(/inside the vault/));

    // Between choosing and writing, the folder is replaced by a symlink into the vault.
    rmSync(exports, { recursive: true });
    symlinkSync(vault, exports);
    await assert.rejects(destinations.folderOf(chosen.destination), refusal(/inside the vault/));

    // Written files are opened by token; lock forgets every token.
    const output = destinations.recordOutput(path.join(home, 'a.pdf'));
    assert.equal(destinations.outputFile(output), path.join(home, 'a.pdf'));
    destinations.clear();
    assert.throws(
      () => destinations.outputFile(output),
      (error: unknown) => isArchiveError(error) && error.kind === 'not-found',
    );
  } finally {
    await done();
  }
});

test('the folder browser lists only folders under its roots, by handle, and never follows a symlink out', async () => {
  const { home, vault, outside, done } = await sandbox();
  try {
    mkdirSync(path.join(home, 'Рабочий стол'));
    symlinkSync(outside, path.join(home, 'escape'));
    const browser = new FolderBrowser([home, path.join(home, 'no-such-mount')]);
    const top = await browser.list();
    assert.equal(top.path, home);
    assert.equal(top.parent, null);
    assert.deepEqual(
      top.roots.map((root) => root.path),
      [home],
    );
    assert.deepEqual(
      top.folders.map((folder) => folder.name),
      ['Documents', 'Рабочий стол'],
      'hidden folders (.config with the vault) and the symlink leading out are not listed',
    );
    for (const folder of top.folders) assert.match(folder.handle, /^[A-Za-z0-9_-]{22}$/);

    const documents = await browser.list(top.folders[0]!.handle);
    assert.equal(documents.path, path.join(home, 'Documents'));
    assert.equal(documents.parent, top.at);
    assert.deepEqual(
      documents.folders.map((folder) => folder.name),
      ['Exports'],
    );
    const created = await browser.makeFolder(documents.at, 'Дело 2024');
    assert.equal(created.path, path.join(home, 'Documents', 'Дело 2024'));
    await assert.rejects(browser.makeFolder(documents.at, '..'), refusal(/plain name/));

    // An unknown handle, and a listed folder swapped for a symlink out of the roots, are refused.
    await assert.rejects(browser.list('B'.repeat(22)), (error: unknown) => isArchiveError(error) && error.kind === 'not-found');
    rmSync(path.join(home, 'Documents', 'Дело 2024'), { recursive: true });
    symlinkSync(outside, path.join(home, 'Documents', 'Дело 2024'));
    await assert.rejects(browser.folderOf(created.at), (error: unknown) => isArchiveError(error) && error.kind === 'forbidden');

    // Choosing goes through the same checks as the native dialog: the vault (reached by handle
    // only if it were listed) is refused by Destinations.
    const destinations = new Destinations(() => [vault]);
    assert.equal((await destinations.grant(await browser.folderOf(documents.at))).folder, path.join(home, 'Documents'));
  } finally {
    await done();
  }
});
