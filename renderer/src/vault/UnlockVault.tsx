import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { Field, SubmitButton } from '../ui/fields.tsx';
import { PassphraseField } from './PassphraseField.tsx';

export function UnlockVault({ onUnlocked, notice }: { onUnlocked: (status: VaultStatus) => void; notice: string | null }) {
  const { t } = useI18n();
  const api = getApi();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const recovery = mode === 'recovery';
  // The lock screen opens ready to type, whatever had the focus when the vault locked.
  useEffect(() => {
    const frame = requestAnimationFrame(() => inputRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (secret.trim() === '') {
      setError(recovery ? t.unlock.emptyRecovery : t.unlock.empty);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await api['vault.unlock'](recovery ? { recoveryKey: secret } : { passphrase: secret });
    setBusy(false);
    if (result.ok) {
      setSecret('');
      onUnlocked(result.value);
      return;
    }
    if (result.error.kind === 'wrong-passphrase') {
      setError(recovery ? t.unlock.wrongRecoveryKey : t.unlock.wrongPassphrase);
      setSecret('');
    } else {
      setError(describeError(t, result.error));
    }
    // The fieldset is re-enabled on the next render; focus after it.
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  return (
    <Card title={t.unlock.title} narrow>
      {notice && (
        <p className="message message-info" role="status">
          {notice}
        </p>
      )}
      <p className="intro">{recovery ? t.unlock.introRecovery : t.unlock.intro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <fieldset disabled={busy}>
          {recovery ? (
            <Field
              key={mode}
              label={t.unlock.recoveryKey}
              value={secret}
              onChange={(value) => {
                setSecret(value);
                setError(null);
              }}
              hint={t.unlock.recoveryHint}
              inputRef={inputRef}
              monospace
              required
            />
          ) : (
            <PassphraseField
              key={mode}
              label={t.unlock.passphrase}
              value={secret}
              onChange={(value) => {
                setSecret(value);
                setError(null);
              }}
              inputRef={inputRef}
              autoFocus
            />
          )}
        </fieldset>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions actions-split">
          <button
            type="button"
            className="button button-link"
            disabled={busy}
            onClick={() => {
              setMode(recovery ? 'passphrase' : 'recovery');
              setSecret('');
              setError(null);
              requestAnimationFrame(() => inputRef.current?.focus());
            }}
          >
            {recovery ? t.unlock.usePassphrase : t.unlock.useRecoveryKey}
          </button>
          <SubmitButton busy={busy} label={t.unlock.submit} busyLabel={t.unlock.submitting} />
        </div>
      </form>
    </Card>
  );
}
