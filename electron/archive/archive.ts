import { advanceBates, nextBates } from './dossier/bates-counter.ts';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type {
  CaseDetail,
  CaseSummary,
  IntegritySummary,
  PersonDetail,
  PowerOfAttorney,
  SearchHit,
  SearchPage,
} from '../../shared/model.ts';
import {
  Acquisition,
  CasePersonLink,
  CaseStatusInput,
  DERIVATIONS,
  ItemLink,
  Withdrawal,
  PartialDate,
  PowerOfAttorneyInput,
  SourceInput,
  TimelineEventInput,
  FullCaseInput,
  ItemMetadata,
  SearchPageQuery,
  SearchQuery,
} from '../../shared/schemas.ts';
import { auditHasherPool, BlobStore, type ByteSource, type WriteOptions } from './blobs/store.ts';
import { CaseQueries } from './catalog/cases.ts';
import { integrityCheck, openCatalog, type Database } from './catalog/database.ts';
import { ItemQueries, type StoredItem } from './catalog/items.ts';
import { PersonQueries } from './catalog/persons.ts';
import { CaseRecordQueries } from './catalog/case-records.ts';
import { SearchIndex } from './search/index.ts';
import { refoldIfStale } from './search/refold.ts';
import * as casework from './casework/index.ts';
import { suggestItemType } from '../../shared/item-type.ts';
import { expandPath } from './ingest/expand.ts';
import { nativePrimitives, type Primitives } from './crypto/index.ts';
import { CustodyLog, type Checkpoint, type CustodyEvent, type CustodySubject } from './custody/log.ts';
import { checkpointSignatureValid, compareWithCheckpoint, verifyEvents, type Problem } from './custody/verify-log.ts';
import { ArchiveError, IntegrityError, isArchiveError } from './errors.ts';
import { writeFileAtomicSync } from './fs-durable.ts';
import { assertOutsideVault } from './exports.ts';
import { sniffMimeType } from './ingest/sniff.ts';
import { openRegularFile, stableSource } from './ingest/regular-file.ts';
import { auditBlobs, lastAuditFrom, sampleBlobs, type AuditProblem, type AuditProgress, type LastAudit } from './integrity/audit.ts';
import { exportBag, type BagExportOptions, type BagExportResult } from './integrity/bag-export.ts';
import { importBag, type BagImportOptions, type BagImportResult } from './integrity/bag-import.ts';
import { exportPackage, importPackage, type PackageExportResult, type PackageImportResult } from './integrity/package.ts';
import { carriedPerson, personIdsOf, type CarriedPerson } from './integrity/case-records.ts';
import { extractText } from './ingest/extract.ts';
import { VaultUsers } from './users/vault-users.ts';
import { AddressBook } from './users/address-book.ts';
import { IntegrityFindings } from './audit/findings.ts';
import { ReplicaLink } from './replica/link.ts';
import { deriveVaultKeys, wipeVaultKeys, type VaultKeys } from './vault/keys.ts';
import { checkNewPassphrase } from './vault/passphrase-policy.ts';
import { purgeAndRecord, sweepAndRecord, unknownEntryProblems } from './vault/sweep.ts';
import { listQuarantine, type QuarantineEntry, type SweepResult } from './vault/quarantine.ts';
import type { VaultHeader } from './vault/header.ts';
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
} from './vault/vault.ts';

export interface ArchiveOptions {
  crypto?: Primitives;
  kdf?: KdfLevel;
  /** Accept a passphrase rated guessable (the CLI's explicit override); the custody log records it. */
  allowWeakPassphrase?: boolean;
}

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
  /** Set by deriveItem: the new item is a redaction, transcript or translation of another. */
  derivedFrom?: { itemId: string; derivation: string };
  /** The SHA-256 a manifest promises: bytes that hash otherwise are refused before anything is recorded. */
  expectedSha256?: string;
}

/** A full fixity audit is due this often unless the archivist sets another schedule. */
export const DEFAULT_AUDIT_EVERY_DAYS = 30;
const DAY_MS = 86_400_000;
/** Powers of attorney ending within this many days are flagged as expiring. */
export const POA_WARNING_DAYS = 30;
const today = () => new Date().toISOString().slice(0, 10);
/** Types whose text is extracted for search, and the size above which extraction is skipped (it runs in memory). */
const EXTRACTABLE = /^(application\/pdf|text\/plain|application\/zip)$/;
const MAX_EXTRACT_BYTES = 64 * 1024 * 1024;

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

export const parseInput = casework.parseWith;

/** The last signed checkpoint, kept beside the catalog so an older copy of the catalog is caught. */
export const CHECKPOINT_FILE = 'custody-checkpoint.json';

export interface VerifyReport {
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

export interface VerifyOptions {
  onProgress?: (doneBytes: number, totalBytes: number, progress: AuditProgress) => void;
  /** Check every event's own signature, even those a signed checkpoint vouches for. */
  allSignatures?: boolean;
  /** Decrypt and re-hash only this percentage of the blobs, drawn at random (the log is always checked whole). */
  sample?: number;
}

export function currentActor(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return `unknown@${os.hostname()}`;
  }
}

/**
 * An unlocked vault: the one object that holds keys. Everything the CLI, the IPC handlers and the
 * browser bridge do goes through here. `lock()` wipes every key and closes the catalog.
 */
