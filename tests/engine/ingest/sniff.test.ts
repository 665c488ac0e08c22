import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { sniffMimeType, trimIncompleteUtf8 } from '../../../electron/archive/ingest/sniff.ts';
import { makePdf } from '../../helpers/documents.ts';
import { tempDir } from '../../helpers/files.ts';

/**
 * Content sniffing on real files made by independent tools (ffmpeg for images, audio and video,
 * Python's zipfile and cp1251 codec, the system's own ELF binaries), read from the first 4 KiB as
 * the import does, each named with a misleading extension: the type comes from the bytes alone.
 */
const dir = tempDir('custodia-sniff-');
after(() => rmSync(dir, { recursive: true, force: true }));
const HEAD_BYTES = 4096;
const head = (file: string) => readFileSync(file).subarray(0, HEAD_BYTES);

function ffmpeg(name: string, input: string[], output: string[] = []): string {
  const file = path.join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', ...input, ...output, file]);
  // Renamed, as evidence arrives: the extension must not matter.
  const renamed = path.join(dir, `${name}.pdf`);
  writeFileSync(renamed, readFileSync(file));
  return renamed;
}

const picture = ['-i', 'testsrc=size=32x32:rate=1'];
const clip = ['-i', 'testsrc=size=32x32:rate=5', '-t', '1'];
const tone = ['-i', 'sine=d=0.2'];

test('images, audio and video made by ffmpeg are told by their bytes, whatever their name', () => {
  const cases: Array<[string, string[], string[], string]> = [
    ['photo.png', picture, ['-frames:v', '1'], 'image/png'],
    ['photo.jpg', picture, ['-frames:v', '1'], 'image/jpeg'],
    ['photo.gif', picture, ['-frames:v', '1'], 'image/gif'],
    ['scan.tiff', picture, ['-frames:v', '1'], 'image/tiff'],
    ['photo.webp', picture, ['-frames:v', '1'], 'image/webp'],
    ['hearing.mp4', clip, ['-pix_fmt', 'yuv420p'], 'video/mp4'],
    ['hearing.mov', clip, [], 'video/quicktime'],
    ['hearing.webm', clip, [], 'video/webm'],
    ['hearing.mkv', clip, [], 'video/x-matroska'],
    ['hearing.avi', clip, [], 'video/x-msvideo'],
    ['call.wav', tone, [], 'audio/wav'],
    ['call.ogg', tone, [], 'audio/ogg'],
    ['call.flac', tone, [], 'audio/flac'],
    ['call.mp3', tone, [], 'audio/mpeg'],
    ['call.m4a', tone, [], 'audio/mp4'],
  ];
  for (const [name, input, output, mime] of cases) assert.equal(sniffMimeType(head(ffmpeg(name, input, output))), mime, name);
});

test('documents: PDF, a DOCX (a zip), UTF-8 and windows-1251 Russian and Kazakh text, executables', () => {
  assert.equal(sniffMimeType(makePdf([['Приговор']]).subarray(0, HEAD_BYTES)), 'application/pdf');
  const docx = path.join(dir, 'decision.docx');
  execFileSync('/usr/bin/python3', [
    '-c',
    'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z: z.writestr("word/document.xml", "<w:document/>")',
    docx,
  ]);
  assert.equal(sniffMimeType(head(docx)), 'application/zip');
  const russian = 'Постановление суда по делу Әділбекұлы Серіка, ст. 272 ч. 2 УК РК.\n';
  assert.equal(sniffMimeType(Buffer.from(russian.repeat(100))), 'text/plain');
  const cp1251 = execFileSync('/usr/bin/python3', [
    '-c',
    'import sys; sys.stdout.buffer.write(sys.argv[1].encode("cp1251"))',
    'Ответ прокуратуры г. Алматы от 12.02.2022',
  ]);
  assert.equal(sniffMimeType(cp1251), 'text/plain', 'windows-1251 Russian is text');
  assert.equal(sniffMimeType(head('/bin/true')), 'application/x-executable');
  assert.equal(sniffMimeType(Buffer.from('MZ\x90\x00\x03\x00', 'latin1')), 'application/x-msdownload');
  assert.equal(sniffMimeType(new Uint8Array(0)), 'application/x-empty');
  assert.equal(sniffMimeType(Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff])), 'application/octet-stream');
  assert.equal(sniffMimeType(Buffer.from('text with a NUL\x00 inside')), 'application/octet-stream');
});

test('a 4 KiB sample that ends inside a Kazakh letter is still text; the cut character is dropped', () => {
  const kazakh = Buffer.from('Қасымұлы Әділбек — '.repeat(400));
  const cut = kazakh.subarray(0, HEAD_BYTES);
  assert.notEqual(cut.length, trimIncompleteUtf8(cut).length, 'the sample really ends inside a character');
  assert.equal(sniffMimeType(cut), 'text/plain');
  const whole = Buffer.from('Қ');
  assert.deepEqual([...trimIncompleteUtf8(whole)], [...whole], 'a complete character is kept');
  assert.deepEqual([...trimIncompleteUtf8(whole.subarray(0, 1))], [], 'half of it is dropped');
});
