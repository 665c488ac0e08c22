import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
}

/**
 * One consistent moment of the catalog, read as the encrypted bytes SQLite keeps on disk (its pages
 * are ciphertext already, and a page that did not change keeps its bytes, so only changed 64 KiB
 * chunks are new). The WAL is folded into the file first; a read transaction that sees an empty WAL
 * holds SQLite's read-mark 0, which keeps every other connection from writing into the file until
 * it ends. `onChunk` sees each chunk while that guarantee holds.
 */
export function readCatalogSnapshot(
  db: Database,
  catalogFile: string,
  afterSeq: number,
  onChunk: (hash: string, bytes: Buffer) => void,
): CatalogSnapshot {
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
    const { size, chunks } = hashChunks(catalogFile, onChunk);
    return { size, chunks, events, head, blobFiles };
  } finally {
    db.exec('COMMIT');
  }
}

function hashChunks(file: string, onChunk: (hash: string, bytes: Buffer) => void): { size: number; chunks: string[] } {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(CATALOG_CHUNK_BYTES);
  const chunks: string[] = [];
  let size = 0;
  try {
    for (;;) {
      let filled = 0;
      while (filled < buffer.length) {
        const read = readSync(fd, buffer, filled, buffer.length - filled, size + filled);
        if (read === 0) break;
        filled += read;
      }
      if (filled === 0) break;
      const bytes = buffer.subarray(0, filled);
      const hash = sha256Of(bytes);
      onChunk(hash, bytes);
      chunks.push(hash);
      size += filled;
      if (filled < buffer.length) break;
    }
  } finally {
    closeSync(fd);
  }
  return { size, chunks };
}
