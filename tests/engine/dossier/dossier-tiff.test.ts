// Scanned decisions as TIFF are shown on pages: every compression and sample kind a scanner or
// ffmpeg writes (uncompressed, PackBits, LZW, Deflate; bilevel either way round, grey, RGB, RGBA,
// palette), checked pixel for pixel against ffmpeg's own decoding of the same file (pdfimages gives
// back what the PDF holds); a three-page scan gives three pages; CCITT fax and a damaged TIFF are
// attached as the original with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Archive, exportCaseDossier, verifyDossier } from '../../../electron/archive/index.ts';
import { assertQpdfCheck } from '../../helpers/dossier-fixtures.ts';
import { ffmpegImage } from '../../helpers/image-fixtures.ts';
import { chainTiffs, withCompression } from '../../helpers/tiff-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId = '';
const single: Array<{ title: string; file: string; pixelFormat: string }> = [];

after(() => seeded?.close());

/** A picture as 8-bit RGB, decoded by ffmpeg. */
function rgbOf(file: string): Buffer {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    maxBuffer: 64 << 20,
  });
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout;
}

before(async () => {
  seeded = await openSeededSession({ prefix: 'custodia-dossier-tiff-', case: { title: 'Сканы решений' }, person: false, item: false });
  ({ dir, archive, caseId } = seeded);
  for (const [pixelFormat, compression] of [
    ['rgb24', 'lzw'],
    ['rgb24', 'deflate'],
    ['rgba', 'packbits'],
    ['gray', 'packbits'],
    ['gray', 'raw'],
    ['pal8', 'lzw'],
    ['monob', 'packbits'],
    ['monow', 'raw'],
  ] as const) {
    const name = `${pixelFormat}-${compression}.tiff`;
    ffmpegImage(dir, name, '320x240', ['-pix_fmt', pixelFormat, '-compression_algo', compression]);
    const title = `scan ${pixelFormat} ${compression}`;
    single.push({ title, file: path.join(dir, name), pixelFormat });
    await archive.importFile(caseId, path.join(dir, name), { metadata: { type: 'court-decision', title } });
  }
  const pages = ['gray-packbits.tiff', 'monob-packbits.tiff', 'rgb24-lzw.tiff'].map((name) => readFileSync(path.join(dir, name)));
  writeFileSync(path.join(dir, 'three-pages.tiff'), chainTiffs(pages));
  await archive.importFile(caseId, path.join(dir, 'three-pages.tiff'), { metadata: { type: 'court-decision', title: 'three pages' } });
  // Compression 4 (CCITT fax 4) named in the header of a real file: refused by name, attached as the original.
  writeFileSync(path.join(dir, 'fax.tiff'), withCompression(readFileSync(path.join(dir, 'monob-packbits.tiff')), 4));
  await archive.importFile(caseId, path.join(dir, 'fax.tiff'), { metadata: { type: 'court-decision', title: 'fax' } });
  const truncated = readFileSync(path.join(dir, 'rgb24-lzw.tiff'));
  writeFileSync(path.join(dir, 'truncated.tiff'), truncated.subarray(0, 600));
  await archive.importFile(caseId, path.join(dir, 'truncated.tiff'), { metadata: { type: 'court-decision', title: 'truncated' } });
});

test('TIFF scans are shown on pages, pixel for pixel as ffmpeg decodes them, a multi-page scan page by page', async () => {
  const out = path.join(dir, 'scans.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, attachMedia: true });
  assertQpdfCheck(out);
  const byTitle = new Map(result.manifest.exhibits.map((exhibit) => [exhibit.title, exhibit]));
  const pagesOf = (title: string) => {
    const { bates } = byTitle.get(title)!;
    return bates ? Number(bates.last.split('-').pop()) - Number(bates.first.split('-').pop()) + 1 : 0;
  };
  for (const { title } of single) {
    assert.equal(byTitle.get(title)?.included, 'pages', `${title}: ${byTitle.get(title)?.note}`);
    assert.equal(pagesOf(title), 1, title);
  }
  assert.equal(byTitle.get('three pages')?.included, 'pages');
  assert.equal(pagesOf('three pages'), 3);
  assert.equal(byTitle.get('fax')?.included, 'attached');
  assert.match(byTitle.get('fax')!.note!, /CCITT fax 4 is not supported/);
  assert.equal(byTitle.get('truncated')?.included, 'attached');
  assert.match(byTitle.get('truncated')!.note!, /truncated/);

  // What the PDF holds, image by image in page order, against ffmpeg's reading of each TIFF.
  const extracted = path.join(dir, 'img');
  const dumped = spawnSync('pdfimages', ['-png', out, extracted], { encoding: 'utf8' });
  assert.equal(dumped.status, 0, dumped.stderr);
  assert.equal(dumped.stderr, '');
  const images = readdirSync(dir)
    .filter((name) => name.startsWith('img-'))
    .sort()
    .map((name) => path.join(dir, name));
  const expected = [
    ...single.map((s) => s.file),
    ...['gray-packbits', 'monob-packbits', 'rgb24-lzw'].map((n) => path.join(dir, `${n}.tiff`)),
  ];
  assert.equal(images.length, expected.length, 'one image per TIFF page');
  expected.forEach((tiff, i) => {
    const shown = rgbOf(images[i]!);
    const original = rgbOf(tiff);
    // pdfimages applies a WhiteIsZero page's Decode array, as a reader does: every page matches as shown.
    assert.equal(shown.length, original.length, tiff);
    assert.ok(shown.equals(original), `${path.basename(tiff)}: the pixels in the PDF differ from ffmpeg's decoding`);
  });
  assert.equal((await verifyDossier(out)).intact, true);
});

test('a WhiteIsZero bilevel scan is drawn as the same picture as its BlackIsZero twin', async () => {
  const out = path.join(dir, 'scans-render.pdf');
  const result = await exportCaseDossier(archive, { caseId, out });
  // ffmpeg wrote one picture both ways round (monow: 0 is white; monob: 0 is black): the pages must look alike.
  const render = (title: string) => {
    // Bates numbers go on from the vault's earlier dossiers: the page is counted from this file's first number.
    const bates = (number: string) => Number(number.split('-').pop());
    const page = bates(result.manifest.exhibits.find((e) => e.title === title)!.bates!.first) - bates(result.manifest.bates.first) + 1;
    const drawn = spawnSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '50', '-gray', out], { maxBuffer: 16 << 20 });
    assert.equal(drawn.status, 0, `page ${page}: ${drawn.stderr.toString()}`);
    return drawn.stdout;
  };
  const [white, black] = [render('scan monow raw'), render('scan monob packbits')];
  assert.equal(white.length, black.length);
  let differing = 0;
  for (let i = 0; i < white.length; i++) if (Math.abs(white[i]! - black[i]!) > 64) differing++;
  // Only the footer (exhibit title and number) differs between the two pages.
  assert.ok(differing < white.length * 0.01, `${differing} of ${white.length} pixels differ: one of them is drawn inverted`);
});
