/**
 * Plain text of an evidence file, for full-text search: PDF (pdf.js), plain text (UTF-8, or
 * windows-1251 when the bytes are not UTF-8) and DOCX (word/document.xml, see docx-text.ts). Everything else has no
 * text. Evidence may be hostile, so extraction never throws: a damaged, encrypted or too-costly
 * file yields `{ text: '', error: 'a short reason' }`, and the work is bounded in time and size.
 *
 * PDFs are parsed in a throwaway worker thread, so a timeout can stop pdf.js even inside a long
 * synchronous step, and a parser crash or heap exhaustion ends only that thread. pdf.js is loaded
 * from node_modules at run time (the worker imports it by file URL), reads only the given bytes and
 * its own bundled CMaps and font data, and never touches the network. Its optional native canvas
 * (@napi-rs/canvas, used only for rendering) is kept out of the worker.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readWordDocumentXml, wordXmlToText } from './docx-text.ts';
import { trimIncompleteUtf8 } from './sniff.ts';
import type { PdfTextReply, PdfTextWorkerData } from '../workers/pdf-text-worker.ts';
import { workerFile } from '../workers/worker-file.ts';

export interface ExtractOptions {
  /** Longest text returned, in UTF-16 code units (default 2,000,000). */
  maxChars?: number;
  /** Time allowed for a PDF before its worker is stopped (default 20 s). */
  timeoutMs?: number;
}

export interface ExtractResult {
  text: string;
  /** Why no (or only part of the) text could be read; null when extraction succeeded. */
  error: string | null;
}

const DEFAULT_MAX_CHARS = 2_000_000;
const DEFAULT_TIMEOUT_MS = 20_000;
/** Heap for the PDF worker; a file that needs more is reported, not allowed to exhaust the app. */
const PDF_WORKER_HEAP_MB = 512;
/**
 * The heap limit does not cover ArrayBuffers, where pdf.js keeps decoded streams: a 1 MB Flate
 * bomb inflates to gigabytes there. The worker's external memory is polled and the worker stopped
 * past this bound (the file itself, at most 64 MB, counts against it).
 */
const PDF_WORKER_EXTERNAL_MB = 256;
const MEMORY_POLL_MS = 25;

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function extractText(bytes: Uint8Array, mimeType: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const maxChars = positiveInteger(options.maxChars, DEFAULT_MAX_CHARS);
  const timeoutMs = positiveInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS);
  try {
    const mime = mimeType.split(';')[0]!.trim().toLowerCase();
    if (mime === 'application/pdf') return await extractPdf(bytes, maxChars, timeoutMs);
    if (mime === 'text/plain') return { text: capText(decodePlainText(bytes, maxChars), maxChars), error: null };
    if (mime === 'application/zip' || mime === DOCX_MIME) return await extractDocx(bytes, maxChars);
    return { text: '', error: null };
  } catch (error) {
    return { text: '', error: shortReason(error) };
  }
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/** Cuts text to maxChars without leaving half of a surrogate pair at the end. */
function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]!.trim() || 'unknown error';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

// ---------------------------------------------------------------------------------------------
// Plain text

function decodePlainText(bytes: Uint8Array, maxChars: number): string {
  // A UTF-16 code unit needs at least one byte in either encoding, so bytes past maxChars * 3
  // (the most a UTF-8 character takes per code unit) cannot reach the output.
  const sample = bytes.length > maxChars * 3 ? trimIncompleteUtf8(bytes.subarray(0, maxChars * 3)) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    // Not valid UTF-8: below.
  }
  const lossy = new TextDecoder('utf-8').decode(sample);
  if (mostlyUtf8(lossy)) return lossy;
  try {
    return new TextDecoder('windows-1251').decode(bytes.subarray(0, maxChars));
  } catch {
    // A Node built without full ICU has no windows-1251 decoder; keep the lossy UTF-8.
    return lossy;
  }
}

