import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../../electron/archive/index.ts';
import { parseRange } from '../../../electron/archive/media/range.ts';
import type { MediaAnswer } from '../../../electron/archive/media/tickets.ts';
import type { Result } from '../../../shared/result.ts';
import { listFiles, PASSPHRASE, tempDir } from '../../helpers/files.ts';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

async function value<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

async function freshHost(name: string): Promise<{ host: ArchiveHost; caseId: string; vault: string }> {
  const vault = path.join(dir, name);
  const host = new ArchiveHost(vault);
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const { id } = await value<{ id: string }>(host.call('cases.add', { title: 'Uploads' }));
  return { host, caseId: id, vault };
}

async function upload(host: ArchiveHost, caseId: string, name: string, content: Buffer, chunkSize = 1 << 20): Promise<string> {
  const { uploadId } = await value<{ uploadId: string }>(
    host.call('imports.begin', { caseId, name, size: content.length, acquisition: { obtainedFrom: 'The client', method: 'handed over' } }),
  );
  for (let offset = 0; offset < content.length; offset += chunkSize) {
    // A copy, as IPC and HTTP deliver: the engine zeroes what it took.
    const piece = Buffer.from(content.subarray(offset, offset + chunkSize));
    await value(host.call('imports.chunk', { uploadId, offset, bytes: piece }));
  }
  return uploadId;
}

async function collect(answer: MediaAnswer): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of answer.body ?? []) parts.push(part);
  return Buffer.concat(parts);
}

test('an upload in chunks becomes an item with the SHA-256 of its bytes, its name and its acquisition', async () => {
  const { host, caseId } = await freshHost('upload');
  const content = randomBytes(3 * 1024 * 1024 + 123);
  const uploadId = await upload(host, caseId, 'Приговор суда.bin', content, 1024 * 1024 - 7);
  const outcome = await value<{ itemId: string; status: string; sha256: string; size: number }>(host.call('imports.finish', { uploadId }));
  assert.equal(outcome.status, 'imported');
  assert.equal(outcome.sha256, createHash('sha256').update(content).digest('hex'));
  assert.equal(outcome.size, content.length);
  const item = await value<{ originalName: string; custody: Array<{ action: string }> }>(host.call('items.get', { id: outcome.itemId }));
  assert.equal(item.originalName, 'Приговор суда.bin');
  assert.deepEqual(
    item.custody.map((event) => event.action),
    ['acquired', 'imported'],
  );
  assert.equal((await value<{ ok: boolean }>(host.call('items.verify', { id: outcome.itemId }))).ok, true);

  // The same bytes again: a duplicate, nothing new stored.
  const again = await upload(host, caseId, 'copy.bin', content);
  assert.equal((await value<{ status: string }>(host.call('imports.finish', { uploadId: again }))).status, 'duplicate');
  host.lock();
});

test('a cancelled upload leaves no item and no file; a wrong offset or an oversize chunk is refused', async () => {
  const { host, caseId, vault } = await freshHost('cancel');
  const before = listFiles(vault).filter((file) => !/catalog/.test(file));
  const content = randomBytes(2 * 1024 * 1024);
  const { uploadId } = await value<{ uploadId: string }>(host.call('imports.begin', { caseId, name: 'half.bin', size: content.length }));
  await value(host.call('imports.chunk', { uploadId, offset: 0, bytes: content.subarray(0, 1024 * 1024) }));

  const skipped = await host.call('imports.chunk', { uploadId, offset: 5, bytes: Buffer.alloc(10) });
  assert.match(skipped.ok ? '' : skipped.error.message, /chunk at byte 5 but 1048576 bytes were received/);
  const early = await host.call('imports.finish', { uploadId });
  assert.match(early.ok ? '' : early.error.message, /only 1048576 of 2097152 bytes were sent/);

  await value(host.call('imports.cancel', { uploadId }));
  const afterCancel = await host.call('imports.chunk', { uploadId, offset: 1024 * 1024, bytes: content.subarray(1024 * 1024) });
  assert.equal(afterCancel.ok ? '' : afterCancel.error.kind, 'not-found');
  const detail = await value<{ items: unknown[] }>(host.call('cases.get', { id: caseId }));
  assert.equal(detail.items.length, 0);
  assert.deepEqual(
    listFiles(vault).filter((file) => !/catalog/.test(file)),
    before,
  );

  const { uploadId: small } = await value<{ uploadId: string }>(host.call('imports.begin', { caseId, name: 'small.bin', size: 4 }));
  const tooMuch = await host.call('imports.chunk', { uploadId: small, offset: 0, bytes: Buffer.alloc(5) });
  assert.match(tooMuch.ok ? '' : tooMuch.error.message, /larger than the 4 bytes announced; the upload was cancelled/);
  const bad = await host.call('imports.begin', { caseId, name: 'a\u0000b', size: 1 });
  assert.match(bad.ok ? '' : bad.error.message, /control characters/);
  const notBytes = await host.call('imports.chunk', { uploadId: small, offset: 0, bytes: 'AAAA' });
  assert.match(notBytes.ok ? '' : notBytes.error.message, /must be bytes/);
  host.lock();
});

