import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ArchiveError } from '../errors.ts';
import { syncDirectorySync } from '../fs-durable.ts';

/**
 * The replica folder (docs/replica.md). Every file in it except the marker is immutable and named
 * by content, so a folder that is only half carried over by Syncthing holds whole files of the
 * previous and the next state, never a file that is half of one and half of the other.
 */
export const MARKER_FILE = 'custodia-replica.json';
export const DIRS = {
  headers: 'headers',
  blobs: 'blobs',
  catalog: 'catalog',
  log: 'log',
  states: 'states',
  outbox: 'outbox',
  inbox: 'inbox',
} as const;
/** Files are written here first and renamed into place; Syncthing is told to ignore it. */
export const TEMP_DIR = '.custodia-tmp';
export const CATALOG_CHUNK_BYTES = 64 * 1024;

export const Marker = z
  .object({
    format: z.literal('custodia-replica'),
    version: z.literal(1),
    vaultId: z.uuid(),
    /** The vault's Ed25519 key (hex): states and segments are signed with it. */
    publicKey: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string().max(40),
  })
  .strict();
export type Marker = z.infer<typeof Marker>;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `catalog/ab/ab12…`, `blobs/ab/ab12…`: two-character folders keep listings short. */
export const fannedOut = (dir: string, name: string) => path.join(dir, name.slice(0, 2), name);

export const stateName = (generation: number, hash: string) => `${String(generation).padStart(12, '0')}-${hash}.state`;
export const segmentName = (lastSeq: number, hash: string) => `${String(lastSeq).padStart(12, '0')}-${hash}.seg`;
export const NAME_PATTERN = /^(\d{12})-([0-9a-f]{64})\.(state|seg)$/;

export function parseName(name: string): { number: number; hash: string } | null {
  const match = NAME_PATTERN.exec(name);
  return match ? { number: Number(match[1]), hash: match[2]! } : null;
}

/** Names in a folder (empty when it does not exist). */
export function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every file under a fanned-out folder (`blobs/`, `catalog/`). */
export function listFannedOut(dir: string): string[] {
  return listNames(dir).flatMap((sub) => (/^[0-9a-f]{2}$/.test(sub) ? listNames(path.join(dir, sub)) : []));
}

let tempCounter = 0;
const tempPath = (replicaDir: string) => path.join(replicaDir, TEMP_DIR, `${process.pid}-${Date.now()}-${tempCounter++}.part`);

/** Writes `data` at `relative` inside the replica: temp file, fsync, rename, fsync of the folder. */
export function publishBytes(replicaDir: string, relative: string, data: Uint8Array): void {
  const temp = tempPath(replicaDir);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  moveIntoPlace(replicaDir, temp, relative);
}

/**
 * Places an immutable vault file (an encrypted blob) in the replica. On the same file system it is
 * hard-linked: no second copy is written, and both names point at bytes that are never changed in
 * place (the vault and Syncthing both replace files by renaming). Elsewhere it is copied and synced.
 */
export function publishFile(replicaDir: string, relative: string, source: string): 'linked' | 'copied' {
  const temp = tempPath(replicaDir);
  try {
    linkSync(source, temp);
    moveIntoPlace(replicaDir, temp, relative);
    return 'linked';
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK' && code !== 'ENOTSUP') throw error;
  }
  try {
    copyFileSync(source, temp);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  moveIntoPlace(replicaDir, temp, relative);
  return 'copied';
}

function moveIntoPlace(replicaDir: string, temp: string, relative: string): void {
  const target = path.join(replicaDir, relative);
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  renameSync(temp, target);
  syncDirectorySync(path.dirname(target));
}

/** Turns a failed replica write into one line that names the folder and what to do. */
export function replicaWriteError(replicaDir: string, error: unknown): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const what =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk holding it is full'
      : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
        ? 'it is read-only or not writable by you'
        : code === 'ENOENT'
          ? 'it is gone (unplugged or removed)'
          : `${code ?? (error as Error).message}`;
  return new ArchiveError('io', `the replica folder ${replicaDir} cannot be written: ${what}; the vault itself is unaffected`, {
    cause: error,
  });
}
