import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LockedBoundary } from '../../renderer/src/api/locked.tsx';
import { PersonPage } from '../../renderer/src/case/PersonPage.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/** The person edit form: the shared schema refuses a bad value beside its field; a good edit is logged with before and after. */
let engine: Engine;
let personId: string;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  const caseId = (await engine.call('cases.add', { title: 'Case' })).id;
  personId = (await engine.call('persons.add', { person: { name: 'Серік Ә.' }, link: { caseId, role: 'defendant' } })).id;
  install(engine);
});
afterAll(() => engine.close());

describe('person edit', () => {
  test('an empty name or a day that does not exist is refused beside the field; a good edit is saved and logged', async () => {
    render(
      <I18nProvider>
        <LockedBoundary onLocked={() => undefined}>
          <PersonPage id={personId} onBack={() => undefined} onOpenCase={() => undefined} />
        </LockedBoundary>
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByTestId('open-edit-person'));
    const form = within(screen.getByTestId('edit-person'));
    const writes = () => engine.calls.filter((call) => call === 'persons.edit').length;
    fireEvent.change(form.getByLabelText(new RegExp(`^${en.record.personName}`)), { target: { value: '  ' } });
    fireEvent.change(form.getByLabelText(en.record.birthDate), { target: { value: '30.02.1990' } });
    fireEvent.click(form.getByRole('button', { name: en.record.save }));
    expect(await form.findByText(en.record.required)).toBeTruthy();
    expect(form.getByText(en.record.dateInvalid)).toBeTruthy();
    expect(writes()).toBe(0);

    fireEvent.change(form.getByLabelText(new RegExp(`^${en.record.personName}`)), { target: { value: 'Әділбекұлы Серік' } });
    fireEvent.change(form.getByLabelText(en.record.birthDate), { target: { value: '08.01.1990' } });
    fireEvent.click(form.getByRole('button', { name: en.record.suggest('Adilbekuly Serik') }));
    fireEvent.change(form.getByLabelText(en.record.personNotes), { target: { value: 'Held in SIZO-1' } });
    fireEvent.click(form.getByRole('button', { name: en.record.save }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Әділбекұлы Серік' })).toBeTruthy();
    const person = await engine.call('persons.get', { id: personId });
    expect(person).toMatchObject({
      name: 'Әділбекұлы Серік',
      aliases: ['Adilbekuly Serik'],
      birthDate: '1990-01-08',
      notes: 'Held in SIZO-1',
    });
  });
});
