// The poppler and qpdf command-line tools a recipient would use on a dossier, run on real files.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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
