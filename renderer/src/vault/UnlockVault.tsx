import { useRef, useState, type FormEvent } from 'react';
import type { VaultState } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { Field, SubmitButton } from '../ui/fields.tsx';

export function UnlockVault({ onUnlocked, notice }: { onUnlocked: (state: VaultState) => void; notice: string | null }) {
  const { t } = useI18n();
  const api = getApi();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const recovery = mode === 'recovery';

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
      onUnlocked(result.value.state);
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
          <Field
            key={mode}
            label={recovery ? t.unlock.recoveryKey : t.unlock.passphrase}
            type={recovery ? 'text' : 'password'}
            value={secret}
            onChange={(value) => {
              setSecret(value);
              setError(null);
            }}
            hint={recovery ? t.unlock.recoveryHint : undefined}
            autoComplete={recovery ? 'off' : 'current-password'}
            inputRef={inputRef}
            monospace={recovery}
            required
          />
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
