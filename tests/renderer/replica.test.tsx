import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mkdirSync } from 'node:fs';
import type { ReactNode } from 'react';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { App } from '../../renderer/src/app/App.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider, LOCALE_STORAGE_KEY } from '../../renderer/src/i18n/index.tsx';
import { kk } from '../../renderer/src/i18n/kk.ts';
import { ru } from '../../renderer/src/i18n/ru.ts';
import { ReplicaSection } from '../../renderer/src/replica/ReplicaSection.tsx';
import { makeFormatters } from '../../renderer/src/i18n/index.tsx';
import { syncthingLine } from '../../renderer/src/replica/replica-lines.ts';
import { SyncthingView } from '../../renderer/src/replica/SyncthingView.tsx';
import type { SyncthingReport } from '../../shared/replica.ts';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * Settings → Replica (choose the folder in the picker, the state, Syncthing's honest "not set up",
 * prune with its confirmation) and the first-run screen's restore (its one-line errors, a wrong
 * passphrase, the result, the restored vault opening), against a real engine, in en/ru/kk.
 */

const CASE_TITLE = 'Дело о задержании в Алматы';
let engine: Engine;

// jsdom has no modal dialogs; the folder browser opens one (the browser's own behaviour, not ours).
if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
}

beforeAll(async () => {
  engine = openEngine({ confined: true });
  // No Syncthing on this "computer": the panel must say so rather than read the user's own configuration.
  process.env.STHOMEDIR = path.join(engine.root, 'no-syncthing');
  for (const folder of ['replica', 'restored']) mkdirSync(path.join(engine.root, folder));
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  const { id } = await engine.call('cases.add', { title: CASE_TITLE });
  await importBytes(engine, id, 'decision.pdf', new TextEncoder().encode('%PDF-1.4 the decision'));
  install(engine);
});
afterAll(() => engine.close());

const renderIn = (locale: 'en' | 'ru' | 'kk', ui: ReactNode) => {
  window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  return render(<I18nProvider>{ui}</I18nProvider>);
};

/** The folder browser as a user works it: into `name` under the root, then "Use this folder"; answers the dialog. */
async function openFolder(name: string): Promise<HTMLElement> {
  const dialog = await screen.findByTestId('folder-browser');
  fireEvent.click(await within(dialog).findByRole('button', { name: `📁 ${name}` }));
  await within(dialog).findByText(new RegExp(`/${name}$`));
  fireEvent.click(within(dialog).getByRole('button', { name: en.destinations.useThis }));
  return dialog;
}

async function pickFolder(name: string): Promise<void> {
  await openFolder(name);
  await waitFor(() => expect(screen.queryByTestId('folder-browser')).toBeNull());
}

