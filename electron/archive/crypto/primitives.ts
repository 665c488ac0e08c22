/**
 * The small crypto interface the engine is written against. Two implementations exist:
 * sodium-native (fast, native) and libsodium-wrappers-sumo (pure WASM); both pass the same
 * known-answer tests. Every function checks its lengths and fails closed.
 */
export interface Primitives {
  readonly name: string;
  randomBytes(length: number): Buffer;
  /** Argon2id v1.3 (crypto_pwhash, ALG_ARGON2ID13). Runs off the event loop where the implementation can. */
  argon2id(outLength: number, password: Uint8Array, salt: Uint8Array, opslimit: number, memlimit: number): Promise<Buffer>;
  /** crypto_kdf_derive_from_key: a subkey from a master key, a numeric id and an 8-byte context. */
  deriveSubkey(outLength: number, subkeyId: number, context: string, key: Uint8Array): Buffer;
  /** XChaCha20-Poly1305 (IETF); `out` receives ciphertext||tag and must be message.length + 16 long. */
  sealInto(out: Uint8Array, message: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): void;
  /** Returns false (and leaves `out` zeroed) when the tag does not verify. */
  openInto(out: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): boolean;
  /** BLAKE2b, keyed when a key is given. */
  genericHash(outLength: number, message: Uint8Array, key?: Uint8Array): Buffer;
  signKeypairFromSeed(seed: Uint8Array): { publicKey: Buffer; secretKey: Buffer };
  signDetached(message: Uint8Array, secretKey: Uint8Array): Buffer;
  verifyDetached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** crypto_box_seed_keypair: an X25519 key pair for receiving, from a 32-byte seed. */
  boxKeypairFromSeed(seed: Uint8Array): { publicKey: Buffer; secretKey: Buffer };
  /** crypto_box_seal: anonymous public-key encryption to `publicKey` (ephemeral sender key); output is message + 48 bytes. */
  boxSeal(message: Uint8Array, publicKey: Uint8Array): Buffer;
  /** crypto_box_seal_open: the message, or null when it was not sealed to this key pair or was altered. */
  boxSealOpen(ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Buffer | null;
  memzero(buffer: Uint8Array): void;
}

export const KEY_BYTES = 32;
export const XNONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const SALT_BYTES = 16;
export const SIGN_PUBLIC_BYTES = 32;
export const SIGN_SECRET_BYTES = 64;
export const SIGNATURE_BYTES = 64;
export const BOX_PUBLIC_BYTES = 32;
export const BOX_SECRET_BYTES = 32;
/** crypto_box_SEALBYTES: the ephemeral public key and the MAC. */
export const BOX_SEAL_BYTES = 48;

/** libsodium's MODERATE level (the floor we accept) and the bounds a header may ask for. */
export const ARGON2_OPSLIMIT_MODERATE = 3;
export const ARGON2_MEMLIMIT_MODERATE = 268_435_456;
export const ARGON2_OPSLIMIT_MAX_ACCEPTED = 20;
export const ARGON2_MEMLIMIT_MAX_ACCEPTED = 2 * 1024 ** 3;

export class CryptoInputError extends Error {
  override name = 'CryptoInputError';
}

export function requireLength(what: string, value: Uint8Array, expected: number): void {
  if (!(value instanceof Uint8Array)) throw new CryptoInputError(`${what} must be bytes`);
  if (value.length !== expected) {
    throw new CryptoInputError(`${what} must be ${expected} bytes, got ${value.length}`);
  }
}

export function requireContext(context: string): void {
  if (!/^[\x20-\x7e]{8}$/.test(context)) throw new CryptoInputError('KDF context must be 8 ASCII characters');
}

/** The checks every sealInto makes before any byte is written, in both implementations. */
export function requireSealArguments(out: Uint8Array, message: Uint8Array, nonce: Uint8Array, key: Uint8Array): void {
  requireLength('nonce', nonce, XNONCE_BYTES);
  requireLength('key', key, KEY_BYTES);
  requireLength('output', out, message.length + TAG_BYTES);
}

/** The checks every openInto makes; false when the ciphertext is too short to hold a tag. */
export function openArgumentsFit(out: Uint8Array, ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array): boolean {
  requireLength('nonce', nonce, XNONCE_BYTES);
  requireLength('key', key, KEY_BYTES);
  if (ciphertext.length < TAG_BYTES) return false;
  requireLength('output', out, ciphertext.length - TAG_BYTES);
  return true;
}
