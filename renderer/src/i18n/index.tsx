import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';
import { kazakhDateTime, kazakhDay, kazakhMonth } from './kk-dates.ts';

export type { Messages } from './en.ts';

export const LOCALES = ['en', 'ru', 'kk'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogues: Record<Locale, Messages> = { en, ru, kk };
/** Each language names itself, so a reader who does not know the current one can still find theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

export const LOCALE_STORAGE_KEY = 'custodia.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function initialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const preferred = (navigator.languages ?? [navigator.language]).map((tag) => tag.toLowerCase());
  for (const tag of preferred) {
    if (tag.startsWith('kk')) return 'kk';
    if (tag.startsWith('ru')) return 'ru';
  }
  return 'en';
}

let current: Locale = 'en';

/** The catalogue of the current language, for code outside React (the bridge client's own errors). */
export function messages(): Messages {
  return catalogues[current];
}

export interface Formatters {
  /** A full date, a month or a year (as the engine stores partial dates), in the reader's language. */
  partialDate: (value: string | null | undefined) => string;
  /** An ISO timestamp as date and time. */
  dateTime: (value: string) => string;
  /** An ISO timestamp as a date only. */
  date: (value: string) => string;
  number: (value: number) => string;
  bytes: (value: number) => string;
  /** 0–100 as a percentage in the reader's language ("100 %" in Russian). */
  percent: (value: number) => string;
  /** How long before `now` an ISO timestamp was: "just now", "5 minutes ago", "2 days ago". */
  ago: (value: string, now?: number) => string;
}

export function makeFormatters(locale: Locale, t: Messages): Formatters {
  const utc = { timeZone: 'UTC' } as const;
  // Russian dates as Russians write them (08.01.2022), not the browser's "8 янв. 2022 г.".
  const dayStyle = locale === 'ru' ? ({ day: '2-digit', month: '2-digit', year: 'numeric' } as const) : ({ dateStyle: 'medium' } as const);
  const timeStyle = locale === 'ru' ? ({ hour: '2-digit', minute: '2-digit' } as const) : ({ timeStyle: 'short' } as const);
  const day = new Intl.DateTimeFormat(locale, { ...utc, ...dayStyle });
  const month = new Intl.DateTimeFormat(locale, { ...utc, year: 'numeric', month: 'long' });
  const localDay = new Intl.DateTimeFormat(locale, dayStyle);
  const stamp = new Intl.DateTimeFormat(locale, { ...dayStyle, ...timeStyle });
  const integer = new Intl.NumberFormat(locale);
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  const fraction = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    partialDate(value) {
      if (!value) return '';
      const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
      if (!match) return value;
      const [, year, mm, dd] = match;
      if (!mm) return year!;
      const date = new Date(Date.UTC(Number(year), Number(mm) - 1, dd ? Number(dd) : 1));
      // A day that does not exist (2024-02-30) is shown as written, never rolled into another date.
      if (dd && date.getUTCDate() !== Number(dd)) return value;
      if (locale === 'kk') return dd ? kazakhDay(date) : kazakhMonth(date);
      return dd ? day.format(date) : month.format(date);
    },
    dateTime(value) {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return value;
      return locale === 'kk' ? kazakhDateTime(date) : stamp.format(date);
    },
    date(value) {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return value;
      return locale === 'kk' ? kazakhDay(date, false) : localDay.format(date);
    },
    number: (value) => integer.format(value),
    bytes(value) {
      let index = 0;
      let scaled = value;
      while (scaled >= 1024 && index < units.length - 1) {
        scaled /= 1024;
        index += 1;
      }
      return `${fraction.format(scaled)}\u00a0${t.units[units[index]!]}`;
    },
    // Rounded down, so 100 % means complete (Syncthing's 99.99 is not "100 %").
    percent: (value) => percent.format(Math.floor(value) / 100),
    ago(value, now = Date.now()) {
      const seconds = (now - new Date(value).getTime()) / 1000;
      if (Number.isNaN(seconds)) return value;
      if (seconds < 60) return t.replica.justNow;
      const [amount, unit] =
        seconds < 3600 ? [seconds / 60, 'minute'] : seconds < 86_400 ? [seconds / 3600, 'hour'] : [seconds / 86_400, 'day'];
      return relative.format(-Math.floor(amount), unit as Intl.RelativeTimeFormatUnit);
    },
  };
}

interface I18n {
  locale: Locale;
  t: Messages;
  f: Formatters;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    current = initialLocale();
    return current;
  });
  const setLocale = useCallback((next: Locale) => {
    current = next;
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Storage can be unavailable (private windows); the choice then lasts for this session.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({ locale, t: catalogues[locale], f: makeFormatters(locale, catalogues[locale]), setLocale }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
