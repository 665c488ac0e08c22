import assert from 'node:assert/strict';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ArchiveHost } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { dependentSteps, openBrowserSession, pickInFolderBrowser, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { value } from '../helpers/host-calls.ts';

/**
 * A recent vault lived on a USB drive that is now unplugged and its folder moved (issue #19,
 * point 9): the app says the folder is missing and never offers to create a vault there; "Locate
 * it…" in the folder picker opens the vault where it is now and replaces the recent entry;
 * "Remove from the list" forgets a missing vault and goes to the one still there.
 */
const root = realpathSync(tempDir('custodia-e2e-missing-'));
const home = path.join(root, 'vault');
const usbVault = path.join(root, 'usb', 'vault');
const moved = path.join(root, 'usb', 'moved-vault');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

before(async () => {
  // Two vaults opened on this computer (the recent list beside the home vault), the USB one last.
  const setup = new ArchiveHost(home);
  await value(setup.call('vault.create', { passphrase: PASSPHRASE }));
  mkdirSync(path.dirname(usbVault));
  await value(setup.call('vault.open', { folder: usbVault }));
  await value(setup.call('vault.create', { passphrase: PASSPHRASE }));
  setup.lock();
  renameSync(usbVault, moved);
  session = await openBrowserSession({
    vault: home,
    profileDir: path.join(root, 'profile'),
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    timeoutMs: 20_000,
    exportRoots: [root],
  });
  ({ bridge, page, pageErrors } = session);
});

after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

const shot = (name: string) => session.shot(`missing-vault-${name}`);
const language = (code: string) => page.locator('.language select').selectOption(code);

async function recentFolders(): Promise<string[]> {
  const response = await fetch(new URL('/api/vault.recent', bridge.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Custodia-Token': bridge.token },
    body: '{}',
  });
  const result = (await response.json()) as { value: Array<{ folder: string }> };
  return result.value.map((entry) => entry.folder);
}

test('a missing vault folder: said missing, located in the picker, or removed from the list', async (t) => {
  const step = dependentSteps(t, shot);

  await step('the recent vault on the unplugged drive is said to be missing, with no new vault offered there', async () => {
    await page.goto(bridge.url);
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    const entry = page.getByTestId('vault-chooser').getByRole('listitem').filter({ hasText: usbVault });
    await entry.getByText('not found').waitFor();
    await entry.getByRole('button', { name: usbVault, exact: true }).click();
    const notice = page.getByTestId('missing-vault');
    await notice.getByText(`The vault folder ${usbVault} is missing (unplugged drive or moved?)`).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Create a new vault' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Create vault' }).count(), 0);
    await shot('en-1366');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('en-1024');
    await language('ru');
    await notice.getByText(`Папка хранилища ${usbVault} не найдена`).waitFor();
    await shot('ru-1024');
    await page.setViewportSize({ width: 1366, height: 800 });
    await shot('ru-1366');
    await language('kk');
    await notice.getByRole('button', { name: 'Тізімнен алып тастау' }).waitFor();
    await shot('kk-1366');
    await language('en');
    // "Check again" with the drive still away: still missing, still nothing created.
    await notice.getByRole('button', { name: 'Check again' }).click();
    await page.getByTestId('missing-vault').waitFor();
    assert.equal(existsSync(usbVault), false);
  });

  await step('"Locate it…": an empty folder is refused; the moved vault opens and replaces the entry', async () => {
    mkdirSync(path.join(root, 'usb', 'empty'));
    await page.getByRole('button', { name: 'Locate it…' }).click();
    await page.getByTestId('folder-browser').getByText('Choose the folder that holds the vault').waitFor();
    await pickInFolderBrowser(page, ['usb', 'empty'], () => shot('locate-picker'));
    await page
      .getByTestId('missing-vault')
      .getByText(/empty; choose the folder that holds the vault/)
      .waitFor();
    await page.getByRole('button', { name: 'Locate it…' }).click();
    await pickInFolderBrowser(page, ['usb', 'moved-vault']);
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    await page.locator('footer').getByText(moved).waitFor();
    assert.deepEqual(await recentFolders(), [moved, home]);
    await shot('located');
  });

  await step('moved again: "Remove from the list" forgets it and goes to the vault still there', async () => {
    renameSync(moved, path.join(root, 'usb', 'elsewhere'));
    await page.reload();
    await page.getByTestId('missing-vault').getByText(`The vault folder ${moved} is missing`).waitFor();
    await page.getByTestId('vault-chooser').getByRole('button', { name: home, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Remove from the list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    await page.locator('footer').getByText(home).waitFor();
    assert.deepEqual(await recentFolders(), [home]);
    assert.equal(existsSync(moved), false, 'nothing was created where the vault was');
    assert.equal(existsSync(usbVault), false);
    await shot('removed');
  });

  await step('no script errors and no CSP violations', () => {
    assert.deepEqual(pageErrors, []);
  });
});
