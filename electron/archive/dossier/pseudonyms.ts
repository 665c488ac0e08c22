/**
 * Pseudonyms for confidential persons, shared across one export ("Person A" keeps its letter in
 * every case of a submission), and the redaction of their names in every text the dossier prints.
 *
 * Names are matched word by word on the search fold (electron/archive/search/fold.ts), so Kazakh,
 * Russian and Latin spellings of a name meet (Сәрсенбаев, Сарсенбаев, Sarsenbayev). Every stored
 * name and alias is split into parts; each part is also known in the common case forms of Russian
 * (Сәрсенбаева, Сәрсенбаеву, Ержаном…) and Kazakh (Нұрболаттың, Нұрболатқа…). A run of adjacent
 * parts in any order, with initials ("Е. Сәрсенбаев", "Сәрсенбаев Е.Н."), becomes one pseudonym.
 *
 * A part that a person who is NOT confidential shares (a family name) is replaced only inside a run
 * with a part of the confidential person's own, so "Ержан Сәрсенбаев" (public) stays readable while
 * "Мария Сәрсенбаева" (confidential) does not. Such a bare surname is the one thing left to judgement.
 */
import { foldText } from '../search/fold.ts';

/**
 * Russian case endings by how the nominative ends: they replace the final letter (а, я, й, ь) or
 * follow a consonant. -ов/-ев/-ин surnames take the adjectival -ым/-ых too.
 */
