import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SECURITY_HEADERS, existingFileInside, resolveInside } from '../serve/static-files.ts';
import { APP_ORIGIN, originOfUrl } from '../ipc/sender.ts';
import { contentTypeOf } from '../../shared/content-types.ts';
import type { MediaAnswer } from '../archive/index.ts';

/**
 * The `app://custodia/` protocol: serves the built renderer (out/renderer) and nothing else, by the
 * same static path, CSP and headers as browser mode (serve/static-files.ts). No Electron import,
 * so it is unit-tested under plain Node (Response is a Node 22 global).
 */
/**
 * Maps an `app://custodia/...` URL to a file path inside `root`, or null when the URL is not ours,
 * is malformed, or would leave `root`. Pure: it does not touch the disk (symlinks are checked by
 * `rendererResponse`).
 */
export function resolveRendererPath(root: string, url: string, origin: string = APP_ORIGIN): string | null {
  if (originOfUrl(url) !== origin) return null;
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  return resolveInside(root, pathname);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers one protocol request. GET/HEAD only; paths without an extension that match no file
 * fall back to index.html (client-side routes survive a reload). Every answer carries the CSP.
 */
export async function rendererResponse(root: string, url: string, method: string = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'method not allowed');
  let file = resolveRendererPath(root, url);
  if (!file) return textResponse(404, 'not found');
  if (!(await existingFileInside(root, file))) {
    const index = path.join(path.resolve(root), 'index.html');
    if (path.extname(file) !== '' || !(await existingFileInside(root, index))) return textResponse(404, 'not found');
    file = index;
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) };
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = await fs.readFile(file);
  return new Response(body, { status: 200, headers });
}

export { contentTypeOf };

/** The part of ArchiveHost the media route needs (structural: this file stays free of the engine). */
export interface MediaSource {
  openMedia(ticket: string, method: string, rangeHeader: string | undefined): MediaAnswer;
}

/** `app://custodia/media/<ticket>` → the ticket, or null for any other URL. */
export function mediaTicketOf(url: string, origin: string = APP_ORIGIN): string | null {
  if (originOfUrl(url) !== origin) return null;
  const match = /^\/media\/([^/?#]+)$/.exec(new URL(url).pathname);
  return match ? match[1]! : null;
}

/**
 * The viewer's media on our own origin: the engine's answer as a streamed Response (range
 * requests from <video> and pdf.js included). Decrypted bytes go from the blob store to the
 * renderer in memory, chunk by chunk; a stopped download stops the decryption.
 */
export function mediaResponse(source: MediaSource, ticket: string, method: string, rangeHeader: string | null): Response {
  const answer = source.openMedia(ticket, method, rangeHeader ?? undefined);
  if (!answer.body)
    return new Response(answer.message ?? null, { status: answer.status, headers: { ...SECURITY_HEADERS, ...answer.headers } });
  const chunks = answer.body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
  return new Response(stream, { status: answer.status, headers: { ...SECURITY_HEADERS, ...answer.headers } });
}
