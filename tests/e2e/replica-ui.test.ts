import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { ReplicaView } from '../../shared/replica.ts';
import { chooseExportFolder, dependentSteps, openBrowserSession, pickInFolderBrowser, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * The replica in the window (issue #18): Settings → Replica designates a folder through the folder
 * picker and shows its state (and, honestly, that this computer has no Syncthing); an import reaches
 * it; then on another computer's first-run screen the vault is restored from that folder with the
 * passphrase, checked, and opens with the evidence. No Syncthing is started: the folder is simply
 * the one Syncthing would carry.
 */

const CASE_TITLE = 'Әділбекұлы Ерлан: іс №2024-77';
const root = realpathSync(tempDir('custodia-e2e-replica-'));
const laptopA = path.join(root, 'laptop-a');
const laptopB = path.join(root, 'laptop-b');
const decision = path.join(root, 'decision.pdf');
let session: BrowserSession;
let page: Page;

// This computer has no Syncthing configuration: the window must say so, never read the tester's own.
process.env.STHOMEDIR = path.join(root, 'no-syncthing');

async function open(vault: string): Promise<void> {
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, `profile-${path.basename(vault)}`),
    exportRoots: [root],
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    timeoutMs: 20_000,
  });
  page = session.page;
  await page.goto(session.bridge.url);
}

before(async () => {
  writeFileSync(decision, makePdf([['Decision of the Almaty district court', 'Case 2024-77.']]));
  const { archive } = await Archive.create(laptopA, PASSPHRASE);
  archive.addCase({ title: CASE_TITLE });
  archive.lock();
  await open(laptopA);
});

after(async () => {
  // The first computer's session is closed by the test; closing it twice is harmless here.
  await session?.close().catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
});

const shot = (name: string) => session.shot(`replica-${name}`);
const language = (code: string) => page.locator('.language select').selectOption(code);

async function replicaStatus(): Promise<ReplicaView> {
  const response = await fetch(new URL('/api/replica.status', session.bridge.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Custodia-Token': session.bridge.token },
    body: '{}',
  });
  return ((await response.json()) as { value: ReplicaView }).value;
}

/** The right edge of `inner` is within that of `outer` (a button pushed out of its card does not scroll the page). */
async function within(outer: Locator, inner: Locator, what: string): Promise<void> {
  const [box, innerBox] = [await outer.boundingBox(), await inner.boundingBox()];
  assert.ok(box && innerBox && innerBox.x + innerBox.width <= box.x + box.width, `${what} sticks out of its card`);
}

