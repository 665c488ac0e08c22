import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';
import type { ArchiveHost } from '../archive/index.ts';
import { registerIpc } from '../ipc/register.ts';
import { APP_SCHEME, describeSender, isTrustedSender } from '../ipc/sender.ts';
import { mediaResponse, mediaTicketOf, rendererResponse } from './app-protocol.ts';
import { limitCoreDumps } from './core-dumps.ts';
import { engineLoadFailure, runningGlibc } from './engine-load.ts';
import {
  APP_INDEX_URL,
  BLOCKED_REQUEST_URLS,
  isAppIndexUrl,
  IDLE_POLL_SECONDS,
  permissionAllowed,
  remoteDebuggingSwitch,
  shouldIdleLock,
  subframeNavigationAllowed,
} from './guards.ts';
import { registerShellIpc } from './shell-ipc.ts';

/*
 * Custodia's main process: lifecycle, the one window, and its security settings.
 *
 * This file only ever runs as the CommonJS bundle out/main/index.cjs (scripts/build-electron.js),
 * so `__dirname` is out/main and the preload and renderer are found next to it in out/.
 *
 * Environment:
 *   CUSTODIA_VAULT      the vault folder (default: <userData>/vault)
 *   CUSTODIA_USER_DATA  Electron's userData folder (default: <appData>/Custodia); tests set it so
 *                       parallel instances do not share the single-instance lock or caches.
 */

const APP_NAME = 'Custodia';
const OUT_DIR = path.resolve(__dirname, '..');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const PRELOAD = path.join(OUT_DIR, 'preload', 'index.cjs');
/** How long a quit waits for running exports and audits to stop and remove their partial files. */
const QUIT_WAIT_MS = 10_000;

// ---- Before `ready`: debugging switches, scheme privileges, sandbox, paths, single instance ------

// A packaged app refuses to start with the DevTools protocol open (devTools: false does not close
// it): whoever launched it could drive window.custodia. Development builds keep it for debugging.
const debuggingSwitch = app.isPackaged ? remoteDebuggingSwitch(process.argv) : null;
if (debuggingSwitch) {
  process.stderr.write(`Custodia does not start with --${debuggingSwitch}: it would let other programs control the app.\n`);
  process.exit(1);
}

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // standard + secure: a real origin (app://custodia) with 'self' in CSP, secure-context APIs,
    // fetch() and <video> streaming from our own scheme. No bypassCSP, no service workers.
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
  },
]);
app.enableSandbox();

// The same folder the CLI and browser mode use (electron/archive/paths.ts `userDataDir`):
// <appData>/Custodia, whatever package.json calls the app.
app.setName(APP_NAME);
app.setPath(
  'userData',
  process.env.CUSTODIA_USER_DATA ? path.resolve(process.env.CUSTODIA_USER_DATA) : path.join(app.getPath('appData'), APP_NAME),
);
const vaultDir = process.env.CUSTODIA_VAULT ? path.resolve(process.env.CUSTODIA_VAULT) : path.join(app.getPath('userData'), 'vault');

limitCoreDumps();

let mainWindow: BrowserWindow | null = null;
let host: ArchiveHost | null = null;
let quitting: 'no' | 'stopping-jobs' | 'ready' = 'no';

if (!app.requestSingleInstanceLock()) {
  process.stderr.write('Custodia is already running; switching to its window.\n');
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', stopJobsThenQuit);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal('Custodia could not start', error));
}

