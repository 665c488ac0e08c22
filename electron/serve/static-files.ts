import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The one static path for the built renderer (out/renderer), shared by browser mode's loopback
 * server (serve/server.ts) and the app's `app://custodia/` protocol (main/app-protocol.ts): one
 * CSP, one set of security headers, one rule for which request path names which file.
 *
 * The CSP: only our own origin for scripts, styles, fonts, connections; images and media may also
 * be data:/blob: (thumbnails, decrypted previews made in memory); no plugins, no <base>, no form
 * posts, no framing by others.
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
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cache-Control': 'no-store',
};

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The file inside `root` that a request path (still percent-encoded, without query) names, or null.
 * Refused before decoding: anything that could climb out once decoded (dot segments, plain or
 * encoded; encoded slashes and backslashes; NUL). Refused after: hidden names and drive letters.
 * Pure: the disk is checked by `existingFileInside` (symlinks).
 */
export function resolveInside(root: string, rawPath: string): string | null {
  if (/%2e|%2f|%5c|%00|\\|\0/i.test(rawPath) || rawPath.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (decoded.includes('\0') || segments.some((segment) => segment.startsWith('.') || /^[a-zA-Z]:$/.test(segment))) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, ...segments);
  return isInside(resolvedRoot, file) ? file : null;
}

/** True when `file` is a regular file whose real path (symlinks followed) is still inside `root`'s real path. */
export async function existingFileInside(root: string, file: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    return isInside(realRoot, realFile) && (await fs.stat(realFile)).isFile();
  } catch {
    return false;
  }
}
