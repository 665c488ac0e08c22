import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_ORIGIN, originOfUrl } from '../ipc/sender.ts';
import { contentTypeOf } from '../../shared/content-types.ts';

/**
 * The `app://custodia/` protocol: serves the built renderer (out/renderer) and nothing else.
 * No Electron import, so it is unit-tested under plain Node (Response is a Node 22 global).
 *
 * The CSP is strict: only our own origin for scripts, styles, fonts, connections; images and
 * media may also be data:/blob: (thumbnails, decrypted previews created in memory); no plugins,
 * no <base>, no form posts, no framing by others.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Maps an `app://custodia/...` URL to a file path inside `root`, or null when the URL is not ours,
 * is malformed, or would leave `root` (`..`, encoded separators, NUL, absolute paths). Pure: it
 * does not touch the disk (symlinks are checked by `rendererResponse`).
 */
export function resolveRendererPath(root: string, url: string, origin: string = APP_ORIGIN): string | null {
  if (originOfUrl(url) !== origin) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || /^[a-zA-Z]:$/.test(segment))) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, ...segments);
  return isInside(resolvedRoot, file) ? file : null;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function regularFileInside(root: string, file: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (!isInside(realRoot, realFile)) return false;
    return (await fs.stat(realFile)).isFile();
  } catch {
    return false;
  }
}

/**
 * Answers one protocol request. GET/HEAD only; paths without an extension that match no file
 * fall back to index.html (client-side routes survive a reload). Every answer carries the CSP.
 */
export async function rendererResponse(root: string, url: string, method: string = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'method not allowed');
  let file = resolveRendererPath(root, url);
  if (!file) return textResponse(404, 'not found');
  if (!(await regularFileInside(root, file))) {
    const index = path.join(path.resolve(root), 'index.html');
    if (path.extname(file) !== '' || !(await regularFileInside(root, index))) return textResponse(404, 'not found');
    file = index;
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) };
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = await fs.readFile(file);
  return new Response(body, { status: 200, headers });
}

export { contentTypeOf };
