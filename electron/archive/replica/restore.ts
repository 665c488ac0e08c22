import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { openCatalog } from '../catalog/database.ts';
import { nativePrimitives, type Primitives } from '../crypto/index.ts';
import { CustodyLog } from '../custody/log.ts';
import { ArchiveError } from '../errors.ts';
import { syncDirectorySync, writeFileAtomicSync } from '../fs-durable.ts';
import { HEADER_FILE, MAX_HEADER_BYTES, parseHeader, type VaultHeader } from '../vault/header.ts';
import { deriveVaultKeys, wipeVaultKeys, type VaultKeys } from '../vault/keys.ts';
import { BLOB_DIR, CATALOG_FILE, TEMP_DIR, inspectFolder, unlockHeader, type Unlocker } from '../vault/vault.ts';
import { openEnvelope, type EnvelopeKeys } from './envelope.ts';
import { DIRS, fannedOut, listNames, parseName, sha256Of } from './layout.ts';
import { checkLogSegments, newerSegments } from './restore-log.ts';
import { StateBody } from './state.ts';
import type { RestoredState } from '../../../shared/replica.ts';
import { readMarker } from './writer.ts';

/** Written beside the catalog like the vault does, so the restored vault vouches for its restored log. */
const CHECKPOINT_FILE = 'custody-checkpoint.json';
const MAX_HEADERS_TRIED = 32;

export interface RestoreReport extends RestoredState {
  vault: string;
  vaultId: string;
}

/** Raised for a replica that is altered or forged: it is refused whole, never partly restored. */
const altered = (what: string) => new ArchiveError('integrity', `the replica is altered: ${what}; nothing was restored`);

/**
 * Rebuilds a vault from its replica into an empty folder: picks the newest state whose files are all
 * present (a replica Syncthing is still filling has some missing), checks every file it needs
 * against its name and signature, assembles the catalog, copies the blobs, and writes the header
 * last (a folder without it is no vault, so an interrupted restore leaves no half vault).
 */
export async function restoreReplica(
  replicaDir: string,
  targetDir: string,
  unlocker: Unlocker,
  crypto: Primitives = nativePrimitives,
  onProgress?: (doneBytes: number, totalBytes: number) => void,
): Promise<RestoreReport> {
  const target = path.resolve(targetDir);
  const targetState = await inspectFolder(target);
  if (targetState === 'vault') throw new ArchiveError('vault-exists', `${target} already holds a vault; restore into a new folder`);
  if (targetState === 'foreign') throw new ArchiveError('foreign-folder', `${target} is not empty; restore into an empty or new folder`);
  const marker = readMarker(replicaDir);
  if (!marker) throw new ArchiveError('not-found', `${replicaDir} is not a Custodia replica (no custodia-replica.json)`);
  const states = listNames(path.join(replicaDir, DIRS.states))
    .filter((name) => parseName(name))
    .sort()
    .reverse();
  if (states.length === 0)
    throw new ArchiveError('not-found', `${replicaDir} holds no vault state yet (Syncthing may not have carried one)`);

  const { masterKey } = await unlockAnyHeader(replicaDir, unlocker, crypto);
  const keys = deriveVaultKeys(crypto, masterKey);
  crypto.memzero(masterKey);
  const signing = crypto.signKeypairFromSeed(keys.signingSeed);
  try {
    if (signing.publicKey.toString('hex') !== marker.publicKey) throw altered(`custodia-replica.json names another vault's key`);
    const envelopeKeys: EnvelopeKeys = {
      crypto,
      key: keys.replica,
      publicKey: signing.publicKey,
      sign: (message) => crypto.signDetached(message, signing.secretKey),
    };
    const skipped: RestoreReport['skipped'] = [];
    for (const name of states) {
      const state = openState(replicaDir, name, envelopeKeys, marker.vaultId);
      const missing = missingFiles(replicaDir, state);
      if (missing) {
        skipped.push({ state: name, missing });
        continue;
      }
      let report: Awaited<ReturnType<typeof restoreState>>;
      try {
        report = await restoreState(replicaDir, target, state, keys, envelopeKeys, onProgress);
      } catch (error) {
        // Only what this restore wrote is removed: the folder was empty or missing before.
        rmSync(target, { recursive: true, force: true });
        if (targetState === 'empty') mkdirSync(target, { mode: 0o700 });
        // Files still on their way make this state incomplete: an older one may be whole.
        if ((error as ArchiveError).kind !== 'not-found') throw error;
        skipped.push({ state: name, missing: (error as Error).message.replace(/; nothing was restored$/, '') });
        continue;
      }
      return { ...report, skipped, newerEvents: newerSegments(replicaDir, state.log.seq, envelopeKeys) };
    }
    const first = skipped[0]!;
    throw new ArchiveError('not-found', `no state in the replica is complete: the newest (${first.state}) lacks ${first.missing}`);
  } finally {
    wipeVaultKeys(crypto, keys);
    crypto.memzero(signing.secretKey);
  }
}

