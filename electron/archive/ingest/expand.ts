import { isUtf8 } from 'node:buffer';
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../errors.ts';

export interface ExpandedFile {
  file: string;
  size: number;
  /** Why this entry cannot be imported (reported for this file alone; the rest of the folder goes on). */
  refused?: string;
}

/**
 * The regular files a path stands for: the file itself, or every file under a folder in name
 * order. Symbolic links, pipes and devices are listed as refused with the reason (a link could point anywhere on the disk). Entries whose
 * names are not UTF-8 (Linux allows any bytes) cannot be opened through a string path, so they are
 * listed as refused with the reason instead of failing the whole folder.
 */
export async function expandPath(given: string): Promise<ExpandedFile[]> {
  const stat = await fs.lstat(given).catch((error: NodeJS.ErrnoException) => {
    throw new ArchiveError('not-found', `cannot read ${given}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  if (stat.isFile()) return [{ file: given, size: stat.size }];
  if (!stat.isDirectory()) return [{ file: given, size: 0, refused: `${notImportable(stat)}; nothing was imported from it` }];
  const out: ExpandedFile[] = [];
  let listed: Dirent<Buffer>[];
  try {
    listed = await fs.readdir(given, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    // One unreadable folder is reported and the rest of the batch goes on.
    return [{ file: given, size: 0, refused: `this folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped` }];
  }
  const entries = listed
    .map((entry) => ({ entry, name: entry.name.toString('utf8') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { entry, name } of entries) {
    if (!isUtf8(entry.name)) {
      out.push({
        file: path.join(given, name),
        size: 0,
        refused: `the name of this ${entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'entry'} is not valid UTF-8 (bytes ${entry.name.toString('hex')}), so it cannot be opened by name; rename it and import it again`,
      });
      continue;
    }
    out.push(...(await expandPath(path.join(given, name))));
  }
  return out;
}

/** Why a path that is neither a file nor a folder is not imported (a link could point anywhere on the disk). */
function notImportable(stat: Stats): string {
  if (stat.isSymbolicLink()) return 'a symbolic link (not followed: give the file it points to)';
  if (stat.isFIFO()) return 'a pipe (FIFO), not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device, not a regular file';
  if (stat.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}
