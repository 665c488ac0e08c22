import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/serve/static-files.ts';
import { contentTypeOf, mediaResponse, mediaTicketOf, rendererResponse, resolveRendererPath } from '../../electron/main/app-protocol.ts';
import { PASSPHRASE } from '../helpers/files.ts';

let dir = '';
let root = '';

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'custodia-protocol-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Custodia</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
  await writeFile(path.join(dir, 'secret.txt'), 'outside');
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

after(() => rm(dir, { recursive: true, force: true }));

test('resolveRendererPath maps our URLs into the root', () => {
  assert.equal(resolveRendererPath(root, 'app://custodia/'), path.join(root, 'index.html'));
  assert.equal(resolveRendererPath(root, 'app://custodia'), path.join(root, 'index.html'));
  assert.equal(resolveRendererPath(root, 'app://custodia/index.html?x=1#top'), path.join(root, 'index.html'));
  assert.equal(resolveRendererPath(root, 'app://custodia/assets/app.js'), path.join(root, 'assets', 'app.js'));
  assert.equal(resolveRendererPath(root, 'app://custodia/assets/a%20b.css'), path.join(root, 'assets', 'a b.css'));
});

test('resolveRendererPath refuses other origins and every way out of the root', () => {
  const refused = [
    'app://other/index.html',
    'https://custodia/index.html',
    'file:///etc/passwd',
    'app://custodia:1/index.html',
    'app://custodia/assets/%2e%2e%2f..%2fsecret.txt',
    'app://custodia/..%2fsecret.txt',
    'app://custodia/..%5csecret.txt',
    'app://custodia/assets%5c..%5c..%5csecret.txt',
    'app://custodia/%00index.html',
    'app://custodia/%E0%A4%A',
    'app://custodia/C:/Windows/win.ini',
    'not a url',
  ];
  for (const url of refused) assert.equal(resolveRendererPath(root, url), null, url);
  // A literal ".." is already removed by URL parsing (as Chromium does): it stays inside the root.
  assert.equal(resolveRendererPath(root, 'app://custodia/assets/../../secret.txt'), path.join(root, 'secret.txt'));
  assert.equal(resolveRendererPath(root, 'app://custodia/%2e%2e/secret.txt'), path.join(root, 'secret.txt'));
});

test('rendererResponse serves files with the CSP and a content type', async () => {
  const response = await rendererResponse(root, 'app://custodia/index.html');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await response.text(), /<title>Custodia<\/title>/);
  const js = await rendererResponse(root, 'app://custodia/assets/app.js');
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const head = await rendererResponse(root, 'app://custodia/assets/app.js', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('rendererResponse: symlinks out of the root, missing files, other methods', async () => {
  const escaped = await rendererResponse(root, 'app://custodia/assets/link.txt');
  assert.equal(escaped.status, 404);
  assert.doesNotMatch(await escaped.text(), /outside/);
  assert.equal((await rendererResponse(root, 'app://custodia/assets/missing.js')).status, 404);
  assert.equal((await rendererResponse(root, 'app://custodia/../secret.txt')).status, 404);
  assert.equal((await rendererResponse(root, 'app://custodia/index.html', 'POST')).status, 405);
  const notFound = await rendererResponse(root, 'app://custodia/nope.js');
  assert.equal(notFound.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
});

test('rendererResponse falls back to index.html for client-side routes only', async () => {
  const route = await rendererResponse(root, 'app://custodia/cases/42');
  assert.equal(route.status, 200);
  assert.equal(route.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal((await rendererResponse(root, 'app://custodia/cases/42.png')).status, 404);
});

test('contentTypeOf', () => {
  assert.equal(contentTypeOf('x.woff2'), 'font/woff2');
  assert.equal(contentTypeOf('x.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentTypeOf('x.unknown'), 'application/octet-stream');
});

test('app://custodia/media/<ticket> streams an item with ranges through a real host, and nothing after lock', async () => {
  assert.equal(mediaTicketOf('app://custodia/media/abc'), 'abc');
  assert.equal(mediaTicketOf('app://custodia/media/abc/def'), null);
  assert.equal(mediaTicketOf('app://evil/media/abc'), null);
  assert.equal(mediaTicketOf('app://custodia/assets/app.js'), null);

  const host = new ArchiveHost(path.join(dir, 'vault'));
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await host.call(channel, payload);
    assert.ok(result.ok, JSON.stringify(result));
    return result.value as T;
  };
  await call('vault.create', { passphrase: PASSPHRASE });
  const { id: caseId } = await call<{ id: string }>('cases.add', { title: 'Media' });
  const content = randomBytes(200_000);
  const { uploadId } = await call<{ uploadId: string }>('imports.begin', { caseId, name: 'clip.bin', size: content.length });
  await call('imports.chunk', { uploadId, offset: 0, bytes: new Uint8Array(content) });
  const { itemId } = await call<{ itemId: string }>('imports.finish', { uploadId });
  const { url } = await call<{ url: string }>('items.media', { id: itemId });
  const ticket = mediaTicketOf(`app://custodia/${url}`)!;

  const part = mediaResponse(host, ticket, 'GET', 'bytes=70000-70099');
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 70000-70099/${content.length}`);
  assert.match(part.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(content.subarray(70000, 70100)));
  const whole = mediaResponse(host, ticket, 'GET', null);
  assert.ok(Buffer.from(await whole.arrayBuffer()).equals(content));

  host.lock();
  const stale = mediaResponse(host, ticket, 'GET', null);
  assert.equal(stale.status, 404);
});
