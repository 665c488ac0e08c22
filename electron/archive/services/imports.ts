import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Acquisition, DERIVATIONS, ItemMetadata } from '../../../shared/schemas.ts';
import { suggestItemType } from '../../../shared/item-type.ts';
import type { ByteSource } from '../blobs/byte-source.ts';
import type { PendingBlob, WriteOptions } from '../blobs/store.ts';
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

function oneLineOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** An item encrypted into a durable temp blob, not yet in the catalog (see ImportService.stage). */
export interface StagedItem {
  pending: PendingBlob;
  mimeType: string;
  metadata: ItemMetadata;
  acquisition: Acquisition | null;
  origin: ImportOrigin;
  derivedFrom?: { itemId: string; derivation: string };
  /** Set by commitStaged: the blob moved into the store, an existing blob was shared, or the case already had it. */
  outcome?: 'stored' | 'shared' | 'duplicate';
  result?: ImportResult;
}

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
    try {
      s.assertUnlocked();
      s.cases.get(caseId);
    } catch (error) {
      await source.close();
      throw error;
    }
    const staged = await this.stage(source, origin, options);
    let committed: ImportResult;
    try {
      committed = s.db.transaction(() => this.commitStaged(caseId, staged)).immediate();
    } catch (error) {
      // Nothing refers to the blob: the transaction that would have recorded it rolled back.
      s.blobs.removeSync(staged.pending);
      await s.blobs.discard(staged.pending);
      throw error;
    }
    await this.afterCommit(staged);
    return committed;
  }

  /**
   * First half of an import: checks the metadata, encrypts the source into a durable temp blob and
   * compares its SHA-256 with what a manifest promises. Nothing is recorded yet; a package or bag
   * stages every item before it commits the whole case at once.
   */
  async stage(source: ByteSource, origin: ImportOrigin, options: ImportOptions = {}): Promise<StagedItem> {
    const s = this.session;
    let metadata: ItemMetadata;
    let acquisition: Acquisition | null;
    try {
      s.assertUnlocked();
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
    return { pending, mimeType, metadata, acquisition, origin, derivedFrom: options.derivedFrom };
  }

  /**
   * Second half: records a staged item in `caseId`. Synchronous, and run inside the caller's
   * IMMEDIATE transaction, so the duplicate check and the insert see every other process's commits:
   * two processes importing one file into one case make one item (the second is told so).
   */
  commitStaged(caseId: string, staged: StagedItem): ImportResult {
    const s = this.session;
    const { pending, mimeType, metadata, acquisition, origin, derivedFrom } = staged;
    const filePath = origin.label;
    s.assertUnlocked();
    s.cases.get(caseId);
    const existingInCase = s.items.findInCase(caseId, pending.sha256);
    if (existingInCase) {
      staged.outcome = 'duplicate';
      const result = {
        id: existingInCase.id,
        sha256: pending.sha256,
        file: filePath,
        size: pending.size,
        mimeType: existingInCase.mimeType,
        duplicate: true,
      };
      return (staged.result = result);
    }
    const id = randomUUID();
    const originalName = origin.originalName;
    const row = { id, caseId, originalName, mimeType, metadata, acquisition, sourceModifiedAt: origin.modifiedAt, derivedFrom };
    const imported = { case: caseId, sha256: pending.sha256, size: pending.size, mimeType, originalName, type: metadata.type };
    const sameContent = s.items.findBlobBySha256(pending.sha256);
    let duplicateOf: string | null = null;
    if (sameContent) {
      // Stored once: the new item points at the blob already in the vault.
      duplicateOf = s.items.itemIdsOfBlob(sameContent.blobId)[0] ?? null;
      s.items.insertItem({ ...row, blobId: sameContent.blobId });
      staged.outcome = 'shared';
    } else {
      s.blobs.commitSync(pending);
      staged.outcome = 'stored';
      s.items.insertBlob(pending);
      s.items.insertItem({ ...row, blobId: pending.blobId });
    }
    if (acquisition) s.custody.append('acquired', { kind: 'item', id }, { ...acquisition });
    s.custody.append(
      'imported',
      { kind: 'item', id },
      { ...imported, ...(sameContent ? { duplicateOf } : {}), ...(derivedFrom ? { derivedFrom: derivedFrom.itemId } : {}) },
    );
    if (derivedFrom) {
      s.custody.append(
        'derived',
        { kind: 'item', id: derivedFrom.itemId },
        { derivedItem: id, derivation: derivedFrom.derivation, sha256: pending.sha256 },
      );
    }
    const title = metadata.title ?? null;
    casework.indexItem(
      s,
      id,
      { title, originalName, issuingBody: metadata.issuingBody ?? null, description: metadata.description ?? null },
      '',
    );
    return (staged.result = { id, sha256: pending.sha256, file: filePath, size: pending.size, mimeType, duplicate: false });
  }

  /**
   * A case arriving whole (a package, a bag): `stageAll` stages every item (durable temp blobs) with
   * the `stage` it is given, then `commit` records the case, its items and its records in ONE
   * IMMEDIATE transaction. If anything fails, nothing is recorded and every blob written so far is
   * moved to the quarantine folder with a `quarantined` event, never deleted.
   */
  async importAsOne<T>(
    stageAll: (stage: (source: ByteSource, origin: ImportOrigin, options?: ImportOptions) => Promise<StagedItem>) => Promise<void>,
    commit: (staged: StagedItem[]) => T,
  ): Promise<T> {
    const s = this.session;
    const staged: StagedItem[] = [];
    let result: T;
    try {
      await stageAll(async (source, origin, options) => {
        const item = await this.stage(source, origin, options);
        staged.push(item);
        return item;
      });
      s.assertUnlocked();
      result = s.db.transaction(() => commit(staged)).immediate();
    } catch (error) {
      this.quarantineStaged(staged, error);
      throw error;
    }
    for (const item of staged) await this.afterCommit(item);
    return result;
  }

  /** After the commit: a temp blob nobody needs goes, and a new item's text is extracted for search. */
  private async afterCommit(staged: StagedItem): Promise<void> {
    if (staged.outcome !== 'stored') await this.session.blobs.discard(staged.pending);
    const result = staged.result;
    if (result && !result.duplicate) await this.indexText(result.id, result.mimeType, result.size);
  }

  /**
   * The blobs of a whole-case import that failed: each lies in tmp/ or, where its rename ran inside
   * the transaction that rolled back, in blobs/. They move to quarantine, recorded. Where even that
   * fails (a disk that stays full), they stay put and the next unlock's sweep moves them.
   */
  private quarantineStaged(staged: StagedItem[], cause: unknown): void {
    const s = this.session;
    if (staged.length === 0 || s.isLocked) return;
    const files = staged.flatMap(({ pending }) => [pending.tempPath, s.blobs.pathOf(pending)].map((file) => path.relative(s.dir, file)));
    try {
      s.quarantine(files, `an import of a whole case failed (${oneLineOf(cause)}); the blobs it had written were kept here`);
    } catch {
      // Left for the next unlock's sweep, which moves and records them.
    }
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
