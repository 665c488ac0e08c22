import { randomUUID } from 'node:crypto';
import { ArchiveError } from '../errors.ts';

/** A received file dropped on the window is held in memory up to this size (larger ones: choose them by path). */
export const MAX_INBOX_BYTES = 256 * 1024 * 1024;
const MAX_OPEN = 4;
const IDLE_LIMIT_MS = 2 * 60 * 1000;

interface Entry {
  purpose: 'dossier' | 'package';
  parts: Buffer[];
  size: number;
  received: number;
  timer: NodeJS.Timeout;
}

/**
 * Files dropped on the window to be checked or imported (a received dossier, a package), not
 * stored as evidence: their bytes arrive chunk by chunk like an upload and wait in memory for the
 * job that reads them once. Nothing is written to disk here; everything goes on lock.
 */
export class Inbox {
  private readonly open = new Map<string, Entry>();

  begin({ size, purpose }: { name: string; size: number; purpose: 'dossier' | 'package' }): { inboxId: string } {
    if (size > MAX_INBOX_BYTES)
      throw new ArchiveError(
        'validation',
        `a dropped file is at most ${MAX_INBOX_BYTES / 1024 / 1024} MiB; choose larger files by their path`,
      );
    if (this.open.size >= MAX_OPEN) throw new ArchiveError('validation', `at most ${MAX_OPEN} dropped files can wait at once`);
    const inboxId = randomUUID();
    this.open.set(inboxId, { purpose, parts: [], size, received: 0, timer: this.idle(inboxId) });
    return { inboxId };
  }

  has(id: string): boolean {
    return this.open.has(id);
  }

  chunk(id: string, offset: number, bytes: Uint8Array): { received: number } {
    const entry = this.open.get(id);
    if (!entry) throw new ArchiveError('not-found', 'no such dropped file (it may have timed out)');
    if (offset !== entry.received) throw new ArchiveError('validation', `expected the chunk at offset ${entry.received}, got ${offset}`);
    if (entry.received + bytes.byteLength > entry.size) throw new ArchiveError('validation', 'more bytes than the file was said to have');
    entry.parts.push(Buffer.from(bytes));
    entry.received += bytes.byteLength;
    entry.timer.refresh();
    return { received: entry.received };
  }

  /** The whole file, once, for a job of the purpose it was dropped for. */
  take(id: string, purpose: Entry['purpose']): Buffer {
    const entry = this.open.get(id);
    if (!entry || entry.purpose !== purpose) throw new ArchiveError('not-found', 'no such dropped file (it may have timed out)');
    if (entry.received !== entry.size)
      throw new ArchiveError('validation', `the file is incomplete (${entry.received} of ${entry.size} bytes)`);
    this.forget(id);
    return Buffer.concat(entry.parts);
  }

  clear(): void {
    for (const id of [...this.open.keys()]) this.forget(id);
  }

  private forget(id: string): void {
    const entry = this.open.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.open.delete(id);
  }

  private idle(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.forget(id), IDLE_LIMIT_MS);
    timer.unref();
    return timer;
  }
}
