import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { LockedBoundary } from '../../renderer/src/api/locked.tsx';
import { PersonPage } from '../../renderer/src/case/PersonPage.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * The person page's Merge button: the same man recorded twice, in Kazakh and in Russian spelling,
 * found by a passport spelling, merged only after a confirmation that names both records.
 */
const KAZAKH = 'Бауыржан Жақсыбеков';
const RUSSIAN = 'Бауржан Жаксыбеков';
let engine: Engine;
let keepId: string;
let mergeId: string;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  const almaty = (await engine.call('cases.add', { title: 'Іс Жақсыбеков (Алматы)' })).id;
  const taldykorgan = (await engine.call('cases.add', { title: 'Дело Жаксыбекова (Талдыкорган)' })).id;
  keepId = (await engine.call('persons.add', { person: { name: KAZAKH }, link: { caseId: almaty, role: 'defendant' } })).id;
  mergeId = (await engine.call('persons.add', { person: { name: RUSSIAN }, link: { caseId: taldykorgan, role: 'witness' } })).id;
  install(engine);
});
afterAll(() => engine.close());

test('a duplicate found by another spelling is merged only once the user confirms; both cases are then the person’s', async () => {
  render(
    <I18nProvider>
      <LockedBoundary onLocked={() => undefined}>
        <PersonPage id={keepId} onBack={() => undefined} onOpenCase={() => undefined} />
      </LockedBoundary>
    </I18nProvider>,
  );
  await screen.findByRole('heading', { level: 1, name: KAZAKH });
  fireEvent.change(screen.getByLabelText(new RegExp(`^${en.record.findPlaceholder}`)), { target: { value: 'Baurzhan Zhaksybekov' } });
  const button = await screen.findByRole('button', { name: en.record.mergeInto(RUSSIAN) });
  const merges = () => engine.calls.filter((call) => call === 'persons.merge').length;

  const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
  fireEvent.click(button);
  expect(confirm).toHaveBeenCalledWith(en.record.mergeConfirm(RUSSIAN, KAZAKH));
  expect(merges(), 'declined: nothing merged').toBe(0);

  confirm.mockReturnValue(true);
  fireEvent.click(button);
  await screen.findByText(en.record.merged(RUSSIAN));
  expect(merges()).toBe(1);
  await screen.findByText(en.record.mergedFrom(RUSSIAN));
  const cases = within(document.querySelector('.person-cases')! as HTMLElement);
  await waitFor(() => expect(cases.getByText('Дело Жаксыбекова (Талдыкорган)')).toBeTruthy());
  expect(cases.getByText('Іс Жақсыбеков (Алматы)')).toBeTruthy();
  expect(screen.queryByRole('button', { name: en.record.mergeInto(RUSSIAN) })).toBeNull();
  const merged = await engine.call('persons.get', { id: mergeId });
  expect(merged.mergedInto).toBe(keepId);
  const { events } = await engine.call('log.page', { limit: 5 });
  const merging = events.filter((event) => String(event.details.field).startsWith('merged'));
  expect(merging.map((event) => [event.subject.id, event.details.field]).sort(), 'one event on each record').toEqual(
    [
      [keepId, 'merged'],
      [mergeId, 'merged-into'],
    ].sort(),
  );
  confirm.mockRestore();
});
