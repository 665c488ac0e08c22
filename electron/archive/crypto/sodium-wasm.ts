import sodiumModule from 'libsodium-wrappers-sumo';
import {
  BOX_PUBLIC_BYTES,
  BOX_SEAL_BYTES,
  BOX_SECRET_BYTES,
  KEY_BYTES,
  SALT_BYTES,
  SIGNATURE_BYTES,
  SIGN_PUBLIC_BYTES,
  SIGN_SECRET_BYTES,
  requireContext,
  openArgumentsFit,
  requireLength,
  requireSealArguments,
  type Primitives,
} from './primitives.ts';

/**
 * The pure-WASM twin of the native implementation (for platforms without the native addon).
 * Must be awaited once before use because the WASM module loads asynchronously.
 */
export async function loadWasmPrimitives(): Promise<Primitives> {
  await sodiumModule.ready;
  const sodium = sodiumModule;
  const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    name: 'libsodium-wrappers-sumo',
    randomBytes: (length) => buf(sodium.randombytes_buf(length)),
    async argon2id(outLength, password, salt, opslimit, memlimit) {
      requireLength('salt', salt, SALT_BYTES);
      return buf(sodium.crypto_pwhash(outLength, password, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13));
    },
    deriveSubkey(outLength, subkeyId, context, key) {
      requireLength('KDF key', key, KEY_BYTES);
      requireContext(context);
      return buf(sodium.crypto_kdf_derive_from_key(outLength, subkeyId, context, key));
    },
    sealInto(out, message, ad, nonce, key) {
      requireSealArguments(out, message, nonce, key);
      out.set(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(message, ad, null, nonce, key));
    },
    openInto(out, ciphertext, ad, nonce, key) {
      if (!openArgumentsFit(out, ciphertext, nonce, key)) return false;
      try {
        out.set(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key));
        return true;
      } catch {
        out.fill(0);
        return false;
      }
    },
    genericHash: (outLength, message, key) => buf(sodium.crypto_generichash(outLength, message, key ?? null)),
    signKeypairFromSeed(seed) {
      requireLength('seed', seed, KEY_BYTES);
      const pair = sodium.crypto_sign_seed_keypair(seed);
      return { publicKey: buf(pair.publicKey), secretKey: buf(pair.privateKey) };
    },
    signDetached(message, secretKey) {
      requireLength('signing key', secretKey, SIGN_SECRET_BYTES);
      return buf(sodium.crypto_sign_detached(message, secretKey));
    },
    verifyDetached(signature, message, publicKey) {
      if (signature.length !== SIGNATURE_BYTES || publicKey.length !== SIGN_PUBLIC_BYTES) return false;
      return sodium.crypto_sign_verify_detached(signature, message, publicKey);
    },
    boxKeypairFromSeed(seed) {
      requireLength('seed', seed, KEY_BYTES);
      const pair = sodium.crypto_box_seed_keypair(seed);
      return { publicKey: buf(pair.publicKey), secretKey: buf(pair.privateKey) };
    },
    boxSeal(message, publicKey) {
      requireLength('recipient public key', publicKey, BOX_PUBLIC_BYTES);
      return buf(sodium.crypto_box_seal(message, publicKey));
    },
    boxSealOpen(ciphertext, publicKey, secretKey) {
      requireLength('public key', publicKey, BOX_PUBLIC_BYTES);
      requireLength('secret key', secretKey, BOX_SECRET_BYTES);
      if (ciphertext.length < BOX_SEAL_BYTES) return null;
      try {
        return buf(sodium.crypto_box_seal_open(ciphertext, publicKey, secretKey));
      } catch {
        return null;
      }
    },
    memzero: (buffer) => sodium.memzero(buffer),
  };
}
