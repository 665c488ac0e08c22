// Cross-script folding for search. The same fold is applied to indexed text (stored in FTS5 shadow columns) and to
// the user's query, so Kazakh Cyrillic, Russian Cyrillic and the usual Latin spellings of the same word meet:
// `Әділбекұлы`, `Адилбекулы`, `ADILBEKULY` and `Adilbekuly` all fold to `adilbekuli`.
//
// Everything is reduced to a Latin "skeleton" alphabet in which each sound has one letter:
//   a b d e f g h i k l m n o p r s t u v z  as usual, plus
//   j = ж (zh, j, ž, dzh, dj)    c = ч (ch, ç, č)    w = ш (sh, ş, š)    щ = wc (shch)    ц = ts
// Cyrillic letters map straight to the skeleton (so `сх` stays `sh`, it does not become ш):
//   Kazakh letters fold to their Russian neighbours: ә→a ғ→g қ→k ң→n ө→o ұ→u ү→u һ→h і→i;
//   ё→e, э→e, й→i, ы→i, ю→iu, я→ia, х→h, ъ and ь are dropped (they join, they do not split a word).
// Latin letters go through the romanisation rules:
//   sh→w, zh→j, ch→c, kh→h, gh→g, ph→f; q→k, c→k, w→v, x→ks, y→i;
//   Qazaq Latin 2021: ä→a, ğ→g, ñ→n, ö→o, ū→u, ü→u, ı→i, ş→w, ç→c; other diacritics are removed (NFKD).
//   Kazakh Latin 2018 (acute accents): á ǵ í ń ó ú lose the accent, but ý is у (u), not y;
//   Kazakh Latin 2017 (apostrophes): s' is ш, c' is ч, y' after a vowel is у (Bay'yrjan); other letters just lose the
//     apostrophe (a' g' n' o' u' i'). Elsewhere y' is GOST 7.79's ы (Kry'lov);
//   GOST 7.79 System B: x at the start of a word or before a consonant is х (Xasenov, Axmetov, Xrushhyov), else ks
//     (Maxim, Alexander; so GOST's х between vowels, Grexov, is not matched); j after a vowel and not before one is й (Sergej); cz is ц; shh is щ; ` and ʹ are ь;
//   BGN/PCGN: ” and ʺ (ъ) and · join.
// Then, within a word, on the skeleton (the same for both scripts):
//   - i before e is dropped (Tokayev/Tokaev/Тоқаев, Yerlan/Ерлан, Vasilyev/Vasiliev/Васильев all agree);
//   - d before j is dropped (Dzhambul/Jambul/Джамбул), t before c is dropped (Ivanovitch/Ivanovich);
//   - io after a consonant is ё written yo/io (Fyodor/Fiodor/Фёдор, Pyotr/Пётр), so it becomes e;
//   - i between u and a consonant is dropped: Russian documents drop the ы/і of Kazakh names after у
//     (Бауыржан/Бауржан/Bauyrzhan/Baurzhan), and so is the і of Әбді- (Әбдірахман/Абдрахман);
//   - a doubled letter is written once (Kassymov/Kasymov, Mariya/Мария/Maria); digits are never collapsed.
// Anything else (punctuation, other scripts, symbols) separates words. The output holds only [a-z0-9 ], words
// separated by single spaces, so the default unicode61 tokenizer splits it exactly at those spaces.
//
// Collisions accepted for the sake of recall: ы/и/й/і are one letter (был~бил, тыс~тіс), ie~e (знание~знане),
// doubled letters (класс~клас), ц~тс, j also means ж in Latin (Jusup ~ Жусуп, not Юсуп), ио~ё (радио~радё), уы~у
// before a consonant (тауыс~таус), an English plural possessive ends in ш (lawyers' ~ lawyerш). Voicing is kept:
// суд≠сад, Ахмет≠Ахмед. Not matched: German ch for х (Achmetov≠Ахметов), Xenia (x before a vowel at the start
// is х; write Kseniya), Kazakh 2017 y' for у after a consonant (Suly' reads as Сулы), and letters of scripts other
// than Latin and Cyrillic (they are dropped).

