import type { Locale } from '../../i18n/index.tsx';

/**
 * Dates as people type them: 08.01.2022 (day first, as in Russian and Kazakh), 01.2022, 2022, or
 * 2022-01-08. Returns the stored form (YYYY, YYYY-MM or YYYY-MM-DD), '' for an empty field, or
 * null when the text is not a date (the shared schema then also checks the day exists).
 */
export function parseUserDate(text: string): string | null {
  const value = text.trim();
  if (value === '') return '';
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return value;
  const pad = (n: string) => n.padStart(2, '0');
  let match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  if (match) return `${match[3]}-${pad(match[2]!)}-${pad(match[1]!)}`;
  match = /^(\d{1,2})[./](\d{4})$/.exec(value);
  if (match) return `${match[2]}-${pad(match[1]!)}`;
  return null;
}

/** A stored date as the user would type it back: day first with dots in Russian and Kazakh. */
export function dateForInput(stored: string | null | undefined, locale: Locale): string {
  if (!stored) return '';
  if (locale === 'en') return stored;
  const [year, month, day] = stored.split('-');
  return [day, month, year].filter(Boolean).join('.');
}

/** Today as the stored form, and a day `days` from it (for defaults and expiry arithmetic). */
export function isoDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export function daysUntil(stored: string): number {
  return Math.round((Date.parse(`${stored}T00:00:00Z`) - Date.parse(`${isoDay()}T00:00:00Z`)) / 86_400_000);
}
