/**
 * Spelling suggestions for names: the Latin of a Cyrillic name (Russian and Kazakh letters, as
 * Kazakh and Russian passports write them: Әділбекұлы Серік → Adilbekuly Serik) and the Cyrillic
 * of a Latin one (Adilbekuly Serik → Адилбекулы Серик). Suggestions only: the user edits them.
 * Search does not depend on these; it folds every spelling (electron/archive/search/fold.ts).
 */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
}; // prettier-ignore

/** Longest Latin groups first; Qazaq Latin (2021) letters go to the Kazakh letters they stand for. */
const LATIN_TO_CYRILLIC: Array<[string, string]> = [
  ['shch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'], ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'],
  ['ä', 'ә'], ['ğ', 'ғ'], ['q', 'қ'], ['ñ', 'ң'], ['ö', 'ө'], ['ū', 'ұ'], ['ü', 'ү'], ['ı', 'ы'], ['ş', 'ш'], ['ç', 'ч'],
  ['a', 'а'], ['b', 'б'], ['c', 'к'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['h', 'х'], ['i', 'и'], ['j', 'ж'],
  ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'],
  ['v', 'в'], ['w', 'у'], ['x', 'кс'], ['z', 'з'],
]; // prettier-ignore

const VOWELS = /[aeiouyäöüūı]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-zäöüūığñşç]/i;

/** Keeps the case of the source letter: the first letter of a name stays a capital. */
function withCase(source: string, target: string): string {
  if (target === '' || source === source.toLowerCase()) return target;
  return source.length > 1 && source === source.toUpperCase() ? target.toUpperCase() : target[0]!.toUpperCase() + target.slice(1);
}

export function cyrillicToLatin(text: string): string {
  const chars = [...text.normalize('NFC')];
  const isUpper = (char: string | undefined) => !!char && char !== char.toLowerCase();
  return chars
    .map((char, i) => {
      const latin = CYRILLIC_TO_LATIN[char.toLowerCase()];
      if (latin === undefined) return char;
      // A capital inside a word written in capitals (ЖАНАОЗЕН) stays all capitals: ZHANAOZEN, not ZhANAOZEN.
      return isUpper(char) && (isUpper(chars[i + 1]) || isUpper(chars[i - 1])) ? latin.toUpperCase() : withCase(char, latin);
    })
    .join('');
}

export function latinToCyrillic(text: string): string {
  const source = text.normalize('NFC');
  let out = '';
  for (let i = 0; i < source.length;) {
    const rest = source.slice(i).toLowerCase();
    // "y" is ы after a consonant (Adilbekuly), й after a vowel or at a word's start (Aybek), and "ye" opening a word is е (Yerlan).
    if (rest[0] === 'y' && !/^y[uao]/.test(rest)) {
      const previous = source[i - 1]?.toLowerCase() ?? '';
      const startsWord = !LATIN.test(previous);
      if (startsWord && rest[1] === 'e') {
        out += withCase(source[i]!, 'е');
        i += 2;
        continue;
      }
      out += withCase(source[i]!, VOWELS.test(previous) || startsWord ? 'й' : 'ы');
      i += 1;
      continue;
    }
    const match = LATIN_TO_CYRILLIC.find(([latin]) => rest.startsWith(latin));
    if (!match) {
      out += source[i];
      i += 1;
      continue;
    }
    const [latin, cyr] = match;
    out += withCase(source.slice(i, i + latin.length), cyr);
    i += latin.length;
  }
  return out;
}

/** Other spellings worth offering for a name: the other script's, when it differs. */
export function suggestSpellings(name: string): string[] {
  const trimmed = name.trim();
  if (!trimmed) return [];
  const suggestions: string[] = [];
  if (CYRILLIC.test(trimmed)) suggestions.push(cyrillicToLatin(trimmed));
  else if (LATIN.test(trimmed)) suggestions.push(latinToCyrillic(trimmed));
  return suggestions.filter((s) => s !== trimmed && s.trim() !== '');
}
