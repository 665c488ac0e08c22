import { useId } from 'react';
import { LOCALES, LOCALE_NAMES, type Locale } from '../i18n/index.tsx';

export function LanguageSwitch({ locale, onChange, label }: { locale: Locale; onChange: (locale: Locale) => void; label: string }) {
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} className="input input-compact" value={locale} onChange={(event) => onChange(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
