import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { chooseExportFolder, dependentSteps, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * `custodia log` in the window: Integrity → "Custody log of the vault", newest first, 50 a page,
 * with the vault's own events (an audit, an export of the log, a named user) beside the cases'.
 */
const root = tempDir('custodia-e2e-vault-log-');
const vault = path.join(root, 'vault');
const KAZAKH_CASE = 'Жақсыбеков Бауыржан, ст. 272 УК РК';
const USER = 'Айгерім Нұрланқызы';
let session: BrowserSession;
let bridge: Bridge;
let page: Page;
let pageErrors: string[] = [];

before(async () => {
  const { archive } = await Archive.create(vault, PASSPHRASE);
  archive.users.save({ name: USER, role: 'адвокат' });
  // Older history than two pages hold: 60 cases, each created and renamed.
  for (let n = 1; n <= 60; n++) {
    const caseId = archive.addCase({ title: `Дело №${n}` });
    archive.editCase({ caseId, title: `Дело №${n}, ст. 174 УК РК` });
  }
  archive.lock();
  mkdirSync(path.join(root, 'exports'));
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    timeoutMs: 20_000,
    exportRoots: [root],
  });
  ({ bridge, page, pageErrors } = session);
});

after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

const shot = (name: string) => session.shot(`vault-log-${name}`);
/** The cells of the table's rows as text, top to bottom: [number, time, action and subject, details, actor and hash]. */
const rows = async () =>
  page
    .getByTestId('vault-log-table')
    .locator('tbody tr[data-index]')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
const range = (text: string | RegExp) => page.getByTestId('vault-log-range').filter({ hasText: text });

test('the vault’s whole custody log is read on Integrity, newest first, a page at a time', async (t) => {
  const step = dependentSteps(t, shot);
  let total = 0;

  await step('a case added in the window, an audit and an export of the log', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByLabel('Case title').fill(KAZAKH_CASE);
    await page.getByRole('button', { name: 'Add case' }).click();
    await page.getByRole('tab', { name: /^Custody log/ }).waitFor();
    await page.getByRole('button', { name: /^Integrity/ }).click();
    await page.getByRole('button', { name: 'Audit every file' }).click();
    await page.getByTestId('audit-result').waitFor();
    const panel = page.getByTestId('log-export');
    await chooseExportFolder(page, panel, ['exports']);
    await panel.getByRole('button', { name: 'Export the log' }).click();
    await panel.getByTestId('log-exported').waitFor();
  });

  await step('the newest 50 events: the export, the audit and the Kazakh case first, by the named user', async () => {
    const log = page.getByTestId('vault-log');
    await log.getByRole('heading', { name: 'Custody log of the vault' }).waitFor();
    // The export was the last thing done; the log is read again after it.
    await log.getByText('custody log', { exact: false }).first().waitFor();
    const text = (await page.getByTestId('vault-log-range').textContent()) ?? '';
    const match = /^Events ([\d,]+)–([\d,]+) of ([\d,]+)$/.exec(text);
    assert.ok(match, text);
    const [newest, oldest] = [Number(match[1]!.replace(/,/g, '')), Number(match[2]!.replace(/,/g, ''))];
    total = Number(match[3]!.replace(/,/g, ''));
    assert.equal(newest, total);
    assert.equal(oldest, total - 49);
    const shown = await rows();
    assert.ok(shown.length >= 10, `rows drawn: ${shown.length}`);
    assert.deepEqual(
      shown.slice(0, 3).map((cells) => cells[2]),
      ['Exportedvault', 'Verifiedvault', `Case createdcase ${KAZAKH_CASE}`],
    );
    assert.match(shown[0]![3]!, /what: the custody log/);
    assert.match(shown[1]![3]!, /audit: every file/);
    assert.ok(
      shown.slice(0, 3).every((cells) => cells[4]!.startsWith(USER)),
      'who acted',
    );
    assert.deepEqual(
      shown.map((cells) => Number(cells[0]!.replace(/,/g, ''))),
      shown.map((_, index) => total - index),
      'newest first, none missing',
    );
    assert.equal(await page.getByRole('button', { name: 'Newer events' }).isDisabled(), true);
    await log.scrollIntoViewIfNeeded();
    await shot('en-1366');
  });

  await step('older events, from the keyboard, down to the vault’s creation; then back', async () => {
    const older = page.getByRole('button', { name: 'Older events' });
    await older.focus();
    await page.keyboard.press('Enter');
    await range(`Events ${total - 50}–`).waitFor();
    const second = await rows();
    assert.equal(Number(second[0]![0]!.replace(/,/g, '')), total - 50, 'contiguous with the first page');
    await page.keyboard.press('Enter');
    await range(/–1 of/).waitFor();
    assert.equal(await older.isDisabled(), true, 'nothing older than the first event');
    // The table is windowed: its last rows are drawn once it is scrolled down to them.
    await page.locator('[data-scroller="vault-log"]').evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await page.getByTestId('vault-log-table').locator('tr[data-index]').filter({ hasText: 'Vault created' }).waitFor();
    const last = await rows();
    assert.deepEqual(last.at(-1)!.slice(0, 1).concat(last.at(-1)![2]!), ['1', 'Vault createdvault']);
    assert.ok(
      last.some((cells) => /Metadata changed/.test(cells[2]!) && cells[3]!.includes(USER)),
      'the named user’s arrival and key are in the log',
    );
    await shot('en-oldest');
    const newer = page.getByRole('button', { name: 'Newer events' });
    await newer.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await range(`Events ${total.toLocaleString('en-US')}–`).waitFor();
  });

  await step('in Russian and Kazakh, at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('.language select').selectOption('ru');
    const log = page.getByTestId('vault-log');
    await log.getByRole('heading', { name: 'Журнал хранения по всему хранилищу' }).waitFor();
    await log.getByRole('button', { name: 'Более старые события' }).waitFor();
    await log.getByText('Создано дело').first().waitFor();
    await log.scrollIntoViewIfNeeded();
    await shot('ru-1024');
    await page.locator('.language select').selectOption('kk');
    await log.getByRole('heading', { name: 'Қойманың сақтау журналы' }).waitFor();
    await log.getByRole('button', { name: 'Бұрынғы оқиғалар' }).click();
    await log.getByText(/^Оқиғалар /).waitFor();
    await shot('kk-1024-older');
  });

  await step('no script errors and no CSP violations', () => {
    assert.deepEqual(pageErrors, []);
  });
});
