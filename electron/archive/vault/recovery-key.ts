import { ArchiveError } from '../errors.ts';

/** Crockford base32: no I, L, O, U, so a printed key survives being typed back. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 32;
const GROUP = 4;

export function formatRecoveryKey(key: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of key) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

export function parseRecoveryKey(text: string): Buffer {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of cleaned) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new ArchiveError('validation', `recovery key contains an invalid character "${char}"`);
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (out.length !== KEY_BYTES || cleaned.length !== 52) {
    throw new ArchiveError('validation', 'recovery key has the wrong length (expected 52 characters)');
  }
  // 52 characters carry 260 bits; the last 4 are padding and must be zero, so every key has one spelling.
  if ((value & ((1 << bits) - 1)) !== 0)
    throw new ArchiveError('validation', 'recovery key is mistyped (its last character is not possible)');
  return Buffer.from(out);
}
