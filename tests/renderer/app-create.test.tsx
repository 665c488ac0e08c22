import { existsSync } from 'node:fs';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { App } from '../../renderer/src/app/App.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { ru } from '../../renderer/src/i18n/ru.ts';
import { install, openEngine, type Engine } from './engine.ts';

/** First start: the create form, the recovery key step, and the first look at the (empty) archive. */

const STRONG = 'quiet lantern orbit 1987 walnut ferry';

let engine: Engine;
beforeAll(() => {
  engine = openEngine();
  install(engine);
});
afterAll(() => engine.close());

const renderApp = () =>
  render(
    <I18nProvider>
      <App />
    </I18nProvider>,
  );

async function fillCreateForm(passphrase: string, confirm: string) {
  await screen.findByRole('heading', { name: en.create.title });
  fireEvent.change(screen.getByLabelText(en.create.passphrase), { target: { value: passphrase } });
  fireEvent.change(screen.getByLabelText(en.create.confirm), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: en.create.submit }));
}

describe('creating a vault', () => {
  test('a passphrase shorter than 8 characters is refused on its field, and the engine is never asked', async () => {
    renderApp();
    await fillCreateForm('short1', 'short1');
    const field = screen.getByLabelText(en.create.passphrase);
    expect(await screen.findByText(en.create.tooShort)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(engine.calls).not.toContain('vault.create');
    expect(existsSync(engine.dir)).toBe(false);
    // Typing again clears the complaint.
    fireEvent.change(field, { target: { value: 'short12' } });
    expect(screen.queryByText(en.create.tooShort)).toBeNull();
  });

  test('two different passphrases are refused on the confirmation field, and the engine is never asked', async () => {
    renderApp();
    await fillCreateForm(STRONG, `${STRONG}!`);
    expect(await screen.findByText(en.create.mismatch)).toBeTruthy();
    expect(screen.getByLabelText(en.create.confirm).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(en.create.passphrase).getAttribute('aria-invalid')).toBeNull();
    expect(engine.calls).not.toContain('vault.create');
    expect(existsSync(engine.dir)).toBe(false);
  });

  test('the recovery key stays on screen (through a language switch) until the user confirms, then the empty archive opens', async () => {
    renderApp();
    await fillCreateForm(STRONG, STRONG);
    const shown = await screen.findByTestId('recovery-key', {}, { timeout: 10_000 });
    const recoveryKey = shown.textContent ?? '';
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
    expect(engine.calls.filter((c) => c === 'vault.create')).toHaveLength(1);
    // The vault is open behind this step, but no case data is shown until the key is acknowledged.
    expect(screen.queryByRole('heading', { name: en.cases.title })).toBeNull();
    expect(screen.getByText(en.recovery.warning)).toBeTruthy();

    // Switching language re-labels the step and keeps the key: it must not be skipped by a reload.
    fireEvent.change(screen.getByLabelText(en.language), { target: { value: 'ru' } });
    expect(await screen.findByRole('heading', { name: ru.recovery.title })).toBeTruthy();
    expect(screen.getByTestId('recovery-key').textContent).toBe(recoveryKey);
    expect(document.documentElement.lang).toBe('ru');
    expect(screen.getByRole('button', { name: ru.settings.button })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(ru.language), { target: { value: 'en' } });

    fireEvent.click(screen.getByRole('button', { name: en.recovery.confirm }));
    expect(await screen.findByText(en.cases.empty)).toBeTruthy();
    expect(screen.getByRole('heading', { name: en.cases.title })).toBeTruthy();
    expect(within(screen.getByRole('contentinfo')).getByText(engine.dir)).toBeTruthy();

    // The key shown is the real one: it opens the vault.
    engine.host.lock();
    const unlocked = await engine.host.call('vault.unlock', { recoveryKey: recoveryKey.toLowerCase() });
    expect(unlocked).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });
});
