import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CaseView } from '../../renderer/src/case/CaseView.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider, LOCALE_STORAGE_KEY, useI18n } from '../../renderer/src/i18n/index.tsx';
import { ru } from '../../renderer/src/i18n/ru.ts';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * Each case-record form: a bad value is refused beside its field by the shared schema, without a
 * call to the engine; a good one is written (and is a custody event).
 */
let engine: Engine;
let caseId: string;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await engine.call('cases.add', { title: 'Әділбекұлы Серік', charges: [{ article: '272', part: '2' }] })).id;
  await importBytes(engine, caseId, 'decision.txt', new TextEncoder().encode('Decision, page 2.'), { title: 'Decision' });
  install(engine);
});
afterAll(() => engine.close());
afterEach(() => document.body.replaceChildren());

function openCase(tab: 'overview' | 'people' | 'timeline' | 'sources' | 'poa' | 'evidence') {
  render(
    <I18nProvider>
      <CaseView id={caseId} initialTab={tab} onBack={() => undefined} onLocked={() => undefined} />
    </I18nProvider>,
  );
}

const writes = () =>
  engine.calls.filter((c) => !c.endsWith('.get') && !c.endsWith('.custody') && !c.endsWith('.list') && c !== 'persons.find').length;

async function submitInvalid(form: HTMLElement, button: string, expected: string) {
  const before = writes();
  fireEvent.click(within(form).getByRole('button', { name: button }));
  expect(await within(form).findByText(expected)).toBeTruthy();
  expect(writes()).toBe(before);
}

describe('case-record forms', () => {
  test('a person needs a name and a real birth date; the Latin spelling is suggested; then the person is added', async () => {
    openCase('people');
    fireEvent.click(await screen.findByTestId('open-add-person'));
    const form = screen.getByTestId('add-person');
    await submitInvalid(form, en.record.addPerson, en.record.required);
    fireEvent.change(within(form).getByLabelText(en.record.personName), { target: { value: 'Әділбекұлы Серік' } });
    fireEvent.change(within(form).getByLabelText(en.record.birthDate), { target: { value: '31.02.1985' } });
    await submitInvalid(form, en.record.addPerson, en.record.dateInvalid);
    fireEvent.click(within(form).getByRole('button', { name: en.record.suggest('Adilbekuly Serik') }));
    expect((within(form).getByLabelText(en.record.aliases) as HTMLTextAreaElement).value).toBe('Adilbekuly Serik');
    fireEvent.change(within(form).getByLabelText(en.record.birthDate), { target: { value: '1985' } });
    fireEvent.click(within(form).getByRole('button', { name: en.record.addPerson }));
    expect(await screen.findByText(en.record.personAdded('Әділбекұлы Серік'))).toBeTruthy();
    const detail = await engine.call('cases.get', { id: caseId });
    expect(detail.persons.map((p) => [p.name, p.role])).toEqual([['Әділбекұлы Серік', 'defendant']]);
  });

  test('a charge needs an article number; a status date must be a date', async () => {
    openCase('overview');
    fireEvent.click(await screen.findByTestId('open-edit-case'));
    const edit = screen.getByTestId('edit-case');
    fireEvent.change(within(edit).getByLabelText(en.record.chargeArticle), { target: { value: 'two-seven-two' } });
    await submitInvalid(edit, en.record.save, en.record.articleInvalid);
    fireEvent.click(screen.getByTestId('open-change-status'));
    const status = screen.getByTestId('change-status');
    fireEvent.change(within(status).getByLabelText(en.record.statusSince), { target: { value: '8 January' } });
    await submitInvalid(status, en.record.save, en.record.dateInvalid);
  });

  test('an event needs a description and a page from 1', async () => {
    openCase('timeline');
    fireEvent.click(await screen.findByTestId('open-add-event'));
    const form = screen.getByTestId('event-form');
    fireEvent.change(within(form).getByLabelText(en.record.eventDate), { target: { value: '14.09.2022' } });
    await submitInvalid(form, en.record.save, en.record.required);
    fireEvent.change(within(form).getByLabelText(en.record.eventDescription), { target: { value: 'Hearing' } });
    fireEvent.change(within(form).getByLabelText(en.record.cite), {
      target: { value: (await engine.call('cases.get', { id: caseId })).items[0]!.id },
    });
    fireEvent.change(within(form).getByLabelText(en.record.citePage), { target: { value: '0' } });
    await submitInvalid(form, en.record.save, en.record.pageInvalid);
    fireEvent.change(within(form).getByLabelText(en.record.citePage), { target: { value: '2' } });
    fireEvent.click(within(form).getByRole('button', { name: en.record.save }));
    expect(await screen.findByText(en.record.citation('Decision', 2))).toBeTruthy();
  });

  test('a source needs a web address; a power of attorney cannot end before it was issued', async () => {
    openCase('sources');
    fireEvent.click(await screen.findByTestId('open-add-source'));
    const source = screen.getByTestId('source-form');
    fireEvent.change(within(source).getByLabelText(en.record.sourceUrl), { target: { value: 'javascript:alert(1)' } });
    fireEvent.change(within(source).getByLabelText(en.record.sourceTitle), { target: { value: 'Report' } });
    await submitInvalid(source, en.record.save, en.record.urlInvalid);
    document.body.replaceChildren();
    openCase('poa');
    fireEvent.click(await screen.findByTestId('open-add-poa'));
    const poa = screen.getByTestId('poa-form');
    fireEvent.change(within(poa).getByLabelText(en.record.representative), { target: { value: 'A. Lawyer' } });
    fireEvent.change(within(poa).getByLabelText(en.record.issued), { target: { value: '10.01.2024' } });
    fireEvent.change(within(poa).getByLabelText(en.record.validUntil), { target: { value: '09.01.2024' } });
    await submitInvalid(poa, en.record.save, en.record.dateInvalid);
  });

  test('an item date must be a date; a withdrawal needs a reason', async () => {
    openCase('evidence');
    fireEvent.click((await screen.findAllByTestId('edit-item-open'))[0]!);
    const form = screen.getByTestId('edit-item');
    fireEvent.change(within(form).getByLabelText(en.record.documentDate), { target: { value: '2022-13' } });
    await submitInvalid(form, en.record.save, en.record.dateInvalid);
    await submitInvalid(form, en.record.withdraw, en.record.required);
  });

  test('the sentence after a save is read in the language the window shows now', async () => {
    function ToRussian() {
      const { setLocale } = useI18n();
      return (
        <button type="button" onClick={() => setLocale('ru')}>
          ru
        </button>
      );
    }
    render(
      <I18nProvider>
        <ToRussian />
        <CaseView id={caseId} initialTab="people" onBack={() => undefined} onLocked={() => undefined} />
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByTestId('open-add-person'));
    const form = screen.getByTestId('add-person');
    fireEvent.change(within(form).getByLabelText(en.record.personName), { target: { value: 'Жұмабаев Руслан' } });
    fireEvent.click(within(form).getByRole('button', { name: en.record.addPerson }));
    expect(await screen.findByText(en.record.personAdded('Жұмабаев Руслан'))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'ru' }));
    expect(await screen.findByText(ru.record.personAdded('Жұмабаев Руслан'))).toBeTruthy();
    expect(screen.queryByText(en.record.personAdded('Жұмабаев Руслан'))).toBeNull();
    localStorage.removeItem(LOCALE_STORAGE_KEY);
  });
});
