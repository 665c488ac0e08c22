import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../errors.ts';

/**
 * The regular files a path stands for: the file itself, or every file under a folder in name
 * order. Symbolic links are not followed (a link could point anywhere on the disk).
 */
export async function expandPath(given: string): Promise<Array<{ file: string; size: number }>> {
  const stat = await fs.lstat(given).catch((error: NodeJS.ErrnoException) => {
    throw new ArchiveError('not-found', `cannot read ${given}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  if (stat.isFile()) return [{ file: given, size: stat.size }];
  if (!stat.isDirectory()) return [];
  const out: Array<{ file: string; size: number }> = [];
  const entries = (await fs.readdir(given, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isSymbolicLink()) continue;
    out.push(...(await expandPath(path.join(given, entry.name))));
  }
  return out;
}
