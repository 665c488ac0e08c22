import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ArchiveError, isArchiveError } from '../errors.ts';
import { DIRS } from './layout.ts';

/**
 * Colleagues (docs/replica.md): packages for a colleague go to `outbox/<their receiving key>/` in the
 * replica, which Syncthing carries to them; packages from colleagues arrive in an inbox folder and
 * are imported with the sender's signing key pinned, each once.
 */
const RECEIVING_KEY = /^[0-9a-f]{64}$/;
const MAX_INBOX_FILES = 10_000;

/** A new file name in the recipient's outbox (the folder is named by their key, which they can match). */
export function outboxFile(replicaDir: string, recipientKey: string): string {
  const key = recipientKey.trim().toLowerCase();
  if (!RECEIVING_KEY.test(key))
    throw new ArchiveError('validation', 'the recipient key is 64 hex characters (custodia identity on their side)');
  const dir = path.join(replicaDir, DIRS.outbox, key);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.cstd`);
}

export interface InboxEntry {
  file: string;
  status: 'imported' | 'already-imported' | 'interrupted-earlier' | 'refused';
  detail: string;
  caseId?: string;
}

/** What the inbox needs from the vault: the package import and a ledger kept in the encrypted catalog. */
export interface InboxTarget {
  importPackage(file: string, options: { expectedSender: string }): Promise<{ caseId: string; alreadyImported: boolean; items: unknown[] }>;
  ledger(key: string): string | undefined;
  setLedger(key: string, value: string): void;
}

async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports every package in `dir` signed by `senderKey`. A package already imported is named, not
 * imported again; so is one whose earlier import was cut short (its partial case is in the vault),
 * because importing it again would make a second case.
 */
export async function importInbox(target: InboxTarget, dir: string, senderKey: string): Promise<InboxEntry[]> {
  const sender = senderKey.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sender))
    throw new ArchiveError('validation', "the sender's signing key must be 64 hex characters", { option: 'senderKey' });
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new ArchiveError('not-found', `the inbox folder ${dir} does not exist`);
  }
  // Hidden files are Syncthing's or an exporter's partial files: never read until renamed into place.
  const packages = names.filter((name) => name.endsWith('.cstd') && !name.startsWith('.')).sort();
  if (packages.length > MAX_INBOX_FILES) throw new ArchiveError('validation', `the inbox holds more than ${MAX_INBOX_FILES} packages`);
  const entries: InboxEntry[] = [];
  for (const name of packages) {
    const file = path.join(dir, name);
    if (!statSync(file).isFile()) continue;
    const key = `inbox:${await fileHash(file)}`;
    const seen = target.ledger(key);
    if (seen?.startsWith('imported:')) {
      entries.push({ file, status: 'already-imported', detail: `already imported (case ${seen.slice(9)})`, caseId: seen.slice(9) });
      continue;
    }
    if (seen?.startsWith('started:')) {
      entries.push({
        file,
        status: 'interrupted-earlier',
        detail: `an import of this package stopped part-way at ${seen.slice(8)}; its partial case is in the vault, so it is not imported again`,
      });
      continue;
    }
    target.setLedger(key, `started:${new Date().toISOString()}`);
    try {
      const result = await target.importPackage(file, { expectedSender: sender });
      target.setLedger(key, `imported:${result.caseId}`);
      entries.push({
        file,
        status: result.alreadyImported ? 'already-imported' : 'imported',
        detail: result.alreadyImported
          ? `already imported (case ${result.caseId})`
          : `imported as case ${result.caseId} (${result.items.length} items)`,
        caseId: result.caseId,
      });
    } catch (error) {
      if (!isArchiveError(error)) throw error;
      // A refused package imported nothing: it may be offered again (e.g. once the right key is given).
      target.setLedger(key, `refused:${new Date().toISOString()}`);
      entries.push({ file, status: 'refused', detail: error.message });
    }
  }
  return entries;
}
