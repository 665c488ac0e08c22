import { APP_ORIGIN, isAppUrl } from '../ipc/sender.ts';

/*
 * The main process's security decisions as pure functions (no Electron import), so each is
 * unit-tested under plain Node; electron/main/index.ts wires them to Electron's events.
 */

/** The only page the window may show: the renderer's index on our own origin. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Top-frame navigation: only to the app's index (`app://custodia/` or `/index.html`, any query or
 * fragment). Anything else — another origin, a `/media/<ticket>` URL, a built asset — would become
 * a page that gets the preload and with it `window.custodia`.
 */
export function isAppIndexUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const pathname = new URL(url).pathname;
  return pathname === '/' || pathname === '/index.html';
}

/** Subframes (pdf.js, media) may show our own origin or about:blank, never another origin. */
export function subframeNavigationAllowed(url: string): boolean {
  return url === 'about:blank' || isAppUrl(url);
}

/**
 * What the session's request filter cancels: everything that is not our own scheme. `*://*` in
 * Electron's URL patterns covers http(s) only, so WebSockets and the other schemes are listed.
 */
export const BLOCKED_REQUEST_URLS = ['*://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file:///*'];

/** Permissions granted: only fullscreen (the video player's button), only to the app's main window. */
export function permissionAllowed(permission: string, requestingUrl: string, fromMainWindow: boolean): boolean {
  return permission === 'fullscreen' && fromMainWindow && isAppUrl(requestingUrl);
}

/**
 * `--remote-debugging-port` / `--remote-debugging-pipe` expose the DevTools protocol, through which
 * whoever launched the app drives `window.custodia` without the passphrase prompt being theirs to
 * see. Chromium reads switches with `--`, `-` (and `/` on Windows) and is case-sensitive only on
 * POSIX, so match all spellings. Returns the switch found, or null.
 */
export function remoteDebuggingSwitch(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const match = /^(?:--?|\/)(remote-debugging-(?:port|pipe))(?:=|$)/i.exec(arg);
    if (match) return match[1]!.toLowerCase();
  }
  return null;
}

/** How often the main process compares the system's idle time with the vault's idle-lock setting. */
export const IDLE_POLL_SECONDS = 15;

export function shouldIdleLock(systemIdleSeconds: number, limitSeconds: number): boolean {
  return systemIdleSeconds >= limitSeconds;
}