// ---- Lifecycle ----------------------------------------------------------------------------------

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => {
    const ticket = mediaTicketOf(request.url);
    if (ticket !== null && host) return mediaResponse(host, ticket, request.method, request.headers.get('range'));
    return rendererResponse(RENDERER_DIR, request.url, request.method);
  });

  if (!existsSync(path.join(RENDERER_DIR, 'index.html')) || !existsSync(PRELOAD)) {
    fatal('Custodia is not built', new Error(`missing ${RENDERER_DIR}/index.html or ${PRELOAD}; run "npm run build" first`));
    return;
  }

  // The engine loads native modules (sodium-native, SQLite). Load it here rather than at the top
  // so a broken native module (an old glibc) ends in one clear dialog naming what is needed.
  try {
    const engine = await import('../archive/index.ts');
    host = new engine.ArchiveHost(vaultDir);
  } catch (error) {
    const failure = engineLoadFailure(error, process.platform, runningGlibc());
    fatal(failure.title, new Error(failure.message));
    return;
  }

  const archiveHost = host;
  const isTrusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender(describeSender(event), { webContentsId: mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null });
  registerIpc<IpcMainInvokeEvent>(ipcMain, archiveHost, isTrusted);
  registerShellIpc(ipcMain, archiveHost, () => mainWindow, isTrusted);

  // Keys leave memory when the computer sleeps or the screen locks ('lock-screen': macOS and
  // Windows only). The page is reloaded too, so nothing decrypted stays on screen or in the DOM;
  // the renderer then finds the vault locked and asks for the passphrase again.
  powerMonitor.on('suspend', lockAndReload);
  powerMonitor.on('lock-screen', lockAndReload);
  // Linux has no lock-screen event, and the renderer's idle timer does not run in a crashed or
  // hijacked renderer: the main process watches the system's idle time itself, against the
  // vault's idle-lock setting (the engine's own timer counts only requests to it).
  setInterval(() => {
    if (shouldIdleLock(powerMonitor.getSystemIdleTime(), archiveHost.idleLockSeconds)) lockIfUnlocked();
  }, IDLE_POLL_SECONDS * 1000).unref();

  mainWindow = createWindow();
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  // A renderer that crashed or was killed may have been made to; keys go, a fresh page asks again.
  window.webContents.on('render-process-gone', () => lockAndReload());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_INDEX_URL);
  return window;
}

function lockVault(): void {
  try {
    host?.lock();
  } catch (error) {
    process.stderr.write(`Custodia: locking the vault failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

function lockAndReload(): void {
  lockVault();
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
}

/** Idle lock: only when there is something to lock (a reload every poll would lose the user's typing). */
function lockIfUnlocked(): void {
  if (!host) return;
  void host.status().then((status) => {
    if (status.state === 'unlocked') lockAndReload();
  });
}

/**
 * Quit while an export or audit runs: hold the quit, tell the jobs to stop and wait for them
 * (each removes its partial file), at most QUIT_WAIT_MS; then lock and quit for real.
 */
function stopJobsThenQuit(event: Electron.Event): void {
  if (quitting === 'ready' || !host) {
    lockVault();
    return;
  }
  event.preventDefault();
  if (quitting === 'stopping-jobs') return;
  quitting = 'stopping-jobs';
  void host
    .close(QUIT_WAIT_MS)
    .then((stopped) => {
      if (!stopped) process.stderr.write('Custodia: a running job did not stop in time; quitting anyway.\n');
    })
    .finally(() => {
      quitting = 'ready';
      app.quit();
    });
}

function fatal(title: string, error: unknown): void {
  lockVault();
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${title}: ${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

// ---- Security settings ----------------------------------------------------------------------------

/**
 * Every webContents (the window, and anything Chromium might create): the top frame shows only the
 * app's index (a media URL never becomes a page with the preload), subframes only our origin; no
 * popups, no <webview>.
 */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const allowed = (url: string, isMainFrame: boolean) => (isMainFrame ? isAppIndexUrl(url) : subframeNavigationAllowed(url));
  contents.on('will-navigate', (event) => {
    if (!allowed(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowed(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowed(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Only fullscreen is ever granted (the video player's button, main window only); nothing leaves
 * the machine. The CSP is not rewritten here: app-protocol.ts sends it with every response of
 * ours (and the media route's stricter `sandbox` policy must stay as it is).
 */
function hardenSession(ses: Session): void {
  const fromMainWindow = (contents: WebContents | null) => Boolean(contents && mainWindow && contents.id === mainWindow.webContents.id);
  ses.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, fromMainWindow(contents))),
  );
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, fromMainWindow(contents)),
  );
  ses.setDevicePermissionHandler(() => false);
  // Custodia is offline: the page may only load from app://custodia. CSP already says so; this
  // also stops requests CSP does not cover (and any from the main process's default session).
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (_details, callback) => callback({ cancel: true }));
  // Exports are written by the main process through IPC; the page itself never downloads files.
  ses.on('will-download', (event) => event.preventDefault());
}
