// The loopback bridge under a curious local process: every contract route called with every
// generated hostile body (tests/helpers/hostile-payloads.ts), and every route called with a valid
// body but the wrong Origin, Host, Sec-Fetch-Site, token, method, content type or size; then the
// upload route with bad offsets and ids, and the media route with guessed and stale tickets. Each
// is refused, and the vault's cases, items and custody log stay exactly as they were.
// (tests/e2e/bridge-security.test.ts covers the static routes and the vault.create route in depth.)
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, ArchiveHost } from '../../electron/archive/index.ts';
import { MAX_BODY_BYTES, startBridge, type Bridge } from '../../electron/serve/server.ts';
import { channels } from '../../shared/contract.ts';
import { MAX_UPLOAD_CHUNK_BYTES } from '../../shared/schemas.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { assertEveryChannelSeeded, hostileCases, prototypeClean, validRequests, type SeedIds } from '../helpers/hostile-payloads.ts';

const root = tempDir('custodia-hostile-bridge-');
const vault = path.join(root, 'vault');
const renderer = path.join(root, 'renderer');
const host = new ArchiveHost(vault);
let bridge: Bridge;
let seeds: SeedIds;

interface Reply {
  status: number;
  text: string;
  json(): { ok: boolean; value?: unknown; error?: { kind: string; message: string } };
}

/** http.request, not fetch: fetch refuses to forge Host, Origin or Sec-Fetch-Site. */
function request(
  pathAndQuery: string,
  options: { method?: string; headers?: Record<string, string | undefined>; body?: string | Buffer } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${bridge.port}` };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const target = { host: '127.0.0.1', port: bridge.port, method: options.method ?? 'GET', path: pathAndQuery, headers, agent: false };
    // Without setHost: false, Node adds a Host header of its own when the caller removed it.
    const req = http.request({ ...target, setHost: 'Host' in headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) });
      });
    });
    // The server may answer (413, 403) and close before reading the whole body.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const apiHeaders = (extra: Record<string, string | undefined> = {}) => ({
  'Content-Type': 'application/json',
  'X-Custodia-Token': bridge.token,
  ...extra,
});

const api = (channel: string, json: string, headers = apiHeaders(), method = 'POST') =>
  request(`/api/${channel}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : json });

async function value<T>(channel: string, payload: unknown): Promise<T> {
  const reply = await api(channel, JSON.stringify(payload));
  const body = reply.json();
  if (!body.ok) throw new Error(`${channel}: ${reply.status} ${reply.text}`);
  return body.value as T;
}

/** Cases, items and the whole custody log, read by the engine itself (the host is locked for it and unlocked again). */
async function vaultCounts() {
  host.lock();
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    const cases = archive.listCases();
    return {
      cases: cases.length,
      items: cases.reduce((n, c) => n + archive.getCase(c.id, { includeWithdrawn: true }).items.length, 0),
      custodyEvents: archive.custodyEvents().length,
    };
  } finally {
    archive.lock();
    await value('vault.unlock', { passphrase: PASSPHRASE });
  }
}

before(async () => {
  mkdirSync(vault);
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Custodia</title>');
  bridge = await startBridge({ vaultDir: vault, rendererDir: renderer, port: 0, host });
  await value('vault.create', { passphrase: PASSPHRASE });
  const { id: caseId } = await value<{ id: string }>('cases.add', { title: 'Seed case' });
  const { uploadId } = await value<{ uploadId: string }>('imports.begin', { caseId, name: 'seed.txt', size: 4 });
  const sent = await request(`/upload/${uploadId}?offset=0`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Custodia-Token': bridge.token },
    body: Buffer.from('seed'),
  });
  assert.equal(sent.status, 200, sent.text);
  const { itemId } = await value<{ itemId: string }>('imports.finish', { uploadId });
  seeds = { caseId, itemId, uploadId: randomUUID(), jobId: randomUUID(), exportFolder: path.join(root, 'exports') };
});

after(async () => {
  await bridge?.close();
  host.lock();
  rmSync(root, { recursive: true, force: true });
});

