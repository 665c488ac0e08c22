/**
 * The vault's Bates counter, one per prefix, in the catalog's meta table: a dossier's numbers start
 * where the last dossier of that prefix ended, so no number is used twice across dossiers.
 */
import type { MetaQueries } from '../catalog/meta.ts';

const key = (prefix: string) => `bates_next:${prefix}`;

/** The first unused number of the prefix (1 for a prefix never used). */
export function nextBates(meta: MetaQueries, prefix: string): number {
  const value = Number(meta.get(key(prefix)) ?? 1);
  return Number.isSafeInteger(value) && value >= 1 ? value : 1;
}

/** Records that numbers up to `last` are used; the counter never goes back. Call inside the export's transaction. */
export function advanceBates(meta: MetaQueries, prefix: string, last: number): void {
  meta.set(key(prefix), String(Math.max(nextBates(meta, prefix), last + 1)));
}
