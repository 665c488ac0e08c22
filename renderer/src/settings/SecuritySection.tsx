import { useId, useState, type FormEvent } from 'react';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { NewPassphrase } from '../vault/NewPassphrase.tsx';
import { PassphraseField } from '../vault/PassphraseField.tsx';
import { RecoveryKeyNotice } from '../vault/RecoveryKeyNotice.tsx';

/** Settings → the passphrase and the recovery key of the open vault. */
export function SecuritySection() {
  const { t } = useI18n();
  const api = getApi();
  const id = useId();
  const [changing, setChanging] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!passphrase) return setError(t.unlock.empty);
    setBusy(true);
    const result = await api['vault.newRecoveryKey']({ passphrase });
    setBusy(false);
    setPassphrase('');
    if (!result.ok) return setError(result.error.kind === 'wrong-passphrase' ? t.unlock.wrongPassphrase : describeError(t, result.error));
    setIssued(result.value.recoveryKey);
  };

  return (
    <>
      <section className="settings-section" aria-labelledby={`${id}-pass`} data-testid="passphrase-section">
        <h3 id={`${id}-pass`}>{t.app.passphrase.title}</h3>
        {changing ? (
          <NewPassphrase askCurrent onChanged={() => undefined} />
        ) : (
          <button type="button" className="button button-secondary button-small" onClick={() => setChanging(true)}>
            {t.app.passphrase.change}
          </button>
        )}
      </section>
      <section className="settings-section" aria-labelledby={`${id}-rec`} data-testid="recovery-section">
        <h3 id={`${id}-rec`}>{t.app.recovery.title}</h3>
        {issued ? (
          <RecoveryKeyNotice recoveryKey={issued} onDone={() => setIssued(null)} />
        ) : (
          <form onSubmit={(event) => void issue(event)} noValidate aria-busy={busy}>
            <p className="muted small">{t.app.recovery.intro}</p>
            <fieldset disabled={busy}>
              <PassphraseField label={t.app.recovery.passphrase} value={passphrase} onChange={setPassphrase} />
            </fieldset>
            <button type="submit" className="button button-secondary button-small" disabled={busy}>
              {busy ? t.app.recovery.issuing : t.app.recovery.issue}
            </button>
          </form>
        )}
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </section>
    </>
  );
}