/** Shots at both window sizes, checking that nothing makes the page scroll sideways. */
async function shotsAtBothSizes(name: string): Promise<void> {
  for (const viewport of [
    { width: 1366, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(viewport);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `${name} at ${viewport.width}: ${overflow}px sideways`);
    await shot(`${name}-${viewport.width}`);
  }
  await page.setViewportSize({ width: 1366, height: 800 });
}

test('Settings → Replica, an import, then a restore on the first-run screen of another computer', async (t) => {
  const step = dependentSteps(t, shot);
  let firstGeneration = 0;

  await step('Settings → Replica: not set up; a folder chosen in the picker becomes the replica', async () => {
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('nav-replica').getByText('Replica: not set up').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('replica-section');
    await section.getByText('No replica folder yet.').waitFor();
    await section.getByRole('button', { name: 'Choose the replica folder…' }).click();
    await page.getByTestId('folder-browser').getByText('Syncthing will share it').waitFor();
    await pickInFolderBrowser(page, ['replica'], () => shot('picker'));
    await section.getByText('The vault now writes every change into this folder.', { exact: false }).waitFor();
    await section.getByTestId('replica-folder').getByText(path.join(root, 'replica')).waitFor();
    await section.getByText('Syncthing is not set up on this computer, or its configuration was not found.').waitFor();
    await section.getByText(`no Syncthing configuration at ${path.join(root, 'no-syncthing', 'config.xml')}`).waitFor();
    firstGeneration = (await replicaStatus()).generation;
    assert.ok(firstGeneration >= 1);
    assert.ok(readdirSync(path.join(root, 'replica')).includes('custodia-replica.json'));
    await section.scrollIntoViewIfNeeded();
    await shotsAtBothSizes('settings-en');
    await language('ru');
    await section.getByText('Syncthing не настроен на этом компьютере, или его настройки не найдены.').waitFor();
    await shotsAtBothSizes('settings-ru');
    await language('kk');
    await section.getByRole('button', { name: 'Ескі күйлерді жою…' }).waitFor();
    await shotsAtBothSizes('settings-kk');
    await language('en');
    await page.getByRole('button', { name: 'Settings' }).click();
  });

  await step('an import reaches the replica; the sidebar says when it was written', async () => {
    await page.getByRole('rowheader', { name: CASE_TITLE }).click();
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    await page.getByTestId('import-input').setInputFiles([decision]);
    const acquisition = page.getByRole('group', { name: 'How the files were obtained' });
    await acquisition.getByLabel('Obtained from').fill('The Almaty district court');
    await acquisition.getByLabel(/^How\b/).fill('collected at the court office');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await page.getByTestId('import-summary').getByText('1 imported, 0 already in this case, 0 failed.').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('nav-replica').getByText('Replica: written just now').waitFor();
    await page.getByTestId('nav-replica').getByText('Syncthing: not available').waitFor();
    const after = await replicaStatus();
    assert.ok(after.generation > firstGeneration, `generation ${after.generation} after ${firstGeneration}`);
    assert.equal(after.error, null);
    await shotsAtBothSizes('sidebar-en');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    assert.deepEqual(session.pageErrors, [], 'no script errors or CSP violations on the first computer');
    await session.close();
  });

  await step('another computer: the first-run screen offers the restore; its choices are checked', async () => {
    mkdirSync(laptopB);
    await open(laptopB);
    await page.getByRole('heading', { level: 1, name: 'Create a new vault' }).waitFor();
    const restore = page.getByTestId('replica-restore');
    await restore.getByRole('button', { name: 'Restore from a replica…' }).click();
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    await restore.getByText('Choose the replica folder.').waitFor();
    await restore.getByText('Choose an empty folder for the restored vault.').waitFor();
    await restore.getByText('Enter your passphrase.').waitFor();
    await restore.scrollIntoViewIfNeeded();
    await shotsAtBothSizes('restore-errors-en');
    await language('kk');
    await restore.getByText('Реплика қалтасын таңдаңыз.').waitFor();
    await shotsAtBothSizes('restore-errors-kk');
    await page.setViewportSize({ width: 1024, height: 700 });
    await within(restore, restore.getByRole('button', { name: 'Қалпына келтіру', exact: true }), 'the Kazakh "Restore" button');
    await page.setViewportSize({ width: 1366, height: 800 });
    await language('ru');
    await restore.getByText('Выберите папку реплики.').waitFor();
    await shot('restore-errors-ru-1366');
    await language('en');
  });

  await step('restore from the replica into a new folder with the passphrase: copied, checked, opened', async () => {
    const restore = page.getByTestId('replica-restore');
    const [replicaPicker, intoPicker] = await restore.getByTestId('destination-picker').all();
    await chooseExportFolder(page, replicaPicker!, ['replica']);
    await chooseExportFolder(page, intoPicker!, ['restored']);
    await restore.getByLabel('Passphrase of the vault').fill(PASSPHRASE);
    await restore.scrollIntoViewIfNeeded();
    await shotsAtBothSizes('restore-form-en');
    await restore.getByRole('button', { name: 'Restore', exact: true }).click();
    const result = page.getByTestId('restore-result');
    await result.getByText('The vault was restored and every file checked.').waitFor();
    await result.getByText(`Restored into ${path.join(root, 'restored')}.`).waitFor();
    await result.getByText(/^1 item\(s\); 1 encrypted file\(s\), /).waitFor();
    await shotsAtBothSizes('restore-result-en');
    await language('ru');
    await result.getByText('Хранилище восстановлено, каждый файл проверен.').waitFor();
    await shot('restore-result-ru-1366');
    await language('en');
    await result.getByRole('button', { name: 'Open the restored vault' }).click();
    await page.getByRole('rowheader', { name: CASE_TITLE }).click();
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByTestId('evidence').getByRole('row').filter({ hasText: 'decision.pdf' }).waitFor();
    await page.getByTestId('nav-replica').getByText('Replica: not set up').waitFor();
    await shot('restored-vault-1366');
    assert.equal((await session.vaultStatus()).state, 'unlocked');
  });

  await step('no script errors and no CSP violations', () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
