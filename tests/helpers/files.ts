import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PASSPHRASE = 'correct horse battery staple';

export function tempDir(prefix = 'custodia-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `size` random bytes in 4 MiB pieces (bounded memory for big fixtures). */
export async function writeRandomFile(file: string, size: number): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    const piece = Buffer.alloc(4 * 1024 * 1024);
    for (let written = 0; written < size;) {
      const length = Math.min(piece.length, size - written);
      randomFillSync(piece, 0, length);
      await handle.write(piece, 0, length);
      written += length;
    }
  } finally {
    await handle.close();
  }
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/** Relative path → SHA-256 of every file under `dir`: a snapshot to prove nothing changed. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of listFiles(dir)) {
    out[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}

/** Every file under `dir` whose bytes contain `needle` in UTF-8 or UTF-16LE. */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return listFiles(dir).filter((file) => statSync(file).isFile() && forms.some((form) => readFileSync(file).includes(form)));
}

export async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}
