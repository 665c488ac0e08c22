// GIF and WebP exhibits (screenshots, pictures saved from messengers) are shown on pages, checked
// against ffmpeg's own decoding of each file (pdfimages gives back what the PDF holds): a GIF's first
// frame and a lossless WebP pixel for pixel, a lossy WebP within rounding; an animated GIF says only
// its first frame is shown; an animated WebP and damaged files are attached as the original with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Archive, exportCaseDossier } from '../../../electron/archive/index.ts';
import { assertQpdfCheck } from '../../helpers/dossier-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId = '';

after(() => seeded?.close());

function ffmpeg(args: string[]): Buffer {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 64 << 20, timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout;
}

/** The first frame as 8-bit RGB, decoded by ffmpeg. */
const firstFrame = (file: string) => ffmpeg(['-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);

before(async () => {
  seeded = await openSeededSession({ prefix: 'custodia-dossier-pictures-', case: { title: 'Скриншоты' }, person: false, item: false });
  ({ dir, archive, caseId } = seeded);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:duration=1', '-frames:v', '1', path.join(dir, 'still.gif')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=200x150:duration=1:rate=6', path.join(dir, 'animated.gif')]);
  writeFileSync(path.join(dir, 'damaged.gif'), readFileSync(path.join(dir, 'still.gif')).subarray(0, 900));
  const source = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:duration=1', '-frames:v', '1'];
  ffmpeg([...source, '-c:v', 'libwebp', '-lossless', '1', path.join(dir, 'lossless.webp')]);
  ffmpeg([...source, '-c:v', 'libwebp', '-quality', '80', path.join(dir, 'lossy.webp')]);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=200x150:duration=1:rate=4',
    '-c:v',
    'libwebp_anim',
    '-loop',
    '0',
    path.join(dir, 'moving.webp'),
  ]);
  writeFileSync(path.join(dir, 'broken.webp'), readFileSync(path.join(dir, 'lossy.webp')).subarray(0, 400));
  for (const name of ['still.gif', 'animated.gif', 'damaged.gif', 'lossless.webp', 'lossy.webp', 'moving.webp', 'broken.webp'])
    await archive.importFile(caseId, path.join(dir, name), { metadata: { type: 'photo', title: name.replace(/\.\w+$/, '') } });
});

test('GIF and WebP pictures are shown as ffmpeg decodes them; animations and damaged files are handled and said', async () => {
  const out = path.join(dir, 'pictures.pdf');
  const result = await exportCaseDossier(archive, { caseId, out });
  assertQpdfCheck(out);
  const byTitle = new Map(result.manifest.exhibits.map((exhibit) => [exhibit.title, exhibit]));
  assert.equal(byTitle.get('still')?.included, 'pages', byTitle.get('still')?.note ?? '');
  assert.equal(byTitle.get('still')?.note, null);
  assert.equal(byTitle.get('animated')?.included, 'pages');
  assert.match(byTitle.get('animated')!.note!, /an animation of 6 frames: the first is shown/);
  assert.equal(byTitle.get('damaged')?.included, 'attached');
  assert.match(byTitle.get('damaged')!.note!, /the image cannot be decoded \(the GIF file is truncated\)/);
  for (const title of ['lossless', 'lossy']) assert.equal(byTitle.get(title)?.included, 'pages', byTitle.get(title)?.note ?? '');
  assert.equal(byTitle.get('moving')?.included, 'attached');
  assert.match(byTitle.get('moving')!.note!, /an animated WebP is not shown/);
  assert.equal(byTitle.get('broken')?.included, 'attached');
  assert.match(byTitle.get('broken')!.note!, /the image cannot be decoded/);

  const dumped = spawnSync('pdfimages', ['-png', out, path.join(dir, 'img')], { encoding: 'utf8' });
  assert.equal(dumped.status, 0, dumped.stderr);
  const images = readdirSync(dir)
    .filter((name) => name.startsWith('img-'))
    .sort()
    .map((name) => path.join(dir, name));
  assert.equal(images.length, 4);
  for (const [index, name] of ['still.gif', 'animated.gif', 'lossless.webp'].entries()) {
    const [shown, original] = [firstFrame(images[index]!), firstFrame(path.join(dir, name))];
    assert.ok(shown.equals(original), `${name}: the pixels in the PDF differ from ffmpeg's decoding`);
  }
  // Lossy WebP: libwebp and ffmpeg's own decoder may round the colour conversion apart, by a step or two.
  const [shown, original] = [firstFrame(images[3]!), firstFrame(path.join(dir, 'lossy.webp'))];
  assert.equal(shown.length, original.length);
  const meanDifference = shown.reduce((sum, value, i) => sum + Math.abs(value - original[i]!), 0) / shown.length;
  assert.ok(meanDifference < 3, `lossy.webp differs from ffmpeg's decoding by ${meanDifference.toFixed(2)} on average`);
});
