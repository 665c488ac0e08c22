import { render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getApi } from '../../renderer/src/api/client.ts';
import { Workspace } from '../../renderer/src/app/Workspace.tsx';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { IntegrityScreen } from '../../renderer/src/integrity/IntegrityScreen.tsx';
import { importBytes, install, openEngine, PASSPHRASE, type Engine } from './engine.ts';

/**
 * The sidebar's "Audit due" follows the vault (issue #15): a new empty vault is not due; the first
 * file imported through the window makes it due without a new unlock; a full audit clears it. The
 * Integrity screen, when open, follows the vault the same way.
 */
let engine: Engine;
let caseId = '';

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await engine.call('cases.add', { title: 'Дело Жанұзақова', status: 'pre-trial-detention' })).id;
  install(engine);
});
afterAll(() => engine.close());

test('the audit badge appears after the first import and goes after a full audit', async () => {
  render(
    <I18nProvider>
      <Workspace onLocked={() => undefined} />
    </I18nProvider>,
  );
  await screen.findByRole('heading', { level: 1, name: 'Cases' });
  // The summary was read at mount: an empty vault is not due.
  await waitFor(() => expect(engine.calls.filter((call) => call === 'integrity.summary').length).toBeGreaterThan(0));
  expect(screen.queryByTestId('nav-audit-overdue')).toBeNull();

  const api = getApi();
  await importBytes(
    engine,
    caseId,
    'decision.txt',
    new TextEncoder().encode('Постановление о мере пресечения'),
    {},
    { throughWindow: true },
  );
  await screen.findByTestId('nav-audit-overdue', {}, { timeout: 5_000 });

  const audit = await api['integrity.audit']({});
  if (!audit.ok) throw new Error(audit.error.message);
  await waitFor(
    async () => {
      const status = await api['jobs.status']({ jobId: audit.value.jobId });
      expect(status.ok && status.value.state).toBe('done');
    },
    { timeout: 15_000 },
  );
  await waitFor(() => expect(screen.queryByTestId('nav-audit-overdue')).toBeNull(), { timeout: 5_000 });
});

test('the Integrity screen, open while an import ends, shows it in the vault’s log without being opened again', async () => {
  render(
    <I18nProvider>
      <IntegrityScreen onSummary={() => undefined} onOpenCase={() => undefined} />
    </I18nProvider>,
  );
  await screen.findByTestId('last-audit');
  const bytes = new TextEncoder().encode('Протокол судебного заседания');
  await importBytes(engine, caseId, 'протокол-заседания.txt', bytes, { title: 'Протокол заседания 12.03.2022' }, { throughWindow: true });
  await screen.findAllByText(/Протокол заседания 12\.03\.2022/, {}, { timeout: 5_000 });
});
