import { randomInt } from 'node:crypto';
import type { BlobRef } from '../blobs/store.ts';
import type { CustodyEvent } from '../custody/log.ts';
import type { Problem } from '../custody/verify-log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';

/** A problem as the audit reports it; for a blob that fails authentication, the first bad chunk. */
export interface AuditProblem extends Problem {
  chunk?: number;
}

export interface AuditProgress {
  doneBytes: number;
  totalBytes: number;
  blobsDone: number;
  blobsTotal: number;
  bytesPerSecond: number;
  /** Seconds left at the current rate; null until there is a rate to go by. */
  etaSeconds: number | null;
}

export type AuditedBlob = BlobRef & { sha256: string; itemId: string | undefined };

/** Which blobs a sampled audit checks: `percent` (a whole number, as the log records it) of them, at least one, drawn with a CSPRNG. */
export function sampleBlobs<T>(blobs: T[], percent: number | undefined): T[] {
  if (percent === undefined || percent >= 100) return blobs;
  if (!Number.isInteger(percent) || percent < 1) throw new ArchiveError('validation', 'a sample is a whole percentage from 1 to 100');
  const count = Math.min(blobs.length, Math.max(1, Math.ceil((blobs.length * percent) / 100)));
  const pool = [...blobs];
  // Partial Fisher–Yates: the first `count` entries become a uniform sample.
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/**
 * Decrypts and re-hashes each blob against the SHA-256 recorded at import, and names what is
 * wrong: missing, altered (with the chunk that fails authentication), or another content.
 */
/** Blobs in flight at once: while one waits for a read or for its hashing thread, the other is decrypted. */
const AUDIT_CONCURRENCY = 2;
/** Progress between finished blobs at most this often. */
const PROGRESS_EVERY_MS = 200;

/**
 * Decrypts and re-hashes each blob against the SHA-256 recorded at import (the blob store's own
 * authenticated read, SHA-256 on a second thread), and names what is wrong: missing, altered (with
 * the first chunk that fails authentication), the file of another item, or content that hashes
 * differently. Problems are reported in catalog order whatever order the blobs finish in.
 */
export async function auditBlobs(
  blobs: AuditedBlob[],
  hash: (blob: AuditedBlob, label: string, onBytes: (bytes: number) => void) => Promise<string>,
  onProgress?: (progress: AuditProgress) => void,
): Promise<AuditProblem[]> {
  const found: AuditProblem[][] = blobs.map(() => []);
  const totalBytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
  const started = performance.now();
  let doneBytes = 0;
  let blobsDone = 0;
  let next = 0;
  const check = async (index: number) => {
    const blob = blobs[index]!;
    const item = blob.itemId;
    const label = `item ${item ?? '(none)'}`;
    // Progress follows the bytes, not just finished blobs: a single 4 GB recording still moves the bar.
    let counted = 0;
    const onBytes = (bytes: number) => {
      counted += bytes;
      doneBytes += bytes;
      report(false);
    };
    try {
      const sha256 = await hash(blob, label, onBytes);
      if (sha256 !== blob.sha256) {
        found[index]!.push({
          kind: 'blob-mismatch',
          item,
          message: `${label}: content hashes to ${sha256}, not the ${blob.sha256} recorded at import`,
        });
      }
    } catch (error) {
      if (!(error instanceof IntegrityError)) throw error;
      found[index]!.push(classify(error, item));
    }
    // A blob that failed part way counts as checked in full.
    doneBytes += blob.size - counted;
    blobsDone++;
    report(true);
  };
  let lastReport = 0;
  const report = (always: boolean) => {
    const now = performance.now();
    if (!onProgress || (!always && now - lastReport < PROGRESS_EVERY_MS)) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.round(doneBytes / seconds) : 0;
    onProgress({
      doneBytes,
      totalBytes,
      blobsDone,
      blobsTotal: blobs.length,
      bytesPerSecond,
      etaSeconds: bytesPerSecond > 0 ? Math.round((totalBytes - doneBytes) / bytesPerSecond) : null,
    });
  };
  const lane = async () => {
    while (next < blobs.length) await check(next++);
  };
  await Promise.all(Array.from({ length: AUDIT_CONCURRENCY }, lane));
  return found.flat();
}

/** The blob store's IntegrityError messages, sorted into kinds (and the failing chunk picked out). */
function classify(error: IntegrityError, item: string | undefined): AuditProblem {
  const message = error.message;
  if (/missing/.test(message)) return { kind: 'blob-missing', item, message };
  if (/another item/.test(message)) return { kind: 'blob-mismatch', item, message };
  const chunk = /chunk (\d+)/.exec(message);
  return { kind: 'blob-altered', item, message, ...(chunk ? { chunk: Number(chunk[1]) } : {}) };
}

export interface LastAudit {
  seq: number;
  time: string;
  actor: string;
  ok: boolean;
  /** "full" or "sample"; audits recorded before sampling existed are full. */
  mode: 'full' | 'sample';
  details: Record<string, unknown>;
}

/** The newest vault `verified` event, for a dashboard: when, what was checked, the result. */
export function lastAuditFrom(vaultEvents: CustodyEvent[]): LastAudit | null {
  for (let i = vaultEvents.length - 1; i >= 0; i--) {
    const event = vaultEvents[i]!;
    if (event.action !== 'verified') continue;
    return {
      seq: event.seq,
      time: event.time,
      actor: event.actor,
      ok: event.details.ok === true,
      mode: event.details.mode === 'sample' ? 'sample' : 'full',
      details: event.details,
    };
  }
  return null;
}
