import type { IntegritySummary } from '../../../shared/model.ts';
import { DEFAULT_AUDIT_EVERY_DAYS, MAX_DAYS_SETTING } from '../../../shared/limits.ts';
import { auditHasherPool } from '../blobs/store.ts';
import { integrityCheck } from '../catalog/database.ts';
import { checkpointSignatureValid, verifyCosignatures, verifyEvents } from '../custody/verify-log.ts';
import { ArchiveError } from '../errors.ts';
import { auditBlobs, lastAuditFrom, sampleBlobs, type AuditProblem, type AuditProgress, type LastAudit } from '../audit/fixity.ts';
import { auditSummary } from '../audit/schedule.ts';
import type { VaultSession } from '../session/vault-session.ts';
import { unknownEntryProblems } from '../vault/sweep.ts';

export interface AuditReport {
  ok: boolean;
  problems: AuditProblem[];
  events: number;
  /** How many event signatures were checked one by one (the rest are vouched for by a checkpoint). */
  signatures: number;
  /** Blobs (and their plaintext bytes) decrypted and re-hashed; with a sample, fewer than the vault holds. */
  blobs: number;
  bytes: number;
  mode: 'full' | 'sample';
  samplePercent: number;
  blobsInVault: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  bytesPerSecond: number;
  /** The custody event that records this audit. */
  auditEvent: number;
}

export interface AuditOptions {
  onProgress?: (doneBytes: number, totalBytes: number, progress: AuditProgress) => void;
  /** Check every event's own signature, even those a signed checkpoint vouches for. */
  allSignatures?: boolean;
  /** Decrypt and re-hash only this percentage of the blobs, drawn at random (the log is always checked whole). */
  sample?: number;
}

const SCHEDULE_KEY = 'audit_every_days';

/** Fixity audits of the whole vault, their history and their schedule. */
export class AuditService {
  private readonly session: VaultSession;
  constructor(session: VaultSession) {
    this.session = session;
  }

  /**
   * Full audit: every custody event (hash, link, signature), the last checkpoint, every blob
   * decrypted and re-hashed against its recorded SHA-256, and files the catalog does not know.
   * The audit is itself recorded, and a fresh checkpoint is written.
   */
  async run(options: AuditOptions = {}): Promise<AuditReport> {
    const s = this.session;
    s.assertUnlocked();
    const started = performance.now();
    const startedAt = s.clock().toISOString();
    // Fast path: events up to the newest valid signed checkpoint are authenticated through the hash
    // chain; only later events have their own signatures checked. Any problem (or --all-signatures)
    // means a full pass over every signature, so each bad event is named precisely.
    const latest = s.custody.latestCheckpoint();
    const anchor = !options.allSignatures && latest && checkpointSignatureValid(latest, s.signingPublicKey, s.crypto) ? latest : undefined;
    let log = verifyEvents(s.custody.iterate(), s.signingPublicKey, s.crypto, anchor);
    if (anchor && log.problems.length > 0) log = verifyEvents(s.custody.iterate(), s.signingPublicKey, s.crypto);
    const cosignatures = verifyCosignatures(s.custody.cosignatureRows(), s.crypto, log.problems.length > 0 ? 0 : (anchor?.seq ?? 0));
    const problems: AuditProblem[] = [...s.warnings, ...log.problems, ...cosignatures];
    const allBlobs = s.items.allBlobs();
    const blobs = sampleBlobs(allBlobs, options.sample).map((blob) => ({ ...blob, itemId: s.items.itemIdsOfBlob(blob.blobId)[0] }));
    const totalBytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
    const hashers = auditHasherPool();
    try {
      problems.push(
        ...(await auditBlobs(
          blobs,
          (blob, label, onBytes) => s.blobs.hash(blob, label, onBytes, hashers),
          (progress) => options.onProgress?.(progress.doneBytes, progress.totalBytes, progress),
        )),
      );
    } finally {
      await hashers.close();
    }
    s.assertUnlocked();
    problems.push(...unknownEntryProblems(s.layout, s.items.blobFileNames()));
    // SQLite's own check finds damage that no query has touched yet (an index page, a free page).
    let catalog: string;
    try {
      catalog = integrityCheck(s.db);
    } catch (error) {
      catalog = error instanceof Error ? error.message : String(error);
    }
    if (catalog !== 'ok') {
      problems.push({
        kind: 'catalog-damaged',
        message: `the catalog (catalog.db) fails SQLite's integrity check: ${catalog.slice(0, 300)}; restore it from a backup`,
      });
    }
    const ok = problems.length === 0;
    const durationMs = Math.round(performance.now() - started);
    const mode = blobs.length < allBlobs.length ? 'sample' : 'full';
    const bytesPerSecond = durationMs > 0 ? Math.round(totalBytes / (durationMs / 1000)) : 0;
    const event = s.custody.record(
      'verified',
      { kind: 'vault', id: s.vaultId },
      {
        ok,
        problems: problems.length,
        kinds: [...new Set(problems.map((p) => p.kind))],
        events: log.count,
        blobs: blobs.length,
        bytes: totalBytes,
        mode,
        ...(mode === 'sample' ? { samplePercent: options.sample, blobsInVault: allBlobs.length } : {}),
        durationMs,
      },
    );
    s.writeCheckpoint('verify');
    return {
      ok,
      problems,
      events: log.count,
      signatures: log.signaturesChecked,
      blobs: blobs.length,
      bytes: totalBytes,
      mode,
      samplePercent: mode === 'sample' ? options.sample! : 100,
      blobsInVault: allBlobs.length,
      startedAt,
      finishedAt: s.clock().toISOString(),
      durationMs,
      bytesPerSecond,
      auditEvent: event.seq,
    };
  }

  /** The newest audit recorded in the custody log (when, what, result), or null if the vault was never audited. */
  last(): LastAudit | null {
    const s = this.session;
    s.assertUnlocked();
    return lastAuditFrom(s.custody.list({ kind: 'vault', id: s.vaultId }));
  }

  /** How often the archivist wants a full audit, in days (0: no schedule); kept in the encrypted catalog. */
  scheduleDays(): number {
    this.session.assertUnlocked();
    const stored = this.session.meta.get(SCHEDULE_KEY);
    return stored === undefined ? DEFAULT_AUDIT_EVERY_DAYS : Number(stored);
  }

  setScheduleDays(days: number): void {
    this.session.assertUnlocked();
    if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS_SETTING)
      throw new ArchiveError('validation', `the audit schedule is 0 to ${MAX_DAYS_SETTING} days`);
    this.session.meta.set(SCHEDULE_KEY, String(days));
  }

  /** The integrity dashboard: the last audit, the schedule, and when a full audit is due (by the session's clock). */
  summary(): IntegritySummary {
    return auditSummary(this.last(), this.scheduleDays(), this.session.clock());
  }
}
