import { existsSync } from 'node:fs';
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

/** Exports are plaintext: refuses a target inside the encrypted vault folder. */
export function assertOutsideVault(target: string, vaultDir: string, what: string): void {
  const fromVault = path.relative(path.resolve(vaultDir), path.resolve(target));
  if (!fromVault.startsWith('..') && !path.isAbsolute(fromVault))
    throw new ArchiveError('validation', `${target} is inside the vault folder; ${what} is plaintext, so write it somewhere else`);
}
