// The poppler and qpdf command-line tools a recipient would use on a dossier, run on real files.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** `qpdf --check` must find no error (exit 0; 3 means warnings, which we do not accept either). */
export function assertQpdfCheck(file: string): void {
  const result = run('qpdf', ['--check', file]);
  assert.equal(result.status, 0, `qpdf --check ${file} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /No syntax or stream encoding errors found/);
}

export function pdfText(file: string): string {
  const result = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Extracts every attachment with pdfdetach; returns name → bytes. */
export function detachAll(file: string, workDir: string): Map<string, Buffer> {
  const dir = mkdtempSync(path.join(workDir, 'detached-'));
  const result = run('pdfdetach', ['-saveall', '-o', dir, file]);
  assert.equal(result.status, 0, result.stderr);
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Encrypts a PDF with qpdf (AES-256, user password "u"), as a password-protected court document arrives. */
export function qpdfEncrypt(input: string, output: string): void {
  const result = run('qpdf', ['--encrypt', 'u', 'o', '256', '--', input, output]);
  assert.equal(result.status, 0, result.stderr);
}

/** A small RGB PNG built byte by byte (signature, IHDR, one IDAT, IEND): a photo exhibit without a binary fixture. */
export function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = (x * 255) / width;
      rows[at + 1] = (y * 255) / height;
      rows[at + 2] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
