import { KEY_BYTES, TAG_BYTES, type Primitives } from '../crypto/index.ts';
import { CHUNK_BYTES, chunkAd, chunkNonce, type BlobHeader } from './format.ts';

/**
 * The one implementation of the chunked XChaCha20-Poly1305 stream (docs/vault-format.md), used by
 * the blob store and by exchange packages: the per-stream key, and the sealing and opening of one
 * chunk with its index in the nonce and the final flag and whole header in the associated data.
 * Only the base key differs between users (a vault's content key, a package's file key).
 */
export class ChunkCipher {
  private readonly crypto: Primitives;
  readonly header: BlobHeader;
  private readonly key: Buffer;

  constructor(crypto: Primitives, header: BlobHeader, baseKey: Buffer) {
    this.crypto = crypto;
    this.header = header;
    this.key = streamKey(crypto, baseKey, header.blobId);
  }

  /** Seals `plain` (at most one chunk) as chunk `index` into `out`, which is `plain.length + TAG_BYTES` long. */
  seal(out: Buffer, plain: Buffer, index: number, isFinal: boolean): void {
    if (plain.length > CHUNK_BYTES || out.length !== plain.length + TAG_BYTES) throw new RangeError('chunk size');
    this.crypto.sealInto(out, plain, chunkAd(this.header.bytes, isFinal), chunkNonce(this.header.noncePrefix, index), this.key);
  }

  /** Opens chunk `index` into `out` (`sealed.length - TAG_BYTES` long); false when it fails authentication. */
  open(out: Buffer, sealed: Buffer, index: number, isFinal: boolean): boolean {
    if (sealed.length < TAG_BYTES || out.length !== sealed.length - TAG_BYTES) return false;
    return this.crypto.openInto(out, sealed, chunkAd(this.header.bytes, isFinal), chunkNonce(this.header.noncePrefix, index), this.key);
  }

  /** Zeroes the stream key; the cipher is unusable afterwards. */
  wipe(): void {
    this.crypto.memzero(this.key);
  }
}

/** K = BLAKE2b-256(key = base key, "custodia blob key v1:" ‖ stream id): a fresh key for every stream. */
export function streamKey(crypto: Primitives, baseKey: Buffer, streamId: Buffer): Buffer {
  return crypto.genericHash(KEY_BYTES, Buffer.concat([Buffer.from('custodia blob key v1:'), streamId]), baseKey);
}
