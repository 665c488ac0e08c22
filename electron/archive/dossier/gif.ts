/**
 * A GIF's first frame as 8-bit RGB, for a dossier page: the frame is decoded (GIF's LZW, least
 * significant bit first) onto the logical screen, transparent pixels left white as on paper. An
 * animation shows its first frame only; the dossier says so. Everything read is bounded by the file.
 */
export interface GifPicture {
  width: number;
  height: number;
  rgb: Uint8Array;
  frames: number;
}

const MAX_PIXELS = 40_000_000;

export function readGif(bytes: Uint8Array): GifPicture {
  const header = String.fromCharCode(...bytes.subarray(0, 6));
  if (header !== 'GIF87a' && header !== 'GIF89a') throw new Error('not a GIF file');
  let at = 6;
  const byte = () => {
    if (at >= bytes.length) throw new Error('the GIF file is truncated');
    return bytes[at++]!;
  };
  const u16 = () => byte() | (byte() << 8);
  const width = u16();
  const height = u16();
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) throw new Error(`a GIF of ${width}×${height} pixels is not shown`);
  const flags = byte();
  at += 2; // background colour index, aspect ratio
  const globalTable = flags & 0x80 ? readTable(2 << (flags & 7)) : null;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  let transparent = -1;
  let frames = 0;
  let drawn = false;
  for (;;) {
    const kind = byte();
    if (kind === 0x3b) break; // trailer
    if (kind === 0x21) {
      const label = byte();
      const blocks = subBlocks();
      if (label === 0xf9 && blocks.length >= 4 && blocks[0]! & 1) transparent = blocks[3]!;
      continue;
    }
    if (kind !== 0x2c) throw new Error('the GIF file is damaged');
    frames++;
    const [left, top, w, h] = [u16(), u16(), u16(), u16()];
    const frameFlags = byte();
    const table = frameFlags & 0x80 ? readTable(2 << (frameFlags & 7)) : globalTable;
    const minCodeSize = byte();
    const data = subBlocks();
    if (drawn) continue; // later frames of an animation
    if (!table) throw new Error('the GIF has no colour table');
    if (minCodeSize < 2 || minCodeSize > 8) throw new Error('the GIF image data is damaged');
    const indices = lzw(data, minCodeSize, w * h);
    const rows = frameFlags & 0x40 ? interlacedRows(h) : Array.from({ length: h }, (_, y) => y);
    rows.forEach((y, row) => {
      for (let x = 0; x < w; x++) {
        const index = indices[row * w + x]!;
        const [sx, sy] = [left + x, top + y];
        if (index === transparent || sx >= width || sy >= height || index * 3 + 2 >= table.length) continue;
        rgb.set(table.subarray(index * 3, index * 3 + 3), (sy * width + sx) * 3);
      }
    });
    drawn = true;
  }
  if (!drawn) throw new Error('the GIF has no image');
  return { width, height, rgb, frames };

  function readTable(entries: number): Uint8Array {
    if (at + entries * 3 > bytes.length) throw new Error('the GIF file is truncated');
    const table = bytes.subarray(at, at + entries * 3);
    at += entries * 3;
    return table;
  }

  function subBlocks(): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let size = byte(); size !== 0; size = byte()) {
      if (at + size > bytes.length) throw new Error('the GIF file is truncated');
      parts.push(bytes.subarray(at, at + size));
      at += size;
    }
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

/** Rows 0, 8, 16 …, then 4, 12 …, then 2, 6 …, then 1, 3 …: the order an interlaced GIF stores them in. */
function interlacedRows(height: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of [
    [0, 8],
    [4, 8],
    [2, 4],
    [1, 2],
  ] as const)
    for (let y = start; y < height; y += step) rows.push(y);
  return rows;
}

function lzw(data: Uint8Array, minCodeSize: number, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  // Each entry is (prefix code, last byte); strings are unrolled backwards into `stack`.
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < clear; i++) [prefix[i], suffix[i], length[i]] = [-1, i, 1];
  let next = end + 1;
  let size = minCodeSize + 1;
  let previous = -1;
  let o = 0;
  let bit = 0;
  while (o < pixels && bit + size <= data.length * 8) {
    let code = 0;
    for (let b = 0; b < size; b++, bit++) code |= ((data[bit >> 3]! >> (bit & 7)) & 1) << b;
    if (code === clear) {
      [next, size, previous] = [end + 1, minCodeSize + 1, -1];
      continue;
    }
    if (code === end) break;
    if (code > next || (code === next && previous < 0)) throw new Error('the GIF image data is damaged');
    const known = code < next;
    if (previous >= 0 && next < 4096) {
      prefix[next] = previous;
      length[next] = length[previous]! + 1;
      // The new entry ends with the first byte of the code's string (which, for a code not yet known, is this entry).
      let first = known ? code : previous;
      while (prefix[first]! >= 0) first = prefix[first]!;
      suffix[next] = suffix[first]!;
      next++;
      if (next === 1 << size && size < 12) size++;
    }
    let entry = code;
    const count = length[entry]!;
    for (let k = count - 1; k >= 0; k--) {
      if (o + k < pixels) out[o + k] = suffix[entry]!;
      entry = prefix[entry]!;
    }
    o += count;
    previous = code;
  }
  return out;
}