test('locking stops an open upload and removes its temp file', async () => {
  const { host, caseId, vault } = await freshHost('lock-upload');
  const { uploadId } = await value<{ uploadId: string }>(host.call('imports.begin', { caseId, name: 'x.bin', size: 10 * 1024 * 1024 }));
  await value(host.call('imports.chunk', { uploadId, offset: 0, bytes: randomBytes(2 * 1024 * 1024) }));
  host.lock();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(
    listFiles(vault).filter((file) => file.endsWith('.part')),
    [],
  );
});

test('media tickets serve whole items and byte ranges, and die when the vault locks', async () => {
  const { host, caseId } = await freshHost('media');
  const content = randomBytes(300_000);
  const uploadId = await upload(host, caseId, 'clip.bin', content);
  const { itemId } = await value<{ itemId: string }>(host.call('imports.finish', { uploadId }));
  const media = await value<{ url: string; size: number; mimeType: string }>(host.call('items.media', { id: itemId }));
  assert.match(media.url, /^media\/[A-Za-z0-9_-]{43}$/);
  const ticket = media.url.slice('media/'.length);

  const whole = host.openMedia(ticket, 'GET', undefined);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers['Content-Length'], String(content.length));
  assert.equal(whole.headers['Content-Type'], 'application/octet-stream');
  assert.match(whole.headers['Content-Security-Policy']!, /sandbox/);
  assert.ok((await collect(whole)).equals(content));

  // Across a 64 KiB chunk edge, an open end, a suffix.
  const part = host.openMedia(ticket, 'GET', 'bytes=65530-65545');
  assert.equal(part.status, 206);
  assert.equal(part.headers['Content-Range'], `bytes 65530-65545/${content.length}`);
  assert.ok((await collect(part)).equals(content.subarray(65530, 65546)));
  assert.ok((await collect(host.openMedia(ticket, 'GET', 'bytes=299990-'))).equals(content.subarray(299990)));
  assert.ok((await collect(host.openMedia(ticket, 'GET', 'bytes=-10'))).equals(content.subarray(-10)));
  const beyond = host.openMedia(ticket, 'GET', `bytes=${content.length}-`);
  assert.equal(beyond.status, 416);
  assert.equal(beyond.headers['Content-Range'], `bytes */${content.length}`);
  assert.equal(host.openMedia(ticket, 'HEAD', undefined).body, null);
  assert.equal(host.openMedia(ticket, 'POST', undefined).status, 405);
  assert.equal(host.openMedia('A'.repeat(43), 'GET', undefined).status, 404);

  const item = await value<{ custody: Array<{ action: string; details: { via?: string } }> }>(host.call('items.get', { id: itemId }));
  assert.ok(item.custody.some((event) => event.action === 'viewed' && event.details.via === 'viewer'));

  host.lock();
  const stale = host.openMedia(ticket, 'GET', undefined);
  assert.equal(stale.status, 404);
  assert.equal(stale.body, null);
});

test('range headers: one range served, malformed ones fall back to the whole content', () => {
  assert.deepEqual(parseRange(undefined, 100), { kind: 'whole' });
  assert.deepEqual(parseRange('bytes=0-0', 100), { kind: 'part', start: 0, end: 0 });
  assert.deepEqual(parseRange('bytes=90-200', 100), { kind: 'part', start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-200', 100), { kind: 'part', start: 0, end: 99 });
  assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=5-2', 100), { kind: 'whole' });
  assert.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'whole' });
  assert.deepEqual(parseRange('items=0-1', 100), { kind: 'whole' });
});
