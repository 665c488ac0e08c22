import { createHash } from 'node:crypto';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CaseView } from '../../renderer/src/case/CaseView.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/** One case: tabs, the evidence table (sorting, verifying), adding evidence through the panel, the item viewer. */

const text = (value: string) => new TextEncoder().encode(value);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const DECISION = text('Decision of the Almaty district court on pre-trial detention. '.repeat(5));
const APPEAL = text('Appeal, 2023.');
const PHOTO = new Uint8Array(5000).fill(7);

let engine: Engine;
let caseId: string;
let decisionId: string;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (
    await engine.call('cases.add', {
      title: 'Жанұзақов Нұрлан: іс №2024-118',
      status: 'pre-trial-detention',
      statusSince: '2024-03',
      region: 'Алматы',
      charges: [{ article: '405', part: '2', title: 'Participation in a banned organisation' }],
    })
  ).id;
  decisionId = (await importBytes(engine, caseId, 'decision.txt', DECISION, { title: 'Detention decision', documentDate: '2024-03-02' }))
    .itemId;
  await importBytes(engine, caseId, 'appeal.txt', APPEAL, { title: 'Appeal', documentDate: '2023' });
  await importBytes(engine, caseId, 'photo.bin', PHOTO, { type: 'photo', documentDate: '2024-01' });
  install(engine);
  // The viewer reads an item's bytes from `media/<ticket>`; Electron's app protocol answers that from
  // the engine's openMedia, and so does this fetch (anything else is refused, as the CSP would).
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = String(input);
    const ticket = /^media\/([^/?#]+)$/.exec(url)?.[1];
    if (!ticket) throw new TypeError(`refused: ${url}`);
    const answer = engine.host.openMedia(ticket, 'GET', undefined);
    const chunks: Uint8Array[] = [];
    for await (const chunk of answer.body ?? []) chunks.push(chunk);
    return new Response(answer.status === 200 ? Buffer.concat(chunks) : (answer.message ?? null), {
      status: answer.status,
      headers: answer.headers,
    });
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
  engine.close();
});

let backs = 0;
let locks = 0;
afterEach(() => {
  expect(locks).toBe(0);
});

async function openCase(tab: 'overview' | 'evidence' = 'overview') {
  render(
    <I18nProvider>
      <CaseView id={caseId} initialTab={tab} onBack={() => (backs += 1)} onLocked={() => (locks += 1)} />
    </I18nProvider>,
  );
  await screen.findByRole('heading', { level: 1, name: 'Жанұзақов Нұрлан: іс №2024-118' });
}

const evidence = () => screen.getByTestId('evidence');
const titles = () =>
  within(evidence())
    .getAllByRole('rowheader')
    .map((cell) => cell.querySelector('button')?.textContent);
const column = (index: number) =>
  within(evidence())
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.children[index]?.textContent);
const sortButton = (name: string) => within(evidence()).getByRole('button', { name });

