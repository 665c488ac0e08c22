import type { Database } from './database.ts';
import { prepared } from './statements.ts';

/** The catalog's `meta` table: small vault-wide settings (the vault id it is bound to, the audit schedule). */
export class MetaQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  get(key: string): string | undefined {
    return prepared(this.db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  set(key: string, value: string): void {
    prepared(this.db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
