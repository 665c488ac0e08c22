import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useI18n } from '../i18n/index.tsx';

/**
 * A passphrase input with a Show/Hide toggle and a Caps Lock warning (read from the key events,
 * the only place a page can learn it), for the lock screen and every passphrase form.
 */
export function PassphraseField({
  label,
  value,
  onChange,
  inputRef,
  autoComplete = 'current-password',
  error,
  hint,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  autoComplete?: string;
  error?: string | null;
  hint?: string;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [shown, setShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const readCaps = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));
  const described = [hint ? `${id}-hint` : '', capsLock ? `${id}-caps` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="input-with-button">
        <input
          id={id}
          ref={inputRef}
          type={shown ? 'text' : 'password'}
          className="input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={readCaps}
          onKeyUp={readCaps}
          onBlur={() => setCapsLock(false)}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          aria-required
        />
        <button
          type="button"
          className="button button-quiet button-small"
          aria-pressed={shown}
          aria-label={t.app.lock.showLabel}
          onClick={() => setShown((now) => !now)}
        >
          {shown ? t.app.lock.hide : t.app.lock.show}
        </button>
      </div>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {capsLock && (
        <p className="field-warning" id={`${id}-caps`} role="status" data-testid="caps-lock">
          {t.app.lock.capsLock}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
