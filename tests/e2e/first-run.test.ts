import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../electron/serve/server.ts';
import { dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/files.ts';

/**
 * The first run: the passphrase strength meter refuses an easy passphrase, and the demo vault of
 * invented cases opens beside (never in place of) the user's vault, then closes again.
 */

const root = tempDir('custodia-e2e-first-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

before(async () => {
  mkdirSync(vault);
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timeoutMs: 20_000,
  });
  ({ bridge, page, pageErrors } = session);
});

after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

const shot = (name: string) => session.shot(name);
const strength = () => page.getByTestId('strength');

test('first run: the strength meter, and a demo vault kept apart from the real one', async (t) => {
  const step = dependentSteps(t, shot);

  await step('the strength meter grades as the user types and an easy passphrase is refused', async () => {
    await page.goto(bridge.url);
    await page.getByRole('heading', { level: 1, name: 'Create a new vault' }).waitFor();
    await strength().getByText('Strength: type a passphrase.').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('password123');
    await strength()
      .getByText(/very weak/)
      .waitFor();
    await page.getByLabel('Confirm passphrase').fill('password123');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText(/would be guessed quickly/).waitFor();
    assert.deepEqual(readdirSync(vault), [], 'nothing was created');
    await page.getByLabel('Passphrase', { exact: true }).fill('granite lantern oyster meadow');
    await strength()
      .getByText(/Strength: (strong|very strong)\./)
      .waitFor();
    await shot('40-strength');
  });

  await step('the demo vault opens with invented cases and says so', async () => {
    await page.getByRole('button', { name: 'Open the demo vault' }).first().click();
    await page.getByTestId('demo-banner').getByText('every case, person and file here is invented').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByText('Showing 3 of 3 cases').waitFor();
    await page.getByRole('searchbox', { name: 'Search everything' }).fill('Seitkali');
    // A Latin spelling finds the Kazakh name.
    await page.getByTestId('search-hit').filter({ hasText: 'Сейтқали Ерлан Маратұлы' }).first().waitFor();
    await shot('41-demo');
  });

  await step('its evidence opens: the hearing video plays from the demo vault', async () => {
    await page.getByRole('searchbox', { name: 'Search everything' }).fill('');
    await page.getByRole('rowheader', { name: /Сейтқали Ерлан/ }).click();
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByRole('button', { name: 'Видеозапись заседания 9 января 2022 г.' }).click();
    await page.getByTestId('viewer-video').waitFor();
    const deadline = Date.now() + 10_000;
    while (!(await page.evaluate<boolean>("document.querySelector('[data-testid=viewer-video]').readyState >= 1"))) {
      if (Date.now() > deadline) throw new Error('the demo video never loaded');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok((await page.evaluate<number>("document.querySelector('[data-testid=viewer-video]').duration")) > 5);
  });

  await step('leaving the demo returns to the empty vault folder, untouched', async () => {
    await page.getByRole('button', { name: 'Leave the demo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create a new vault' }).waitFor();
    assert.equal(await page.getByTestId('demo-banner').count(), 0);
    assert.deepEqual(readdirSync(vault), []);
    assert.ok(existsSync(path.join(root, 'demo-vault', 'vault.json')) || readdirSync(path.join(root, 'demo-vault')).length > 0);
    assert.deepEqual(pageErrors, []);
  });
});