// Pass 1 turns the input into intermediate codes:
//   'a'..'z' a raw Latin letter, still subject to the romanisation rules above;
//   'A'..'Z' a skeleton letter already decided (Cyrillic, special Latin letters), subject only to the word rules;
//   '0'..'9' a digit; ' ' a word break. Joiners produce nothing.
const SEP = ' ';

const EXPLICIT: Record<string, string> = {
  // Russian
  а: 'A',
  б: 'B',
  в: 'V',
  г: 'G',
  д: 'D',
  е: 'E',
  ё: 'E',
  ж: 'J',
  з: 'Z',
  и: 'I',
  й: 'I',
  к: 'K',
  л: 'L',
  м: 'M',
  н: 'N',
  о: 'O',
  п: 'P',
  р: 'R',
  с: 'S',
  т: 'T',
  у: 'U',
  ф: 'F',
  х: 'H',
  ц: 'TS',
  ч: 'C',
  ш: 'W',
  щ: 'WC',
  ъ: '',
  ы: 'I',
  ь: '',
  э: 'E',
  ю: 'IU',
  я: 'IA',
  // Kazakh
  ә: 'A',
  ғ: 'G',
  қ: 'K',
  ң: 'N',
  ө: 'O',
  ұ: 'U',
  ү: 'U',
  һ: 'H',
  і: 'I',
  // Ukrainian, Belarusian, Serbian, Macedonian
  є: 'IE',
  ї: 'I',
  ґ: 'G',
  ў: 'U',
  ђ: 'J',
  ј: 'I',
  љ: 'L',
  њ: 'N',
  ћ: 'C',
  џ: 'J',
  ѕ: 'DZ',
  // Latin letters that carry a sound of their own rather than a removable accent
  ş: 'W',
  ș: 'W',
  š: 'W',
  ç: 'C',
  č: 'C',
  ć: 'C',
  ž: 'J',
  ț: 'TS',
  ğ: 'G',
  ı: 'I',
  ñ: 'N',
  ß: 'S',
  æ: 'AE',
  œ: 'OE',
  ø: 'O',
  đ: 'D',
  ð: 'D',
  ł: 'L',
  þ: 'TH',
  ŋ: 'N',
  // Kazakh Latin 2018: ý is у (the other accented letters lose their accent through NFKD)
  ý: 'U',
  // Joiners: apostrophes (o'z, ob'ekt), soft hyphen, zero-width joiners, word joiner, BOM
  '\u2019': '',
  '\u02bc': '',
  '\u02bb': '',
  '\u00b4': '',
  '\u201d': '', // BGN/PCGN ъ
  '\u02b9': '', // ʹ: ь in ISO 9 and GOST 7.79
  '\u02ba': '', // ʺ: ъ
  '\u00b7': '', // BGN/PCGN's separating dot (t·s)
  '\u00ad': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
};

// ASCII fast path: letters raw, digits kept, ' and ` join, everything else separates.
const ASCII = new Uint8Array(128).fill(32);
for (let c = 48; c <= 57; c++) ASCII[c] = c;
for (let c = 97; c <= 122; c++) ASCII[c] = c;
for (let c = 65; c <= 90; c++) ASCII[c] = c + 32;
ASCII[39] = 0; // '
ASCII[96] = 0; // `

function asciiCode(ch: string): string {
  const code = ASCII[ch.charCodeAt(0)] ?? 32;
  return code === 0 ? '' : String.fromCharCode(code);
}

// The intermediate codes of one non-ASCII UTF-16 unit, computed once and cached.
const CACHE: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(undefined);
const MARK = /^[\p{M}\p{Cf}]$/u;

function resolve(ch: string): string {
  const explicit = EXPLICIT[ch];
  if (explicit !== undefined) return explicit;
  const lower = ch.toLowerCase();
  if (lower !== ch) return translate(lower);
  const decomposed = ch.normalize('NFKD');
  if (decomposed !== ch) return translate(decomposed);
  return MARK.test(ch) ? '' : SEP;
}

function translate(s: string): string {
  let result = '';
  for (const ch of s) result += ch.charCodeAt(0) < 128 ? asciiCode(ch) : ch.length === 1 ? lookup(ch.charCodeAt(0)) : SEP;
  return result;
}

