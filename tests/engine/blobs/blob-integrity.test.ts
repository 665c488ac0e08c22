import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, truncateSync, appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { IntegrityError, type Archive } from '../../../electron/archive/index.ts';
import { collect, writeRandomFile } from '../../helpers/files.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

const CHUNK = 65536;
const SEALED = CHUNK + 16;
let seeded: SeededSession;
let dir: string;
let archive: Archive;
let original: Buffer;
let itemId: string;
let otherId: string;

before(async () => {
  seeded = await openSeededSession({
    case: { title: 'Integrity' },
    person: false,
    item: { name: 'evidence.bin', content: (file) => writeRandomFile(file, 40 * CHUNK + 777) },
  });
  ({ dir, archive, itemId } = seeded);
  original = readFileSync(seeded.itemFile);
  const other = path.join(dir, 'other.bin');
  await writeRandomFile(other, 40 * CHUNK + 777);
  otherId = (await archive.importFile(seeded.caseId, other)).id;
});
after(() => seeded?.close());

const blobPath = (id: string) =>
  path.join(dir, 'vault', 'blobs', archive.getItem(id).blob.fileName.slice(0, 2), archive.getItem(id).blob.fileName);

/** Runs `damage` on a copy-protected blob file, reads the item, then restores the file. */
async function readAfter(damage: (file: string) => void): Promise<{ error: unknown; yielded: Buffer }> {
  const file = blobPath(itemId);
  copyFileSync(file, `${file}.bak`);
  damage(file);
  const parts: Buffer[] = [];
  let error: unknown = null;
  try {
    for await (const piece of archive.readItem(itemId)) parts.push(Buffer.from(piece));
  } catch (caught) {
    error = caught;
  } finally {
    copyFileSync(`${file}.bak`, file);
    rmSync(`${file}.bak`);
  }
  return { error, yielded: Buffer.concat(parts) };
}

function assertNamesItem(error: unknown, pattern: RegExp) {
  assert.ok(error instanceof IntegrityError, `expected an IntegrityError, got ${String(error)}`);
  assert.match(error.message, new RegExp(itemId));
  assert.match(error.message, /evidence\.bin/);
  assert.match(error.message, pattern);
}

test('an intact item reads back identical', async () => {
  assert.deepEqual(await collect(archive.readItem(itemId)), original);
  assert.equal((await archive.verifyItem(itemId)).ok, true);
});

for (const chunk of [0, 1, 17, 39, 40]) {
  test(`one flipped bit in chunk ${chunk} fails with an error naming the item, and no bytes of that chunk come out`, async () => {
    const { error, yielded } = await readAfter((file) => {
      const bytes = readFileSync(file);
      const at = 64 + chunk * SEALED + 100 + (chunk === 40 ? 0 : 5000);
      bytes[Math.min(at, bytes.length - 1)]! ^= 0x10;
      writeFileSync(file, bytes);
    });
    assertNamesItem(error, new RegExp(`chunk ${chunk} `));
    assert.ok(yielded.length <= chunk * CHUNK, `yielded ${yielded.length} bytes, which reaches into chunk ${chunk}`);
    assert.deepEqual(yielded, original.subarray(0, yielded.length), 'what was yielded before the damage is genuine');
  });
}

test('a flipped bit in the header fails', async () => {
  const { error } = await readAfter((file) => {
    const bytes = readFileSync(file);
    bytes[40]! ^= 1;
    writeFileSync(file, bytes);
  });
  assertNamesItem(error, /failed authentication|header/);
});

test('a truncated blob fails (cut at a chunk boundary and mid-chunk)', async () => {
  for (const cut of [64 + 20 * SEALED, 64 + 20 * SEALED + 999]) {
    const { error, yielded } = await readAfter((file) => truncateSync(file, cut));
    assertNamesItem(error, /wrong length|truncated/);
    assert.equal(yielded.length, 0);
  }
});

test('a blob with trailing bytes fails', async () => {
  const { error } = await readAfter((file) => appendFileSync(file, Buffer.alloc(10)));
  assertNamesItem(error, /wrong length|extended/);
});

test("another item's blob swapped in fails, naming the item; restored, it reads again", async () => {
  const mine = blobPath(itemId);
  const theirs = blobPath(otherId);
  copyFileSync(mine, `${mine}.bak`);
  copyFileSync(theirs, mine);
  try {
    await assert.rejects(collect(archive.readItem(itemId)), (error) => {
      assertNamesItem(error, /another item/);
      return true;
    });
  } finally {
    copyFileSync(`${mine}.bak`, mine);
    rmSync(`${mine}.bak`);
  }
  assert.deepEqual(await collect(archive.readItem(itemId)), original);
});

test('a missing blob is named as missing', async () => {
  const { error } = await readAfter((file) => rmSync(file));
  assertNamesItem(error, /missing/);
});

test('an empty file round-trips and its lone chunk is still authenticated', async () => {
  const empty = path.join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const caseId = archive.listCases()[0]!.id;
  const { id, sha256 } = await archive.importFile(caseId, empty);
  assert.equal(sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal((await collect(archive.readItem(id))).length, 0);
  const file = path.join(dir, 'vault', 'blobs', archive.getItem(id).blob.fileName.slice(0, 2), archive.getItem(id).blob.fileName);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1]! ^= 1;
  writeFileSync(file, bytes);
  await assert.rejects(collect(archive.readItem(id)), IntegrityError);
});
