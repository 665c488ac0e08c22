import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CASE_CHOICE_LIST_MAX } from '../../renderer/src/cases/CaseChoice.tsx';
import { DossierScreen } from '../../renderer/src/dossier/DossierScreen.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * Choosing a case in an archive too large for a drop-down (issue 20): the dossier screen offers a
 * search box instead of thousands of options, finds the case in another spelling, says honestly how
 * many match, and takes the choice from the keyboard.
 */

const CASES = CASE_CHOICE_LIST_MAX + 5;
const KAZAKH_TITLE = 'Дело Жақсыбеков Бауыржан (Жаңаөзен)';
let engine: Engine;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  for (let i = 0; i < CASES - 1; i++) await engine.call('cases.add', { title: `Дело Омарова Ерлана №${i}`, region: 'Алматы' });
  await engine.call('cases.add', { title: KAZAKH_TITLE, region: 'Маңғыстау' });
  install(engine);
}, 120_000);
afterAll(() => engine.close());

test('a search box, not a drop-down of every case; found in the Russian spelling; chosen with the keyboard', async () => {
  render(
    <I18nProvider>
      <DossierScreen />
    </I18nProvider>,
  );
  const box = await screen.findByRole('combobox', { name: en.dossier.chooseCase });
  expect(document.querySelectorAll('option').length, 'no option per case').toBeLessThan(50);
  expect(box.getAttribute('placeholder')).toBe(en.cases.choicePlaceholder(CASES.toLocaleString('en')));
  expect(screen.getByText(en.dossier.chooseCaseNone)).toBeTruthy();

  // Many matches: the first ones, and how many there are.
  fireEvent.change(box, { target: { value: 'Ерлан' } });
  const status = await screen.findByText(/^First 20 of/);
  expect(status.textContent).toBe(en.cases.hitsPartial('20', (CASES - 1).toLocaleString('en'), false));
  expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(20);

  // The Russian rendering of a Kazakh name finds the case written in Kazakh.
  fireEvent.change(box, { target: { value: 'Жаксыбеков Бауржан' } });
  await screen.findByText(en.cases.hitCount(1, '1'));
  const [option] = within(screen.getByRole('listbox')).getAllByRole('option');
  expect(option!.textContent).toContain(KAZAKH_TITLE);
  expect(box.getAttribute('aria-activedescendant')).toBe(option!.id);
  fireEvent.keyDown(box, { key: 'Enter' });
  expect(screen.queryByRole('listbox')).toBeNull();
  expect(screen.getByText(en.cases.choiceChosen).parentElement!.textContent).toContain(KAZAKH_TITLE);
  expect(await screen.findByTestId('dossier-export')).toBeTruthy();

  // Cleared: nothing chosen, no export form.
  await act(async () => fireEvent.click(screen.getByRole('button', { name: en.cases.choiceClear })));
  expect(screen.queryByTestId('dossier-export')).toBeNull();
  expect(screen.getByText(en.dossier.chooseCaseNone)).toBeTruthy();
});
