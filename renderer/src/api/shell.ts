import type { DesktopShellApi } from '../../../shared/destinations.ts';

declare global {
  interface Window {
    /** Set by the Electron preload: native folder dialog, Open / Show in folder. Absent in browser mode. */
    custodiaShell?: DesktopShellApi;
  }
}

/** The desktop app's native side, or null in browser mode (where the engine's folder browser is used instead). */
export function getDesktopShell(): DesktopShellApi | null {
  return window.custodiaShell ?? null;
}
