import { useId } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { idleLabelFor } from './idle-label.ts';
import { IDLE_LOCK_CHOICES_MINUTES } from './idle-lock.ts';

export function SettingsPanel({
  idleSeconds,
  onIdleSeconds,
  onClose,
}: {
  idleSeconds: number;
  onIdleSeconds: (seconds: number) => void;
  onClose: () => void;
}) {
  const { t, f } = useI18n();
  const id = useId();
  const choices: number[] = IDLE_LOCK_CHOICES_MINUTES.map((minutes) => minutes * 60);
  if (!choices.includes(idleSeconds)) choices.unshift(idleSeconds);
  return (
    <section id="settings-panel" className="settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.settings.title}</h2>
      <div className="field">
        <label htmlFor={id}>{t.settings.autoLock}</label>
        <select
          id={id}
          className="input input-compact"
          value={String(idleSeconds)}
          onChange={(event) => onIdleSeconds(Number(event.target.value))}
          aria-describedby={`${id}-hint`}
        >
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {idleLabelFor(seconds, t, f.number)}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          {t.settings.autoLockHint}
        </p>
      </div>
      <button type="button" className="button button-secondary" onClick={onClose}>
        {t.settings.close}
      </button>
    </section>
  );
}
