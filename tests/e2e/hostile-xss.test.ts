import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { cveType1Pdf, cveType3Pdf } from '../helpers/hostile-pdfs.ts';

/**
 * A vault with script and markup in every text field (filled through the engine), walked screen by
 * screen and tab by tab in the real renderer: nothing may run (each payload would set
 * window.__xss), no element may be made from the text, and the CSP must never have had to block
 * anything (a blocked inline handler is a console error, so markup reached the DOM).
 */
const CASE_TITLE = 'Case <img src=x onerror=window.__xss=1>';
const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=2</script>',
  '"><svg onload=window.__xss=3>',
  'javascript:window.__xss=4',
  '<iframe srcdoc="<script>parent.__xss=5</script>">',
  '<a href="javascript:window.__xss=6">click</a>',
  '<style>body{display:none}</style>',
] as const;
const ALL = PAYLOADS.join(' ');
/** A payload for fields of at most 20 characters. */
const SHORT = '<b onclick=__xss=7>x';

const root = tempDir('custodia-e2e-xss-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

async function seed(): Promise<void> {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({
      title: CASE_TITLE,
      reference: PAYLOADS[2],
      status: 'other',
      statusOther: PAYLOADS[1],
      statusSince: '2024-03-01',
      region: PAYLOADS[0],
      city: PAYLOADS[3],
      narrative: ALL,
      tags: [...PAYLOADS],
      charges: [{ code: PAYLOADS[5], article: '405', part: SHORT, title: ALL }],
    });
    const person = archive.addPerson({ name: `Person ${PAYLOADS[0]}`, aliases: [PAYLOADS[2]], notes: ALL }, { caseId, role: 'defendant' });
    const file = path.join(root, 'evidence.txt');
    writeFileSync(file, `<!doctype html><html><body onload="window.__xss=8">${ALL}</body></html>`);
    const item = await archive.importFile(caseId, file, {
      metadata: { type: 'other', title: `Item ${PAYLOADS[1]}`, issuingBody: PAYLOADS[4], language: PAYLOADS[0], description: ALL },
      acquisition: { obtainedFrom: PAYLOADS[2], method: PAYLOADS[5], obtainedBy: PAYLOADS[3] },
    });
    // The CVE-2024-4367 font trick, for pdf.js in Chromium (the viewer renders glyphs to a canvas).
    for (const [label, pdf] of [
      ['Type1', cveType1Pdf(path.join(root, 'marker'))],
      ['Type3', cveType3Pdf(path.join(root, 'marker'))],
    ] as const) {
      const pdfFile = path.join(root, `cve-${label}.pdf`);
      writeFileSync(pdfFile, pdf);
      await archive.importFile(caseId, pdfFile, { metadata: { type: 'other', title: `CVE-2024-4367 ${label}` } });
    }
    archive.addTimelineEvent({ caseId, date: '2024-03-02', kind: 'other', description: ALL, itemIds: [item.id], personIds: [person] });
    archive.addPowerOfAttorney({ caseId, grantorPersonId: person, representative: PAYLOADS[4], scope: ['other'], issued: '2024-01-01' });
    archive.addSource({
      caseId,
      url: 'https://example.org/"><svg onload=window.__xss=9>',
      title: PAYLOADS[0],
      publisher: PAYLOADS[6],
      accessedAt: '2024-05-01',
    });
  } finally {
    archive.lock();
  }
}

before(async () => {
  await seed();
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timeoutMs: 10_000,
  });
  ({ bridge, page, pageErrors } = session);
});

after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

/** Nothing ran, and no element was made from the stored text. Page-side code is a string: no DOM types here. */
async function assertInert(where: string): Promise<void> {
  assert.equal(await page.evaluate<unknown>('window.__xss'), undefined, `${where}: a payload ran`);
  const made = await page.evaluate<number[]>(
    `[document.querySelectorAll('img[src="x"]').length,
      document.querySelectorAll('svg[onload], [onerror], [onload], [onclick]').length,
      document.querySelectorAll('iframe').length,
      document.querySelectorAll('body script, head script:not([type="module"])').length,
      document.querySelectorAll('a[href^="javascript:" i]').length,
      document.querySelectorAll('body style').length]`,
  );
  assert.deepEqual(
    made,
    [0, 0, 0, 0, 0, 0],
    `${where}: elements made from text [img, handlers, iframe, script, javascript: link, body style]`,
  );
  assert.deepEqual(pageErrors, [], `${where}: script errors or CSP violations`);
}

test('every screen and tab shows script and markup as text and runs nothing', async (t) => {
  const step = dependentSteps(t, (name) => session.shot(name));

  await step('the cases list', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('rowheader', { name: CASE_TITLE }).waitFor();
    await assertInert('cases list');
  });

  await step('search hits', async () => {
    await page.getByRole('searchbox', { name: 'Search everything' }).fill('onerror');
    await page.getByTestId('search-hit').first().waitFor();
    assert.ok((await page.getByTestId('search-hit').count()) >= 2);
    await assertInert('search');
    await page.getByRole('searchbox', { name: 'Search everything' }).fill('');
    await page.getByRole('rowheader', { name: CASE_TITLE }).waitFor();
  });

  await step('the case overview', async () => {
    await page.getByRole('rowheader', { name: CASE_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: CASE_TITLE, exact: true }).waitFor();
    await page.getByText(ALL).first().waitFor();
    await assertInert('overview');
  });

  for (const name of ['People', 'Evidence', 'Timeline', 'Sources and links', 'Powers of attorney', 'Custody log']) {
    await step(`the ${name} tab`, async () => {
      await tab(name).click();
      await page.getByRole('tabpanel').waitFor();
      await page.waitForTimeout(200);
      await assertInert(name);
    });
  }

  await step('the source address is a plain https link, shown as text', async () => {
    await tab('Sources and links').click();
    const link = page.getByRole('link', { name: /example\.org/ });
    await link.waitFor();
    assert.match((await link.getAttribute('href')) ?? '', /^https:\/\/example\.org\//);
  });

  for (const label of ['Type1', 'Type3']) {
    await step(`the viewer renders the CVE-2024-4367 ${label} PDF with pdf.js and runs nothing`, async () => {
      await tab('Evidence').click();
      await page.locator('button.item-open', { hasText: `CVE-2024-4367 ${label}` }).click();
      const viewer = page.getByTestId('item-viewer');
      await viewer.getByText('page 1 of 1').waitFor();
      await page.waitForTimeout(1000);
      assert.equal(await page.evaluate<unknown>('globalThis.__pwned'), undefined, 'the FontMatrix payload ran in the page');
      await assertInert(`CVE ${label}`);
      await page.getByRole('button', { name: '← Back to the evidence list' }).click();
    });
  }

  await step('the evidence viewer shows the HTML file as text, with its metadata', async () => {
    await tab('Evidence').click();
    await page.locator('button.item-open', { hasText: 'Item ' }).click();
    const viewer = page.getByTestId('item-viewer');
    await viewer.waitFor();
    await viewer.getByText(PAYLOADS[2]).first().waitFor();
    await page.waitForTimeout(500);
    await assertInert('viewer');
  });
});
