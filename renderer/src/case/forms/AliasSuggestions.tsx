import { suggestSpellings } from '../../../../shared/transliterate.ts';
import { useI18n } from '../../i18n/index.tsx';
import { lines } from './TextBox.tsx';

/** Buttons adding the Latin spelling of a Cyrillic name (and the Cyrillic of a Latin one) to the aliases. */
export function AliasSuggestions({ name, aliases, onAliases }: { name: string; aliases: string; onAliases: (text: string) => void }) {
  const { t, locale } = useI18n();
  const suggestions = suggestSpellings(name).filter((s) => !lines(aliases).includes(s));
  return (
    <>
      {suggestions.map((spelling) => (
        <button
          key={spelling}
          type="button"
          className="button button-quiet button-small"
          lang={locale}
          onClick={() => onAliases([...lines(aliases), spelling].join('\n'))}
        >
          {t.record.suggest(spelling)}
        </button>
      ))}
    </>
  );
}
