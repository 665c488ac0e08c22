import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startBridge, type Bridge } from '../../electron/serve/server.ts';
import { PASSPHRASE, snapshotTree, tempDir } from '../helpers/files.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/serve/static-files.ts';

/**
 * The loopback bridge refuses everything that is not our own page talking to us with the
 * per-launch token — and a refused request leaves the vault folder exactly as it was.
 * Uses a stand-in renderer folder (no build needed) with a symlink that points outside it.
 */
const root = tempDir('custodia-bridge-');
const vault = path.join(root, 'vault');
const renderer = path.join(root, 'renderer');
const SECRET = 'outside-the-renderer-folder';
let bridge: Bridge;

before(async () => {
  mkdirSync(vault);
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(
    path.join(renderer, 'index.html'),
    '<!doctype html><title>Custodia</title><script type="module" src="./assets/app.js"></script>',
  );
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("custodia");');
  writeFileSync(path.join(renderer, '.hidden'), SECRET);
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  symlinkSync(path.join(root, 'secret.txt'), path.join(renderer, 'assets', 'leak.txt'));
  bridge = await startBridge({ vaultDir: vault, rendererDir: renderer, port: 0 });
});

after(async () => {
  await bridge?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/** http.request rather than fetch: fetch will not send a forged Host header or a raw `..` path. */
function request(
  pathAndQuery: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.host ?? '127.0.0.1',
        port: bridge.port,
        method: options.method ?? 'GET',
        path: pathAndQuery,
        headers: { Host: `127.0.0.1:${bridge.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const withToken = (extra: Record<string, string> = {}) => ({ ...JSON_TYPE, 'X-Custodia-Token': bridge.token, ...extra });

function api(channel: string, payload: unknown, headers: Record<string, string> = withToken()): Promise<Reply> {
  return request(`/api/${channel}`, { method: 'POST', headers, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

/** The vault folder's entries (recursively, with content hashes) — compared before and after a refused call. */
const vaultState = () => ({ entries: readdirSync(vault).sort(), files: snapshotTree(vault) });

async function assertNoSideEffect(action: () => Promise<Reply>, expectStatus: number): Promise<Reply> {
  const before = vaultState();
  const reply = await action();
  assert.equal(reply.status, expectStatus, `expected ${expectStatus}, got ${reply.status}: ${reply.text}`);
  assert.deepEqual(vaultState(), before, 'a refused request changed the vault folder');
  return reply;
}

function assertSecurityHeaders(reply: Reply): void {
  const csp = String(reply.headers['content-security-policy']);
  assert.equal(csp, CONTENT_SECURITY_POLICY, 'browser mode sends the one CSP the app protocol sends');
  for (const directive of ["default-src 'none'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
  }
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  assert.equal(reply.headers['referrer-policy'], 'no-referrer');
}

function assertValidationFailure(reply: Reply): void {
  const body = reply.json() as { ok: boolean; error?: { kind: string; message: string } };
  assert.equal(body.ok, false, reply.text);
  assert.equal(body.error?.kind, 'validation', reply.text);
  assert.ok(body.error?.message, 'a validation failure says what is wrong');
}

test('the url and token: loopback address, random 32-byte base64url token', () => {
  assert.match(bridge.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(bridge.url, `http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
  assert.notEqual(bridge.port, 0);
});

test('the page is refused with a wrong token, served bare for a reload; every response carries the security headers', async () => {
  const bare = await request('/');
  assert.equal(bare.status, 200, 'a reload (no token in the address) gets the page; its API calls still need the token');
  assertSecurityHeaders(bare);
  for (const url of ['/?token=', '/?token=wrong', `/?token=${bridge.token}x`, `/?token=${bridge.token.slice(0, -1)}`]) {
    const reply = await request(url);
    assert.equal(reply.status, 403, url);
    assert.ok(!reply.text.includes('<script'), 'a refused page load must not contain the app');
    assertSecurityHeaders(reply);
  }
  const page = await request(`/?token=${encodeURIComponent(bridge.token)}`);
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.ok(page.text.includes('./assets/app.js'));
  assertSecurityHeaders(page);

  const asset = await request('/assets/app.js');
  assert.equal(asset.status, 200, 'assets are served without the token');
  assert.match(String(asset.headers['content-type']), /^text\/javascript/);
  assertSecurityHeaders(asset);

  const index = await request('/index.html');
  assert.equal(index.status, 404, 'index.html is reachable only as / with the token');
});

test('API calls without the token, with a wrong token, or with the token in the query are refused before the engine', async () => {
  const create = { passphrase: PASSPHRASE };
  const cases: Array<[string, Record<string, string>]> = [
    ['no token', JSON_TYPE],
    ['empty token', { ...JSON_TYPE, 'X-Custodia-Token': '' }],
    ['wrong token', { ...JSON_TYPE, 'X-Custodia-Token': 'A'.repeat(43) }],
    ['token prefix', { ...JSON_TYPE, 'X-Custodia-Token': bridge.token.slice(0, 20) }],
    ['token plus a character', { ...JSON_TYPE, 'X-Custodia-Token': `${bridge.token}A` }],
  ];
  for (const [name, headers] of cases) {
    const reply = await assertNoSideEffect(() => api('vault.create', create, headers), 403);
    assertSecurityHeaders(reply);
    assert.deepEqual((reply.json() as { ok: boolean; error?: { kind: string } }).error?.kind, 'forbidden', name);
  }
  await assertNoSideEffect(
    () => request(`/api/vault.create?token=${bridge.token}`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(create) }),
    403,
  );
  assert.deepEqual(readdirSync(vault), [], 'no vault was created');
});

test('a foreign Origin, a foreign Host (DNS rebinding) or a cross-site fetch is refused even with the right token', async () => {
  const create = { passphrase: PASSPHRASE };
  const port = bridge.port;
  for (const origin of [
    'http://evil.example',
    `http://evil.example:${port}`,
    `https://127.0.0.1:${port}`,
    `http://127.0.0.1:${port + 1}`,
    'null',
    'file://',
  ]) {
    const reply = await assertNoSideEffect(() => api('vault.create', create, withToken({ Origin: origin })), 403);
    assertSecurityHeaders(reply);
  }
  for (const host of [
    `evil.example:${port}`,
    'evil.example',
    `127.0.0.1:${port + 1}`,
    `127.0.0.1`,
    `localhost.evil.example:${port}`,
    `0.0.0.0:${port}`,
  ]) {
    await assertNoSideEffect(() => api('vault.create', create, withToken({ Host: host })), 403);
    await assertNoSideEffect(() => request(`/?token=${bridge.token}`, { headers: { Host: host } }), 403);
  }
  await assertNoSideEffect(() => api('vault.create', create, withToken({ 'Sec-Fetch-Site': 'cross-site' })), 403);
  await assertNoSideEffect(() => api('vault.create', create, withToken({ 'Sec-Fetch-Site': 'same-site' })), 403);
  assert.deepEqual(readdirSync(vault), [], 'no vault was created');

  // Our own origin, in either spelling, is accepted.
  for (const [hostHeader, origin] of [
    [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
    [`localhost:${port}`, `http://localhost:${port}`],
  ]) {
    const reply = await api('vault.status', {}, withToken({ Host: hostHeader!, Origin: origin!, 'Sec-Fetch-Site': 'same-origin' }));
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json(), { ok: true, value: { state: 'missing', folder: vault } });
  }
});

test('the bridge listens on 127.0.0.1 only', async () => {
  await assert.rejects(request('/', { host: '::1' }), 'nothing answers on the IPv6 loopback');
});

test('static routes refuse path traversal, encoded dot segments, NUL, dotfiles and symlinks out of the folder', async () => {
  const attempts = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/assets/../index.html',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/..\\secret.txt',
    '/assets/app.js%00.png',
    '/assets/%00',
    '/.hidden',
    '/assets/leak.txt',
    '/assets',
    `/${path.join(root, 'secret.txt')}`,
    `//${root}/secret.txt`,
    '/%ff%fe',
  ];
  for (const attempt of attempts) {
    const reply = await request(attempt);
    assert.ok(reply.status >= 400 && reply.status < 500, `${attempt} → ${reply.status}`);
    assert.ok(!reply.text.includes(SECRET), `${attempt} leaked a file from outside the renderer folder`);
    assertSecurityHeaders(reply);
  }
  const absolute = await request(`http://127.0.0.1:${bridge.port}/assets/app.js`);
  assert.equal(absolute.status, 400, 'absolute-form request targets are refused');
});

