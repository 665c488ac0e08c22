import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Acquisition, DERIVATIONS, ItemMetadata } from '../../../shared/schemas.ts';
import { suggestItemType } from '../../../shared/item-type.ts';
import type { ByteSource } from '../blobs/byte-source.ts';
import type { WriteOptions } from '../blobs/store.ts';
import * as casework from '../casework/index.ts';
import { openRegularFile, stableSource } from '../ingest/regular-file.ts';
import { ArchiveError, IntegrityError, isArchiveError } from '../errors.ts';
import { expandPath } from '../ingest/expand.ts';
import { extractText } from '../ingest/extract.ts';
import { sniffMimeType } from '../ingest/sniff.ts';
import { parseInput } from '../parse-input.ts';
import type { VaultSession } from '../session/vault-session.ts';

export interface ImportResult {
  id: string;
  sha256: string;
  file: string;
  size: number;
  mimeType: string;
  /** The same content was already in this case; nothing new was stored. */
  duplicate: boolean;
}

/** What an imported item remembers about where its bytes came from. */
export interface ImportOrigin {
  originalName: string;
  /** The source file's modification time, when there was one. */
  modifiedAt: string | null;
  /** How errors and results name the source: a path, or an uploaded file's name. */
  label: string;
}

export interface ImportOptions extends WriteOptions {
  metadata?: unknown;
  acquisition?: unknown;
  /** Set by derive: the new item is a redaction, transcript or translation of another. */
  derivedFrom?: { itemId: string; derivation: string };
  /** The SHA-256 a manifest promises: bytes that hash otherwise are refused before anything is recorded. */
  expectedSha256?: string;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  fileBytes: number;
  fileSize: number;
  doneBytes: number;
  totalBytes: number;
}

export interface BatchImportOptions extends Omit<ImportOptions, 'onProgress'> {
  onProgress?: (progress: ImportProgress) => void;
  /** Called as each file finishes, so a long import shows its results as it goes. */
  onEntry?: (entry: BatchImportEntry) => void;
}

export type BatchImportEntry =
  { file: string; status: 'imported' | 'duplicate'; result: ImportResult } | { file: string; status: 'failed'; reason: string };

/** Types whose text is extracted for search, and the size above which extraction is skipped (it runs in memory). */
const EXTRACTABLE = /^(application\/pdf|text\/plain|application\/zip)$/;
const MAX_EXTRACT_BYTES = 64 * 1024 * 1024;

/** Bringing bytes into the vault: files, folders, uploads and derived copies, each hashed, encrypted and recorded. */
export class ImportService {
  private readonly session: VaultSession;
  constructor(session: VaultSession) {
    this.session = session;
  }

  /**
   * Hashes and encrypts a file into the vault in one pass; the catalog row, its provenance and
   * its custody events commit in one transaction once the blob is durable.
   */
  async importFile(caseId: string, filePath: string, options: ImportOptions = {}): Promise<ImportResult> {
    this.session.assertUnlocked();
    this.session.cases.get(caseId);
    parseInput(ItemMetadata, options.metadata ?? {});
    if (options.acquisition) parseInput(Acquisition, options.acquisition);
    const file = path.resolve(filePath);
    // Opened once, no link followed, a regular file; a file that changes while read is refused.
    const opened = await openRegularFile(file, { label: filePath });
    const origin = { originalName: path.basename(file), modifiedAt: new Date(opened.mtimeMs).toISOString(), label: filePath };
    return this.importSource(caseId, stableSource(opened, filePath), origin, options);
  }

  /**
   * Imports a redaction, transcript or translation of an item as a new item linked to it. The
   * original is not touched; a `derived` event is written to the original's custody history.
   */
  async deriveItem(originalId: string, filePath: string, derivation: string, options: ImportOptions = {}): Promise<ImportResult> {
    this.session.assertUnlocked();
    const original = this.session.items.get(originalId);
    const kind = parseInput(z.enum(DERIVATIONS), derivation);
    return this.importFile(original.caseId, filePath, { ...options, derivedFrom: { itemId: originalId, derivation: kind } });
  }