describe('Settings → Replica', () => {
  test('a folder inside the vault is refused in one line; the chosen one is written and its state shown', async () => {
    renderIn('en', <ReplicaSection />);
    const section = await screen.findByTestId('replica-section');
    await within(section).findByText(en.replica.none);
    expect(within(section).queryByTestId('syncthing')).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: en.replica.choose }));
    const dialog = await openFolder('vault');
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/inside the vault/);
    fireEvent.click(within(dialog).getByRole('button', { name: en.destinations.cancel }));
    await waitFor(() => expect(screen.queryByTestId('folder-browser')).toBeNull());
    await within(section).findByText(en.replica.none);

    fireEvent.click(within(section).getByRole('button', { name: en.replica.choose }));
    await pickFolder('replica');
    await within(section).findByText(en.replica.designated);
    expect(within(section).getByTestId('replica-folder').textContent).toBe(path.join(engine.root, 'replica'));
    expect(within(section).getByTestId('replica-state').textContent).toMatch(/^\d+, up to custody event \d+$/);
    expect(within(section).getByTestId('replica-written').textContent).toContain(`(${en.replica.justNow})`);
    expect(within(section).getByText(en.replica.syncthing.cause['not-configured'])).toBeTruthy();
    expect(within(section).getByText(/no Syncthing configuration at .*no-syncthing/)).toBeTruthy();
    expect(within(section).queryByTestId('replica-error')).toBeNull();
  });

  test('pruning: a bad number is refused beside the field, nothing is removed without "Remove them"', async () => {
    await engine.call('cases.add', { title: 'A second case, for a second state' });
    renderIn('en', <ReplicaSection />);
    const prune = await screen.findByTestId('replica-prune');
    const field = within(prune).getByLabelText(en.replica.prune.keep);
    const before = engine.calls.length;
    fireEvent.change(field, { target: { value: '0' } });
    fireEvent.click(within(prune).getByRole('button', { name: en.replica.prune.submit }));
    expect(within(prune).getByText(en.replica.prune.keepInvalid)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(field, { target: { value: '1' } });
    fireEvent.click(within(prune).getByRole('button', { name: en.replica.prune.submit }));
    within(prune).getByText(en.replica.prune.confirm('1'));
    fireEvent.click(within(prune).getByRole('button', { name: en.replica.prune.no }));
    expect(within(prune).queryByRole('alertdialog')).toBeNull();
    expect(engine.calls.slice(before)).not.toContain('replica.prune');

    fireEvent.click(within(prune).getByRole('button', { name: en.replica.prune.submit }));
    fireEvent.click(within(prune).getByRole('button', { name: en.replica.prune.yes }));
    const done = await within(prune).findByRole('status');
    expect(done.textContent).toMatch(/^Removed [1-9]\d* state\(s\) and \d+ catalog piece\(s\) only they used\./);
  });

  test('in Russian and Kazakh', async () => {
    const { unmount } = renderIn('ru', <ReplicaSection />);
    await screen.findByText(ru.replica.syncthing.cause['not-configured']);
    screen.getByRole('heading', { name: ru.replica.title });
    screen.getByRole('button', { name: ru.replica.change });
    fireEvent.change(screen.getByLabelText(ru.replica.prune.keep), { target: { value: 'десять' } });
    fireEvent.click(screen.getByRole('button', { name: ru.replica.prune.submit }));
    screen.getByText(ru.replica.prune.keepInvalid);
    unmount();
    renderIn('kk', <ReplicaSection />);
    await screen.findByText(kk.replica.syncthing.cause['not-configured']);
    screen.getByText(kk.replica.lastWritten);
    screen.getByRole('button', { name: kk.replica.prune.submit });
  });
});

