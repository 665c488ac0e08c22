import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { RecentVault } from '../../../shared/app-model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { useFolderPicker } from '../ui/useFolderPicker.tsx';

/**
 * Open another vault, create one in a folder the user picks, reopen a recent one (or remove a
 * missing one from the list), or try the demo vault: on the start screens and in Settings. The
 * open vault is locked first; `onOpened` re-reads the state. A missing recent vault opens onto the
 * "missing" screen, which offers to locate it, never to create a vault there.
 */
export function VaultChooser({ onOpened, onDemo }: { onOpened: () => void; onDemo: () => Promise<string | null> }) {
  const { t } = useI18n();
  const api = getApi();
  const id = useId();
  const picker = useFolderPicker('vault');
  const [recent, setRecent] = useState<RecentVault[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The answer may come after the chooser is gone (the vault opened meanwhile): it is then dropped.
  const live = useRef(true);
  const readRecent = useCallback(async () => {
    const result = await api['vault.recent']({});
    if (live.current && result.ok) setRecent(result.value);
  }, [api]);

  useEffect(() => {
    live.current = true;
    void readRecent();
    return () => {
      live.current = false;
    };
  }, [readRecent]);

  const act = async (work: () => ReturnType<(typeof api)['vault.open']>) => {
    setError(null);
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.error));
    onOpened();
  };

  const pickAndOpen = async () => {
    const chosen = await picker.pick();
    if (chosen) await act(() => api['vault.open']({ chosen: chosen.destination }));
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
                <button
                  type="button"
                  className="button button-link"
                  disabled={busy}
                  onClick={() => void act(() => api['vault.open']({ folder: entry.folder }))}
                >
                  <code className="break">{entry.folder}</code>
                </button>{' '}
                <span className="muted small">{entry.state === 'missing' ? t.app.vaults.missing : t.app.vaults.locked}</span>
                {entry.state === 'missing' && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={busy}
                      aria-label={`${t.app.vaults.forget}: ${entry.folder}`}
                      onClick={() => void act(() => api['vault.forget']({ folder: entry.folder })).then(readRecent)}
                    >
                      {t.app.vaults.forget}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">{t.app.vaults.intro}</p>
      <div className="actions actions-start">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void pickAndOpen()}>
          {t.app.vaults.openVault}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void pickAndOpen()}>
          {t.app.vaults.createElsewhere}
        </button>
      </div>
      {(error ?? picker.error) && <ErrorMessage>{error ?? picker.error}</ErrorMessage>}
      {picker.dialog}
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
