import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '../blobs/store.ts';
import { CaseQueries } from '../catalog/cases.ts';
import { integrityCheck, openCatalog, type Database } from '../catalog/database.ts';
import { ItemQueries } from '../catalog/items.ts';
import { MetaQueries } from '../catalog/meta.ts';
import { PersonQueries } from '../catalog/persons.ts';
import { CaseRecordQueries } from '../catalog/case-records.ts';
import { nativePrimitives, type Primitives } from '../crypto/index.ts';
import { VaultUsers } from '../users/vault-users.ts';
import { AddressBook } from '../users/address-book.ts';
import { IntegrityFindings } from '../audit/findings.ts';
import { CustodyLog, type Checkpoint } from '../custody/log.ts';
import type { Problem } from '../custody/verify-log.ts';
import { ArchiveError } from '../errors.ts';
import { ReplicaLink } from '../replica/link.ts';
import { SearchIndex } from '../search/index.ts';
import { refoldIfStale } from '../search/refold.ts';
import { deriveVaultKeys, wipeVaultKeys, type VaultKeys } from '../vault/keys.ts';
import { checkNewPassphrase } from '../vault/passphrase-policy.ts';
import { strayEntries, type SweepResult, type VaultLayout } from '../vault/quarantine.ts';
import { quarantineAndRecord, sweepAndRecord } from '../vault/sweep.ts';
import type { VaultHeader } from '../vault/header.ts';
import {
  BLOB_DIR,
  CATALOG_FILE,
  TEMP_DIR,
  commitHeader,
  createVaultHeader,
  rewrapPassphrase,
  replaceRecoveryKey,
  unlockMasterKey,
  type KdfLevel,
  type Unlocker,
} from '../vault/vault.ts';
import { readCheckpointFile, writeCheckpointFile } from './checkpoint-file.ts';
import { DocumentSigning, type DocumentCertificate } from './document-signing.ts';
import { userSigner } from '../users/user-signing.ts';

/** Where "now" comes from: the real clock in the app, a fixed one in tests of dates and schedules. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface SessionOptions {
  crypto?: Primitives;
  kdf?: KdfLevel;
  clock?: Clock;
  /** Accept a passphrase rated guessable (the CLI's explicit override); the custody log records it. */
  allowWeakPassphrase?: boolean;
}

export function currentActor(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return `unknown@${os.hostname()}`;
  }
}

/**
 * An unlocked vault: the catalog, the keys, the custody log and the lock state. It is the one
 * object that holds keys; the services beside it (cases, items, audit, exchange…) each take it and
 * do one job. `lock()` wipes every key and closes the catalog. Engine-internal: callers outside
 * the engine reach it only through the Archive the entry module exports.
 */
export class VaultSession {
  readonly dir: string;
  readonly crypto: Primitives;
  readonly clock: Clock;
  readonly db: Database;
  readonly cases: CaseQueries;
  readonly items: ItemQueries;
  readonly persons: PersonQueries;
  readonly records: CaseRecordQueries;
  readonly meta: MetaQueries;
  readonly search: SearchIndex;
  readonly blobs: BlobStore;
  readonly custody: CustodyLog;
  /** The vault's named users: who the custody log and dossiers say acted (users/vault-users.ts). */
  readonly users: VaultUsers;
  /** Colleagues' pinned vault keys (users/address-book.ts). */
  readonly contacts: AddressBook;
  /** What the last failed audit found and what was done about it (audit/findings.ts). */
  readonly findings: IntegrityFindings;
  /** The replica folder this vault writes every commit into (docs/replica.md). */
  readonly replica: ReplicaLink;
  /** Problems found on unlock (e.g. a catalog older than the last checkpoint); the audit reports them too. */
  readonly warnings: Problem[] = [];
  /** Entries in the vault folder that are not Custodia's (relative paths), found at unlock and left alone. */
  readonly strayEntries: string[] = [];

  private locked = false;
  private checkpointedSeq = 0;
  private header: VaultHeader;
  private readonly masterKey: Buffer;
  private readonly keys: VaultKeys;
  private readonly signing: { publicKey: Buffer; secretKey: Buffer };
  /** X25519 key pair that packages from other vaults are sealed to (docs/package-format.md). */
  private readonly receiving: { publicKey: Buffer; secretKey: Buffer };
  private readonly documents: DocumentSigning;

