/**
 * Scanned documents as TIFF: every page (IFD) of a baseline TIFF decoded to samples a PDF image
 * can hold — bilevel, grey, RGB or palette; uncompressed, PackBits, LZW or Deflate, with or without
 * the horizontal predictor. CCITT fax, JPEG-in-TIFF, tiles and 16-bit samples are refused with their
 * name (the exhibit is then attached as the original). Everything read is bounded by the file.
 */
import { inflateSync } from 'node:zlib';

export interface TiffPage {
  width: number;
  height: number;
  colorSpace: 'DeviceGray' | 'DeviceRGB';
  bitsPerComponent: 1 | 8;
  /** Samples row by row; 1-bit rows are padded to a byte, as in TIFF and in PDF. */
  samples: Uint8Array;
  /** PDF's Decode array when 0 means white (WhiteIsZero). */
  inverted: boolean;
}

const MAX_PAGES = 500;
const MAX_PIXELS = 80_000_000;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  planarConfig: 284,
  predictor: 317,
  colorMap: 320,
  tileWidth: 322,
} as const;

const COMPRESSION_NAMES: Record<number, string> = { 2: 'CCITT RLE', 3: 'CCITT fax 3', 4: 'CCITT fax 4', 6: 'old JPEG', 7: 'JPEG' };

export function isTiff(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d));
}

export function readTiffPages(bytes: Uint8Array): TiffPage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isTiff(bytes)) throw new Error('not a TIFF file');
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(check(at, 2), little);
  const u32 = (at: number) => view.getUint32(check(at, 4), little);
  function check(at: number, size: number): number {
    if (at < 0 || at + size > bytes.length) throw new Error('the TIFF file is truncated');
    return at;
  }
  if (u16(2) !== 42) throw new Error(u16(2) === 43 ? 'BigTIFF is not supported' : 'not a TIFF file');
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let total = 0;
  for (let ifd = u32(4); ifd !== 0;) {
    if (seen.has(ifd) || pages.length >= MAX_PAGES) throw new Error(`the TIFF file has a loop or more than ${MAX_PAGES} pages`);
    seen.add(ifd);
    const count = u16(ifd);
    const tags = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      tags.set(u16(entry), readValues(u16(entry + 2), u32(entry + 4), entry + 8));
    }
    const page = decodePage(tags, bytes);
    total += page.samples.length;
    if (total > MAX_TOTAL_BYTES) throw new Error('the TIFF file decodes to more than 512 MiB');
    pages.push(page);
    ifd = u32(ifd + 2 + count * 12);
  }
  if (pages.length === 0) throw new Error('the TIFF file has no pages');
  return pages;

  function readValues(type: number, count: number, field: number): number[] {
    const size = type === 3 ? 2 : type === 4 ? 4 : type === 1 ? 1 : 0;
    if (size === 0) return [];
    if (count > bytes.length) throw new Error('the TIFF file is truncated');
    const at = size * count <= 4 ? field : u32(field);
    check(at, size * count);
    return Array.from({ length: count }, (_, i) => (size === 1 ? bytes[at + i]! : size === 2 ? u16(at + i * 2) : u32(at + i * 4)));
  }
}

function decodePage(tags: Map<number, number[]>, file: Uint8Array): TiffPage {
  const one = (tag: number, fallback?: number) => {
    const value = tags.get(tag)?.[0] ?? fallback;
    if (value === undefined) throw new Error(`the TIFF page lacks tag ${tag}`);
    return value;
  };
  const width = one(TAG.width);
  const height = one(TAG.height);
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) throw new Error(`a TIFF page of ${width}×${height} pixels is not shown`);
  if (tags.has(TAG.tileWidth)) throw new Error('tiled TIFF is not supported');
  const compression = one(TAG.compression, 1);
  if (![1, 5, 8, 32946, 32773].includes(compression))
    throw new Error(`TIFF compression ${COMPRESSION_NAMES[compression] ?? compression} is not supported`);
  const photometric = one(TAG.photometric);
  const spp = one(TAG.samplesPerPixel, 1);
  const bits = one(TAG.bitsPerSample, 1);
  if (one(TAG.planarConfig, 1) !== 1) throw new Error('planar TIFF is not supported');
  const kind = photometric === 2 ? 'rgb' : photometric === 3 ? 'palette' : photometric <= 1 ? 'grey' : null;
  if (!kind) throw new Error(`TIFF photometric interpretation ${photometric} is not supported`);
  const bitsOk = kind === 'grey' ? bits === 1 || bits === 8 : bits === 8;
  if (!bitsOk || (kind === 'rgb' ? spp < 3 : spp < 1)) throw new Error(`TIFF with ${spp} × ${bits}-bit samples is not supported`);
  const rowBytes = Math.ceil((width * spp * bits) / 8);
  const raw = readStrips(tags, file, compression, rowBytes, height);
  if (one(TAG.predictor, 1) === 2 && bits === 8) undoPredictor(raw, width, spp, rowBytes, height);
  if (kind === 'grey') {
    const samples = spp === 1 ? raw : pick(raw, width, height, spp, 1);
    return { width, height, colorSpace: 'DeviceGray', bitsPerComponent: bits as 1 | 8, samples, inverted: photometric === 0 };
  }
  if (kind === 'rgb')
    return { width, height, colorSpace: 'DeviceRGB', bitsPerComponent: 8, samples: pick(raw, width, height, spp, 3), inverted: false };
  const map = tags.get(TAG.colorMap) ?? [];
  if (map.length < 3 * 256) throw new Error('the TIFF palette is missing');
  const samples = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const index = raw[i * spp]!;
    for (let c = 0; c < 3; c++) samples[i * 3 + c] = map[c * 256 + index]! >> 8;
  }
  return { width, height, colorSpace: 'DeviceRGB', bitsPerComponent: 8, samples, inverted: false };
}

