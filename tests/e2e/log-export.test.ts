import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { chooseExportFolder, dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/** "Export the custody log" on the Integrity screen (`custodia log export` in the window), in en, ru and kk. */
const root = tempDir('custodia-e2e-log-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  archive.addCase({ title: 'Дело Жанұзақова', status: 'pre-trial-detention' });
  archive.lock();
  mkdirSync(path.join(root, 'exports'));
  session = await openBrowserSession({
    vault,
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

const shot = (name: string) => session.shot(`log-export-${name}`);

test('the custody log is exported from the window to a picked folder', async (t) => {
  const step = dependentSteps(t, shot);

  await step('export it from the Integrity screen, with its result and the file', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: /^Integrity/ }).click();
    const panel = page.getByTestId('log-export');
    await chooseExportFolder(page, panel, ['exports']);
    await panel.getByRole('button', { name: 'Export the log' }).click();
    await panel.getByText(/^Exported \d+ events; the checkpoint is signed at event \d+\.$/).waitFor();
    const file = ((await panel.getByTestId('exported-file').locator('code').textContent()) ?? '').trim();
    assert.equal(path.dirname(file), path.join(root, 'exports'));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal((JSON.parse(lines[0]!) as { type: string }).type, 'custodia-custody-log');
    await panel.scrollIntoViewIfNeeded();
    await shot('en-1366');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('en-1024');
    await page.locator('.language select').selectOption('ru');
    await panel.getByRole('button', { name: 'Экспортировать журнал' }).waitFor();
    await shot('ru-1024');
    await page.setViewportSize({ width: 1366, height: 800 });
    await shot('ru-1366');
    await page.locator('.language select').selectOption('kk');
    await panel.getByRole('button', { name: 'Журналды экспорттау' }).waitFor();
    await shot('kk-1366');
  });

  await step('no script errors and no CSP violations', () => {
    assert.deepEqual(pageErrors, []);
  });
});
