// Photos and scans in a dossier, checked the way a recipient's tools see them: qpdf --check, every
// image decoded by pdfimages and drawn by pdftoppm without a complaint, and each EXIF orientation
// shown upright (the red corner block of the marker picture lands top-left, portrait stays portrait).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { type Archive, exportCaseDossier, verifyDossier } from '../../../electron/archive/index.ts';
import { verifyDossierBytes } from '../../../electron/archive/dossier/verify.ts';
import { assertQpdfCheck, detachAll, sha256 } from '../../helpers/dossier-fixtures.ts';
import {
  ffmpegImage,
  markerPicture,
  readPpm,
  storedFor,
  withOrientation,
  writeJpeg,
  type BlockPicture,
} from '../../helpers/image-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;
/** Title → whether its picture is the marker (checked for orientation and colour). */
const fixtures: Array<{ title: string; name: string; bytes: Buffer; marker: boolean }> = [];

after(() => seeded?.close());

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (result.error) throw result.error;
  return result;
}

before(async () => {
  seeded = await openSeededSession({
    prefix: 'custodia-dossier-images-',
    case: { title: 'Photos of the hearing', status: 'sentenced' },
    person: false,
    item: false,
  });
  ({ dir, archive, caseId } = seeded);
  // A portrait picture (3 blocks wide, 5 high) with its red block top-left, stored as each orientation needs.
  const shown: BlockPicture = markerPicture(3, 5);
  const add = (title: string, name: string, bytes: Buffer, marker = true) => fixtures.push({ title, name, bytes, marker });
  for (let orientation = 1; orientation <= 8; orientation++)
    add(
      `baseline orientation ${orientation}`,
      `o${orientation}.jpg`,
      writeJpeg(storedFor(shown, orientation), { colour: 'ycbcr', orientation }),
    );
  add('progressive', 'progressive.jpg', writeJpeg(storedFor(shown, 6), { colour: 'ycbcr', progressive: true, orientation: 6 }));
  add('cmyk', 'cmyk.jpg', writeJpeg(shown, { colour: 'cmyk' }));
  add('cmyk progressive', 'cmyk-progressive.jpg', writeJpeg(shown, { colour: 'cmyk', progressive: true }));
  add('grey', 'grey.jpg', writeJpeg(shown, { colour: 'gray' }), false);
  // Camera-like JPEGs from ffmpeg: 4:2:0, and a landscape frame a phone marked "turn 90°" (portrait photo).
  add('ffmpeg 420', 'camera.jpg', ffmpegImage(dir, 'camera-src.jpg', '640x480', ['-pix_fmt', 'yuvj420p']), false);
  add('phone portrait', 'phone.jpg', withOrientation(ffmpegImage(dir, 'phone-src.jpg', '640x480', ['-pix_fmt', 'yuvj422p']), 6), false);
  for (const [label, pixelFormat] of [
    ['png rgba', 'rgba'],
    ['png 16-bit rgba', 'rgba64be'],
    ['png 16-bit grey', 'gray16be'],
    ['png palette', 'pal8'],
    ['png grey alpha', 'ya8'],
    ['png rgb', 'rgb24'],
    ['png monochrome', 'monob'],
  ] as const)
    add(label, `${pixelFormat}.png`, ffmpegImage(dir, `${pixelFormat}.png`, '320x240', ['-pix_fmt', pixelFormat]), false);
  for (const fixture of fixtures) {
    const file = path.join(dir, fixture.name);
    writeFileSync(file, fixture.bytes);
    await archive.importFile(caseId, file, { metadata: { type: 'photo', title: fixture.title } });
  }
});

test('every JPEG and PNG exhibit is shown: qpdf finds no error, pdfimages decodes each image, pdftoppm draws each page cleanly', async () => {
  const out = path.join(dir, 'photos.pdf');
  const result = await exportCaseDossier(archive, { caseId, out });
  assertQpdfCheck(out);
  const byTitle = new Map(result.manifest.exhibits.map((e) => [e.title, e]));
  for (const fixture of fixtures) assert.equal(byTitle.get(fixture.title)?.included, 'pages', `${fixture.title} is not on a page`);

  const list = run('pdfimages', ['-list', out]);
  assert.equal(list.status, 0, list.stderr);
  const imageRows = list.stdout.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image\b/.test(line));
  assert.equal(imageRows.length, fixtures.length, list.stdout);
  const extracted = path.join(dir, 'extracted');
  const dump = run('pdfimages', ['-png', out, extracted]);
  assert.equal(dump.status, 0, dump.stderr);
  assert.equal(dump.stderr, '', `pdfimages complained: ${dump.stderr}`);
  // No image came out blank: each decoded picture has more than one colour.
  const pngs = readdirSync(dir).filter((name) => name.startsWith('extracted-') && name.endsWith('.png'));
  assert.ok(pngs.length >= fixtures.length);

  const pageOf = (title: string) => Number(byTitle.get(title)!.bates!.first.split('-').pop());
  for (const fixture of fixtures) {
    const page = pageOf(fixture.title);
    const render = run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '40', out]);
    assert.equal(render.status, 0, render.stderr);
    assert.equal(render.stderr, '', `pdftoppm complained on "${fixture.title}": ${render.stderr}`);
    const image = readPpm(Buffer.from(render.stdout, 'latin1'));
    const box = { minX: Infinity, minY: Infinity, maxX: -1, maxY: -1 };
    const reds: Array<[number, number]> = [];
    let coloured = 0;
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const [r, g, b] = image.at(x, y);
        const isGreen = g > 120 && r < 90 && b < 110;
        const isRed = r > 150 && g < 90 && b < 90;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
        if (isRed) reds.push([x, y]);
        if (isGreen || isRed) {
          box.minX = Math.min(box.minX, x);
          box.maxX = Math.max(box.maxX, x);
          box.minY = Math.min(box.minY, y);
          box.maxY = Math.max(box.maxY, y);
        }
      }
    if (!fixture.marker) {
      if (fixture.title !== 'grey' && !fixture.title.includes('grey') && !fixture.title.includes('monochrome'))
        assert.ok(coloured > 500, `"${fixture.title}" rendered without colour (blank image?)`);
      continue;
    }
    assert.ok(reds.length > 0 && box.maxX > 0, `"${fixture.title}": the picture is not drawn`);
    const width = box.maxX - box.minX + 1;
    const height = box.maxY - box.minY + 1;
    assert.ok(height > width * 1.4, `"${fixture.title}" is not shown upright as a portrait (${width}×${height})`);
    const redX = reds.reduce((s, [x]) => s + x, 0) / reds.length;
    const redY = reds.reduce((s, [, y]) => s + y, 0) / reds.length;
    assert.ok(redX < box.minX + width / 3 && redY < box.minY + height / 5, `"${fixture.title}": the red block is not top-left`);
  }
  // The phone photo stored landscape (640×480) with orientation 6 is placed portrait.
  const doc = await PDFDocument.load(readFileSync(out));
  assert.ok(doc.getPageCount() > fixtures.length);
  assert.equal((await verifyDossier(out)).intact, true);
});