test('every route refuses every generated hostile body: validation error, bad JSON or too large — never accepted', async (t) => {
  const before = await vaultCounts();
  const byStatus = new Map<number, number>();
  const cases = hostileCases(validRequests(seeds, PASSPHRASE));
  for (const hostile of cases) {
    const reply = await api(hostile.channel, hostile.json);
    const where = `${hostile.channel} — ${hostile.label}`;
    assert.ok([200, 400, 413].includes(reply.status), `${where}: ${reply.status}`);
    const body = reply.json();
    assert.equal(body.ok, false, `${where} was accepted`);
    assert.equal(body.error?.kind, 'validation', `${where}: ${reply.text.slice(0, 300)}`);
    assert.ok(reply.text.length < 4000, `${where}: the answer must not echo the request`);
    byStatus.set(reply.status, (byStatus.get(reply.status) ?? 0) + 1);
  }
  assert.ok(prototypeClean(), 'Object.prototype was not polluted');
  assert.deepEqual(await vaultCounts(), before);
  assert.equal(existsSync(seeds.exportFolder), false, 'no export was started');
  t.diagnostic(JSON.stringify({ requests: cases.length, byStatus: Object.fromEntries(byStatus) }));
});

test('every route, with a valid body, refuses a foreign Origin, Host or Sec-Fetch-Site, a missing or wrong token, a wrong method or content type, and an oversized body', async (t) => {
  const before = await vaultCounts();
  const valid = validRequests(seeds, PASSPHRASE) as Record<string, unknown>;
  assertEveryChannelSeeded(valid);
  const port = bridge.port;
  const variants: Array<[string, number, (channel: string, json: string) => Promise<Reply>]> = [
    ['Origin http://evil.example', 403, (c, j) => api(c, j, apiHeaders({ Origin: 'http://evil.example' }))],
    ['Origin null', 403, (c, j) => api(c, j, apiHeaders({ Origin: 'null' }))],
    [`Origin of another port`, 403, (c, j) => api(c, j, apiHeaders({ Origin: `http://127.0.0.1:${port + 1}` }))],
    ['Host evil.example (DNS rebinding)', 403, (c, j) => api(c, j, apiHeaders({ Host: `evil.example:${port}` }))],
    // Node's HTTP server refuses an HTTP/1.1 request without Host before the bridge sees it.
    ['no Host', 400, (c, j) => api(c, j, apiHeaders({ Host: undefined }))],
    ['Sec-Fetch-Site cross-site', 403, (c, j) => api(c, j, apiHeaders({ 'Sec-Fetch-Site': 'cross-site' }))],
    ['Sec-Fetch-Site same-site', 403, (c, j) => api(c, j, apiHeaders({ 'Sec-Fetch-Site': 'same-site' }))],
    ['no token', 403, (c, j) => api(c, j, apiHeaders({ 'X-Custodia-Token': undefined }))],
    ['a wrong token', 403, (c, j) => api(c, j, apiHeaders({ 'X-Custodia-Token': randomBytes(32).toString('base64url') }))],
    [
      'the token in the query',
      403,
      (c, j) =>
        request(`/api/${c}?token=${bridge.token}`, { method: 'POST', headers: apiHeaders({ 'X-Custodia-Token': undefined }), body: j }),
    ],
    ['GET', 405, (c, j) => api(c, j, apiHeaders(), 'GET')],
    ['PUT', 405, (c, j) => api(c, j, apiHeaders(), 'PUT')],
    ['DELETE', 405, (c, j) => api(c, j, apiHeaders(), 'DELETE')],
    ['PATCH', 405, (c, j) => api(c, j, apiHeaders(), 'PATCH')],
    ['OPTIONS', 405, (c, j) => api(c, j, apiHeaders(), 'OPTIONS')],
    ['text/plain', 415, (c, j) => api(c, j, apiHeaders({ 'Content-Type': 'text/plain' }))],
    ['a form', 415, (c, j) => api(c, j, apiHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }))],
    ['multipart', 415, (c, j) => api(c, j, apiHeaders({ 'Content-Type': 'multipart/form-data; boundary=x' }))],
    ['no content type', 415, (c, j) => api(c, j, apiHeaders({ 'Content-Type': undefined }))],
    ['application/jsonp', 415, (c, j) => api(c, j, apiHeaders({ 'Content-Type': 'application/jsonp' }))],
    ['a body over 1 MiB', 413, (c, j) => api(c, j.replace(/}$/, `${j === '{}' ? '' : ','}"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`))],
  ];
  let count = 0;
  for (const channel of channels) {
    const json = JSON.stringify(valid[channel], (_key, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
    for (const [label, status, send] of variants) {
      const reply = await send(channel, json);
      assert.equal(reply.status, status, `${channel} with ${label}: ${reply.status} ${reply.text.slice(0, 200)}`);
      count++;
    }
  }
  assert.deepEqual(await vaultCounts(), before);
  assert.equal((await value<{ state: string }>('vault.status', {})).state, 'unlocked', 'no refused vault.lock got through');
  assert.equal(existsSync(seeds.exportFolder), false);
  t.diagnostic(JSON.stringify({ requests: count, channels: channels.length, variants: variants.length }));
});

