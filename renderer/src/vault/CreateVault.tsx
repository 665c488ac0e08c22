import { useEffect, useRef, useState, type FormEvent } from 'react';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { Field, SubmitButton } from '../ui/fields.tsx';
import { MIN_ACCEPTED_SCORE, passphraseStrength, type StrengthScore } from './passphrase-strength.ts';
import { StrengthMeter } from './StrengthMeter.tsx';

const MIN_PASSPHRASE = 8;

export function CreateVault({ onCreated, onDemo }: { onCreated: (recoveryKey: string) => void; onDemo: () => Promise<string | null> }) {
  const { t } = useI18n();
  const api = getApi();
  const [passphrase, setPassphrase] = useState('');
  const [strength, setStrength] = useState<{ of: string; score: StrengthScore } | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void passphraseStrength(passphrase).then((score) => {
      if (current) setStrength({ of: passphrase, score });
    });
    return () => {
      current = false;
    };
  }, [passphrase]);

  const tryDemo = async () => {
    setDemoBusy(true);
    setError(null);
    const failure = await onDemo();
    setDemoBusy(false);
    if (failure) setError(failure);
  };
  const [confirm, setConfirm] = useState('');
  const [fieldError, setFieldError] = useState<{ field: 'passphrase' | 'confirm'; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (passphrase.length < MIN_PASSPHRASE) {
      setFieldError({ field: 'passphrase', message: t.create.tooShort });
      passphraseRef.current?.focus();
      return;
    }
    const score = strength?.of === passphrase ? strength.score : await passphraseStrength(passphrase);
    if (score < MIN_ACCEPTED_SCORE) {
      setFieldError({ field: 'passphrase', message: t.create.tooWeak });
      passphraseRef.current?.focus();
      return;
    }
    if (passphrase !== confirm) {
      setFieldError({ field: 'confirm', message: t.create.mismatch });
      confirmRef.current?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    const result = await api['vault.create']({ passphrase });
    setBusy(false);
    if (result.ok) {
      setPassphrase('');
      setConfirm('');
      onCreated(result.value.recoveryKey);
    } else {
      setError(describeError(t, result.error));
    }
  };

  return (
    <Card title={t.create.title} narrow>
      <p className="intro">{t.create.intro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <fieldset disabled={busy}>
          <Field
            label={t.create.passphrase}
            type="password"
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (fieldError?.field === 'passphrase') setFieldError(null);
            }}
            hint={t.create.hint}
            error={fieldError?.field === 'passphrase' ? fieldError.message : null}
            autoComplete="new-password"
            inputRef={passphraseRef}
            required
          />
          <StrengthMeter score={passphrase && strength?.of === passphrase ? strength.score : null} />
          <Field
            label={t.create.confirm}
            type="password"
            value={confirm}
            onChange={(value) => {
              setConfirm(value);
              if (fieldError?.field === 'confirm') setFieldError(null);
            }}
            error={fieldError?.field === 'confirm' ? fieldError.message : null}
            autoComplete="new-password"
            inputRef={confirmRef}
            required
          />
        </fieldset>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <SubmitButton busy={busy} label={t.create.submit} busyLabel={t.create.submitting} />
        </div>
      </form>
      <div className="demo-offer">
        <p className="muted">{t.demo.offer}</p>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || demoBusy}
          aria-busy={demoBusy}
          onClick={() => void tryDemo()}
        >
          {demoBusy ? t.demo.opening : t.demo.open}
        </button>
      </div>
    </Card>
  );
}
