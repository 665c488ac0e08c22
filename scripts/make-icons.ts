// Generates the app's icon set from resources/icon.svg into build/icons/ (not checked in):
//   build/icons/<N>x<N>.png  for Linux (N = 16 … 512), the folder electron-builder's linux.icon takes
//   build/icons/icon.ico     for Windows (PNG entries 16 … 256)
//   build/icons/icon.icns    for macOS (PNG entries 16 … 1024)
// The SVG is rasterised by headless Chromium (playwright-core; CUSTODIA_CHROMIUM, else
// /usr/bin/chromium), so no image tool has to be installed. ICO and ICNS are plain containers of
// PNGs, written here. Run by `npm run package` before electron-builder; `node scripts/make-icons.ts`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'icons');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 32, 48, 256];
/** ICNS entry types holding PNG data, by pixel size (Apple's icns format). */
const ICNS_TYPES: Array<[string, number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

function chromiumPath(): string {
  const candidates = [
    process.env.CUSTODIA_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('no Chromium or Chrome found to draw the icons: set CUSTODIA_CHROMIUM to one');
  return found;
}

async function rasterise(svg: string, sizes: number[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const pngs = new Map<number, Buffer>();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<body style="margin:0"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body>`);
      await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICO: a 6-byte header, one 16-byte entry per image, then the PNGs (Vista+ reads PNG entries). */
export function icoOf(pngs: Array<[number, Buffer]>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(([size, png]) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)]);
}

/** ICNS: 'icns' + total length, then (type, length, PNG) blocks, lengths big-endian and inclusive. */
export function icnsOf(blocks: Array<[string, Buffer]>): Buffer {
  const parts = blocks.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main(): Promise<void> {
  const svg = readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8');
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])].sort((a, b) => a - b);
  const pngs = await rasterise(svg, sizes);
  mkdirSync(out, { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(path.join(out, `${size}x${size}.png`), pngs.get(size)!);
  writeFileSync(path.join(out, 'icon.ico'), icoOf(ICO_SIZES.map((size) => [size, pngs.get(size)!])));
  writeFileSync(path.join(out, 'icon.icns'), icnsOf(ICNS_TYPES.map(([type, size]) => [type, pngs.get(size)!])));
  process.stdout.write(`icons written to ${path.relative(root, out)}/ (${LINUX_SIZES.length} PNGs, icon.ico, icon.icns)\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`make-icons: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
