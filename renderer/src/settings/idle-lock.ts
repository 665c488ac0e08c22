/** Settings kept in this browser profile (never case data): the idle time before the vault locks itself. */
export const IDLE_LOCK_STORAGE_KEY = 'custodia.idleLockSeconds';
export const DEFAULT_IDLE_LOCK_SECONDS = 10 * 60;
export const IDLE_LOCK_CHOICES_MINUTES = [1, 2, 5, 10, 15, 30, 60] as const;

export function readIdleLockSeconds(): number {
  try {
    const stored = Number(window.localStorage.getItem(IDLE_LOCK_STORAGE_KEY));
    // Anything unreadable falls back to the default; a stored value is capped at a day.
    if (Number.isFinite(stored) && stored >= 1) return Math.min(stored, 24 * 60 * 60);
  } catch {
    // Storage unavailable: the default applies.
  }
  return DEFAULT_IDLE_LOCK_SECONDS;
}

export function writeIdleLockSeconds(seconds: number): void {
  try {
    window.localStorage.setItem(IDLE_LOCK_STORAGE_KEY, String(seconds));
  } catch {
    // The choice then lasts for this session only.
  }
}
