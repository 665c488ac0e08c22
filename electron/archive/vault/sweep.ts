import type { CustodyLog } from '../custody/log.ts';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  blobFiles,
  leftoversOf,
  listQuarantine,
  moveIntoQuarantine,
  purgeQuarantine,
  strayEntries,
  type SweepResult,
  type VaultLayout,
} from './quarantine.ts';

/**
 * Moves these files (relative to the vault) into a new quarantine batch and records one custody
 * event saying what moved where and why, so nothing leaves its place without a trace. Run inside
 * the caller's catalog write transaction, where no import of another process can be mid-commit.
 */
export function quarantineAndRecord(
  layout: VaultLayout,
  relativePaths: string[],
  custody: CustodyLog,
  vaultId: string,
  reason: string,
): SweepResult['quarantined'] {
  const quarantined = moveIntoQuarantine(layout, relativePaths);
  if (quarantined.length > 0) {
    custody.append('quarantined', { kind: 'vault', id: vaultId }, { reason, files: quarantined.slice(0, 1000), count: quarantined.length });
  }
  return quarantined;
}

/** The unlock sweep: leftovers of interrupted work go to quarantine, recorded; entries that are not Custodia's are only reported. */
export function sweepAndRecord(
  layout: VaultLayout,
  knownBlobFiles: ReadonlySet<string>,
  custody: CustodyLog,
  vaultId: string,
): SweepResult {
  const quarantined = quarantineAndRecord(
    layout,
    leftoversOf(layout, knownBlobFiles),
    custody,
    vaultId,
    'leftovers of interrupted work found at unlock (temp files of ended processes, blob files the catalog does not know)',
  );
  return { quarantined, unknown: strayEntries(layout) };
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
