import { useEffect, useId, useState, type FormEvent } from 'react';
import type { RecentVault } from '../../../shared/app-model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { FolderField } from '../ui/FolderField.tsx';

/**
 * Open another vault, create one in an empty folder, reopen a recent one, or try the demo vault:
 * on the start screens and in Settings. The open vault is locked first; `onOpened` re-reads the state.
 */
export function VaultChooser({ onOpened, onDemo }: { onOpened: () => void; onDemo: () => Promise<string | null> }) {
  const { t } = useI18n();
  const api = getApi();
  const id = useId();
  const [recent, setRecent] = useState<RecentVault[]>([]);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void api['vault.recent']({}).then((result) => {
      if (current && result.ok) setRecent(result.value);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const open = async (target: string) => {
    setError(null);
    setBusy(true);
    const result = await api['vault.open']({ folder: target });
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.error));
    onOpened();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim()) void open(folder.trim());
  };

  const others = recent.filter((entry) => !entry.current);
  return (
    <section className="vault-chooser" aria-labelledby={`${id}-title`} data-testid="vault-chooser">
      <h2 id={`${id}-title`}>{t.app.vaults.title}</h2>
      {others.length > 0 && (
        <>
          <h3>{t.app.vaults.recent}</h3>
          <ul className="recent-vaults">
            {others.map((entry) => (
              <li key={entry.folder}>
                <button type="button" className="button button-link" disabled={busy} onClick={() => void open(entry.folder)}>
                  <code className="break">{entry.folder}</code>
                </button>{' '}
                <span className="muted small">{entry.state === 'missing' ? t.app.vaults.missing : t.app.vaults.locked}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">{t.app.vaults.intro}</p>
      <form onSubmit={submit} className="inline-form" noValidate>
        <FolderField label={t.app.vaults.folder} value={folder} onChange={setFolder} propose={false} />
        <button type="submit" className="button button-secondary" disabled={busy || !folder.trim()}>
          {t.app.vaults.open}
        </button>
      </form>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="demo-offer">
        <p className="muted small">{t.app.vaults.demoHint}</p>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onDemo().then((failure) => {
              setBusy(false);
              if (failure) setError(failure);
            });
          }}
        >
          {t.app.vaults.demo}
        </button>
      </div>
    </section>
  );
}
