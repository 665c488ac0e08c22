import type { ItemSummary } from '../../../shared/model.ts';
import type { Acquisition, ItemMetadata } from '../../../shared/schemas.ts';
import type { BlobRef } from '../blobs/store.ts';
import { ArchiveError } from '../errors.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

interface ItemRow {
  id: string;
  case_id: string;
  original_name: string;
  mime_type: string;
  imported_at: string;
  type: string;
  title: string | null;
  document_date: string | null;
  issuing_body: string | null;
  language: string | null;
  description: string | null;
  confidentiality: string;
  source_mtime: string | null;
  derived_from: string | null;
  derivation: string | null;
  extraction_error: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  linked_cases: string | null;
  linked_persons: string | null;
  obtained_from: string | null;
  method: string | null;
  obtained_at: string | null;
  obtained_by: string | null;
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
         i.type, i.title, i.document_date, i.issuing_body, i.language, i.description, i.confidentiality, i.source_mtime,
         i.derived_from, i.derivation, i.extraction_error, i.withdrawn_at, i.withdrawn_reason,
         (SELECT json_group_array(case_id) FROM item_cases WHERE item_id = i.id) AS linked_cases,
         (SELECT json_group_array(person_id) FROM item_persons WHERE item_id = i.id) AS linked_persons,
         a.obtained_from, a.method, a.obtained_at, a.obtained_by,
         b.blob_id, b.file_name, b.size, b.sha256
  FROM items i JOIN blobs b ON b.blob_id = i.blob_id LEFT JOIN acquisitions a ON a.item_id = i.id`;

const toItem = (row: ItemRow): StoredItem => ({
  id: row.id,
  caseId: row.case_id,
  originalName: row.original_name,
  mimeType: row.mime_type,
  importedAt: row.imported_at,
  size: row.size,
  sha256: row.sha256,
  type: row.type,
  title: row.title,
  documentDate: row.document_date,
  issuingBody: row.issuing_body,
  language: row.language,
  description: row.description,
  confidentiality: row.confidentiality,
  sourceModifiedAt: row.source_mtime,
  derivedFrom: row.derived_from,
  derivation: row.derivation,
  extractionError: row.extraction_error,
  withdrawnAt: row.withdrawn_at,
  withdrawnReason: row.withdrawn_reason,
  linkedCaseIds: JSON.parse(row.linked_cases ?? '[]') as string[],
  personIds: JSON.parse(row.linked_persons ?? '[]') as string[],
  acquisition:
    row.obtained_from === null
      ? null
      : { obtainedFrom: row.obtained_from, method: row.method!, obtainedAt: row.obtained_at, obtainedBy: row.obtained_by },
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
  metadata: ItemMetadata;
  sourceModifiedAt: string | null;
  acquisition: Acquisition | null;
  derivedFrom?: { itemId: string; derivation: string };
}

export class ItemQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  get(id: string): StoredItem {
    const row = prepared(this.db, `${SELECT_ITEMS} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    if (!row) throw new ArchiveError('not-found', `no item with id ${id}`);
    return toItem(row);
  }

  /** How many items the vault holds, withdrawn ones included (as the case list counts them). */
  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }

  /** Items filed under a case or linked to it; withdrawn ones only when asked. */
  listByCase(caseId: string, options: { includeWithdrawn?: boolean } = {}): StoredItem[] {
    return (
      prepared(
        this.db,
        `${SELECT_ITEMS} WHERE (i.case_id = ? OR i.id IN (SELECT item_id FROM item_cases WHERE case_id = ?))
             AND (? OR i.withdrawn_at IS NULL) ORDER BY i.imported_at, i.id`,
      ).all(caseId, caseId, options.includeWithdrawn ? 1 : 0) as ItemRow[]
    ).map(toItem);
  }

  linkCase(itemId: string, caseId: string): boolean {
    return prepared(this.db, 'INSERT OR IGNORE INTO item_cases (item_id, case_id) VALUES (?, ?)').run(itemId, caseId).changes > 0;
  }

  unlinkCase(itemId: string, caseId: string): boolean {
    return prepared(this.db, 'DELETE FROM item_cases WHERE item_id = ? AND case_id = ?').run(itemId, caseId).changes > 0;
  }

  linkPerson(itemId: string, personId: string): boolean {
    return prepared(this.db, 'INSERT OR IGNORE INTO item_persons (item_id, person_id) VALUES (?, ?)').run(itemId, personId).changes > 0;
  }

  unlinkPerson(itemId: string, personId: string): boolean {
    return prepared(this.db, 'DELETE FROM item_persons WHERE item_id = ? AND person_id = ?').run(itemId, personId).changes > 0;
  }

  withdraw(itemId: string, reason: string): boolean {
    return (
      prepared(this.db, 'UPDATE items SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ? AND withdrawn_at IS NULL').run(
        new Date().toISOString(),
        reason,
        itemId,
      ).changes > 0
    );
  }

  findBlobBySha256(sha256: string): (BlobRef & { sha256: string }) | undefined {
    const row = prepared(this.db, 'SELECT blob_id, file_name, size, sha256 FROM blobs WHERE sha256 = ? LIMIT 1').get(sha256) as
      { blob_id: string; file_name: string; size: number; sha256: string } | undefined;
    return row && { blobId: row.blob_id, fileName: row.file_name, size: row.size, sha256: row.sha256 };
  }

  findInCase(caseId: string, sha256: string): StoredItem | undefined {
    const row = prepared(
      this.db,
      `${SELECT_ITEMS} WHERE (i.case_id = ? OR i.id IN (SELECT item_id FROM item_cases WHERE case_id = ?)) AND b.sha256 = ? LIMIT 1`,
    ).get(caseId, caseId, sha256) as ItemRow | undefined;
    return row && toItem(row);
  }

  insertBlob(blob: NewBlobRow): void {
    prepared(this.db, 'INSERT INTO blobs (blob_id, file_name, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(
      blob.blobId,
      blob.fileName,
      blob.size,
      blob.sha256,
      new Date().toISOString(),
    );
  }

  insertItem(item: NewItemRow): void {
    const m = item.metadata;
    prepared(
      this.db,
      `INSERT INTO items (id, case_id, blob_id, original_name, mime_type, imported_at,
                            type, title, document_date, issuing_body, language, description, confidentiality, source_mtime,
                            derived_from, derivation)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      item.id,
      item.caseId,
      item.blobId,
      item.originalName,
      item.mimeType,
      new Date().toISOString(),
      m.type,
      m.title ?? null,
      m.documentDate ?? null,
      m.issuingBody ?? null,
      m.language ?? null,
      m.description ?? null,
      m.confidentiality,
      item.sourceModifiedAt,
      item.derivedFrom?.itemId ?? null,
      item.derivedFrom?.derivation ?? null,
    );
    const a = item.acquisition;
    if (a) {
      prepared(this.db, 'INSERT INTO acquisitions (item_id, obtained_from, method, obtained_at, obtained_by) VALUES (?, ?, ?, ?, ?)').run(
        item.id,
        a.obtainedFrom,
        a.method,
        a.obtainedAt ?? null,
        a.obtainedBy ?? null,
      );
    }
  }

  /** Rewrites an item's descriptive metadata; the file and its hash never change. */
  updateMetadata(
    id: string,
    m: Pick<ItemSummary, 'type' | 'title' | 'documentDate' | 'issuingBody' | 'language' | 'description' | 'confidentiality'>,
  ): void {
    prepared(
      this.db,
      'UPDATE items SET type = ?, title = ?, document_date = ?, issuing_body = ?, language = ?, description = ?, confidentiality = ? WHERE id = ?',
    ).run(m.type, m.title, m.documentDate, m.issuingBody, m.language, m.description, m.confidentiality, id);
  }

  setExtractionError(id: string, error: string | null): void {
    prepared(this.db, 'UPDATE items SET extraction_error = ? WHERE id = ?').run(error, id);
  }

  itemIdsOfBlob(blobId: string): string[] {
    return prepared(this.db, 'SELECT id FROM items WHERE blob_id = ? ORDER BY imported_at, id').pluck().all(blobId) as string[];
  }

  blobFileNames(): Set<string> {
    return new Set(prepared(this.db, 'SELECT file_name FROM blobs').pluck().all() as string[]);
  }

  allBlobs(): Array<BlobRef & { sha256: string }> {
    return (
      prepared(this.db, 'SELECT blob_id, file_name, size, sha256 FROM blobs').all() as Array<{
        blob_id: string;
        file_name: string;
        size: number;
        sha256: string;
      }>
    ).map((row) => ({ blobId: row.blob_id, fileName: row.file_name, size: row.size, sha256: row.sha256 }));
  }
}
