// Image files of every kind the importer takes as an image, made here (no checked-in blobs):
// ffmpeg for camera-like JPEGs and every PNG flavour, and a small JPEG writer for what ffmpeg cannot
// make — progressive, CMYK (Adobe, inverted as Photoshop stores it), greyscale — from flat 8×8 blocks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A picture as rows of 8×8-pixel blocks, each an RGB colour; it is what the reader must see. */
export type BlockPicture = Array<Array<[number, number, number]>>;

export const RED: [number, number, number] = [220, 20, 20];
export const GREEN: [number, number, number] = [20, 180, 40];

/** A portrait picture (cols × rows blocks) that is green with a red top-left block: orientation shows. */
export function markerPicture(cols: number, rows: number): BlockPicture {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === 0 && c === 0 ? RED : GREEN)));
}

/**
 * The blocks to store so that a viewer applying EXIF `orientation` shows `shown`: the inverse of
 * the orientation's transform (EXIF 5–8 swap the sides).
 */
export function storedFor(shown: BlockPicture, orientation: number): BlockPicture {
  const H = shown.length;
  const W = shown[0]!.length;
  const swap = orientation >= 5;
  const rows = swap ? W : H;
  const cols = swap ? H : W;
  // For a stored block (r, c), the shown block it becomes.
  const shownAt = (r: number, c: number): [number, number] => {
    switch (orientation) {
      case 2:
        return [r, W - 1 - c];
      case 3:
        return [H - 1 - r, W - 1 - c];
      case 4:
        return [H - 1 - r, c];
      case 5:
        return [c, r];
      case 6:
        return [c, W - 1 - r];
      case 7:
        return [H - 1 - c, W - 1 - r];
      case 8:
        return [H - 1 - c, r];
      default:
        return [r, c];
    }
  };
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const [sr, sc] = shownAt(r, c);
      return shown[sr]![sc]!;
    }),
  );
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0);
    this.current = 0;
    this.count = 0;
  }
  finish(): number[] {
    while (this.count !== 0) this.write(1, 1);
    return this.bytes;
  }
}

const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];

/** DC categories 0–11 all get 4-bit codes 0000…1011; the AC table holds only EOB ("0"). */
function huffmanTables(): number[] {
  const dcCounts = Array(16).fill(0);
  dcCounts[3] = 12;
  const acCounts = Array(16).fill(0);
  acCounts[0] = 1;
  return segment(0xc4, [0x00, ...dcCounts, ...Array.from({ length: 12 }, (_, i) => i), 0x10, ...acCounts, 0x00]);
}

function writeDc(bits: BitWriter, diff: number): void {
  const magnitude = Math.abs(diff);
  const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
  bits.write(category, 4);
  if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
}

export interface JpegOptions {
  colour: 'gray' | 'ycbcr' | 'cmyk';
  progressive?: boolean;
  orientation?: number;
}

/** A real JPEG (every block a flat colour, so only DC coefficients are non-zero). */
export function writeJpeg(picture: BlockPicture, options: JpegOptions): Buffer {
  const rows = picture.length;
  const cols = picture[0]!.length;
  const samples = (rgb: [number, number, number]): number[] => {
    const [r, g, b] = rgb;
    if (options.colour === 'gray') return [0.299 * r + 0.587 * g + 0.114 * b];
    if (options.colour === 'ycbcr')
      return [0.299 * r + 0.587 * g + 0.114 * b, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b];
    // Naive CMYK, stored inverted (255 = no ink) as Adobe applications write it.
    const k = 255 - Math.max(r, g, b);
    const ink = (v: number) => (k === 255 ? 0 : ((255 - v - k) * 255) / (255 - k));
    return [255 - ink(r), 255 - ink(g), 255 - ink(b), 255 - k];
  };
  const components = options.colour === 'gray' ? 1 : options.colour === 'ycbcr' ? 3 : 4;
  const out: number[] = [0xff, 0xd8];
  if (options.orientation) out.push(...exifSegment(options.orientation));
  if (options.colour === 'cmyk') out.push(...segment(0xee, [...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 0]));
  out.push(...segment(0xdb, [0x00, ...Array(64).fill(8)]));
  const frame = [8, (rows * 8) >> 8, (rows * 8) & 0xff, (cols * 8) >> 8, (cols * 8) & 0xff, components];
  for (let c = 0; c < components; c++) frame.push(c + 1, 0x11, 0);
  out.push(...segment(options.progressive ? 0xc2 : 0xc0, frame));
  out.push(...huffmanTables());
  const dc = picture.map((row) => row.map((rgb) => samples(rgb).map((v) => Math.round(v) - 128)));
  const scanHeader = (ids: number[], ss: number, se: number) => segment(0xda, [ids.length, ...ids.flatMap((id) => [id, 0x00]), ss, se, 0]);
  // Baseline: one interleaved scan; progressive: the DC scan, then one AC scan (all EOB) per component.
  const all = Array.from({ length: components }, (_, c) => c + 1);
  out.push(...scanHeader(all, 0, options.progressive ? 0 : 63));
  const bits = new BitWriter();
  const previous = Array(components).fill(0);
  for (const row of dc)
    for (const block of row)
      block.forEach((value, c) => {
        writeDc(bits, value - previous[c]);
        previous[c] = value;
        if (!options.progressive) bits.write(0, 1); // EOB
      });
  out.push(...bits.finish());
  if (options.progressive) {
    for (const id of all) {
      out.push(...scanHeader([id], 1, 63));
      const ac = new BitWriter();
      for (let i = 0; i < rows * cols; i++) ac.write(0, 1);
      out.push(...ac.finish());
    }
  }
  out.push(0xff, 0xd9);
  return Buffer.from(out);
}

/** APP1 "Exif" with one IFD0 entry: Orientation (big-endian TIFF). */
function exifSegment(orientation: number): number[] {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  return segment(0xe1, [...Buffer.from('Exif\0\0', 'latin1'), ...tiff]);
}

/** Puts an EXIF orientation into a JPEG made elsewhere (e.g. by ffmpeg). */
export function withOrientation(jpeg: Buffer, orientation: number): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from(exifSegment(orientation)), jpeg.subarray(2)]);
}

/** ffmpeg's test pattern as a file of the given encoder settings, e.g. ['-pix_fmt', 'rgba64be'] → out.png. */
export function ffmpegImage(dir: string, name: string, size: string, args: string[]): Buffer {
  const file = path.join(dir, name);
  const result = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:duration=1`, '-frames:v', '1', ...args, file],
    { encoding: 'utf8', timeout: 30_000 },
  );
  assert.equal(result.status, 0, `ffmpeg ${name}: ${result.stderr}`);
  return readFileSync(file);
}

/** A PPM (P6) rendering read into an RGB sampler. */
export function readPpm(bytes: Buffer): { width: number; height: number; at(x: number, y: number): [number, number, number] } {
  const header = bytes.subarray(0, 64).toString('latin1');
  const match = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  assert.ok(match, 'not a binary PPM');
  const offset = match[0].length;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return {
    width,
    height,
    at: (x, y) => {
      const i = offset + (y * width + x) * 3;
      return [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!];
    },
  };
}
