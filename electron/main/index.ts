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
import { APP_ORIGIN, APP_SCHEME, describeSender, isAppUrl, isTrustedSender } from '../ipc/sender.ts';
import { CONTENT_SECURITY_POLICY, mediaResponse, mediaTicketOf, rendererResponse } from './app-protocol.ts';
import { limitCoreDumps } from './core-dumps.ts';

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
const START_URL = `${APP_ORIGIN}/index.html`;

// ---- Before `ready`: scheme privileges, sandbox, paths, single instance --------------------------

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
  app.on('before-quit', lockVault);
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
  // so a broken native module ends in one clear dialog instead of a crash before the app exists.
  try {
    const engine = await import('../archive/index.ts');
    host = new engine.ArchiveHost(vaultDir);
  } catch (error) {
    fatal('The Custodia engine could not be loaded', error);
    return;
  }

  const archiveHost = host;
  registerIpc<IpcMainInvokeEvent>(ipcMain, archiveHost, (event) =>
    isTrustedSender(describeSender(event), { webContentsId: mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null }),
  );

  // Keys leave memory when the computer sleeps or the screen locks ('lock-screen': macOS and
  // Windows). The page is reloaded too, so nothing decrypted stays on screen or in the DOM; the
  // renderer then finds the vault locked and asks for the passphrase again.
  powerMonitor.on('suspend', lockAndReload);
  powerMonitor.on('lock-screen', lockAndReload);

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
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(START_URL);
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

function fatal(title: string, error: unknown): void {
  lockVault();
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${title}: ${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

// ---- Security settings ----------------------------------------------------------------------------

/** Every webContents (the window, and anything Chromium might create): no navigation away from our origin, no popups, no <webview>. */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url) && event.url !== 'about:blank') event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No permission is ever granted, nothing leaves the machine, and every response carries our CSP. */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Custodia is offline: the page may only load from app://custodia. CSP already says so; this
  // also stops requests CSP does not cover (and any from the main process's default session).
  ses.webRequest.onBeforeRequest({ urls: ['*://*/*', 'file:///*'] }, (_details, callback) => callback({ cancel: true }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  // Exports are written by the main process through IPC; the page itself never downloads files.
  ses.on('will-download', (event) => event.preventDefault());
}
