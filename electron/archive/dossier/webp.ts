/**
 * A WebP exhibit (what messengers save photos as) as 8-bit RGB for a dossier page, decoded by
 * libwebp compiled to WebAssembly (@jsquash/webp, from Google's Squoosh codecs), loaded on first
 * use. The canvas size is read from the file and bounded before anything is decoded; transparent
 * pixels are laid on white, as on paper; an animation is refused (and so attached as the original).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const MAX_PIXELS = 40_000_000;
// The engine's TypeScript settings carry no WebAssembly types; Node has the global.
const webAssembly = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;

interface Decoded {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

let decoder: Promise<(bytes: ArrayBuffer) => Promise<Decoded>> | undefined;

function loadDecoder(): Promise<(bytes: ArrayBuffer) => Promise<Decoded>> {
  decoder ??= (async () => {
    const module = (await import('@jsquash/webp/decode.js')) as unknown as {
      default: (bytes: ArrayBuffer) => Promise<Decoded>;
      init: (module: unknown) => Promise<void>;
    };
    // Given the compiled module, the codec never fetches its WebAssembly by URL.
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm'));
    await module.init(await webAssembly.compile(wasm));
    return module.default;
  })();
  return decoder;
}

export async function readWebp(bytes: Uint8Array): Promise<{ width: number; height: number; rgb: Uint8Array }> {
  const { width, height } = webpCanvas(bytes);
  if (width * height > MAX_PIXELS) throw new Error(`a WebP of ${width}×${height} pixels is not shown`);
  const decode = await loadDecoder();
  const copy = Uint8Array.from(bytes);
  let image: Decoded;
  try {
    image = await decode(copy.buffer);
  } catch {
    throw new Error('the WebP image data is damaged');
  } finally {
    copy.fill(0);
  }
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let i = 0; i < image.width * image.height; i++) {
    const alpha = image.data[i * 4 + 3]!;
    for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.round((image.data[i * 4 + c]! * alpha + 255 * (255 - alpha)) / 255);
  }
  image.data.fill(0);
  return { width: image.width, height: image.height, rgb };
}

/** The canvas size from the RIFF header: VP8X (extended), VP8L (lossless) or VP8 (lossy). */
function webpCanvas(bytes: Uint8Array): { width: number; height: number } {
  const text = (at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
  if (bytes.length < 30 || text(0, 4) !== 'RIFF' || text(8, 4) !== 'WEBP') throw new Error('not a WebP file');
  const chunk = text(12, 4);
  const b = (at: number) => bytes[at]!;
  // libwebp's simple decoder reads still pictures only; an animation is attached as the original.
  if (chunk === 'VP8X' && b(20) & 0x02) throw new Error('an animated WebP is not shown');
  if (chunk === 'VP8X') return { width: 1 + (b(24) | (b(25) << 8) | (b(26) << 16)), height: 1 + (b(27) | (b(28) << 8) | (b(29) << 16)) };
  if (chunk === 'VP8L') {
    const bits = b(21) | (b(22) << 8) | (b(23) << 16) | (b(24) << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: (b(26) | (b(27) << 8)) & 0x3fff, height: (b(28) | (b(29) << 8)) & 0x3fff };
  throw new Error('the WebP file is damaged');
}