test('the upload route refuses bad offsets, unknown ids, wrong types, sizes, methods and origins; the upload then goes on from byte 0', async () => {
  const before = await vaultCounts();
  const { uploadId } = await value<{ uploadId: string }>('imports.begin', { caseId: seeds.caseId, name: 'target.bin', size: 8 });
  const octets = (extra: Record<string, string | undefined> = {}) => ({
    'Content-Type': 'application/octet-stream',
    'X-Custodia-Token': bridge.token,
    ...extra,
  });
  const send = (pathAndQuery: string, options: { method?: string; headers?: Record<string, string | undefined>; body?: Buffer } = {}) =>
    request(pathAndQuery, {
      method: options.method ?? 'POST',
      headers: options.headers ?? octets(),
      body: options.body ?? Buffer.from('abcd'),
    });
  const attempts: Array<[string, number, RegExp | null, () => Promise<Reply>]> = [
    ['no offset', 200, /offset/, () => send(`/upload/${uploadId}`)],
    ['offset -1', 200, /offset/, () => send(`/upload/${uploadId}?offset=-1`)],
    ['offset abc', 200, /offset/, () => send(`/upload/${uploadId}?offset=abc`)],
    ['offset 1e3', 200, /offset/, () => send(`/upload/${uploadId}?offset=1e3`)],
    ['offset 0x0', 200, /offset/, () => send(`/upload/${uploadId}?offset=0x0`)],
    ['offset of 17 digits', 200, /offset/, () => send(`/upload/${uploadId}?offset=00000000000000000`)],
    ['offset ahead', 200, /chunk at byte 4 but 0/, () => send(`/upload/${uploadId}?offset=4`)],
    ['offset 2^53', 200, /chunk at byte 9007199254740992|offset/, () => send(`/upload/${uploadId}?offset=9007199254740992`)],
    ['a guessed upload id', 200, /no such upload/, () => send(`/upload/${randomUUID()}?offset=0`)],
    ['a path as the id', 200, /uploadId/, () => send(`/upload/..%2F..%2Fetc%2Fpasswd?offset=0`)],
    ['an empty body', 200, /bytes/, () => send(`/upload/${uploadId}?offset=0`, { body: Buffer.alloc(0) })],
    [
      'JSON content type',
      415,
      null,
      () => send(`/upload/${uploadId}?offset=0`, { headers: octets({ 'Content-Type': 'application/json' }) }),
    ],
    ['no content type', 415, null, () => send(`/upload/${uploadId}?offset=0`, { headers: octets({ 'Content-Type': undefined }) })],
    ['GET', 405, null, () => send(`/upload/${uploadId}?offset=0`, { method: 'GET', body: Buffer.alloc(0) })],
    ['PUT', 405, null, () => send(`/upload/${uploadId}?offset=0`, { method: 'PUT' })],
    ['no token', 403, null, () => send(`/upload/${uploadId}?offset=0`, { headers: octets({ 'X-Custodia-Token': undefined }) })],
    ['a wrong token', 403, null, () => send(`/upload/${uploadId}?offset=0`, { headers: octets({ 'X-Custodia-Token': 'x'.repeat(43) }) })],
    ['a foreign Origin', 403, null, () => send(`/upload/${uploadId}?offset=0`, { headers: octets({ Origin: 'http://evil.example' }) })],
    ['cross-site', 403, null, () => send(`/upload/${uploadId}?offset=0`, { headers: octets({ 'Sec-Fetch-Site': 'cross-site' }) })],
    ['a chunk over 8 MiB', 413, null, () => send(`/upload/${uploadId}?offset=0`, { body: Buffer.alloc(MAX_UPLOAD_CHUNK_BYTES + 1) })],
  ];
  for (const [label, status, reason, attempt] of attempts) {
    const reply = await attempt();
    assert.equal(reply.status, status, `${label}: ${reply.text.slice(0, 200)}`);
    if (status === 200) {
      const body = reply.json();
      assert.equal(body.ok, false, label);
      assert.match(body.error!.message, reason!, label);
    }
  }
  // Nothing above moved the upload: it takes its first chunk at byte 0, then refuses a replay.
  const first = await send(`/upload/${uploadId}?offset=0`);
  assert.deepEqual(first.json(), { ok: true, value: { received: 4 } });
  assert.match((await send(`/upload/${uploadId}?offset=0`)).json().error!.message, /chunk at byte 0 but 4/);
  await value('imports.cancel', { uploadId });
  assert.deepEqual(await vaultCounts(), before);
});

