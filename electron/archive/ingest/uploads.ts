import { randomUUID } from 'node:crypto';
import type { Archive } from '../archive.ts';
import type { ImportResult } from '../services/imports.ts';
import { ArchiveError } from '../errors.ts';
import { PushedBytes } from './pushed-bytes.ts';

export interface UploadStart {
  caseId: string;
  name: string;
  size: number;
  lastModified?: number;
  metadata?: unknown;
  acquisition?: unknown;
  /** A redaction, transcript or translation of this item (the contract checked the derivation). */
  derivedFrom?: { itemId: string; derivation: string };
}

interface Upload {
  bytes: PushedBytes;
  size: number;
  received: number;
  result: Promise<ImportResult>;
  idleTimer: NodeJS.Timeout;
}

/**
 * Uploads that may be open at once: the window sends files one after another, but scripts and
 * several windows may not; each open upload holds a few MiB of buffers and a hashing thread.
 */
export const MAX_OPEN_UPLOADS = 8;
/** An upload that receives nothing for this long is abandoned (a closed window, a crashed tab). */
const IDLE_LIMIT_MS = 2 * 60 * 1000;

/**
 * Imports whose bytes arrive from the renderer in order, chunk by chunk (drag and drop has File
 * objects, not paths). Each upload streams straight into the blob store through a PushedBytes
 * source, so nothing is buffered beyond one chunk and no plaintext touches the disk.
 */
export class Uploads {
  private readonly open = new Map<string, Upload>();

  begin(archive: Archive, start: UploadStart): { uploadId: string } {
    if (this.open.size >= MAX_OPEN_UPLOADS) {
      throw new ArchiveError('validation', `at most ${MAX_OPEN_UPLOADS} uploads can be open at once; finish or cancel one first`);
    }
    archive.getCase(start.caseId);
    if (start.derivedFrom) archive.getItem(start.derivedFrom.itemId);
    const uploadId = randomUUID();
    const bytes = new PushedBytes(start.size);
    const origin = {
      originalName: start.name,
      modifiedAt: start.lastModified === undefined ? null : new Date(start.lastModified).toISOString(),
      label: start.name,
    };
    const result = archive.importSource(start.caseId, bytes, origin, {
      metadata: start.metadata,
      acquisition: start.acquisition,
      derivedFrom: start.derivedFrom,
    });
    // The outcome is read by finish(); until then a failure must not count as unhandled.
    result.catch(() => undefined);
    const upload: Upload = { bytes, size: start.size, received: 0, result, idleTimer: this.idleTimer(uploadId) };
    this.open.set(uploadId, upload);
    return { uploadId };
  }

  /** Takes the next chunk; resolves once the import has consumed it. */
  async chunk(uploadId: string, offset: number, bytes: Uint8Array): Promise<{ received: number }> {
    const upload = this.get(uploadId);
    if (offset !== upload.received) {
      bytes.fill(0);
      throw new ArchiveError('validation', `chunk at byte ${offset} but ${upload.received} bytes were received so far`);
    }
    if (upload.received + bytes.length > upload.size) {
      bytes.fill(0);
      await this.cancel(uploadId);
      throw new ArchiveError('validation', `the file is larger than the ${upload.size} bytes announced; the upload was cancelled`);
    }
    upload.idleTimer.refresh();
    upload.received += bytes.length;
    try {
      await upload.bytes.push(bytes);
    } catch {
      // The import itself failed; finish() or this error carries its reason.
      this.open.delete(uploadId);
      clearTimeout(upload.idleTimer);
      await upload.result;
    }
    return { received: upload.received };
  }

  /** All bytes sent: waits for the import to commit and answers its outcome. */
  async finish(uploadId: string): Promise<ImportResult> {
    const upload = this.get(uploadId);
    if (upload.received !== upload.size) {
      throw new ArchiveError('validation', `only ${upload.received} of ${upload.size} bytes were sent; send the rest or cancel`);
    }
    this.open.delete(uploadId);
    clearTimeout(upload.idleTimer);
    upload.bytes.end();
    return upload.result;
  }

  /** Stops an upload; its temp file is removed and nothing is recorded. */
  async cancel(uploadId: string): Promise<void> {
    const upload = this.open.get(uploadId);
    if (!upload) return;
    this.open.delete(uploadId);
    clearTimeout(upload.idleTimer);
    upload.bytes.abort(new ArchiveError('io', 'import cancelled'));
    await upload.result.catch(() => undefined);
  }

  /** Lock: every open upload stops. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.cancel(id)));
  }

  get count(): number {
    return this.open.size;
  }

  private get(uploadId: string): Upload {
    const upload = this.open.get(uploadId);
    if (!upload) throw new ArchiveError('not-found', 'no such upload (it finished, was cancelled, or was idle too long)');
    return upload;
  }

  private idleTimer(uploadId: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.cancel(uploadId), IDLE_LIMIT_MS);
    timer.unref();
    return timer;
  }
}
