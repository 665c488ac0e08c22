import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isChannel } from '../../shared/contract.ts';
import { fail, type ErrorKind, type Result } from '../../shared/result.ts';
import { ArchiveHost, MEDIA_PREFIX } from '../archive/index.ts';
import { contentTypeOf } from '../../shared/content-types.ts';
import { BRIDGE_TOKEN_HEADER } from '../../shared/limits.ts';
import { MAX_UPLOAD_CHUNK_BYTES } from '../../shared/schemas.ts';
import { SECURITY_HEADERS, existingFileInside, resolveInside } from './static-files.ts';

/**
 * The loopback bridge (browser mode): serves the built renderer and the renderer contract over
 * HTTP on 127.0.0.1 only. Every request must come to our own host name (DNS-rebinding guard) and,
 * when the browser says where it comes from, from our own origin; every API call must carry the
 * per-launch token. A refused request never reaches the engine.
 */
export interface BridgeOptions {
  vaultDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The Vite build output (out/renderer). */
  rendererDir: string;
  /** Reuse a host (tests, or a caller that owns its lifecycle); otherwise the bridge makes one and locks it on close. */
  host?: ArchiveHost;
  /** Where the folder browser may go (default: the home folder and removable-media mounts); tests confine it to their folder. */
  exportRoots?: readonly string[];
}

export interface Bridge {
  /** Open this in a browser: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

const API_PREFIX = '/api/';
const UPLOAD_PREFIX = '/upload/';
const CHANNEL_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Digests first so the comparison takes the same time whatever the length of the guess. */
function tokenMatches(expectedDigest: Buffer, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 256) return false;
  return timingSafeEqual(expectedDigest, createHash('sha256').update(given, 'utf8').digest());
}

class BodyTooLarge extends Error {}

