// Every contract channel, called through the real IPC registration and engine host with hostile
// requests generated from the contract (tests/helpers/hostile-payloads.ts): wrong types at every
// field, extra keys, 1 MB strings, __proto__ / constructor keys. Each must be a validation error
// with no side effect: same cases, items and custody log, and nothing on Object.prototype. Then the
// upload channels with bad ids and offsets, and the media route with guessed and stale tickets.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, ArchiveHost } from '../../electron/archive/index.ts';
import { ipcName, registerIpc, type IpcMainLike } from '../../electron/ipc/register.ts';
import { channels, type Channel } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { HUGE, hostileCases, prototypeClean, validRequests, type SeedIds } from '../helpers/hostile-payloads.ts';

const root = tempDir('custodia-hostile-contract-');
const vault = path.join(root, 'vault');
const host = new ArchiveHost(vault);
type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;
const handlers = new Map<string, Handler>();
let seeds: SeedIds;

/** A call as the renderer makes it: through the registered IPC handler, from the trusted window. */
function call(channel: Channel, payload: unknown): Promise<Result<unknown>> {
  return handlers.get(ipcName(channel))!({ trusted: true }, payload);
}

async function value<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

/** What a side effect would change: the vault state, cases, items and custody history. */
async function observable() {
  const cases = await value<Array<{ id: string; itemCount?: number }>>(call('cases.list', {}));
  const detail = await value<{ items: unknown[] }>(call('cases.get', { id: seeds.caseId, includeWithdrawn: true }));
  const caseCustody = await value<unknown[]>(call('cases.custody', { id: seeds.caseId }));
  const item = await value<{ custody: unknown[] }>(call('items.get', { id: seeds.itemId }));
  const status = await value<{ state: string; demo?: boolean }>(call('vault.status', {}));
  return { cases: cases.length, items: detail.items.length, caseCustody: caseCustody.length, itemCustody: item.custody.length, status };
}

/** The whole custody log and catalog as the engine sees them (the host is locked for this and unlocked again). */
async function wholeVault() {
  await value(call('vault.lock', {}));
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const cases = archive.listCases();
    return {
      events: archive.custodyEvents().length,
      cases: cases.length,
      items: cases.reduce((n, c) => n + archive.getCase(c.id).items.length, 0),
    };
  } finally {
    archive.lock();
    await value(call('vault.unlock', { passphrase: PASSPHRASE }));
  }
}

async function upload(caseId: string, name: string, content: Buffer): Promise<string> {
  const { uploadId } = await value<{ uploadId: string }>(call('imports.begin', { caseId, name, size: content.length }));
  await value(call('imports.chunk', { uploadId, offset: 0, bytes: Buffer.from(content) }));
  return (await value<{ itemId: string }>(call('imports.finish', { uploadId }))).itemId;
}

before(async () => {
  const ipc: IpcMainLike<{ trusted: boolean }> = {
    handle: (name, listener) => handlers.set(name, listener as Handler),
    removeHandler: (name) => handlers.delete(name),
  };
  registerIpc(ipc, host, (event) => event.trusted);
  const { recoveryKey } = await value<{ recoveryKey: string }>(call('vault.create', { passphrase: PASSPHRASE }));
  // Confirmed as the window does, so the state compared before and after is the settled one.
  const groups = recoveryKey.split('-');
  await value(call('vault.confirmRecoveryKey', { answers: [1, 2].map((position) => ({ position, group: groups[position - 1]! })) }));
  const { id: caseId } = await value<{ id: string }>(call('cases.add', { title: 'Seed case' }));
  const itemId = await upload(caseId, 'seed.txt', Buffer.from('seed evidence'));
  // An upload left open, so the upload channels' seeds name a real one.
  const { uploadId } = await value<{ uploadId: string }>(call('imports.begin', { caseId, name: 'open.bin', size: 10 }));
  seeds = { caseId, itemId, uploadId, jobId: randomUUID(), exportFolder: path.join(root, 'exports') };
});

after(() => {
  host.lock();
  rmSync(root, { recursive: true, force: true });
});

