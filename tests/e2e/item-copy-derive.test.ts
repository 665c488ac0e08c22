// An original's plaintext copy and a derived translation, in browser mode (Chromium), as a lawyer does
// them from the item's edit form: the copy is confirmed as leaving the vault in the clear, written
// byte-identical to the original and logged; the translation is listed, linked to the original in the
// log, and leaves the original as it was. Kazakh screenshots of the derive form and the confirmation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { chooseExportFolder, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { makePdf } from '../helpers/documents.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const root = tempDir('custodia-e2e-copy-derive-');
const vault = path.join(root, 'vault');
const original = path.join(root, 'decision.pdf');
const translation = path.join(root, 'decision-en.pdf');
const copies = path.join(root, 'copies');
const CASE_TITLE = 'Әділбекұлы Серік';
let session: BrowserSession;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

before(async () => {
  writeFileSync(original, makePdf([['Решение суда о мере пресечения'], ['Страница 2']]));
  writeFileSync(translation, makePdf([['Decision of the court on the measure of restraint'], ['Page 2']]));
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: CASE_TITLE, status: 'pre-trial-detention' });
    await archive.importFile(caseId, original, { metadata: { type: 'court-decision', title: 'Court decision' } });
  } finally {
    archive.lock();
  }
  session = await openBrowserSession({
    vault,
    profileDir: path.join(root, 'profile'),
    exportRoots: [root],
    viewport: { width: 1366, height: 800 },
    locale: 'en-US',
    timeoutMs: 20_000,
  });
});
after(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The screen at 1366×800 and 1024×700 in Kazakh, back in English after. */
async function kkShots(name: string) {
  const { page } = session;
  await page.locator('.language select').selectOption('kk');
  for (const [width, height] of [
    [1366, 800],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await session.shot(`14-${name}-kk-${width}`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.equal(overflow, 0, `${name} (kk) scrolls sideways at ${width}px`);
  }
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.locator('.language select').selectOption('en');
}

test('a copy of an original through the picker, and a translation derived from it', async () => {
  const { page, bridge } = session;
  await page.goto(bridge.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('rowheader', { name: CASE_TITLE }).click();
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  const row = (title: string) => page.getByTestId('evidence').getByRole('row').filter({ hasText: title });
  await row('Court decision').getByTestId('edit-item-open').click();
  const edit = page.getByTestId('edit-item');

  // Save a copy: the page asks first, naming the folder and that the copy is not encrypted.
  await chooseExportFolder(page, edit.getByTestId('save-copy'), [path.basename(copies)]);
  await kkShots('save-copy');
  const questions: string[] = [];
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await edit.getByRole('button', { name: 'Save a copy of the original…' }).click();
  await page.waitForTimeout(300);
  assert.match(questions[0] ?? '', /NOT encrypted/);
  assert.ok(questions[0]?.includes(copies), 'the confirmation names the folder');
  assert.deepEqual(readdirSync(copies), [], 'nothing is written when the user says no');
  page.once('dialog', (dialog) => void dialog.accept());
  await edit.getByRole('button', { name: 'Save a copy of the original…' }).click();
  await edit
    .getByRole('status')
    .getByText(/^Saved to /)
    .waitFor();
  const [file] = readdirSync(copies);
  assert.ok(file, 'the copy is in the chosen folder');
  assert.equal(sha256(readFileSync(path.join(copies, file))), sha256(readFileSync(original)), 'the copy is byte-identical');

  // Derive a translation: listed beside the original, which keeps its bytes.
  const derive = page.getByTestId('derive-item');
  await derive.getByLabel('File', { exact: true }).setInputFiles(translation);
  await derive.getByLabel('It is a').selectOption('translation');
  await derive.getByLabel('Title', { exact: true }).fill('Court decision (English translation)');
  await derive.getByLabel('Language').fill('en');
  await kkShots('derive');
  await derive.getByRole('button', { name: 'Add to this item' }).click();
  await page.getByTestId('evidence-notice').getByText('decision-en.pdf was added as a derived item.').waitFor();
  await row('Court decision (English translation)').waitFor();
  assert.equal(await page.getByTestId('evidence').getByRole('row').filter({ hasText: 'Court decision' }).count(), 2);
  // The translation's row says what it is and of which item, in the window's language.
  const derivedLine = row('Court decision (English translation)').getByTestId('derived-from');
  assert.equal(await derivedLine.textContent(), 'Translation of “Court decision”');
  await session.shot('14-derived-in-list-1366');
  await page.locator('.language select').selectOption('ru');
  assert.equal(await derivedLine.textContent(), 'Перевод: «Court decision»');
  await page.locator('.language select').selectOption('en');

  // The log: the copy exported, the original's derivation naming the translation.
  await page.getByRole('tab', { name: /^Custody log/ }).click();
  await page.setViewportSize({ width: 1366, height: 3000 });
  const log = page.getByTestId('custody');
  const exported = log.getByRole('row').filter({ hasText: 'Exported' }).filter({ hasText: 'a copy of the original' });
  await exported.waitFor();
  assert.ok((await exported.textContent())?.includes(file), 'the copy is named in its log entry');
  // On the original: a 'derived' event naming the translation; on the translation: its import, derived from the original.
  const derived = log.getByRole('row').filter({ hasText: 'derived item:' });
  await derived.waitFor();
  assert.match(
    (await derived.textContent()) ?? '',
    /Derived.*item Court decision.*derivation: Translation.*derived item: Court decision \(English translation\)/s,
  );
  const linked = log.getByRole('row').filter({ hasText: 'derived from:' });
  assert.match(
    (await linked.textContent()) ?? '',
    /Imported.*item Court decision \(English translation\).*derived from: Court decision(?! \()/s,
  );
  await page.setViewportSize({ width: 1366, height: 800 });

  // The original is unchanged: Verify recomputes its hash from the vault.
  await page.getByRole('tab', { name: /^Evidence/ }).click();
  assert.ok(
    (await row('Court decision').first().textContent())?.includes(sha256(readFileSync(original)).slice(0, 8)),
    "the original's SHA-256 is as imported",
  );
  assert.deepEqual(session.pageErrors, []);
});
