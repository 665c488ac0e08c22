import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineLoadFailure, MINIMUM_GLIBC } from '../../electron/main/engine-load.ts';
import {
  BLOCKED_REQUEST_URLS,
  isAppIndexUrl,
  IDLE_POLL_SECONDS,
  permissionAllowed,
  remoteDebuggingSwitch,
  shouldIdleLock,
  subframeNavigationAllowed,
} from '../../electron/main/guards.ts';

/* The main process's decisions, as the pure functions electron/main/index.ts wires to Electron. */

test('top-frame navigation: only the app index; a media URL never becomes a page with the preload', () => {
  for (const url of ['app://custodia/', 'app://custodia/index.html', 'app://custodia/index.html?x=1#case', 'app://CUSTODIA/index.html'])
    assert.equal(isAppIndexUrl(url), true, url);
  for (const url of [
    'app://custodia/media/abcdef',
    'app://custodia/assets/index-1234.js',
    'app://custodia/index.html/..%2fmedia/x',
    'app://other/index.html',
    'app://custodia:80/index.html',
    'app://user@custodia/index.html',
    'https://custodia/index.html',
    'file:///index.html',
    'about:blank',
    'javascript:alert(1)',
    'not a url',
  ])
    assert.equal(isAppIndexUrl(url), false, url);
  assert.equal(subframeNavigationAllowed('about:blank'), true);
  assert.equal(subframeNavigationAllowed('app://custodia/media/abc'), true);
  assert.equal(subframeNavigationAllowed('https://example.org/'), false);
  assert.equal(subframeNavigationAllowed('data:text/html,<b>x</b>'), false);
});

test('the request filter blocks WebSockets too, and never our own scheme', () => {
  for (const pattern of ['*://*/*', 'ws://*/*', 'wss://*/*', 'file:///*']) assert.ok(BLOCKED_REQUEST_URLS.includes(pattern), pattern);
  assert.ok(!BLOCKED_REQUEST_URLS.some((pattern) => pattern.startsWith('app:')));
});

test('permissions: fullscreen for the main window on our origin, nothing else', () => {
  assert.equal(permissionAllowed('fullscreen', 'app://custodia/index.html', true), true);
  assert.equal(permissionAllowed('fullscreen', 'app://custodia', true), true);
  assert.equal(permissionAllowed('fullscreen', 'app://custodia/index.html', false), false);
  assert.equal(permissionAllowed('fullscreen', 'https://example.org/', true), false);
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'pointerLock'])
    assert.equal(permissionAllowed(permission, 'app://custodia/index.html', true), false, permission);
});

test('remote debugging switches are found in every spelling Chromium accepts', () => {
  assert.equal(remoteDebuggingSwitch(['/opt/Custodia/custodia']), null);
  assert.equal(remoteDebuggingSwitch(['custodia', '--remote-debugging-port=9222']), 'remote-debugging-port');
  assert.equal(remoteDebuggingSwitch(['custodia', '--remote-debugging-port']), 'remote-debugging-port');
  assert.equal(remoteDebuggingSwitch(['custodia', '--remote-debugging-pipe']), 'remote-debugging-pipe');
  assert.equal(remoteDebuggingSwitch(['custodia', '-remote-debugging-port=0']), 'remote-debugging-port');
  assert.equal(remoteDebuggingSwitch(['Custodia.exe', '/Remote-Debugging-Port=9222']), 'remote-debugging-port');
  assert.equal(remoteDebuggingSwitch(['custodia', '--REMOTE-DEBUGGING-PIPE']), 'remote-debugging-pipe');
  // Not a switch of that name: an argument that merely contains the words, a longer switch.
  assert.equal(remoteDebuggingSwitch(['custodia', 'notes-about--remote-debugging-port.txt']), null);
  assert.equal(remoteDebuggingSwitch(['custodia', '--remote-debugging-portal']), null);
});

test("idle lock from the main process: at the vault's setting, against system idle time", () => {
  assert.equal(shouldIdleLock(599, 600), false);
  assert.equal(shouldIdleLock(600, 600), true);
  assert.ok(IDLE_POLL_SECONDS <= 30, 'checked often enough that the lock is at most half a minute late');
});

test('an engine that cannot load on an old glibc names the minimum; other failures keep their message', () => {
  const old = new Error("/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.29' not found (required by better_sqlite3.node)");
  const failure = engineLoadFailure(old, 'linux', '2.31');
  assert.equal(failure.title, 'Custodia needs a newer Linux');
  assert.match(failure.message, new RegExp(`glibc ${MINIMUM_GLIBC.replace('.', '\\.')} or newer`));
  assert.match(failure.message, /this system has glibc 2\.31/);
  assert.match(failure.message, /GLIBCXX_3\.4\.29/);
  const other = engineLoadFailure(new Error('Cannot find module sodium-native'), 'linux', '2.36');
  assert.deepEqual(other, { title: 'The Custodia engine could not be loaded', message: 'Cannot find module sodium-native' });
  assert.equal(engineLoadFailure(old, 'darwin', null).title, 'The Custodia engine could not be loaded');
});
