import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { Workspace } from '../../renderer/src/app/Workspace.tsx';
import { install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/** The case list of an open vault: counts, filters, search (with hostile titles), opening a case, adding one. */

const XSS_TITLE = '<img src=x onerror="window.__pwned=1">Zhanaozen <b>appeal</b>';
const CASES = {
  detained: 'Дело Жанұзақова',
  sentenced: 'Case of the Aktobe journalist',
  protest: 'Case of the Almaty protest',
  hostile: XSS_TITLE,
};

let engine: Engine;
let locked = 0;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  await engine.call('cases.add', {
    title: CASES.detained,
    status: 'pre-trial-detention',
    region: 'Алматы',
    charges: [{ article: '405' }, { article: '174.1' }],
  });
  await engine.call('cases.add', { title: CASES.sentenced, status: 'sentenced', region: 'Актобе', charges: [{ article: '174.1' }] });
  await engine.call('cases.add', { title: CASES.protest, status: 'pre-trial-detention', region: 'Алматы', charges: [{ article: '405' }] });
  await engine.call('cases.add', {
    title: XSS_TITLE,
    status: 'released',
    narrative: 'The <script>window.__pwned=2</script> appeal was heard in Zhanaozen in March.',
  });
  install(engine);
});
afterAll(() => engine.close());

function renderList() {
  render(
    <I18nProvider>
      <Workspace onLocked={() => (locked += 1)} />
    </I18nProvider>,
  );
}

const toolbar = () => within(screen.getByRole('search'));
const caseTable = () => screen.getByRole('table', { name: en.cases.listLabel });
const shownTitles = () =>
  within(caseTable())
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);
const optionLabels = (label: string) => [...(toolbar().getByLabelText(label) as HTMLSelectElement).options].map((o) => o.textContent);
const choose = (label: string, value: string) => fireEvent.change(toolbar().getByLabelText(label), { target: { value } });
const count = () => screen.getByText(/^Showing /).textContent;

