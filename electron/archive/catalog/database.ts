import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
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
      throw new ArchiveError('integrity', 'the catalog cannot be decrypted: it is damaged or does not belong to this vault', {
        cause: error,
      });
    }
    db.pragma('journal_mode = WAL');
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
