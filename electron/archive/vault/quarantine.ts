import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { syncDirectorySync } from '../fs-durable.ts';
import { isAlive } from './vault-lock.ts';

/**
 * The unlock sweep never deletes. Leftovers of our own interrupted work (temp files of dead
 * processes, blob files the catalog does not know) are moved into `quarantine/<time>/`, where the
 * user can look at them and purge them (`custodia quarantine list|purge`); anything else in the
 * vault folder that is not Custodia's is reported and left exactly where it is.
 */
export const QUARANTINE_DIR = 'quarantine';
export const TEMP_SUFFIX = '.part';

/** The files and folders a vault folder holds of its own; anything else is reported. */
const OWN_ROOT_ENTRIES = new Set([
  'custodia-vault.json',
  'catalog.db',
  'catalog.db-wal',
  'catalog.db-shm',
  'catalog.db-journal',
  'custody-checkpoint.json',
  'blobs',
  'tmp',
  QUARANTINE_DIR,
  'vault.lock',
]);
/** Atomic writes leave `.<name>.<pid>.tmp` beside the header and the checkpoint for a moment. */
const ATOMIC_TEMP = /^\.(custodia-vault|custody-checkpoint)\.json\.\d+\.tmp$/;
const SHARD = /^[0-9a-f]{2}$/;
const BLOB_FILE = /^[0-9a-f]{32}$/;

export interface VaultLayout {
  dir: string;
  blobDir: string;
  tempDir: string;
}

export interface SweepResult {
  /** Paths (relative to the vault) moved into the quarantine folder, and where they went. */
  quarantined: Array<{ from: string; to: string; size: number }>;
  /** Entries that are not Custodia's, left alone (relative paths). */
  unknown: string[];
}

export interface QuarantineEntry {
  /** Relative to the quarantine folder: `<batch>/<original relative path>`. */
  path: string;
  size: number;
  movedAt: string;
}

/** Blob files in the store: `blobs/<2 hex>/<32 hex>` whose name starts with its shard. */
export function blobFiles(blobDir: string): string[] {
  return list(blobDir)
    .filter((shard) => shard.isDirectory() && SHARD.test(shard.name))
    .flatMap((shard) =>
      list(path.join(blobDir, shard.name))
        .filter((entry) => entry.isFile() && BLOB_FILE.test(entry.name) && entry.name.startsWith(shard.name))
        .map((entry) => entry.name),
    );
}

/** Everything in the vault folder that is not Custodia's (relative paths): never touched, only named. */
export function strayEntries(layout: VaultLayout): string[] {
  const stray: string[] = [];
  for (const entry of list(layout.dir)) {
    if (!OWN_ROOT_ENTRIES.has(entry.name) && !ATOMIC_TEMP.test(entry.name)) stray.push(entry.name);
  }
  for (const shard of list(layout.blobDir)) {
    if (!shard.isDirectory() || !SHARD.test(shard.name)) {
      stray.push(path.join('blobs', shard.name));
      continue;
    }
    for (const entry of list(path.join(layout.blobDir, shard.name))) {
      if (!entry.isFile() || !BLOB_FILE.test(entry.name) || !entry.name.startsWith(shard.name))
        stray.push(path.join('blobs', shard.name, entry.name));
    }
  }
  for (const entry of list(layout.tempDir)) {
    if (!entry.isFile() || !entry.name.endsWith(TEMP_SUFFIX)) stray.push(path.join('tmp', entry.name));
  }
  return stray;
}

/** Temp files of dead processes and blob files the catalog does not know (paths relative to the vault). */
export function leftoversOf(layout: VaultLayout, knownBlobFiles: ReadonlySet<string>): string[] {
  const leftovers: string[] = [];
  for (const entry of list(layout.tempDir)) {
    if (!entry.isFile() || !entry.name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(entry.name.split('-')[0]);
    if (pid !== process.pid && isAlive(pid)) continue;
    leftovers.push(path.join('tmp', entry.name));
  }
  for (const name of blobFiles(layout.blobDir)) {
    if (!knownBlobFiles.has(name)) leftovers.push(path.join('blobs', name.slice(0, 2), name));
  }
  return leftovers;
}

/** Moves these files (relative to the vault) into a new quarantine batch, keeping their relative paths; never deletes. */
export function moveIntoQuarantine(layout: VaultLayout, relativePaths: string[]): SweepResult['quarantined'] {
  const batch = path.join(QUARANTINE_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
  const quarantined = relativePaths.map((relative) => {
    const from = path.join(layout.dir, relative);
    const to = path.join(batch, relative);
    const size = lstatSync(from).size;
    mkdirSync(path.join(layout.dir, path.dirname(to)), { recursive: true, mode: 0o700 });
    renameSync(from, path.join(layout.dir, to));
    return { from: relative, to, size };
  });
  for (const folder of new Set(quarantined.flatMap((q) => [path.dirname(q.from), path.dirname(q.to)]))) {
    syncDirectorySync(path.join(layout.dir, folder));
  }
  return quarantined;
}

/** What the quarantine folder holds, oldest batch first. */
export function listQuarantine(vaultDir: string): QuarantineEntry[] {
  const root = path.join(vaultDir, QUARANTINE_DIR);
  const out: QuarantineEntry[] = [];
  const walk = (relative: string, movedAt: string): void => {
    for (const entry of list(path.join(root, relative))) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child, movedAt);
      else out.push({ path: child, size: lstatSync(path.join(root, child)).size, movedAt });
    }
  };
  for (const batch of list(root).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!batch.isDirectory()) continue;
    const stamp = batch.name.replace(/^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, '$1T$2:$3:$4.$5Z');
    walk(batch.name, stamp);
  }
  return out;
}

/** Deletes the quarantine folder's contents (the user asked for it); answers what went. */
export function purgeQuarantine(vaultDir: string): { files: number; bytes: number } {
  const entries = listQuarantine(vaultDir);
  const root = path.join(vaultDir, QUARANTINE_DIR);
  for (const batch of list(root)) rmSync(path.join(root, batch.name), { recursive: true, force: true });
  if (entries.length > 0) syncDirectorySync(root);
  return { files: entries.length, bytes: entries.reduce((sum, e) => sum + e.size, 0) };
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
