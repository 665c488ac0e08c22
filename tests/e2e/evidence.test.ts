import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { chooseExportFolder, dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { filesContaining, PASSPHRASE, tempDir } from '../helpers/files.ts';
import { makeVideo } from '../helpers/media.ts';

/**
 * Evidence in the browser: import a PDF and a 10-second H.264 video (made by ffmpeg) through the
 * import panel, read the PDF's text in the pdf.js viewer, play the video and seek to 5 s, verify
 * an item, then lock and find no case data left on the page.
 */

const CASE_TITLE = 'Жанұзақов Нұрлан: іс №2024-118';
const PDF_PHRASE = 'Decision of the Almaty district court on pre-trial detention';
const OBTAINED_FROM = 'Адвокат Сейітқали';

const root = tempDir('custodia-e2e-evidence-');
const vault = path.join(root, 'vault');
const pdfFile = path.join(root, 'detention-decision.pdf');
const videoFile = path.join(root, 'hearing-2024-03-02.mp4');
const exportsDir = path.join(root, 'exports');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

function makeFixtures(): void {
  writeFileSync(pdfFile, makePdf([[PDF_PHRASE, 'Case 2024-118, page one.'], ['Page two: the reasons of the court.']]));
  makeVideo(videoFile, 10);
}

before(async () => {
  makeFixtures();
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: CASE_TITLE, status: 'pre-trial-detention', region: 'Алматы' });
    archive.addPerson({ name: 'Жанұзақов Нұрлан', aliases: [] }, { caseId, role: 'defendant' });
  } finally {
    archive.lock();
  }
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    exportRoots: [root],
    viewport: { width: 1360, height: 900 },
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
// Page-side expressions are strings: this test is type-checked without DOM types.
const VIDEO = "document.querySelector('[data-testid=viewer-video]')";
/** waitForFunction evaluates strings with eval, which our CSP forbids: poll through page.evaluate instead. */
async function waitUntil(expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const evidenceRow = (name: string) => page.getByTestId('evidence').getByRole('row').filter({ hasText: name });

test('evidence: import a PDF and a video, read the PDF, seek the video, verify, lock', async (t) => {
  const step = dependentSteps(t, shot);
  let videoSrc = '';

  await step('unlock and open the case at its evidence', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('rowheader', { name: CASE_TITLE }).click();
    await page.getByRole('tab', { name: /^Evidence/ }).click();
    await page.getByText('No evidence has been filed under this case yet.').waitFor();
  });

  await step('the import panel asks how the files were obtained before it starts', async () => {
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    await page.getByTestId('import-input').setInputFiles([pdfFile, videoFile]);
    await page.getByText('hearing-2024-03-02.mp4').waitFor();
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    await page.getByRole('alert').getByText('Say from whom and how the files were obtained.').waitFor();
    // The batch-wide answer; each file's own fields (above) fall back to it.
    const acquisition = page.getByRole('group', { name: 'How the files were obtained' });
    await acquisition.getByLabel('Obtained from').fill(OBTAINED_FROM);
    await acquisition.getByLabel(/^How\b/).fill('handed over on a USB stick');
    await shot('30-import-form');
  });

  await step('both files go in, with a summary and their SHA-256', async () => {
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.getByText('2 imported, 0 already in this case, 0 failed.').waitFor();
    await summary.getByText(sha256(pdfFile)).waitFor();
    await summary.getByText(sha256(videoFile)).waitFor();
    await shot('31-import-summary');
    await page.getByRole('button', { name: 'Done' }).click();
    await evidenceRow('detention-decision.pdf').waitFor();
    await evidenceRow('hearing-2024-03-02.mp4').waitFor();
    // The vault was empty (not due) at unlock; the sidebar follows the vault: now there is something to audit.
    await page.getByTestId('nav-audit-overdue').waitFor();
  });

  await step('the PDF opens in the viewer with its text selectable, page by page', async () => {
    await page.getByRole('button', { name: 'detention-decision.pdf' }).click();
    const viewer = page.getByTestId('item-viewer');
    await viewer.getByTestId('pdf-text').getByText(PDF_PHRASE).waitFor();
    await viewer.getByText('page 1 of 2').waitFor();
    await viewer.getByText(OBTAINED_FROM).waitFor();
    assert.equal(await viewer.getByTestId('viewer-sha256').textContent(), sha256(pdfFile));
    await shot('32-pdf-viewer');
    await viewer.getByRole('button', { name: 'Next ›' }).click();
    await viewer.getByTestId('pdf-text').getByText('Page two: the reasons of the court.').waitFor();
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await viewer.getByText('125%').waitFor();
  });

  await step('verify this item re-hashes it and says it is intact; the view is in its custody history', async () => {
    const viewer = page.getByTestId('item-viewer');
    await viewer.getByRole('button', { name: 'Verify this item' }).click();
    await viewer
      .getByTestId('viewer-verify-result')
      .getByText(/Intact/)
      .waitFor();
    await viewer.getByText('Viewed').first().waitFor();
    await viewer.getByText('Verified').waitFor();
    await page.getByRole('button', { name: '← Back to the evidence list' }).click();
  });

  await step('the video plays from the encrypted store and seeks to 5 s', async () => {
    await page.getByRole('button', { name: 'hearing-2024-03-02.mp4' }).click();
    const video = page.getByTestId('viewer-video');
    await video.waitFor();
    await waitUntil(`${VIDEO}.readyState >= 1 && ${VIDEO}.duration > 9`);
    const duration = await page.evaluate<number>(`${VIDEO}.duration`);
    assert.ok(Math.abs(duration - 10) < 0.5, `duration ${duration}`);
    await page.evaluate(`(() => { const v = ${VIDEO}; v.muted = true; return v.play(); })()`);
    await waitUntil(`${VIDEO}.currentTime > 0.3`);
    await page.evaluate(`(() => { const v = ${VIDEO}; v.pause(); v.currentTime = 5; })()`);
    await waitUntil(`(() => { const v = ${VIDEO}; return !v.seeking && Math.abs(v.currentTime - 5) < 0.05 && v.readyState >= 2; })()`);
    const frames = await page.evaluate<number>(`${VIDEO}.getVideoPlaybackQuality().totalVideoFrames`);
    assert.ok(frames > 0, `decoded frames: ${frames}`);
    videoSrc = await page.evaluate<string>(`${VIDEO}.src`);
    const whileOpen = await fetch(videoSrc, { headers: { Range: 'bytes=0-15' } });
    assert.equal(whileOpen.status, 206);
    assert.ok(Buffer.from(await whileOpen.arrayBuffer()).equals(readFileSync(videoFile).subarray(0, 16)));
    await shot('33-video-viewer');
  });

  await step('the case exports as a PDF dossier to a chosen folder, with progress and its SHA-256', async () => {
    await page.getByRole('button', { name: 'Export dossier…' }).click();
    const panel = page.getByTestId('dossier-export');
    await chooseExportFolder(page, panel, [path.basename(exportsDir)], () => shot('34a-folder-picker'));
    await panel.getByRole('button', { name: 'Export', exact: true }).click();
    const result = panel.getByTestId('dossier-result');
    await result.getByText(/Dossier written: \d+ pages, 2 exhibits\./).waitFor();
    const [file] = readdirSync(exportsDir);
    assert.ok(file?.endsWith('.pdf'), `one PDF in the folder: ${file}`);
    const exported = path.join(exportsDir, file!);
    await result.getByText(sha256(exported)).waitFor();
    execFileSync('qpdf', ['--check', exported], { stdio: 'ignore' });
    const text = execFileSync('pdftotext', [exported, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(CASE_TITLE), 'the Kazakh title is in the PDF text');
    await shot('34-dossier-export');
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  await step('the integrity screen nags about the missing audit, runs one with progress and saves its report', async () => {
    await page.getByRole('button', { name: /^Integrity/ }).click();
    await page
      .getByTestId('audit-overdue')
      .getByText(/never had a full audit/)
      .waitFor();
    await page.getByLabel('Run a full audit').selectOption('90');
    await page.getByLabel('Save the report (PDF and JSON)').check();
    await chooseExportFolder(page, page.locator('.audit-form'), [path.basename(exportsDir)]);
    await page.getByRole('button', { name: 'Audit every file' }).click();
    const result = page.getByTestId('audit-result');
    await result.getByText(/Intact: 2 files .* re-hashed and \d+ custody events verified\./).waitFor();
    await page
      .getByTestId('last-audit')
      .getByText(/✓ intact/)
      .waitFor();
    assert.equal(await page.getByTestId('audit-overdue').count(), 0, 'no nagging right after a full audit');
    assert.equal(await page.getByTestId('nav-audit-overdue').count(), 0);
    const reports = readdirSync(exportsDir).filter((name) => name.startsWith('audit-'));
    assert.deepEqual(reports.map((name) => path.extname(name)).sort(), ['.json', '.pdf']);
    const json = JSON.parse(
      readFileSync(
        path.join(
          exportsDir,
          reports.find((name) => name.endsWith('.json'))!,
        ),
        'utf8',
      ),
    ) as {
      report: { ok: boolean; blobs: number };
    };
    assert.deepEqual([json.report.ok, json.report.blobs], [true, 2]);
    execFileSync(
      'qpdf',
      [
        '--check',
        path.join(
          exportsDir,
          reports.find((name) => name.endsWith('.pdf'))!,
        ),
      ],
      { stdio: 'ignore' },
    );
    assert.equal(await page.getByLabel('Run a full audit').inputValue(), '90', 'the schedule is kept in the vault');
    await shot('35-integrity');
  });

  await step('locking clears every trace of the case from the page', async () => {
    await page.getByRole('button', { name: 'Lock' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    const text = (await page.textContent('body')) ?? '';
    for (const marker of [CASE_TITLE, OBTAINED_FROM, 'detention-decision.pdf', PDF_PHRASE]) {
      assert.ok(!text.includes(marker), `"${marker}" is still on the page after lock`);
    }
    assert.equal(await page.locator('video').count(), 0);
    // The ticket the video played from died with the lock.
    assert.equal((await fetch(videoSrc)).status, 404);
  });

  await step('no plaintext of the evidence reached the vault folder', async () => {
    for (const marker of [PDF_PHRASE, OBTAINED_FROM, CASE_TITLE]) assert.deepEqual(filesContaining(vault, marker), [], marker);
    assert.deepEqual(pageErrors, []);
  });
});