  private constructor(dir: string, header: VaultHeader, masterKey: Buffer, keys: VaultKeys, db: Database, options: SessionOptions) {
    this.dir = dir;
    this.header = header;
    this.masterKey = masterKey;
    this.keys = keys;
    this.db = db;
    this.crypto = options.crypto ?? nativePrimitives;
    this.clock = options.clock ?? systemClock;
    this.cases = new CaseQueries(db);
    this.items = new ItemQueries(db);
    this.persons = new PersonQueries(db);
    this.records = new CaseRecordQueries(db);
    this.meta = new MetaQueries(db);
    this.search = new SearchIndex(db);
    refoldIfStale(db); // a vault indexed by an older folding is indexed again
    this.blobs = new BlobStore(
      path.join(dir, BLOB_DIR),
      path.join(dir, TEMP_DIR),
      { contentKey: keys.blobContent, nameKey: keys.blobNames },
      this.crypto,
    );
    this.signing = this.crypto.signKeypairFromSeed(keys.signingSeed);
    this.receiving = this.crypto.boxKeypairFromSeed(keys.receivingSeed);
    this.documents = new DocumentSigning(keys.documentSigningSeed, db, this.meta, header.vaultId);
    const signer = { publicKey: this.signing.publicKey, sign: (message: Buffer) => this.sign(message) };
    // The actor is asked at each event: the vault's named user (Settings), else the computer login.
    this.custody = new CustodyLog(
      db,
      signer,
      () => this.users.actor() ?? currentActor(),
      header.vaultId,
      () => this.users.cosigner(),
    );
    this.users = new VaultUsers(
      db,
      this.custody,
      () => this.vaultId,
      (user) => {
        this.assertUnlocked();
        return userSigner(this.crypto, this.keys.userSigningRoot, user);
      },
    );
    this.contacts = new AddressBook(db);
    this.findings = new IntegrityFindings(db, this.custody);
    this.replica = new ReplicaLink(
      { vaultDir: dir, vaultId: header.vaultId, db, keys: { crypto: this.crypto, key: keys.replica, ...signer } },
      this.custody,
    );
  }

  static async create(
    dir: string,
    passphrase: string,
    options: SessionOptions = {},
  ): Promise<{ session: VaultSession; recoveryKey: string }> {
    const crypto = options.crypto ?? nativePrimitives;
    const strength = await checkNewPassphrase(passphrase, options.allowWeakPassphrase);
    const created = await createVaultHeader(dir, passphrase, crypto, options.kdf);
    const session = VaultSession.open(dir, created.header, created.masterKey, { ...options, crypto });
    session.db.transaction(() => {
      session.meta.set('vault_id', created.header.vaultId);
      session.custody.append(
        'vault-created',
        { kind: 'vault', id: created.header.vaultId },
        {
          publicKey: session.publicKey,
          ...(strength.weakAccepted ? { weakPassphraseAccepted: true, passphraseScore: strength.score } : {}),
        },
      );
    })();
    // The header is written last: a folder without it is not a vault, so a failed create leaves nothing half-made.
    await commitHeader(dir, created.header);
    return { session, recoveryKey: created.recoveryKey };
  }

  static async unlock(dir: string, unlocker: Unlocker, options: SessionOptions = {}): Promise<VaultSession> {
    const crypto = options.crypto ?? nativePrimitives;
    const { header, masterKey } = await unlockMasterKey(dir, unlocker, crypto);
    const session = VaultSession.open(dir, header, masterKey, { ...options, crypto });
    if (session.meta.get('vault_id') !== header.vaultId) {
      session.lock();
      throw new ArchiveError('integrity', 'the catalog belongs to another vault');
    }
    // The checkpoint comes first: a sweep records an event, which would hide how far an older catalog copy ends.
    session.checkAgainstCheckpoint();
    // A suspect catalog does not know the newer blobs; they stay where they are for the real catalog.
    if (session.warnings.length === 0) session.strayEntries.push(...session.sweep().unknown);
    else session.strayEntries.push(...strayEntries(session.layout));
    return session;
  }

  private static open(dir: string, header: VaultHeader, masterKey: Buffer, options: SessionOptions & { crypto: Primitives }): VaultSession {
    const keys = deriveVaultKeys(options.crypto, masterKey);
    let db: Database;
    try {
      db = openCatalog(path.join(dir, CATALOG_FILE), keys.catalog);
    } catch (error) {
      wipeVaultKeys(options.crypto, keys);
      options.crypto.memzero(masterKey);
      throw error;
    }
    return new VaultSession(dir, header, masterKey, keys, db, options);
  }

  get vaultId(): string {
    return this.header.vaultId;
  }

  /** The vault's Ed25519 public key (hex): what a recipient checks custody signatures with. */
  get publicKey(): string {
    return this.signing.publicKey.toString('hex');
  }

  get signingPublicKey(): Buffer {
    return this.signing.publicKey;
  }

  /** The vault's X25519 public key (hex): what another vault encrypts a package to. */
  get receivingPublicKey(): string {
    return this.receiving.publicKey.toString('hex');
  }

  get isLocked(): boolean {
    return this.locked;
  }

  assertUnlocked(): void {
    if (this.locked) throw new ArchiveError('locked', 'the vault is locked; unlock it first');
  }

