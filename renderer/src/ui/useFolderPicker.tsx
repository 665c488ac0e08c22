import { useRef, useState, type ReactNode } from 'react';
import type { ChosenDestination, FolderPurpose } from '../../../shared/destinations.ts';
import { getDesktopShell } from '../api/shell.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from './errors.ts';
import { FolderBrowserDialog } from './FolderBrowserDialog.tsx';

/**
 * The one way a screen asks the user for a folder: the desktop's native dialog (main process) or,
 * in browser mode, the engine's folder browser. `pick()` answers the opaque token and the path to
 * show, or null when the user closed the dialog; render `dialog` where the screen is.
 */
export function useFolderPicker(purpose: FolderPurpose): {
  pick: () => Promise<ChosenDestination | null>;
  dialog: ReactNode;
  error: string | null;
} {
  const { t } = useI18n();
  const [browsing, setBrowsing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answer = useRef<((chosen: ChosenDestination | null) => void) | null>(null);

  const settle = (chosen: ChosenDestination | null) => {
    setBrowsing(false);
    answer.current?.(chosen);
    answer.current = null;
  };

  const pick = async (): Promise<ChosenDestination | null> => {
    setError(null);
    const shell = getDesktopShell();
    if (shell) {
      const result = await shell.chooseFolder({ purpose });
      if (!result.ok) {
        setError(describeError(t, result.error));
        return null;
      }
      return result.value;
    }
    answer.current?.(null);
    setBrowsing(true);
    return new Promise((resolve) => {
      answer.current = resolve;
    });
  };

  const dialog = browsing ? <FolderBrowserDialog purpose={purpose} onChoose={settle} onCancel={() => settle(null)} /> : null;
  return { pick, dialog, error };
}
