// A small deterministic PDF mutator for robustness tests: the same seed always gives the same
// bytes, so a failure names a case that can be rebuilt exactly (seed + index).

/** mulberry32: a tiny seeded PRNG, good enough to pick mutations (not for cryptography). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MutationKind =
  | 'bit-flips'
  | 'insert-bytes'
  | 'delete-bytes'
  | 'truncate'
  | 'duplicate-object'
  | 'delete-object'
  | 'corrupt-xref'
  | 'huge-number'
  | 'deep-nesting';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'bit-flips',
  'insert-bytes',
  'delete-bytes',
  'truncate',
  'duplicate-object',
  'delete-object',
  'corrupt-xref',
  'huge-number',
  'deep-nesting',
];

/** Numbers that break naive parsers: past 32 and 53 bits, negative, exponent-like, NaN-ish. */
const HUGE_NUMBERS = [
  '99999999999999999999999999',
  '4294967296',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '1e308',
  '-0',
  '340282366920938463463374607431768211456',
  '0.000000000000000000000001',
  '-99999999999',
];

export interface Mutation {
  kinds: MutationKind[];
  bytes: Uint8Array;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** Byte ranges of `N G obj ... endobj`, found textually (compressed object streams are opaque to this). */
function objectRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const pattern = /\d+\s+\d+\s+obj\b[\s\S]*?endobj/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text))
    ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

function applyOne(kind: MutationKind, input: Uint8Array, random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  const bytes = Uint8Array.from(input);
  switch (kind) {
    case 'bit-flips': {
      const flips = 1 + pick(16);
      for (let i = 0; i < flips && bytes.length > 0; i++) bytes[pick(bytes.length)]! ^= 1 << pick(8);
      return bytes;
    }
    case 'insert-bytes': {
      const at = pick(bytes.length + 1);
      const inserted = Uint8Array.from({ length: 1 + pick(64) }, () => pick(256));
      return Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
    }
    case 'delete-bytes': {
      const at = pick(bytes.length);
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + pick(128)))]);
    }
    case 'truncate':
      return bytes.subarray(0, pick(bytes.length));
    case 'duplicate-object':
    case 'delete-object': {
      const text = latin1(bytes);
      const ranges = objectRanges(text);
      if (ranges.length === 0) return applyOne('bit-flips', bytes, random);
      const [start, end] = ranges[pick(ranges.length)]!;
      if (kind === 'delete-object') return fromLatin1(text.slice(0, start) + text.slice(end));
      const at = ranges[pick(ranges.length)]![0];
      return fromLatin1(text.slice(0, at) + text.slice(start, end) + '\n' + text.slice(at));
    }
    case 'corrupt-xref': {
      const text = latin1(bytes);
      const xref = text.lastIndexOf('xref');
      const startxref = text.lastIndexOf('startxref');
      const choice = pick(4);
      if (choice === 0 && startxref >= 0) {
        // Point startxref somewhere else (or nowhere).
        return fromLatin1(text.slice(0, startxref) + `startxref\n${pick(bytes.length * 2)}\n%%EOF\n`);
      }
      if (choice === 1 && xref >= 0 && xref !== startxref + 5) {
        // Scramble offsets in the table.
        const table = text.slice(xref).replace(/\d{10}/g, (digits) => (random() < 0.5 ? String(pick(1e10)).padStart(10, '0') : digits));
        return fromLatin1(text.slice(0, xref) + table);
      }
      if (choice === 2 && xref >= 0) {
        // Claim a huge number of entries.
        return fromLatin1(text.slice(0, xref) + text.slice(xref).replace(/xref\s+0\s+\d+/, `xref\n0 ${HUGE_NUMBERS[pick(4)]}`));
      }
      // Break the word itself.
      return fromLatin1(text.replace(/startxref/, 'startxraf'));
    }
    case 'huge-number': {
      const text = latin1(bytes);
      const numbers = [...text.matchAll(/(?<![\w.])\d+(?![\w.])/g)];
      if (numbers.length === 0) return applyOne('bit-flips', bytes, random);
      const target = numbers[pick(numbers.length)]!;
      const index = target.index;
      return fromLatin1(text.slice(0, index) + HUGE_NUMBERS[pick(HUGE_NUMBERS.length)]! + text.slice(index + target[0].length));
    }
    case 'deep-nesting': {
      const text = latin1(bytes);
      const at = text.indexOf('<<');
      const depth = 500 + pick(20_000);
      const open = random() < 0.5 ? '['.repeat(depth) : '<< /A '.repeat(depth);
      return fromLatin1(at < 0 ? open + text : text.slice(0, at) + open + text.slice(at));
    }
  }
}

/**
 * One to three mutations chosen by `random` applied to `base`. Every mutation kind is picked
 * with the same probability; the result is never identical to the input.
 */
export function mutatePdf(base: Uint8Array, random: () => number): Mutation {
  const count = 1 + Math.floor(random() * 3);
  const kinds: MutationKind[] = [];
  let bytes = base;
  for (let i = 0; i < count; i++) {
    const kind = MUTATION_KINDS[Math.floor(random() * MUTATION_KINDS.length)]!;
    kinds.push(kind);
    bytes = applyOne(kind, bytes, random);
  }
  if (Buffer.compare(Buffer.from(bytes), Buffer.from(base)) === 0) {
    bytes = applyOne('insert-bytes', bytes, random);
    kinds.push('insert-bytes');
  }
  return { kinds, bytes };
}
