import type { z } from 'zod';
import type { Database } from '../catalog/database.ts';
import { prepared } from '../catalog/statements.ts';
import { ArchiveError } from '../errors.ts';

/** A JSON value kept under `key` in the encrypted catalog's `meta` table, checked against `schema` on every read. */
export function readMetaJson<S extends z.ZodType>(db: Database, key: string, schema: S, what: string): z.output<S> | undefined {
  const stored = prepared(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (stored === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ArchiveError('integrity', `${what} in the catalog is damaged`);
  return parsed.data;
}

export function writeMetaJson(db: Database, key: string, value: unknown): void {
  prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
