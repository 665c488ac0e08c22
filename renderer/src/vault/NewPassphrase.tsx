import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { SubmitButton } from '../ui/fields.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';
import { PassphraseField } from './PassphraseField.tsx';
import { MIN_ACCEPTED_SCORE, passphraseStrength, type StrengthScore } from './passphrase-strength.ts';
import { StrengthMeter } from './StrengthMeter.tsx';

/**
 * Sets a new passphrase: in Settings (the current one asked first), or right after an unlock with
 * the recovery key, when nobody knows the old one (`askCurrent` off; the engine allows it only then).
 */
export function NewPassphrase({ askCurrent, onChanged }: { askCurrent: boolean; onChanged: (status: VaultStatus) => void }) {
  const { t } = useI18n();
  const api = getApi();
  const [form, setForm] = useState({ current: '', passphrase: '', confirm: '' });
  const [score, setScore] = useState<{ of: string; value: StrengthScore } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const update = (field: keyof typeof form, value: string) => {
    setForm((now) => ({ ...now, [field]: value }));
    setError(null);
    setDone(false);
    if (field === 'passphrase') void passphraseStrength(value).then((result) => setScore({ of: value, value: result }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (askCurrent && !form.current) return setError(t.unlock.empty);
    if (form.passphrase.length < 8) return setError(t.create.tooShort);
    if ((await passphraseStrength(form.passphrase)) < MIN_ACCEPTED_SCORE) return setError(t.create.tooWeak);
    if (form.passphrase !== form.confirm) return setError(t.app.newPassphrase.mismatch);
    setBusy(true);
    const result = await api['vault.changePassphrase']({
      ...(askCurrent ? { current: form.current } : {}),
      passphrase: form.passphrase,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error.kind === 'wrong-passphrase' ? t.unlock.wrongPassphrase : describeError(t, result.error));
    setForm({ current: '', passphrase: '', confirm: '' });
    setDone(true);
    onChanged(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy} data-testid="new-passphrase">
      <fieldset disabled={busy}>
        {askCurrent && (
          <PassphraseField label={t.app.newPassphrase.current} value={form.current} onChange={(value) => update('current', value)} />
        )}
        <PassphraseField
          label={t.app.newPassphrase.passphrase}
          value={form.passphrase}
          onChange={(value) => update('passphrase', value)}
          autoComplete="new-password"
          hint={t.create.hint}
          autoFocus={!askCurrent}
        />
        <StrengthMeter score={form.passphrase && score?.of === form.passphrase ? score.value : null} />
        <PassphraseField
          label={t.app.newPassphrase.confirm}
          value={form.confirm}
          onChange={(value) => update('confirm', value)}
          autoComplete="new-password"
        />
      </fieldset>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {done && (
        <p className="message message-success" role="status">
          {t.app.newPassphrase.done}
        </p>
      )}
      <div className="actions">
        <SubmitButton busy={busy} label={t.app.newPassphrase.submit} busyLabel={t.app.newPassphrase.submitting} />
      </div>
    </form>
  );
}
