import type { Primitives } from '../crypto/index.ts';
import { canonicalJson } from './canonical.ts';
import { checkpointBody, GENESIS_HASH, hashEvent, type Checkpoint, type CosignatureRow, type CustodyEvent } from './log.ts';

export type ProblemKind =
  | 'event-hash'
  | 'event-link'
  | 'event-sequence'
  | 'event-signature'
  | 'checkpoint-signature'
  | 'checkpoint-missing'
  | 'catalog-rollback'
  | 'blob-missing'
  | 'blob-altered'
  | 'blob-mismatch'
  | 'orphan-file'
  | 'catalog-damaged';

export interface Problem {
  kind: ProblemKind;
  item?: string;
  event?: number;
  message: string;
}

/**
 * Checks every event's hash, its link to the one before, the numbering and the signature.
 * Streams: holds one event at a time whatever the length of the log.
 */
export function verifyEvents(
  events: Iterable<CustodyEvent>,
  publicKey: Buffer,
  crypto: Primitives,
  anchor?: Checkpoint,
): { problems: Problem[]; count: number; head: string; signaturesChecked: number } {
  const problems: Problem[] = [];
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let count = 0;
  let signaturesChecked = 0;
  for (const event of events) {
    count++;
    // Events up to a verified checkpoint are vouched for by its signature through the hash chain:
    // if their hashes and links hold and event N hashes to the signed head, each of them is authentic.
    const vouched = anchor !== undefined && event.seq <= anchor.seq;
    if (anchor && event.seq === anchor.seq && event.hash !== anchor.head) {
      problems.push({
        kind: 'event-hash',
        event: event.seq,
        message: `event ${event.seq} differs from the one the signed checkpoint of ${anchor.time} vouches for`,
      });
    }
    if (event.seq !== expectedSeq) {
      problems.push({
        kind: 'event-sequence',
        event: event.seq,
        message: `event ${event.seq} follows event ${expectedSeq - 1}: ${event.seq > expectedSeq ? 'events are missing' : 'events are out of order'}`,
      });
    }
    if (event.prev !== previousHash) {
      problems.push({
        kind: 'event-link',
        event: event.seq,
        message: `event ${event.seq} does not link to the event before it (deleted, inserted or reordered events)`,
      });
    }
    const recomputed = hashEvent(event);
    if (recomputed !== event.hash) {
      problems.push({
        kind: 'event-hash',
        event: event.seq,
        message: `event ${event.seq} (${event.action}) was altered: its content no longer matches its hash`,
      });
    }
    if (!vouched) signaturesChecked++;
    if (!vouched && !crypto.verifyDetached(Buffer.from(event.signature, 'hex'), Buffer.from(event.hash, 'hex'), publicKey)) {
      problems.push({
        kind: 'event-signature',
        event: event.seq,
        message: `event ${event.seq} (${event.action}) is not signed by this vault's key (forged or altered)`,
      });
    }
    expectedSeq = event.seq + 1;
    previousHash = event.hash;
  }
  if (anchor && count < anchor.seq) {
    problems.push({
      kind: 'catalog-rollback',
      message: `the log ends at event ${count}, before the signed checkpoint at event ${anchor.seq}`,
    });
  }
  return { problems, count, head: previousHash, signaturesChecked };
}

/**
 * Checks the named users' countersignatures: each must be made with the key the log itself
 * certified for that user earlier (in a metadata-changed event the vault's key signed) and verify
 * over the event's hash. Like the vault's signatures, those up to `vouchedThrough` are skipped.
 */
export function verifyCosignatures(rows: Iterable<CosignatureRow>, crypto: Primitives, vouchedThrough = 0): Problem[] {
  const problems: Problem[] = [];
  const certified = new Map<string, string>();
  for (const row of rows) {
    if (row.user !== null && row.key !== null && row.signature !== null && row.seq > vouchedThrough) {
      const key = certified.get(row.user);
      const valid =
        key === row.key && crypto.verifyDetached(Buffer.from(row.signature, 'hex'), Buffer.from(row.hash, 'hex'), Buffer.from(key, 'hex'));
      if (!valid) {
        problems.push({
          kind: 'event-signature',
          event: row.seq,
          message:
            key === row.key
              ? `event ${row.seq} (${row.action}) carries a countersignature that does not verify (forged or altered)`
              : `event ${row.seq} (${row.action}) is countersigned with a key the log never certified for that user`,
        });
      }
    }
    const certification = row.details === null ? undefined : certifiedKey(row.details);
    if (certification) certified.set(certification.user, certification.key);
  }
  return problems;
}

/** A user's key named in a metadata-changed event (a new user, or a key certified on first use). */
function certifiedKey(detailsJson: string): { user: string; key: string } | undefined {
  let details: unknown;
  try {
    details = JSON.parse(detailsJson);
  } catch {
    return undefined; // the event's own hash check reports an altered event
  }
  if (typeof details !== 'object' || details === null) return undefined;
  const { field, user, signingKey } = details as Record<string, unknown>;
  if ((field !== 'user' && field !== 'user-signing-key') || typeof user !== 'string' || typeof signingKey !== 'string') return undefined;
  return /^[0-9a-f]{64}$/.test(signingKey) ? { user, key: signingKey } : undefined;
}

export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: Buffer, crypto: Primitives): boolean {
  return crypto.verifyDetached(
    Buffer.from(checkpoint.signature, 'hex'),
    Buffer.from(canonicalJson(checkpointBody(checkpoint)), 'utf8'),
    publicKey,
  );
}

/** Compares the catalog's log with the last checkpoint kept beside it: an older catalog copy shows here. */
export function compareWithCheckpoint(
  checkpoint: Checkpoint,
  eventAtCheckpoint: CustodyEvent | undefined,
  headSeq: number,
): Problem | null {
  if (headSeq < checkpoint.seq || !eventAtCheckpoint) {
    return {
      kind: 'catalog-rollback',
      message: `the catalog is older than the last checkpoint (it ends at event ${headSeq}, the checkpoint of ${checkpoint.time} vouches for event ${checkpoint.seq}): it was replaced by an older copy`,
    };
  }
  if (eventAtCheckpoint.hash !== checkpoint.head) {
    return {
      kind: 'catalog-rollback',
      event: checkpoint.seq,
      message: `event ${checkpoint.seq} differs from the one the last checkpoint vouches for: history was rewritten`,
    };
  }
  return null;
}