describe('Restore from a replica on the first-run screen', () => {
  beforeAll(async () => {
    // The "new computer": no vault open, the app on an empty folder.
    engine.host.lock();
    await engine.call('vault.open', { folder: path.join(engine.root, 'new-computer') });
  });

  test('each missing choice is said beside its field, in the language shown, and nothing starts', async () => {
    renderIn('kk', <App />);
    const restore = await screen.findByTestId('replica-restore');
    fireEvent.click(within(restore).getByRole('button', { name: kk.replica.restore.show }));
    const before = engine.calls.length;
    fireEvent.click(within(restore).getByRole('button', { name: kk.replica.restore.submit }));
    within(restore).getByText(kk.replica.restore.needReplica);
    within(restore).getByText(kk.replica.restore.needInto);
    within(restore).getByText(kk.unlock.empty);
    expect(engine.calls.slice(before)).toEqual([]);
    fireEvent.click(within(restore).getByRole('button', { name: kk.unlock.useRecoveryKey }));
    fireEvent.click(within(restore).getByRole('button', { name: kk.replica.restore.submit }));
    within(restore).getByText(kk.unlock.emptyRecovery);
    expect(engine.calls.slice(before)).toEqual([]);
  });

  test('a wrong passphrase is said at the field; the right one restores, checks, and opens the vault with its evidence', async () => {
    renderIn('en', <App />);
    const restore = await screen.findByTestId('replica-restore');
    fireEvent.click(within(restore).getByRole('button', { name: en.replica.restore.show }));
    const [replicaPicker, intoPicker] = within(restore).getAllByTestId('destination-picker');
    fireEvent.click(within(replicaPicker!).getByRole('button', { name: en.destinations.choose }));
    await within(await screen.findByTestId('folder-browser')).findByText(en.replica.restore.browserIntro);
    await pickFolder('replica');
    fireEvent.click(within(intoPicker!).getByRole('button', { name: en.destinations.choose }));
    await pickFolder('restored');
    expect(within(intoPicker!).getByTestId('destination-folder').textContent).toBe(path.join(engine.root, 'restored'));

    const secret = within(restore).getByLabelText(en.replica.restore.passphrase);
    fireEvent.change(secret, { target: { value: 'not the passphrase of this vault' } });
    fireEvent.click(within(restore).getByRole('button', { name: en.replica.restore.submit }));
    await within(restore).findByText(en.unlock.wrongPassphrase, {}, { timeout: 20_000 });
    expect(secret.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(secret, { target: { value: PASSPHRASE } });
    expect(within(restore).queryByText(en.unlock.wrongPassphrase)).toBeNull();
    fireEvent.click(within(restore).getByRole('button', { name: en.replica.restore.submit }));
    const result = await within(restore).findByTestId('restore-result', {}, { timeout: 20_000 });
    within(result).getByText(en.replica.restore.restored);
    within(result).getByText(en.replica.restore.folder(path.join(engine.root, 'restored')));
    within(result).getByText(/^1 item\(s\); 1 encrypted file\(s\), /);
    fireEvent.click(within(result).getByRole('button', { name: en.replica.restore.open }));
    await screen.findByText(CASE_TITLE, {}, { timeout: 10_000 });
    // The restored vault writes no replica until one is chosen (the old one is the other computer's).
    await screen.findByText(en.replica.line.none);
    expect(await engine.call('vault.status', {})).toMatchObject({ state: 'unlocked', folder: path.join(engine.root, 'restored') });
  });
});

describe("Syncthing's view, as its REST API reports it", () => {
  // The shape syncthingStatus() answers (tests/e2e/syncthing-replica.test.ts reads it from two real instances).
  const report: SyncthingReport = {
    available: true,
    address: 'http://127.0.0.1:8384',
    folder: { id: 'custodia-replica', label: 'Custodia replica', type: 'sendonly', paused: false },
    lastScan: '2026-03-02T11:58:00Z',
    state: 'idle',
    devices: [
      { id: 'AAAAAAA-1', name: 'Office desktop', connected: true, completion: 100, needBytes: 0, lastSeen: '2026-03-02T11:59:00Z' },
      { id: 'BBBBBBB-2', name: 'Rented server', connected: false, completion: 45.7, needBytes: 2048, lastSeen: null },
    ],
  };

  test('each device: connected or not, how much it has (rounded down), when last seen; the sidebar counts the complete ones', () => {
    renderIn('en', <SyncthingView report={report} />);
    screen.getByText('Syncthing at http://127.0.0.1:8384 · Folder “Custodia replica” (Send Only): up to date');
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows[0]!.slice(0, 3)).toEqual(['Office desktop', 'connected', '100%']);
    expect(rows[1]).toEqual(['Rented server', 'not connected', '45%', 'never']);
    expect(syncthingLine(report, en, makeFormatters('en', en)).text).toBe('Syncthing: 1 of 2 device(s) up to date');
    expect(syncthingLine({ ...report, devices: [] }, ru, makeFormatters('ru', ru)).text).toBe(ru.replica.line.syncthingAlone);
  });

  test('in Russian and Kazakh; a paused folder says so', () => {
    const { unmount } = renderIn('ru', <SyncthingView report={{ ...report, folder: { ...report.folder, paused: true } }} />);
    screen.getByText(/Папка «Custodia replica» \(Только отправка\): приостановлена/);
    screen.getByText('не подключено');
    unmount();
    renderIn(
      'kk',
      <SyncthingView
        report={{ available: false, cause: 'no-answer', reason: 'Syncthing at http://127.0.0.1:8384 did not answer: ECONNREFUSED' }}
      />,
    );
    screen.getByText(kk.replica.syncthing.cause['no-answer']);
    screen.getByText(/ECONNREFUSED/);
  });
});
