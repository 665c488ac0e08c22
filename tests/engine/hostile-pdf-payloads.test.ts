// Two crafted PDFs through the real import: the CVE-2024-4367 font trick (JavaScript in a
// FontMatrix, after the public proof of concept) and a Flate bomb (1 MB that inflates to 512 MiB
// of content stream). Neither may run code, nor take the memory of the machine.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createDeflate } from 'node:zlib';
import { Archive } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { cvePayload, cveType1Pdf, cveType3Pdf, pdfFromObjects, pdfStream } from '../helpers/hostile-pdfs.ts';

const require = createRequire(import.meta.url);
const root = tempDir('custodia-hostile-payloads-');
const MARKER_FILE = path.join(root, 'PWNED-marker');
let archive: Archive;
let caseId: string;

before(async () => {
  ({ archive } = await Archive.create(path.join(root, 'vault'), PASSPHRASE));
  caseId = archive.addCase({ title: 'Crafted PDFs' });
});

after(() => {
  archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

function assertNothingRan(label: string): void {
  assert.equal((globalThis as Record<string, unknown>).__pwned, undefined, `${label}: a global was set in the test process`);
  assert.equal(existsSync(MARKER_FILE), false, `${label}: the payload wrote its marker file`);
}

test('the payload is live: compiled the way pdf.js before 4.2.67 compiled glyph paths, it sets the global and writes the marker', async () => {
  // In a throwaway worker, so this process's globals stay clean for the tests below.
  const source = `new Function('c', 'size', ${JSON.stringify(`c.transform(0.1,0,0,0.1,0,1);\n${cvePayload(MARKER_FILE)}\n//)`)})({ transform() {} }, 1);
    require('node:worker_threads').parentPort.postMessage(globalThis.__pwned);`;
  const worker = new Worker(source, { eval: true });
  const [pwned] = (await once(worker, 'message')) as [unknown];
  await worker.terminate();
  assert.equal(pwned, 1);
  assert.equal(existsSync(MARKER_FILE), true);
  rmSync(MARKER_FILE);
});

test('CVE-2024-4367 payloads in a FontMatrix (Type1 as in the public PoC, and Type3) run nowhere when imported', async () => {
  for (const [label, pdf] of [
    ['Type1', cveType1Pdf(MARKER_FILE)],
    ['Type3', cveType3Pdf(MARKER_FILE)],
  ] as const) {
    const file = path.join(root, `cve-2024-4367-${label}.pdf`);
    writeFileSync(file, pdf);
    const result = await archive.importFile(caseId, file);
    assert.equal(result.mimeType, 'application/pdf');
    const item = archive.getItem(result.id);
    assert.ok(item.extractionError === null || item.extractionError.length <= 200, `${label}: ${item.extractionError}`);
    assertNothingRan(label);
  }
  assert.equal((await archive.verify()).ok, true);
});

test('the same PDFs through pdf.js in this process, rendering path included (operator lists build the glyph paths), with eval allowed', async () => {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const pdfjs = (await import(pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href)) as typeof import('pdfjs-dist');
  (globalThis as Record<string, unknown>).pdfjsWorker = await import(
    pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.worker.mjs')).href
  );
  for (const [label, pdf] of [
    ['Type1', cveType1Pdf(MARKER_FILE)],
    ['Type3', cveType3Pdf(MARKER_FILE)],
  ] as const) {
    // The most permissive options a viewer could pass: eval "supported", fonts drawn as paths.
    const task = pdfjs.getDocument({
      data: new Uint8Array(pdf),
      isEvalSupported: true,
      disableFontFace: true,
      useSystemFonts: false,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      verbosity: 0,
    } as Parameters<typeof pdfjs.getDocument>[0]);
    try {
      const doc = await task.promise;
      const page = await doc.getPage(1);
      await page.getOperatorList().catch(() => undefined);
      await page.getTextContent().catch(() => undefined);
    } catch {
      // A refusal to open is fine; running the payload is not.
    } finally {
      await task.destroy();
    }
    assertNothingRan(`${label} in process`);
  }
});

/** `size` bytes of spaces (valid, empty page content), deflated as a stream in 1 MiB pieces. */
async function deflatedSpaces(size: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const piece = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < size; written += piece.length) if (!deflate.write(piece)) await once(deflate, 'drain');
  deflate.end();
  await once(deflate, 'end');
  return Buffer.concat(parts);
}

test('a Flate bomb (a page whose 0.5 MB content stream inflates to 512 MiB) is stopped by the memory bound, not allowed to take the machine', async (t) => {
  const content = await deflatedSpaces(512 * 1024 * 1024);
  const bomb = pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    pdfStream('/Filter /FlateDecode', content),
  ]);
  const file = path.join(root, 'flate-bomb.pdf');
  writeFileSync(file, bomb);
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = Date.now();
  const result = await archive.importFile(caseId, file);
  clearInterval(sampler);
  const growthMB = Math.round((peakRss - rssBefore) / 1e6);
  t.diagnostic(JSON.stringify({ pdfBytes: bomb.length, inflatesTo: 512 * 1024 * 1024, ms: Date.now() - started, rssGrowthMB: growthMB }));
  assert.equal(archive.getItem(result.id).extractionError, 'PDF needs too much memory');
  assert.ok(growthMB < 1024, `the process grew by ${growthMB} MB`);
  assert.equal((await archive.verifyItem(result.id)).ok, true);
});
