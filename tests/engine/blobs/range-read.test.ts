import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Archive } from '../../../electron/archive/index.ts';
import { collect, writeRandomFile } from '../../helpers/files.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

const CHUNK = 65536;
const SIZE = 300 * 1000 * 1000;
let seeded: SeededSession;
let source: string;
let archive: Archive;
let itemId: string;

before(async () => {
  seeded = await openSeededSession({
    case: { title: 'Range reads' },
    person: false,
    item: { name: 'hearing-video.bin', content: (file) => writeRandomFile(file, SIZE) },
  });
  ({ archive, itemFile: source, itemId } = seeded);
});
after(() => seeded?.close());

async function originalSlice(start: number, end: number): Promise<Buffer> {
  const handle = await fs.open(source, 'r');
  try {
    const out = Buffer.alloc(end - start + 1);
    await handle.read(out, 0, out.length, start);
    return out;
  } finally {
    await handle.close();
  }
}

test('range reads of a 300 MB item equal the same slice of the original, at random offsets and chunk edges', async () => {
  const lastChunkStart = Math.floor((SIZE - 1) / CHUNK) * CHUNK;
  const ranges: Array<[number, number]> = [
    [0, 0],
    [0, CHUNK - 1],
    [CHUNK - 1, CHUNK],
    [CHUNK, CHUNK],
    [CHUNK * 16 - 1, CHUNK * 16],
    [CHUNK * 3 - 5, CHUNK * 40 + 5],
    [lastChunkStart - 1, lastChunkStart],
    [lastChunkStart, SIZE - 1],
    [SIZE - 1, SIZE - 1],
    [0, SIZE - 1],
  ];
  for (let i = 0; i < 40; i++) {
    const start = randomInt(0, SIZE);
    const end = Math.min(SIZE - 1, start + randomInt(0, i % 2 ? 300_000 : 5_000_000));
    ranges.push([start, end]);
  }
  for (let i = 0; i < 10; i++) {
    const edge = randomInt(1, Math.floor(SIZE / CHUNK)) * CHUNK;
    ranges.push([edge - 1, edge], [edge, edge + randomInt(0, 3 * CHUNK)]);
  }
  for (const [start, end] of ranges) {
    const got = await collect(archive.readItem(itemId, start, end));
    assert.equal(got.length, end - start + 1, `length of ${start}-${end}`);
    if (end - start < 50_000_000) assert.ok(got.equals(await originalSlice(start, end)), `bytes of ${start}-${end}`);
  }
});

test('the whole item verifies against the SHA-256 recorded at import', async () => {
  const result = await archive.verifyItem(itemId);
  assert.equal(result.ok, true);
});

test('ranges outside the item are refused clearly', async () => {
  await assert.rejects(collect(archive.readItem(itemId, SIZE, SIZE + 5)), /outside item/);
  await assert.rejects(collect(archive.readItem(itemId, 10, 5)), /outside item/);
});
