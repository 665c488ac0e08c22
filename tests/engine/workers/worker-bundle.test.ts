import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractText } from '../../../electron/archive/ingest/extract.ts';
import { makePdf } from '../../helpers/documents.ts';

/**
 * The worker threads as the app runs them: the .cjs files scripts/build-electron.js emits beside
 * the main bundle (npm test builds first), started with the same workerData the engine sends.
 * Under Node the engine runs the TypeScript sources; extractText below goes through that path.
 */
const outMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../out/main');
const skip = existsSync(path.join(outMain, 'index.cjs')) ? false : 'out/main is not built: run "npm run build:electron"';

function runWorker<T>(file: string, workerData: unknown, send?: (worker: Worker) => void): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(outMain, file), { workerData });
    const replies: T[] = [];
    const timer = setTimeout(() => void worker.terminate().then(() => reject(new Error(`${file} did not answer`))), 20_000);
    worker.on('message', (message: T & { type?: string }) => {
      replies.push(message);
      if (!send || message.type === 'digest') {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve(replies));
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    send?.(worker);
  });
}

test('the bundled PDF text worker reads the text of a real two-page PDF', { skip }, async () => {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const pdf = makePdf([['Prigovor po st. 272 ch. 2'], ['Adilbekuly Serik']]);
  const [reply] = await runWorker<{ text: string; error: string | null }>('pdf-text-worker.cjs', {
    data: new Uint8Array(pdf),
    maxChars: 10_000,
    pdfUrl: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href,
    workerUrl: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.worker.mjs')).href,
    cMapDir: path.join(root, 'cmaps') + path.sep,
    standardFontDir: path.join(root, 'standard_fonts') + path.sep,
  });
  assert.equal(reply?.error, null);
  assert.match(reply!.text, /Prigovor po st\. 272 ch\. 2[\s\S]*Adilbekuly Serik/);
  // The TypeScript source (what Node runs) answers the same.
  assert.deepEqual(await extractText(pdf, 'application/pdf'), { text: reply!.text, error: null });
});

test('the bundled digest worker hashes the shared ring in order, as SHA-256 and SHA-512', { skip }, async () => {
  const slotBytes = 1024;
  const shared = new SharedArrayBuffer(slotBytes * 2);
  const ring = Buffer.from(shared);
  ring.write('Приговор Медеуского районного суда', 0);
  ring.write(' — ст. 272 ч. 2', slotBytes);
  const firstLength = Buffer.byteLength('Приговор Медеуского районного суда');
  const secondLength = Buffer.byteLength(' — ст. 272 ч. 2');
  const whole = Buffer.concat([ring.subarray(0, firstLength), ring.subarray(slotBytes, slotBytes + secondLength)]);
  for (const algorithm of ['sha256', 'sha512']) {
    const replies = await runWorker<{ type: string; slot?: number; hex?: string }>(
      'digest-worker.cjs',
      { shared, slotBytes, algorithm },
      (worker) => {
        worker.postMessage({ type: 'data', slot: 0, length: firstLength });
        worker.postMessage({ type: 'data', slot: 1, length: secondLength });
        worker.postMessage({ type: 'end' });
      },
    );
    assert.deepEqual(
      replies.map((r) => r.type),
      ['done', 'done', 'digest'],
    );
    assert.equal(replies[2]!.hex, createHash(algorithm).update(whole).digest('hex'));
  }
});