test('only POST with a JSON body reaches the API; unknown channels answer 404', async () => {
  const get = await request('/api/vault.status', { headers: withToken() });
  assert.equal(get.status, 405);

  for (const channel of [
    'vault.nope',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'vault.status%2f..',
    'vault.status/extra',
  ]) {
    const reply = await assertNoSideEffect(() => api(channel, {}), 404);
    const body = reply.json() as { ok: boolean; error: { kind: string } };
    assert.equal(body.ok, false);
    assert.equal(body.error.kind, 'not-found', channel);
    assert.equal(reply.headers['cache-control'], 'no-store');
  }

  const wrongType = await assertNoSideEffect(
    () => api('vault.create', JSON.stringify({ passphrase: PASSPHRASE }), withToken({ 'Content-Type': 'text/plain' })),
    415,
  );
  assertValidationFailure(wrongType);

  for (const body of ['{', '', 'not json', '{"passphrase": "correct horse battery staple",}', "{'passphrase': 'x'}"]) {
    const reply = await assertNoSideEffect(() => api('vault.create', body), 400);
    assertValidationFailure(reply);
  }
  const notUtf8 = await assertNoSideEffect(
    () => request('/api/vault.create', { method: 'POST', headers: withToken(), body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
    400,
  );
  assertValidationFailure(notUtf8);
});

test('bodies over 1 MiB are refused with 413, whether their length is declared or streamed', async () => {
  const big = Buffer.from(JSON.stringify({ passphrase: 'x'.repeat(2 * 1024 * 1024) }));
  const declared = await assertNoSideEffect(() => api('vault.create', big.toString()), 413);
  assertValidationFailure(declared);
  const streamed = await assertNoSideEffect(
    () =>
      new Promise<Reply>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: bridge.port,
            method: 'POST',
            path: '/api/vault.create',
            headers: { ...withToken(), Host: `127.0.0.1:${bridge.port}` },
            agent: false,
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        for (let offset = 0; offset < big.length; offset += 64 * 1024) req.write(big.subarray(offset, offset + 64 * 1024));
        req.end();
      }),
    413,
  );
  assertValidationFailure(streamed);
  assert.deepEqual(readdirSync(vault), []);
});

