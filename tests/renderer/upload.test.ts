import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHUNK_BYTES, uploadFiles, type UploadFile, type UploadProgress } from '../../renderer/src/import/upload.ts';
import { openEngine, PASSPHRASE, type Engine } from './engine.ts';

/** uploadFiles against the real engine: what goes into the vault, and what the user is told about each file. */

const details = {
  acquisition: { obtainedFrom: 'Defence lawyer', method: 'handed over on a USB stick' },
  metadata: { type: 'court-decision' as const, confidentiality: 'public' as const },
};

let engine: Engine;
let caseId: string;

beforeAll(async () => {
  engine = openEngine();
  await engine.call('vault.create', { passphrase: PASSPHRASE });
  caseId = (await engine.call('cases.add', { title: 'Upload case' })).id;
});
afterAll(() => engine.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const itemCount = async () => (await engine.call('cases.get', { id: caseId })).items.length;

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) % 251;
  return out;
}

const file = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name, { lastModified: 1_700_000_000_000 });

/** A file whose reads go wrong: it returns nothing (it was truncated) or rejects (it was moved away). */
function unreadable(name: string, size: number, how: 'shrunk' | 'gone'): UploadFile {
  return {
    name,
    size,
    lastModified: 1_700_000_000_000,
    slice: () =>
      how === 'shrunk'
        ? new Blob([])
        : ({ arrayBuffer: () => Promise.reject(new Error('NotReadableError: the file was moved')) } as unknown as Blob),
  };
}

describe('uploadFiles', () => {
  test('imports two files in order, in 4 MiB chunks, with progress that only grows and the hashes the engine computed', async () => {
    const small = new TextEncoder().encode('Decision of the district court, 2 March 2024.');
    const large = pattern(2 * CHUNK_BYTES + 1000, 7);
    const progress: UploadProgress[] = [];
    const before = await itemCount();
    const outcomes = await uploadFiles(engine.api, caseId, [file('decision.txt', small), file('hearing.bin', large)], details, {
      onProgress: (p) => progress.push(p),
    });
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['decision.txt', 'imported'],
      ['hearing.bin', 'imported'],
    ]);
    expect(outcomes.map((o) => (o.status === 'imported' ? o.sha256 : null))).toEqual([sha256(small), sha256(large)]);
    // The large file went in three pieces, and the bar never moved backwards.
    expect(progress.filter((p) => p.fileIndex === 1).map((p) => p.fileBytes)).toEqual([0, CHUNK_BYTES, 2 * CHUNK_BYTES, large.length]);
    const done = progress.map((p) => p.doneBytes);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      doneBytes: small.length + large.length,
      totalBytes: small.length + large.length,
      fileCount: 2,
    });
    expect(await itemCount()).toBe(before + 2);
    const stored = (await engine.call('cases.get', { id: caseId })).items.find((item) => item.originalName === 'hearing.bin');
    expect(stored).toMatchObject({ size: large.length, sha256: sha256(large), type: 'court-decision' });
    expect(stored?.acquisition).toMatchObject({ obtainedFrom: 'Defence lawyer' });
  });

  test('the same content under another name is reported as already in the case, with the first item’s id', async () => {
    const bytes = new TextEncoder().encode('A power of attorney, signed 1 May 2024.');
    const [first] = await uploadFiles(engine.api, caseId, [file('poa.txt', bytes)], details);
    const before = await itemCount();
    const [again] = await uploadFiles(engine.api, caseId, [file('poa (copy).txt', bytes)], details);
    expect(first?.status).toBe('imported');
    expect(again).toMatchObject({ name: 'poa (copy).txt', status: 'duplicate', sha256: sha256(bytes) });
    expect(again?.status === 'duplicate' && first?.status === 'imported' && again.itemId === first.itemId).toBe(true);
    expect(await itemCount()).toBe(before);
  });

  test('a file that cannot be read fails with its reason, the engine drops its upload, and the next file still goes in', async () => {
    const before = await itemCount();
    // More broken files than the engine allows open uploads (8): each must have been cancelled, not left open.
    const broken = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => unreadable(`broken-${n}.pdf`, 5000, n % 2 ? 'shrunk' : 'gone'));
    const good = file('after.txt', new TextEncoder().encode('still imported'));
    const outcomes = await uploadFiles(engine.api, caseId, [...broken, good], details);
    expect(outcomes.slice(0, 9).map((o) => o.status)).toEqual(Array(9).fill('failed'));
    expect(outcomes[0]).toMatchObject({ reason: 'the file became shorter while it was being read' });
    expect(outcomes[1]).toMatchObject({ reason: 'NotReadableError: the file was moved' });
    expect(outcomes[9]).toMatchObject({ name: 'after.txt', status: 'imported' });
    expect(await itemCount()).toBe(before + 1);
  });

  test('a refusal by the engine is reported as failed with the engine’s error, and nothing is filed', async () => {
    const before = await itemCount();
    const [outcome] = await uploadFiles(engine.api, caseId, [file('bell\u0007.txt', new TextEncoder().encode('x'))], details);
    expect(outcome?.status).toBe('failed');
    expect(outcome?.status === 'failed' && outcome.error?.kind).toBe('validation');
    expect(outcome?.status === 'failed' && outcome.reason).toMatch(/name: must not contain control characters/);
    expect(await itemCount()).toBe(before);
  });

  test('cancelling during a file stops it, marks it and every later file cancelled, files nothing and frees the upload', async () => {
    const before = await itemCount();
    const controller = new AbortController();
    const big = file('long-video.bin', pattern(3 * CHUNK_BYTES, 99));
    const later = file('later.txt', new TextEncoder().encode('never sent'));
    const sent: number[] = [];
    const outcomes = await uploadFiles(engine.api, caseId, [big, later], details, {
      signal: controller.signal,
      onProgress: (p) => {
        sent.push(p.fileBytes);
        if (p.fileBytes >= CHUNK_BYTES) controller.abort();
      },
    });
    expect(outcomes).toEqual([
      { name: 'long-video.bin', status: 'cancelled' },
      { name: 'later.txt', status: 'cancelled' },
    ]);
    expect(sent).toEqual([0, CHUNK_BYTES]);
    expect(engine.calls.filter((c) => c === 'imports.cancel').length).toBeGreaterThan(0);
    expect(await itemCount()).toBe(before);
    // With the signal already aborted, nothing reaches the engine at all.
    const callsBefore = engine.calls.length;
    expect((await uploadFiles(engine.api, caseId, [later], details, { signal: controller.signal })).map((o) => o.status)).toEqual([
      'cancelled',
    ]);
    expect(engine.calls.length).toBe(callsBefore);
    // The engine no longer holds the cancelled upload: four new uploads can still be opened and finished.
    const four = [1, 2, 3, 4].map((n) => file(`again-${n}.txt`, new TextEncoder().encode(`again ${n}`)));
    expect((await uploadFiles(engine.api, caseId, four, details)).map((o) => o.status)).toEqual([
      'imported',
      'imported',
      'imported',
      'imported',
    ]);
  });
});
