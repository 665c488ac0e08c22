// The case-record forms in browser mode (Chromium): from an empty vault, a lawyer makes a case with its
// charge and detention, imports a decision, records a defendant, a status change, a hearing citing
// page 2 of it, a power of attorney expiring in 20 days and a source, with no CLI; each new screen is saved at 1366×800 and 1024×700 (test-artifacts/screenshots/14-*).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowserSession, typeRecoveryGroupsBack, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const root = tempDir('custodia-case-record-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
const TITLE = 'Әділбекұлы Серік';

before(async () => {
  writeFileSync(path.join(root, 'decision.pdf'), makePdf([['Decision'], ['Page 2: detention extended']]));
  writeFileSync(path.join(root, 'draft.pdf'), makePdf([['Unsigned draft, filed by mistake']]));
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

/**
 * Saves the screen at both sizes the issue names, in English and in Kazakh (the longest words), and
 * checks nothing scrolls sideways at 1024×700 in either.
 */
async function shots(name: string, locales: ReadonlyArray<'en' | 'ru' | 'kk'> = ['en', 'kk']) {
  const { page } = session;
  for (const locale of locales) {
    await page.locator('.language select').selectOption(locale);
    const suffix = locale === 'en' ? '' : `-${locale}`;
    await page.setViewportSize({ width: 1366, height: 800 });
    await session.shot(`14-${name}${suffix}-1366`);
    await page.setViewportSize({ width: 1024, height: 700 });
    await session.shot(`14-${name}${suffix}-1024`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    // The tab row stays one row, and no table is wider than the case card's content.
    const tabRows = await page.evaluate<number>(`new Set([...document.querySelectorAll('.case .tab')].map((tab) => tab.offsetTop)).size`);
    const widest = await page.evaluate<number>(
      `(() => { const card = document.querySelector('.case'); if (!card) return 0; const content = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight); return Math.max(0, ...[...card.querySelectorAll('table')].map((table) => Math.round(table.getBoundingClientRect().right - content))); })()`,
    );
    await page.setViewportSize({ width: 1366, height: 800 });
    assert.equal(overflow, 0, `${name} (${locale}) scrolls sideways at 1024×700`);
    assert.ok(tabRows <= 1, `${name} (${locale}): the tab row wraps at 1024×700`);
    assert.ok(widest <= 0, `${name} (${locale}): a table runs into the case card's padding by ${widest}px at 1024×700`);
  }
  await page.locator('.language select').selectOption('en');
}

test('a lawyer keeps the case record in the app', async () => {
  const { page, bridge } = session;
  await page.goto(bridge.url);

  // An empty vault, made in the window.
  await page.getByRole('heading', { level: 1, name: 'Create a new vault' }).waitFor();
  await page.getByLabel('Your name').fill('Айгерім Сәрсенова');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const recoveryKey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
  await page.getByRole('button', { name: 'I have written it down' }).click();
  await typeRecoveryGroupsBack(page, recoveryKey);
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();

  // The case: charge 272 part 2, in pre-trial detention since 8 January 2022; Add case opens it.
  const addCase = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add case' }) });
  await addCase.getByLabel('Case title').fill(TITLE);
  await addCase.getByRole('combobox', { name: 'Status', exact: true }).selectOption('pre-trial-detention');
  await addCase.getByLabel('Since', { exact: true }).fill('08.01.2022');
  await addCase.getByRole('button', { name: 'Add a charge' }).click();
  await addCase.getByLabel('Article', { exact: true }).fill('272');
  await addCase.getByLabel('Part', { exact: true }).fill('2');
  await addCase.getByRole('button', { name: 'Add case' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByTestId('charges').getByText('Art. 272, part 2').waitFor();

  // The decision and a draft, each with its own title and type, imported in one batch.
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  await page.getByRole('button', { name: 'Add evidence…' }).click();
  await page.getByTestId('import-input').setInputFiles([path.join(root, 'decision.pdf'), path.join(root, 'draft.pdf')]);
  const files = page.getByTestId('import-file');
  await files.nth(1).waitFor();
  for (const [index, title, type] of [
    [0, 'Court decision', 'court-decision'],
    [1, 'Draft', 'other'],
  ] as const) {
    await files.nth(index).getByLabel('Title', { exact: true }).fill(title);
    await files.nth(index).getByLabel('Type', { exact: true }).selectOption(type);
  }
  const acquisition = page.getByRole('group', { name: 'How the files were obtained' });
  await acquisition.getByLabel('Obtained from').fill('the defence lawyer');
  await acquisition.getByLabel(/^How\b/).fill('handed over in person');
  await page.getByRole('button', { name: 'Import 2 files' }).click();
  await page.getByTestId('import-summary').getByText('2 imported, 0 already in this case, 0 failed.').waitFor();
  await page.getByRole('button', { name: 'Done' }).click();

  // People: the defendant, with the Latin spelling suggested.
  await page.getByRole('tab', { name: /^People/ }).click();
  await page.getByTestId('open-add-person').click();
  const person = page.getByTestId('add-person');
  await person.getByLabel('Name', { exact: true }).fill('Әділбекұлы Серік');
  await person.getByRole('button', { name: 'Add “Adilbekuly Serik”' }).click();
  await shots('add-person');
  await person.getByRole('button', { name: 'Add a person' }).click();
  await page.getByText('Әділбекұлы Серік was added to this case.').waitFor();

  // Status change.
  await page.getByRole('tab', { name: /^Overview/ }).click();
  await page.getByTestId('open-change-status').click();
  const status = page.getByTestId('change-status');
  await status.getByLabel('Status').selectOption('sentenced');
  await status.getByLabel('Since').fill('14.09.2022');
  await shots('change-status');
  await status.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').first().waitFor();
  await page.getByTestId('open-edit-case').click();
  await shots('edit-case');
  await page.getByTestId('edit-case').getByRole('button', { name: 'Cancel' }).click();

  // A hearing citing page 2 of the decision.
  await page.getByRole('tab', { name: /^Timeline/ }).click();
  await page.getByTestId('open-add-event').click();
  const event = page.getByTestId('event-form');
  await event.getByLabel('Date', { exact: true }).fill('14.09.2022');
  await event.getByLabel('What happened').fill('Hearing at the Zhanaozen city court');
  await event.getByLabel('Cites evidence').selectOption({ label: 'Court decision' });
  await event.getByLabel('Page', { exact: true }).fill('2');
  await shots('add-event');
  await event.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Exhibit: Court decision, p. 2').waitFor();
  await shots('timeline');

  // A power of attorney expiring in 20 days: the warning shows.
  const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('tab', { name: /^Powers of attorney/ }).click();
  await page.getByTestId('open-add-poa').click();
  const poa = page.getByTestId('poa-form');
  await poa.getByLabel('Representative').fill('A. Lawyer');
  await poa.getByLabel('Issued').fill('2024-01-10');
  await poa.getByLabel('Valid until').fill(until);
  await shots('add-poa');
  await poa.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('poa-warning').waitFor();
  assert.equal(await page.getByTestId('poa-days').textContent(), 'expires in 20 days');
  await shots('poa');

  // A source.
  await page.getByRole('tab', { name: /^Sources/ }).click();
  await page.getByTestId('open-add-source').click();
  const source = page.getByTestId('source-form');
  await source.getByLabel('Web address').fill('https://example.org/report');
  await source.getByLabel('Title', { exact: true }).fill('Report on the case');
  await shots('add-source');
  await source.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('rowheader', { name: /Report on the case/ }).waitFor();

  // Evidence: edit details.
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  const evidenceRow = (title: string) => page.getByTestId('evidence').getByRole('row').filter({ hasText: title });
  await evidenceRow('Court decision').getByTestId('edit-item-open').click();
  const editItem = page.getByTestId('edit-item');
  await editItem.getByLabel('Title', { exact: true }).first().fill('Decision on detention');
  await editItem.getByLabel('Document date').fill('14.09.2022');
  await shots('edit-item');
  await editItem.getByRole('button', { name: 'Save', exact: true }).click();
  await editItem.waitFor({ state: 'detached' });
  await evidenceRow('Decision on detention').getByText('Sep 14, 2022').waitFor();

  // Withdraw the draft with a reason: a reason is required, and the item stays listed as withdrawn.
  await evidenceRow('Draft').getByTestId('edit-item-open').click();
  await editItem.getByRole('button', { name: 'Withdraw from view' }).click();
  await editItem.getByText('Fill this in.').waitFor();
  await editItem.getByLabel('Why is it withdrawn?').fill('Filed by mistake: an unsigned draft');
  await editItem.getByRole('button', { name: 'Withdraw from view' }).click();
  await editItem.waitFor({ state: 'detached' });

  // The decision in the viewer: fitted to the width, and found by its words (page 2).
  await evidenceRow('Decision on detention').getByRole('button', { name: 'Decision on detention' }).click();
  await page.getByTestId('pdf-text').locator('span').first().waitFor();
  const fit = await page.evaluate<[number, number]>(
    `[document.querySelector('.pdf-page canvas').getBoundingClientRect().width, document.querySelector('.pdf-page-wrap').clientWidth]`,
  );
  assert.ok(fit[0] > fit[1] - 40 && fit[0] <= fit[1], `the page is ${fit[0]}px in a ${fit[1]}px frame`);
  await page.getByTestId('pdf-find').fill('detention extended');
  await page.getByTestId('pdf-find-status').getByText('page 1 of 1 with a match').waitFor();
  assert.match((await page.getByTestId('pdf-page-count').textContent()) ?? '', /page 2 of 2/);
  await page.locator('.pdf-hit').first().waitFor();
  await shots('viewer-find');
  await page.getByRole('button', { name: /Back to the evidence list/ }).click();

  // The custody log, readable.
  // The log draws only the rows in view; a tall window shows the whole case's history at once.
  const tall = () => page.setViewportSize({ width: 1366, height: 4000 });
  await page.getByRole('tab', { name: /^Custody log/ }).click();
  await tall();
  await page.getByText('document date:').first().waitFor();
  await shots('custody');

  // The same log in Russian: every step in Russian, dates as Russians write them, no raw keys.
  await page.locator('.language select').selectOption('ru');
  await tall();
  const log = page.getByTestId('custody');
  await log.getByText('Изъят из просмотра').first().waitFor();
  const text = (await log.textContent()) ?? '';
  for (const step of ['Создано дело', 'Импортирован', 'Изменены сведения', 'Привязан', 'Изъят из просмотра', 'Filed by mistake'])
    assert.ok(text.includes(step), `the Russian custody log lacks "${step}"`);
  for (const english of ['Case created', 'Imported', 'Metadata changed', 'Linked', 'Withdrawn', 'document date:', 'since:', 'reason:'])
    assert.ok(!text.includes(english), `the Russian custody log shows "${english}"`);
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/, 'a raw id in the log');
  assert.match(text, /14\.09\.2022/);
  assert.ok(
    await log.getByRole('row').filter({ hasText: 'Изъят из просмотра' }).filter({ hasText: 'draft.pdf' }).count(),
    'the withdrawn item is named in its log entry',
  );
  await shots('custody', ['ru']);
  await page.getByRole('tab').first().waitFor();
  await shots('tabs', ['kk']);

  // The person page, found by searching the alias from the case list.
  await page.getByRole('button', { name: /All cases/ }).click();
  await page.getByRole('searchbox', { name: 'Search everything' }).fill('Adilbekuly Serik');
  await page.getByTestId('search-hit').filter({ hasText: 'Person' }).filter({ hasText: 'Әділбекұлы Серік' }).first().click();
  await page.getByTestId('person-page').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Әділбекұлы Серік' }).waitFor();
  await shots('person-page');
  await page.getByTestId('open-edit-person').click();
  await page.getByTestId('edit-person').getByLabel('Notes').fill('Held in SIZO-1');
  await shots('edit-person');
  await page.getByTestId('edit-person').getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Held in SIZO-1').waitFor();
  assert.deepEqual(session.pageErrors, []);
});
