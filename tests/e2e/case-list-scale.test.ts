import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { kk } from '../../renderer/src/i18n/kk.ts';
import { ru } from '../../renderer/src/i18n/ru.ts';
import { dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * The case list at scale (issue 20) in real Chromium: a windowed table that still says how many rows
 * there are, keyboard that reaches the last row, sorting, honest search counts with "Show more", the
 * list kept with its scroll while a case is open — and screenshots in en/ru/kk at 1366×800 and 1024×700.
 */
const CASES = 240;
const root = tempDir('custodia-e2e-scale-');
const vault = path.join(root, 'vault');
const STATUSES = ['pre-trial-detention', 'house-arrest', 'sentenced', 'released'] as const;
const REGIONS = ['Маңғыстау облысы', 'Алматы', 'Шымкент', 'Ақтөбе облысы'];

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  for (let i = 0; i < CASES; i++) {
    archive.addCase({
      title: `Дело Бауыржана Мелдехана и других участников митинга в Жаңаөзене № ${String(i).padStart(3, '0')}`,
      reference: `2022-${String(i).padStart(4, '0')}`,
      status: STATUSES[i % STATUSES.length],
      region: REGIONS[i % REGIONS.length],
      charges: [{ article: i % 2 ? '272' : '274' }],
    });
  }
  archive.lock();
});
after(() => rmSync(root, { recursive: true, force: true }));

for (const [locale, t] of [
  ['en', en],
  ['ru', ru],
  ['kk', kk],
] as const) {
  test(`the case list of ${CASES} cases in ${locale}`, async (context) => {
    let session: BrowserSession | null = null;
    try {
      session = await openBrowserSession({
        vault,
        profileDir: path.join(root, `profile-${locale}`),
        viewport: { width: 1366, height: 800 },
        locale,
        timeoutMs: 60_000,
      });
      const { page, bridge } = session;
      const shot = session.shot.bind(session);
      const step = dependentSteps(context, shot);
      const table = page.getByRole('table', { name: t.cases.listLabel });
      const rows = table.locator('tbody tr[data-row]');

      await step('unlock: only the rows in view are drawn, the table still counts them all', async () => {
        await page.goto(bridge.url);
        await page.getByLabel(t.unlock.passphrase, { exact: true }).fill(PASSPHRASE);
        // The unlock form comes before the vault chooser, which has Open buttons of its own.
        await page.getByRole('button', { name: t.unlock.submit }).first().click();
        await rows.first().waitFor();
        assert.equal(await table.getAttribute('aria-rowcount'), String(CASES + 1));
        const drawn = await rows.count();
        assert.ok(drawn > 5 && drawn < 60, `${drawn} rows drawn`);
        assert.equal(await rows.first().getAttribute('aria-rowindex'), '2');
        await shot(`case-list-${locale}-1366x800`);
        await page.setViewportSize({ width: 1024, height: 700 });
        await shot(`case-list-${locale}-1024x700`);
        await page.setViewportSize({ width: 1366, height: 800 });
      });

      await step('End from the first row reaches the last case, scrolled into view; Home comes back', async () => {
        await rows.first().focus();
        await page.keyboard.press('End');
        // The last row is drawn after the jump and takes the focus then; until that frame the first row may still hold it.
        const focused = page.locator(`tr[data-row][aria-rowindex="${CASES + 1}"]:focus`);
        await focused.waitFor({ timeout: 5000 });
        assert.ok(await focused.isVisible());
        await page.keyboard.press('Home');
        await page.locator('tr[data-row][aria-rowindex="2"]:focus').waitFor();
      });

      await step('sorting by title, descending, puts the last number first', async () => {
        const sortButton = table.getByRole('button', { name: new RegExp(`^${t.cases.columnTitle}`) });
        await sortButton.click();
        await sortButton.click();
        assert.equal(await table.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
        assert.match((await rows.first().locator('th').textContent()) ?? '', new RegExp(`${CASES - 1}$`));
      });

      await step('the list keeps its place while a case is open', async () => {
        const box = page.locator('[data-scroller="cases"]');
        await box.evaluate('(box) => { box.scrollTop = 2000; }');
        await page.waitForTimeout(300);
        const before = Number(await box.evaluate('(box) => box.scrollTop'));
        const row = rows.nth(10);
        const title = (await row.locator('th').textContent()) ?? '';
        await row.click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.getByRole('button', { name: new RegExp(t.caseView.back) }).click();
        await rows.first().waitFor();
        assert.equal(Number(await box.evaluate('(box) => box.scrollTop')), before);
      });

      await step('a search in another spelling says how many there are and shows more on request', async () => {
        await page.getByRole('search').getByLabel(t.cases.search, { exact: true }).fill('Baurzhan');
        await page.getByText(t.cases.hitsPartial('100', String(CASES), false)).waitFor();
        const hits = page.getByTestId('search-hit');
        assert.ok((await hits.count()) < 40, 'the hits are windowed too');
        assert.ok((await hits.first().locator('mark').count()) > 0, 'the match is marked in its own spelling');
        await shot(`case-search-${locale}-1366x800`);
        await page.getByRole('button', { name: t.cases.showMoreHits('100') }).click();
        await page.getByText(t.cases.hitsPartial('200', String(CASES), false)).waitFor();
        await page.setViewportSize({ width: 1024, height: 700 });
        await shot(`case-search-${locale}-1024x700`);
        assert.deepEqual(session!.pageErrors, []);
      });
    } finally {
      await session?.close();
    }
  });
}
