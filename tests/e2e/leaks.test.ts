import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Bridge } from '../../electron/serve/server.ts';
import { chooseExportFolder, dependentSteps, openBrowserSession, typeRecoveryGroupsBack, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * A whole working session through the UI — create a vault, add a case, import a PDF and a video,
 * view both, search, export a dossier to a chosen folder, lock — then a byte search for markers
 * unique to this run across the vault folder, the OS temp folder and the browser profile. They
 * may appear only in the user's own source files and in the export they asked for.
 */

const run = randomBytes(6).toString('hex');
const MARKERS = {
  title: `Іс Жанұзақов ${run}`,
  pdf: `PDFMARKER${run}`,
  video: `VIDEOMARKER${run}`,
  source: `Адвокат ${run}`,
};

const root = tempDir('custodia-e2e-leaks-');
const vault = path.join(root, 'vault');
const documents = path.join(root, 'documents');
const exportsDir = path.join(root, 'chosen-exports');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;

before(async () => {
  mkdirSync(vault);
  mkdirSync(documents);
  writeFileSync(path.join(documents, 'decision.pdf'), makePdf([[`Decision ${MARKERS.pdf}`]]));
  execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=duration=3:size=160x120:rate=10'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-metadata', `title=${MARKERS.video}`],
      ...['-movflags', '+faststart', path.join(documents, 'hearing.mp4')],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    exportRoots: [root],
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timeoutMs: 20_000,
  });
  ({ bridge, page } = session);
});

after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every regular file under `dir` (not following links), skipping `skip` folders and what cannot be read. */
function* filesUnder(dir: string, skip: Set<string>): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (skip.has(full)) continue;
    if (entry.isDirectory()) yield* filesUnder(full, skip);
    else if (entry.isFile()) yield full;
  }
}

function filesWithMarkers(dirs: string[], skip: Set<string>): Array<{ file: string; marker: string }> {
  const needles = Object.values(MARKERS).flatMap((marker) => [
    { marker, bytes: Buffer.from(marker, 'utf8') },
    { marker, bytes: Buffer.from(marker, 'utf16le') },
  ]);
  const found: Array<{ file: string; marker: string }> = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir, skip)) {
      let bytes: Buffer;
      try {
        if (statSync(file).size > 512 * 1024 * 1024) continue;
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      for (const needle of needles) if (bytes.includes(needle.bytes)) found.push({ file, marker: needle.marker });
    }
  }
  return found;
}

test('a whole session leaves its evidence and case data only in the export the user asked for', async (t) => {
  const step = dependentSteps(t, (name) => session.shot(name));

  await step('create, add a case, import a PDF and a video', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    const recoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
    await page.getByRole('button', { name: 'I have written it down' }).click();
    await typeRecoveryGroupsBack(page, recoveryKey);
    await page.getByLabel('Case title').fill(MARKERS.title);
    await page.getByRole('button', { name: 'Add case' }).click(); // opens the new case
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    await page.getByTestId('import-input').setInputFiles([path.join(documents, 'decision.pdf'), path.join(documents, 'hearing.mp4')]);
    const acquisition = page.getByRole('group', { name: 'How the files were obtained' });
    await acquisition.getByLabel('Obtained from').fill(MARKERS.source);
    await acquisition.getByLabel(/^How\b/).fill('in person');
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    await page.getByText('2 imported, 0 already in this case, 0 failed.').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
  });

  await step('view both, search, export a dossier, lock', async () => {
    await page.getByRole('button', { name: 'decision.pdf' }).click();
    await page.getByTestId('pdf-text').getByText(MARKERS.pdf, { exact: false }).waitFor();
    await page.getByRole('button', { name: '← Back to the evidence list' }).click();
    await page.getByRole('button', { name: 'hearing.mp4' }).click();
    for (let i = 0; i < 100; i++) {
      if (await page.evaluate<boolean>("document.querySelector('[data-testid=viewer-video]')?.readyState >= 2")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.getByRole('button', { name: '← Back to the evidence list' }).click();
    await page.getByRole('button', { name: 'Export dossier…' }).click();
    await chooseExportFolder(page, page.getByTestId('dossier-export'), [path.basename(exportsDir)]);
    await page.getByTestId('dossier-export').getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('dossier-result').waitFor();
    await page.getByRole('button', { name: '← All cases' }).click();
    await page.getByRole('searchbox', { name: 'Search everything' }).fill(MARKERS.pdf);
    await page.getByTestId('search-hit').first().waitFor();
    await page.getByRole('button', { name: 'Lock' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
  });

  await step('the markers are in the chosen export and nowhere else', async () => {
    // The browser's own files are flushed when it closes.
    await session.context.close();
    const exported = filesWithMarkers([exportsDir], new Set());
    assert.ok(
      exported.some((hit) => hit.marker === MARKERS.title),
      'the export holds the case (so the search below can find what it looks for)',
    );
    const leaks = filesWithMarkers([vault, path.join(root, 'profile'), os.tmpdir()], new Set([documents, exportsDir]));
    assert.deepEqual(leaks, [], 'markers outside the chosen export');
  });
});
