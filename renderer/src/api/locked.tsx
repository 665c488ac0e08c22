import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/result.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';

/**
 * What to do when the engine answers `locked` (the vault locked itself, or another window locked it):
 * the App re-reads the vault state and shows the unlock form. Set once around the unlocked workspace,
 * so screens do not pass it down to each other.
 */
const LockedContext = createContext<() => void>(() => {
  throw new Error('A screen that calls the engine was rendered outside a <LockedBoundary>.');
});

export function LockedBoundary({ onLocked, children }: { onLocked: () => void; children: ReactNode }) {
  // One stable function for the whole subtree: a new `onLocked` from the parent must not re-run every screen's loading effect.
  const latest = useRef(onLocked);
  latest.current = onLocked;
  const stable = useCallback(() => latest.current(), []);
  return <LockedContext.Provider value={stable}>{children}</LockedContext.Provider>;
}

/** The workspace's reaction to a lock, for code that only needs to end the session. */
export function useOnLocked(): () => void {
  return useContext(LockedContext);
}

/**
 * The one place a failed call is handled: `locked` ends the session, anything else becomes one
 * sentence for the user (in the language shown when it failed), handed to `show`. The function is
 * stable, so loading effects that use it do not re-run on a language switch.
 */
export function useFailure(): (error: ApiError, show: (message: string) => void) => void {
  const { t } = useI18n();
  const onLocked = useOnLocked();
  const messages = useRef(t);
  messages.current = t;
  return useCallback(
    (error: ApiError, show: (message: string) => void) => {
      if (error.kind === 'locked') onLocked();
      else show(describeError(messages.current, error));
    },
    [onLocked],
  );
}
