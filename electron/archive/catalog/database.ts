import { chmodSync, closeSync, fstatSync, openSync, readSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { ArchiveError } from '../errors.ts';
import { migrations, type Migration } from './migrations/index.ts';

const Sqlite = createRequire(import.meta.url)('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;
export type Database = BetterSqlite3.Database;

/**
 * Opens the catalog encrypted as a whole (SQLite3MultipleCiphers, ChaCha20-Poly1305 pages, WAL
 * included) with a raw 32-byte key — no passphrase KDF inside SQLite; ours is Argon2id.
 */
export function openCatalog(file: string, key: Buffer, list: readonly Migration[] = migrations): Database {
  const db = new Sqlite(file);
  try {
    db.pragma(`cipher = 'chacha20'`);
    // The key is hex of random bytes, never user text: nothing here can break out of the literal.
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw unopenedCatalogError(error, file);
    }
    nameCatalogFailures(db, path.basename(file));
    db.pragma('journal_mode = WAL');
    assertWalIntact(db, file);
    db.pragma('synchronous = FULL');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    migrate(db, list);
    restrictToOwner(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Room SQLite needs beside the catalog to open it (its shared-memory index and write-ahead log). */
const ROOM_TO_OPEN_BYTES = 1024 * 1024;

/**
 * Why the first read of the catalog failed. A key that does not fit reads as "not a database"; a
 * disk too full for SQLite's shared-memory index (SQLITE_IOERR_SHMSIZE) or its log is a full disk,
 * said as such, so nobody restores a sound catalog from a backup because of it.
 */
function unopenedCatalogError(error: unknown, file: string): ArchiveError {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const free = freeBytes(path.dirname(file));
  const diskFull =
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_IOERR_SHMSIZE' ||
    (code.startsWith('SQLITE_IOERR') && free !== null && free < ROOM_TO_OPEN_BYTES);
  if (diskFull) {
    const room = free === null ? '' : ` (${Math.floor(free / 1024)} KiB free)`;
    return new ArchiveError(
      'io',
      `the disk holding the vault is full${room}: the catalog (${path.basename(file)}) cannot be opened without room for its write-ahead log; nothing was read or changed; free some space and try again`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return new ArchiveError('io', `the catalog (${path.basename(file)}) cannot be opened (${code}): check the disk; nothing was changed`, {
      cause: error,
    });
  }
  return new ArchiveError('integrity', 'the catalog cannot be decrypted: it is damaged or does not belong to this vault', { cause: error });
}

function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * SQLite reports a page that fails authentication (a flipped bit, a foreign page) as "database disk
 * image is malformed" and a full disk as "database or disk is full", naming no file. These become
 * ArchiveErrors that say which file and what to do; other SQLite errors pass through unchanged.
 */
export function catalogError(error: unknown, fileName: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ArchiveError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new ArchiveError(
      'integrity',
      `the catalog (${fileName}) is damaged: one of its pages failed authentication or is malformed (${code}); restore ${fileName} from a backup`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL') {
    return new ArchiveError(
      'io',
      `the disk holding the vault is full: the catalog (${fileName}) could not be written, so nothing was imported or changed; free some space and try again`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new ArchiveError('io', `reading or writing the catalog (${fileName}) failed (${code}): check the disk`, { cause: error });
  }
  return error;
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Routes every error of this connection (statements, pragmas, transactions) through catalogError. */
function nameCatalogFailures(db: Database, fileName: string): void {
  const guard = <F extends AnyFunction>(fn: F): F =>
    function (this: unknown, ...args: unknown[]) {
      try {
        return fn.apply(this, args);
      } catch (error) {
        throw catalogError(error, fileName);
      }
    } as F;
  const target = db as unknown as Record<string, AnyFunction>;
  const prepare = guard(db.prepare.bind(db) as AnyFunction);
  target.prepare = (...args: unknown[]) => {
    const statement = prepare(...args) as Record<string, AnyFunction>;
    for (const method of ['run', 'get', 'all']) statement[method] = guard(statement[method]!.bind(statement));
    const iterate = statement.iterate!.bind(statement) as (...args: unknown[]) => Iterable<unknown>;
    statement.iterate = function* (...args: unknown[]) {
      try {
        yield* iterate(...args);
      } catch (error) {
        throw catalogError(error, fileName);
      }
    };
    return statement;
  };
  for (const method of ['exec', 'pragma']) target[method] = guard(target[method]!.bind(db));
  const transaction = db.transaction.bind(db) as unknown as (fn: AnyFunction) => Record<string, AnyFunction> & AnyFunction;
  target.transaction = (fn: unknown) => {
    const plain = transaction(fn as AnyFunction);
    const guarded = guard(announceCommit(db, plain)) as typeof plain;
    for (const mode of ['deferred', 'immediate', 'exclusive']) guarded[mode] = guard(announceCommit(db, plain[mode]!));
    guarded.default = guarded;
    return guarded;
  };
}

const commitListeners = new WeakMap<Database, Set<() => void>>();

/**
 * Calls `listener` after every outermost transaction of this connection commits (the replica
 * follows the vault this way). Returns the function that stops listening.
 */
export function onCatalogCommit(db: Database, listener: () => void): () => void {
  let listeners = commitListeners.get(db);
  if (!listeners) commitListeners.set(db, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announceCommit(db: Database, run: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const result = run.apply(this, args);
    // A nested transaction is a savepoint: only the outermost one is a commit.
    if (!db.inTransaction) for (const listener of commitListeners.get(db) ?? []) listener();
    return result;
  };
}

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;

/**
 * SQLite replays the WAL up to the first frame whose checksum fails and silently ignores the rest,
 * as it would a torn last write. After a flipped bit that would drop every later committed change
 * (and the sweep would then delete their blobs as orphans). So: a commit frame of the current WAL
 * generation beyond what SQLite accepted, other than the very last frame written (which may be a
 * torn write of an uncommitted transaction), means the WAL is damaged, and the catalog is not opened.
 */
function assertWalIntact(db: Database, file: string): void {
  let fd: number;
  try {
    fd = openSync(`${file}-wal`, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    checkWalFrames(db, fd, `${path.basename(file)}-wal`);
  } finally {
    closeSync(fd);
  }
}

/** Reads only the WAL header and the 24-byte frame headers (salts, commit marks), never the pages. */
function checkWalFrames(db: Database, fd: number, name: string): void {
  const size = fstatSync(fd).size;
  if (size < WAL_HEADER_BYTES) return;
  const read = (length: number, position: number) => {
    const bytes = Buffer.alloc(length);
    readSync(fd, bytes, 0, length, position);
    return bytes;
  };
  const damaged = (what: string) =>
    new ArchiveError(
      'integrity',
      `the catalog's write-ahead log (${name}) is damaged: ${what}; committed changes would be lost, so the vault was not opened; restore the vault folder from a backup`,
    );
  const header = read(WAL_HEADER_BYTES, 0);
  const magic = header.readUInt32BE(0);
  const frameBytes = WAL_FRAME_HEADER_BYTES + header.readUInt32BE(8);
  const frames = Math.floor((size - WAL_HEADER_BYTES) / frameBytes);
  const headerSound =
    (magic === 0x377f0682 || magic === 0x377f0683) &&
    walChecksum(header.subarray(0, 24), magic === 0x377f0683).equals(header.subarray(24, WAL_HEADER_BYTES));
  if (!headerSound) {
    if (frames > 0) throw damaged(`its header fails its checksum, so all ${frames} frames would be ignored`);
    return;
  }
  // How many frames SQLite accepted when it replayed the log.
  const { log: accepted } = (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]!;
  const salts = header.subarray(16, 24);
  let lastOfGeneration = -1;
  const commits: number[] = [];
  const otherSalts: number[] = [];
  for (let index = 0; index < frames; index++) {
    const frameHeader = read(WAL_FRAME_HEADER_BYTES, WAL_HEADER_BYTES + index * frameBytes);
    // Frames of an earlier generation (other salts) may follow the current ones, never sit among them.
    if (!frameHeader.subarray(8, 16).equals(salts)) {
      otherSalts.push(index);
      continue;
    }
    lastOfGeneration = index;
    if (frameHeader.readUInt32BE(4) !== 0) commits.push(index);
  }
  // The last transaction may be torn by a crash (even with its frames reordered by a power cut), so
  // only commits before the last frame count: one SQLite dropped, or one after a frame of foreign salts.
  const earlierCommits = commits.filter((index) => index !== lastOfGeneration);
  const misplaced = otherSalts.find((index) => earlierCommits.some((commit) => commit > index));
  if (misplaced !== undefined) throw damaged(`frame ${misplaced + 1} has damaged salts and committed frames follow it`);
  const lost = earlierCommits.filter((index) => index >= accepted);
  if (lost.length > 0) {
    throw damaged(`a frame after frame ${accepted} fails its checksum, and ${lost.length} committed transaction(s) follow it`);
  }
}

/** SQLite's WAL checksum (two running 32-bit sums over 32-bit words). */
function walChecksum(bytes: Buffer, bigEndian: boolean): Buffer {
  let s0 = 0;
  let s1 = 0;
  for (let at = 0; at < bytes.length; at += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at);
    const x1 = bigEndian ? bytes.readUInt32BE(at + 4) : bytes.readUInt32LE(at + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE(s0, 0);
  out.writeUInt32BE(s1, 4);
  return out;
}

/** The catalog is encrypted, but there is no reason for other local users to read even that. */
function restrictToOwner(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      chmodSync(`${file}${suffix}`, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export function migrate(db: Database, list: readonly Migration[] = migrations): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new ArchiveError('foreign-folder', `this vault was written by a newer Custodia (catalog version ${current}); update the app`);
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** SQLite's own consistency check; 'ok' when the catalog is sound. */
export function integrityCheck(db: Database): string {
  return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
}
