// A GIF exhibit is shown on a page: its first frame, pixel for pixel as ffmpeg decodes it (pdfimages
// gives back what the PDF holds); an animation says that only its first frame is shown; a damaged
// GIF is attached as the original with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, exportCaseDossier } from '../../electron/archive/index.ts';
import { assertQpdfCheck } from '../helpers/dossier-fixtures.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir('custodia-dossier-gif-');
let archive: Archive;
let caseId = '';

after(() => {
  if (archive && !archive.isLocked) archive.lock();
  rmSync(dir, { recursive: true, force: true });
});

function ffmpeg(args: string[]): Buffer {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 64 << 20, timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout;
}

/** The first frame as 8-bit RGB, decoded by ffmpeg. */
const firstFrame = (file: string) => ffmpeg(['-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);

before(async () => {
  ({ archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE));
  caseId = archive.addCase({ title: 'Скриншоты' });
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:duration=1', '-frames:v', '1', path.join(dir, 'still.gif')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=200x150:duration=1:rate=6', path.join(dir, 'animated.gif')]);
  writeFileSync(path.join(dir, 'damaged.gif'), readFileSync(path.join(dir, 'still.gif')).subarray(0, 900));
  for (const name of ['still', 'animated', 'damaged'])
    await archive.importFile(caseId, path.join(dir, `${name}.gif`), { metadata: { type: 'photo', title: name } });
});

test('a GIF is shown as its first frame, exactly as ffmpeg decodes it; an animation says so; a damaged one is attached', async () => {
  const out = path.join(dir, 'gifs.pdf');
  const result = await exportCaseDossier(archive, { caseId, out });
  assertQpdfCheck(out);
  const byTitle = new Map(result.manifest.exhibits.map((exhibit) => [exhibit.title, exhibit]));
  assert.equal(byTitle.get('still')?.included, 'pages', byTitle.get('still')?.note ?? '');
  assert.equal(byTitle.get('still')?.note, null);
  assert.equal(byTitle.get('animated')?.included, 'pages');
  assert.match(byTitle.get('animated')!.note!, /an animation of 6 frames: the first is shown/);
  assert.equal(byTitle.get('damaged')?.included, 'attached');
  assert.match(byTitle.get('damaged')!.note!, /the image cannot be decoded \(the GIF file is truncated\)/);

  const dumped = spawnSync('pdfimages', ['-png', out, path.join(dir, 'img')], { encoding: 'utf8' });
  assert.equal(dumped.status, 0, dumped.stderr);
  const images = readdirSync(dir)
    .filter((name) => name.startsWith('img-'))
    .sort()
    .map((name) => path.join(dir, name));
  assert.equal(images.length, 2);
  for (const [index, name] of ['still', 'animated'].entries()) {
    const [shown, original] = [firstFrame(images[index]!), firstFrame(path.join(dir, `${name}.gif`))];
    assert.ok(shown.equals(original), `${name}.gif: the pixels in the PDF differ from ffmpeg's first frame`);
  }
});
