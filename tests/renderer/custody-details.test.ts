import { describe, expect, test } from 'vitest';
import { describeDetails } from '../../renderer/src/case/custody-details.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { makeFormatters } from '../../renderer/src/i18n/index.tsx';
import { kk } from '../../renderer/src/i18n/kk.ts';
import { ru } from '../../renderer/src/i18n/ru.ts';

/** The `via` of a 'viewed' event reads in the UI's language, label and value; unknown values stay as written. */
describe('custody details: via', () => {
  const via = (t: typeof en, locale: 'en' | 'ru' | 'kk', value: string) =>
    describeDetails({ via: value }, t, makeFormatters(locale, t), new Map()).find((d) => d.key === 'via');

  test('ru shows Russian words for the viewer and the thumbnail', () => {
    expect(via(ru, 'ru', 'viewer')).toMatchObject({ label: 'через', value: 'просмотрщик' });
    expect(via(ru, 'ru', 'thumbnail')).toMatchObject({ label: 'через', value: 'миниатюра' });
  });

  test('kk and en translate every value the engine writes', () => {
    for (const value of ['viewer', 'thumbnail', 'package', 'bag']) {
      for (const [t, locale] of [
        [en, 'en'],
        [ru, 'ru'],
        [kk, 'kk'],
      ] as const) {
        const shown = via(t, locale, value);
        expect(shown?.value, `${locale} ${value}`).not.toBe(value);
        expect(shown?.value).toBe(t.caseView.via[value]);
      }
    }
    expect(via(kk, 'kk', 'custodia item cat')?.value).toBe('custodia item cat');
  });
});

/** The vault's own events (the vault log on Integrity): their detail keys and codes read in each language. */
describe('custody details: the vault’s own events', () => {
  const audit = { ok: true, problems: 0, kinds: [], events: 123, blobs: 2, bytes: 10, mode: 'full', durationMs: 29 };
  const catalogues = [
    [en, 'en'],
    [ru, 'ru'],
    [kk, 'kk'],
  ] as const;

  test('an audit and an export of the log have no untranslated key or code in any language', () => {
    for (const [t, locale] of catalogues) {
      const shown = [
        ...describeDetails(audit, t, makeFormatters(locale, t), new Map()),
        ...describeDetails({ what: 'custody log', to: 'custody-log.jsonl' }, t, makeFormatters(locale, t), new Map()),
      ];
      // English labels may be the keys themselves ('events'); in Russian and Kazakh a key shown as is was not translated.
      if (locale !== 'en') for (const detail of shown) expect(detail.label, `${locale} ${detail.key}`).not.toBe(detail.key);
      expect(shown.find((d) => d.key === 'mode')?.value).toBe(t.app.vaultLog.mode.full);
      expect(shown.find((d) => d.key === 'what')?.value).toBe(t.app.vaultLog.what['custody log']);
    }
    const ruAudit = describeDetails(audit, ru, makeFormatters('ru', ru), new Map());
    expect(ruAudit.find((d) => d.key === 'mode')).toMatchObject({ label: 'проверка', value: 'все файлы' });
  });
});