/**
 * The request body, refused past `limit`. With a declared length the bytes are copied into one
 * buffer as they arrive, so a 4 MiB upload chunk is never joined in one long copy that would make
 * a search wait behind it; without one the pieces are joined at the end.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const whole = Number.isSafeInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      if (size + chunk.length > (whole ? whole.length : limit)) {
        done = true;
        chunks.length = 0;
        whole?.fill(0);
        reject(new BodyTooLarge());
        return;
      }
      if (whole) chunk.copy(whole, size);
      else chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

/** JSON.parse that refuses keys able to reach an object's prototype, wherever they are nested. */
function parseJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new SyntaxError(`the key "${key}" is not allowed`);
    }
    return value;
  });
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const ownsHost = !options.host;
  const host = options.host ?? new ArchiveHost(path.resolve(options.vaultDir), { exportRoots: options.exportRoots });
  const rendererRoot = await fs.realpath(path.resolve(options.rendererDir)).catch(() => {
    throw new Error(`renderer build not found at ${options.rendererDir}: run "npm run build:renderer" first`);
  });
  const indexFile = path.join(rendererRoot, 'index.html');
  await fs.access(indexFile).catch(() => {
    throw new Error(`${indexFile} is missing: run "npm run build:renderer" first`);
  });

  const token = randomBytes(32).toString('base64url');
  const tokenDigest = createHash('sha256').update(token, 'utf8').digest();
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  function send(
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    contentType: string,
    extra: Record<string, string> = {},
  ): void {
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': String(payload.length), ...extra });
    res.end(res.req.method === 'HEAD' ? undefined : payload);
  }

  const sendText = (res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}) =>
    send(res, status, `${text}\n`, 'text/plain; charset=utf-8', extra);

  const sendResult = (res: http.ServerResponse, status: number, result: Result<unknown>, extra: Record<string, string> = {}) =>
    send(res, status, JSON.stringify(result), 'application/json; charset=utf-8', extra);

  const sendFailure = (res: http.ServerResponse, status: number, kind: ErrorKind, message: string, extra: Record<string, string> = {}) =>
    sendResult(res, status, fail(kind, message), extra);

  /** Host, Origin and Sec-Fetch-Site: the request must be addressed to us, from us (or typed by the user). */
  function refusal(req: http.IncomingMessage): string | null {
    const hostHeader = req.headers.host;
    if (!hostHeader || !allowedHosts.has(hostHeader.toLowerCase())) return 'unexpected Host header';
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) return 'cross-origin request refused';
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request refused';
    return null;
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
    const forbidden = (message: string) => sendFailure(res, 403, 'forbidden', message, { Connection: 'close' });
    const given = req.headers[BRIDGE_TOKEN_HEADER];
    if (!tokenMatches(tokenDigest, Array.isArray(given) ? undefined : given)) return forbidden('missing or wrong session token');
    if (req.method !== 'POST') return sendFailure(res, 405, 'validation', 'use POST', { Allow: 'POST' });
    const channel = rawPath.slice(API_PREFIX.length);
    if (!CHANNEL_PATTERN.test(channel) || !isChannel(channel))
      return sendFailure(res, 404, 'not-found', `unknown channel "${channel.slice(0, 64)}"`);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') return sendFailure(res, 415, 'validation', 'the request body must be application/json');

    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendFailure(res, 413, 'validation', `the request body is larger than ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });
      throw error;
    }
    let payload: unknown;
    try {
      payload = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (error) {
      return sendFailure(
        res,
        400,
        'validation',
        `the request body is not valid JSON${error instanceof SyntaxError && /not allowed/.test(error.message) ? ` (${error.message})` : ''}`,
      );
    }
    const result = await host.call(channel, payload);
    sendResult(res, 200, result);
  }

  /**
   * `POST /upload/<uploadId>?offset=N`: one chunk of a file being imported, as raw bytes (the
   * JSON API would have to base64 it). Same token as the API; the engine checks id and offset.
   */
  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, query: URLSearchParams): Promise<void> {
    const given = req.headers[BRIDGE_TOKEN_HEADER];
    if (!tokenMatches(tokenDigest, Array.isArray(given) ? undefined : given))
      return sendFailure(res, 403, 'forbidden', 'missing or wrong session token', { Connection: 'close' });
    if (req.method !== 'POST') return sendFailure(res, 405, 'validation', 'use POST', { Allow: 'POST' });
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/octet-stream') return sendFailure(res, 415, 'validation', 'the body must be application/octet-stream');
    let body: Buffer;
    try {
      body = await readBody(req, MAX_UPLOAD_CHUNK_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendFailure(res, 413, 'validation', `a chunk is at most ${MAX_UPLOAD_CHUNK_BYTES} bytes`, { Connection: 'close' });
      throw error;
    }
    const offsetText = query.get('offset') ?? '';
    const offset = /^\d{1,16}$/.test(offsetText) ? Number(offsetText) : -1;
    const result = await host.call('imports.chunk', { uploadId: rawPath.slice(UPLOAD_PREFIX.length), offset, bytes: body });
    sendResult(res, 200, result);
  }

  /** `GET|HEAD /media/<ticket>`: an item's bytes for the viewer, with ranges; the ticket is the capability. */
  async function handleMedia(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
    const range = req.headers.range;
    const answer = host.openMedia(rawPath.slice(MEDIA_PREFIX.length), req.method ?? 'GET', range);
    if (!answer.body) {
      res.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers });
      res.end(answer.message && req.method !== 'HEAD' ? `${answer.message}\n` : undefined);
      return;
    }
    res.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers });
    const chunks = answer.body[Symbol.asyncIterator]();
    let clientGone = false;
    res.on('close', () => {
      clientGone = true;
    });
    try {
      for (;;) {
        if (clientGone) break;
        const next = await chunks.next();
        if (next.done) break;
        if (!res.write(next.value)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
      }
      res.end();
    } catch (error) {
      // Headers are out: the only honest signal left is to cut the connection.
      res.destroy();
      process.emitWarning(`custodia bridge: media stream stopped: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await chunks.return?.(undefined);
    }
  }

  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, query: URLSearchParams): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    if (rawPath === '/') {
      // A reload comes back without the token (the page took it out of the address bar and keeps it
      // in the tab's sessionStorage), so the bare page is served: it holds no data, and every API
      // call still needs the token. A link with a wrong or stale token is refused with a sentence.
      if (query.has('token') && !tokenMatches(tokenDigest, query.get('token'))) {
        return sendText(
          res,
          403,
          'This Custodia link is not valid (it may be from an earlier launch). Open the address printed by "custodia serve".',
        );
      }
      return send(res, 200, await fs.readFile(indexFile), contentTypeOf('index.html'));
    }
    const file = resolveInside(rendererRoot, rawPath);
    // index.html is served at "/" only (above), where a stale token is refused with a sentence.
    if (!file || file === indexFile || !(await existingFileInside(rendererRoot, file))) return sendText(res, 404, 'not found');
    const real = await fs.realpath(file);
    const contentType = contentTypeOf(real);
    send(res, 200, await fs.readFile(real), contentType);
  }

  const server = http.createServer(async (req, res) => {
    try {
      const rawUrl = req.url ?? '/';
      if (!rawUrl.startsWith('/')) return sendText(res, 400, 'bad request');
      const refused = refusal(req);
      if (refused) return sendText(res, 403, refused, { Connection: 'close' });
      const queryAt = rawUrl.indexOf('?');
      const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
      const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
      if (rawPath.startsWith(API_PREFIX)) return await handleApi(req, res, rawPath);
      if (rawPath.startsWith(UPLOAD_PREFIX)) return await handleUpload(req, res, rawPath, query);
      if (rawPath.startsWith(MEDIA_PREFIX)) return await handleMedia(req, res, rawPath);
      return await handleStatic(req, res, rawPath, query);
    } catch (error) {
      if (!res.headersSent) sendFailure(res, 500, 'internal', 'the bridge could not answer this request');
      else res.destroy();
      process.emitWarning(`custodia bridge: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        if (ownsHost) host.lock();
      });
      return closed;
    },
  };
}
