import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { channels } from '../../shared/contract.ts';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { IPC_PREFIX, REFUSED_MESSAGE, registerIpc, type IpcMainLike } from '../../electron/ipc/register.ts';
import { APP_ORIGIN, describeSender, isAppUrl, isTrustedSender, originOfUrl, type SenderInfo } from '../../electron/ipc/sender.ts';

const WINDOW_ID = 7;
const trusted: SenderInfo = { webContentsId: WINDOW_ID, frame: { url: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN, isTopFrame: true } };
const target = { webContentsId: WINDOW_ID };

test('the main window top frame on app://custodia is trusted', () => {
  assert.equal(isTrustedSender(trusted, target), true);
  assert.equal(isTrustedSender({ ...trusted, frame: { ...trusted.frame!, url: `${APP_ORIGIN}/cases/3?x=1#y` } }, target), true);
});

test('another webContents, a subframe or a destroyed frame is refused', () => {
  assert.equal(isTrustedSender({ ...trusted, webContentsId: WINDOW_ID + 1 }, target), false);
  assert.equal(isTrustedSender({ ...trusted, frame: { ...trusted.frame!, isTopFrame: false } }, target), false);
  assert.equal(isTrustedSender({ ...trusted, frame: null }, target), false);
});

test('no window means nothing is trusted', () => {
  assert.equal(isTrustedSender(trusted, { webContentsId: null }), false);
  assert.equal(isTrustedSender(trusted, { webContentsId: Number.NaN }), false);
});

test('a frame showing any other origin is refused', () => {
  const foreign = [
    ['https://custodia/index.html', 'https://custodia'],
    ['app://evil/index.html', 'app://evil'],
    ['app://custodia.evil/index.html', 'app://custodia.evil'],
    ['app://custodia:8080/index.html', 'app://custodia:8080'],
    ['app://user@custodia/index.html', APP_ORIGIN],
    ['file:///work/main/out/renderer/index.html', 'null'],
    ['about:blank', APP_ORIGIN], // a child about:blank inherits the origin but its URL is not ours
    ['data:text/html,hi', 'null'],
    ['not a url', APP_ORIGIN],
  ] as const;
  for (const [url, origin] of foreign) {
    assert.equal(isTrustedSender({ webContentsId: WINDOW_ID, frame: { url, origin, isTopFrame: true } }, target), false, url);
  }
  // URL ours but Chromium's origin disagrees (e.g. an opaque sandboxed origin): refused.
  assert.equal(isTrustedSender({ ...trusted, frame: { ...trusted.frame!, origin: 'null' } }, target), false);
});

test('originOfUrl and isAppUrl handle the non-special app: scheme', () => {
  assert.equal(new URL('app://custodia/x').origin, 'null'); // why originOfUrl exists
  assert.equal(originOfUrl('app://custodia/x'), APP_ORIGIN);
  assert.equal(originOfUrl('APP://CUSTODIA/x'), APP_ORIGIN);
  assert.equal(isAppUrl('app://custodia/index.html'), true);
  assert.equal(isAppUrl('https://example.org/'), false);
  assert.equal(isAppUrl('javascript:alert(1)'), false);
  assert.equal(isAppUrl(''), false);
});

test('describeSender reads an IpcMainInvokeEvent-like object and survives a destroyed frame', () => {
  const top = { url: 'app://custodia/index.html', origin: APP_ORIGIN, parent: null };
  assert.deepEqual(describeSender({ sender: { id: 3 }, senderFrame: top }), {
    webContentsId: 3,
    frame: { url: top.url, origin: APP_ORIGIN, isTopFrame: true },
  });
  const child = { ...top, parent: top };
  assert.equal(describeSender({ sender: { id: 3 }, senderFrame: child }).frame?.isTopFrame, false);
  assert.equal(describeSender({ sender: { id: 3 }, senderFrame: null }).frame, null);
  const destroyed = {
    sender: { id: 3 },
    get senderFrame(): never {
      throw new Error('Render frame was disposed');
    },
  };
  assert.equal(describeSender(destroyed).frame, null);
});

type FakeEvent = { trusted: boolean };
type Listener = (event: FakeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike<FakeEvent> = {
    handle(name, listener) {
      assert.ok(!handlers.has(name), `second handler for ${name}`);
      handlers.set(name, listener);
    },
    removeHandler(name) {
      handlers.delete(name);
    },
  };
  return { ipc, handlers };
}

test('registerIpc registers exactly one handler per contract channel and can remove them', () => {
  const { ipc, handlers } = fakeIpcMain();
  const unregister = registerIpc(ipc, { call: async () => ({ ok: true, value: null }) }, () => true);
  assert.deepEqual([...handlers.keys()].sort(), channels.map((channel) => IPC_PREFIX + channel).sort());
  unregister();
  assert.equal(handlers.size, 0);
});

test('an untrusted sender gets a Result error and the engine is never called', async () => {
  const { ipc, handlers } = fakeIpcMain();
  const calls: unknown[] = [];
  registerIpc(ipc, { call: async (...args) => (calls.push(args), { ok: true, value: null }) }, (event) => event.trusted);
  for (const channel of channels) {
    const answer = await handlers.get(IPC_PREFIX + channel)!({ trusted: false }, { passphrase: 'x'.repeat(20) });
    assert.deepEqual(answer, { ok: false, error: { kind: 'forbidden', message: REFUSED_MESSAGE } });
  }
  // A predicate that throws counts as "not trusted".
  const { ipc: ipc2, handlers: handlers2 } = fakeIpcMain();
  registerIpc(ipc2, { call: async (...args) => (calls.push(args), { ok: true, value: null }) }, () => {
    throw new Error('boom');
  });
  assert.equal(((await handlers2.get('custodia:vault.status')!({ trusted: true }, {})) as { ok: boolean }).ok, false);
  assert.equal(calls.length, 0);
});

test('a trusted sender reaches the real engine host, which validates the payload', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'custodia-ipc-'));
  try {
    const host = new ArchiveHost(path.join(dir, 'vault'));
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, host, (event) => event.trusted);
    const status = handlers.get('custodia:vault.status')!;
    assert.deepEqual(await status({ trusted: true }, {}), { ok: true, value: { state: 'missing', folder: path.join(dir, 'vault') } });
    const bad = (await status({ trusted: true }, { extra: 1 })) as { ok: boolean; error?: { kind: string } };
    assert.equal(bad.ok, false);
    assert.equal(bad.error?.kind, 'validation');
    const twoArgs = (await status({ trusted: true }, {}, {})) as { ok: boolean; error?: { kind: string } };
    assert.equal(twoArgs.ok, false);
    const locked = (await handlers.get('custodia:cases.list')!({ trusted: true }, {})) as { ok: boolean; error?: { kind: string } };
    assert.deepEqual(locked.ok, false);
    assert.equal(locked.error?.kind, 'locked');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a host that throws still answers with a Result', async () => {
  const { ipc, handlers } = fakeIpcMain();
  registerIpc(ipc, { call: async () => Promise.reject(new Error('disk on fire')) }, () => true);
  assert.deepEqual(await handlers.get('custodia:vault.lock')!({ trusted: true }, {}), {
    ok: false,
    error: { kind: 'internal', message: 'disk on fire' },
  });
});
