import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { App } from '../../renderer/src/app/App.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider, LOCALE_STORAGE_KEY } from '../../renderer/src/i18n/index.tsx';
import { ru } from '../../renderer/src/i18n/ru.ts';
import { IDLE_LOCK_STORAGE_KEY } from '../../renderer/src/settings/idle-lock.ts';
import { install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/** A vault that exists: unlocking by passphrase or recovery key, locking by hand and by idle time, settings, language. */

const CASE_TITLE = 'Case of the Almaty hearing';

let engine: Engine;
let recoveryKey: string;

beforeAll(async () => {
  engine = openEngine();
  recoveryKey = (await engine.call('vault.create', { passphrase: PASSPHRASE })).recoveryKey;
  await engine.call('cases.add', { title: CASE_TITLE });
  install(engine);
});
afterAll(() => engine.close());
beforeEach(() => engine.host.lock());

const renderApp = () =>
  render(
    <I18nProvider>
      <App />
    </I18nProvider>,
  );

async function unlockForm(): Promise<HTMLInputElement> {
  await screen.findByRole('heading', { name: en.unlock.title });
  return screen.getByLabelText(en.unlock.passphrase);
}

const status = async () => (await engine.call('vault.status', {})).state;

describe('unlocking and locking', () => {
  test('an empty or wrong passphrase gets a calm message, an emptied field and the same form; the right one opens the cases', async () => {
    const opened = engine.calls.length;
    renderApp();
    const field = await unlockForm();
    // The screen's own first reads (the recent vaults beside the form) come before the click, not after it.
    await waitFor(() => expect(engine.calls.slice(opened)).toContain('vault.recent'));
    const before = engine.calls.length;
    fireEvent.click(screen.getByRole('button', { name: en.unlock.submit }));
    expect((await screen.findByRole('alert')).textContent).toBe(en.unlock.empty);
    expect(engine.calls.slice(before)).toEqual([]);

    fireEvent.change(field, { target: { value: 'not the passphrase at all' } });
    fireEvent.click(screen.getByRole('button', { name: en.unlock.submit }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toBe(en.unlock.wrongPassphrase);
    // No technical lead-in ("The passphrase or recovery key is wrong: …"), no stack, just the sentence.
    expect(alert.textContent).not.toContain(en.errors.byKind['wrong-passphrase']);
    expect(screen.getByRole('heading', { name: en.unlock.title })).toBeTruthy();
    expect(field.value).toBe('');
    expect(await status()).toBe('locked');
    // Typing again clears the message; the right passphrase opens the archive.
    fireEvent.change(field, { target: { value: PASSPHRASE } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: en.unlock.submit }));
    expect(await screen.findByText(CASE_TITLE, {}, { timeout: 10_000 })).toBeTruthy();
    expect(await status()).toBe('unlocked');
  });

  test(
    'the recovery key opens the vault as typed from paper, a new passphrase is set; Lock removes every case from the page',
    { timeout: 90_000 },
    async () => {
      renderApp();
      await unlockForm();
      fireEvent.click(screen.getByRole('button', { name: en.unlock.useRecoveryKey }));
      const field = screen.getByLabelText(en.unlock.recoveryKey);
      expect(field.getAttribute('type')).toBe('text');
      // A well-formed key that is not this vault's (one character changed) gets its own calm message.
      const otherKey = (recoveryKey.startsWith('0') ? '1' : '0') + recoveryKey.slice(1);
      fireEvent.change(field, { target: { value: otherKey } });
      fireEvent.click(screen.getByRole('button', { name: en.unlock.submit }));
      expect((await screen.findByRole('alert')).textContent).toBe(en.unlock.wrongRecoveryKey);
      fireEvent.change(field, { target: { value: recoveryKey.toLowerCase().replaceAll('-', ' ') } });
      fireEvent.click(screen.getByRole('button', { name: en.unlock.submit }));
      // Nobody knows the passphrase after a recovery: a new one comes before the cases. The engine first waits
      // out its delay after the wrong key above.
      await screen.findByRole('heading', { name: en.app.newPassphrase.title }, { timeout: 40_000 });
      expect(screen.queryByText(CASE_TITLE)).toBeNull();
      fireEvent.change(screen.getByLabelText(en.app.newPassphrase.passphrase), { target: { value: PASSPHRASE } });
      fireEvent.change(screen.getByLabelText(en.app.newPassphrase.confirm), { target: { value: PASSPHRASE } });
      fireEvent.click(screen.getByRole('button', { name: en.app.newPassphrase.submit }));
      // Argon2id at the vault's level, on a shared test machine: allow it time.
      expect(await screen.findByText(CASE_TITLE, {}, { timeout: 40_000 })).toBeTruthy();

      fireEvent.click(screen.getByRole('button', { name: en.cases.lock }));
      await unlockForm();
      expect(screen.queryByText(CASE_TITLE)).toBeNull();
      expect(document.body.textContent).not.toContain(CASE_TITLE);
      expect(await status()).toBe('locked');
    },
  );

  test('after the chosen idle time the vault locks itself and says why', async () => {
    window.localStorage.setItem(IDLE_LOCK_STORAGE_KEY, '2');
    await engine.call('vault.unlock', { passphrase: PASSPHRASE });
    renderApp();
    expect(await screen.findByText(CASE_TITLE)).toBeTruthy();
    const started = Date.now();
    const notice = await screen.findByText(en.unlock.autoLocked(en.settings.seconds('2')), {}, { timeout: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(notice.getAttribute('role')).toBe('status');
    expect(screen.queryByText(CASE_TITLE)).toBeNull();
    expect(await status()).toBe('locked');
  });

  test('the idle-lock choice in Settings is saved for the next start', async () => {
    renderApp();
    await unlockForm();
    fireEvent.click(screen.getByRole('button', { name: en.settings.button }));
    const select = screen.getByLabelText(en.settings.autoLock) as HTMLSelectElement;
    expect(select.selectedOptions[0]?.textContent).toBe(en.settings.minutes(10, '10'));
    fireEvent.change(select, { target: { value: String(5 * 60) } });
    expect(window.localStorage.getItem(IDLE_LOCK_STORAGE_KEY)).toBe('300');
    expect(select.selectedOptions[0]?.textContent).toBe(en.settings.minutes(5, '5'));
    fireEvent.click(screen.getByRole('button', { name: en.settings.close }));
    expect(screen.queryByLabelText(en.settings.autoLock)).toBeNull();
  });

  test('switching to Russian re-labels the unlock form and its messages, and is remembered', async () => {
    renderApp();
    await unlockForm();
    fireEvent.change(screen.getByLabelText(en.language), { target: { value: 'ru' } });
    expect(await screen.findByRole('heading', { name: ru.unlock.title })).toBeTruthy();
    expect(screen.getByLabelText(ru.unlock.passphrase)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: ru.unlock.submit }));
    expect((await screen.findByRole('alert')).textContent).toBe(ru.unlock.empty);
    expect(screen.queryByText(en.unlock.title)).toBeNull();
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ru');
  });
});
