import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Primitives } from '../crypto/index.ts';
import { ARGON2_MEMLIMIT_MODERATE, ARGON2_OPSLIMIT_MODERATE, KEY_BYTES, SALT_BYTES, TAG_BYTES, XNONCE_BYTES } from '../crypto/index.ts';
import { ArchiveError } from '../errors.ts';
import { writeFileAtomic } from '../fs-durable.ts';
import { deriveHeaderMacKey } from './keys.ts';
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  HEADER_FILE,
  MAX_HEADER_BYTES,
  macInput,
  parseHeader,
  serializeHeader,
  slotAd,
  type PassphraseSlot,
  type RecoverySlot,
  type VaultHeader,
} from './header.ts';
import { formatRecoveryKey, parseRecoveryKey } from './recovery-key.ts';
import { withVaultLock } from './vault-lock.ts';

export type Unlocker = { passphrase: string } | { recoveryKey: string };
export type FolderState = 'vault' | 'empty' | 'missing' | 'foreign';

export interface KdfLevel {
  opslimit: number;
  memlimit: number;
}
export const DEFAULT_KDF: KdfLevel = { opslimit: ARGON2_OPSLIMIT_MODERATE, memlimit: ARGON2_MEMLIMIT_MODERATE };

export const CATALOG_FILE = 'catalog.db';
export const BLOB_DIR = 'blobs';
export const TEMP_DIR = 'tmp';

/** Tells a vault from an empty, missing or foreign folder before anything is written. */
export async function inspectFolder(dir: string): Promise<FolderState> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'foreign';
    throw error;
  }
  if (entries.includes(HEADER_FILE)) return 'vault';
  return entries.length === 0 ? 'empty' : 'foreign';
}

export async function readHeader(dir: string): Promise<VaultHeader> {
  const state = await inspectFolder(dir);
  if (state === 'missing' || state === 'empty')
    throw new ArchiveError('no-vault', `no vault in ${dir}: create one with "custodia init ${dir}"`);
  if (state === 'foreign')
    throw new ArchiveError('foreign-folder', `${dir} is not a Custodia vault (it holds other files and no ${HEADER_FILE})`);
  const file = path.join(dir, HEADER_FILE);
  const { size } = await fs.stat(file);
  if (size > MAX_HEADER_BYTES) throw new ArchiveError('integrity', 'vault header is too large to be genuine');
  return parseHeader(await fs.readFile(file, 'utf8'));
}

const normalize = (passphrase: string) => Buffer.from(passphrase.normalize('NFC'), 'utf8');

async function sealPassphraseSlot(
  crypto: Primitives,
  vaultId: string,
  masterKey: Buffer,
  passphrase: string,
  kdf: KdfLevel,
): Promise<PassphraseSlot> {
  const params = {
    kdf: 'argon2id13' as const,
    opslimit: kdf.opslimit,
    memlimit: kdf.memlimit,
    salt: crypto.randomBytes(SALT_BYTES).toString('base64'),
  };
  const kek = await crypto.argon2id(KEY_BYTES, normalize(passphrase), Buffer.from(params.salt, 'base64'), params.opslimit, params.memlimit);
  return { ...params, ...wrapKey(crypto, masterKey, kek, slotAd(vaultId, 'passphrase', params)) };
}

function sealRecoverySlot(crypto: Primitives, vaultId: string, masterKey: Buffer, recoveryKey: Buffer): RecoverySlot {
  const params = { kdf: 'blake2b-keyed' as const, salt: crypto.randomBytes(SALT_BYTES).toString('base64') };
  // The recovery key is 256 random bits, so a keyed hash is enough; no password stretching needed.
  const kek = crypto.genericHash(KEY_BYTES, recoveryKey, Buffer.from(params.salt, 'base64'));
  return { ...params, ...wrapKey(crypto, masterKey, kek, slotAd(vaultId, 'recovery', params)) };
}