  /**
   * The import itself, for a file or for bytes pushed by the renderer (an upload). The source is
   * closed in every case; nothing is recorded unless the whole content is durable.
   */
  async importSource(caseId: string, source: ByteSource, origin: ImportOrigin, options: ImportOptions = {}): Promise<ImportResult> {
    const s = this.session;
    let metadata: ItemMetadata;
    let acquisition: Acquisition | null;
    try {
      s.assertUnlocked();
      s.cases.get(caseId);
      metadata = parseInput(ItemMetadata, options.metadata ?? {});
      acquisition = options.acquisition ? parseInput(Acquisition, options.acquisition) : null;
    } catch (error) {
      await source.close();
      throw error;
    }
    const pending = await s.blobs.write(source, options);
    if (options.expectedSha256 && pending.sha256 !== options.expectedSha256) {
      await s.blobs.discard(pending);
      throw new IntegrityError(
        `${origin.label} does not match its manifest (SHA-256 ${pending.sha256}, expected ${options.expectedSha256}); nothing was imported from it`,
      );
    }
    const mimeType = sniffMimeType(pending.head);
    pending.head.fill(0);
    if ((options.metadata as { type?: unknown } | undefined)?.type === undefined)
      metadata.type = suggestItemType(mimeType, origin.originalName);
    const filePath = origin.label;
    s.assertUnlocked();
    const originalName = origin.originalName;
    const existingInCase = s.items.findInCase(caseId, pending.sha256);
    if (existingInCase) {
      await s.blobs.discard(pending);
      return {
        id: existingInCase.id,
        sha256: pending.sha256,
        file: filePath,
        size: pending.size,
        mimeType: existingInCase.mimeType,
        duplicate: true,
      };
    }
    const id = randomUUID();
    const row = {
      id,
      caseId,
      originalName,
      mimeType,
      metadata,
      acquisition,
      sourceModifiedAt: origin.modifiedAt,
      derivedFrom: options.derivedFrom,
    };
    const imported = { case: caseId, sha256: pending.sha256, size: pending.size, mimeType, originalName, type: metadata.type };
    const record = (extra: Record<string, unknown>) => {
      if (acquisition) s.custody.append('acquired', { kind: 'item', id }, { ...acquisition });
      s.custody.append(
        'imported',
        { kind: 'item', id },
        { ...imported, ...extra, ...(options.derivedFrom ? { derivedFrom: options.derivedFrom.itemId } : {}) },
      );
      if (options.derivedFrom) {
        s.custody.append(
          'derived',
          { kind: 'item', id: options.derivedFrom.itemId },
          { derivedItem: id, derivation: options.derivedFrom.derivation, sha256: pending.sha256 },
        );
      }
      casework.indexItem(
        s,
        id,
        {
          title: metadata.title ?? null,
          originalName,
          issuingBody: metadata.issuingBody ?? null,
          description: metadata.description ?? null,
        },
        '',
      );
    };
    const sameContent = s.items.findBlobBySha256(pending.sha256);
    if (sameContent) {
      // Stored once: the new item points at the blob already in the vault.
      await s.blobs.discard(pending);
      const duplicateOf = s.items.itemIdsOfBlob(sameContent.blobId)[0] ?? null;
      s.db
        .transaction(() => {
          s.items.insertItem({ ...row, blobId: sameContent.blobId });
          record({ duplicateOf });
        })
        .immediate();
    } else {
      try {
        s.db
          .transaction(() => {
            s.blobs.commitSync(pending);
            s.items.insertBlob(pending);
            s.items.insertItem({ ...row, blobId: pending.blobId });
            record({});
          })
          .immediate();
      } catch (error) {
        s.blobs.removeSync(pending);
        await s.blobs.discard(pending);
        throw error;
      }
    }
    await this.indexText(id, mimeType, pending.size);
    return { id, sha256: pending.sha256, file: filePath, size: pending.size, mimeType, duplicate: false };
  }

  /**
   * Imports files and whole folders (recursively, in name order), one file at a time. A file that
   * fails is reported with its reason and the rest go on; cancelling stops before the next file.
   */
  async importPaths(caseId: string, paths: string[], options: BatchImportOptions = {}): Promise<BatchImportEntry[]> {
    this.session.assertUnlocked();
    this.session.cases.get(caseId);
    const files: Array<{ file: string; size: number; refused?: string }> = [];
    for (const given of paths) files.push(...(await expandPath(given)));
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const results: BatchImportEntry[] = [];
    const finish = (entry: BatchImportEntry) => {
      results.push(entry);
      options.onEntry?.(entry);
    };
    let doneBytes = 0;
    for (const [index, { file, size, refused }] of files.entries()) {
      if (options.signal?.aborted) {
        finish({ file, status: 'failed', reason: 'cancelled before it started' });
        continue;
      }
      try {
        if (refused) throw new ArchiveError('validation', refused);
        const { onEntry: _onEntry, ...importOptions } = options;
        const result = await this.importFile(caseId, file, {
          ...importOptions,
          onProgress: (fileBytes) =>
            options.onProgress?.({
              file,
              fileIndex: index,
              fileCount: files.length,
              fileBytes,
              fileSize: size,
              doneBytes: doneBytes + fileBytes,
              totalBytes,
            }),
        });
        finish({ file, status: result.duplicate ? 'duplicate' : 'imported', result });
      } catch (error) {
        if (!isArchiveError(error) && !(error instanceof Error && 'code' in error)) throw error;
        finish({ file, status: 'failed', reason: error instanceof Error ? error.message : String(error) });
      }
      doneBytes += size;
    }
    return results;
  }

  /**
   * Extracts the text of a PDF, plain-text or DOCX item for search, from the decrypted bytes in
   * memory (never a temp file). A failure is recorded on the item and never fails the import.
   */
  private async indexText(id: string, mimeType: string, size: number): Promise<void> {
    const s = this.session;
    if (!EXTRACTABLE.test(mimeType)) return;
    let result: { text: string; error: string | null };
    if (size > MAX_EXTRACT_BYTES) {
      result = { text: '', error: `too large for text extraction (${(size / 1e6).toFixed(0)} MB)` };
    } else {
      const item = s.items.get(id);
      const parts: Buffer[] = [];
      for await (const part of s.blobs.read(item.blob, `item ${id} (${item.originalName})`)) parts.push(part);
      const bytes = Buffer.concat(parts);
      result = await extractText(bytes, mimeType);
      bytes.fill(0);
    }
    s.assertUnlocked();
    const item = s.items.get(id);
    s.db.transaction(() => {
      s.items.setExtractionError(id, result.error);
      if (result.text) casework.indexItem(s, id, item, result.text);
    })();
  }
}
