import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CustodiaApi } from '../../shared/contract.ts';
import { FIRST_PAGE } from '../../renderer/src/cases/useCaseCatalog.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { Workspace } from '../../renderer/src/app/Workspace.tsx';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * The case list shows its first page (with the true total) before the rest is read: the engine's
 * answers for the rest are held back here until the test lets them through.
 */

const CASES = FIRST_PAGE + 12;
let engine: Engine;
let release: () => void = () => {};
const held = new Promise<void>((resolve) => (release = resolve));
/** The limit of every cases.page the window asked for, in order. */
const asked: number[] = [];

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  for (let i = 0; i < CASES; i++) {
    await engine.call('cases.add', { title: `Дело №${i}`, status: i % 2 ? 'sentenced' : 'released', region: 'Алматы' });
  }
  install(engine);
  const page = engine.api['cases.page'];
  window.custodia = Object.freeze({
    ...engine.api,
    'cases.page': async (request: { offset?: number; limit?: number }) => {
      asked.push(request.limit ?? 0);
      if (request.limit !== FIRST_PAGE) await held;
      return page(request);
    },
  }) as CustodiaApi;
}, 60_000);
afterAll(() => engine.close());

test('the first page shows at once with the true total; a filter waits for the whole list, then applies', async () => {
  render(
    <I18nProvider>
      <Workspace onLocked={() => {}} />
    </I18nProvider>,
  );
  const table = await screen.findByRole('table', { name: en.cases.listLabel });
  expect(table.getAttribute('aria-rowcount')).toBe(String(CASES + 1));
  expect(screen.getByText(/^Showing /).textContent).toBe(en.cases.shown(String(CASES), String(CASES)));
  expect(within(table).getAllByRole('rowheader')[0]!.textContent).toBe('Дело №0');
  // Scrolled to the end (the test DOM has no layout, so the offset is set by hand): the rows beyond
  // the first page hold their place and say they are loading.
  const scroller = document.querySelector<HTMLElement>('[data-scroller="cases"]')!;
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: FIRST_PAGE * 42 });
  fireEvent.scroll(scroller);
  const rows = within(table).getAllByRole('row');
  const unread = rows.filter((row) => row.getAttribute('aria-busy') === 'true');
  expect(unread.length).toBeGreaterThan(0);
  expect(unread[0]!.getAttribute('aria-rowindex')).toBe(String(FIRST_PAGE + 2));
  expect(unread[0]!.textContent).toBe(en.cases.loading);

  // A filter needs every case: until they are read it says how far the reading is.
  const toolbar = within(screen.getByRole('search'));
  fireEvent.change(toolbar.getByLabelText(en.cases.filterFrom), { target: { value: '2000-01-01' } });
  expect(screen.getByText(en.cases.loadingProgress(String(FIRST_PAGE), String(CASES)))).toBeTruthy();

  await act(async () => release());
  // No case here has a dated status or event, so none is in the range.
  await screen.findByText(en.cases.noMatches);
  fireEvent.click(screen.getByRole('button', { name: en.cases.clearFilters }));
  await screen.findByText(en.cases.shown(String(CASES), String(CASES)));
  fireEvent.change(toolbar.getByLabelText(en.cases.filterStatus), { target: { value: 'sentenced' } });
  await screen.findByText(en.cases.shown(String(CASES / 2), String(CASES)));
  const filtered = screen.getByRole('table', { name: en.cases.listLabel });
  expect(filtered.getAttribute('aria-rowcount')).toBe(String(CASES / 2 + 1));
  expect(
    within(filtered)
      .queryAllByRole('row')
      .some((row) => row.getAttribute('aria-busy') === 'true'),
  ).toBe(false);
});

test('back from a case, the list is read again only when the catalog changed', async () => {
  render(
    <I18nProvider>
      <Workspace onLocked={() => {}} />
    </I18nProvider>,
  );
  await screen.findByText(en.cases.shown(String(CASES), String(CASES)));
  const openAndBack = async () => {
    asked.length = 0;
    const row = within(screen.getByRole('table', { name: en.cases.listLabel })).getAllByRole('rowheader')[0]!;
    const title = row.textContent!;
    fireEvent.click(row);
    await screen.findByRole('heading', { level: 1, name: title });
    fireEvent.click(screen.getByRole('button', { name: new RegExp(en.caseView.back) }));
    await act(async () => await new Promise((resolve) => setTimeout(resolve, 50)));
  };
  await openAndBack();
  expect(asked, 'one small question: has the catalog changed?').toEqual([1]);

  await engine.call('cases.add', { title: 'Дело Бауржана Жаксыбекова' });
  await openAndBack();
  expect(asked[0]).toBe(1);
  expect(asked.length, 'changed: the whole list is read again').toBeGreaterThan(1);
  await screen.findByText(en.cases.shown(String(CASES + 1), String(CASES + 1)));
});

test('an import that ends while the list is shown updates its count there, without leaving the list', async () => {
  render(
    <I18nProvider>
      <Workspace onLocked={() => {}} />
    </I18nProvider>,
  );
  await screen.findByText(en.cases.shown(String(CASES + 1), String(CASES + 1)));
  const { cases } = await engine.call('cases.page', { offset: 0, limit: 1 });
  const { id: caseId, title } = cases[0]!;
  const row = () =>
    within(screen.getByRole('table', { name: en.cases.listLabel }))
      .getByRole('rowheader', { name: title })
      .closest('tr')!;
  const before = row().textContent;
  asked.length = 0;
  // Through the window's API, as the case screen's upload queue sends it.
  await importBytes(
    engine,
    caseId,
    'постановление.txt',
    new TextEncoder().encode('Постановление о прекращении дела'),
    {},
    { throughWindow: true },
  );
  await waitFor(() => expect(row().textContent).not.toBe(before), { timeout: 3000 });
  expect(asked[0], 'first the small question').toBe(1);
});
