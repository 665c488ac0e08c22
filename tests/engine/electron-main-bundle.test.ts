/* eslint-disable @typescript-eslint/no-explicit-any -- a recording fake of Electron's API; the real types are checked by tsconfig.electron.json */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { channels } from '../../shared/contract.ts';
import { shellChannels } from '../../shared/destinations.ts';

/*
 * Runs the real main-process bundle (out/main/index.cjs, as built by `npm run build:electron`)
 * under plain Node against a recording fake of the 'electron' module, and checks its wiring:
 * scheme, window security settings, protocol, IPC sender check, permissions, navigation, locking.
 * The real-Electron counterpart is tests/electron/app.test.ts (needs the Electron binary).
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(repo, 'out', 'main', 'index.cjs');
const preload = path.join(repo, 'out', 'preload', 'index.cjs');
const built = existsSync(bundle) && existsSync(preload);

type Listener = (...args: any[]) => any;

class FakeWebContents extends EventEmitter {
  readonly id: number;
  reloads = 0;
  windowOpenHandler: Listener | null = null;
  constructor(id: number) {
    super();
    this.id = id;
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads += 1;
  }
}

function fakeElectron(appData: string) {
  const record = {
    schemes: [] as any[],
    paths: new Map<string, string>([['appData', appData]]),
    protocolHandlers: new Map<string, Listener>(),
    ipc: new Map<string, Listener>(),
    windows: [] as any[],
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    beforeRequest: null as { filter: any; listener: Listener } | null,
    headersReceived: null as Listener | null,
    errors: [] as string[],
    exitCode: null as number | null,
    sandboxEnabled: false,
    quitRequests: 0,
    quitsPrevented: 0,
  };
  let nextId = 1;
  const appEvents = new EventEmitter();
  const app = Object.assign(appEvents, {
    isPackaged: false,
    enableSandbox: () => void (record.sandboxEnabled = true),
    setName: (_name: string) => undefined,
    getPath: (name: string) => record.paths.get(name) ?? path.join(appData, name),
    setPath: (name: string, value: string) => void record.paths.set(name, value),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      record.quitRequests += 1;
      appEvents.emit('before-quit', { preventDefault: () => void (record.quitsPrevented += 1) });
    },
    exit: (code: number) => void (record.exitCode = code),
  });
  const sessionEvents = new EventEmitter();
  const defaultSession = Object.assign(sessionEvents, {
    setPermissionRequestHandler: (fn: Listener) => void (record.permissionRequest = fn),
    setPermissionCheckHandler: (fn: Listener) => void (record.permissionCheck = fn),
    setDevicePermissionHandler: (fn: Listener) => void (record.devicePermission = fn),
    webRequest: {
      onBeforeRequest: (filter: any, listener: Listener) => void (record.beforeRequest = { filter, listener }),
      onHeadersReceived: (listener: Listener) => void (record.headersReceived = listener),
    },
  });
  class BrowserWindow extends EventEmitter {
    readonly options: any;
    readonly webContents: FakeWebContents;
    loadedUrl = '';
    constructor(options: any) {
      super();
      this.options = options;
      this.webContents = new FakeWebContents(nextId++);
      appEvents.emit('web-contents-created', {}, this.webContents);
      record.windows.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
    show() {}
  }
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, message: string) => void record.errors.push(`${title}: ${message}`) },
    ipcMain: {
      handle: (name: string, fn: Listener) => void record.ipc.set(name, fn),
      removeHandler: (name: string) => void record.ipc.delete(name),
    },
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    shell: { openPath: async () => '', showItemInFolder: () => undefined },
    protocol: {
      registerSchemesAsPrivileged: (schemes: any[]) => void record.schemes.push(...schemes),
      handle: (scheme: string, fn: Listener) => void record.protocolHandlers.set(scheme, fn),
    },
    session: { defaultSession },
  };
  return { electron, record };
}

let dir = '';
let fake: ReturnType<typeof fakeElectron>;
let restoreLoad: (() => void) | null = null;
const savedEnv = { vault: process.env.CUSTODIA_VAULT, userData: process.env.CUSTODIA_USER_DATA };

before(async () => {
  if (!built) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'custodia-main-'));
  // A copy of out/ with a stand-in renderer, next to the repo's node_modules (native modules).
  const out = path.join(dir, 'app', 'out');
  await mkdir(path.join(out, 'main'), { recursive: true });
  await mkdir(path.join(out, 'preload'), { recursive: true });
  await mkdir(path.join(out, 'renderer'), { recursive: true });
  await copyFile(bundle, path.join(out, 'main', 'index.cjs'));
  await copyFile(preload, path.join(out, 'preload', 'index.cjs'));
  await writeFile(path.join(out, 'renderer', 'index.html'), '<!doctype html><title>Custodia</title>');
  await symlink(path.join(repo, 'node_modules'), path.join(dir, 'app', 'node_modules'), 'dir');

  process.env.CUSTODIA_VAULT = path.join(dir, 'vault');
  process.env.CUSTODIA_USER_DATA = path.join(dir, 'user-data');
  fake = fakeElectron(path.join(dir, 'app-data'));
  const moduleWithLoad = Module as unknown as { _load: Listener };
  const originalLoad = moduleWithLoad._load;
  moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, ...rest);
  };
  restoreLoad = () => void (moduleWithLoad._load = originalLoad);
  createRequire(import.meta.url)(path.join(out, 'main', 'index.cjs'));
  for (let i = 0; i < 200 && fake.record.windows.length === 0 && fake.record.exitCode === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
});

after(async () => {
  restoreLoad?.();
  if (fake) fake.electron.app.quit();
  if (savedEnv.vault === undefined) delete process.env.CUSTODIA_VAULT;
  else process.env.CUSTODIA_VAULT = savedEnv.vault;
  if (savedEnv.userData === undefined) delete process.env.CUSTODIA_USER_DATA;
  else process.env.CUSTODIA_USER_DATA = savedEnv.userData;
  if (dir) await rm(dir, { recursive: true, force: true });
});

const skip = built ? false : 'out/main/index.cjs is not built: run "npm run build:electron"';

test('starts, registers the privileged app: scheme and opens one hardened window', { skip }, () => {
  const { record } = fake;
  assert.deepEqual(record.errors, []);
  assert.equal(record.exitCode, null);
  assert.equal(record.sandboxEnabled, true);
  assert.equal(record.paths.get('userData'), path.join(dir, 'user-data'));
  assert.equal(record.schemes.length, 1);
  assert.equal(record.schemes[0].scheme, 'app');
  assert.equal(record.schemes[0].privileges.standard, true);
  assert.equal(record.schemes[0].privileges.secure, true);
  assert.equal(record.schemes[0].privileges.bypassCSP, undefined);
  assert.equal(record.windows.length, 1);
  const window = record.windows[0];
  const prefs = window.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, path.join(dir, 'app', 'out', 'preload', 'index.cjs'));
  assert.equal(window.loadedUrl, 'app://custodia/index.html');
});

test('the app: protocol serves the renderer with the CSP', { skip }, async () => {
  const handler = fake.record.protocolHandlers.get('app')!;
  const response: Response = await handler({ url: 'app://custodia/index.html', method: 'GET' });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  assert.equal((await handler({ url: 'app://custodia/../../main/index.cjs', method: 'GET' })).status, 404);
});

test('every permission is denied, the network is blocked, popups and foreign navigation are refused', { skip }, () => {
  const { record } = fake;
  const contents: FakeWebContents = record.windows[0].webContents;
  const request = (permission: string, from: unknown, url = 'app://custodia/index.html') => {
    let granted: boolean | null = null;
    record.permissionRequest!(from, permission, (answer: boolean) => (granted = answer), { requestingUrl: url });
    return granted;
  };
  assert.equal(request('media', contents), false);
  assert.equal(request('fullscreen', contents), true, "the video element's fullscreen button works in the main window");
  assert.equal(request('fullscreen', new FakeWebContents(999)), false);
  assert.equal(request('fullscreen', contents, 'https://example.org/'), false);
  assert.equal(record.permissionCheck!(contents, 'clipboard-read', 'app://custodia'), false);
  assert.equal(record.permissionCheck!(contents, 'fullscreen', 'app://custodia'), true);
  assert.equal(record.devicePermission!({}), false);
  let cancel: boolean | null = null;
  record.beforeRequest!.listener({ url: 'https://example.org/' }, (answer: { cancel: boolean }) => (cancel = answer.cancel));
  assert.equal(cancel, true);
  assert.deepEqual(record.beforeRequest!.filter.urls, ['*://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file:///*']);
  // No CSP rewrite of every response: the protocol handler sends ours, and the media route's
  // stricter `sandbox; default-src 'none'` stays as it is.
  assert.equal(record.headersReceived, null);

  assert.deepEqual(contents.windowOpenHandler!({ url: 'https://example.org/' }), { action: 'deny' });
  const navigate = (url: string, eventName = 'will-navigate', isMainFrame = true) => {
    let prevented = false;
    contents.emit(eventName, { url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  };
  assert.equal(navigate('https://example.org/'), true);
  assert.equal(navigate('file:///etc/passwd'), true);
  assert.equal(navigate('app://custodia/index.html'), false);
  assert.equal(navigate('app://custodia/media/0123abcd'), true, 'a media URL never becomes a page with the preload');
  assert.equal(navigate('app://custodia/media/0123abcd', 'will-frame-navigate'), true);
  assert.equal(navigate('app://custodia/media/0123abcd', 'will-frame-navigate', false), false, 'media may load in a subframe');
  assert.equal(navigate('https://example.org/', 'will-frame-navigate', false), true);
  assert.equal(navigate('app://custodia/assets/x.js', 'will-redirect'), true);
  let webviewPrevented = false;
  contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
  assert.equal(webviewPrevented, true);
});

function event(webContentsId: number, url = 'app://custodia/index.html', parent: unknown = null) {
  return {
    sender: { id: webContentsId },
    senderFrame: { url, origin: new URL(url).protocol === 'app:' ? 'app://custodia' : 'null', parent },
  };
}

test('IPC: one handler per channel; only the window top frame on our origin reaches the engine', { skip }, async () => {
  const { record } = fake;
  assert.deepEqual(
    [...record.ipc.keys()].sort(),
    [...channels.map((channel) => `custodia:${channel}`), ...shellChannels.map((channel) => `custodia-shell:${channel}`)].sort(),
  );
  const id = record.windows[0].webContents.id;
  const status = record.ipc.get('custodia:vault.status')!;
  assert.deepEqual(await status(event(id), {}), { ok: true, value: { state: 'missing', folder: path.join(dir, 'vault') } });
  for (const foreign of [event(id + 1), event(id, 'https://evil.example/'), event(id, 'app://custodia/index.html', {})]) {
    const answer = await status(foreign, {});
    assert.equal(answer.ok, false);
    assert.equal(answer.error.kind, 'forbidden');
  }
});

test('suspend, lock-screen and a gone renderer lock the vault and reload the page', { skip }, async () => {
  const { record, electron } = fake;
  const id = record.windows[0].webContents.id;
  const call = (channel: string, payload: unknown) => record.ipc.get(`custodia:${channel}`)!(event(id), payload);
  const created = await call('vault.create', { passphrase: 'correct horse battery staple 42' });
  assert.equal(created.ok, true, JSON.stringify(created));
  assert.equal((await call('vault.status', {})).value.state, 'unlocked');

  const contents: FakeWebContents = record.windows[0].webContents;
  electron.powerMonitor.emit('suspend');
  assert.equal((await call('vault.status', {})).value.state, 'locked');
  assert.equal(contents.reloads, 1);

  await call('vault.unlock', { passphrase: 'correct horse battery staple 42' });
  assert.equal((await call('vault.status', {})).value.state, 'unlocked');
  electron.powerMonitor.emit('lock-screen');
  assert.equal((await call('vault.status', {})).value.state, 'locked');
  assert.equal(contents.reloads, 2);

  await call('vault.unlock', { passphrase: 'correct horse battery staple 42' });
  contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  assert.equal((await call('vault.status', {})).value.state, 'locked', 'a crashed renderer locks the vault');
  assert.equal(contents.reloads, 3);
});

test('the shell channels: sender-checked, validated, and Open takes only a token of a written file', { skip }, async () => {
  const { record } = fake;
  const id = record.windows[0].webContents.id;
  const open = record.ipc.get('custodia-shell:openOutput')!;
  assert.equal((await open(event(id + 1), { output: 'A'.repeat(43) })).error.kind, 'forbidden');
  assert.equal((await open(event(id), { output: 'A'.repeat(43), path: '/etc' })).error.kind, 'validation');
  assert.equal((await open(event(id), { output: '/home/user/.bashrc' })).error.kind, 'validation', 'a path is not an output token');
  assert.equal((await open(event(id), { output: 'A'.repeat(43) })).error.kind, 'not-found');
});

test('quit: held until running jobs stop, then the vault locks and the app quits', { skip }, async () => {
  const { record, electron } = fake;
  const id = record.windows[0].webContents.id;
  const call = (channel: string, payload: unknown) => record.ipc.get(`custodia:${channel}`)!(event(id), payload);
  await call('vault.unlock', { passphrase: 'correct horse battery staple 42' });
  const job = await call('integrity.audit', {});
  assert.equal(job.ok, true, JSON.stringify(job));
  const before = { requests: record.quitRequests, prevented: record.quitsPrevented };
  electron.app.quit();
  assert.equal(record.quitsPrevented, before.prevented + 1, 'the first quit is held');
  for (let i = 0; i < 200 && record.quitRequests === before.requests + 1; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.equal(record.quitRequests, before.requests + 2, 'the app quits again by itself once the jobs have stopped');
  assert.equal(record.quitsPrevented, before.prevented + 1, 'the second quit goes through');
  assert.equal((await call('vault.status', {})).value.state, 'locked');
});
