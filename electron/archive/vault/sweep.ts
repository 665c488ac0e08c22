import type { CustodyLog } from '../custody/log.ts';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  blobFiles,
  listQuarantine,
  purgeQuarantine,
  strayEntries,
  sweepIntoQuarantine,
  type SweepResult,
  type VaultLayout,
} from './quarantine.ts';

/**
 * The unlock sweep, run inside the caller's catalog write transaction: leftovers move into the
 * quarantine folder and one custody event records what moved where, so nothing leaves the vault
 * without a trace. Entries that are not Custodia's are only reported.
 */
export function sweepAndRecord(
  layout: VaultLayout,
  knownBlobFiles: ReadonlySet<string>,
  custody: CustodyLog,
  vaultId: string,
): SweepResult {
  const result = sweepIntoQuarantine(layout, knownBlobFiles);
  if (result.quarantined.length > 0) {
    custody.append(
      'quarantined',
      { kind: 'vault', id: vaultId },
      {
        reason: 'leftovers of interrupted work found at unlock (temp files of ended processes, blob files the catalog does not know)',
        files: result.quarantined.slice(0, 1000),
        count: result.quarantined.length,
      },
    );
  }
  return result;
}

/** What an audit says about the vault folder: blob files the catalog does not know, and entries that are not Custodia's. */
export function unknownEntryProblems(
  layout: VaultLayout,
  knownBlobFiles: ReadonlySet<string>,
): Array<{ kind: 'orphan-file'; message: string }> {
  const orphans = blobFiles(layout.blobDir)
    .filter((name) => !knownBlobFiles.has(name))
    .map(
      (name) => `${path.join('blobs', name.slice(0, 2), name)} in the vault folder is not part of the catalog (placed there from outside)`,
    );
  const stray = strayEntries(layout).map(
    (entry) =>
      `${entry}${folderContents(path.join(layout.dir, entry))} in the vault folder is not Custodia's; it was left alone (remove it if you did not put it there)`,
  );
  return [...orphans, ...stray].map((message) => ({ kind: 'orphan-file', message }));
}

/** Deletes what the quarantine folder holds, at the user's request, and records it in the custody log. */
export function purgeAndRecord(vaultDir: string, record: (details: Record<string, unknown>) => void): { files: number; bytes: number } {
  const entries = listQuarantine(vaultDir);
  const purged = purgeQuarantine(vaultDir);
  if (purged.files > 0) record({ files: entries.slice(0, 1000).map((e) => e.path), count: purged.files, bytes: purged.bytes });
  return purged;
}

/** For a stray folder, the first few names inside it (what an archivist needs to judge it). */
function folderContents(dir: string): string {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return '';
  }
  if (names.length === 0) return ' (an empty folder)';
  return ` (a folder holding ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''})`;
}