function lookup(code: number): string {
  let s = CACHE[code];
  if (s === undefined) {
    s = resolve(String.fromCharCode(code));
    CACHE[code] = s;
  }
  return s;
}

const c_ = 99;
const d = 100;
const e = 101;
const f = 102;
const g = 103;
const h = 104;
const i_ = 105;
const j = 106;
const k = 107;
const p = 112;
const q = 113;
const s_ = 115;
const t = 116;
const v = 118;
const w = 119;
const x = 120;
const y = 121;
const z = 122;
const SPACE = 32;
const a_ = 97;
const b = 98;
const o = 111;
const u = 117;

/** Apostrophes that mark a Kazakh 2017 letter (s' c' y'); the backtick and ʹ are GOST's ь and only join. */
const APOSTROPHES = new Set([39, 0x2019, 0x02bc, 0x02bb, 0x00b4]);

/** A vowel among the intermediate codes: raw Latin a e i o u y or a decided skeleton A E I O U. */
function isVowelCode(code: number | undefined): boolean {
  return (
    code === a_ ||
    code === e ||
    code === i_ ||
    code === o ||
    code === u ||
    code === y ||
    code === 65 ||
    code === 69 ||
    code === 73 ||
    code === 79 ||
    code === 85
  );
}

/** A skeleton consonant (anything that is a letter and not a vowel). */
function isConsonant(code: number | undefined): boolean {
  return code !== undefined && code >= a_ && code <= z && !isVowelCode(code);
}

export function foldText(text: string): string {
  const length = text.length;
  // Pass 1: to intermediate codes.
  let mid = new Uint8Array(length * 2 + 16);
  let m = 0;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (APOSTROPHES.has(code)) {
      // Kazakh 2017: s' is ш, c' is ч, y' after a vowel is у; any other apostrophe only joins.
      const previous = m > 0 ? mid[m - 1] : undefined;
      if (previous === s_) mid[m - 1] = 87;
      else if (previous === c_) mid[m - 1] = 67;
      else if (previous === y && isVowelCode(mid[m - 2])) mid[m - 1] = 85;
      continue;
    }
    if (code < 128) {
      const ascii = ASCII[code] as number;
      if (ascii !== 0) mid[m++] = ascii;
      continue;
    }
    if ((code === 0x327 || code === 0x30c) && m > 0) {
      // A separate cedilla or caron (decomposed input): ş š → ш, ç č → ч, ž → ж.
      const previous = mid[m - 1];
      if (previous === s_) mid[m - 1] = 87;
      else if (previous === c_) mid[m - 1] = 67;
      else if (previous === z) mid[m - 1] = 74;
      continue;
    }
    const codes = lookup(code);
    // Room for these codes and two for every unit still to come (no unit but a rare NFKD expansion writes more).
    const needed = m + codes.length + 2 * (length - index);
    if (needed > mid.length) {
      const grown = new Uint8Array(needed * 2);
      grown.set(mid);
      mid = grown;
    }
    for (let n = 0; n < codes.length; n++) mid[m++] = codes.charCodeAt(n);
  }

  // Pass 2: romanisation rules for raw Latin letters, then the word rules, into the output.
  const out = new Uint8Array(m * 2 + 1);
  let n = 0;
  const letter = (letterCode: number): void => {
    if (n > 0) {
      let last = out[n - 1] as number;
      if ((letterCode === e && last === i_) || (letterCode === j && last === d) || (letterCode === c_ && last === t)) {
        n--;
        last = n > 0 ? (out[n - 1] as number) : SPACE;
      } else if (letterCode === o && last === i_ && isConsonant(out[n - 2])) {
        out[n - 1] = e; // ё written yo/io
        return;
      } else if (last === i_ && isConsonant(letterCode) && (out[n - 2] === u || (out[n - 2] === d && out[n - 3] === b))) {
        n--; // the ы/і that Russian spellings drop after у and in Әбді-
        last = out[n - 1] as number;
      }
      if (last === letterCode) return;
    }
    out[n++] = letterCode;
  };
  let index = 0;
  while (index < m) {
    const code = mid[index] as number;
    if (code === SPACE) {
      if (n > 0 && out[n - 1] !== SPACE) out[n++] = SPACE;
      index++;
    } else if (code < 65) {
      out[n++] = code; // digit
      index++;
    } else if (code < 97) {
      letter(code + 32); // already a skeleton letter
      index++;
    } else {
      const next = mid[index + 1];
      if (code === s_ && next === h && mid[index + 2] === h) {
        letter(w); // GOST shh: щ
        letter(c_);
        index += 3;
        continue;
      }
      if (code === c_ && next === z) {
        letter(t); // GOST cz: ц
        letter(s_);
        index += 2;
        continue;
      }
      if (next === h) {
        const digraph = code === s_ ? w : code === z ? j : code === c_ ? c_ : code === k ? h : code === g ? g : code === p ? f : 0;
        if (digraph !== 0) {
          letter(digraph);
          index += 2;
          continue;
        }
      }
      if (code === q || code === c_) letter(k);
      else if (code === w) letter(v);
      else if (code === y) letter(i_);
      else if (code === x) {
        const wordStart = n === 0 || out[n - 1] === SPACE;
        const nextIsLetter = next !== undefined && ((next >= 65 && next <= 90) || (next >= a_ && next <= z));
        if (nextIsLetter && (wordStart || !isVowelCode(next)))
          letter(h); // GOST x: х
        else {
          letter(k);
          letter(s_);
        }
      } else if (code === j && n > 0 && isVowelCode(out[n - 1]) && !isVowelCode(next)) {
        letter(i_); // GOST j after a vowel: й
      } else letter(code);
      index++;
    }
  }
  if (n > 0 && out[n - 1] === SPACE) n--;
  return decoder.decode(out.subarray(0, n));
}