const RUSSIAN_BY_FINAL: Array<[RegExp, number, string[]]> = [
  [/(ский|цкий)$/, 2, ['ий', 'ого', 'ому', 'им', 'ом', 'ие', 'их', 'ими']],
  [/(ская|цкая)$/, 2, ['ая', 'ой', 'ую', 'ою']],
  [/ий$/, 2, ['ий', 'ия', 'ию', 'ием', 'ии']],
  [/а$/, 1, ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою', 'ей']],
  [/я$/, 1, ['я', 'и', 'е', 'ю', 'ей', 'ею']],
  [/й$/, 1, ['й', 'я', 'ю', 'ем', 'е']],
  [/ь$/, 1, ['ь', 'я', 'ю', 'ем', 'е', 'и', 'ью']],
  [/(ов|ев|ёв|ин|ын)$/, 0, ['', 'а', 'у', 'ым', 'е', 'ы', 'ых', 'ыми']],
  [/[бвгджзклмнпрстфхцчшщәғқңөұүһі]$/, 0, ['', 'а', 'у', 'ом', 'е', 'ы', 'ем']],
];
/** Feminine forms of a masculine -ов/-ев/-ин surname (Сәтбаев → Сәтбаева, Сәтбаевой): a wife or a sister. */
const FEMININE_OF_MASCULINE = ['а', 'ой', 'у', 'ою'];
/** Kazakh case suffixes (genitive, dative, accusative, locative, ablative, instrumental) in both vowel harmonies. */
const KAZAKH_SUFFIXES = [
  ...['ның', 'нің', 'дың', 'дің', 'тың', 'тің'],
  ...['ға', 'ге', 'қа', 'ке', 'на', 'не', 'а', 'е'],
  ...['ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'н'],
  ...['да', 'де', 'та', 'те', 'нда', 'нде'],
  ...['дан', 'ден', 'тан', 'тен', 'нан', 'нен'],
  ...['мен', 'бен', 'пен'],
];
/** The same Kazakh suffixes as written in Latin letters (2021 alphabet and common transliterations). */
const KAZAKH_LATIN_SUFFIXES = [
  ...['nyń', 'niń', 'dyń', 'diń', 'tyń', 'tiń', 'nyng', 'ning', 'dyng', 'ding', 'tyng', 'ting'],
  ...['ǵa', 'ga', 'ge', 'qa', 'ka', 'ke', 'na', 'ne'],
  ...['ny', 'ni', 'dy', 'di', 'ty', 'ti'],
  ...['da', 'de', 'ta', 'te', 'nda', 'nde'],
  ...['dan', 'den', 'tan', 'ten', 'nan', 'nen'],
  ...['men', 'ben', 'pen'],
];
/** Words inside names that are ordinary words on their own ("son of", "daughter of", particles). */
const NOT_A_NAME = new Set(['ulı', 'uli', 'kizi', 'ogli', 'bin', 'ibn', 'van', 'von', 'de', 'la', 'le', 'di', 'da', 'el', 'al'].map(fold));

function fold(word: string): string {
  return foldText(word).replace(/ /g, '');
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * The folded forms a name part takes in running text. `kin` adds the feminine forms of a masculine
 * surname: for a protected person's name (a relative of theirs would identify them), not for a public one.
 */
function partForms(part: string, kin: boolean): Set<string> {
  const forms = new Set<string>([fold(part)]);
  if (CYRILLIC.test(part)) {
    const lower = part.toLowerCase();
    const rule = RUSSIAN_BY_FINAL.find(([pattern]) => pattern.test(lower));
    if (rule) {
      const stem = lower.slice(0, lower.length - rule[1]);
      for (const ending of rule[2]) forms.add(fold(stem + ending));
    }
    if (kin && /(ов|ев|ёв|ин|ын)$/.test(lower)) for (const ending of FEMININE_OF_MASCULINE) forms.add(fold(lower + ending));
    for (const suffix of KAZAKH_SUFFIXES) forms.add(fold(lower + suffix));
  } else {
    for (const suffix of KAZAKH_LATIN_SUFFIXES) forms.add(fold(part + suffix));
  }
  forms.delete('');
  return forms;
}

const WORD = /[\p{L}\p{M}]+/gu;

interface Known {
  label: string;
  /** Folded first letters of the person's name parts, for initials. */
  initials: Set<string>;
}

export class Pseudonyms {
  private readonly byPerson = new Map<string, Known>();
  /** Folded word form → the confidential persons it names, and whether that part is theirs alone. */
  private readonly forms = new Map<string, { persons: Set<Known>; shared: boolean }>();
  private readonly publicParts = new Set<string>();
  private readonly makeLabel: (index: number) => string;

  constructor(makeLabel: (index: number) => string) {
    this.makeLabel = makeLabel;
  }

  get count(): number {
    return this.byPerson.size;
  }

  /** Names of persons who are not protected: their parts never redact on their own. */
  addPublicNames(names: string[]): void {
    for (const name of names)
      for (const part of name.match(WORD) ?? []) for (const form of partForms(part, false)) this.publicParts.add(form);
    for (const [form, entry] of this.forms) if (this.publicParts.has(form)) entry.shared = true;
  }

  /** The person's pseudonym (assigned on first call); all their names and aliases are redacted from then on. */
  assign(personId: string, names: string[]): string {
    const known = this.byPerson.get(personId);
    if (known) return known.label;
    const entry: Known = { label: this.makeLabel(this.byPerson.size), initials: new Set() };
    this.byPerson.set(personId, entry);
    for (const name of names) {
      for (const part of name.match(WORD) ?? []) {
        const folded = fold(part);
        if (folded.length < 2 || NOT_A_NAME.has(folded)) continue;
        entry.initials.add(folded[0]!);
        for (const form of partForms(part, true)) {
          const existing = this.forms.get(form) ?? { persons: new Set<Known>(), shared: this.publicParts.has(form) };
          existing.persons.add(entry);
          this.forms.set(form, existing);
        }
      }
    }
    return entry.label;
  }

  /** Whether the text names a protected person (for withholding an exhibit that does). */
  names(text: string): boolean {
    return this.redact(text) !== text;
  }

  /** The text with every protected person's name, in any spelling or case form, replaced by their pseudonym. */
  redact(text: string): string {
    if (this.forms.size === 0 || !text) return text;
    const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
    let out = '';
    let copied = 0;
    for (let i = 0; i < words.length; i++) {
      const run = this.runAt(text, words, i);
      if (!run) continue;
      out += text.slice(copied, run.start) + run.person.label;
      copied = run.end;
      i = run.last;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** The longest run of one person's name parts and initials starting at word i, if it holds a part of theirs alone. */
  private runAt(
    text: string,
    words: Array<{ start: number; end: number; folded: string }>,
    i: number,
  ): { person: Known; start: number; end: number; last: number } | null {
    const candidates = this.forms.get(words[i]!.folded)?.persons ?? new Set<Known>();
    const initialOf = (j: number) => {
      const w = words[j]!;
      return w.end - w.start === 1 && text[w.end] === '.' ? w.folded : null;
    };
    const starters = candidates.size > 0 ? candidates : this.initialCandidates(initialOf(i));
    for (const person of starters) {
      let last = i;
      let strong = false;
      let end = words[i]!.end;
      for (let j = i; j < words.length; j++) {
        // Parts of one name are separated by spaces or a hyphen only (an initial's dot is part of it).
        if (j > i && !/^[\s\-‐]*$/.test(text.slice(end, words[j]!.start))) break;
        const entry = this.forms.get(words[j]!.folded);
        const initial = initialOf(j);
        if (entry?.persons.has(person)) {
          strong ||= !entry.shared;
        } else if (!(initial && person.initials.has(initial))) break;
        last = j;
        end = words[j]!.end + (initial ? 1 : 0);
      }
      if (strong) return { person, start: words[i]!.start, end, last };
    }
    return null;
  }

  private initialCandidates(initial: string | null): Set<Known> {
    if (!initial) return new Set();
    return new Set([...this.byPerson.values()].filter((p) => p.initials.has(initial)));
  }
}

/** A, B, … Z, AA, AB, … in the given alphabet. */
export function letters(index: number, alphabet: string): string {
  const chars = [...alphabet];
  let n = index;
  let out = '';
  do {
    out = chars[n % chars.length]! + out;
    n = Math.floor(n / chars.length) - 1;
  } while (n >= 0);
  return out;
}
