import { createHash } from 'node:crypto';
import type { Database } from '../catalog/database.ts';
import { canonicalJson } from './canonical.ts';
import { prepared } from '../catalog/statements.ts';

/** Every kind of thing that happens to evidence; the log never forgets one. */
export const CUSTODY_ACTIONS = [
  'vault-created',
  'case-created',
  'acquired',
  'imported',
  'linked',
  'unlinked',
  'metadata-changed',
  'viewed',
  'exported',
  'verified',
  'derived',
  'transferred',
  'received',
  'withdrawn',
  'quarantined',
  'quarantine-purged',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export interface CustodySubject {
  kind: 'vault' | 'case' | 'item' | 'person';
  id: string | null;
}

export interface CustodyEvent {
  seq: number;
  time: string;
  actor: string;
  action: CustodyAction;
  subject: CustodySubject;
  details: Record<string, unknown>;
  prev: string;
  hash: string;
  signature: string;
}

export interface Signer {
  publicKey: Buffer;
  sign(message: Buffer): Buffer;
}

/** Countersigns an event with the key of the named user at the keyboard (users/user-signing.ts). */
export interface Cosigner {
  user: string;
  publicKey: Buffer;
  sign(message: Buffer): Buffer;
}

/** What a countersignature check reads, in log order: cosigned events and the events that certify users' keys. */
export interface CosignatureRow {
  seq: number;
  hash: string;
  action: string;
  /** The event's details, only for metadata-changed events (where users' keys are certified). */
  details: string | null;
  user: string | null;
  key: string | null;
  signature: string | null;
}

export const LOG_FORMAT_VERSION = 1;
export const GENESIS_HASH = '0'.repeat(64);

/** The fields that are hashed: everything but the hash and the signature. */
export function eventBody(event: Omit<CustodyEvent, 'hash' | 'signature'>) {
  return {
    v: LOG_FORMAT_VERSION,
    seq: event.seq,
    time: event.time,
    actor: event.actor,
    action: event.action,
    subject: { kind: event.subject.kind, id: event.subject.id },
    details: event.details,
    prev: event.prev,
  };
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
export const hashEvent = (event: Omit<CustodyEvent, 'hash' | 'signature'>) => sha256Hex(canonicalJson(eventBody(event)));

interface EventRow {
  seq: number;
  time: string;
  actor: string;
  action: string;
  subject_kind: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  signature: string;
}

const toEvent = (row: EventRow): CustodyEvent => ({
  seq: row.seq,
  time: row.time,
  actor: row.actor,
  action: row.action as CustodyAction,
  subject: { kind: row.subject_kind as CustodySubject['kind'], id: row.subject_id },
  details: JSON.parse(row.details) as Record<string, unknown>,
  prev: row.prev_hash,
  hash: row.hash,
  signature: row.signature,
});

export interface Checkpoint {
  v: number;
  type: 'checkpoint';
  vaultId: string;
  seq: number;
  head: string;
  time: string;
  signature: string;
}

export const checkpointBody = (checkpoint: Omit<Checkpoint, 'signature'>) => ({
  v: checkpoint.v,
  type: checkpoint.type,
  vaultId: checkpoint.vaultId,
  seq: checkpoint.seq,
  head: checkpoint.head,
  time: checkpoint.time,
});

/**
 * The append-only, hash-chained, signed chain-of-custody log kept in the (encrypted) catalog.
 * `append` must run inside the caller's catalog transaction, so an event commits together with
 * the change it records, or not at all.
 */
export class CustodyLog {
  private readonly db: Database;
  private readonly signer: Signer;
  /** Who acts, asked at each event: the vault's named user (Settings) can change while it is open. */
  private readonly actor: () => string;
  private readonly vaultId: string;
  /** The current named user's key, asked before each event (it may first record that key's certification). */
  private readonly cosigner: () => Cosigner | null;

  constructor(db: Database, signer: Signer, actor: string | (() => string), vaultId: string, cosigner: () => Cosigner | null = () => null) {
    this.db = db;
    this.signer = signer;
    this.actor = typeof actor === 'string' ? () => actor : actor;
    this.vaultId = vaultId;
    this.cosigner = cosigner;
  }

  head(): { seq: number; hash: string } {
    const row = prepared(this.db, 'SELECT seq, hash FROM custody_events ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  append(action: CustodyAction, subject: CustodySubject, details: Record<string, unknown> = {}): CustodyEvent {
    if (!this.db.inTransaction) throw new Error('custody events are appended inside the transaction of the change they record');
    const cosigner = this.cosigner();
    const head = this.head();
    const unsigned = { seq: head.seq + 1, time: new Date().toISOString(), actor: this.actor(), action, subject, details, prev: head.hash };
    const hash = hashEvent(unsigned);
    const signature = this.signer.sign(Buffer.from(hash, 'hex')).toString('hex');
    prepared(
      this.db,
      `INSERT INTO custody_events (seq, time, actor, action, subject_kind, subject_id, details, prev_hash, hash, signature)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      unsigned.seq,
      unsigned.time,
      unsigned.actor,
      action,
      subject.kind,
      subject.id,
      canonicalJson(details),
      head.hash,
      hash,
      signature,
    );
    if (cosigner) {
      // Beside the event, not in its hashed body: the log format and its verifiers stay as they are.
      const cosignature = cosigner.sign(Buffer.from(hash, 'hex')).toString('hex');
      prepared(this.db, 'INSERT INTO custody_cosignatures (seq, user_id, public_key, signature) VALUES (?, ?, ?, ?)').run(
        unsigned.seq,
        cosigner.user,
        cosigner.publicKey.toString('hex'),
        cosignature,
      );
    }
    return { ...unsigned, hash, signature };
  }

  /** Streams what checking the users' countersignatures needs, oldest first. */
  *cosignatureRows(): Generator<CosignatureRow> {
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.hash, e.action, CASE WHEN e.action = 'metadata-changed' THEN e.details END AS details,
                c.user_id AS user, c.public_key AS key, c.signature
         FROM custody_events e LEFT JOIN custody_cosignatures c ON c.seq = e.seq
         WHERE c.seq IS NOT NULL OR e.action = 'metadata-changed' ORDER BY e.seq`,
      )
      .iterate();
    for (const row of rows) yield row as CosignatureRow;
  }

  /** Appends in a transaction of its own (for events that record no catalog change, e.g. "viewed"). */
  record(action: CustodyAction, subject: CustodySubject, details: Record<string, unknown> = {}): CustodyEvent {
    return this.db.transaction(() => this.append(action, subject, details)).immediate();
  }

  /** Events of one subject (or all), oldest first. */
  list(subject?: CustodySubject): CustodyEvent[] {
    const rows = subject
      ? prepared(this.db, 'SELECT * FROM custody_events WHERE subject_kind = ? AND subject_id = ? ORDER BY seq').all(
          subject.kind,
          subject.id,
        )
      : prepared(this.db, 'SELECT * FROM custody_events ORDER BY seq').all();
    return (rows as EventRow[]).map(toEvent);
  }

  /** Events of several subjects, oldest first, found through the subject index (not by reading the whole log). */
  listForSubjects(subjects: CustodySubject[]): CustodyEvent[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM custody_events
       WHERE (subject_kind, subject_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
       ORDER BY seq`,
    ).all(JSON.stringify(subjects.map((subject) => [subject.kind, subject.id])));
    return (rows as EventRow[]).map(toEvent);
  }

  /**
   * Up to `limit` events older than `before` (from the head when absent), newest first, and whether
   * any older one is left: two range reads on the primary key, as fast on 170,000 events as on ten.
   */
  page(before: number | undefined, limit: number): { events: CustodyEvent[]; hasOlder: boolean } {
    const rows = prepared(this.db, 'SELECT * FROM custody_events WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    ) as EventRow[];
    const oldest = rows.at(-1)?.seq;
    const hasOlder =
      oldest !== undefined && prepared(this.db, 'SELECT 1 FROM custody_events WHERE seq < ? LIMIT 1').get(oldest) !== undefined;
    return { events: rows.map(toEvent), hasOlder };
  }

  /** Streams every event in order without loading the log into memory. */
  *iterate(): Generator<CustodyEvent> {
    for (const row of this.db.prepare('SELECT * FROM custody_events ORDER BY seq').iterate()) yield toEvent(row as EventRow);
  }

  /** A signed statement of the current head, stored in the catalog and returned for export. */
  checkpoint(reason: string): Checkpoint {
    const head = this.head();
    const body = {
      v: LOG_FORMAT_VERSION,
      type: 'checkpoint' as const,
      vaultId: this.vaultId,
      seq: head.seq,
      head: head.hash,
      time: new Date().toISOString(),
    };
    const signature = this.signer.sign(Buffer.from(canonicalJson(checkpointBody(body)), 'utf8')).toString('hex');
    prepared(this.db, 'INSERT INTO custody_checkpoints (seq, head_hash, time, reason, signature) VALUES (?, ?, ?, ?, ?)').run(
      body.seq,
      body.head,
      body.time,
      reason,
      signature,
    );
    return { ...body, signature };
  }

  /** The newest checkpoint recorded in the catalog (its signature is for the caller to check). */
  latestCheckpoint(): Checkpoint | undefined {
    const row = prepared(this.db, 'SELECT seq, head_hash, time, signature FROM custody_checkpoints ORDER BY rowid DESC LIMIT 1').get() as
      { seq: number; head_hash: string; time: string; signature: string } | undefined;
    return (
      row && {
        v: LOG_FORMAT_VERSION,
        type: 'checkpoint',
        vaultId: this.vaultId,
        seq: row.seq,
        head: row.head_hash,
        time: row.time,
        signature: row.signature,
      }
    );
  }

  hasCheckpoints(): boolean {
    return prepared(this.db, 'SELECT 1 FROM custody_checkpoints LIMIT 1').get() !== undefined;
  }

  eventAt(seq: number): CustodyEvent | undefined {
    const row = prepared(this.db, 'SELECT * FROM custody_events WHERE seq = ?').get(seq) as EventRow | undefined;
    return row && toEvent(row);
  }
}
