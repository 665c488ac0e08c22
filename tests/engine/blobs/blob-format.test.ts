import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { loadWasmPrimitives, nativePrimitives } from '../../../electron/archive/crypto/index.ts';
import { describeSealed, VECTOR_INPUT, writeVectorBlob } from '../../fixtures/chunk-vector.ts';
import { tempDir } from '../../helpers/files.ts';
import { patternBytes } from '../../helpers/seeded.ts';

const vector = JSON.parse(readFileSync(new URL('../../fixtures/chunk-vector.json', import.meta.url), 'utf8'));
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('the committed input is the one the generator uses', () => {
  assert.deepEqual(vector.input, VECTOR_INPUT);
});

for (const [name, load] of [
  ['sodium-native', async () => nativePrimitives],
  ['libsodium-wrappers-sumo', loadWasmPrimitives],
] as const) {
  test(`${name} writes the committed chunk-format vector byte for byte`, async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { pending, sealed } = await writeVectorBlob(await load(), dir);
    assert.deepEqual(describeSealed(pending, sealed), vector.expected);
  });
}

test('the vector decrypts by the documented format alone (docs/vault-format.md)', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const { sealed } = await writeVectorBlob(nativePrimitives, dir);
  const crypto = nativePrimitives;
  const header = sealed.subarray(0, 64);
  assert.equal(header.subarray(0, 8).toString('latin1'), 'CSTDBLOB');
  const blobId = header.subarray(16, 32);
  const prefix = header.subarray(32, 48);
  const key = crypto.genericHash(
    32,
    Buffer.concat([Buffer.from('custodia blob key v1:'), blobId]),
    Buffer.from(VECTOR_INPUT.contentKey, 'hex'),
  );
  const plain: Buffer[] = [];
  const body = sealed.subarray(64);
  const chunkCount = Math.ceil(body.length / (65536 + 16));
  for (let i = 0; i < chunkCount; i++) {
    const sealedChunk = body.subarray(i * 65552, Math.min(body.length, (i + 1) * 65552));
    const nonce = Buffer.alloc(24);
    prefix.copy(nonce);
    nonce.writeBigUInt64LE(BigInt(i), 16);
    const ad = Buffer.concat([header, Buffer.from([i === chunkCount - 1 ? 1 : 0])]);
    const out = Buffer.alloc(sealedChunk.length - 16);
    assert.ok(crypto.openInto(out, sealedChunk, ad, nonce, key), `chunk ${i} opens`);
    plain.push(out);
  }
  assert.deepEqual(Buffer.concat(plain), patternBytes(VECTOR_INPUT.plaintextLength));
});
