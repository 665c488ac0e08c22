/**
 * Detects a file's type from its first bytes, never from its name: evidence arrives renamed,
 * and a ".pdf" that is really an executable must be shown for what it is.
 */
interface Signature {
  mime: string;
  offset: number;
  bytes: number[];
}

const SIGNATURES: Signature[] = [
  { mime: 'application/pdf', offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/gif', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { mime: 'image/tiff', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { mime: 'image/tiff', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { mime: 'video/x-matroska', offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { mime: 'audio/mpeg', offset: 0, bytes: [0x49, 0x44, 0x33] },
  { mime: 'audio/ogg', offset: 0, bytes: [0x4f, 0x67, 0x67, 0x53] },
  { mime: 'audio/flac', offset: 0, bytes: [0x66, 0x4c, 0x61, 0x43] },
  { mime: 'application/zip', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { mime: 'application/x-ole-storage', offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { mime: 'application/x-executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { mime: 'application/x-msdownload', offset: 0, bytes: [0x4d, 0x5a] },
];

const startsWith = (head: Uint8Array, signature: Signature) =>
  head.length >= signature.offset + signature.bytes.length && signature.bytes.every((byte, i) => head[signature.offset + i] === byte);

const ascii = (head: Uint8Array, from: number, to: number) => Buffer.from(head.subarray(from, to)).toString('latin1');

export function sniffMimeType(head: Uint8Array): string {
  if (head.length === 0) return 'application/x-empty';
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand.startsWith('qt')) return 'video/quicktime';
    if (brand.startsWith('M4A')) return 'audio/mp4';
    return 'video/mp4';
  }
  if (ascii(head, 0, 4) === 'RIFF') {
    const kind = ascii(head, 8, 12);
    if (kind === 'WAVE') return 'audio/wav';
    if (kind === 'WEBP') return 'image/webp';
    if (kind === 'AVI ') return 'video/x-msvideo';
  }
  const match = SIGNATURES.find((signature) => startsWith(head, signature));
  if (match) {
    if (match.mime === 'video/x-matroska' && ascii(head, 0, 64).includes('webm')) return 'video/webm';
    return match.mime;
  }
  return looksLikeText(head) || looksLikeCyrillic8bit(head) ? 'text/plain' : 'application/octet-stream';
}

/** Valid UTF-8 with no control characters other than whitespace. */
function looksLikeText(head: Uint8Array): boolean {
  // The sample may end inside a multi-byte character; ignore an incomplete tail.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(trimIncompleteUtf8(head));
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  return !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text);
}

/** Russian and Kazakh text saved as windows-1251 (common in documents from authorities): letters are 0xC0–0xFF. */
function looksLikeCyrillic8bit(head: Uint8Array): boolean {
  let high = 0;
  let letters = 0;
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
    if (byte === 0x7f || byte === 0x98) return false;
    if (byte >= 0x80) {
      high++;
      if (byte >= 0xc0 || byte === 0xa8 || byte === 0xb8 || byte === 0xb2 || byte === 0xb3) letters++;
    }
  }
  return high > 0 && letters / high >= 0.8;
}

/** Drops a multi-byte UTF-8 character cut off at the end of a sample. */
export function trimIncompleteUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}
