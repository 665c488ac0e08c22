import { createRequire } from 'node:module';
import type * as SodiumNative from 'sodium-native';
import {
  BOX_PUBLIC_BYTES,
  BOX_SEAL_BYTES,
  BOX_SECRET_BYTES,
  KEY_BYTES,
  SALT_BYTES,
  SIGNATURE_BYTES,
  SIGN_PUBLIC_BYTES,
  SIGN_SECRET_BYTES,
  CryptoInputError,
  requireContext,
  openArgumentsFit,
  requireLength,
  requireSealArguments,
  type Primitives,
} from './primitives.ts';

const sodium = createRequire(import.meta.url)('sodium-native') as typeof SodiumNative;

/** Native libsodium: about 4× the WASM build's AEAD throughput. Buffers come from Buffer.alloc, never sodium_malloc (Electron's memory cage). */
export const nativePrimitives: Primitives = {
  name: 'sodium-native',
  randomBytes(length) {
    const out = Buffer.alloc(length);
    sodium.randombytes_buf(out);
    return out;
  },
  argon2id(outLength, password, salt, opslimit, memlimit) {
    requireLength('salt', salt, SALT_BYTES);
    const out = Buffer.alloc(outLength);
    return new Promise((resolve, reject) => {
      sodium.crypto_pwhash_async(
        out,
        Buffer.from(password.buffer, password.byteOffset, password.length),
        Buffer.from(salt.buffer, salt.byteOffset, salt.length),
        opslimit,
        memlimit,
        sodium.crypto_pwhash_ALG_ARGON2ID13,
        (error?: Error | null) => (error ? reject(error) : resolve(out)),
      );
    });
  },
  deriveSubkey(outLength, subkeyId, context, key) {
    requireLength('KDF key', key, KEY_BYTES);
    requireContext(context);
    const out = Buffer.alloc(outLength);
    sodium.crypto_kdf_derive_from_key(out, subkeyId, Buffer.from(context, 'latin1'), asBuffer(key));
    return out;
  },
  sealInto(out, message, ad, nonce, key) {
    requireSealArguments(out, message, nonce, key);
    sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(asBuffer(out), asBuffer(message), asBuffer(ad), null, asBuffer(nonce), asBuffer(key));
  },
  openInto(out, ciphertext, ad, nonce, key) {
    if (!openArgumentsFit(out, ciphertext, nonce, key)) return false;
    try {
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        asBuffer(out),
        null,
        asBuffer(ciphertext),
        asBuffer(ad),
        asBuffer(nonce),
        asBuffer(key),
      );
      return true;
    } catch {
      out.fill(0);
      return false;
    }
  },
  genericHash(outLength, message, key) {
    const out = Buffer.alloc(outLength);
    if (key) sodium.crypto_generichash(out, asBuffer(message), asBuffer(key));
    else sodium.crypto_generichash(out, asBuffer(message));
    return out;
  },
  signKeypairFromSeed(seed) {
    requireLength('seed', seed, KEY_BYTES);
    const publicKey = Buffer.alloc(SIGN_PUBLIC_BYTES);
    const secretKey = Buffer.alloc(SIGN_SECRET_BYTES);
    sodium.crypto_sign_seed_keypair(publicKey, secretKey, asBuffer(seed));
    return { publicKey, secretKey };
  },
  signDetached(message, secretKey) {
    requireLength('signing key', secretKey, SIGN_SECRET_BYTES);
    const signature = Buffer.alloc(SIGNATURE_BYTES);
    sodium.crypto_sign_detached(signature, asBuffer(message), asBuffer(secretKey));
    return signature;
  },
  verifyDetached(signature, message, publicKey) {
    if (signature.length !== SIGNATURE_BYTES || publicKey.length !== SIGN_PUBLIC_BYTES) return false;
    return sodium.crypto_sign_verify_detached(asBuffer(signature), asBuffer(message), asBuffer(publicKey));
  },
  boxKeypairFromSeed(seed) {
    requireLength('seed', seed, KEY_BYTES);
    const publicKey = Buffer.alloc(BOX_PUBLIC_BYTES);
    const secretKey = Buffer.alloc(BOX_SECRET_BYTES);
    sodium.crypto_box_seed_keypair(publicKey, secretKey, asBuffer(seed));
    return { publicKey, secretKey };
  },
  boxSeal(message, publicKey) {
    requireLength('recipient public key', publicKey, BOX_PUBLIC_BYTES);
    const out = Buffer.alloc(message.length + BOX_SEAL_BYTES);
    sodium.crypto_box_seal(out, asBuffer(message), asBuffer(publicKey));
    return out;
  },
  boxSealOpen(ciphertext, publicKey, secretKey) {
    requireLength('public key', publicKey, BOX_PUBLIC_BYTES);
    requireLength('secret key', secretKey, BOX_SECRET_BYTES);
    if (ciphertext.length < BOX_SEAL_BYTES) return null;
    const out = Buffer.alloc(ciphertext.length - BOX_SEAL_BYTES);
    return sodium.crypto_box_seal_open(out, asBuffer(ciphertext), asBuffer(publicKey), asBuffer(secretKey)) ? out : null;
  },
  memzero(buffer) {
    if (!(buffer instanceof Uint8Array)) throw new CryptoInputError('memzero needs bytes');
    sodium.sodium_memzero(asBuffer(buffer));
  },
};

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
