// The case-record forms in browser mode (Chromium): a lawyer records a defendant, a status change, a
// hearing citing page 2 of a decision, a power of attorney expiring in 20 days and a source, with
// no CLI; each new screen is saved at 1366×800 and 1024×700 (test-artifacts/screenshots/14-*).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const root = tempDir('custodia-case-record-');
const vault = path.join(root, 'vault');
let session: BrowserSession;
const TITLE = 'Әділбекұлы Серік';

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({
      title: TITLE,
      status: 'pre-trial-detention',
      statusSince: '2022-01-08',
      charges: [{ article: '272', part: '2' }],
    });
    writeFileSync(path.join(root, 'decision.pdf'), makePdf([['Decision'], ['Page 2: detention extended']]));
    await archive.importFile(caseId, path.join(root, 'decision.pdf'), { metadata: { type: 'court-decision', title: 'Court decision' } });
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

/** Saves the screen at both sizes the issue names, and checks nothing scrolls sideways at 1024×700. */
async function shots(name: string) {
  const { page } = session;
  await page.setViewportSize({ width: 1366, height: 800 });
  await session.shot(`14-${name}-1366`);
  await page.setViewportSize({ width: 1024, height: 700 });
  await session.shot(`14-${name}-1024`);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  // The tab row stays one row, and no table is wider than the case card's content.
  const tabRows = await page.evaluate<number>(`new Set([...document.querySelectorAll('.case .tab')].map((tab) => tab.offsetTop)).size`);
  const widest = await page.evaluate<number>(
    `Math.max(0, ...[...document.querySelectorAll('.case table')].map((table) => table.getBoundingClientRect().right - document.querySelector('.case').getBoundingClientRect().right))`,
  );
  await page.setViewportSize({ width: 1366, height: 800 });
  assert.equal(overflow, 0, `${name} scrolls sideways at 1024×700`);
  assert.ok(tabRows <= 1, `${name}: the tab row wraps at 1024×700`);
  assert.ok(widest <= 0, `${name}: a table sticks out of the case card by ${widest}px at 1024×700`);
}

test('a lawyer keeps the case record in the app', async () => {
  const { page, bridge } = session;
  await page.goto(bridge.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('rowheader', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

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
  await page.getByTestId('edit-item-open').first().click();
  await page.getByTestId('edit-item').getByLabel('Document date').fill('2022-09-14');
  await shots('edit-item');
  await page.getByTestId('edit-item').getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByTestId('edit-item').waitFor({ state: 'detached' });

  // The custody log, readable.
  await page.getByRole('tab', { name: /^Custody log/ }).click();
  await page.getByText('document date:').first().waitFor();
  await shots('custody');

  // The person page, found by the alias.
  await page.getByRole('tab', { name: /^People/ }).click();
  await page.getByRole('button', { name: 'Әділбекұлы Серік' }).click();
  await page.getByTestId('person-page').waitFor();
  await shots('person-page');
  assert.deepEqual(session.pageErrors, []);
});
