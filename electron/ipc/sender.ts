/**
 * Who may call the engine over IPC. Kept free of Electron imports so it can be unit-tested
 * under plain Node: the main process turns an `IpcMainInvokeEvent` into a `SenderInfo`
 * (see `describeSender`) and asks `isTrustedSender`.
 *
 * Trusted = the message comes from the app's one window (by webContents id), from its top
 * frame (never an iframe), and that frame currently shows our own origin (`app://custodia`).
 * Anything else — another window, a subframe, a frame that navigated elsewhere, a frame that
 * is already gone — is refused before the payload is even looked at.
 */

/** The app's own origin: the privileged scheme and host the renderer is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'custodia';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFrameInfo {
  /** The frame's current URL. */
  url: string;
  /** The frame's serialized origin as Chromium reports it (`WebFrameMain.origin`). */
  origin: string;
  /** True when the frame has no parent (it is the window's top frame). */
  isTopFrame: boolean;
}

export interface SenderInfo {
  /** `event.sender.id`: the webContents that sent the message. */
  webContentsId: number;
  /** `event.senderFrame`, or null when the frame has navigated away or been destroyed. */
  frame: SenderFrameInfo | null;
}

export interface TrustedTarget {
  /** The main window's `webContents.id`, or null while there is no window (then nothing is trusted). */
  webContentsId: number | null;
  /** Defaults to `app://custodia`. */
  origin?: string;
}

/** `scheme://host` of a URL (also for non-special schemes, where WHATWG URL says "null"), or null. */
export function originOfUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // WHATWG URL gives "null" as the origin of non-special schemes such as app:, so build it from
  // the parts. Credentials or an explicit port never occur on our scheme: treat them as foreign.
  if (parsed.username || parsed.password || parsed.port) return null;
  if (!parsed.protocol || !parsed.host) return null;
  // Chromium lowercases the host of a standard scheme (ours is registered as one); WHATWG URL
  // leaves a non-special scheme's host as written.
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/** Pure decision: may this sender call the engine? */
export function isTrustedSender(sender: SenderInfo, target: TrustedTarget): boolean {
  const expected = target.origin ?? APP_ORIGIN;
  if (target.webContentsId === null || !Number.isInteger(target.webContentsId)) return false;
  if (sender.webContentsId !== target.webContentsId) return false;
  const frame = sender.frame;
  if (!frame || !frame.isTopFrame) return false;
  if (frame.origin !== expected) return false;
  return originOfUrl(frame.url) === expected;
}

/** True when `url` belongs to the app's own origin (used to allow or block navigation). */
export function isAppUrl(url: string, origin: string = APP_ORIGIN): boolean {
  return originOfUrl(url) === origin;
}

/** The shape of the Electron objects `describeSender` reads (structural, so no Electron import). */
export interface SenderEventLike {
  sender: { id: number };
  readonly senderFrame: { url: string; origin: string; parent: unknown } | null;
}

/** Reads what `isTrustedSender` needs from an `IpcMainInvokeEvent`; never throws. */
export function describeSender(event: SenderEventLike): SenderInfo {
  let frame: SenderFrameInfo | null = null;
  try {
    const senderFrame = event.senderFrame;
    if (senderFrame) frame = { url: senderFrame.url, origin: senderFrame.origin, isTopFrame: senderFrame.parent === null };
  } catch {
    // Accessing a destroyed frame throws in some Electron versions: treat it as gone.
    frame = null;
  }
  return { webContentsId: event.sender.id, frame };
}