export class Archive {
  private locked = false;
  private readonly cases: CaseQueries;
  private readonly items: ItemQueries;
  private readonly blobs: BlobStore;
  private readonly persons: PersonQueries;
  private readonly records: CaseRecordQueries;
  private readonly search: SearchIndex;
  private readonly custody: CustodyLog;
  /** The vault's named users: who the custody log and dossiers say acted (users/vault-users.ts). */
  readonly users: VaultUsers;
  /** Colleagues' pinned vault keys (users/address-book.ts). */
  readonly contacts: AddressBook;
  /** What the last failed audit found and what was done about it (audit/findings.ts). */
  readonly findings: IntegrityFindings;
  private readonly signing: { publicKey: Buffer; secretKey: Buffer };
  /** X25519 key pair that packages from other vaults are sealed to (docs/package-format.md). */
  private readonly receiving: { publicKey: Buffer; secretKey: Buffer };
  private checkpointedSeq = 0;
  /** The replica folder this vault writes every commit into (docs/replica.md). */
  readonly replica: ReplicaLink;
  /** Problems found on unlock (e.g. a catalog older than the last checkpoint); `verify` reports them too. */
  readonly warnings: Problem[] = [];
  /** Entries in the vault folder that are not Custodia's (relative paths), found at unlock and left alone. */
  readonly strayEntries: string[] = [];

  readonly dir: string;
  private header: VaultHeader;
  private readonly masterKey: Buffer;
  private readonly keys: VaultKeys;
  private readonly db: Database;
  private readonly crypto: Primitives;

  private constructor(dir: string, header: VaultHeader, masterKey: Buffer, keys: VaultKeys, db: Database, crypto: Primitives) {
    this.dir = dir;
    this.header = header;
    this.masterKey = masterKey;
    this.keys = keys;
    this.db = db;
    this.crypto = crypto;
    this.cases = new CaseQueries(db);
    this.items = new ItemQueries(db);
    this.persons = new PersonQueries(db);
    this.records = new CaseRecordQueries(db);
    this.search = new SearchIndex(db);
    refoldIfStale(db); // a vault indexed by an older folding is indexed again
    this.blobs = new BlobStore(
      path.join(dir, BLOB_DIR),
      path.join(dir, TEMP_DIR),
      { contentKey: keys.blobContent, nameKey: keys.blobNames },
      crypto,
    );
    this.signing = crypto.signKeypairFromSeed(keys.signingSeed);
    this.receiving = crypto.boxKeypairFromSeed(keys.receivingSeed);
    const signer = { publicKey: this.signing.publicKey, sign: (message: Buffer) => crypto.signDetached(message, this.signing.secretKey) };
    this.custody = new CustodyLog(db, signer, () => this.users.actor() ?? currentActor(), header.vaultId);
    this.users = new VaultUsers(db, this.custody, () => this.vaultId);
    this.contacts = new AddressBook(db);
    this.findings = new IntegrityFindings(db, this.custody);
    this.replica = new ReplicaLink(
      { vaultDir: dir, vaultId: header.vaultId, db, keys: { crypto, key: keys.replica, ...signer } },
      this.custody,
    );
  }

  static async create(dir: string, passphrase: string, options: ArchiveOptions = {}): Promise<{ archive: Archive; recoveryKey: string }> {
    const crypto = options.crypto ?? nativePrimitives;
    const strength = await checkNewPassphrase(passphrase, options.allowWeakPassphrase);
    const created = await createVaultHeader(dir, passphrase, crypto, options.kdf);
    const archive = Archive.open(dir, created.header, created.masterKey, crypto);
    archive.db.transaction(() => {
      archive.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', created.header.vaultId);
      archive.custody.append(
        'vault-created',
        { kind: 'vault', id: created.header.vaultId },
        {
          publicKey: archive.publicKey,
          ...(strength.weakAccepted ? { weakPassphraseAccepted: true, passphraseScore: strength.score } : {}),
        },
      );
    })();
    // The header is written last: a folder without it is not a vault, so a failed create leaves nothing half-made.
    await commitHeader(dir, created.header);
    return { archive, recoveryKey: created.recoveryKey };
  }

  static async unlock(dir: string, unlocker: Unlocker, options: ArchiveOptions = {}): Promise<Archive> {
    const crypto = options.crypto ?? nativePrimitives;
    const { header, masterKey } = await unlockMasterKey(dir, unlocker, crypto);
    const archive = Archive.open(dir, header, masterKey, crypto);
    const boundTo = archive.db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").pluck().get();
    if (boundTo !== header.vaultId) {
      archive.lock();
      throw new ArchiveError('integrity', 'the catalog belongs to another vault');
    }
    archive.strayEntries.push(...archive.sweep().unknown);
    archive.checkAgainstCheckpoint();
    return archive;
  }

  private static open(dir: string, header: VaultHeader, masterKey: Buffer, crypto: Primitives): Archive {
    const keys = deriveVaultKeys(crypto, masterKey);
    let db: Database;
    try {
      db = openCatalog(path.join(dir, CATALOG_FILE), keys.catalog);
    } catch (error) {
      wipeVaultKeys(crypto, keys);
      crypto.memzero(masterKey);
      throw error;
    }
    return new Archive(dir, header, masterKey, keys, db, crypto);
  }

  get vaultId(): string {
    return this.header.vaultId;
  }

  /** The vault's Ed25519 public key (hex): what a recipient checks custody signatures with. */
  get publicKey(): string {
    return this.signing.publicKey.toString('hex');
  }

