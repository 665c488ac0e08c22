import type { Primitives } from '../crypto/index.ts';
import { KEY_BYTES } from '../crypto/index.ts';

/** Subkeys of the master key (crypto_kdf). Ids are part of the format: never renumber. */
const CONTEXT = 'CSTDVLT1';
const SUBKEY = {
  catalog: 1,
  blobContent: 2,
  blobNames: 3,
  signingSeed: 4,
  headerMac: 5,
  receivingSeed: 6,
  replica: 7,
  documentSigningSeed: 8,
  userSigningRoot: 9,
} as const;

export interface VaultKeys {
  catalog: Buffer;
  blobContent: Buffer;
  blobNames: Buffer;
  signingSeed: Buffer;
  headerMac: Buffer;
  /** Seed of the X25519 key pair that encrypted packages from other vaults are sealed to (docs/package-format.md). */
  receivingSeed: Buffer;
  /** Encrypts the replica's catalog states and custody-log segments (docs/replica.md). */
  replica: Buffer;
  /** Seed of the P-256 key that signs dossiers as PDF signatures (PAdES; session/document-signing.ts). */
  documentSigningSeed: Buffer;
  /** Root of each named user's Ed25519 countersigning key (users/user-signing.ts). */
  userSigningRoot: Buffer;
}

export function deriveVaultKeys(crypto: Primitives, masterKey: Buffer): VaultKeys {
  const derive = (id: number) => crypto.deriveSubkey(KEY_BYTES, id, CONTEXT, masterKey);
  return {
    catalog: derive(SUBKEY.catalog),
    blobContent: derive(SUBKEY.blobContent),
    blobNames: derive(SUBKEY.blobNames),
    signingSeed: derive(SUBKEY.signingSeed),
    headerMac: derive(SUBKEY.headerMac),
    receivingSeed: derive(SUBKEY.receivingSeed),
    replica: derive(SUBKEY.replica),
    documentSigningSeed: derive(SUBKEY.documentSigningSeed),
    userSigningRoot: derive(SUBKEY.userSigningRoot),
  };
}

/** Only the header-MAC key, for checking or re-sealing the header without deriving the rest. */
export function deriveHeaderMacKey(crypto: Primitives, masterKey: Buffer): Buffer {
  return crypto.deriveSubkey(KEY_BYTES, SUBKEY.headerMac, CONTEXT, masterKey);
}

export function wipeVaultKeys(crypto: Primitives, keys: VaultKeys): void {
  for (const key of Object.values(keys)) crypto.memzero(key);
}
