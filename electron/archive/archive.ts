import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CaseDetail, CaseSummary } from '../../shared/model.ts';
import { CaseInput, describeIssues } from '../../shared/schemas.ts';
import { BlobStore, type WriteOptions } from './blobs/store.ts';
import { CaseQueries } from './catalog/cases.ts';
import { integrityCheck, openCatalog, type Database } from './catalog/database.ts';
import { ItemQueries, type StoredItem } from './catalog/items.ts';
import { nativePrimitives, type Primitives } from './crypto/index.ts';
import { ArchiveError } from './errors.ts';
import { sniffMimeType } from './ingest/sniff.ts';
import { deriveVaultKeys, wipeVaultKeys, type VaultKeys } from './vault/keys.ts';
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

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ArchiveError('validation', describeIssues(parsed.error));
  return parsed.data;
}

const SNIFF_BYTES = 4096;

/**
 * An unlocked vault: the one object that holds keys. Everything the CLI, the IPC handlers and the
 * browser bridge do goes through here. `lock()` wipes every key and closes the catalog.
 */
export class Archive {
  private locked = false;
  private readonly cases: CaseQueries;
  private readonly items: ItemQueries;
  private readonly blobs: BlobStore;

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
    this.blobs = new BlobStore(
      path.join(dir, BLOB_DIR),
      path.join(dir, TEMP_DIR),
      { contentKey: keys.blobContent, nameKey: keys.blobNames },
      crypto,
    );
  }

  static async create(dir: string, passphrase: string, options: ArchiveOptions = {}): Promise<{ archive: Archive; recoveryKey: string }> {
    const crypto = options.crypto ?? nativePrimitives;
    const created = await createVaultHeader(dir, passphrase, crypto, options.kdf);
    const archive = Archive.open(dir, created.header, created.masterKey, crypto);
    archive.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', created.header.vaultId);
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
    archive.sweep();
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

  get isLocked(): boolean {
    return this.locked;
  }

  /** Removes leftovers of interrupted imports, under the catalog's write lock. */
  sweep(): { tempFiles: number; orphanBlobs: number } {
    this.assertUnlocked();
    return this.db.transaction(() => this.blobs.sweepSync(this.items.blobFileNames())).immediate();
  }

  addCase(input: unknown): string {
    this.assertUnlocked();
    return this.cases.add(parseInput(CaseInput, input));
  }

  listCases(): CaseSummary[] {
    this.assertUnlocked();
    return this.cases.list();
  }

  getCase(id: string): CaseDetail {
    this.assertUnlocked();
    const summary = this.cases.get(id);
    return { ...summary, items: this.items.listByCase(id).map(({ blob: _blob, ...item }) => item) };
  }

  getItem(id: string): StoredItem {
    this.assertUnlocked();
    return this.items.get(id);
  }

  /** Hashes and encrypts a file into the vault in one pass; the catalog row commits only once the blob is durable. */
  async importFile(caseId: string, filePath: string, options: WriteOptions = {}): Promise<ImportResult> {
    this.assertUnlocked();
    this.cases.get(caseId);
    const file = path.resolve(filePath);
    const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new ArchiveError('not-found', `cannot read ${filePath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    if (!stat.isFile()) throw new ArchiveError('validation', `${filePath} is not a regular file`);
    const mimeType = sniffMimeType(await readHead(file));
    const pending = await this.blobs.write(file, options);
    this.assertUnlocked();
    const originalName = path.basename(file);
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
    const sameContent = this.items.findBlobBySha256(pending.sha256);
    if (sameContent) {
      await this.blobs.discard(pending);
      this.items.insertItem({ id, caseId, blobId: sameContent.blobId, originalName, mimeType });
    } else {
      try {
        this.db
          .transaction(() => {
            this.blobs.commitSync(pending);
            this.items.insertBlob(pending);
            this.items.insertItem({ id, caseId, blobId: pending.blobId, originalName, mimeType });
          })
          .immediate();
      } catch (error) {
        this.blobs.removeSync(pending);
        await this.blobs.discard(pending);
        throw error;
      }
    }
    return { id, sha256: pending.sha256, file: filePath, size: pending.size, mimeType, duplicate: false };
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
    const sha256 = await this.blobs.hash(item.blob, `item ${id} (${item.originalName})`);
    return { ok: sha256 === item.sha256, sha256, expected: item.sha256 };
  }

  catalogIntegrity(): string {
    this.assertUnlocked();
    return integrityCheck(this.db);
  }

  async changePassphrase(newPassphrase: string): Promise<void> {
    this.assertUnlocked();
    this.header = await rewrapPassphrase(this.dir, this.header, this.masterKey, newPassphrase, this.crypto);
  }

  async newRecoveryKey(): Promise<string> {
    this.assertUnlocked();
    const { header, recoveryKey } = await replaceRecoveryKey(this.dir, this.header, this.masterKey, this.crypto);
    this.header = header;
    return recoveryKey;
  }

  /** Wipes every key this archive holds and closes the catalog. Idempotent. */
  lock(): void {
    if (this.locked) return;
    this.locked = true;
    this.db.close();
    wipeVaultKeys(this.crypto, this.keys);
    this.crypto.memzero(this.masterKey);
  }

  /** For tests that assert locking really zeroes key material. */
  keyBuffersForTest(): Buffer[] {
    return [this.masterKey, ...Object.values(this.keys)];
  }

  private assertUnlocked(): void {
    if (this.locked) throw new ArchiveError('locked', 'the vault is locked; unlock it first');
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
