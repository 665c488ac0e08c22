import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { CaseView } from '../../renderer/src/case/CaseView.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * An item's links in Edit details, against the real engine: an unlink the engine refuses (the link
 * was already removed elsewhere, by the CLI) shows the refusal beside that link's button, and the
 * log gains nothing.
 */
let engine: Engine;
let caseId: string;
let otherId: string;
let itemId: string;
const OTHER = 'Жақсыбеков Бауыржан: пытки в ИВС';

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await engine.call('cases.add', { title: 'Әділбекұлы Серік' })).id;
  otherId = (await engine.call('cases.add', { title: OTHER })).id;
  itemId = (await importBytes(engine, caseId, 'decision.txt', new TextEncoder().encode('Решение суда.'), { title: 'Decision' })).itemId;
  await engine.call('items.link', { itemId, caseId: otherId });
  install(engine);
});
afterAll(() => engine.close());

test('an unlink the engine refuses shows its error beside the link, and nothing is logged', async () => {
  render(
    <I18nProvider>
      <CaseView id={caseId} initialTab="evidence" onBack={() => undefined} onLocked={() => undefined} />
    </I18nProvider>,
  );
  fireEvent.click(await screen.findByTestId('edit-item-open'));
  const links = within(await screen.findByTestId('item-links'));
  const unlink = await links.findByRole('button', { name: en.record.unlinkFrom(OTHER) });
  await engine.call('items.unlink', { itemId, caseId: otherId });
  const events = (await engine.call('items.get', { id: itemId })).custody.length;
  const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
  fireEvent.click(unlink);
  const row = unlink.closest('li')!;
  await waitFor(() => expect(within(row).getByRole('alert').textContent).toMatch(/is not linked to that case/));
  expect(confirm).toHaveBeenCalledWith(en.record.unlinkConfirm(OTHER));
  expect((await engine.call('items.get', { id: itemId })).custody.length).toBe(events);
  confirm.mockRestore();
});
