/**
 * The vault's Bates counter, one per prefix, in the catalog's meta table: a dossier's numbers start
 * where the last dossier of that prefix ended, so no number is used twice across dossiers.
 */
import type { Database } from '../catalog/database.ts';

const key = (prefix: string) => `bates_next:${prefix}`;

/** The first unused number of the prefix (1 for a prefix never used). */
export function nextBates(db: Database, prefix: string): number {
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key(prefix)) as string | undefined;
  const value = Number(stored ?? 1);
  return Number.isSafeInteger(value) && value >= 1 ? value : 1;
}

/** Records that numbers up to `last` are used; the counter never goes back. Call inside the export's transaction. */
export function advanceBates(db: Database, prefix: string, last: number): void {
  const next = Math.max(nextBates(db, prefix), last + 1);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key(prefix),
    String(next),
  );
}