const decoder = new TextDecoder();

// Letters a user may still be typing at the end of the query: the last word is also tried with these appended, so
// `решени` already finds решение and `Tokay` finds Tokayev (i before e is dropped), and after a Latin letter
// `Ak` finds Akhmetov (kh→h), `S` finds Shymkent (sh→w), `D` finds Джамбул (dzh→j).
const COMPLETIONS = ['e'];
const LATIN_COMPLETIONS = ['e', 'h', 'zh'];

/**
 * The words of a query as the index holds them: every word but the last is whole, the last is a prefix in
 * one or more readings (what the user may still be typing). Empty when the query has no letters or digits.
 */
export function queryWords(query: string): { whole: string[]; prefixes: string[] } {
  const folded = foldText(query);
  if (folded === '') return { whole: [], prefixes: [] };
  const words = folded.split(' ');
  const head = words.slice(0, -1);
  const last = words[words.length - 1] as string;
  const candidates = [last];
  // A lone x is ks until the next letter says otherwise (x + vowel at a word's start is GOST's х): not guessed ahead.
  const completions = /(^|[^\p{L}])x$/iu.test(query) ? [] : /[a-z]$/i.test(query) ? LATIN_COMPLETIONS : COMPLETIONS;
  for (const completion of completions) {
    const completed = foldText(query + completion).split(' ');
    if (completed.length === words.length && completed.slice(0, -1).join(' ') === head.join(' ')) {
      candidates.push(completed[completed.length - 1] as string);
    }
  }
  // Keep only the candidates not already covered by a shorter prefix.
  candidates.sort((left, right) => left.length - right.length);
  const prefixes: string[] = [];
  for (const candidate of candidates) if (!prefixes.some((prefix) => candidate.startsWith(prefix))) prefixes.push(candidate);
  return { whole: head, prefixes };
}

export function foldQuery(query: string): string {
  const { whole, prefixes } = queryWords(query);
  if (prefixes.length === 0) return '';
  // Every word is [a-z0-9]+, so quoting it as a phrase leaves no FTS5 syntax from the user.
  const tail = prefixes.length === 1 ? `"${prefixes[0]}"*` : `(${prefixes.map((prefix) => `"${prefix}"*`).join(' OR ')})`;
  return [...whole.map((word) => `"${word}"`), tail].join(' AND ');
}
