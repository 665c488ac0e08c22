import type { CaseQueries } from '../catalog/cases.ts';
import type { CaseRecordQueries } from '../catalog/case-records.ts';
import type { Database } from '../catalog/database.ts';
import type { ItemQueries } from '../catalog/items.ts';
import type { PersonQueries } from '../catalog/persons.ts';
import type { CustodyLog, CustodySubject } from '../custody/log.ts';
import type { SearchIndex } from '../search/index.ts';

/** What the case-record services need from an unlocked vault (the session hands them these). */
export interface CaseworkParts {
  db: Database;
  cases: CaseQueries;
  items: ItemQueries;
  persons: PersonQueries;
  records: CaseRecordQueries;
  search: SearchIndex;
  custody: CustodyLog;
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** The fields whose value differs, in the order given (values compared as JSON). */
export function changedFields<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, old: before[field] ?? null, new: after[field] ?? null }));
}

/** One `metadata-changed` event per changed field, each with the value before and after. */
export function recordChanges(
  parts: CaseworkParts,
  subject: CustodySubject,
  changes: FieldChange[],
  extra: Record<string, unknown> = {},
): void {
  for (const change of changes) parts.custody.append('metadata-changed', subject, { ...extra, ...change });
}

/** A form's empty text clears a field: '' and null both become null; a field left out keeps its value. */
export function edited<T>(given: T | null | undefined, current: T | null): T | null {
  if (given === undefined) return current;
  return given === null || given === '' ? null : given;
}
