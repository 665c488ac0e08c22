import type { ItemSummary } from '../../../shared/model.ts';
import type { BlobRef } from '../blobs/store.ts';
import { ArchiveError } from '../errors.ts';
import type { Database } from './database.ts';

interface ItemRow {
  id: string;
  case_id: string;
  original_name: string;
  mime_type: string;
  imported_at: string;
  blob_id: string;
  file_name: string;
  size: number;
  sha256: string;
}

export interface StoredItem extends ItemSummary {
  blob: BlobRef;
}

const SELECT_ITEMS = `
  SELECT i.id, i.case_id, i.original_name, i.mime_type, i.imported_at,
         b.blob_id, b.file_name, b.size, b.sha256
  FROM items i JOIN blobs b ON b.blob_id = i.blob_id`;

const toItem = (row: ItemRow): StoredItem => ({
  id: row.id,
  caseId: row.case_id,
  originalName: row.original_name,
  mimeType: row.mime_type,
  importedAt: row.imported_at,
  size: row.size,
  sha256: row.sha256,
  blob: { blobId: row.blob_id, fileName: row.file_name, size: row.size },
});

export interface NewBlobRow extends BlobRef {
  sha256: string;
}

export interface NewItemRow {
  id: string;
  caseId: string;
  blobId: string;
  originalName: string;
  mimeType: string;
}

export class ItemQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  get(id: string): StoredItem {
    const row = this.db.prepare(`${SELECT_ITEMS} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    if (!row) throw new ArchiveError('not-found', `no item with id ${id}`);
    return toItem(row);
  }

  listByCase(caseId: string): StoredItem[] {
    return (this.db.prepare(`${SELECT_ITEMS} WHERE i.case_id = ? ORDER BY i.imported_at, i.id`).all(caseId) as ItemRow[]).map(toItem);
  }

  findBlobBySha256(sha256: string): (BlobRef & { sha256: string }) | undefined {
    const row = this.db.prepare('SELECT blob_id, file_name, size, sha256 FROM blobs WHERE sha256 = ? LIMIT 1').get(sha256) as
      { blob_id: string; file_name: string; size: number; sha256: string } | undefined;
    return row && { blobId: row.blob_id, fileName: row.file_name, size: row.size, sha256: row.sha256 };
  }

  findInCase(caseId: string, sha256: string): StoredItem | undefined {
    const row = this.db.prepare(`${SELECT_ITEMS} WHERE i.case_id = ? AND b.sha256 = ? LIMIT 1`).get(caseId, sha256) as ItemRow | undefined;
    return row && toItem(row);
  }

  insertBlob(blob: NewBlobRow): void {
    this.db
      .prepare('INSERT INTO blobs (blob_id, file_name, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(blob.blobId, blob.fileName, blob.size, blob.sha256, new Date().toISOString());
  }

  insertItem(item: NewItemRow): void {
    this.db
      .prepare('INSERT INTO items (id, case_id, blob_id, original_name, mime_type, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(item.id, item.caseId, item.blobId, item.originalName, item.mimeType, new Date().toISOString());
  }

  itemIdsOfBlob(blobId: string): string[] {
    return this.db.prepare('SELECT id FROM items WHERE blob_id = ? ORDER BY imported_at, id').pluck().all(blobId) as string[];
  }

  blobFileNames(): Set<string> {
    return new Set(this.db.prepare('SELECT file_name FROM blobs').pluck().all() as string[]);
  }

  allBlobs(): Array<BlobRef & { sha256: string }> {
    return (
      this.db.prepare('SELECT blob_id, file_name, size, sha256 FROM blobs').all() as Array<{
        blob_id: string;
        file_name: string;
        size: number;
        sha256: string;
      }>
    ).map((row) => ({ blobId: row.blob_id, fileName: row.file_name, size: row.size, sha256: row.sha256 }));
  }
}