  /** Today's date (YYYY-MM-DD) by the session's clock. */
  today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /**
   * Signs with the vault's Ed25519 key. Engine-internal: only the custody log, package export and
   * the manifest seal of a dossier export call it; nothing outside the engine can reach it.
   */
  sign(message: Uint8Array): Buffer {
    this.assertUnlocked();
    return this.crypto.signDetached(message, this.signing.secretKey);
  }

  /** The vault's certificate for PDF signatures (made on first use, then kept in the catalog). */
  documentCertificate(): Promise<DocumentCertificate> {
    this.assertUnlocked();
    return this.documents.certificate();
  }

  /** A CMS signature of a dossier's PDF with the vault's document key. Engine-internal, like `sign`: only the manifest seal calls it. */
  signPdfContent(content: Uint8Array): Promise<Buffer> {
    this.assertUnlocked();
    return this.documents.signCms(content);
  }

  /** Opens a package sealed to this vault's receiving key. */
  openSealed(sealed: Uint8Array): Buffer | null {
    this.assertUnlocked();
    return this.crypto.boxSealOpen(sealed, this.receiving.publicKey, this.receiving.secretKey);
  }

  /** The vault folder's parts, for the sweep and the audit's look for stray entries. */
  get layout(): VaultLayout {
    return { dir: this.dir, blobDir: path.join(this.dir, BLOB_DIR), tempDir: path.join(this.dir, TEMP_DIR) };
  }

  /** Moves leftovers of interrupted imports into the quarantine folder (never deletes), under the catalog's write lock. */
  sweep(): SweepResult {
    this.assertUnlocked();
    return this.db.transaction(() => sweepAndRecord(this.layout, this.items.blobFileNames(), this.custody, this.vaultId)).immediate();
  }

  /** Moves these files (relative to the vault) into the quarantine folder with a custody event giving `reason`, under the write lock. */
  quarantine(relativePaths: string[], reason: string): void {
    this.assertUnlocked();
    this.db
      .transaction(() => {
        // Looked for under the write lock: another process's unlock sweep may have moved one already.
        const present = relativePaths.filter((relative) => existsSync(path.join(this.dir, relative)));
        quarantineAndRecord(this.layout, present, this.custody, this.vaultId, reason);
      })
      .immediate();
  }

  catalogIntegrity(): string {
    this.assertUnlocked();
    return integrityCheck(this.db);
  }

  /** A fresh signed checkpoint of the custody log, also kept beside the catalog. */
  writeCheckpoint(reason: string): Checkpoint {
    const checkpoint = this.db.transaction(() => this.custody.checkpoint(reason)).immediate();
    // While the catalog is suspect (e.g. older than the last checkpoint), the checkpoint beside it
    // is the evidence of that: never overwrite it with one that vouches for the suspect history.
    if (this.warnings.length === 0) {
      writeCheckpointFile(this.dir, checkpoint);
      this.checkpointedSeq = checkpoint.seq;
    }
    return checkpoint;
  }

  /** An older copy of the catalog put back in place shows here: its log ends before the last checkpoint. */
  private checkAgainstCheckpoint(): void {
    const found = readCheckpointFile(this.dir, this.vaultId, this.signing.publicKey, this.crypto, this.custody);
    if (found.problem) this.warnings.push(found.problem);
    if (found.seq !== null) this.checkpointedSeq = found.seq;
  }

  async changePassphrase(newPassphrase: string, options: { allowWeakPassphrase?: boolean } = {}): Promise<void> {
    this.assertUnlocked();
    const strength = await checkNewPassphrase(newPassphrase, options.allowWeakPassphrase);
    if (strength.weakAccepted)
      this.custody.record(
        'metadata-changed',
        { kind: 'vault', id: this.vaultId },
        { field: 'passphrase', weakPassphraseAccepted: true, passphraseScore: strength.score },
      );
    this.header = await rewrapPassphrase(this.dir, this.masterKey, newPassphrase, this.crypto);
  }

  async newRecoveryKey(): Promise<string> {
    this.assertUnlocked();
    const { header, recoveryKey } = await replaceRecoveryKey(this.dir, this.masterKey, this.crypto);
    this.header = header;
    return recoveryKey;
  }

  /** Wipes every key this session holds and closes the catalog. Idempotent. */
  lock(): void {
    if (this.locked) return;
    try {
      // A checkpoint on the way out, so a later swap of the catalog for an older copy shows.
      if (this.warnings.length === 0 && this.custody.head().seq > this.checkpointedSeq) this.writeCheckpoint('lock');
      // (With warnings, nothing is written: the old checkpoint stays as the evidence.)
    } finally {
      this.replica.close();
      // Even when the checkpoint cannot be written (a full disk), the keys are wiped.
      this.locked = true;
      this.db.close();
      this.crypto.memzero(this.signing.secretKey);
      this.crypto.memzero(this.receiving.secretKey);
      wipeVaultKeys(this.crypto, this.keys);
      this.crypto.memzero(this.masterKey);
    }
  }
}
