import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../electron/serve/server.ts';

export const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const CHROMIUM = process.env.CUSTODIA_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots of the main screens are test artifacts: test-artifacts/screenshots unless CUSTODIA_SCREENSHOTS says otherwise ('' turns them off). */
const SCREENSHOTS = process.env.CUSTODIA_SCREENSHOTS ?? fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));

/** The flags this machine needs (no sandbox as root, no GPU, no background network). */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserSession {
  bridge: Bridge;
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors (CSP violations among them) seen on the page. */
  pageErrors: string[];
  /** Saves a screenshot into the artifacts folder (see SCREENSHOTS). */
  shot(name: string): Promise<void>;
  /** The vault state as the bridge reports it (asked directly, not through the page). */
  vaultStatus(): Promise<{ state: string }>;
  close(): Promise<void>;
}

/**
 * The loopback bridge on `vault` and a fresh headless Debian Chromium profile in `profileDir`,
 * driving the real renderer build (out/renderer).
 */
export async function openBrowserSession(options: {
  vault: string;
  profileDir: string;
  viewport: { width: number; height: number };
  locale?: string;
  timeoutMs: number;
  /** Another renderer build (the benchmark compares two); out/renderer by default. */
  rendererDir?: string;
  /** Where the export folder browser may go (default: home and removable-media mounts); tests use their own folder. */
  exportRoots?: string[];
  /** A bridge already running (the benchmark runs it in a process of its own); closed with the session. */
  bridge?: Bridge;
}): Promise<BrowserSession> {
  const renderer = options.rendererDir ?? RENDERER;
  if (!existsSync(path.join(renderer, 'index.html'))) {
    throw new Error(`${path.join(renderer, 'index.html')} is missing: run "npm run build:renderer" first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CUSTODIA_CHROMIUM`);
  const bridge =
    options.bridge ?? (await startBridge({ vaultDir: options.vault, rendererDir: renderer, port: 0, exportRoots: options.exportRoots }));
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(options.timeoutMs);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  return {
    bridge,
    context,
    page,
    pageErrors,
    async shot(name) {
      if (!SCREENSHOTS) return;
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async vaultStatus() {
      const response = await fetch(new URL('/api/vault.status', bridge.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Custodia-Token': bridge.token },
        body: '{}',
      });
      const result = (await response.json()) as { ok: true; value: { state: string } };
      return result.value;
    },
    async close() {
      await context.close();
      await bridge.close();
    },
  };
}

/**
 * Steps that build on each other: after the first failure the rest are skipped, not timed out one
 * by one, and the failing screen is saved (when screenshots are on).
 */
export function dependentSteps(t: TestContext, shot: (name: string) => Promise<void>) {
  let failed = false;
  return (name: string, fn: () => Promise<void> | void) =>
    t.test(name, { skip: failed ? 'an earlier step failed' : false }, async () => {
      try {
        await fn();
      } catch (error) {
        failed = true;
        await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => undefined);
        throw error;
      }
    });
}

/**
 * After "I have written it down": the window asks for two groups of the key by position
 * ("Group 3"); type them back from `recoveryKey` and continue.
 */
export async function typeRecoveryGroupsBack(page: Page, recoveryKey: string): Promise<void> {
  const groups = recoveryKey.split('-');
  const fields = page.getByLabel(/^Group \d+$/);
  await fields.first().waitFor();
  for (const field of await fields.all()) {
    const label = await field.evaluate(
      (input: { labels?: ArrayLike<{ textContent: string | null }> | null }) => input.labels?.[0]?.textContent ?? '',
    );
    await field.fill(groups[Number(/\d+/.exec(label)![0]) - 1]!);
  }
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Browser mode's export folder picker, as a user works it: "Choose folder…" in `scope`, then down
 * through `folders` from the first root (the last one is created with "New folder" when missing),
 * then "Use this folder".
 */
export async function chooseExportFolder(page: Page, scope: Locator, folders: string[], shot?: () => Promise<void>): Promise<void> {
  await scope.getByRole('button', { name: /^(Choose|Change) folder…$/ }).click();
  await pickInFolderBrowser(page, folders, shot);
}

/**
 * In browser mode's open folder browser: down through `folders` from the first root (the last one
 * is created with "New folder" when missing), then "Use this folder".
 */
export async function pickInFolderBrowser(page: Page, folders: string[], shot?: () => Promise<void>): Promise<void> {
  const dialog = page.getByTestId('folder-browser');
  await dialog.getByTestId('folder-browser-path').waitFor();
  for (const [index, name] of folders.entries()) {
    const entry = dialog.getByRole('button', { name: `📁 ${name}`, exact: true });
    if ((await entry.count()) === 0 && index === folders.length - 1) {
      await dialog.getByLabel('New folder').fill(name);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    } else {
      await entry.click();
    }
    const endsWithName = new RegExp(`/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await dialog.getByTestId('folder-browser-path').getByText(endsWithName).waitFor();
  }
  await shot?.();
  await dialog.getByRole('button', { name: 'Use this folder' }).click();
  await dialog.waitFor({ state: 'detached' });
}
