import { useId, useMemo, useState } from 'react';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { Field } from '../ui/fields.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';
import type { ChosenDestination, ExportedFile } from '../../../shared/destinations.ts';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';

/** Two different group positions (1-based) to ask back, drawn anew for each key. */
function twoPositions(count: number): [number, number] {
  const first = 1 + Math.floor(Math.random() * count);
  let second = 1 + Math.floor(Math.random() * (count - 1));
  if (second >= first) second += 1;
  return first < second ? [first, second] : [second, first];
}

/**
 * A recovery key just issued: shown once, with "Save as PDF" and "Print"; then the user types two
 * of its groups back (checked by the engine, which forgets the key once they match) before going on.
 */
export function RecoveryKeyNotice({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const labelId = useId();
  const groups = recoveryKey.split('-');
  const positions = useMemo(() => twoPositions(groups.length), [recoveryKey]);
  const [step, setStep] = useState<'show' | 'check'>('show');
  const [destination, setDestination] = useState<ChosenDestination | null>(null);
  const [saved, setSaved] = useState<ExportedFile | null>(null);
  const [answers, setAnswers] = useState(['', '']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const savePdf = async () => {
    if (!destination) return;
    setError(null);
    setBusy(true);
    const result = await api['vault.recoveryKeyPdf']({ destination: destination.destination });
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.error));
    setSaved(result.value);
  };

  const check = async () => {
    setError(null);
    setBusy(true);
    const result = await api['vault.confirmRecoveryKey']({
      answers: positions.map((position, index) => ({ position, group: answers[index]!.trim() || '-' })),
    });
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.error));
    if (result.value.confirmed) onDone();
    else setError(t.app.recoveryKey.wrong);
  };

  if (step === 'check') {
    return (
      <Card title={t.app.recoveryKey.checkTitle} narrow>
        <p className="intro">{t.app.recoveryKey.checkIntro(positions[0], positions[1])}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
          noValidate
        >
          <fieldset disabled={busy} className="form-grid">
            {positions.map((position, index) => (
              <Field
                key={position}
                label={t.app.recoveryKey.group(position)}
                value={answers[index]!}
                onChange={(value) => setAnswers((now) => now.map((old, i) => (i === index ? value : old)))}
                monospace
                maxLength={16}
              />
            ))}
          </fieldset>
          {error && <ErrorMessage>{error}</ErrorMessage>}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t.app.recoveryKey.continue}
            </button>
          </div>
        </form>
      </Card>
    );
  }

  return (
    <Card title={t.recovery.title} narrow>
      <div className="recovery-print">
        <p className="intro">{t.recovery.intro}</p>
        <p className="recovery-label" id={labelId}>
          {t.recovery.keyLabel}
        </p>
        <p className="recovery-key" aria-labelledby={labelId} data-testid="recovery-key">
          {groups.map((group, index) => (
            <span key={index} className="recovery-group">
              {group}
              {index < groups.length - 1 && (
                <span className="recovery-sep" aria-hidden="true">
                  -
                </span>
              )}
            </span>
          ))}
        </p>
      </div>
      <p className="message message-warning">{t.recovery.warning}</p>
      <div className="recovery-save">
        <DestinationPicker label={t.app.common.folder} value={destination} onChange={setDestination} />
        <div className="actions">
          <button type="button" className="button button-secondary" disabled={busy || !destination} onClick={() => void savePdf()}>
            {t.app.recoveryKey.savePdf}
          </button>
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t.app.recoveryKey.print}
          </button>
        </div>
        {saved && (
          <>
            <ExportedFileActions file={saved} />
            <p className="field-hint">{t.app.recoveryKey.saved}</p>
          </>
        )}
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </div>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => setStep('check')}>
          {t.recovery.confirm}
        </button>
      </div>
    </Card>
  );
}
