import nodeModule from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The throwaway thread that reads a PDF's text with pdf.js (ingest/extract.ts starts one per file,
 * with a time and memory bound). Posts exactly one PdfTextReply.
 */
export interface PdfTextWorkerData {
  data: Uint8Array;
  maxChars: number;
  pdfUrl: string;
  workerUrl: string;
  cMapDir: string;
  standardFontDir: string;
}
export interface PdfTextReply {
  text: string;
  error: string | null;
}

// pdf.js tries to load @napi-rs/canvas at import time to polyfill rendering classes. Text
// extraction does not render, so refuse it: no native code runs on hostile input.
if (typeof nodeModule.registerHooks === 'function') {
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === '@napi-rs/canvas' || specifier.startsWith('@napi-rs/canvas/')) throw new Error('not used for text extraction');
      return nextResolve(specifier, context);
    },
  });
}

interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/**
 * pdf.js builds a DOMMatrix as its module loads, and for Type3 glyph outlines while reading text,
 * so it gets the plain 2-D affine matrix those paths use.
 */
class AffineMatrix implements Affine {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: unknown) {
    if (Array.isArray(init) && init.length === 6) this.set(...(init.map(Number) as [number, number, number, number, number, number]));
  }
  get is2D(): boolean {
    return true;
  }
  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }
  private set(a: number, b: number, c: number, d: number, e: number, f: number): this {
    Object.assign(this, { a, b, c, d, e, f });
    return this;
  }
  multiplySelf(m: Affine): this {
    const { a, b, c, d, e, f } = this;
    return this.set(
      a * m.a + c * m.b,
      b * m.a + d * m.b,
      a * m.c + c * m.d,
      b * m.c + d * m.d,
      a * m.e + c * m.f + e,
      b * m.e + d * m.f + f,
    );
  }
  preMultiplySelf(m: Affine): this {
    return this.set(...new AffineMatrix([m.a, m.b, m.c, m.d, m.e, m.f]).multiplySelf(this).toArray());
  }
  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf({ a: 1, b: 0, c: 0, d: 1, e: tx, f: ty });
  }
  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf({ a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 });
  }
  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (!det) return this.set(NaN, NaN, NaN, NaN, NaN, NaN);
    return this.set(d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det);
  }
  multiply(m: Affine): AffineMatrix {
    return new AffineMatrix(this.toArray()).multiplySelf(m);
  }
  preMultiply(m: Affine): AffineMatrix {
    return new AffineMatrix(this.toArray()).preMultiplySelf(m);
  }
  translate(tx?: number, ty?: number): AffineMatrix {
    return new AffineMatrix(this.toArray()).translateSelf(tx, ty);
  }
  scale(sx?: number, sy?: number): AffineMatrix {
    return new AffineMatrix(this.toArray()).scaleSelf(sx, sy);
  }
  inverse(): AffineMatrix {
    return new AffineMatrix(this.toArray()).invertSelf();
  }
  toArray(): [number, number, number, number, number, number] {
    return [this.a, this.b, this.c, this.d, this.e, this.f];
  }
}
const globals = globalThis as Record<string, unknown>;
if (typeof globals.DOMMatrix !== 'function') globals.DOMMatrix = AffineMatrix;

/** The slice of pdf.js this thread uses (it is loaded by file URL at run time, untyped). */
interface PdfPage {
  getTextContent(): Promise<{ items: Array<{ str?: unknown; hasEOL?: boolean }> }>;
  cleanup(): void;
}
interface PdfJs {
  getDocument(options: Record<string, unknown>): {
    promise: Promise<{ numPages: number; getPage(n: number): Promise<PdfPage> }>;
    destroy(): Promise<void>;
  };
}

function reason(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') return 'encrypted PDF (password required)';
  if (name === 'InvalidPDFException') return 'damaged or invalid PDF';
  const message = String((error as { message?: string } | null)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 160);
  return `unreadable PDF: ${message}`;
}

async function run({ data, maxChars, pdfUrl, workerUrl, cMapDir, standardFontDir }: PdfTextWorkerData): Promise<PdfTextReply> {
  const pdfjs = (await import(pdfUrl)) as PdfJs;
  // The worker code runs on this thread (pdf.js's "fake worker"), loaded from a known file.
  globals.pdfjsWorker = await import(workerUrl);
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    disableRange: true,
    disableStream: true,
    disableAutoFetch: true,
    cMapUrl: cMapDir,
    cMapPacked: true,
    standardFontDataUrl: standardFontDir,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    let length = 0;
    let failed = 0;
    for (let number = 1; number <= doc.numPages && length < maxChars; number++) {
      try {
        const page = await doc.getPage(number);
        const content = await page.getTextContent();
        let text = '';
        for (const item of content.items) {
          if (typeof item.str !== 'string') continue;
          text += item.str;
          if (item.hasEOL) text += '\n';
        }
        page.cleanup();
        pages.push(text);
        length += text.length + 1;
      } catch {
        failed++;
      }
    }
    const text = pages.join('\n');
    if (failed === 0) return { text, error: null };
    if (pages.length === 0) return { text: '', error: 'damaged or invalid PDF: no page could be read' };
    return { text, error: `${failed} of ${pages.length + failed} pages could not be read` };
  } finally {
    await task.destroy();
  }
}

run(workerData as PdfTextWorkerData).then(
  (result) => parentPort!.postMessage(result),
  (error: unknown) => parentPort!.postMessage({ text: '', error: reason(error) } satisfies PdfTextReply),
);
