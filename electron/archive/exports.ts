import { existsSync } from 'node:fs';
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

/** Exports are plaintext: refuses a target inside the encrypted vault folder. */
export function assertOutsideVault(target: string, vaultDir: string, what: string): void {
  const fromVault = path.relative(path.resolve(vaultDir), path.resolve(target));
  if (!fromVault.startsWith('..') && !path.isAbsolute(fromVault))
    throw new ArchiveError('validation', `${target} is inside the vault folder; ${what} is plaintext, so write it somewhere else`);
}