describe('a case', () => {
  test('opens on its overview with the charges and status, and tabs carry counts and follow the arrow keys', async () => {
    await openCase();
    expect(screen.getByTestId('charges').textContent).toContain(en.labels.chargeArticle('405', '2'));
    expect(screen.getByText('Participation in a banned organisation')).toBeTruthy();
    const evidenceTab = screen.getByRole('tab', { name: `${en.caseView.tabs.evidence}3` });
    expect(evidenceTab.getAttribute('aria-selected')).toBe('false');
    const overview = screen.getByRole('tab', { name: en.caseView.tabs.overview });
    fireEvent.keyDown(overview, { key: 'ArrowRight' });
    fireEvent.keyDown(screen.getByRole('tab', { selected: true }), { key: 'ArrowRight' });
    expect(evidenceTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(evidenceTab);
    expect(screen.getByTestId('evidence')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `← ${en.caseView.back}` }));
    expect(backs).toBe(1);
  });

  test('the evidence table sorts by date (partial dates in order) and by size, both ways, and says which way', async () => {
    await openCase('evidence');
    // Default: by document date, oldest first; a year and a month sort where they belong.
    expect(titles()).toEqual(['Appeal', 'photo.bin', 'Detention decision']);
    expect(column(1)).toEqual(['2023', 'January 2024', 'Mar 2, 2024']);
    const dateHeader = sortButton(en.caseView.columnDate).closest('th')!;
    const sizeHeader = sortButton(en.caseView.columnSize).closest('th')!;
    expect(dateHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(dateHeader.textContent).toBe(`${en.caseView.columnDate}▲`);

    fireEvent.click(sortButton(en.caseView.columnSize));
    expect(titles()).toEqual(['Appeal', 'Detention decision', 'photo.bin']);
    expect(column(3)).toEqual([`${APPEAL.length}\u00a0B`, `${DECISION.length}\u00a0B`, '4.9\u00a0KB']);
    expect(sizeHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(dateHeader.getAttribute('aria-sort')).toBeNull();

    fireEvent.click(sortButton(en.caseView.columnSize));
    expect(titles()).toEqual(['photo.bin', 'Detention decision', 'Appeal']);
    expect(sizeHeader.getAttribute('aria-sort')).toBe('descending');
    expect(sizeHeader.textContent).toBe(`${en.caseView.columnSize}▼`);
  });

  test('Verify re-reads the stored file and reports it intact, and the engine logs the check', async () => {
    await openCase('evidence');
    const row = within(evidence()).getByText('Detention decision').closest('tr')!;
    expect(within(row).getByTitle(en.caseView.fullHash(sha256(DECISION)))).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: en.caseView.verify }));
    expect(await within(row).findByText(`✓ ${en.caseView.verifyOk}`)).toBeTruthy();
    const item = await engine.call('items.get', { id: decisionId });
    expect(item.custody.at(-1)?.action).toBe('verified');
    fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${en.caseView.tabs.custody}`) }));
    const custody = screen.getByTestId('custody');
    expect(within(custody).getAllByText(en.labels.custodyAction.imported)).toHaveLength(3);
  });

  test('adding evidence: files and an acquisition record are required; then each file gets its outcome and the table reloads', async () => {
    await openCase('evidence');
    fireEvent.click(screen.getByRole('button', { name: en.importer.open }));
    const panel = within(screen.getByTestId('import-panel'));
    fireEvent.click(panel.getByRole('button', { name: en.importer.start(0) }));
    expect(panel.getByRole('alert').textContent).toBe(en.importer.noFiles);

    const fresh = new File(['Interview with the defendant’s mother, 12 May 2024.'], 'interview.txt', { type: 'text/plain' });
    const again = new File([APPEAL as Uint8Array<ArrayBuffer>], 'appeal (scan 2).txt', { type: 'text/plain' });
    fireEvent.change(panel.getByTestId('import-input'), { target: { files: [fresh, again] } });
    expect(await panel.findByText('interview.txt')).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: en.importer.start(2) }));
    expect(panel.getByRole('alert').textContent).toBe(en.importer.acquisitionRequired);
    expect(engine.calls).not.toContain('imports.begin');

    const batch = within(panel.getByRole('group', { name: en.importer.acquisition }));
    fireEvent.change(batch.getByRole('textbox', { name: new RegExp(`^${en.importer.obtainedFrom}`) }), {
      target: { value: 'The defendant’s mother' },
    });
    fireEvent.change(batch.getByRole('textbox', { name: new RegExp(`^${en.importer.method}`) }), { target: { value: 'by hand' } });
    fireEvent.click(panel.getByRole('button', { name: en.importer.start(2) }));
    expect(await panel.findByText(en.importer.summary(1, 1, 0, 0))).toBeTruthy();
    const outcomes = within(panel.getByTestId('import-summary'))
      .getAllByRole('listitem')
      .map((item) => item.className);
    expect(outcomes).toEqual(['outcome outcome-imported', 'outcome outcome-duplicate']);
    expect(panel.getByText(sha256(APPEAL))).toBeTruthy();

    fireEvent.click(panel.getByRole('button', { name: en.importer.done }));
    expect(screen.queryByTestId('import-panel')).toBeNull();
    await within(evidence()).findByText('interview.txt');
    expect(titles()).toHaveLength(4);
    expect(screen.getByRole('tab', { name: `${en.caseView.tabs.evidence}4` })).toBeTruthy();
    const stored = (await engine.call('cases.get', { id: caseId })).items.find((item) => item.originalName === 'interview.txt');
    expect(stored?.acquisition).toMatchObject({ obtainedFrom: 'The defendant’s mother', method: 'by hand' });
  });

  test('opening an item shows its text, hash and provenance, records the viewing, and verifies it', async () => {
    await openCase('evidence');
    fireEvent.click(within(evidence()).getByRole('button', { name: 'Detention decision' }));
    const viewer = within(await screen.findByTestId('item-viewer'));
    expect(viewer.getByRole('heading', { name: 'Detention decision' })).toBeTruthy();
    expect(viewer.getByTestId('viewer-sha256').textContent).toBe(sha256(DECISION));
    expect(viewer.getByText('decision.txt')).toBeTruthy();
    expect(viewer.getByText('Defence lawyer')).toBeTruthy();
    expect((await viewer.findByText(/Decision of the Almaty district court/)).tagName).toBe('PRE');
    expect(viewer.getAllByText(en.labels.custodyAction.viewed).length).toBeGreaterThan(0);
    const item = await engine.call('items.get', { id: decisionId });
    expect(item.custody.map((event) => event.action)).toContain('viewed');

    fireEvent.click(viewer.getByRole('button', { name: en.viewer.verifyItem }));
    expect(await viewer.findByText(`✓ ${en.viewer.verifiedOk}`)).toBeTruthy();
    fireEvent.click(viewer.getByRole('button', { name: `← ${en.viewer.back}` }));
    expect(await screen.findByTestId('evidence')).toBeTruthy();
  });
});
