import { randomBytes } from 'node:crypto';
import type { Archive } from '../archive.ts';
import { parseRange } from './range.ts';

/**
 * Media for the viewer. A <video src> or pdf.js request cannot carry the bridge's token header,
 * so the viewer asks (through the authenticated contract) for a ticket: 32 random bytes naming one
 * item, valid until the vault locks. The media route (`/media/<ticket>` in browser mode and on the
 * app:// protocol) answers it with the decrypted bytes, streamed with HTTP range support.
 */
export const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const MEDIA_PREFIX = '/media/';

/** Types the viewer shows inline; anything else is served as opaque bytes. */
const INLINE_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+|text\/plain)$/;

export interface MediaAnswer {
  status: number;
  headers: Record<string, string>;
  /** Null for HEAD and for errors (their text is in `message`). */
  body: AsyncIterable<Buffer> | null;
  message?: string;
}

export const MEDIA_HEADERS: Readonly<Record<string, string>> = {
  // Evidence is data, never a document of ours: no script, no plugins, even if opened directly.
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export class MediaTickets {
  private readonly tickets = new Map<string, string>();

  issue(itemId: string): string {
    const ticket = randomBytes(32).toString('base64url');
    this.tickets.set(ticket, itemId);
    return ticket;
  }

  clear(): void {
    this.tickets.clear();
  }

  /** Answers GET/HEAD of `/media/<ticket>` with the item's bytes (or the requested range). */
  answer(archive: Archive | null, ticket: string, method: string, rangeHeader: string | undefined): MediaAnswer {
    const failure = (status: number, message: string): MediaAnswer => ({ status, headers: { ...MEDIA_HEADERS }, body: null, message });
    if (method !== 'GET' && method !== 'HEAD') return failure(405, 'method not allowed');
    const itemId = TICKET_PATTERN.test(ticket) ? this.tickets.get(ticket) : undefined;
    if (!itemId || !archive || archive.isLocked) return failure(404, 'no such media (the vault was locked, or the link is stale)');
    const item = archive.getItem(itemId);
    const headers: Record<string, string> = {
      ...MEDIA_HEADERS,
      'Content-Type': INLINE_TYPES.test(item.mimeType) ? item.mimeType : 'application/octet-stream',
      'Accept-Ranges': 'bytes',
    };
    const range = parseRange(rangeHeader, item.size);
    if (range.kind === 'unsatisfiable') {
      return {
        status: 416,
        headers: { ...headers, 'Content-Range': `bytes */${item.size}` },
        body: null,
        message: 'range not satisfiable',
      };
    }
    const start = range.kind === 'part' ? range.start : 0;
    const end = range.kind === 'part' ? range.end : item.size - 1;
    const length = item.size === 0 ? 0 : end - start + 1;
    headers['Content-Length'] = String(length);
    if (range.kind === 'part') headers['Content-Range'] = `bytes ${start}-${end}/${item.size}`;
    const status = range.kind === 'part' ? 206 : 200;
    const body = method === 'HEAD' || length === 0 ? null : archive.readItem(itemId, start, end);
    return { status, headers, body };
  }
}
