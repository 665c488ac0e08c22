import { TAG_BYTES, XNONCE_BYTES } from '../crypto/index.ts';

/**
 * Blob file = 64-byte header ‖ chunk 0 ‖ chunk 1 ‖ … ; each chunk is XChaCha20-Poly1305 of up to
 * 64 KiB of plaintext. Nonce = 16-byte random prefix ‖ u64le chunk index. Associated data = the
 * whole header (which carries the blob id) ‖ one byte final-chunk flag. So a flipped bit, a
 * reordered or missing chunk, a truncation, trailing bytes or a blob swapped for another all fail
 * authentication. See docs/vault-format.md.
 */
export const BLOB_MAGIC = Buffer.from('CSTDBLOB', 'latin1');
export const BLOB_VERSION = 1;
export const HEADER_BYTES = 64;
export const CHUNK_BYTES = 64 * 1024;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
export const BLOB_ID_BYTES = 16;
export const NONCE_PREFIX_BYTES = 16;

export interface BlobHeader {
  blobId: Buffer;
  noncePrefix: Buffer;
  /** The exact 64 header bytes, authenticated with every chunk. */
  bytes: Buffer;
}

export function encodeHeader(blobId: Buffer, noncePrefix: Buffer): BlobHeader {
  const bytes = Buffer.alloc(HEADER_BYTES);
  BLOB_MAGIC.copy(bytes, 0);
  bytes.writeUInt8(BLOB_VERSION, 8);
  bytes.writeUInt32LE(CHUNK_BYTES, 12);
  blobId.copy(bytes, 16);
  noncePrefix.copy(bytes, 32);
  return { blobId, noncePrefix, bytes };
}

/** Parses a header read from disk; null when it is not ours (the caller names the item). */
export function decodeHeader(bytes: Buffer): BlobHeader | null {
  if (bytes.length !== HEADER_BYTES || !bytes.subarray(0, 8).equals(BLOB_MAGIC)) return null;
  if (bytes.readUInt8(8) !== BLOB_VERSION || bytes.readUInt32LE(12) !== CHUNK_BYTES) return null;
  return { blobId: bytes.subarray(16, 32), noncePrefix: bytes.subarray(32, 48), bytes };
}

export function chunkNonce(noncePrefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(XNONCE_BYTES);
  noncePrefix.copy(nonce, 0);
  nonce.writeBigUInt64LE(BigInt(index), NONCE_PREFIX_BYTES);
  return nonce;
}

export function chunkAd(header: Buffer, isFinal: boolean): Buffer {
  const ad = Buffer.alloc(HEADER_BYTES + 1);
  header.copy(ad, 0);
  ad[HEADER_BYTES] = isFinal ? 1 : 0;
  return ad;
}

/** Geometry of a blob file from its size alone: how many chunks and how much plaintext. */
export function layoutFromFileSize(fileSize: number): { chunkCount: number; plainSize: number } | null {
  const body = fileSize - HEADER_BYTES;
  if (body < TAG_BYTES) return null;
  const chunkCount = Math.ceil(body / SEALED_CHUNK_BYTES);
  const lastSealed = body - (chunkCount - 1) * SEALED_CHUNK_BYTES;
  if (lastSealed < TAG_BYTES) return null;
  return { chunkCount, plainSize: body - chunkCount * TAG_BYTES };
}