test('the media route gives nothing for a guessed, altered or stale ticket, a wrong method, or a foreign origin', async () => {
  const { url } = await value<{ url: string }>('items.media', { id: seeds.itemId });
  const good = await request(`/${url}`);
  assert.equal(good.status, 200);
  assert.equal(good.text, 'seed');
  const before = await vaultCounts(); // locks and unlocks: `url` is now stale
  const { url: fresh } = await value<{ url: string }>('items.media', { id: seeds.itemId });
  const ticket = fresh.slice('media/'.length);
  const attempts: Array<[string, number, () => Promise<Reply>]> = [
    ['the stale ticket from before a lock', 404, () => request(`/${url}`)],
    ['a random ticket', 404, () => request(`/media/${randomBytes(32).toString('base64url')}`)],
    ['one character changed', 404, () => request(`/media/${ticket.slice(0, -1)}${ticket.endsWith('A') ? 'B' : 'A'}`)],
    ['a prefix', 404, () => request(`/media/${ticket.slice(0, 10)}`)],
    ['the item id', 404, () => request(`/media/${seeds.itemId}`)],
    ['a path', 404, () => request(`/media/..%2F${ticket}`)],
    ['POST', 405, () => request(`/${fresh}`, { method: 'POST', body: '' })],
    ['DELETE', 405, () => request(`/${fresh}`, { method: 'DELETE' })],
    ['a foreign Origin', 403, () => request(`/${fresh}`, { headers: { Origin: 'http://evil.example' } })],
    ['cross-site', 403, () => request(`/${fresh}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })],
    ['a foreign Host', 403, () => request(`/${fresh}`, { headers: { Host: 'evil.example' } })],
  ];
  for (const [label, status, attempt] of attempts) {
    const reply = await attempt();
    assert.equal(reply.status, status, `${label}: ${reply.status}`);
    assert.ok(!reply.text.includes('seed'), `${label} leaked the item`);
  }
  // Each refused attempt recorded nothing; only the two real views did (one before the count was taken).
  const afterCounts = await vaultCounts();
  assert.deepEqual({ ...afterCounts, custodyEvents: afterCounts.custodyEvents - 1 }, before, 'only the fresh ticket’s view was recorded');
});
