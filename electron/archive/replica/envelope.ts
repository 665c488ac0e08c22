import type { Primitives } from '../crypto/index.ts';
import { SIGNATURE_BYTES, TAG_BYTES, XNONCE_BYTES } from '../crypto/index.ts';

/**
 * A replica state or custody-log segment on disk:
 *   "CSTDREP1" | u32le n | preamble (n bytes of JSON, clear) | nonce (24) | XChaCha20-Poly1305(body) | Ed25519 signature (64)
 * The AEAD's associated data is everything before the nonce, so the clear preamble (kind, vault id,
 * numbers) cannot be edited; the signature covers everything before it, so anyone holding the
 * vault's public key can tell a genuine file from a forged one without the passphrase.
 */
const MAGIC = Buffer.from('CSTDREP1', 'latin1');
const MAX_PREAMBLE = 1024;

export interface Preamble {
  kind: 'state' | 'segment';
  vaultId: string;
  /** A state's generation, or a segment's last event. */
  number: number;
}

export interface EnvelopeKeys {
  crypto: Primitives;
  key: Buffer;
  sign(message: Buffer): Buffer;
  publicKey: Buffer;
}

export function sealEnvelope(keys: EnvelopeKeys, preamble: Preamble, body: unknown): Buffer {
  const clear = Buffer.from(JSON.stringify(preamble), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(clear.length);
  const ad = Buffer.concat([MAGIC, length, clear]);
  const plaintext = Buffer.from(JSON.stringify(body), 'utf8');
  const nonce = keys.crypto.randomBytes(XNONCE_BYTES);
  const sealed = Buffer.alloc(plaintext.length + TAG_BYTES);
  keys.crypto.sealInto(sealed, plaintext, ad, nonce, keys.key);
  plaintext.fill(0);
  const signed = Buffer.concat([ad, nonce, sealed]);
  return Buffer.concat([signed, keys.sign(signed)]);
}

/** The clear preamble, or null when the bytes are not an envelope at all. Says nothing about authenticity. */
export function readPreamble(file: Buffer): Preamble | null {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const length = file.readUInt32LE(MAGIC.length);
  if (length > MAX_PREAMBLE || file.length < MAGIC.length + 4 + length + XNONCE_BYTES + TAG_BYTES + SIGNATURE_BYTES) return null;
  try {
    const value = JSON.parse(file.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString('utf8')) as Preamble;
    const sound =
      (value.kind === 'state' || value.kind === 'segment') &&
      typeof value.vaultId === 'string' &&
      Number.isSafeInteger(value.number) &&
      Object.keys(value).length === 3;
    return sound ? value : null;
  } catch {
    return null;
  }
}

/** Checks the signature, then decrypts; returns the reason when the file is not genuine. */
export function openEnvelope<T>(keys: EnvelopeKeys, file: Buffer): { preamble: Preamble; body: T } | { problem: string } {
  const preamble = readPreamble(file);
  if (!preamble) return { problem: 'is not a replica file (bad header)' };
  const signed = file.subarray(0, file.length - SIGNATURE_BYTES);
  if (!keys.crypto.verifyDetached(file.subarray(file.length - SIGNATURE_BYTES), signed, keys.publicKey)) {
    return { problem: "is not signed by this vault's key (altered or forged)" };
  }
  const adLength = MAGIC.length + 4 + file.readUInt32LE(MAGIC.length);
  const nonce = signed.subarray(adLength, adLength + XNONCE_BYTES);
  const sealed = signed.subarray(adLength + XNONCE_BYTES);
  const plaintext = Buffer.alloc(sealed.length - TAG_BYTES);
  if (!keys.crypto.openInto(plaintext, sealed, signed.subarray(0, adLength), nonce, keys.key)) {
    return { problem: 'cannot be decrypted with this vault key' };
  }
  try {
    return { preamble, body: JSON.parse(plaintext.toString('utf8')) as T };
  } catch {
    return { problem: 'holds malformed content' };
  } finally {
    plaintext.fill(0);
  }
}
