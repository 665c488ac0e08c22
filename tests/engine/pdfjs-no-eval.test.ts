import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);

/**
 * CVE-2024-4367: pdf.js compiled font glyph paths into JavaScript with `new Function`, and a
 * crafted font could run code. The viewer relies on the pdf.js it ships having no code-generating
 * path at all (newer pdf.js removed it, and the `isEvalSupported` switch with it), backed by a CSP
 * without 'unsafe-eval'. This fails if a downgrade or a new release brings one back.
 */
test('the pdf.js we ship never builds code from strings (no eval, no new Function)', () => {
  const version = (require('pdfjs-dist/package.json') as { version: string }).version;
  const [major, minor] = version.split('.').map(Number) as [number, number];
  assert.ok(major > 4 || (major === 4 && minor >= 2), `pdfjs-dist ${version} predates the CVE-2024-4367 fix (4.2.67)`);
  for (const file of ['pdfjs-dist/build/pdf.mjs', 'pdfjs-dist/build/pdf.worker.mjs']) {
    const source = readFileSync(require.resolve(file), 'utf8');
    assert.doesNotMatch(source, /new Function\s*\(/, `${file} contains new Function(`);
    assert.doesNotMatch(source, /[^.\w]eval\s*\(/, `${file} calls eval(`);
  }
});
