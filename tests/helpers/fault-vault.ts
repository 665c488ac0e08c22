// Shared parts of the fault-injection tests: a template vault cloned per run (one Argon2id
// create instead of one per run), fast reopening with the recovery key, and one consistency check
// that every fault test ends with.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Archive } from '../../electron/archive/index.ts';
import { listFiles, PASSPHRASE } from './files.ts';

const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const CHUNK_BYTES = 65536;
const BLOB_HEADER_BYTES = 64;
const TAG_BYTES = 16;

export interface TemplateVault {
  vault: string;
  recoveryKey: string;
  caseId: string;
  /** The item imported into the template, so runs can exercise the duplicate path too. */
  seedFile: string;
}

/** A vault with one case and one item, made once per test file (Argon2id runs only here). */
export async function makeTemplateVault(dir: string): Promise<TemplateVault> {
  const vault = path.join(dir, 'template');
  const { archive, recoveryKey } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: 'Fault injection' });
    const seedFile = path.join(dir, 'seed.txt');
    writeFileSync(seedFile, 'Protocol of the search, 14 May 2022\n'.repeat(500));
    await archive.importFile(caseId, seedFile);
    return { vault, recoveryKey, caseId, seedFile };
  } finally {
    archive.lock();
  }
}

export function cloneVault(template: TemplateVault, to: string): string {
  cpSync(template.vault, to, { recursive: true });
  return to;
}

/** Unlocks with the recovery key: the same unlock, sweep and checkpoint check as a passphrase, without Argon2id. */
export function reopen(vault: string, template: TemplateVault): Promise<Archive> {
  return Archive.unlock(vault, { recoveryKey: template.recoveryKey });
}

export interface VaultState {
  items: Array<{ id: string; sha256: string; size: number }>;
  blobFiles: number;
}

const sealedSize = (size: number) => BLOB_HEADER_BYTES + size + Math.max(1, Math.ceil(size / CHUNK_BYTES)) * TAG_BYTES;

/**
 * Everything a fault must not break, checked on an unlocked archive: no temp file left, every
 * catalog row has a blob file of exactly its sealed length and every blob file has a row, SQLite's
 * integrity_check is ok, no warning (e.g. a false rollback alarm), and a full verify (every event,
 * every blob decrypted and re-hashed) passes.
 */
export async function assertConsistent(archive: Archive, context: string): Promise<VaultState> {
  const vault = archive.dir;
  assert.deepEqual(readdirSync(path.join(vault, 'tmp')), [], `${context}: temp files left`);
  assert.deepEqual(archive.warnings, [], `${context}: warnings on unlock`);
  assert.equal(archive.catalogIntegrity(), 'ok', `${context}: catalog integrity_check`);
  const items = archive
    .listCases()
    .flatMap((c) => archive.getCase(c.id).items)
    .map((item) => archive.getItem(item.id));
  const known = new Map(items.map((item) => [item.blob.fileName, item.blob.size]));
  const onDisk = listFiles(path.join(vault, 'blobs'));
  for (const file of onDisk) assert.ok(known.has(path.basename(file)), `${context}: blob file ${path.basename(file)} has no catalog row`);
  for (const [name, size] of known) {
    const file = path.join(vault, 'blobs', name.slice(0, 2), name);
    assert.ok(existsSync(file), `${context}: catalog row without its blob file ${name}`);
    assert.equal(statSync(file).size, sealedSize(size), `${context}: blob file ${name} is incomplete`);
  }
  const report = await archive.verify();
  assert.equal(report.ok, true, `${context}: verify found ${JSON.stringify(report.problems)}`);
  return { items: items.map((item) => ({ id: item.id, sha256: item.sha256, size: item.blob.size })), blobFiles: onDisk.length };
}

/** Runs the real `custodia verify --json` on a vault (unlocked with the recovery key) and returns its report. */
export function cliVerify(vault: string, template: TemplateVault): { ok: boolean; problems: unknown[]; blobs: number } {
  const result = spawnSync(process.execPath, [BIN, '--vault', vault, '--json', 'verify'], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH, HOME: path.dirname(vault), CUSTODIA_RECOVERY_KEY: template.recoveryKey },
  });
  assert.equal(result.status, 0, `custodia verify exited ${result.status}: ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as { ok: boolean; problems: unknown[]; blobs: number };
}
