import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * The working screens against a vault filled through the engine: the cases list (filters, search,
 * keyboard), a case with all its parts, languages, hostile titles and the idle lock.
 * Screenshots of every screen go to test-artifacts/screenshots (CUSTODIA_SCREENSHOTS to move them).
 */

const MAIN_CASE = 'Әділбекұлы Серік: участие в запрещённой организации';
const XSS_TITLE = '<img src=x onerror=window.__xss=1>';
const OTHER_CASE = 'Karaganda journalist: false information';
const NEW_CASE = 'Шымкент: блогер под домашним арестом';
const DEFENDANT = 'Әділбекұлы Серік';
const EVIDENCE_TITLE = 'Постановление о заключении под стражу';
const SOURCE_URL = 'https://example.org/reports/adilbekuly';

const root = tempDir('custodia-e2e-ws-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

function isoDaysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function seed(): Promise<void> {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({
      title: MAIN_CASE,
      reference: 'АЛ-2024/0301',
      status: 'pre-trial-detention',
      statusSince: '2024-03-01',
      region: 'Алматы',
      city: 'Алматы',
      narrative: 'Задержан 1 марта 2024 года после публикации в мессенджере.',
      charges: [{ code: 'Criminal Code', article: '405', part: '2', title: 'Участие в деятельности запрещённой организации' }],
    });
    const defendant = archive.addPerson({ name: DEFENDANT, aliases: [] }, { caseId, role: 'defendant' });
    archive.addPerson({ name: 'Иванова Анна', aliases: [] }, { caseId, role: 'lawyer' });
    const file = path.join(root, 'decision.txt');
    writeFileSync(file, 'Постановление суда о заключении под стражу сроком на два месяца.');
    await archive.importFile(caseId, file, {
      metadata: { type: 'court-decision', title: EVIDENCE_TITLE, documentDate: '2024-03-02' },
      acquisition: { obtainedFrom: 'адвокат Иванова', method: 'передано лично' },
    });
    archive.addTimelineEvent({ caseId, date: '2024-03-01', kind: 'detention', description: 'Задержан сотрудниками полиции в Алматы' });
    archive.addTimelineEvent({ caseId, date: '2024-03-02', kind: 'hearing', description: 'Суд избрал меру пресечения' });
    archive.addPowerOfAttorney({
      caseId,
      grantorPersonId: defendant,
      representative: 'Иванова Анна',
      scope: ['international-bodies'],
      issued: '2022-01-01',
      validUntil: isoDaysFromToday(10),
    });
    archive.addSource({ caseId, url: SOURCE_URL, title: 'Доклад о деле', publisher: 'Example Watch', accessedAt: '2024-05-01' });

    archive.addCase({ title: XSS_TITLE, status: 'sentenced', region: 'Караганда', charges: [{ code: 'Criminal Code', article: '274' }] });
    archive.addCase({
      title: OTHER_CASE,
      status: 'released',
      region: 'Караганда',
      charges: [{ code: 'Criminal Code', article: '274', part: '1' }],
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

const shot = (name: string) => session.shot(name);

const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const caseRows = () => page.locator('tbody tr[data-row]');
const rowFor = (title: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
const filter = (name: string) => page.getByRole('search').getByRole('combobox', { name, exact: true });
const searchBox = () => page.getByRole('searchbox', { name: 'Search everything' });
const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
// Page-side expressions are passed as strings: this test is type-checked without DOM types.
const xssFired = () => page.evaluate<unknown>('window.__xss');

test('the working screens of an unlocked vault', async (t) => {
  const step = dependentSteps(t, shot);

  await step('unlock shows the cases with counts, filters and the power-of-attorney banner', async () => {
    await page.goto(bridge.url);
    await heading('Unlock the vault').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await heading('Cases').waitFor();
    await rowFor(MAIN_CASE).waitFor();
    assert.equal(await caseRows().count(), 3);
    await page.getByText('Showing 3 of 3 cases').waitFor();
    const banner = page.getByTestId('poa-banner');
    await banner.getByText('1 power of attorney expires within 30 days').waitFor();
    assert.match((await banner.textContent()) ?? '', new RegExp(DEFENDANT));
    // Counts in the filters come from the cases themselves.
    await filter('Region').locator('option', { hasText: 'Караганда (2)' }).waitFor({ state: 'attached' });
    await shot('10-cases');
  });

  await step('a hostile case title renders as text and runs nothing', async () => {
    await rowFor(XSS_TITLE).waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img> was created from the title');
    assert.equal(await xssFired(), undefined);
  });

  await step('filters narrow the list and say what to do when nothing matches', async () => {
    await filter('Region').selectOption('Караганда');
    await page.getByText('Showing 2 of 3 cases').waitFor();
    assert.equal(await rowFor(MAIN_CASE).count(), 0);
    await filter('Charge article').selectOption('274');
    await filter('Status').selectOption('released');
    await page.getByText('Showing 1 of 3 cases').waitFor();
    await rowFor(OTHER_CASE).waitFor();
    await filter('Region').selectOption('');
    await filter('Charge article').selectOption('');
    await filter('Status').selectOption('pre-trial-detention');
    await rowFor(MAIN_CASE).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('Showing 3 of 3 cases').waitFor();
  });

  await step('the person filter takes a name in any spelling; the date filter keeps cases with events in the range', async () => {
    const person = page.getByRole('search').getByRole('textbox', { name: 'Person' });
    await person.fill('Adilbekuly');
    await page.getByText('Showing 1 of 3 cases').waitFor();
    await rowFor(MAIN_CASE).waitFor();
    await person.fill('Nobody Atall');
    await page.getByText('No case matches these filters.').waitFor();
    await person.fill('');
    await page.getByText('Showing 3 of 3 cases').waitFor();
    await page.getByLabel('Events from').fill('2024-03-01');
    await page.getByLabel('to', { exact: true }).fill('2024-03-31');
    await page.getByText('Showing 1 of 3 cases').waitFor();
    await rowFor(MAIN_CASE).waitFor();
    await page.getByLabel('Events from').fill('2025-01-01');
    await page.getByLabel('to', { exact: true }).fill('2025-12-31');
    await page.getByText('No case matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('Showing 3 of 3 cases').waitFor();
  });

  await step('a Latin spelling finds the Kazakh name, with the match marked', async () => {
    await searchBox().fill('Adilbekuly');
    const hits = page.getByTestId('search-hit');
    await hits.first().waitFor();
    const caseHit = hits.filter({ hasText: MAIN_CASE });
    await caseHit.waitFor();
    const marks = caseHit.locator('mark');
    assert.ok((await marks.count()) >= 1, 'the snippet marks the match');
    assert.equal(await marks.first().textContent(), 'Әділбекұлы');
    assert.doesNotMatch((await caseHit.textContent()) ?? '', /\[\[|\]\]/, 'no raw markers');
    await shot('11-search');
    await searchBox().fill('Nonexistentname');
    await page.getByText('Nothing found for “Nonexistentname”.').waitFor();
    await searchBox().fill('');
    await rowFor(MAIN_CASE).waitFor();
  });

  await step('the keyboard moves through the list and Enter opens a case', async () => {
    await searchBox().focus();
    await page.keyboard.press('ArrowDown');
    let focused = '';
    for (let i = 0; i < 3; i++) {
      focused = (await page.locator(':focus th').textContent()) ?? '';
      if (focused === MAIN_CASE) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(focused, MAIN_CASE, 'arrow keys reach the case');
    await page.keyboard.press('Enter');
    await heading(MAIN_CASE).waitFor();
  });

  await step('the case overview shows status history, charges and the narrative', async () => {
    await page.getByTestId('charges').getByText('Art. 405, part 2').waitFor();
    await page.getByText('Участие в деятельности запрещённой организации').waitFor();
    await page.getByText('Задержан 1 марта 2024 года').waitFor();
    await page.locator('.history').getByText('since Mar 1, 2024').waitFor();
    await shot('12-case-overview');
  });

  await step('switching to Russian changes labels and date formats, and is remembered', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await page.getByRole('tab', { name: /^Обзор/ }).waitFor();
    await page.getByTestId('charges').getByText('ст. 405 ч. 2').waitFor();
    await page.locator('.history').getByText('с 01.03.2024').waitFor();
    assert.equal(await page.locator('.history').getByText('since Mar 1, 2024').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Запереть' }).count(), 1);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
    assert.equal(await page.evaluate<unknown>("localStorage.getItem('custodia.locale')"), 'ru');
    await shot('13-case-overview-ru');
    await page.getByRole('tab', { name: /^Материалы/ }).click();
    await page.getByTestId('evidence').getByText('Судебное решение').waitFor();
    await page.getByTestId('evidence').getByText('02.03.2024').waitFor();
    await shot('14-evidence-ru');
    await page.getByRole('combobox', { name: 'Язык' }).selectOption('en');
    await tab('Overview').waitFor();
  });

  await step('people and their roles', async () => {
    await tab('People').click();
    await page.getByRole('row').filter({ hasText: DEFENDANT }).getByText('Defendant').waitFor();
    await page.getByRole('row').filter({ hasText: 'Иванова Анна' }).getByText('Lawyer').waitFor();
  });

  await step('evidence lists the item and verify re-hashes it', async () => {
    await tab('Evidence').click();
    const row = page.getByTestId('evidence').getByRole('row').filter({ hasText: EVIDENCE_TITLE });
    await row.getByText('Court decision').waitFor();
    await row.getByText('Mar 2, 2024').waitFor();
    assert.match((await row.locator('code.hash').textContent()) ?? '', /^[0-9a-f]{12}…$/);
    await row.getByRole('button', { name: 'Verify' }).click();
    await row.getByText('✓ Intact').waitFor();
    await shot('15-evidence');
  });

  await step('timeline in date order', async () => {
    await tab('Timeline').click();
    const events = page.getByTestId('timeline').locator('li');
    assert.equal(await events.count(), 2);
    assert.match((await events.nth(0).textContent()) ?? '', /Mar 1, 2024.*Detention.*Задержан/);
    assert.match((await events.nth(1).textContent()) ?? '', /Hearing/);
    await shot('16-timeline');
  });

  await step('sources show the address as text and open outside the app', async () => {
    await tab('Sources and links').click();
    const link = page.getByRole('link', { name: SOURCE_URL });
    await link.waitFor();
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match((await link.getAttribute('rel')) ?? '', /noreferrer/);
    await shot('17-sources');
  });

  await step('powers of attorney warn before they expire', async () => {
    await tab('Powers of attorney').click();
    await page.getByTestId('poa-warning').getByText('1 power of attorney in this case expires soon').waitFor();
    await page.getByRole('row').filter({ hasText: 'Иванова Анна' }).getByText('Expires soon').waitFor();
    await shot('18-poa');
  });

  await step('the custody log of the case', async () => {
    await tab('Custody log').click();
    const log = page.getByTestId('custody');
    await log.getByText('Case created').waitFor();
    await log.getByText('Acquired').waitFor();
    await log.getByText('Imported').first().waitFor();
    assert.ok((await log.locator('tbody tr').count()) >= 4);
    await shot('19-custody');
  });

  await step('the hostile title opens as text too', async () => {
    await page.getByRole('button', { name: /All cases/ }).click();
    await rowFor(XSS_TITLE).click();
    await heading(XSS_TITLE).waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await xssFired(), undefined);
    await page.getByRole('button', { name: /All cases/ }).click();
    await rowFor(MAIN_CASE).waitFor();
  });

  await step('the add-case form records status, place and charges', async () => {
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add case' }) });
    await form.getByLabel('Case title').fill(NEW_CASE);
    await form.getByRole('combobox', { name: 'Status', exact: true }).selectOption('house-arrest');
    await form.getByLabel('Region', { exact: true }).fill('Шымкент');
    await form.getByLabel('City', { exact: true }).fill('Шымкент');
    await form.getByRole('button', { name: 'Add a charge' }).click();
    await form.getByLabel('Article', { exact: true }).fill('not an article');
    await form.getByRole('button', { name: 'Add case' }).click();
    await form.getByText('An article is a number such as 405 or 174.1.').waitFor();
    await form.getByLabel('Article', { exact: true }).fill('174');
    await form.getByLabel('Part', { exact: true }).fill('2');
    await form.getByLabel('Offence', { exact: true }).fill('Разжигание розни');
    await shot('21-add-case');
    await form.getByRole('button', { name: 'Add case' }).click();
    await page.getByText('← All cases').click(); // Add case opened the new case
    await page.getByRole('status').filter({ hasText: 'added' }).waitFor();
    const row = rowFor(NEW_CASE);
    await row.getByText('House arrest').waitFor();
    await row.getByRole('cell', { name: 'Шымкент', exact: true }).waitFor();
    await filter('Charge article').selectOption('174');
    await page.getByText('Showing 1 of 4 cases').waitFor();
    await row.click();
    await page.getByTestId('charges').getByText('Art. 174, part 2').waitFor();
    await page.getByRole('button', { name: /All cases/ }).click();
    await filter('Charge article').selectOption('');
  });

  await step('the settings panel keeps the idle time, ten minutes by default', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const idle = page.getByRole('combobox', { name: 'Lock automatically after' });
    assert.equal(await idle.inputValue(), '600');
    await shot('22-settings');
    await idle.selectOption('300');
    assert.equal(await page.evaluate<unknown>("localStorage.getItem('custodia.idleLockSeconds')"), '300');
    await page.getByRole('button', { name: 'Close' }).click();
  });

  await step('after the idle time the vault locks and no case data is left on the page', async () => {
    await page.evaluate("localStorage.setItem('custodia.idleLockSeconds', '2')");
    // A fresh load reads the setting; the vault is still open on the bridge, so the list comes back.
    await page.goto(bridge.url);
    await rowFor(MAIN_CASE).waitFor();
    await heading('Unlock the vault').waitFor({ timeout: 8_000 });
    await page.getByText('The vault was locked after 2 seconds without activity.').waitFor();
    const html = await page.content();
    assert.ok(!html.includes(MAIN_CASE), 'the case title is gone from the DOM');
    assert.ok(!html.includes(DEFENDANT), 'the names are gone from the DOM');
    assert.equal((await session.vaultStatus()).state, 'locked', 'the engine was locked too');
    await shot('20-auto-locked');
  });

  await step('no script errors and no CSP violations', async () => {
    assert.equal(await xssFired(), undefined);
    assert.deepEqual(pageErrors, []);
  });
});
