import { listQuarantine, type QuarantineEntry } from '../vault/quarantine.ts';
import { purgeAndRecord } from '../vault/sweep.ts';
import type { VaultSession } from '../session/vault-session.ts';

/** What the unlock sweeps set aside in the quarantine folder: list it, and purge it when the user asks. */
export class QuarantineService {
  private readonly session: VaultSession;
  constructor(session: VaultSession) {
    this.session = session;
  }

  /** What the unlock sweeps moved into the quarantine folder (`custodia quarantine list`). */
  list(): QuarantineEntry[] {
    this.session.assertUnlocked();
    return listQuarantine(this.session.dir);
  }

  /** Deletes the quarantine folder's contents at the user's request; a custody event records it. */
  purge(): { files: number; bytes: number } {
    const s = this.session;
    s.assertUnlocked();
    return purgeAndRecord(s.dir, (details) => s.custody.record('quarantine-purged', { kind: 'vault', id: s.vaultId }, details));
  }
}
