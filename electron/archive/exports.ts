import { existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseDetail } from '../../shared/model.ts';
import { ArchiveError } from './errors.ts';

/** Where the app offers to put exports the user asks for (plaintext by design): never inside the vault. */
export function defaultExportFolder(): string {
  return path.join(os.homedir(), 'Custodia exports');
}

/**
 * `dossier-<reference or title>-<date>.pdf` in `folder`, with only letters, digits, `.`, `_`
 * and `-` from the case's own words (any script), and a number added rather than overwrite a file.
 */
export async function dossierFileName(folder: string, detail: Pick<CaseDetail, 'reference' | 'title' | 'id'>): Promise<string> {
  const words = (detail.reference ?? detail.title)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  const stem = `dossier-${words || detail.id.slice(0, 8)}-${new Date().toISOString().slice(0, 10)}`;
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `${stem}${n === 1 ? '' : `-${n}`}.pdf`);
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * The real location `target` would have: the nearest part of it that exists, with every symbolic
 * link resolved, and the rest of the path appended. A target reached through a link into the vault
 * resolves into the vault.
 */
export function resolveThroughLinks(target: string): string {
  let existing = path.resolve(target);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(existing);
      // ENOENT: not there yet; ENOTDIR: a file where a folder would be (the write will fail on its own).
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === existing) return path.join(existing, ...rest);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** True when `target` (after resolving links) is the vault folder or inside it. */
export function isInsideVault(target: string, vaultDir: string): boolean {
  const fromVault = path.relative(resolveThroughLinks(vaultDir), resolveThroughLinks(target));
  return fromVault === '' || (!fromVault.startsWith('..') && !path.isAbsolute(fromVault));
}

/**
 * Every export (dossier, bag, package, custody log, audit report) goes through this: a plaintext
 * or foreign file inside the vault folder would be swept or break its layout, so a destination
 * inside the vault is refused, also when a symbolic link leads there.
 */
export function assertOutsideVault(target: string, vaultDir: string, what: string): void {
  if (isInsideVault(target, vaultDir))
    throw new ArchiveError('validation', `${target} is inside the vault folder; ${what} must be written somewhere else`);
}
