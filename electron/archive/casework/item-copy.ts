import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../errors.ts';
import { assertOutsideVault } from '../exports.ts';
import { syncDirectory } from '../fs-durable.ts';
import { safeFileName } from '../exchange/safe-names.ts';
import { parseWith } from './parse.ts';
import { ExportFolder, Id } from '../../../shared/schemas.ts';
import type { CaseworkParts } from './parts.ts';

export interface CopyResult {
  file: string;
  sha256: string;
  size: number;
}

/** `name.pdf`, else `name (2).pdf`, … : a copy never replaces a file already in the folder. */
async function freeName(folder: string, name: string): Promise<string> {
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; n <= 10_000; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${extension}`);
    if (!(await fs.lstat(candidate).catch(() => null))) return candidate;
  }
  throw new ArchiveError('io', `${folder} already holds 10,000 copies named ${name}`);
}

/**
 * Writes a PLAINTEXT copy of an item's original to a folder the user chose (outside the vault),
 * checks it against the SHA-256 recorded at import, and records the copy in the custody log. The
 * bytes go to a hidden partial file first, so the name never holds an incomplete copy.
 */
export async function saveItemCopy(
  parts: Pick<CaseworkParts, 'items' | 'custody'>,
  read: (itemId: string) => AsyncIterable<Buffer>,
  vaultDir: string,
  itemId: string,
  folder: string,
): Promise<CopyResult> {
  parseWith(Id, itemId);
  parseWith(ExportFolder, folder);
  const item = parts.items.get(itemId);
  assertOutsideVault(folder, vaultDir, 'a copy of the original');
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const target = await freeName(folder, safeFileName(item.originalName, 'item'));
  const partial = path.join(folder, `.${path.basename(target)}.${process.pid}.partial`);
  const hash = createHash('sha256');
  const handle = await fs.open(partial, 'wx', 0o600);
  let size = 0;
  try {
    for await (const chunk of read(itemId)) {
      hash.update(chunk);
      await handle.write(chunk);
      size += chunk.length;
      chunk.fill(0);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(partial, { force: true });
    throw error;
  }
  await handle.close();
  const sha256 = hash.digest('hex');
  if (sha256 !== item.sha256) {
    await fs.rm(partial, { force: true });
    throw new ArchiveError(
      'integrity',
      `the copy of ${item.originalName} does not match the SHA-256 recorded at import; nothing was saved`,
    );
  }
  await fs.rename(partial, target);
  await syncDirectory(folder);
  parts.custody.record('exported', { kind: 'item', id: itemId }, { what: 'copy of original', to: path.basename(target), sha256 });
  return { file: target, sha256, size };
}