/** The master key never changes, so any header copy this secret opens yields it; the newest copies are tried first. */
async function unlockAnyHeader(replicaDir: string, unlocker: Unlocker, crypto: Primitives): Promise<{ masterKey: Buffer }> {
  const dir = path.join(replicaDir, DIRS.headers);
  const names = listNames(dir)
    .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
    .sort((a, b) => statSync(path.join(dir, b)).mtimeMs - statSync(path.join(dir, a)).mtimeMs)
    .slice(0, MAX_HEADERS_TRIED);
  if (names.length === 0) throw new ArchiveError('not-found', `${replicaDir} holds no vault header (headers/ is empty)`);
  let wrong: unknown = null;
  for (const name of names) {
    const header = readHeaderCopy(dir, name);
    try {
      return await unlockHeader(header, unlocker, crypto);
    } catch (error) {
      if ((error as ArchiveError).kind !== 'wrong-passphrase') throw error;
      wrong = error;
    }
  }
  throw wrong;
}

function readHeaderCopy(dir: string, name: string): VaultHeader {
  const bytes = readFileSync(path.join(dir, name));
  if (bytes.length > MAX_HEADER_BYTES || sha256Of(bytes) !== name.slice(0, 64)) throw altered(`headers/${name} does not match its name`);
  return parseHeader(bytes.toString('utf8'));
}

function openState(replicaDir: string, name: string, keys: EnvelopeKeys, vaultId: string): StateBody {
  const file = readFileSync(path.join(replicaDir, DIRS.states, name));
  const parsedName = parseName(name)!;
  if (sha256Of(file) !== parsedName.hash) throw altered(`states/${name} does not match its name (changed or truncated)`);
  const opened = openEnvelope<unknown>(keys, file);
  if ('problem' in opened) throw altered(`states/${name} ${opened.problem}`);
  const body = StateBody.safeParse(opened.body);
  if (
    !body.success ||
    body.data.vaultId !== vaultId ||
    body.data.generation !== parsedName.number ||
    opened.preamble.number !== parsedName.number
  ) {
    throw altered(`states/${name} does not describe this vault at generation ${parsedName.number}`);
  }
  return body.data;
}

/** The first file a state needs that is not (yet) in the replica, or null when it has them all. */
function missingFiles(replicaDir: string, state: StateBody): string | null {
  if (!existsSync(path.join(replicaDir, DIRS.headers, `${state.header}.json`))) return `headers/${state.header}.json`;
  const absent = state.catalog.chunks.filter((hash) => !existsSync(path.join(replicaDir, fannedOut(DIRS.catalog, hash))));
  if (absent.length > 0) return `${absent.length} catalog chunk(s), e.g. ${fannedOut(DIRS.catalog, absent[0]!)}`;
  if (state.log.segment && !existsSync(path.join(replicaDir, DIRS.log, state.log.segment))) return `log/${state.log.segment}`;
  return null;
}

