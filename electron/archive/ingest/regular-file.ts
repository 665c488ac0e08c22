import { constants as fsConstants, promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../errors.ts';
import type { ByteSource } from '../blobs/byte-source.ts';

/**
 * Opens a file that comes from outside (an import, a bag's payload, a dossier to verify) exactly
 * once, the safe way: no symbolic link followed (O_NOFOLLOW), no blocking on a FIFO (O_NONBLOCK),
 * and the opened descriptor must be a regular file — checked on what was opened, not on the path,
 * so a file swapped after a check is never read. With `inside`, the opened file must really lie
 * in that folder (a parent folder swapped for a link is caught too).
 */
export interface OpenedFile {
  handle: fs.FileHandle;
  size: number;
  mtimeMs: number;
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

export async function openRegularFile(
  file: string,
  options: { label?: string; maxBytes?: number; inside?: string } = {},
): Promise<OpenedFile> {
  const label = options.label ?? file;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new ArchiveError('validation', `${label} is a symbolic link; give the file it points to`);
    if (code === 'ENOENT') throw new ArchiveError('not-found', `cannot read ${label}: no such file`);
    if (code === 'EISDIR') throw new ArchiveError('validation', `${label} is a folder, not a file`);
    throw new ArchiveError('io', `cannot read ${label} (${code ?? (error as Error).message})`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new ArchiveError('validation', `${label} is ${describeKind(stat)}, not a regular file; nothing was read from it`);
    if (options.maxBytes !== undefined && stat.size > options.maxBytes)
      throw new ArchiveError('validation', `${label} is too large (${stat.size} bytes; at most ${options.maxBytes})`);
    if (options.inside) assertOpenedInside(handle.fd, options.inside, label);
    return { handle, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function describeKind(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Where the kernel says the opened descriptor lives (Linux: /proc/self/fd), compared with the folder's real path. */
function assertOpenedInside(fd: number, folder: string, label: string): void {
  let real: string;
  try {
    real = realpathSync(`/proc/self/fd/${fd}`);
  } catch {
    return; // No /proc (macOS, Windows): O_NOFOLLOW on the last component is what holds there.
  }
  const fromRoot = path.relative(realpathSync(folder), real);
  if (fromRoot.startsWith('..') || path.isAbsolute(fromRoot))
    throw new ArchiveError('integrity', `${label} resolves outside its folder (a link was put in its path); nothing was read from it`);
}

/**
 * A ByteSource over an opened file that refuses a file that grew, shrank or was rewritten while
 * it was read (size and modification time before and after): nothing truncated or mixed is stored.
 */
export function stableSource(opened: OpenedFile, label: string): ByteSource {
  let total = 0;
  return {
    read: async (buffer, offset, length) => {
      const { bytesRead } = await opened.handle.read(buffer, offset, length, null);
      total += bytesRead;
      if (bytesRead === 0 || total > opened.size) {
        const after = await opened.handle.stat();
        if (total !== opened.size || after.size !== opened.size || after.mtimeMs !== opened.mtimeMs)
          throw new ArchiveError(
            'validation',
            `${label} changed while it was being imported (size or modification time); nothing was stored — import it again once it is complete`,
          );
      }
      return bytesRead;
    },
    size: async () => opened.size,
    close: () => opened.handle.close(),
  };
}

/** Reads a whole regular file (bounded) into memory, in pieces, never past the size it had when opened. */
export async function readRegularFile(file: string, maxBytes: number, label = file): Promise<Buffer> {
  const opened = await openRegularFile(file, { label, maxBytes });
  try {
    const bytes = Buffer.alloc(opened.size);
    for (let filled = 0; filled < opened.size;) {
      const { bytesRead } = await opened.handle.read(bytes, filled, Math.min(16 * 1024 * 1024, opened.size - filled), filled);
      if (bytesRead === 0) throw new ArchiveError('io', `${label} became shorter while it was read`);
      filled += bytesRead;
    }
    return bytes;
  } finally {
    await opened.handle.close();
  }
}
