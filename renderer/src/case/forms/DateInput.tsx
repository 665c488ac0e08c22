import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { dateForInput, parseUserDate } from './dates.ts';

/**
 * A date typed as people write it (08.01.2022 in Russian and Kazakh), never the browser's own date
 * picker, whose format follows the browser's language rather than the app's. `value` and `onChange`
 * carry the stored form (2022-01-08, 2022-01, 2022 or ''); text that is not yet a date is kept as typed.
 */
export function DateInput({ id, value, onChange }: { id: string; value: string; onChange: (stored: string) => void }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => dateForInput(value, locale));
  // A reset from outside ("Clear filters") or a language switch shows the stored value afresh.
  useEffect(() => {
    setText((typed) => (parseUserDate(typed) === value ? typed : dateForInput(value, locale)));
  }, [value, locale]);
  const invalid = parseUserDate(text) === null;
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      className="input"
      autoComplete="off"
      spellCheck={false}
      placeholder={t.record.datePlaceholder}
      title={invalid ? t.record.dateInvalid : undefined}
      aria-invalid={invalid || undefined}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const stored = parseUserDate(event.target.value);
        if (stored !== null) onChange(stored);
      }}
    />
  );
}