test('wrong payload types, extra keys and __proto__ keys are validation errors with no side effect', async () => {
  const bad: unknown[] = [
    { passphrase: 12345678 },
    { passphrase: ['correct horse'] },
    { passphrase: 'short' },
    { passphrase: null },
    {},
    [],
    null,
    'correct horse battery staple',
    { passphrase: PASSPHRASE, extra: true },
    { passphrase: PASSPHRASE, recoveryKey: 'x'.repeat(52) },
  ];
  for (const payload of bad) {
    const reply = await assertNoSideEffect(() => api('vault.create', JSON.stringify(payload)), 200);
    assertValidationFailure(reply);
  }
  for (const raw of [
    `{"passphrase": "${PASSPHRASE}", "__proto__": {"polluted": true}}`,
    `{"__proto__": {"passphrase": "${PASSPHRASE}"}}`,
    `{"passphrase": "${PASSPHRASE}", "constructor": {"prototype": {"polluted": true}}}`,
  ]) {
    const reply = await assertNoSideEffect(() => api('vault.create', raw), 400);
    assertValidationFailure(reply);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was not polluted');
  assert.deepEqual(readdirSync(vault), [], 'no vault was created');
});

test('valid calls work end to end; bad case payloads after unlocking change nothing', async () => {
  const status = await api('vault.status', {});
  assert.equal(status.status, 200);
  assert.equal(status.headers['cache-control'], 'no-store');
  assert.match(String(status.headers['content-type']), /^application\/json/);
  assertSecurityHeaders(status);
  assert.deepEqual(status.json(), { ok: true, value: { state: 'missing', folder: vault } });

  const created = (await api('vault.create', { passphrase: PASSPHRASE })).json() as { ok: boolean; value: { recoveryKey: string } };
  assert.equal(created.ok, true, JSON.stringify(created));
  assert.match(created.value.recoveryKey, /^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){12}$/);
  assert.ok(readdirSync(vault).length > 0, 'the vault now exists');

  const listCases = async () => ((await api('cases.list', {})).json() as { ok: true; value: unknown[] }).value;
  assert.deepEqual(await listCases(), []);

  for (const payload of [
    { title: 5 },
    { title: '' },
    { title: '   ' },
    { title: 'A', extra: 1 },
    { title: 'A', reference: 7 },
    { id: 'x' },
  ]) {
    assertValidationFailure(await api('cases.add', payload));
  }
  assertValidationFailure(await api('cases.add', '{"title": "A", "__proto__": {"isAdmin": true}}'));
  assertValidationFailure(await api('cases.get', { id: '../../etc/passwd' }));
  assert.deepEqual(await listCases(), [], 'no case was added by a refused call');

  const refusedWhileUnlocked = await api('cases.add', { title: 'Forged' }, withToken({ Origin: 'http://evil.example' }));
  assert.equal(refusedWhileUnlocked.status, 403);
  assert.deepEqual(await listCases(), []);

  const added = (await api('cases.add', { title: 'Іс №1 — Қарағанды', reference: 'KZ-2024/17' })).json() as {
    ok: true;
    value: { id: string };
  };
  assert.equal(added.ok, true);
  const cases = (await listCases()) as Array<{ id: string; title: string; reference: string; itemCount: number }>;
  assert.equal(cases.length, 1);
  assert.equal(cases[0]!.title, 'Іс №1 — Қарағанды');
  assert.equal(cases[0]!.reference, 'KZ-2024/17');
  assert.equal(cases[0]!.id, added.value.id);

  const locked = (await api('vault.lock', {})).json() as { ok: true; value: { state: string } };
  assert.equal(locked.value.state, 'locked');
  const afterLock = (await api('cases.list', {})).json() as { ok: false; error: { kind: string } };
  assert.equal(afterLock.error.kind, 'locked');
});