/**
 * True when lossy UTF-8 decoding kept far more non-ASCII characters than it replaced: UTF-8 with a
 * few damaged bytes. Cyrillic windows-1251 text is almost never valid UTF-8 and decodes mostly to
 * replacement characters.
 */
function mostlyUtf8(lossy: string): boolean {
  let replaced = 0;
  let kept = 0;
  for (let i = 0; i < lossy.length; i++) {
    const code = lossy.charCodeAt(i);
    if (code === 0xfffd) replaced++;
    else if (code > 0x7f) kept++;
  }
  return kept >= replaced * 10;
}

// ---------------------------------------------------------------------------------------------
// DOCX

/** A zip without word/document.xml is not a Word document: no text, and no error. */
async function extractDocx(bytes: Uint8Array, maxChars: number): Promise<ExtractResult> {
  const xml = await readWordDocumentXml(bytes);
  return { text: xml === null ? '' : capText(wordXmlToText(xml), maxChars), error: null };
}

// ---------------------------------------------------------------------------------------------
// PDF

interface PdfjsFiles {
  pdfUrl: string;
  workerUrl: string;
  cMapDir: string;
  standardFontDir: string;
}

let pdfjsFiles: PdfjsFiles | undefined;

function locatePdfjs(): PdfjsFiles {
  if (!pdfjsFiles) {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
    pdfjsFiles = {
      pdfUrl: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href,
      workerUrl: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.worker.mjs')).href,
      // pdf.js reads these with fs in Node; they must end with a separator.
      cMapDir: path.join(root, 'cmaps') + path.sep,
      standardFontDir: path.join(root, 'standard_fonts') + path.sep,
    };
  }
  return pdfjsFiles;
}

function extractPdf(bytes: Uint8Array, maxChars: number, timeoutMs: number): Promise<ExtractResult> {
  let files: PdfjsFiles;
  try {
    files = locatePdfjs();
  } catch {
    return Promise.resolve({ text: '', error: 'PDF support (pdfjs-dist) is not installed' });
  }
  // A private copy, moved into the worker: pdf.js wants a plain Uint8Array, not a Buffer.
  const data = new Uint8Array(bytes);
  return new Promise<ExtractResult>((resolve) => {
    let settled = false;
    const worker = new Worker(workerFile('pdf-text-worker'), {
      workerData: { data, maxChars, ...files } satisfies PdfTextWorkerData,
      transferList: [data.buffer],
      resourceLimits: { maxOldGenerationSizeMb: PDF_WORKER_HEAP_MB },
      // pdf.js may still print warnings; the worker's output is discarded rather than mixed into ours.
      stdout: true,
      stderr: true,
      env: {},
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (result: ExtractResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      void worker.terminate();
      resolve({ text: capText(result.text, maxChars), error: result.error });
    };
    const timer = setTimeout(() => finish({ text: '', error: `timed out after ${timeoutMs} ms` }), timeoutMs);
    // getHeapStatistics answers even while the worker runs a long synchronous decode.
    const memoryWatch = setInterval(() => {
      worker.getHeapStatistics().then(
        (stats) => {
          if (stats.external_memory > PDF_WORKER_EXTERNAL_MB * 1024 * 1024) finish({ text: '', error: 'PDF needs too much memory' });
        },
        () => undefined, // the worker has already ended
      );
    }, MEMORY_POLL_MS);
    worker.on('message', (message: unknown) => {
      const result = message as Partial<PdfTextReply> | null;
      finish({
        text: typeof result?.text === 'string' ? result.text : '',
        error: typeof result?.error === 'string' ? result.error : null,
      });
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish({
        text: '',
        error: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'PDF needs too much memory' : `PDF worker failed: ${shortReason(error)}`,
      }),
    );
    worker.on('exit', () => finish({ text: '', error: 'PDF worker stopped unexpectedly' }));
  });
}
