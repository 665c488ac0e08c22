import { act, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider, initialLocale, LOCALE_STORAGE_KEY, makeFormatters, useI18n } from '../../renderer/src/i18n/index.tsx';
import { kk } from '../../renderer/src/i18n/kk.ts';
import { ru } from '../../renderer/src/i18n/ru.ts';
import {
  DEFAULT_IDLE_LOCK_SECONDS,
  IDLE_LOCK_STORAGE_KEY,
  readIdleLockSeconds,
  writeIdleLockSeconds,
} from '../../renderer/src/settings/idle-lock.ts';
import { revealDirectionControls } from '../../renderer/src/ui/bidi.ts';
import { Highlighted, SafeName } from '../../renderer/src/ui/text.tsx';

/** Pure renderer logic: formatters in both languages, the language a first start picks, stored settings, snippet highlighting. */

const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider>{children}</I18nProvider>;
const NBSP = '\u00a0';

const languages = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator), 'languages')!;
afterEach(() => {
  Object.defineProperty(navigator, 'languages', languages);
  delete (navigator as unknown as Record<string, unknown>).languages;
});

describe('formatters', () => {
  test('sizes, numbers and partial dates read naturally in English', () => {
    const { result } = renderHook(() => useI18n(), { wrapper });
    const { f } = result.current;
    expect([0, 1023, 1536, 5 * 1024 ** 2, 3 * 1024 ** 4, 2 * 1024 ** 5].map(f.bytes)).toEqual([
      `0${NBSP}B`,
      `1,023${NBSP}B`,
      `1.5${NBSP}KB`,
      `5${NBSP}MB`,
      `3${NBSP}TB`,
      `2,048${NBSP}TB`,
    ]);
    expect(f.number(1234567)).toBe('1,234,567');
    // The engine stores a year, a month or a day; each is shown as what it is, in UTC (no day shift).
    expect(['2023', '2024-03', '2024-03-02', '', null, 'about 1990', '2024-02-30'].map(f.partialDate)).toEqual([
      '2023',
      'March 2024',
      'Mar 2, 2024',
      '',
      '',
      'about 1990',
      // A day that does not exist is shown as written, never as "Mar 1, 2024".
      '2024-02-30',
    ]);
    expect(f.dateTime('not a time')).toBe('not a time');
  });

  test('switching to Russian re-formats with Russian units, separators, month names and dd.mm.yyyy dates', () => {
    const { result } = renderHook(() => useI18n(), { wrapper });
    act(() => result.current.setLocale('ru'));
    const { f, t } = result.current;
    expect(t.units.kilobyte).toBe('КБ');
    expect(f.bytes(1536)).toBe(`1,5${NBSP}КБ`);
    expect(f.number(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(f.partialDate('2024-03')).toMatch(/^март 2024/);
    // A full date as Russians write it, whatever the browser's own format.
    expect(f.partialDate('2024-03-02')).toBe('02.03.2024');
    expect(f.dateTime('2024-03-02T08:05:00')).toBe('02.03.2024, 08:05');
    expect(document.documentElement.lang).toBe('ru');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ru');
  });

  test('in Kazakh, dates read as Kazakhs write them, with Kazakh month names, whatever locale data the browser has', () => {
    const { result } = renderHook(() => useI18n(), { wrapper });
    act(() => result.current.setLocale('kk'));
    const { f } = result.current;
    expect(f.partialDate('2022-01-08')).toBe('2022 жылғы 8 қаңтар');
    expect(f.partialDate('2022-01')).toBe('2022 ж. қаңтар');
    expect(f.partialDate('2022')).toBe('2022');
    // December 31 stays December 31 (UTC parts), and every month has its own name.
    expect(f.partialDate('2021-12-31')).toBe('2021 жылғы 31 желтоқсан');
    expect(['04', '08', '09', '10'].map((month) => f.partialDate(`2022-${month}-15`))).toEqual([
      '2022 жылғы 15 сәуір',
      '2022 жылғы 15 тамыз',
      '2022 жылғы 15 қыркүйек',
      '2022 жылғы 15 қазан',
    ]);
    expect(f.dateTime('2022-01-06T08:05:00')).toBe('2022 жылғы 6 қаңтар, 08:05');
    expect(f.partialDate('2024-02-30')).toBe('2024-02-30');
    expect(document.documentElement.lang).toBe('kk');
  });
});

describe('how long ago, and percentages (the replica line)', () => {
  test('"just now" under a minute, then whole minutes, hours and days in each language; 99.9 % is not 100 %', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    const before = (seconds: number) => new Date(now - seconds * 1000).toISOString();
    const read = (locale: 'en' | 'ru' | 'kk') => {
      const t = { en, ru, kk }[locale];
      const f = makeFormatters(locale, t);
      return [f.ago(before(20), now), f.ago(before(150), now), f.ago(before(7300), now), f.ago(before(3 * 86_400), now), f.percent(99.9)];
    };
    expect(read('en')).toEqual(['just now', '2 minutes ago', '2 hours ago', '3 days ago', '99%']);
    expect(read('ru')).toEqual(['только что', '2 минуты назад', '2 часа назад', '3 дня назад', `99${NBSP}%`]);
    expect(read('kk')).toEqual(['жаңа ғана', '2 минут бұрын', '2 сағат бұрын', '3 күн бұрын', '99%']);
  });
});

describe('the first language', () => {
  test('a Russian browser starts in Russian, others in English; a stored choice wins, a junk one is ignored', () => {
    const prefer = (...tags: string[]) => Object.defineProperty(navigator, 'languages', { value: tags, configurable: true });
    prefer('de-DE', 'ru-RU', 'en');
    expect(initialLocale()).toBe('ru');
    prefer('RU');
    expect(initialLocale()).toBe('ru');
    prefer('de-DE', 'en-GB');
    expect(initialLocale()).toBe('en');
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    expect(initialLocale()).toBe('en');
    prefer('ru-RU');
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(initialLocale()).toBe('en');
  });
});

describe('the idle-lock setting', () => {
  test('anything unreadable, zero or negative falls back to 10 minutes; a stored value is capped at a day', () => {
    expect(readIdleLockSeconds()).toBe(DEFAULT_IDLE_LOCK_SECONDS);
    expect(DEFAULT_IDLE_LOCK_SECONDS).toBe(600);
    for (const junk of ['abc', '0', '-30', '0.5', 'Infinity', 'NaN', '']) {
      window.localStorage.setItem(IDLE_LOCK_STORAGE_KEY, junk);
      expect(readIdleLockSeconds()).toBe(600);
    }
    window.localStorage.setItem(IDLE_LOCK_STORAGE_KEY, '1e9');
    expect(readIdleLockSeconds()).toBe(24 * 60 * 60);
    writeIdleLockSeconds(90);
    expect(readIdleLockSeconds()).toBe(90);
  });
});

describe('search snippets', () => {
  test('[[ ]] become <mark> elements and everything else, markup included, stays text', () => {
    const { container } = render(
      <p data-testid="snippet">
        <Highlighted text={'before [[<img src=x onerror=alert(1)>]] mid [[Алматы]] after [[unclosed'} />
      </p>,
    );
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['<img src=x onerror=alert(1)>', 'Алматы']);
    expect(screen.getByTestId('snippet').textContent).toBe('before <img src=x onerror=alert(1)> mid Алматы after [[unclosed');
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('names from evidence', () => {
  test('direction controls are shown as tags, so a name cannot pose as another', () => {
    expect(revealDirectionControls('invoice\u202Efdp.exe')).toBe('invoice[RLO]fdp.exe');
    expect(revealDirectionControls('a\u2066b\u2069c\u200F')).toBe('a[LRI]b[PDI]c[RLM]');
    expect(revealDirectionControls('Әділбекұлы Серік')).toBe('Әділбекұлы Серік');
    const { container } = render(<SafeName text={'invoice\u202Efdp.exe'} />);
    expect(container.querySelector('bdi')?.textContent).toBe('invoice[RLO]fdp.exe');
  });
});
