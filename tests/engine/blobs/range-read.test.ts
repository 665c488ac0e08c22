import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { collect, PASSPHRASE, tempDir, writeRandomFile } from '../../helpers/files.ts';

const CHUNK = 65536;
const SIZE = 300 * 1000 * 1000;
let dir: string;
let source: string;
let archive: Archive;
let itemId: string;

before(async () => {
  dir = tempDir();
  source = path.join(dir, 'hearing-video.bin');
  await writeRandomFile(source, SIZE);
  ({ archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE));
  const caseId = archive.addCase({ title: 'Range reads' });
  itemId = (await archive.importFile(caseId, source)).id;
});
after(() => {
  archive.lock();
  rmSync(dir, { recursive: true, force: true });
});

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