test('every channel refuses every generated hostile request with a validation error and no side effect', async (t) => {
  const cases = hostileCases(validRequests(seeds, PASSPHRASE));
  const before = await observable();
  const vaultBefore = await wholeVault();
  const perChannel = new Map<string, number>();
  for (const hostile of cases) {
    const answer = await call(hostile.channel, hostile.payload);
    const where = `${hostile.channel} — ${hostile.label}`;
    assert.equal(answer.ok, false, `${where} was accepted`);
    assert.equal(!answer.ok && answer.error.kind, 'validation', `${where}: ${JSON.stringify(answer).slice(0, 300)}`);
    assert.ok(!answer.ok && answer.error.message.length > 0 && answer.error.message.length < 2000, `${where}: the error must be short`);
    assert.ok(prototypeClean(), `${where} polluted Object.prototype`);
    perChannel.set(hostile.channel, (perChannel.get(hostile.channel) ?? 0) + 1);
  }
  // The same requests a second way: two arguments (a renderer bypassing the preload's one-argument shape).
  for (const channel of channels) {
    const answer = await handlers.get(ipcName(channel))!({ trusted: true }, {}, { passphrase: PASSPHRASE });
    assert.equal(answer.ok, false, channel);
  }
  assert.deepEqual(await observable(), before);
  assert.deepEqual(await wholeVault(), vaultBefore);
  assert.equal(existsSync(seeds.exportFolder), false, 'no export was started');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual([...perChannel.keys()].sort(), [...channels].sort(), 'every contract channel was exercised');
  t.diagnostic(JSON.stringify({ requests: cases.length, perChannel: Object.fromEntries(perChannel) }));
});

test('unknown and look-alike channel names are refused by the host, and a 1 MB name is not echoed back', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'vault.status ', 'VAULT.STATUS', 'vault', '', HUGE]) {
    const answer = await host.call(name, {});
    assert.equal(answer.ok, false, name.slice(0, 40));
    assert.equal(!answer.ok && answer.error.kind, 'validation');
    assert.ok(
      !answer.ok && answer.error.message.length < 2000,
      `the error for a ${name.length}-character name is ${!answer.ok && answer.error.message.length} characters`,
    );
  }
});

