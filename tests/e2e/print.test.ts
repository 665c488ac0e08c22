import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../electron/serve/server.ts';
import { dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * "Print" on the recovery key (issue #15): the button asks the browser to print, and the print
 * stylesheet leaves only the key and its explanation on paper (checked on Chromium's own PDF of
 * the page with pdftotext, and on a print-media screenshot).
 */
const root = tempDir('custodia-e2e-print-');
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
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    timeoutMs: 20_000,
  });
  ({ bridge, page, pageErrors } = session);
  // Count print requests instead of opening the system dialog (an init script runs before the app, outside its CSP).
  await page.addInitScript('window.__printRequests = 0; window.print = () => { window.__printRequests += 1; };');
});

after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

const shot = (name: string) => session.shot(`print-${name}`);

test('printing the recovery key prints the key and nothing else', async (t) => {
  const step = dependentSteps(t, shot);
  let recoveryKey = '';

  await step('Print asks the browser to print the recovery key screen', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    recoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
    assert.match(recoveryKey, /^[A-Z0-9]+(-[A-Z0-9]+)+$/);
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    assert.equal(await page.evaluate<number>('window.__printRequests'), 1);
  });

  await step('on paper: the key and its explanation, without buttons, folders or the header', async () => {
    await page.emulateMedia({ media: 'print' });
    await shot('recovery-key-print-media');
    const pdf = path.join(root, 'printed.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    execFileSync('qpdf', ['--check', pdf], { stdio: 'ignore' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.ok(text.replace(/[\s-]/g, '').includes(recoveryKey.replace(/-/g, '')), 'the key is printed');
    assert.match(text, /recovery key/i);
    assert.match(text, /only way into the vault/);
    for (const absent of [
      'I have written it down',
      'Save as PDF',
      'Encrypted evidence archive',
      'Settings',
      'Vault folder',
      'Other vaults',
    ]) {
      assert.ok(!text.includes(absent), `"${absent}" is not printed`);
    }
    if (process.env.CUSTODIA_SCREENSHOTS !== '')
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '70',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        path.join('test-artifacts', 'screenshots', 'print-recovery-key-pdf'),
      ]);
    await page.emulateMedia({ media: 'screen' });
  });

  await step('no script errors and no CSP violations', () => {
    assert.deepEqual(pageErrors, []);
  });
});