/** The first `keep` samples of each pixel (an alpha or extra sample is dropped). */
function pick(raw: Uint8Array, width: number, height: number, spp: number, keep: number): Uint8Array {
  if (spp === keep) return raw;
  const out = new Uint8Array(width * height * keep);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < keep; c++) out[i * keep + c] = raw[i * spp + c]!;
  return out;
}

function readStrips(tags: Map<number, number[]>, file: Uint8Array, compression: number, rowBytes: number, height: number): Uint8Array {
  const offsets = tags.get(TAG.stripOffsets) ?? [];
  const counts = tags.get(TAG.stripByteCounts) ?? [];
  if (offsets.length === 0 || offsets.length !== counts.length) throw new Error('the TIFF strips are missing');
  const rowsPerStrip = Math.min(tags.get(TAG.rowsPerStrip)?.[0] ?? height, height);
  const out = new Uint8Array(rowBytes * height);
  let row = 0;
  for (let s = 0; s < offsets.length && row < height; s++) {
    const [at, size] = [offsets[s]!, counts[s]!];
    if (at + size > file.length) throw new Error('the TIFF file is truncated');
    const rows = Math.min(rowsPerStrip, height - row);
    const expected = rows * rowBytes;
    const strip = decompress(file.subarray(at, at + size), compression, expected);
    out.set(strip.subarray(0, expected), row * rowBytes);
    row += rows;
  }
  if (row < height) throw new Error('the TIFF strips hold fewer rows than the page');
  return out;
}

function decompress(data: Uint8Array, compression: number, expected: number): Uint8Array {
  let out: Uint8Array;
  if (compression === 1) out = data;
  else if (compression === 32773) out = unpackBits(data, expected);
  else if (compression === 5) out = lzwDecode(data, expected);
  else out = inflateSync(data, { maxOutputLength: expected + 1 }) as Uint8Array;
  if (out.length < expected) throw new Error('a TIFF strip is shorter than its rows');
  return out;
}

function unpackBits(data: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let o = 0;
  for (let i = 0; i < data.length && o < expected;) {
    const n = (data[i++]! << 24) >> 24;
    if (n >= 0) for (let k = 0; k <= n && i < data.length && o < expected; k++) out[o++] = data[i++]!;
    else if (n !== -128) {
      const value = data[i++]!;
      for (let k = 0; k < 1 - n && o < expected; k++) out[o++] = value;
    }
  }
  return out.subarray(0, o);
}

/** TIFF's LZW: codes of 9 to 12 bits, most significant bit first, one code early in widening. */
function lzwDecode(data: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let o = 0;
  const table: Uint8Array[] = [];
  const reset = () => {
    table.length = 0;
    for (let i = 0; i < 256; i++) table.push(Uint8Array.of(i));
    table.push(new Uint8Array(0), new Uint8Array(0)); // 256 clear, 257 end
  };
  reset();
  let bitPos = 0;
  let previous: Uint8Array | null = null;
  const width = () => (table.length + 1 >= 2048 ? 12 : table.length + 1 >= 1024 ? 11 : table.length + 1 >= 512 ? 10 : 9);
  while (o < expected) {
    const size = width();
    if (bitPos + size > data.length * 8) break;
    let code = 0;
    for (let b = 0; b < size; b++, bitPos++) code = (code << 1) | ((data[bitPos >> 3]! >> (7 - (bitPos & 7))) & 1);
    if (code === 257) break;
    if (code === 256) {
      reset();
      previous = null;
      continue;
    }
    let entry: Uint8Array;
    if (code < table.length) entry = table[code]!;
    else if (code === table.length && previous) entry = concat(previous, previous[0]!);
    else throw new Error('the TIFF LZW data is damaged');
    if (previous && table.length < 4096) table.push(concat(previous, entry[0]!));
    const room = Math.min(entry.length, expected - o);
    out.set(entry.subarray(0, room), o);
    o += room;
    previous = entry;
  }
  return out.subarray(0, o);
}

function concat(head: Uint8Array, last: number): Uint8Array {
  const out = new Uint8Array(head.length + 1);
  out.set(head);
  out[head.length] = last;
  return out;
}

function undoPredictor(raw: Uint8Array, width: number, spp: number, rowBytes: number, height: number): void {
  for (let y = 0; y < height; y++)
    for (let i = spp; i < width * spp; i++) raw[y * rowBytes + i] = (raw[y * rowBytes + i]! + raw[y * rowBytes + i - spp]!) & 0xff;
}