async function restoreState(
  replicaDir: string,
  target: string,
  state: StateBody,
  keys: VaultKeys,
  envelopeKeys: EnvelopeKeys,
  onProgress?: (doneBytes: number, totalBytes: number) => void,
): Promise<Omit<RestoreReport, 'skipped' | 'newerEvents'>> {
  const header = readHeaderCopy(path.join(replicaDir, DIRS.headers), `${state.header}.json`);
  if (header.vaultId !== state.vaultId) throw altered(`headers/${state.header}.json belongs to another vault`);
  for (const sub of [BLOB_DIR, TEMP_DIR]) mkdirSync(path.join(target, sub), { recursive: true, mode: 0o700 });
  assembleCatalog(replicaDir, target, state);
  const db = openCatalog(path.join(target, CATALOG_FILE), keys.catalog);
  let blobFiles: string[];
  try {
    if (db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").pluck().get() !== state.vaultId) {
      throw altered('the catalog chunks belong to another vault');
    }
    const head = db.prepare('SELECT seq, hash FROM custody_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    if (head.seq !== state.log.seq || head.hash !== state.log.head) {
      throw altered(`the catalog ends at custody event ${head.seq}, but its state says ${state.log.seq} (mixed from two states)`);
    }
    checkLogSegments(replicaDir, state, envelopeKeys, db);
    blobFiles = db.prepare('SELECT file_name FROM blobs').pluck().all() as string[];
    const absent = blobFiles.filter((name) => !existsSync(path.join(replicaDir, fannedOut(DIRS.blobs, name))));
    if (absent.length > 0) {
      throw new ArchiveError(
        'not-found',
        `${absent.length} encrypted file(s) the catalog names, e.g. blobs/${absent[0]!.slice(0, 2)}/${absent[0]}`,
      );
    }
    const totalBytes = blobFiles.reduce((sum, name) => sum + statSync(path.join(replicaDir, fannedOut(DIRS.blobs, name))).size, 0);
    let doneBytes = 0;
    for (const name of blobFiles) {
      const from = path.join(replicaDir, fannedOut(DIRS.blobs, name));
      const to = path.join(target, fannedOut(BLOB_DIR, name));
      mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
      copyFileSync(from, to);
      syncFile(to);
      doneBytes += statSync(to).size;
      onProgress?.(doneBytes, totalBytes);
    }
    for (const sub of listNames(path.join(target, BLOB_DIR))) syncDirectorySync(path.join(target, BLOB_DIR, sub));
    // The restored vault does not write into the replica it came from (on this machine it is Syncthing's).
    const signing = envelopeKeys.crypto.signKeypairFromSeed(keys.signingSeed);
    const signer = { publicKey: signing.publicKey, sign: (m: Buffer) => envelopeKeys.crypto.signDetached(m, signing.secretKey) };
    const custody = new CustodyLog(db, signer, 'custodia-restore', state.vaultId);
    const checkpoint = db.transaction(() => {
      db.prepare("DELETE FROM meta WHERE key = 'replica_dir'").run();
      custody.append(
        'transferred',
        { kind: 'vault', id: state.vaultId },
        {
          via: 'replica restore',
          generation: state.generation,
          stateTime: state.time,
          seq: state.log.seq,
        },
      );
      return custody.checkpoint('restore');
    })();
    envelopeKeys.crypto.memzero(signing.secretKey);
    writeFileAtomicSync(path.join(target, CHECKPOINT_FILE), `${JSON.stringify(checkpoint, null, 2)}\n`);
    // Last: the header makes the folder a vault.
    writeFileAtomicSync(path.join(target, HEADER_FILE), readFileSync(path.join(replicaDir, DIRS.headers, `${state.header}.json`)));
    return {
      vault: target,
      vaultId: state.vaultId,
      generation: state.generation,
      time: state.time,
      seq: state.log.seq,
      blobs: blobFiles.length,
      bytes: totalBytes,
    };
  } finally {
    db.close();
  }
}

function assembleCatalog(replicaDir: string, target: string, state: StateBody): void {
  const file = path.join(target, CATALOG_FILE);
  const fd = openSync(file, 'w', 0o600);
  try {
    let size = 0;
    for (const hash of state.catalog.chunks) {
      const chunk = readFileSync(path.join(replicaDir, fannedOut(DIRS.catalog, hash)));
      if (sha256Of(chunk) !== hash) throw altered(`${fannedOut(DIRS.catalog, hash)} does not match its name (changed or truncated)`);
      writeSync(fd, chunk);
      size += chunk.length;
    }
    if (size !== state.catalog.size)
      throw altered(`the catalog chunks add up to ${size} bytes, not the ${state.catalog.size} its state names`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw error;
  }
  closeSync(fd);
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