function wrapKey(crypto: Primitives, masterKey: Buffer, kek: Buffer, ad: Buffer) {
  const nonce = crypto.randomBytes(XNONCE_BYTES);
  const wrapped = Buffer.alloc(KEY_BYTES + TAG_BYTES);
  crypto.sealInto(wrapped, masterKey, ad, nonce, kek);
  crypto.memzero(kek);
  return { nonce: nonce.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

function unwrapKey(crypto: Primitives, slot: { nonce: string; wrappedKey: string }, kek: Buffer, ad: Buffer): Buffer | null {
  const masterKey = Buffer.alloc(KEY_BYTES);
  const opened = crypto.openInto(masterKey, Buffer.from(slot.wrappedKey, 'base64'), ad, Buffer.from(slot.nonce, 'base64'), kek);
  crypto.memzero(kek);
  return opened ? masterKey : null;
}

function withMac(crypto: Primitives, masterKey: Buffer, header: Omit<VaultHeader, 'mac'>): VaultHeader {
  const macKey = deriveHeaderMacKey(crypto, masterKey);
  const mac = crypto.genericHash(32, macInput(header), macKey).toString('base64');
  crypto.memzero(macKey);
  return { ...header, mac };
}

function checkMac(crypto: Primitives, masterKey: Buffer, header: VaultHeader): void {
  const expected = withMac(crypto, masterKey, header).mac;
  if (expected !== header.mac) {
    crypto.memzero(masterKey);
    throw new ArchiveError(
      'integrity',
      'the vault header has been altered (its authentication code does not match); restore it from a backup',
    );
  }
}

export interface CreatedVault {
  header: VaultHeader;
  masterKey: Buffer;
  recoveryKey: string;
}

/** Writes a new vault header into an empty or missing folder. The caller creates the catalog. */
export async function createVaultHeader(
  dir: string,
  passphrase: string,
  crypto: Primitives,
  kdf: KdfLevel = DEFAULT_KDF,
): Promise<CreatedVault> {
  const state = await inspectFolder(dir);
  if (state === 'vault') throw new ArchiveError('vault-exists', `${dir} already holds a vault`);
  if (state === 'foreign') throw new ArchiveError('foreign-folder', `${dir} is not empty; choose an empty or new folder for the vault`);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.mkdir(path.join(dir, BLOB_DIR), { recursive: true, mode: 0o700 });
  await fs.mkdir(path.join(dir, TEMP_DIR), { recursive: true, mode: 0o700 });
  const vaultId = randomUUID();
  const masterKey = crypto.randomBytes(KEY_BYTES);
  const recoveryBytes = crypto.randomBytes(KEY_BYTES);
  const header = withMac(crypto, masterKey, {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    vaultId,
    passphrase: await sealPassphraseSlot(crypto, vaultId, masterKey, passphrase, kdf),
    recovery: sealRecoverySlot(crypto, vaultId, masterKey, recoveryBytes),
  });
  const recoveryKey = formatRecoveryKey(recoveryBytes);
  crypto.memzero(recoveryBytes);
  return { header, masterKey, recoveryKey };
}

export async function commitHeader(dir: string, header: VaultHeader): Promise<void> {
  await writeFileAtomic(path.join(dir, HEADER_FILE), serializeHeader(header));
}

/** Recovers the master key with a passphrase or the recovery key; wrong secrets throw 'wrong-passphrase'. */
export async function unlockMasterKey(
  dir: string,
  unlocker: Unlocker,
  crypto: Primitives,
): Promise<{ header: VaultHeader; masterKey: Buffer }> {
  return unlockHeader(await readHeader(dir), unlocker, crypto);
}

/** The same for a header held in memory (a replica's copy, before any vault folder exists). */
export async function unlockHeader(
  header: VaultHeader,
  unlocker: Unlocker,
  crypto: Primitives,
): Promise<{ header: VaultHeader; masterKey: Buffer }> {
  let masterKey: Buffer | null;
  if ('passphrase' in unlocker) {
    const slot = header.passphrase;
    const kek = await crypto.argon2id(
      KEY_BYTES,
      normalize(unlocker.passphrase),
      Buffer.from(slot.salt, 'base64'),
      slot.opslimit,
      slot.memlimit,
    );
    masterKey = unwrapKey(crypto, slot, kek, slotAd(header.vaultId, 'passphrase', slot));
    if (!masterKey) throw new ArchiveError('wrong-passphrase', 'wrong passphrase: the vault was not unlocked');
  } else {
    const recovery = parseRecoveryKey(unlocker.recoveryKey);
    const slot = header.recovery;
    const kek = crypto.genericHash(KEY_BYTES, recovery, Buffer.from(slot.salt, 'base64'));
    crypto.memzero(recovery);
    masterKey = unwrapKey(crypto, slot, kek, slotAd(header.vaultId, 'recovery', slot));
    if (!masterKey) throw new ArchiveError('wrong-passphrase', 'wrong recovery key: the vault was not unlocked');
  }
  checkMac(crypto, masterKey, header);
  return { header, masterKey };
}

/**
 * Applies `change` to the header as it is on disk now, holding the vault's lock: another process
 * may have changed the passphrase or the recovery key since this one unlocked, and that change
 * must survive. The header on disk must still be this vault's and open with this master key.
 */
async function changeHeader(
  dir: string,
  what: string,
  masterKey: Buffer,
  crypto: Primitives,
  change: (current: Omit<VaultHeader, 'mac'>) => Promise<Omit<VaultHeader, 'mac'>>,
): Promise<VaultHeader> {
  return withVaultLock(dir, what, async () => {
    const current = await readHeader(dir);
    // checkMac wipes the key it is given when the MAC fails; this one must stay usable.
    const probe = Buffer.from(masterKey);
    try {
      checkMac(crypto, probe, current);
    } finally {
      crypto.memzero(probe);
    }
    const { mac: _previousMac, ...rest } = current;
    const next = withMac(crypto, masterKey, await change(rest));
    await commitHeader(dir, next);
    return next;
  });
}

/** Rewraps the master key under a new passphrase; blobs and catalog are untouched. */
export async function rewrapPassphrase(dir: string, masterKey: Buffer, newPassphrase: string, crypto: Primitives): Promise<VaultHeader> {
  return changeHeader(dir, 'a passphrase change', masterKey, crypto, async (current) => {
    const kdf = { opslimit: current.passphrase.opslimit, memlimit: current.passphrase.memlimit };
    return { ...current, passphrase: await sealPassphraseSlot(crypto, current.vaultId, masterKey, newPassphrase, kdf) };
  });
}

/** Issues a new recovery key; the old one stops working. */
export async function replaceRecoveryKey(
  dir: string,
  masterKey: Buffer,
  crypto: Primitives,
): Promise<{ header: VaultHeader; recoveryKey: string }> {
  const recoveryBytes = crypto.randomBytes(KEY_BYTES);
  try {
    const header = await changeHeader(dir, 'a new recovery key', masterKey, crypto, async (current) => ({
      ...current,
      recovery: sealRecoverySlot(crypto, current.vaultId, masterKey, recoveryBytes),
    }));
    return { header, recoveryKey: formatRecoveryKey(recoveryBytes) };
  } finally {
    crypto.memzero(recoveryBytes);
  }
}