describe('the case list', () => {
  test('lists every case, and each filter offers only the values in use, with how many cases have them', async () => {
    renderList();
    await screen.findByRole('table', { name: en.cases.listLabel });
    expect(count()).toBe(en.cases.shown('4', '4'));
    expect(shownTitles().sort()).toEqual(Object.values(CASES).sort());
    expect(optionLabels(en.cases.filterStatus)).toEqual(['Any', 'Pre-trial detention (2)', 'Sentenced (1)', 'Released (1)']);
    expect(optionLabels(en.cases.filterArticle)).toEqual(['Any', 'Art. 174.1 (2)', 'Art. 405 (2)']);
    expect(optionLabels(en.cases.filterRegion)).toEqual(['Any', 'Актобе (1)', 'Алматы (2)']);
    // The hostile title is shown as the text it is.
    expect(document.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('status, region and article filters combine; no match says so; clearing shows every case again', async () => {
    renderList();
    await screen.findByRole('table', { name: en.cases.listLabel });
    choose(en.cases.filterStatus, 'pre-trial-detention');
    expect(count()).toBe(en.cases.shown('2', '4'));
    expect(shownTitles().sort()).toEqual([CASES.protest, CASES.detained].sort());
    choose(en.cases.filterRegion, 'Алматы');
    expect(shownTitles()).toHaveLength(2);
    choose(en.cases.filterArticle, '174.1');
    expect(shownTitles()).toEqual([CASES.detained]);
    expect(count()).toBe(en.cases.shown('1', '4'));

    choose(en.cases.filterArticle, '');
    choose(en.cases.filterStatus, 'sentenced');
    expect(screen.getByText(en.cases.noMatches)).toBeTruthy();
    expect(screen.queryByRole('table', { name: en.cases.listLabel })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: en.cases.clearFilters }));
    expect(count()).toBe(en.cases.shown('4', '4'));
    expect(screen.queryByRole('button', { name: en.cases.clearFilters })).toBeNull();
  });

  test('search results show the title and a snippet whose matches are marked, all as text, never as markup', async () => {
    renderList();
    await screen.findByRole('table', { name: en.cases.listLabel });
    fireEvent.change(toolbar().getByLabelText(en.cases.search), { target: { value: 'Zhanaozen' } });
    const hits = await screen.findAllByTestId('search-hit');
    expect(hits).toHaveLength(1);
    expect(screen.getByText(en.cases.hitCount(1, '1'))).toBeTruthy();
    const hit = hits[0]!;
    expect(hit.querySelector('.hit-title')?.textContent).toBe(XSS_TITLE);
    const marks = [...hit.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((text) => /zhanaozen/i.test(text ?? ''))).toBe(true);
    const snippet = hit.querySelector('.hit-snippet')?.textContent ?? '';
    expect(snippet).not.toMatch(/\[\[|\]\]/);
    expect(snippet).toContain('<script>window.__pwned=2</script>');
    // Neither the title's <img> nor the narrative's <script> became an element.
    expect(document.querySelectorAll('img, script, b')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // The list gives way to the results while a query is typed.
    expect(screen.queryByRole('table', { name: en.cases.listLabel })).toBeNull();
  });

  test('the filters narrow the search too, and an empty result names the query', async () => {
    renderList();
    await screen.findByRole('table', { name: en.cases.listLabel });
    choose(en.cases.filterStatus, 'sentenced');
    fireEvent.change(toolbar().getByLabelText(en.cases.search), { target: { value: 'Zhanaozen' } });
    expect(await screen.findByText(en.cases.noHits('Zhanaozen'))).toBeTruthy();
    choose(en.cases.filterStatus, 'released');
    expect(await screen.findAllByTestId('search-hit')).toHaveLength(1);
    fireEvent.change(toolbar().getByLabelText(en.cases.search), { target: { value: '' } });
    expect(await screen.findByRole('table', { name: en.cases.listLabel })).toBeTruthy();
    expect(shownTitles()).toEqual([XSS_TITLE]);
  });

  test('opening a case shows it; “All cases” comes back to the list with its filters as they were', async () => {
    renderList();
    await screen.findByRole('table', { name: en.cases.listLabel });
    choose(en.cases.filterRegion, 'Актобе');
    fireEvent.click(within(caseTable()).getByText(CASES.sentenced));
    expect(await screen.findByRole('heading', { level: 1, name: CASES.sentenced })).toBeTruthy();
    expect(screen.getByRole('tab', { name: en.caseView.tabs.overview, selected: true })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `← ${en.caseView.back}` }));
    await screen.findByRole('table', { name: en.cases.listLabel });
    expect((toolbar().getByLabelText(en.cases.filterRegion) as HTMLSelectElement).value).toBe('Актобе');
    expect(shownTitles()).toEqual([CASES.sentenced]);
    expect(locked).toBe(0);
  });

  test('adding a case: no title or a bad article is refused without the engine; a good case joins the list and its filters', async () => {
    renderList();
    await screen.findByRole('table', { name: en.cases.listLabel });
    const form = within(screen.getByRole('region', { name: en.cases.addTitle }));
    const adds = () => engine.calls.filter((c) => c === 'cases.add').length;
    const before = adds();

    fireEvent.click(form.getByRole('button', { name: en.cases.add }));
    expect(form.getByText(en.cases.titleRequired)).toBeTruthy();
    expect(document.activeElement).toBe(form.getByLabelText(en.cases.caseTitle));

    fireEvent.change(form.getByLabelText(en.cases.caseTitle), { target: { value: 'Case of the Shymkent blogger' } });
    fireEvent.click(form.getByRole('button', { name: en.cases.addCharge }));
    fireEvent.change(form.getByLabelText(en.cases.chargeArticle), { target: { value: '274-1' } });
    fireEvent.click(form.getByRole('button', { name: en.cases.add }));
    expect(form.getByText(en.cases.articleInvalid)).toBeTruthy();
    expect(adds()).toBe(before);

    fireEvent.change(form.getByLabelText(en.cases.chargeArticle), { target: { value: '274' } });
    expect(form.queryByText(en.cases.articleInvalid)).toBeNull();
    fireEvent.change(form.getByLabelText(en.cases.region), { target: { value: 'Шымкент' } });
    fireEvent.click(form.getByRole('button', { name: en.cases.add }));
    // The new case opens, ready for its people and evidence; back on the list it has joined the filters.
    expect(await screen.findByRole('heading', { level: 1, name: 'Case of the Shymkent blogger' })).toBeTruthy();
    expect(adds()).toBe(before + 1);
    fireEvent.click(screen.getByRole('button', { name: `← ${en.caseView.back}` }));
    expect(await screen.findByText(en.cases.shown('5', '5'))).toBeTruthy();
    expect(optionLabels(en.cases.filterArticle)).toContain('Art. 274 (1)');
    expect(optionLabels(en.cases.filterRegion)).toContain('Шымкент (1)');
  });
});
