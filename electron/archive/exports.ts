import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseDetail } from '../../shared/model.ts';
import { ArchiveError } from './errors.ts';

/** Where the app offers to put exports the user asks for (plaintext by design): never inside the vault. */
export function defaultExportFolder(): string {
  return path.join(os.homedir(), 'Custodia exports');
}

/** `<prefix>-<reference or title>`, with only letters, digits, `.`, `_` and `-` from the case's own words (any script). */
export function slugOf(detail: Pick<CaseDetail, 'reference' | 'title' | 'id'>, prefix: string): string {
  const words = (detail.reference ?? detail.title)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return `${prefix}-${words || detail.id.slice(0, 8)}`;
}

/** `<stem><ext>` in `folder`, or `<stem>-2<ext>`, `-3`… rather than overwrite what is there. */
export function freeFileName(folder: string, stem: string, ext: string): string {
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `${stem}${n === 1 ? '' : `-${n}`}${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** `dossier-<reference or title>-<date>.pdf` in `folder`. */
export async function dossierFileName(folder: string, detail: Pick<CaseDetail, 'reference' | 'title' | 'id'>): Promise<string> {
  return freeFileName(folder, `${slugOf(detail, 'dossier')}-${new Date().toISOString().slice(0, 10)}`, '.pdf');
}

/** Exports are plaintext: refuses a target inside the encrypted vault folder. */
export function assertOutsideVault(target: string, vaultDir: string, what: string): void {
  const fromVault = path.relative(path.resolve(vaultDir), path.resolve(target));
  if (!fromVault.startsWith('..') && !path.isAbsolute(fromVault))
    throw new ArchiveError('validation', `${target} is inside the vault folder; ${what} is plaintext, so write it somewhere else`);
}
