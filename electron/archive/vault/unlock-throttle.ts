import { isArchiveError } from '../errors.ts';

/**
 * Online guessing through one process (the app, the browser bridge): each wrong passphrase or
 * recovery key makes the next attempt wait longer — 1 s, 2 s, 4 s … up to a minute — on top of
 * Argon2id's own cost. A right one resets it. (Offline guessing against a copied vault is bounded
 * only by Argon2id and the passphrase; see docs/security.md.)
 */
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 60_000;

export class UnlockThrottle {
  private failures = 0;

  /** How long the next attempt waits before it is tried. */
  get nextDelayMs(): number {
    return this.failures === 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (this.failures - 1));
  }

  /** Runs one unlock attempt after the delay its predecessors earned. Callers run attempts one at a time. */
  async attempt<T>(unlock: () => Promise<T>): Promise<T> {
    const delay = this.nextDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const result = await unlock();
      this.failures = 0;
      return result;
    } catch (error) {
      if (isArchiveError(error) && error.kind === 'wrong-passphrase') this.failures++;
      throw error;
    }
  }
}
