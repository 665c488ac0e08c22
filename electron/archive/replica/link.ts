import type { CustodyLog } from '../custody/log.ts';
import { onCatalogCommit } from '../catalog/database.ts';
import { ArchiveError, isArchiveError } from '../errors.ts';
import path from 'node:path';
import { DIRS } from './layout.ts';
import { importInbox, outboxFile, type InboxEntry, type InboxTarget } from './mailbox.ts';
import { ReplicaWriter, type FlushResult, type ReplicaSource } from './writer.ts';
import type { ReplicaState } from '../../../shared/replica.ts';

/** Where the catalog remembers the replica folder (inside the encrypted catalog, never in the clear). */
const META_KEY = 'replica_dir';

export type { ReplicaState } from '../../../shared/replica.ts';

/**
 * Follows an unlocked vault into its replica: after each catalog commit it schedules a flush (commits
 * in one turn of the event loop share one), and `close` flushes what is left before the vault locks.
 * A replica that cannot be written only records why: the vault never fails because of it.
 */
export class ReplicaLink {
  private writer: ReplicaWriter | null = null;
  private scheduled: NodeJS.Immediate | null = null;
  private readonly state: ReplicaState = { dir: null, generation: 0, seq: 0, lastWrittenAt: null, error: null };
  private readonly stopListening: () => void;
  private closed = false;

  private readonly source: ReplicaSource;
  private readonly custody: CustodyLog;

  constructor(source: ReplicaSource, custody: CustodyLog) {
    this.source = source;
    this.custody = custody;
    this.stopListening = onCatalogCommit(source.db, () => this.schedule());
    const dir = source.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY) as string | undefined;
    if (dir) this.attach(dir);
  }

  private attach(dir: string): void {
    this.state.dir = dir;
    try {
      this.writer = ReplicaWriter.attach(dir, this.source);
      const { generation, seq, time } = this.writer.newest;
      Object.assign(this.state, { generation, seq, lastWrittenAt: time, error: null });
    } catch (error) {
      this.state.error = isArchiveError(error) ? error.message : String(error);
    }
  }

  /** Designates the replica folder (recorded in the custody log) and writes the first state. */
  designate(dir: string): ReplicaState {
    const writer = ReplicaWriter.designate(dir, this.source);
    this.writer = writer;
    this.state.dir = writer.dir;
    this.state.error = null;
    this.source.db.transaction(() => {
      this.source.db
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(META_KEY, writer.dir);
      this.custody.append('metadata-changed', { kind: 'vault', id: this.source.vaultId }, { field: 'replica', designated: true });
    })();
    return this.flush();
  }

  /** Stops replicating (the folder and its files stay as they are). */
  forget(): void {
    this.source.db.transaction(() => {
      this.source.db.prepare('DELETE FROM meta WHERE key = ?').run(META_KEY);
      this.custody.append('metadata-changed', { kind: 'vault', id: this.source.vaultId }, { field: 'replica', designated: false });
    })();
    this.writer = null;
    this.source.db.pragma('wal_autocheckpoint = 1000');
    Object.assign(this.state, { dir: null, generation: 0, seq: 0, lastWrittenAt: null, error: null });
  }

  private schedule(): void {
    if (!this.state.dir || this.scheduled || this.closed) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      if (!this.closed) this.flush();
    });
  }

  /** Writes what changed now; a failure is kept in the state (and returned), never thrown. */
  flush(): ReplicaState {
    // A replica that could not be opened (an unplugged disk) is tried again at each change.
    if (!this.writer && this.state.dir && !this.closed) this.attach(this.state.dir);
    if (!this.writer) return this.status();
    try {
      const result: FlushResult = this.writer.flush();
      const { time } = this.writer.newest;
      Object.assign(this.state, { generation: result.generation, seq: result.seq, lastWrittenAt: time, error: null });
    } catch (error) {
      this.state.error = isArchiveError(error) ? error.message : String(error);
    }
    return this.status();
  }

  /** Removes old states (never blobs or log segments) and records the prune in the custody log. */
  prune(keep: number): { states: number; chunks: number } {
    if (!this.writer) throw new ArchiveError('not-found', 'this vault has no replica folder (custodia replica init DIR)');
    const removed = this.writer.prune(keep);
    this.custody.record('metadata-changed', { kind: 'vault', id: this.source.vaultId }, { field: 'replica', pruned: removed, kept: keep });
    return removed;
  }

  /** A new file for a package to a colleague, in the replica's outbox for their receiving key. */
  outboxFile(recipientKey: string): string {
    if (!this.state.dir) throw new ArchiveError('not-found', 'this vault has no replica folder (custodia replica init DIR)');
    return outboxFile(this.state.dir, recipientKey);
  }

  /** Imports the packages in `dir` (default: the replica's inbox) signed by `senderKey`, each once. */
  importInbox(importPackage: InboxTarget['importPackage'], senderKey: string, dir?: string): Promise<InboxEntry[]> {
    const inbox = dir ?? (this.state.dir ? path.join(this.state.dir, DIRS.inbox) : null);
    if (!inbox) throw new ArchiveError('validation', 'give the inbox folder (this vault has no replica folder)');
    const meta = (sql: string) => this.source.db.prepare(sql);
    return importInbox(
      {
        importPackage,
        ledger: (key) => meta('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined,
        setLedger: (key, value) =>
          this.source.db.transaction(() =>
            meta('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value),
          )(),
      },
      inbox,
      senderKey,
    );
  }

  status(): ReplicaState {
    if (this.closed) throw new ArchiveError('locked', 'the vault is locked; unlock it first');
    return { ...this.state };
  }

  /** Before the vault locks: a last flush, then no more. */
  close(): void {
    if (this.closed) return;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.writer) this.flush();
    this.closed = true;
    this.writer = null;
    this.stopListening();
  }
}