test('verify-dossier rejects a dossier whose image stream is blanked or repainted, though the manifest is untouched', async () => {
  const out = path.join(dir, 'tamper.pdf');
  await exportCaseDossier(archive, { caseId, out });
  const bytes = readFileSync(out);
  const jpegStreams = async (mutate: (data: Uint8Array) => void) => {
    // A copy each time: pdf-lib's streams are views into the bytes they were loaded from.
    const doc = await PDFDocument.load(Buffer.from(bytes));
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode')) {
        mutate(object.getContents());
        break;
      }
    }
    return doc.save({ useObjectStreams: false });
  };
  const blanked = await verifyDossierBytes(await jpegStreams((data) => data.fill(0)));
  assert.equal(blanked.intact, false);
  assert.ok(
    blanked.problems.some((p) => p.kind === 'image-damaged'),
    JSON.stringify(blanked.problems),
  );
  assert.ok(blanked.problems.some((p) => p.kind === 'page-altered'));
  // A pixel changed in the compressed data: still a decodable JPEG, but not what was signed.
  const repainted = await verifyDossierBytes(await jpegStreams((data) => (data[data.length - 3] = data[data.length - 3]! ^ 0x10)));
  assert.deepEqual(
    repainted.problems.map((p) => p.kind),
    ['page-altered'],
    JSON.stringify(repainted.problems),
  );
});

test('an image repainted with qpdf --update-from-json (the stream replaced, its object kept) fails verification', async () => {
  const out = path.join(dir, 'qpdf-source.pdf');
  await exportCaseDossier(archive, { caseId, out });
  const listing = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', out]).stdout) as {
    qpdf: [unknown, Record<string, { stream?: { dict: Record<string, unknown> } }>];
  };
  const [key, value] = Object.entries(listing.qpdf[1]).find(
    ([, v]) => v.stream?.dict['/Subtype'] === '/Image' && v.stream.dict['/Filter'] === '/DCTDecode',
  )!;
  const blue = writeJpeg(
    markerPicture(3, 5).map((row) => row.map(() => [0, 0, 255] as [number, number, number])),
    { colour: 'ycbcr' },
  );
  const update = path.join(dir, 'update.json');
  writeFileSync(
    update,
    JSON.stringify({
      qpdf: [
        listing.qpdf[0],
        { [key]: { stream: { data: blue.toString('base64'), dict: { ...value.stream!.dict, '/Length': undefined } } } },
      ],
    }),
  );
  const repainted = path.join(dir, 'qpdf-repainted.pdf');
  const replaced = run('qpdf', [out, `--update-from-json=${update}`, repainted]);
  assert.ok(replaced.status === 0 || replaced.status === 3, replaced.stderr);
  assertQpdfCheck(repainted);
  const report = await verifyDossier(repainted);
  assert.equal(report.intact, false);
  assert.ok(
    report.problems.some((p) => p.kind === 'page-altered'),
    JSON.stringify(report.problems),
  );
});

test('with attachOriginals every exhibit shown on pages is also attached as its original, matching the index SHA-256', async () => {
  const out = path.join(dir, 'originals.pdf');
  const result = await exportCaseDossier(archive, { caseId, out, attachOriginals: true });
  assertQpdfCheck(out);
  const detached = detachAll(out, dir);
  for (const exhibit of result.manifest.exhibits) {
    assert.equal(exhibit.included, 'pages');
    assert.ok(exhibit.attachment, `exhibit ${exhibit.number} has no original attached`);
    assert.equal(sha256(detached.get(exhibit.attachment)!), exhibit.sha256, exhibit.title);
  }
  assert.equal((await verifyDossier(out)).intact, true);
});
