import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CaseView } from '../../renderer/src/case/CaseView.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * A case that has grown (issue 20): its evidence, people and custody tables hold only the rows in
 * view, and still tell assistive technology how many rows there are. (Scrolling and the keyboard
 * moving the window are tried in Chromium: tests/e2e/case-list-scale.test.ts.)
 */

const ITEMS = 150;
const PEOPLE = 90;
const NAMES = ['Жақсыбеков Бауыржан', 'Шарипова Әсел', 'Хасенов Ерлан', 'Нұрсұлтанова Айгүл', 'Тоқаев Ғалым'];
let engine: Engine;
let caseId: string;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await engine.call('cases.add', { title: 'Дело Жанаозен 2022: 150 документов' })).id;
  for (let i = 0; i < ITEMS; i++) {
    await importBytes(engine, caseId, `protocol-${i}.txt`, new TextEncoder().encode(`Протокол допроса №${i}`), {
      title: `Протокол допроса №${i}`,
    });
  }
  for (let i = 0; i < PEOPLE; i++) {
    await engine.call('persons.add', { person: { name: `${NAMES[i % NAMES.length]} ${i}` }, link: { caseId, role: 'witness' } });
  }
  install(engine);
}, 120_000);
afterAll(() => engine.close());

/** The table's drawn rows (header excluded) and the row count it announces. */
function shape(table: HTMLElement) {
  const rows = within(table).getAllByRole('row').slice(1);
  return { drawn: rows.length, announced: Number(table.getAttribute('aria-rowcount')) - 1 };
}

test('evidence, people and custody log: a window of rows drawn, every row counted', async () => {
  render(
    <I18nProvider>
      <CaseView id={caseId} initialTab="evidence" onBack={() => {}} />
    </I18nProvider>,
  );
  const evidence = await screen.findByRole('table', { name: en.caseView.evidence });
  const items = shape(evidence);
  expect(items.announced).toBe(ITEMS);
  expect(items.drawn).toBeLessThan(50);

  fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${en.caseView.tabs.people}`) }));
  const people = await screen.findByRole('table', { name: en.caseView.people });
  const persons = shape(people);
  expect(persons.announced).toBe(PEOPLE);
  expect(persons.drawn).toBeLessThan(50);

  fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${en.caseView.tabs.custody}`) }));
  const custody = await screen.findByRole('table', { name: en.caseView.custody });
  const events = shape(custody);
  // The case, each item filed and each person added: every one an event.
  expect(events.announced).toBeGreaterThanOrEqual(1 + ITEMS + PEOPLE);
  expect(events.drawn).toBeLessThan(50);
});
