import type { VaultSession } from '../session/vault-session.ts';

/** Records, in one transaction, that these cases and items went out in an export (details name it). */
export function recordExported(
  session: VaultSession,
  subjects: { cases: string[]; items: string[] },
  details: Record<string, unknown>,
): void {
  session.assertUnlocked();
  session.db.transaction(() => {
    for (const id of subjects.cases) session.custody.append('exported', { kind: 'case', id }, details);
    for (const id of subjects.items) session.custody.append('exported', { kind: 'item', id }, details);
  })();
}