  /** The vault's X25519 public key (hex): what another vault encrypts a package to. */
  get receivingPublicKey(): string {
    return this.receiving.publicKey.toString('hex');
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Moves leftovers of interrupted imports into the quarantine folder (never deletes), under the catalog's write lock. */
  sweep(): SweepResult {
    this.assertUnlocked();
    const layout = { dir: this.dir, blobDir: path.join(this.dir, BLOB_DIR), tempDir: path.join(this.dir, TEMP_DIR) };
    return this.db.transaction(() => sweepAndRecord(layout, this.items.blobFileNames(), this.custody, this.vaultId)).immediate();
  }

  /** What the unlock sweeps moved into the quarantine folder (`custodia quarantine list`). */
  quarantine(): QuarantineEntry[] {
    this.assertUnlocked();
    return listQuarantine(this.dir);
  }

  /** Deletes the quarantine folder's contents at the user's request; a custody event records it. */
  purgeQuarantine(): { files: number; bytes: number } {
    this.assertUnlocked();
    return purgeAndRecord(this.dir, (details) => this.custody.record('quarantine-purged', { kind: 'vault', id: this.vaultId }, details));
  }

  addCase(input: unknown): string {
    this.assertUnlocked();
    const parsed = parseInput(FullCaseInput, input);
    return this.db.transaction(() => {
      const id = this.cases.add(parsed);
      this.custody.append(
        'case-created',
        { kind: 'case', id },
        { status: parsed.status ?? null, charges: (parsed.charges ?? []).map((c) => c.article) },
      );
      this.indexCase(id);
      return id;
    })();
  }

  /** Records a new status; the history keeps every earlier one. */
  setCaseStatus(caseId: string, input: unknown): void {
    this.assertUnlocked();
    const { status, statusOther, statusSince } = parseInput(CaseStatusInput, input);
    this.db.transaction(() => {
      const before = this.cases.get(caseId).status;
      this.cases.addStatus(caseId, { status, statusOther: statusOther ?? null, since: statusSince ?? null });
      this.custody.append(
        'metadata-changed',
        { kind: 'case', id: caseId },
        { field: 'status', old: before, new: status, since: statusSince ?? null },
      );
    })();
  }

  listCases(): CaseSummary[] {
    this.assertUnlocked();
    return this.cases.list();
  }

  getCase(id: string, options: { includeWithdrawn?: boolean } = {}): CaseDetail {
    this.assertUnlocked();
    const detail = this.cases.detail(id);
    return {
      ...detail,
      items: this.items.listByCase(id, options).map(({ blob: _blob, ...item }) => item),
      timeline: this.records.timeline(id),
      powersOfAttorney: this.records.powersOfAttorney({ caseId: id, today: today(), warnDays: POA_WARNING_DAYS }),
      sources: this.records.sources(id),
    };
  }

  /** Links an item to another case or to a person (the file stays where it is, stored once). */
  linkItem(input: unknown): void {
    this.assertUnlocked();
    const { itemId, caseId, personId } = parseInput(ItemLink, input);
    this.db.transaction(() => {
      this.items.get(itemId);
      if (caseId) {
        this.cases.get(caseId);
        if (this.items.linkCase(itemId, caseId)) this.custody.append('linked', { kind: 'item', id: itemId }, { case: caseId });
      } else if (personId) {
        this.persons.get(personId);
        if (this.items.linkPerson(itemId, personId)) this.custody.append('linked', { kind: 'item', id: itemId }, { person: personId });
      }
    })();
  }

  unlinkItem(input: unknown): void {
    this.assertUnlocked();
    const { itemId, caseId, personId } = parseInput(ItemLink, input);
    this.db.transaction(() => {
      const removed = caseId ? this.items.unlinkCase(itemId, caseId) : this.items.unlinkPerson(itemId, personId!);
      if (!removed) throw new ArchiveError('not-found', `item ${itemId} is not linked to that ${caseId ? 'case' : 'person'}`);
      this.custody.append('unlinked', { kind: 'item', id: itemId }, caseId ? { case: caseId } : { person: personId! });
    })();
  }

  /** Takes an item out of the working views. Nothing is deleted: the file, the record and its history stay. */
  withdrawItem(input: unknown): void {
    this.assertUnlocked();
    const { itemId, reason } = parseInput(Withdrawal, input);
    this.db.transaction(() => {
      this.items.get(itemId);
      if (!this.items.withdraw(itemId, reason)) throw new ArchiveError('validation', `item ${itemId} is already withdrawn`);
      this.custody.append('withdrawn', { kind: 'item', id: itemId }, { reason });
    })();
  }

  addTimelineEvent(input: unknown): string {
    this.assertUnlocked();
    const parsed = parseInput(TimelineEventInput, input);
    return this.db.transaction(() => {
      this.cases.get(parsed.caseId);
      for (const itemId of parsed.itemIds) this.items.get(itemId);
      for (const personId of parsed.personIds) this.persons.get(personId);
      const id = this.records.addTimelineEvent(parsed);
      this.custody.append(
        'metadata-changed',
        { kind: 'case', id: parsed.caseId },
        { field: 'timeline', added: id, kind: parsed.kind, date: parsed.date },
      );
      return id;
    })();
  }

  addPowerOfAttorney(input: unknown): string {
    this.assertUnlocked();
    const parsed = parseInput(PowerOfAttorneyInput, input);
    return this.db.transaction(() => {
      this.cases.get(parsed.caseId);
      this.persons.get(parsed.grantorPersonId);
      if (parsed.itemId) this.items.get(parsed.itemId);
      const id = this.records.addPowerOfAttorney(parsed);
      this.custody.append(
        'metadata-changed',
        { kind: 'case', id: parsed.caseId },
        { field: 'power-of-attorney', added: id, validUntil: parsed.validUntil ?? null },
      );
      if (parsed.itemId) this.custody.append('linked', { kind: 'item', id: parsed.itemId }, { powerOfAttorney: id });
      return id;
    })();
  }

  revokePowerOfAttorney(id: string, revokedAt: string = today()): void {
    this.assertUnlocked();
    const date = parseInput(PartialDate, revokedAt);
    this.db.transaction(() => {
      this.records.revokePowerOfAttorney(id, date);
      const poa = this.records.powersOfAttorney({ today: today(), warnDays: 0 }).find((p) => p.id === id)!;
      this.custody.append(
        'metadata-changed',
        { kind: 'case', id: poa.caseId },
        { field: 'power-of-attorney', revoked: id, revokedAt: date },
      );
    })();
  }

  /** Every power of attorney, or those ending within `days` (already expired ones included). */
  powersOfAttorney(options: { expiringWithinDays?: number } = {}): PowerOfAttorney[] {
    this.assertUnlocked();
    const warnDays = options.expiringWithinDays ?? POA_WARNING_DAYS;
    const all = this.records.powersOfAttorney({ today: today(), warnDays });
    return options.expiringWithinDays === undefined ? all : all.filter((p) => p.state === 'expiring' || p.state === 'expired');
  }

  addSource(input: unknown): string {
    this.assertUnlocked();
    const parsed = parseInput(SourceInput, input);
    return this.db.transaction(() => {
      this.cases.get(parsed.caseId);
      if (parsed.archivedItemId) this.items.get(parsed.archivedItemId);
      const id = this.records.addSource(parsed);
      this.custody.append('metadata-changed', { kind: 'case', id: parsed.caseId }, { field: 'sources', added: id, url: parsed.url });
      return id;
    })();
  }

  /**
   * Imports a redaction, transcript or translation of an item as a new item linked to it. The
   * original is not touched; a `derived` event is written to the original's custody history.
   */
  async deriveItem(originalId: string, filePath: string, derivation: string, options: ImportOptions = {}): Promise<ImportResult> {
    this.assertUnlocked();
    const original = this.items.get(originalId);
    const kind = parseInput(z.enum(DERIVATIONS), derivation);
    return this.importFile(original.caseId, filePath, { ...options, derivedFrom: { itemId: originalId, derivation: kind } });
  }

  addPerson(input: unknown, link?: { caseId: string; role: string }): string {
    this.assertUnlocked();
    return casework.addPerson(this.parts, { person: input, ...(link ? { link } : {}) });
  }

  linkPerson(input: unknown): void {
    this.assertUnlocked();
    const { caseId, personId, role } = parseInput(CasePersonLink, input);
    this.db.transaction(() => casework.linkPersonToCase(this.parts, caseId, personId, role))();
  }

  // The case record's edits (app forms and CLI); the work is in casework/.
  editCase = (input: unknown) => casework.editCase(this.unlockedParts(), input);
  addPersonRecord = (input: unknown) => casework.addPerson(this.unlockedParts(), input);
  unlinkPerson = (input: unknown) => casework.unlinkPersonFromCase(this.unlockedParts(), input);
  editPerson = (input: unknown) => casework.editPerson(this.unlockedParts(), input);
  findPersons = (input: unknown) => casework.findPersons(this.unlockedParts(), input);
  mergePersons = (input: unknown) => casework.mergePersons(this.unlockedParts(), input);
  editTimelineEvent = (input: unknown) => casework.editTimelineEvent(this.unlockedParts(), input);
  editItem = (input: unknown) => casework.editItem(this.unlockedParts(), input);
  saveItemCopy = (itemId: string, folder: string) =>
    casework.saveItemCopy(this.unlockedParts(), (id) => this.readItem(id), this.dir, itemId, folder);

  private get parts(): casework.CaseworkParts {
    const { db, cases, items, persons, records, search, custody } = this;
    return { db, cases, items, persons, records, search, custody };
  }

  private unlockedParts(): casework.CaseworkParts {
    this.assertUnlocked();
    return this.parts;
  }

  getPerson(id: string): PersonDetail {
    this.assertUnlocked();
    return this.persons.get(id);
  }

  /** An item's extracted text as indexed for search ('' when it has none): dossiers check it for protected names. */
  indexedText(itemId: string): string {
    this.assertUnlocked();
    return this.search.text('item', itemId);
  }

  searchAll(input: unknown): SearchHit[] {
    this.assertUnlocked();
    const { query, kinds, filters, limit } = parseInput(SearchQuery, input);
    return this.search.search(query, { kinds, filters, limit });
  }

  searchPage(input: unknown): SearchPage {
    this.assertUnlocked();
    return this.search.page(parseInput(SearchPageQuery, input));
  }

  getItem(id: string): StoredItem {
    this.assertUnlocked();
    return this.items.get(id);
  }

  /**
   * Hashes and encrypts a file into the vault in one pass; the catalog row, its provenance and
   * its custody events commit in one transaction once the blob is durable.
   */
  async importFile(caseId: string, filePath: string, options: ImportOptions = {}): Promise<ImportResult> {
    this.assertUnlocked();
    this.cases.get(caseId);
    parseInput(ItemMetadata, options.metadata ?? {});
    if (options.acquisition) parseInput(Acquisition, options.acquisition);
    const file = path.resolve(filePath);
    // Opened once, no link followed, a regular file; a file that changes while read is refused.
    const opened = await openRegularFile(file, { label: filePath });
    const origin = { originalName: path.basename(file), modifiedAt: new Date(opened.mtimeMs).toISOString(), label: filePath };
    return this.importSource(caseId, stableSource(opened, filePath), origin, options);
  }

  /**
   * The import itself, for a file or for bytes pushed by the renderer (an upload). The source is
   * closed in every case; nothing is recorded unless the whole content is durable.
   */
  async importSource(caseId: string, source: ByteSource, origin: ImportOrigin, options: ImportOptions = {}): Promise<ImportResult> {
    let metadata: ItemMetadata;
    let acquisition: Acquisition | null;
    try {
      this.assertUnlocked();
      this.cases.get(caseId);
      metadata = parseInput(ItemMetadata, options.metadata ?? {});
      acquisition = options.acquisition ? parseInput(Acquisition, options.acquisition) : null;
    } catch (error) {
      await source.close();
      throw error;
    }
    const pending = await this.blobs.write(source, options);
    if (options.expectedSha256 && pending.sha256 !== options.expectedSha256) {
      await this.blobs.discard(pending);
      throw new IntegrityError(
        `${origin.label} does not match its manifest (SHA-256 ${pending.sha256}, expected ${options.expectedSha256}); nothing was imported from it`,
      );
    }
    const mimeType = sniffMimeType(pending.head);
    pending.head.fill(0);
    if ((options.metadata as { type?: unknown } | undefined)?.type === undefined)
      metadata.type = suggestItemType(mimeType, origin.originalName);
    const filePath = origin.label;
    this.assertUnlocked();
    const originalName = origin.originalName;
    const existingInCase = this.items.findInCase(caseId, pending.sha256);
    if (existingInCase) {
      await this.blobs.discard(pending);
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
      if (acquisition) this.custody.append('acquired', { kind: 'item', id }, { ...acquisition });
      this.custody.append(
        'imported',
        { kind: 'item', id },
        { ...imported, ...extra, ...(options.derivedFrom ? { derivedFrom: options.derivedFrom.itemId } : {}) },
      );
      if (options.derivedFrom) {
        this.custody.append(
          'derived',
          { kind: 'item', id: options.derivedFrom.itemId },
          { derivedItem: id, derivation: options.derivedFrom.derivation, sha256: pending.sha256 },
        );
      }
      casework.indexItem(
        this.parts,
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
    const sameContent = this.items.findBlobBySha256(pending.sha256);
    if (sameContent) {
      // Stored once: the new item points at the blob already in the vault.
      await this.blobs.discard(pending);
      const duplicateOf = this.items.itemIdsOfBlob(sameContent.blobId)[0] ?? null;
      this.db
        .transaction(() => {
          this.items.insertItem({ ...row, blobId: sameContent.blobId });
          record({ duplicateOf });
        })
        .immediate();
    } else {
      try {
        this.db
          .transaction(() => {
            this.blobs.commitSync(pending);
            this.items.insertBlob(pending);
            this.items.insertItem({ ...row, blobId: pending.blobId });
            record({});
          })
          .immediate();
      } catch (error) {
        this.blobs.removeSync(pending);
        await this.blobs.discard(pending);
        throw error;
      }
    }
    await this.indexText(id, mimeType, pending.size);
    return { id, sha256: pending.sha256, file: filePath, size: pending.size, mimeType, duplicate: false };
  }

  /**
   * Extracts the text of a PDF, plain-text or DOCX item for search, from the decrypted bytes in
   * memory (never a temp file). A failure is recorded on the item and never fails the import.
   */
  private async indexText(id: string, mimeType: string, size: number): Promise<void> {
    if (!EXTRACTABLE.test(mimeType)) return;
    let result: { text: string; error: string | null };
    if (size > MAX_EXTRACT_BYTES) {
      result = { text: '', error: `too large for text extraction (${(size / 1e6).toFixed(0)} MB)` };
    } else {
      const parts: Buffer[] = [];
      for await (const part of this.readItem(id)) parts.push(part);
      const bytes = Buffer.concat(parts);
      result = await extractText(bytes, mimeType);
      bytes.fill(0);
    }
    this.assertUnlocked();
    const item = this.items.get(id);
    this.db.transaction(() => {
      this.items.setExtractionError(id, result.error);
      if (result.text) casework.indexItem(this.parts, id, item, result.text);
    })();
  }

  /**
   * Imports files and whole folders (recursively, in name order), one file at a time. A file that
   * fails is reported with its reason and the rest go on; cancelling stops before the next file.
   */
  async importPaths(caseId: string, paths: string[], options: BatchImportOptions = {}): Promise<BatchImportEntry[]> {
    this.assertUnlocked();
    this.cases.get(caseId);
    const files: Array<{ file: string; size: number; refused?: string }> = [];
    for (const given of paths) files.push(...(await expandPath(given)));
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const results: BatchImportEntry[] = [];
    let doneBytes = 0;
    for (const [index, { file, size, refused }] of files.entries()) {
      if (options.signal?.aborted) {
        const entry: BatchImportEntry = { file, status: 'failed', reason: 'cancelled before it started' };
        results.push(entry);
        options.onEntry?.(entry);
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
        const entry: BatchImportEntry = { file, status: result.duplicate ? 'duplicate' : 'imported', result };
        results.push(entry);
        options.onEntry?.(entry);
      } catch (error) {
        if (!isArchiveError(error) && !(error instanceof Error && 'code' in error)) throw error;
        const entry: BatchImportEntry = { file, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
        results.push(entry);
        options.onEntry?.(entry);
      }
      doneBytes += size;
    }
    return results;
  }

  private indexCase(id: string): void {
    casework.indexCase(this.parts, id);
  }

  /** Streams the plaintext of an item (bytes start..endInclusive), authenticated chunk by chunk. */
  readItem(id: string, start?: number, endInclusive?: number): AsyncGenerator<Buffer> {
    this.assertUnlocked();
    const item = this.items.get(id);
    return this.blobs.read(item.blob, `item ${id} (${item.originalName})`, start, endInclusive);
  }

  /** Decrypts the whole item and compares its SHA-256 with the one recorded at import. */
  async verifyItem(id: string): Promise<{ ok: boolean; sha256: string; expected: string }> {
    this.assertUnlocked();
    const item = this.items.get(id);
    let sha256: string;
    try {
      sha256 = await this.blobs.hash(item.blob, `item ${id} (${item.originalName})`);
    } catch (error) {
      if (error instanceof IntegrityError) this.custody.record('verified', { kind: 'item', id }, { ok: false, problem: error.message });
      throw error;
    }
    const ok = sha256 === item.sha256;
    this.custody.record('verified', { kind: 'item', id }, { ok, sha256 });
    return { ok, sha256, expected: item.sha256 };
  }

  /** Records that an item was opened or read out (the viewer, `custodia item cat`). */
  recordView(id: string, via: string): void {
    this.assertUnlocked();
    this.items.get(id);
    this.custody.record('viewed', { kind: 'item', id }, { via });
  }

  /** The custody history of a case: events about the case, its people and its items, in order. */
  caseCustody(caseId: string): CustodyEvent[] {
    this.assertUnlocked();
    const subjects: CustodySubject[] = [
      { kind: 'case', id: caseId },
      ...this.items.listByCase(caseId, { includeWithdrawn: true }).map((item) => ({ kind: 'item' as const, id: item.id })),
      ...this.cases.detail(caseId).persons.map((person) => ({ kind: 'person' as const, id: person.personId })),
    ];
    return this.custody.listForSubjects(subjects);
  }

  /** The custody events of one item, or of the whole vault. */
  custodyEvents(itemId?: string): CustodyEvent[] {
    this.assertUnlocked();
    if (itemId) this.items.get(itemId);
    return this.custody.list(itemId ? ({ kind: 'item', id: itemId } satisfies CustodySubject) : undefined);
  }

  /**
   * Full audit: every custody event (hash, link, signature), the last checkpoint, every blob
   * decrypted and re-hashed against its recorded SHA-256, and files the catalog does not know.
   * The audit is itself recorded, and a fresh checkpoint is written.
   */
  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    this.assertUnlocked();
    const started = performance.now();
    const startedAt = new Date().toISOString();
    // Fast path: events up to the newest valid signed checkpoint are authenticated through the hash
    // chain; only later events have their own signatures checked. Any problem (or --all-signatures)
    // means a full pass over every signature, so each bad event is named precisely.
    const latest = this.custody.latestCheckpoint();
    const anchor =
      !options.allSignatures && latest && checkpointSignatureValid(latest, this.signing.publicKey, this.crypto) ? latest : undefined;
    let log = verifyEvents(this.custody.iterate(), this.signing.publicKey, this.crypto, anchor);
    if (anchor && log.problems.length > 0) log = verifyEvents(this.custody.iterate(), this.signing.publicKey, this.crypto);
    const problems: AuditProblem[] = [...this.warnings, ...log.problems];
    const allBlobs = this.items.allBlobs();
    const blobs = sampleBlobs(allBlobs, options.sample).map((blob) => ({ ...blob, itemId: this.items.itemIdsOfBlob(blob.blobId)[0] }));
    const totalBytes = blobs.reduce((sum, blob) => sum + blob.size, 0);
    const hashers = auditHasherPool();
    try {
      problems.push(
        ...(await auditBlobs(
          blobs,
          (blob, label, onBytes) => this.blobs.hash(blob, label, onBytes, hashers),
          (progress) => options.onProgress?.(progress.doneBytes, progress.totalBytes, progress),
        )),
      );
    } finally {
      await hashers.close();
    }
    this.assertUnlocked();
    problems.push(
      ...unknownEntryProblems(
        { dir: this.dir, blobDir: path.join(this.dir, BLOB_DIR), tempDir: path.join(this.dir, TEMP_DIR) },
        this.items.blobFileNames(),
      ),
    );
    // SQLite's own check finds damage that no query has touched yet (an index page, a free page).
    let catalog: string;
    try {
      catalog = integrityCheck(this.db);
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
    const event = this.custody.record(
      'verified',
      { kind: 'vault', id: this.vaultId },
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
    this.writeCheckpoint('verify');
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
      finishedAt: new Date().toISOString(),
      durationMs,
      bytesPerSecond,
      auditEvent: event.seq,
    };
  }

  /** The newest audit recorded in the custody log (when, what, result), or null if the vault was never audited. */
  lastAudit(): LastAudit | null {
    this.assertUnlocked();
    return lastAuditFrom(this.custody.list({ kind: 'vault', id: this.vaultId }));
  }

  /** How often the archivist wants a full audit, in days (0: no schedule); kept in the encrypted catalog. */
  auditScheduleDays(): number {
    this.assertUnlocked();
    const stored = this.db.prepare("SELECT value FROM meta WHERE key = 'audit_every_days'").pluck().get() as string | undefined;
    return stored === undefined ? DEFAULT_AUDIT_EVERY_DAYS : Number(stored);
  }

  /** The integrity dashboard: the last audit, the schedule, and when a full audit is due (now, if never). */
  integritySummary(): IntegritySummary {
    const last = this.lastAudit();
    const everyDays = this.auditScheduleDays();
    const now = Date.now();
    const lastFull = last?.mode === 'full' ? Date.parse(last.time) : null;
    const due = everyDays === 0 ? null : lastFull === null ? now : lastFull + everyDays * DAY_MS;
    return {
      lastAudit: last ? { seq: last.seq, time: last.time, actor: last.actor, ok: last.ok, mode: last.mode } : null,
      everyDays,
      dueAt: due === null ? null : new Date(due).toISOString(),
      overdue: due !== null && (lastFull === null || now > due),
    };
  }

  setAuditScheduleDays(days: number): void {
    this.assertUnlocked();
    if (!Number.isInteger(days) || days < 0 || days > 3650) throw new ArchiveError('validation', 'the audit schedule is 0 to 3650 days');
    this.db
      .prepare("INSERT INTO meta (key, value) VALUES ('audit_every_days', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(String(days));
  }

  /** A BagIt bag (RFC 8493) of one case or of every case; PLAINTEXT, written beside `out` and renamed when complete. */
  async exportBag(options: BagExportOptions & { caseId?: string }): Promise<BagExportResult> {
    this.assertUnlocked();
    assertOutsideVault(options.out, this.dir, 'a bag (plaintext)');
    const caseIds = options.caseId ? [this.cases.get(options.caseId).id] : this.cases.list().map((c) => c.id);
    const cases = caseIds.map((id) => this.getCase(id));
    const items = [...new Map(cases.flatMap((c) => c.items).map((item) => [item.id, item])).values()];
    const scope = options.caseId ? 'subjects' : 'vault';
    return exportBag(
      {
        vaultId: this.vaultId,
        publicKey: this.publicKey,
        scope,
        cases,
        persons: this.carriedPersons(cases),
        items,
        readItem: (id) => this.readItem(id),
        recordExported: (bag) => {
          this.assertUnlocked();
          const details = { what: 'bag', to: bag.name, bag: bag.externalIdentifier };
          this.recordExported({ cases: caseIds, items: items.map((item) => item.id) }, details);
          return this.writeCheckpoint('bag export');
        },
        custodyEvents: () =>
          scope === 'vault'
            ? this.custody.iterate()
            : [...new Map(caseIds.flatMap((id) => this.caseCustody(id)).map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq),
      },
      options,
    );
  }

  /** The case, its items and their custody history, encrypted to another vault's receiving key and signed by this one. */
  async exportPackage(caseId: string, recipientKey: string, out: string): Promise<PackageExportResult> {
    this.assertUnlocked();
    assertOutsideVault(out, this.dir, 'a package');
    const caseDetail = this.getCase(caseId);
    return exportPackage(
      {
        crypto: this.crypto,
        vaultId: this.vaultId,
        signingKey: this.publicKey,
        receivingKey: this.receivingPublicKey,
        caseDetail,
        persons: this.carriedPersons([caseDetail]),
        readItem: (id) => this.readItem(id),
        recordExported: (details) => {
          this.recordExported({ cases: [caseId], items: caseDetail.items.map((item) => item.id) }, details);
          const checkpoint = this.writeCheckpoint('package export');
          return { events: this.caseCustody(caseId), checkpoint };
        },
        sign: (message) => this.crypto.signDetached(message, this.signing.secretKey),
      },
      recipientKey,
      out,
    );
  }

  /** Imports a package sealed to this vault: sender's signature and every hash checked first; twice is a no-op. */
  async importPackage(file: string, options: { expectedSender?: string } = {}): Promise<PackageImportResult> {
    this.assertUnlocked();
    return importPackage(
      {
        crypto: this.crypto,
        vaultId: this.vaultId,
        receivingKey: this.receivingPublicKey,
        openSealed: (sealed) => this.crypto.boxSealOpen(sealed, this.receiving.publicKey, this.receiving.secretKey),
        importedBefore: (packageId) => {
          const earlier = this.custody
            .list({ kind: 'vault', id: this.vaultId })
            .find((e) => e.action === 'received' && e.details.package === packageId);
          return earlier ? String(earlier.details.case) : null;
        },
        addCase: (input) => this.addCase(input),
        records: this,
        transaction: (fn) => this.db.transaction(fn)(),
        importItem: (caseId, source, origin, importOptions) => this.importSource(caseId, source, origin, importOptions),
        recordReceived: (entries) => this.recordReceived(entries),
      },
      file,
      options,
    );
  }

  /** The full records of the people these cases name, for an export to carry (without their other cases). */
  private carriedPersons(cases: CaseDetail[]): CarriedPerson[] {
    const ids = new Set(cases.flatMap(personIdsOf));
    return [...ids].map((id) => carriedPerson(this.persons.get(id)));
  }

  private recordReceived(entries: Array<{ subject: CustodySubject; details: Record<string, unknown> }>): void {
    this.db.transaction(() => {
      for (const entry of entries) this.custody.append('received', entry.subject, entry.details);
    })();
  }

  /** Imports a valid bag into a case (or a new case described by our own bag), with a `received` event per item. */
  async importBag(dir: string, options: BagImportOptions = {}): Promise<BagImportResult> {
    this.assertUnlocked();
    return importBag(
      {
        crypto: this.crypto,
        vaultId: this.vaultId,
        caseExists: (id) => void this.cases.get(id),
        addCase: (input) => this.addCase(input),
        records: this,
        transaction: (fn) => this.db.transaction(fn)(),
        importedBefore: (bag) => {
          const earlier = this.custody
            .list({ kind: 'vault', id: this.vaultId })
            .find((e) => e.action === 'received' && e.details.via === 'bag' && e.details.bagKey === bag);
          return earlier ? String(earlier.details.case) : null;
        },
        importFile: async (caseId, file, { originalName, ...importOptions }) =>
          this.importSource(
            caseId,
            // Opened once without following links, and only if it really lies inside the bag.
            stableSource(await openRegularFile(file, { label: originalName, inside: dir }), originalName),
            { originalName, modifiedAt: null, label: originalName },
            importOptions,
          ),
        recordReceived: (entries) => this.recordReceived(entries),
      },
      dir,
      options,
    );
  }

  /**
   * Writes the log as JSON lines (header with the public key, every event, a signed checkpoint)
   * for a third party to check without Custodia. Records the export first so it is included.
   */
  exportLog(outFile: string): { events: number; checkpoint: Checkpoint } {
    this.assertUnlocked();
    assertOutsideVault(outFile, this.dir, 'the custody log');
    this.custody.record('exported', { kind: 'vault', id: this.vaultId }, { what: 'custody log', to: path.basename(outFile) });
    const checkpoint = this.writeCheckpoint('log export');
    const header = {
      type: 'custodia-custody-log',
      v: 1,
      vaultId: this.vaultId,
      publicKey: this.publicKey,
      signature: 'ed25519',
      hash: 'sha256',
    };
    const lines = [JSON.stringify(header)];
    let events = 0;
    for (const event of this.custody.iterate()) {
      lines.push(JSON.stringify({ type: 'event', ...event }));
      events++;
    }
    lines.push(JSON.stringify(checkpoint));
    writeFileAtomicSync(path.resolve(outFile), `${lines.join('\n')}\n`);
    return { events, checkpoint };
  }

  /** Signs bytes with the vault's Ed25519 key: an export's manifest (dossier), which the caller builds and vouches for. */
  signDetached(message: Uint8Array): Buffer {
    this.assertUnlocked();
    return this.crypto.signDetached(message, this.signing.secretKey);
  }

  /** A fresh signed checkpoint of the custody log, for an export to carry (dossier manifests). */
  custodyCheckpoint(reason: string): Checkpoint {
    this.assertUnlocked();
    return this.writeCheckpoint(reason);
  }

  /** The first unused Bates number of a prefix: numbers never repeat across the dossiers of this vault. */
  nextBatesNumber(prefix: string): number {
    this.assertUnlocked();
    return nextBates(this.db, prefix);
  }

  /**
   * Records, in one transaction, that these cases and items went out in an export (details name it);
   * a dossier's Bates range (in the details) moves the vault's counter for its prefix past it.
   */
  recordExported(
    subjects: { cases: string[]; items: string[] },
    details: Record<string, unknown> & { bates?: { prefix: string; first: number; last: number } },
  ): void {
    this.assertUnlocked();
    this.db.transaction(() => {
      if (details.bates) advanceBates(this.db, details.bates.prefix, details.bates.last);
      for (const id of subjects.cases) this.custody.append('exported', { kind: 'case', id }, details);
      for (const id of subjects.items) this.custody.append('exported', { kind: 'item', id }, details);
    })();
  }

  private writeCheckpoint(reason: string): Checkpoint {
    const checkpoint = this.db.transaction(() => this.custody.checkpoint(reason)).immediate();
    // While the catalog is suspect (e.g. older than the last checkpoint), the checkpoint beside it
    // is the evidence of that: never overwrite it with one that vouches for the suspect history.
    if (this.warnings.length === 0) {
      writeFileAtomicSync(path.join(this.dir, CHECKPOINT_FILE), `${JSON.stringify(checkpoint, null, 2)}\n`);
      this.checkpointedSeq = checkpoint.seq;
    }
    return checkpoint;
  }

  /** An older copy of the catalog put back in place shows here: its log ends before the last checkpoint. */
  private checkAgainstCheckpoint(): void {
    const file = path.join(this.dir, CHECKPOINT_FILE);
    if (!existsSync(file)) {
      if (this.custody.hasCheckpoints()) {
        this.warnings.push({
          kind: 'checkpoint-missing',
          message: `${CHECKPOINT_FILE} is missing although the catalog records checkpoints: it was removed, perhaps to hide a replaced catalog`,
        });
      }
      return;
    }
    let checkpoint: Checkpoint;
    try {
      checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
    } catch {
      this.warnings.push({ kind: 'checkpoint-signature', message: `${CHECKPOINT_FILE} is damaged` });
      return;
    }
    if (checkpoint.vaultId !== this.vaultId || !checkpointSignatureValid(checkpoint, this.signing.publicKey, this.crypto)) {
      this.warnings.push({ kind: 'checkpoint-signature', message: `${CHECKPOINT_FILE} is not signed by this vault's key` });
      return;
    }
    const problem = compareWithCheckpoint(checkpoint, this.custody.eventAt(checkpoint.seq), this.custody.head().seq);
    if (problem) this.warnings.push(problem);
    this.checkpointedSeq = checkpoint.seq;
  }

  catalogIntegrity(): string {
    this.assertUnlocked();
    return integrityCheck(this.db);
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

  /** Wipes every key this archive holds and closes the catalog. Idempotent. */
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

  /** For tests that assert locking really zeroes key material. */
  keyBuffersForTest(): Buffer[] {
    return [this.masterKey, this.signing.secretKey, this.receiving.secretKey, ...Object.values(this.keys)];
  }

  private assertUnlocked(): void {
    if (this.locked) throw new ArchiveError('locked', 'the vault is locked; unlock it first');
  }
}
