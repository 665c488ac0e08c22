import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { channels } from '../../shared/contract.ts';
import { shellChannels } from '../../shared/destinations.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE } from '../helpers/files.ts';
import { makeVideo } from '../helpers/media.ts';

/*
 * The real desktop app, driven by Playwright: launches the built app (`electron .`, i.e.
 * out/main/index.cjs) with a fresh vault folder and checks the window, the exposed API surface
 * and one round trip through preload → IPC → engine. Needs the Electron binary (and a display on
 * Linux: run under xvfb-run); without them it is skipped with the reason. `npm run build` first.
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the Electron binary is, checked the way node_modules/electron/index.js does, but without its download side effect. */
function electronBinary(): { path: string | null; reason: string } {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: `${path.relative(repo, pathFile)} is missing (the binary was never downloaded)` };
  const executable = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { path: null, reason: `${executable} is missing` };
  return { path: executable, reason: '' };
}

function skipReason(): string | false {
  const binary = electronBinary();
  if (!binary.path) return `Electron binary not installed: ${binary.reason}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for the Electron window: run this test under xvfb-run';
  }
  return false;
}

const skip = skipReason();
if (skip) process.stdout.write(`tests/electron/app.test.ts skipped. ${skip}\n`);

/**
 * A fresh folder for one test's vault, user data and fixtures; `use` runs with it and the folder
 * goes afterwards, whatever happened (fixtures are written inside `use`, before the launch).
 */
async function withFreshDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'custodia-electron-'));
  try {
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The built app on the vault folder and user-data folder in `dir`, as `npm start` would run it; always closed. */
async function withApp(dir: string, use: (app: ElectronApplication, vault: string) => Promise<void>): Promise<void> {
  assert.ok(
    existsSync(path.join(repo, 'out', 'main', 'index.cjs')) && existsSync(path.join(repo, 'out', 'renderer', 'index.html')),
    'the app is not built: run "npm run build" first',
  );
  const vault = path.join(dir, 'vault');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  env.CUSTODIA_VAULT = vault;
  env.CUSTODIA_USER_DATA = path.join(dir, 'user-data');
  const app = await _electron.launch({ args: ['.'], cwd: repo, env, timeout: 60_000 });
  try {
    await use(app, vault);
  } finally {
    await app.close();
  }
}

test('the desktop app opens its window, exposes exactly the contract and answers vault.status', { skip, timeout: 120_000 }, () =>
  withFreshDir((dir) =>
    withApp(dir, async (app, vault) => {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');

      assert.match(await page.title(), /^Custodia/);
      const windowTitle = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.getTitle()));
      assert.equal(windowTitle.length, 1);
      assert.match(windowTitle[0] ?? '', /^Custodia/);
      assert.match(page.url(), /^app:\/\/custodia\//);

      const surface = await page.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>;
        const api = (g.custodia ?? {}) as Record<string, unknown>;
        return {
          keys: Object.keys(api).sort(),
          allFunctions: Object.values(api).every((value) => typeof value === 'function'),
          frozen: Object.isFrozen(api),
          ipcRenderer: typeof g.ipcRenderer,
          require: typeof g.require,
          process: typeof g.process,
          module: typeof g.module,
          electron: typeof g.electron,
          apiHasIpc: 'ipcRenderer' in api || 'invoke' in api || 'send' in api,
        };
      });
      assert.deepEqual(surface, {
        keys: [...channels].sort(),
        allFunctions: true,
        frozen: true,
        ipcRenderer: 'undefined',
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        electron: 'undefined',
        apiHasIpc: false,
      });

      const status = await page.evaluate(() => {
        const api = (globalThis as unknown as { custodia: Record<string, (request: unknown) => Promise<unknown>> }).custodia;
        return api['vault.status']!({});
      });
      assert.deepEqual(status, { ok: true, value: { state: 'missing', folder: vault } });

      // A bad payload comes back as a validation Result, not a thrown error.
      const invalid = (await page.evaluate(() => {
        const api = (globalThis as unknown as { custodia: Record<string, (request: unknown) => Promise<unknown>> }).custodia;
        return api['cases.get']!({ id: 42, extra: true });
      })) as { ok: boolean; error?: { kind: string } };
      assert.equal(invalid.ok, false);
      assert.equal(invalid.error?.kind, 'validation');

      // Offline and closed: no network, no popups.
      const escapes = await page.evaluate(async () => {
        const g = globalThis as unknown as { fetch: typeof fetch; open: (url: string) => unknown };
        const network = await g.fetch('https://example.org/').then(
          () => 'loaded',
          () => 'blocked',
        );
        return { network, popup: g.open('https://example.org/') === null ? 'denied' : 'opened' };
      });
      assert.deepEqual(escapes, { network: 'blocked', popup: 'denied' });

      // The desktop door beside the contract: exactly the shell channels.
      const shellKeys = await page.evaluate(() =>
        Object.keys((globalThis as unknown as { custodiaShell?: object }).custodiaShell ?? {}).sort(),
      );
      assert.deepEqual(shellKeys, [...shellChannels].sort());

      // A media URL never becomes the page (it would get the preload): the navigation is refused.
      await page.evaluate("location.href = 'app://custodia/media/not-a-page'");
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.match(page.url(), /^app:\/\/custodia\/(index\.html)?$/);
    }),
  ),
);

/** Polls a page-side expression (the app's CSP forbids the eval behind waitForFunction's string form). */
async function waitUntil(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the desktop app core flow: create, add a Kazakh case, import a PDF and a video, read, seek, lock', { skip, timeout: 180_000 }, () =>
  withFreshDir(async (dir) => {
    const title = 'Жанұзақов Нұрлан: іс №2024-118';
    const phrase = 'Decision of the Almaty district court';
    const pdfFile = path.join(dir, 'decision.pdf');
    const videoFile = path.join(dir, 'hearing.mp4');
    writeFileSync(pdfFile, makePdf([[phrase]]));
    makeVideo(videoFile, 10);
    await withApp(dir, async (app) => {
      const page = await app.firstWindow();
      page.setDefaultTimeout(20_000);
      await page.getByRole('heading', { level: 1, name: 'Create a new vault' }).waitFor();
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Create vault' }).click();
      await page.getByRole('heading', { level: 1, name: 'Write down your recovery key' }).waitFor();
      await page.getByRole('button', { name: 'I have written it down' }).click();

      await page.getByLabel('Case title').fill(title);
      await page.getByRole('button', { name: 'Add case' }).click();
      await page.getByRole('rowheader', { name: title }).click();
      await page.getByRole('tab', { name: /^Evidence/ }).click();
      await page.getByRole('button', { name: 'Add evidence…' }).click();
      await page.getByTestId('import-input').setInputFiles([pdfFile, videoFile]);
      await page.getByLabel('Obtained from').fill('Адвокат');
      await page.getByLabel(/^How\b/).fill('handed over');
      await page.getByRole('button', { name: 'Import 2 files' }).click();
      await page.getByText('2 imported, 0 already in this case, 0 failed.').waitFor();
      await page.getByRole('button', { name: 'Done' }).click();

      await page.getByRole('button', { name: 'decision.pdf' }).click();
      await page.getByTestId('pdf-text').getByText(phrase).waitFor();
      await page.getByRole('button', { name: '← Back to the evidence list' }).click();

      await page.getByRole('button', { name: 'hearing.mp4' }).click();
      const video = "document.querySelector('[data-testid=viewer-video]')";
      await waitUntil(page, `${video} !== null && ${video}.readyState >= 1 && ${video}.duration > 9`);
      await page.evaluate(`(() => { const v = ${video}; v.muted = true; v.currentTime = 5; })()`);
      await waitUntil(
        page,
        `(() => { const v = ${video}; return !v.seeking && Math.abs(v.currentTime - 5) < 0.05 && v.readyState >= 2; })()`,
      );

      await page.getByRole('button', { name: 'Lock' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
      assert.ok(!((await page.textContent('body')) ?? '').includes(title), 'the case title is gone from the window');
    });
  }),
);
