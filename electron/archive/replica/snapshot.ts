import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Database } from '../catalog/database.ts';
import { ArchiveError } from '../errors.ts';
import { CATALOG_CHUNK_BYTES, sha256Of } from './layout.ts';
import type { EventRow } from './state.ts';

export interface CatalogSnapshot {
  size: number;
  chunks: string[];
  events: EventRow[];
  head: { seq: number; hash: string };
  blobFiles: string[];
  /** How many chunks were read and hashed this time (all of them when nothing was known before). */
  chunksRead: number;
}

/** The catalog file as the previous flush of this writer left it, with every chunk's hash in order. */
export interface CatalogChunks {
  size: number;
  chunks: string[];
}

/**
 * One consistent moment of the catalog, read as the encrypted bytes SQLite keeps on disk (its pages
 * are ciphertext already, and a page that did not change keeps its bytes, so only changed 64 KiB
 * chunks are new). The pages written since the last flush are the ones in the WAL: their page
 * numbers are read from the WAL's frame headers before the WAL is folded into the file, and only
 * their chunks are read and hashed again (`previous` is this writer's last snapshot; null, or a WAL
 * that was restarted by a checkpoint not ours, means every chunk is read). A read transaction that
 * sees an empty WAL holds SQLite's read-mark 0, which keeps every other connection from writing into
 * the file until it ends; `onChunk` sees each new chunk while that guarantee holds.
 */
export function readCatalogSnapshot(
  db: Database,
  catalogFile: string,
  afterSeq: number,
  previous: CatalogChunks | null,
  onChunk: (hash: string, bytes: Buffer) => void,
): CatalogSnapshot {
  const changed = previous ? walPages(`${catalogFile}-wal`) : null;
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  if (checkpoint?.busy) throw new ArchiveError('io', 'another program has the catalog open; the replica catches up at the next change');
  db.exec('BEGIN');
  try {
    const head = (db.prepare('SELECT seq, hash FROM custody_events ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? { seq: 0, hash: '0'.repeat(64) };
    if (statSync(`${catalogFile}-wal`, { throwIfNoEntry: false })?.size) {
      throw new ArchiveError('io', 'the catalog changed while the replica was being written; it catches up at the next change');
    }
    const events = db.prepare('SELECT * FROM custody_events WHERE seq > ? ORDER BY seq').all(afterSeq) as EventRow[];
    const blobFiles = db.prepare('SELECT file_name FROM blobs').pluck().all() as string[];
    const hashed = hashChunks(catalogFile, previous && changed ? { previous, changed } : null, onChunk);
    return { ...hashed, events, head, blobFiles };
  } finally {
    db.exec('COMMIT');
  }
}

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;

/**
 * The byte ranges of the pages the WAL holds, from its frame headers only. Null when the WAL holds
 * frames of an earlier generation (another checkpoint restarted it since ours, so pages changed
 * before that are no longer listed): the caller then reads the whole file.
 */
function walPages(walFile: string): Array<[start: number, end: number]> | null {
  let fd: number;
  try {
    fd = openSync(walFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER_BYTES) return [];
    const header = Buffer.alloc(WAL_HEADER_BYTES);
    readSync(fd, header, 0, WAL_HEADER_BYTES, 0);
    const pageSize = header.readUInt32BE(8);
    if (pageSize < 512 || pageSize > 65536) return null;
    const salts = header.subarray(16, 24);
    const frameBytes = WAL_FRAME_HEADER_BYTES + pageSize;
    const frameHeader = Buffer.alloc(WAL_FRAME_HEADER_BYTES);
    const ranges: Array<[number, number]> = [];
    for (let offset = WAL_HEADER_BYTES; offset + frameBytes <= size; offset += frameBytes) {
      readSync(fd, frameHeader, 0, WAL_FRAME_HEADER_BYTES, offset);
      if (!frameHeader.subarray(8, 16).equals(salts)) return null;
      const page = frameHeader.readUInt32BE(0);
      ranges.push([(page - 1) * pageSize, page * pageSize]);
    }
    return ranges;
  } finally {
    closeSync(fd);
  }
}

/**
 * Hashes the catalog in 64 KiB chunks: every chunk without `known`, else only the chunks a changed
 * page falls in, the chunks past the old end, and the old last chunk when the size changed.
 */
function hashChunks(
  file: string,
  known: { previous: CatalogChunks; changed: Array<[number, number]> } | null,
  onChunk: (hash: string, bytes: Buffer) => void,
): { size: number; chunks: string[]; chunksRead: number } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const count = Math.ceil(size / CATALOG_CHUNK_BYTES);
    const stale = new Set<number>();
    const chunks: string[] = [];
    if (known) {
      const { previous, changed } = known;
      for (const [start, end] of changed) {
        for (let index = Math.floor(start / CATALOG_CHUNK_BYTES); index * CATALOG_CHUNK_BYTES < end; index++) stale.add(index);
      }
      // A grown or shrunk file: its old last chunk and everything after it are new.
      const unchangedEnd = size === previous.size ? count : Math.floor(Math.min(size, previous.size) / CATALOG_CHUNK_BYTES);
      for (let index = unchangedEnd; index < count; index++) stale.add(index);
      chunks.push(...previous.chunks.slice(0, count));
    }
    const buffer = Buffer.alloc(CATALOG_CHUNK_BYTES);
    let chunksRead = 0;
    for (let index = 0; index < count; index++) {
      if (known && !stale.has(index)) continue;
      const position = index * CATALOG_CHUNK_BYTES;
      const length = Math.min(CATALOG_CHUNK_BYTES, size - position);
      let filled = 0;
      while (filled < length) {
        const read = readSync(fd, buffer, filled, length - filled, position + filled);
        if (read === 0) throw new ArchiveError('io', 'the catalog file shrank while the replica was being written');
        filled += read;
      }
      const bytes = buffer.subarray(0, length);
      const hash = sha256Of(bytes);
      onChunk(hash, bytes);
      chunks[index] = hash;
      chunksRead++;
    }
    return { size, chunks, chunksRead };
  } finally {
    closeSync(fd);
  }
}
