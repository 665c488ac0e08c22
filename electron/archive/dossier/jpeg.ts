/**
 * Reads what a PDF needs to carry a JPEG unchanged (DCTDecode): size, components, bit depth, the
 * Adobe marker that says CMYK is stored inverted, and the EXIF orientation a camera records instead
 * of turning the pixels. Every SOF kind is accepted (baseline, extended, progressive); arithmetic
 * and lossless JPEGs are refused, because PDF readers do not decode them.
 */
export interface JpegInfo {
  width: number;
  height: number;
  components: 1 | 3 | 4;
  bitsPerComponent: 8;
  progressive: boolean;
  /** An Adobe APP14 segment: CMYK/YCCK data is stored inverted (0 = full ink), as Photoshop writes it. */
  adobe: boolean;
  /** EXIF orientation 1–8 (1 when absent or unreadable). */
  orientation: number;
}

const SOF_DCT = new Set([0xc0, 0xc1, 0xc2]);
const SOF_UNSUPPORTED = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) throw new Error('no JPEG start-of-image marker');
  let pos = 2;
  let adobe = false;
  let orientation = 1;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) throw new Error(`no JPEG marker at byte ${pos}`);
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    const length = view.getUint16(pos + 2);
    const body = pos + 4;
    if (length < 2 || pos + 2 + length > bytes.length) throw new Error('a JPEG segment runs past the end of the file');
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(bytes.subarray(body, pos + 2 + length));
    if (marker === 0xee && length >= 14 && ascii(bytes, body, 5) === 'Adobe') adobe = true;
    if (SOF_UNSUPPORTED.has(marker)) throw new Error('lossless or arithmetic-coded JPEG, which PDF readers cannot decode');
    if (SOF_DCT.has(marker)) {
      const precision = bytes[body]!;
      const height = view.getUint16(body + 1);
      const width = view.getUint16(body + 3);
      const components = bytes[body + 5]!;
      if (precision !== 8) throw new Error(`${precision}-bit JPEG samples (PDF readers decode 8-bit)`);
      if (width === 0 || height === 0) throw new Error('the JPEG has no width or height');
      if (components !== 1 && components !== 3 && components !== 4) throw new Error(`a JPEG with ${components} colour components`);
      return { width, height, components, bitsPerComponent: 8, progressive: marker === 0xc2, adobe, orientation };
    }
    if (marker === 0xda || marker === 0xd9) break;
    pos += 2 + length;
  }
  throw new Error('no JPEG frame header before the image data');
}

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment; 1 when absent or malformed. */
function exifOrientation(segment: Uint8Array): number {
  if (segment.length < 14 || ascii(segment, 0, 6) !== 'Exif\0\0') return 1;
  const tiff = new DataView(segment.buffer, segment.byteOffset + 6, segment.byteLength - 6);
  const little = tiff.getUint16(0) === 0x4949;
  if (!little && tiff.getUint16(0) !== 0x4d4d) return 1;
  const u16 = (at: number) => (at + 2 <= tiff.byteLength ? tiff.getUint16(at, little) : 0);
  const u32 = (at: number) => (at + 4 <= tiff.byteLength ? tiff.getUint32(at, little) : 0);
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let i = 0; i < entries && i < 512; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/**
 * The matrix that maps the stored image's unit square onto a box of the shown size, turned and
 * mirrored as EXIF orientation says. Orientations 5–8 swap width and height.
 */
export function orientedMatrix(
  orientation: number,
  box: { x: number; y: number; width: number; height: number },
): [number, number, number, number, number, number] {
  // Display (u, v) in the unit box from image (s, t): u = a·s + c·t + e, v = b·s + d·t + f.
  const [a, b, c, d, e, f] = ORIENTATION[orientation] ?? ORIENTATION[1]!;
  const { x, y, width: w, height: h } = box;
  return [a * w, b * h, c * w, d * h, x + e * w, y + f * h];
}

const ORIENTATION: Record<number, [number, number, number, number, number, number]> = {
  1: [1, 0, 0, 1, 0, 0],
  2: [-1, 0, 0, 1, 1, 0],
  3: [-1, 0, 0, -1, 1, 1],
  4: [1, 0, 0, -1, 0, 1],
  5: [0, -1, -1, 0, 1, 1],
  6: [0, -1, 1, 0, 0, 1],
  7: [0, 1, 1, 0, 0, 0],
  8: [0, 1, -1, 0, 1, 0],
};

export const swapsSides = (orientation: number): boolean => orientation >= 5 && orientation <= 8;
