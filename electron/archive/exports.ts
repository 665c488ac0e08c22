import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { CaseDetail } from '../../shared/model.ts';
import { ArchiveError } from './errors.ts';

/**
 * The proposed file name of a case's dossier: `dossier-<reference or title>-<date>.pdf`, with only
 * letters, digits, `.`, `_` and `-` from the case's own words (any script). The user may change it.
 */
export function proposedDossierName(detail: Pick<CaseDetail, 'reference' | 'title' | 'id'>, now: Date = new Date()): string {
  const words = (detail.reference ?? detail.title)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return `dossier-${words || detail.id.slice(0, 8)}-${now.toISOString().slice(0, 10)}.pdf`;
}

/** `name` in `folder`, with `extension` added when missing and a number added rather than overwrite a file. */
export function freeFileName(folder: string, name: string, extension: string): string {
  const stem = name.toLowerCase().endsWith(extension) ? name.slice(0, -extension.length) : name;
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `${stem}${n === 1 ? '' : `-${n}`}${extension}`);
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
