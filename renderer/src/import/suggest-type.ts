import type { ITEM_TYPES } from '../../../shared/schemas.ts';

type ItemType = (typeof ITEM_TYPES)[number];

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const HEIF_BRANDS = new Set(['heic', 'heix', 'mif1', 'msf1', 'avif']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ']);

/**
 * The item type a file's first bytes suggest (an MP4 is a video, a JPEG a photo), read from the
 * content rather than the name, which can be anything; the user can always change it.
 */
export function suggestTypeFromBytes(bytes: Uint8Array): ItemType {
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (HEIF_BRANDS.has(brand)) return 'photo';
    return AUDIO_BRANDS.has(brand) ? 'other' : 'video-of-hearing';
  }
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'video-of-hearing';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 12);
    if (form === 'AVI ') return 'video-of-hearing';
    if (form === 'WEBP') return 'photo';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'photo';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG') return 'photo';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'photo';
  return 'other';
}

/** Reads the first bytes of a picked file and suggests its type. */
export async function suggestType(file: { slice(start: number, end: number): Blob }): Promise<ItemType> {
  try {
    return suggestTypeFromBytes(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  } catch {
    // An unreadable file is refused at upload with its reason; here it just gets no suggestion.
    return 'other';
  }
}
