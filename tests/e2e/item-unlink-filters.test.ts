// Unlinking and the role and evidence-type filters, in browser mode (Chromium), as a lawyer does them:
// an appeal judgment is linked from its case's Edit details to a second case and to the defendant,
// unlinked from the second case after a confirmation (gone from its Evidence tab, 'Unlinked' in the
// log of the case it was filed under); then the case list is narrowed by a person's role and by the
// type of evidence. Screenshots in English, Russian and Kazakh.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const root = tempDir('custodia-e2e-unlink-');
const vault = path.join(root, 'vault');
const APPEAL = 'Әділбекұлы Серік: обжалование приговора по ст. 174';
const TORTURE = 'Жақсыбеков Бауыржан: пытки в ИВС г. Караганды';
const PRESS = 'Тоқтарова Әйгерім: преследование журналиста';
const JUDGMENT = 'Постановление апелляционной коллегии Алматинского городского суда';
let session: BrowserSession;

before(async () => {
  const judgment = path.join(root, 'judgment.pdf');
  const photo = path.join(root, 'injuries.txt');
  const article = path.join(root, 'article.txt');
  writeFileSync(judgment, makePdf([['Постановление апелляционной коллегии'], ['Приговор оставить без изменения']]));
  writeFileSync(photo, 'Фотофиксация телесных повреждений, 12.03.2023');
  writeFileSync(article, 'Статья о преследовании журналиста');
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const appeal = archive.addCase({ title: APPEAL, status: 'sentenced', region: 'Алматы', charges: [{ article: '174' }] });
    archive.addPerson({ name: 'Әділбекұлы Серік' }, { caseId: appeal, role: 'defendant' });
    await archive.importFile(appeal, judgment, {
      metadata: { type: 'court-decision', title: JUDGMENT, documentDate: '2023-06-14' },
    });
    const torture = archive.addCase({ title: TORTURE, status: 'pre-trial-detention', region: 'Карагандинская область' });
    archive.addPerson({ name: 'Жақсыбеков Бауыржан' }, { caseId: torture, role: 'victim' });
    await archive.importFile(torture, photo, { metadata: { type: 'photo', title: 'Фото телесных повреждений' } });
    const press = archive.addCase({ title: PRESS, status: 'travel-ban', region: 'Астана' });
    archive.addPerson({ name: 'Тоқтарова Әйгерім' }, { caseId: press, role: 'journalist' });
    await archive.importFile(press, article, { metadata: { type: 'publication', title: 'Публикация Vlast.kz' } });
  } finally {
    archive.lock();
  }
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    timeoutMs: 20_000,
  });
});
after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The screen in each language, with no sideways scrolling; back in English after. */
async function shots(name: string) {
  const { page } = session;
  for (const locale of ['en', 'ru', 'kk']) {
    await page.locator('.language select').selectOption(locale);
    await session.shot(`42-${name}-${locale}`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.equal(overflow, 0, `${name} (${locale}) scrolls sideways`);
  }
  await page.locator('.language select').selectOption('en');
}

async function openCase(title: string, tab: RegExp) {
  const { page } = session;
  const back = page.getByRole('button', { name: /All cases/ });
  if (await back.isVisible()) await back.click();
  await page.getByRole('rowheader', { name: title }).click();
  await page.getByRole('tab', { name: tab }).click();
}

const evidenceRow = (title: string) => session.page.getByTestId('evidence').getByRole('row').filter({ hasText: title });

test('an item linked to a second case and a person, then unlinked from the case after a confirmation', async () => {
  const { page, bridge } = session;
  await page.goto(bridge.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await openCase(APPEAL, /^Evidence/);
  await evidenceRow(JUDGMENT).getByTestId('edit-item-open').click();
  const links = page.getByTestId('item-links');
  await links.getByText(`Filed under “${APPEAL}”`).waitFor();

  await links.getByLabel('Also belongs to case').selectOption({ label: TORTURE });
  await links.getByRole('button', { name: 'Link' }).first().click();
  const unlinkCase = links.getByRole('button', { name: `Unlink from ${TORTURE}` });
  await unlinkCase.waitFor();
  await links.getByLabel('Also concerns a person of this case').selectOption({ label: 'Әділбекұлы Серік (Defendant)' });
  await links.getByRole('button', { name: 'Link' }).last().click();
  await links.getByRole('button', { name: 'Unlink from Әділбекұлы Серік' }).waitFor();
  await links.scrollIntoViewIfNeeded();
  await shots('item-links');

  // The second case lists it.
  await openCase(TORTURE, /^Evidence/);
  await evidenceRow(JUDGMENT).waitFor();

  // Unlink: "no" keeps the link; "yes" removes it.
  await openCase(APPEAL, /^Evidence/);
  await evidenceRow(JUDGMENT).getByTestId('edit-item-open').click();
  const questions: string[] = [];
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await unlinkCase.click();
  await page.waitForTimeout(300);
  assert.match(questions[0] ?? '', /^Unlink this item from “Жақсыбеков Бауыржан: пытки в ИВС г\. Караганды”\?/);
  assert.ok(await unlinkCase.isVisible(), 'nothing changes when the user says no');
  page.once('dialog', (dialog) => void dialog.accept());
  await unlinkCase.click();
  await unlinkCase.waitFor({ state: 'detached' });
  await links.getByRole('button', { name: 'Unlink from Әділбекұлы Серік' }).waitFor();
  assert.equal(await links.getByText('None yet.').count(), 1, 'no other case is left');
  await links.scrollIntoViewIfNeeded();
  await session.shot('42-item-unlinked-en');

  await openCase(TORTURE, /^Evidence/);
  await evidenceRow('Фото телесных повреждений').waitFor();
  assert.equal(await evidenceRow(JUDGMENT).count(), 0, 'gone from the second case');

  // The log of the case it was filed under: linked twice, unlinked once.
  await openCase(APPEAL, /^Custody log/);
  const log = page.getByTestId('custody');
  await log.getByRole('row').filter({ hasText: 'Unlinked' }).first().waitFor();
  assert.equal(await log.getByRole('row').filter({ hasText: 'Unlinked' }).count(), 1);
  const rows = await log.getByRole('row').filter({ hasText: JUDGMENT }).allTextContents();
  assert.equal(rows.filter((row) => /(?<!Un)[Ll]inked/.test(row)).length, 2, rows.join('\n'));
  await page.setViewportSize({ width: 1366, height: 2000 });
  await session.shot('42-custody-unlinked-en');
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.locator('.language select').selectOption('ru');
  await log.getByRole('row').filter({ hasText: 'Отвязан' }).first().waitFor();
  await page.locator('.language select').selectOption('en');
  assert.deepEqual(session.pageErrors, []);
});

test('the case list narrowed by role and by evidence type', async () => {
  const { page } = session;
  await page.getByRole('button', { name: /All cases/ }).click();
  const filters = page.getByRole('search');
  const listed = async () => (await page.getByRole('rowheader').allTextContents()).map((text) => text.trim()).sort();
  // The list changes after the engine answers: wait for the expected rows, then say which differ.
  const expectRows = async (titles: string[], why: string) => {
    const wanted = [...titles].sort();
    for (let tries = 0; tries < 50 && JSON.stringify(await listed()) !== JSON.stringify(wanted); tries++) await page.waitForTimeout(100);
    assert.deepEqual(await listed(), wanted, why);
  };
  await expectRows([APPEAL, TORTURE, PRESS], 'every case at first');

  await filters.getByLabel('Role').selectOption('victim');
  await expectRows([TORTURE], 'a victim only in the torture case');
  await filters.getByLabel('Role').selectOption('defendant');
  await expectRows([APPEAL], 'a defendant only in the appeal');
  await shots('filter-role');
  await filters.getByLabel('Role').selectOption('');

  await filters.getByLabel('Evidence type').selectOption('court-decision');
  await expectRows([APPEAL], 'the judgment, now only in the appeal');
  await filters.getByLabel('Evidence type').selectOption('photo');
  await expectRows([TORTURE], 'the photo of injuries');
  await filters.getByLabel('Role').selectOption('defendant');
  await expectRows([], 'no case has both');
  await shots('filter-type-and-role');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectRows([APPEAL, TORTURE, PRESS], 'all again');

  // With words in the search box the engine filters the hits itself: only evidence of the type.
  await filters.getByLabel('Evidence type').selectOption('publication');
  await filters.getByLabel('Search everything').fill('Публикация');
  await page.getByTestId('search-hit').filter({ hasText: 'Публикация Vlast.kz' }).waitFor();
  assert.equal(await page.getByTestId('search-hit').count(), 1, 'the item only, not its case');
  await filters.getByLabel('Evidence type').selectOption('photo');
  await page.getByText('Nothing found for “Публикация”.').waitFor();
  assert.deepEqual(session.pageErrors, []);
});
