import { advanceBates } from '../dossier/bates-counter.ts';
import type { VaultSession } from '../session/vault-session.ts';

/** What an export records; a dossier's Bates range moves the vault's counter for its prefix past it. */
export type ExportDetails = Record<string, unknown> & { bates?: { prefix: string; first: number; last: number } };

/** Records, in one transaction, that these cases and items went out in an export (details name it). */
export function recordExported(session: VaultSession, subjects: { cases: string[]; items: string[] }, details: ExportDetails): void {
  session.assertUnlocked();
  session.db.transaction(() => {
    if (details.bates) advanceBates(session.meta, details.bates.prefix, details.bates.last);
    for (const id of subjects.cases) session.custody.append('exported', { kind: 'case', id }, details);
    for (const id of subjects.items) session.custody.append('exported', { kind: 'item', id }, details);
  })();
}
