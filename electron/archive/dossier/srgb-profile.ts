/**
 * An ICC v2 display profile of sRGB (IEC 61966-2.1), built from its published numbers rather than
 * shipped as a binary: the D50-adapted primaries (Bradford) and the sRGB transfer curve sampled at
 * 1024 points. Dossiers name it as their output intent (pdfa.ts).
 */

const D50 = [0.9642, 1.0, 0.8249] as const;
const PRIMARIES = {
  rXYZ: [0.4361, 0.2225, 0.0139],
  gXYZ: [0.3851, 0.7169, 0.0971],
  bXYZ: [0.1431, 0.0606, 0.7141],
} as const;
const CURVE_POINTS = 1024;
export const SRGB_DESCRIPTION = 'sRGB IEC61966-2.1';

/** sRGB's encoded value (0–1) → linear light. */
export function srgbToLinear(value: number): number {
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

let cached: Uint8Array | undefined;

export function srgbProfile(): Uint8Array {
  cached ??= buildProfile();
  return cached;
}

function buildProfile(): Uint8Array {
  const curve = bytes(12 + CURVE_POINTS * 2, (view) => {
    view.ascii(0, 'curv');
    view.u32(8, CURVE_POINTS);
    for (let i = 0; i < CURVE_POINTS; i++) view.u16(12 + i * 2, Math.round(srgbToLinear(i / (CURVE_POINTS - 1)) * 65535));
  });
  const tags: Array<[string, Uint8Array]> = [
    ['desc', textDescription(SRGB_DESCRIPTION)],
    ['cprt', text('No copyright: built by Custodia from IEC 61966-2.1')],
    ['wtpt', xyz(D50)],
    ['rXYZ', xyz(PRIMARIES.rXYZ)],
    ['gXYZ', xyz(PRIMARIES.gXYZ)],
    ['bXYZ', xyz(PRIMARIES.bXYZ)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  // The three curves share one block of data, as ICC allows.
  const blocks = new Map<Uint8Array, number>();
  let offset = 128 + 4 + tags.length * 12;
  for (const [, data] of tags) {
    if (blocks.has(data)) continue;
    blocks.set(data, offset);
    offset += align4(data.length);
  }
  return bytes(offset, (view) => {
    view.u32(0, offset);
    view.u32(8, 0x02100000); // version 2.1
    view.ascii(12, 'mntr');
    view.ascii(16, 'RGB ');
    view.ascii(20, 'XYZ ');
    [2024, 1, 1, 0, 0, 0].forEach((part, i) => view.u16(24 + i * 2, part));
    view.ascii(36, 'acsp');
    D50.forEach((value, i) => view.s15f16(68 + i * 4, value));
    view.u32(128, tags.length);
    tags.forEach(([signature, data], i) => {
      view.ascii(132 + i * 12, signature);
      view.u32(136 + i * 12, blocks.get(data)!);
      view.u32(140 + i * 12, data.length);
    });
    for (const [data, at] of blocks) view.set(at, data);
  });
}

function xyz(values: readonly number[]): Uint8Array {
  return bytes(20, (view) => {
    view.ascii(0, 'XYZ ');
    values.forEach((value, i) => view.s15f16(8 + i * 4, value));
  });
}

function text(value: string): Uint8Array {
  return bytes(8 + value.length + 1, (view) => {
    view.ascii(0, 'text');
    view.ascii(8, value);
  });
}

/** textDescriptionType (ICC v2): the ASCII description, then empty Unicode and ScriptCode parts. */
function textDescription(value: string): Uint8Array {
  const ascii = value.length + 1;
  return bytes(12 + ascii + 4 + 4 + 2 + 1 + 67, (view) => {
    view.ascii(0, 'desc');
    view.u32(8, ascii);
    view.ascii(12, value);
  });
}

const align4 = (n: number) => (n + 3) & ~3;

interface Writer {
  u16(at: number, value: number): void;
  u32(at: number, value: number): void;
  s15f16(at: number, value: number): void;
  ascii(at: number, value: string): void;
  set(at: number, data: Uint8Array): void;
}

function bytes(length: number, write: (view: Writer) => void): Uint8Array {
  const out = new Uint8Array(length);
  const data = new DataView(out.buffer);
  write({
    u16: (at, value) => data.setUint16(at, value),
    u32: (at, value) => data.setUint32(at, value),
    s15f16: (at, value) => data.setInt32(at, Math.round(value * 65536)),
    ascii: (at, value) => out.set(new TextEncoder().encode(value), at),
    set: (at, chunk) => out.set(chunk, at),
  });
  return out;
}
