import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ChunkCipher } from '../../../electron/archive/blobs/chunk-cipher.ts';
import { CHUNK_BYTES, encodeHeader } from '../../../electron/archive/blobs/format.ts';
import { TAG_BYTES, loadWasmPrimitives, nativePrimitives } from '../../../electron/archive/crypto/index.ts';

/**
 * The one chunk cipher behind blobs and packages, checked against PyNaCl (libsodium's Python
 * binding, an independent caller) computing the documented construction: BLAKE2b-256 keyed with
 * the base key over "custodia blob key v1:" ‖ stream id, then XChaCha20-Poly1305 with the nonce
 * prefix ‖ u64le index and the header ‖ final flag as associated data (docs/vault-format.md).
 */
/** Deterministic bytes that differ per seed. */
const patternBytes = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, i) => (i * seed + 3) % 251));
const baseKey = Buffer.from(patternBytes(32, 7));
const header = encodeHeader(Buffer.from(patternBytes(16, 11)), Buffer.from(patternBytes(16, 13)));
const chunks = [
  { plain: Buffer.from(patternBytes(CHUNK_BYTES, 17)), isFinal: false },
  { plain: Buffer.from('Приговор Медеуского районного суда, ст. 272 ч. 2 УК РК'), isFinal: true },
];

const PYTHON = `
import sys, json, hashlib
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt as seal
job = json.load(sys.stdin)
header = bytes.fromhex(job["header"])
key = hashlib.blake2b(b"custodia blob key v1:" + header[16:32], digest_size=32, key=bytes.fromhex(job["baseKey"])).digest()
out = []
for index, chunk in enumerate(job["chunks"]):
    nonce = header[32:48] + index.to_bytes(8, "little")
    out.append(seal(bytes.fromhex(chunk["plain"]), header + bytes([1 if chunk["isFinal"] else 0]), nonce, key).hex())
print(json.dumps(out))
`;

function sealedByPyNaCl(): Buffer[] {
  const job = JSON.stringify({
    header: header.bytes.toString('hex'),
    baseKey: baseKey.toString('hex'),
    chunks: chunks.map((c) => ({ plain: c.plain.toString('hex'), isFinal: c.isFinal })),
  });
  const result = spawnSync('/usr/bin/python3', ['-c', PYTHON], { input: job, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as string[]).map((hex) => Buffer.from(hex, 'hex'));
}

for (const [name, load] of [
  ['sodium-native', async () => nativePrimitives],
  ['libsodium-wrappers-sumo', loadWasmPrimitives],
] as const) {
  test(`${name}: chunks sealed by ChunkCipher are the bytes PyNaCl computes from the documented construction, and open back`, async () => {
    const crypto = await load();
    const expected = sealedByPyNaCl();
    const cipher = new ChunkCipher(crypto, header, baseKey);
    chunks.forEach(({ plain, isFinal }, index) => {
      const sealed = Buffer.alloc(plain.length + TAG_BYTES);
      cipher.seal(sealed, plain, index, isFinal);
      assert.ok(sealed.equals(expected[index]!), `chunk ${index} differs from PyNaCl's`);
      const opened = Buffer.alloc(plain.length);
      assert.equal(cipher.open(opened, sealed, index, isFinal), true);
      assert.ok(opened.equals(plain));
    });
    cipher.wipe();
  });
}

test('a flipped bit, another index, a wrong final flag, another header or another base key fail authentication', () => {
  const crypto = nativePrimitives;
  const { plain } = chunks[1]!;
  const sealed = Buffer.alloc(plain.length + TAG_BYTES);
  new ChunkCipher(crypto, header, baseKey).seal(sealed, plain, 1, true);
  const out = Buffer.alloc(plain.length);
  const open = (cipher: ChunkCipher, bytes: Buffer, index: number, isFinal: boolean) => cipher.open(out, bytes, index, isFinal);
  const cipher = new ChunkCipher(crypto, header, baseKey);
  assert.equal(open(cipher, sealed, 1, true), true);
  const flipped = Buffer.from(sealed);
  flipped[5]! ^= 0x01;
  assert.equal(open(cipher, flipped, 1, true), false, 'flipped bit');
  assert.equal(open(cipher, sealed, 0, true), false, 'reordered');
  assert.equal(open(cipher, sealed, 1, false), false, 'truncation hidden by dropping the final flag');
  const otherHeader = encodeHeader(Buffer.from(patternBytes(16, 12)), header.noncePrefix);
  assert.equal(open(new ChunkCipher(crypto, otherHeader, baseKey), sealed, 1, true), false, 'swapped into another stream');
  assert.equal(open(new ChunkCipher(crypto, header, Buffer.from(patternBytes(32, 8))), sealed, 1, true), false, 'another key');
  assert.equal(cipher.open(Buffer.alloc(0), sealed.subarray(0, TAG_BYTES - 1), 1, true), false, 'shorter than a tag');
  assert.throws(() => cipher.seal(Buffer.alloc(CHUNK_BYTES + 1 + TAG_BYTES), Buffer.alloc(CHUNK_BYTES + 1), 0, true), RangeError);
  cipher.wipe();
  assert.equal(open(cipher, sealed, 1, true), false, 'a wiped cipher opens nothing');
});
