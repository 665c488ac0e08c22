import { createHash } from 'node:crypto';
import type { Primitives } from '../crypto/index.ts';
import { KEY_BYTES } from '../crypto/index.ts';

/** Ids are part of the format: a user's key is subkey sha256(user id)[0..4] of the root under this context. */
const CONTEXT = 'CSTDUSR1';

/** Signs with one named user's key; the secret half exists only for the length of each call. */
export interface UserSigner {
  user: string;
  publicKey: Buffer;
  sign(message: Buffer): Buffer;
}

/**
 * A named user's Ed25519 countersigning key, derived from the vault's user-signing root (subkey 9
 * of the master key) and the user's id, so nothing secret is stored per user. Everyone who can
 * unlock the vault can derive every user's key: a countersignature says which user profile acted,
 * the vault's key says the vault recorded it; neither tells apart two people sharing a passphrase.
 */
export function userSigner(crypto: Primitives, root: Buffer, user: string): UserSigner {
  const derive = () => {
    const subkeyId = createHash('sha256').update(user, 'utf8').digest().readUInt32BE(0);
    const seed = crypto.deriveSubkey(KEY_BYTES, subkeyId, CONTEXT, root);
    try {
      return crypto.signKeypairFromSeed(seed);
    } finally {
      crypto.memzero(seed);
    }
  };
  const { publicKey, secretKey } = derive();
  crypto.memzero(secretKey);
  return {
    user,
    publicKey,
    sign(message) {
      const pair = derive();
      try {
        return crypto.signDetached(message, pair.secretKey);
      } finally {
        crypto.memzero(pair.secretKey);
      }
    },
  };
}