test('uploads: unknown or guessed ids, wrong offsets, bad bytes and overruns are refused; none leaves an item or a custody event', async () => {
  const before = await wholeVault();
  const { caseId } = seeds;
  const { uploadId } = await value<{ uploadId: string }>(call('imports.begin', { caseId, name: 'victim.bin', size: 8 }));
  const refusals: Array<[string, Channel, unknown, RegExp]> = [
    ['a guessed upload id', 'imports.chunk', { uploadId: randomUUID(), offset: 0, bytes: Buffer.from('abcd') }, /no such upload/],
    ['an id that is not a UUID', 'imports.chunk', { uploadId: '../../etc/passwd', offset: 0, bytes: Buffer.from('abcd') }, /uploadId/],
    ['an offset ahead of the data', 'imports.chunk', { uploadId, offset: 4, bytes: Buffer.from('abcd') }, /chunk at byte 4 but 0/],
    ['a negative offset', 'imports.chunk', { uploadId, offset: -1, bytes: Buffer.from('abcd') }, /offset/],
    ['a fractional offset', 'imports.chunk', { uploadId, offset: 0.5, bytes: Buffer.from('abcd') }, /offset/],
    ['an offset past 2^53', 'imports.chunk', { uploadId, offset: 2 ** 60, bytes: Buffer.from('abcd') }, /offset/],
    ['an offset as a string', 'imports.chunk', { uploadId, offset: '0', bytes: Buffer.from('abcd') }, /offset/],
    ['no bytes', 'imports.chunk', { uploadId, offset: 0, bytes: new Uint8Array(0) }, /bytes/],
    ['bytes as an array of numbers', 'imports.chunk', { uploadId, offset: 0, bytes: [97, 98] }, /bytes/],
    ['bytes as base64 text', 'imports.chunk', { uploadId, offset: 0, bytes: 'YWJjZA==' }, /bytes/],
    ['more than 8 MiB in one chunk', 'imports.chunk', { uploadId, offset: 0, bytes: new Uint8Array(8 * 1024 * 1024 + 1) }, /8 MiB/],
    ['finish before all bytes', 'imports.finish', { uploadId }, /only 0 of 8 bytes/],
    ['finish a guessed id', 'imports.finish', { uploadId: randomUUID() }, /no such upload/],
    ['a negative size', 'imports.begin', { caseId, name: 'x', size: -1 }, /size/],
    ['a size past 2^53', 'imports.begin', { caseId, name: 'x', size: 2 ** 60 }, /size/],
    ['an unknown case', 'imports.begin', { caseId: randomUUID(), name: 'x', size: 1 }, /case/],
  ];
  for (const [label, channel, payload, reason] of refusals) {
    const answer = await call(channel, payload);
    assert.equal(answer.ok, false, label);
    assert.match(!answer.ok ? answer.error.message : '', reason, label);
  }
  // The refusals did not disturb the real upload: it continues from byte 0.
  assert.deepEqual(await value(call('imports.chunk', { uploadId, offset: 0, bytes: Buffer.from('abcd') })), { received: 4 });
  const replay = await call('imports.chunk', { uploadId, offset: 0, bytes: Buffer.from('abcd') });
  assert.match(!replay.ok ? replay.error.message : '', /chunk at byte 0 but 4 bytes were received/, 'a replayed chunk is refused');
  // More bytes than announced cancels the upload; nothing is recorded.
  const overrun = await call('imports.chunk', { uploadId, offset: 4, bytes: Buffer.from('abcdefgh') });
  assert.match(!overrun.ok ? overrun.error.message : '', /larger than the 8 bytes announced; the upload was cancelled/);
  const stale = await call('imports.chunk', { uploadId, offset: 4, bytes: Buffer.from('abcd') });
  assert.match(!stale.ok ? stale.error.message : '', /no such upload/, 'a cancelled upload takes no more chunks');
  assert.deepEqual(
    await value(call('imports.cancel', { uploadId: randomUUID() })),
    { cancelled: true },
    'cancelling a guessed id changes nothing',
  );
  assert.deepEqual(await wholeVault(), before);
});

test('media: guessed, malformed, oversized and stale tickets and wrong methods get no bytes', async () => {
  const { url } = await value<{ url: string }>(call('items.media', { id: seeds.itemId }));
  const ticket = url.slice('media/'.length);
  const good = host.openMedia(ticket, 'GET', undefined);
  assert.equal(good.status, 200);
  for (const [label, guess, method] of [
    ['a random ticket', randomBytes(32).toString('base64url'), 'GET'],
    ['the ticket with one character changed', ticket.slice(0, -1) + (ticket.endsWith('A') ? 'B' : 'A'), 'GET'],
    ['a prefix', ticket.slice(0, 20), 'GET'],
    ['a path', `../${ticket}`, 'GET'],
    ['the item id', seeds.itemId, 'GET'],
    ['a 1 MB ticket', HUGE, 'GET'],
    ['__proto__', '__proto__', 'GET'],
    ['POST', ticket, 'POST'],
    ['PUT', ticket, 'PUT'],
    ['DELETE', ticket, 'DELETE'],
  ] as const) {
    const answer = host.openMedia(guess, method, undefined);
    assert.ok(answer.status === 404 || answer.status === 405, `${label}: ${answer.status}`);
    assert.equal(answer.body, null, label);
  }
  for (const range of ['bytes=999999-', 'bytes=-0', 'bytes=5-2', 'bytes=0-99999999999999999999999']) {
    const answer = host.openMedia(ticket, 'GET', range);
    assert.ok([200, 206, 416].includes(answer.status), `${range}: ${answer.status}`);
  }
  // Lock and unlock: the old ticket is dead.
  await value(call('vault.lock', {}));
  await value(call('vault.unlock', { passphrase: PASSPHRASE }));
  const stale = host.openMedia(ticket, 'GET', undefined);
  assert.equal(stale.status, 404);
  assert.equal(stale.body, null);
});
