import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadWasmPrimitives, nativePrimitives, type Primitives } from '../../../electron/archive/crypto/index.ts';

const kat = JSON.parse(readFileSync(new URL('../../fixtures/crypto-kat.json', import.meta.url), 'utf8'));
const hex = (value: string) => Buffer.from(value, 'hex');

for (const load of [async () => nativePrimitives, loadWasmPrimitives]) {
  const cryptoPromise: Promise<Primitives> = load();
  describe(`known answers`, async () => {
    const crypto = await cryptoPromise;
    test(`${crypto.name}: XChaCha20-Poly1305 seals and opens the published vectors`, () => {
      for (const v of kat.xchacha20poly1305_ietf) {
        const plaintext = hex(v.plaintext);
        const sealed = Buffer.alloc(plaintext.length + 16);
        crypto.sealInto(sealed, plaintext, hex(v.ad), hex(v.nonce), hex(v.key));
        assert.equal(sealed.toString('hex'), v.ciphertext, v.source);
        const opened = Buffer.alloc(plaintext.length);
        assert.equal(crypto.openInto(opened, sealed, hex(v.ad), hex(v.nonce), hex(v.key)), true);
        assert.deepEqual(opened, plaintext);
        sealed[0]! ^= 1;
        assert.equal(crypto.openInto(opened, sealed, hex(v.ad), hex(v.nonce), hex(v.key)), false, 'a flipped bit must not open');
        assert.ok(
          opened.every((byte) => byte === 0),
          'a failed open leaves no plaintext behind',
        );
      }
    });
    test(`${crypto.name}: Argon2id matches libsodium's vectors`, async () => {
      for (const v of kat.argon2id) {
        const out = await crypto.argon2id(v.outlen, hex(v.password), hex(v.salt), v.opslimit, v.memlimit);
        assert.equal(out.toString('hex'), v.output, v.source);
      }
    });
    test(`${crypto.name}: crypto_kdf subkeys match libsodium's vectors`, () => {
      for (const v of kat.kdf_derive) {
        assert.equal(crypto.deriveSubkey(v.outlen, v.subkeyId, v.context, hex(v.key)).toString('hex'), v.output, v.source);
      }
    });
    test(`${crypto.name}: BLAKE2b matches RFC 7693 and the BLAKE2 KAT`, () => {
      for (const v of kat.generichash) {
        const out = crypto.genericHash(v.outlen, hex(v.message), v.key ? hex(v.key) : undefined);
        assert.equal(out.toString('hex'), v.output, v.source);
      }
    });
    test(`${crypto.name}: Ed25519 matches RFC 8032`, () => {
      for (const v of kat.ed25519) {
        const pair = crypto.signKeypairFromSeed(hex(v.seed));
        assert.equal(pair.publicKey.toString('hex'), v.publicKey, v.source);
        const signature = crypto.signDetached(hex(v.message), pair.secretKey);
        assert.equal(signature.toString('hex'), v.signature);
        assert.equal(crypto.verifyDetached(signature, hex(v.message), pair.publicKey), true);
        signature[10]! ^= 4;
        assert.equal(crypto.verifyDetached(signature, hex(v.message), pair.publicKey), false);
      }
    });
    test(`${crypto.name}: crypto_box_seed_keypair matches X25519 of SHA-512(seed) computed by OpenSSL`, () => {
      for (const seedHex of ['00'.repeat(32), '4a'.repeat(32), createHash('sha256').update('custodia receiving seed').digest('hex')]) {
        const pair = crypto.boxKeypairFromSeed(hex(seedHex));
        const scalar = createHash('sha512').update(hex(seedHex)).digest().subarray(0, 32);
        assert.deepEqual(pair.secretKey, scalar, 'libsodium documents the secret key as the first half of SHA-512(seed)');
        // PKCS#8 wrapping of a raw X25519 private key (RFC 8410), so OpenSSL computes the public key.
        const pkcs8 = Buffer.concat([hex('302e020100300506032b656e04220420'), scalar]);
        const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({
          format: 'der',
          type: 'spki',
        });
        assert.deepEqual(pair.publicKey, spki.subarray(-32));
      }
    });
    test(`${crypto.name}: sealed boxes open with the other implementation, and not when altered or for another key`, async () => {
      const other = crypto.name === nativePrimitives.name ? await loadWasmPrimitives() : nativePrimitives;
      const recipient = crypto.boxKeypairFromSeed(hex('11'.repeat(32)));
      const message = Buffer.from('a 32-byte file key, for example!');
      const sealed = crypto.boxSeal(message, recipient.publicKey);
      assert.equal(sealed.length, message.length + 48);
      assert.deepEqual(other.boxSealOpen(sealed, recipient.publicKey, recipient.secretKey), message);
      assert.deepEqual(crypto.boxSealOpen(other.boxSeal(message, recipient.publicKey), recipient.publicKey, recipient.secretKey), message);
      assert.notDeepEqual(crypto.boxSeal(message, recipient.publicKey), sealed, 'each seal uses a fresh ephemeral key');
      const altered = Buffer.from(sealed);
      altered[60]! ^= 1;
      assert.equal(crypto.boxSealOpen(altered, recipient.publicKey, recipient.secretKey), null);
      const stranger = crypto.boxKeypairFromSeed(hex('22'.repeat(32)));
      assert.equal(crypto.boxSealOpen(sealed, stranger.publicKey, stranger.secretKey), null);
      assert.equal(crypto.boxSealOpen(sealed.subarray(0, 47), recipient.publicKey, recipient.secretKey), null);
      assert.throws(() => crypto.boxSeal(message, Buffer.alloc(31)), /recipient public key must be 32 bytes/);
    });
    test(`${crypto.name}: wrong lengths fail closed with a precise error`, () => {
      assert.throws(
        () => crypto.sealInto(Buffer.alloc(17), Buffer.alloc(1), Buffer.alloc(0), Buffer.alloc(12), Buffer.alloc(32)),
        /nonce must be 24 bytes, got 12/,
      );
      assert.throws(
        () => crypto.sealInto(Buffer.alloc(17), Buffer.alloc(1), Buffer.alloc(0), Buffer.alloc(24), Buffer.alloc(31)),
        /key must be 32 bytes, got 31/,
      );
      assert.throws(() => crypto.deriveSubkey(32, 1, 'short', Buffer.alloc(32)), /8 ASCII characters/);
      assert.throws(() => crypto.signKeypairFromSeed(Buffer.alloc(31)), /seed must be 32 bytes/);
    });
    test(`${crypto.name}: memzero wipes`, () => {
      const secret = Buffer.from('secret key material');
      crypto.memzero(secret);
      assert.ok(secret.every((byte) => byte === 0));
    });
  });
}
