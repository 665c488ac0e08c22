import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * Broken recordings from untrusted hands: an MP4 cut off before its index, a Matroska file whose
 * header is followed by garbage, and random bytes named .mp4. Each opens to a calm playback
 * error in the viewer — no script error, no crash of the page or the bridge — and the vault still
 * verifies.
 */
const root = tempDir('custodia-e2e-media-');
const vault = path.join(root, 'vault');
const CASE_TITLE = 'Broken recordings';
const FILES = {
  truncated: 'hearing-truncated.mp4',
  garbageMkv: 'hearing-garbage.mkv',
  randomMp4: 'random-bytes.mp4',
};
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

before(async () => {
  // The index (moov) of a plain MP4 comes last: cut at 60% and it is gone.
  const full = path.join(root, 'full.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=duration=4:size=160x120:rate=10', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', full]);
  const bytes = readFileSync(full);
  writeFileSync(path.join(root, FILES.truncated), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  const mkv = path.join(root, 'full.mkv');
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=duration=2:size=160x120:rate=10',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'matroska',
    mkv,
  ]);
  writeFileSync(path.join(root, FILES.garbageMkv), Buffer.concat([readFileSync(mkv).subarray(0, 64), randomBytes(200_000)]));
  writeFileSync(path.join(root, FILES.randomMp4), Buffer.concat([Buffer.from('\0\0\0\x18ftypisom', 'latin1'), randomBytes(100_000)]));

  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: CASE_TITLE });
    for (const name of Object.values(FILES)) await archive.importFile(caseId, path.join(root, name));
  } finally {
    archive.lock();
  }
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

test('truncated and garbage recordings end in a playback error, nothing else', async (t) => {
  const step = dependentSteps(t, (name) => session.shot(name));

  await step('unlock and open the evidence', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('rowheader', { name: CASE_TITLE }).click();
    await page.getByRole('tab', { name: /^Evidence/ }).click();
  });

  for (const name of Object.values(FILES)) {
    await step(`${name}: the viewer says it cannot be played and stays usable`, async () => {
      await page.getByRole('button', { name }).click();
      await page
        .getByTestId('item-viewer')
        .getByText(/cannot be played here/)
        .waitFor();
      // The rest of the viewer still works: the item verifies.
      await page.getByRole('button', { name: 'Verify this item' }).click();
      await page
        .getByTestId('viewer-verify-result')
        .getByText(/Intact/)
        .waitFor();
      await page.getByRole('button', { name: '← Back to the evidence list' }).click();
    });
  }

  await step('no script errors, and the vault still verifies', async () => {
    assert.deepEqual(
      pageErrors.filter((message) => !/Failed to load resource|MEDIA_ERR|PIPELINE_ERROR|DEMUXER_ERROR/.test(message)),
      [],
    );
    await page.getByRole('button', { name: 'Lock' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
    try {
      const report = await archive.verify();
      assert.equal(report.ok, true, JSON.stringify(report.problems));
    } finally {
      archive.lock();
    }
  });
});
