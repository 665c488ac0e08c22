import { createHash } from 'node:crypto';
import { constants as fsConstants, mkdirSync, promises as fs, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Primitives } from '../crypto/index.ts';
import { TAG_BYTES } from '../crypto/index.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import { fileSource, type ByteSource } from './byte-source.ts';
import { rethrowAsVaultWriteError, vaultWriteError } from './write-error.ts';
import { syncDirectorySync } from '../fs-durable.ts';
import { TEMP_SUFFIX } from '../vault/quarantine.ts';
import {
  BLOB_ID_BYTES,
  CHUNK_BYTES,
  HEADER_BYTES,
  NONCE_PREFIX_BYTES,
  SEALED_CHUNK_BYTES,
  decodeHeader,
  encodeHeader,
  layoutFromFileSize,
} from './format.ts';
import { ChunkCipher } from './chunk-cipher.ts';
import { HasherPool, ThreadedSha256, type HashSlot } from './hash-worker.ts';

/** Where a blob lives and what it must decrypt to; stored in the catalog. */
export interface BlobRef {
  blobId: string;
  fileName: string;
  size: number;
}

/** A blob written durably to a temp file, not yet renamed into the store. */
export interface PendingBlob extends BlobRef {
  sha256: string;
  tempPath: string;
  /** The first bytes of the plaintext (for content sniffing); the caller zeroes it when done. */
  head: Buffer;
}

/** How much of the plaintext's start a PendingBlob keeps for content sniffing. */
export const HEAD_BYTES = 4096;

export interface BlobKeys {
  /** Per-blob content keys derive from this. */
  contentKey: Buffer;
  /** File names are a keyed hash of the blob id, so a name says nothing about the content. */
  nameKey: Buffer;
}

export interface WriteOptions {
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

const CHUNKS_PER_BATCH = 16;
const BATCH_BYTES = CHUNK_BYTES * CHUNKS_PER_BATCH;
/** Below this size a hashing thread costs more than it saves. */
const THREADED_HASH_MIN_BYTES = 8 * 1024 * 1024;

/** Hashing threads for an audit of many blobs, sized to the blob store's batches. */
export function auditHasherPool(): HasherPool {
  return new HasherPool(BATCH_BYTES);
}

export class BlobStore {
  private readonly blobDir: string;
  private readonly tempDir: string;
  private readonly keys: BlobKeys;
  private readonly crypto: Primitives;

  constructor(blobDir: string, tempDir: string, keys: BlobKeys, crypto: Primitives) {
    this.blobDir = blobDir;
    this.tempDir = tempDir;
    this.keys = keys;
    this.crypto = crypto;
  }

  pathOf(ref: Pick<BlobRef, 'fileName'>): string {
    return path.join(this.blobDir, ref.fileName.slice(0, 2), ref.fileName);
  }

  /**
   * Encrypts and hashes a file or a byte source in one streaming pass into a temp file, fsynced.
   * The source is closed in every case.
   */
  async write(from: string | ByteSource, options: WriteOptions = {}): Promise<PendingBlob> {
    const source = typeof from === 'string' ? await fileSource(from) : from;
    let head: Buffer | null = null;
    const blobId = this.crypto.randomBytes(BLOB_ID_BYTES);
    const header = encodeHeader(blobId, this.crypto.randomBytes(NONCE_PREFIX_BYTES));
    const cipher = new ChunkCipher(this.crypto, header, this.keys.contentKey);
    const tempPath = path.join(this.tempDir, `${process.pid}-${blobId.toString('hex')}${TEMP_SUFFIX}`);
    const out = await fs.open(tempPath, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o600).catch(async (error) => {
      await source.close();
      throw vaultWriteError(error);
    });
    let hasher: ThreadedSha256 | null = null;
    let plainBuffers: Buffer[] = [];
    try {
      const totalBytes = await source.size();
      hasher = totalBytes >= THREADED_HASH_MIN_BYTES ? new ThreadedSha256(BATCH_BYTES) : null;
      const inlineHash = hasher ? null : createHash('sha256');
      await out.write(header.bytes).catch(rethrowAsVaultWriteError);
      // Plaintext is read straight into the hashing ring (large files) or into two reused buffers (small ones).
      plainBuffers = hasher ? [] : [Buffer.allocUnsafe(BATCH_BYTES), Buffer.allocUnsafe(BATCH_BYTES)];
      let plainTurn = 0;
      type PlainBatch = { bytes: Buffer; slot: HashSlot | null };
      const readBatch = async (): Promise<PlainBatch> => {
        const slot = hasher ? await hasher.acquire() : null;
        const buffer = slot ? slot.buffer : plainBuffers[plainTurn++ % 2]!;
        let filled = 0;
        while (filled < BATCH_BYTES) {
          const bytesRead = await source.read(buffer, filled, BATCH_BYTES - filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return { bytes: buffer.subarray(0, filled), slot };
      };
      const sealedBuffers = [
        Buffer.allocUnsafe(SEALED_CHUNK_BYTES * CHUNKS_PER_BATCH),
        Buffer.allocUnsafe(SEALED_CHUNK_BYTES * CHUNKS_PER_BATCH),
      ];
      let chunkIndex = 0;
      let size = 0;
      let pendingWrite: Promise<unknown> = Promise.resolve();
      let currentBatch = await readBatch();
      head = Buffer.from(currentBatch.bytes.subarray(0, HEAD_BYTES));
      for (;;) {
        if (options.signal?.aborted) throw new ArchiveError('io', 'import cancelled');
        const current = currentBatch.bytes;
        const nextRead: Promise<PlainBatch> =
          current.length === BATCH_BYTES ? readBatch() : Promise.resolve({ bytes: Buffer.alloc(0), slot: null });
        const chunkCount = Math.max(1, Math.ceil(current.length / CHUNK_BYTES));
        // Two output buffers in turn: one may still be written while the other is filled.
        const sealed = sealedBuffers[(chunkIndex / CHUNKS_PER_BATCH) % 2]!.subarray(0, current.length + chunkCount * TAG_BYTES);
        // Seal every chunk but the last while the next read is in flight; the last one's
        // final flag depends on whether anything follows.
        for (let i = 0; i < chunkCount - 1; i++) sealChunkOfBatch(cipher, sealed, current, i, chunkIndex + i, false);
        const next = await nextRead;
        const isFinalBatch = next.bytes.length === 0;
        sealChunkOfBatch(cipher, sealed, current, chunkCount - 1, chunkIndex + chunkCount - 1, isFinalBatch);
        chunkIndex += chunkCount;
        size += current.length;
        await pendingWrite;
        pendingWrite = out.write(sealed).catch(rethrowAsVaultWriteError);
        // The write may fail while the next batch is being read: a rejection nobody listens to yet
        // would kill the whole process, so mark it handled; `await pendingWrite` still throws it.
        pendingWrite.catch(() => {});
        if (hasher && currentBatch.slot) hasher.submit(currentBatch.slot, current.length);
        else inlineHash!.update(current);
        options.onProgress?.(size, Math.max(totalBytes, size));
        if (isFinalBatch) break;
        currentBatch = next;
      }
      await pendingWrite;
      await out.sync().catch(rethrowAsVaultWriteError);
      await out.close().catch(rethrowAsVaultWriteError);
      const sha256 = hasher ? await hasher.digest() : inlineHash!.digest('hex');
      const blobIdHex = blobId.toString('hex');
      return { blobId: blobIdHex, fileName: this.fileNameFor(blobId), size, sha256, tempPath, head };
    } catch (error) {
      head?.fill(0);
      await out.close().catch(() => {});
      await fs.rm(tempPath, { force: true });
      throw error;
    } finally {
      cipher.wipe();
      for (const buffer of plainBuffers) buffer.fill(0);
      await source.close();
      await hasher?.close();
    }
  }

  /** Moves a durable temp blob into place. Synchronous so it can run inside a catalog transaction. */
  commitSync(pending: PendingBlob): void {
    const target = this.pathOf(pending);
    try {
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      renameSync(pending.tempPath, target);
      syncDirectorySync(path.dirname(target));
    } catch (error) {
      throw vaultWriteError(error);
    }
  }

  async discard(pending: PendingBlob): Promise<void> {
    await fs.rm(pending.tempPath, { force: true });
  }

  removeSync(ref: BlobRef): void {
    rmSync(this.pathOf(ref), { force: true });
  }

  /**
   * Decrypts bytes start..endInclusive of a blob, chunk by chunk. A chunk that fails
   * authentication throws an IntegrityError naming `label` and yields none of its bytes.
   */
  async *read(ref: BlobRef, label: string, start = 0, endInclusive = ref.size - 1): AsyncGenerator<Buffer> {
    for await (const { bytes } of this.decrypt(ref, label, start, endInclusive, (length) => ({
      buffer: Buffer.allocUnsafeSlow(length),
      owner: null,
    }))) {
      yield bytes;
    }
  }

  /**
   * The decryption loop behind read() and hash(). `destination` supplies the buffer each batch is
   * decrypted into (fresh memory for callers that keep it, a hashing slot for hash()).
   */
  private async *decrypt<T>(
    ref: BlobRef,
    label: string,
    start: number,
    endInclusive: number,
    destination: (length: number) => { buffer: Buffer; owner: T } | Promise<{ buffer: Buffer; owner: T }>,
  ): AsyncGenerator<{ bytes: Buffer; owner: T }> {
    if (ref.size === 0) {
      await this.verifyEmpty(ref, label);
      return;
    }
    if (start < 0 || endInclusive >= ref.size || endInclusive < start) {
      throw new ArchiveError('validation', `range ${start}-${endInclusive} is outside ${label} (${ref.size} bytes)`);
    }
    const { file, header, chunkCount } = await this.openChecked(ref, label);
    const cipher = new ChunkCipher(this.crypto, header, this.keys.contentKey);
    const firstChunk = Math.floor(start / CHUNK_BYTES);
    const lastChunk = Math.floor(endInclusive / CHUNK_BYTES);
    // Reads batch k+1 from disk while batch k is being decrypted (two sealed buffers in turn).
    const sealedBuffers = [
      Buffer.allocUnsafe(SEALED_CHUNK_BYTES * CHUNKS_PER_BATCH),
      Buffer.allocUnsafe(SEALED_CHUNK_BYTES * CHUNKS_PER_BATCH),
    ];
    type SealedBatch = { batchStart: number; batchEnd: number; sealedBatch: Buffer };
    const readBatch = async (batchStart: number, target: Buffer): Promise<SealedBatch> => {
      const batchEnd = Math.min(lastChunk, batchStart + CHUNKS_PER_BATCH - 1);
      const offset = HEADER_BYTES + batchStart * SEALED_CHUNK_BYTES;
      const wanted = Math.min((batchEnd - batchStart + 1) * SEALED_CHUNK_BYTES, this.fileSizeOf(ref) - offset);
      const { bytesRead } = await file.read(target, 0, wanted, offset);
      if (bytesRead !== wanted) throw new IntegrityError(`${label}: its encrypted file was cut short while reading`);
      return { batchStart, batchEnd, sealedBatch: target.subarray(0, bytesRead) };
    };
    let pending: Promise<SealedBatch> | null = readBatch(firstChunk, sealedBuffers[0]!);
    // A read that fails while the previous batch is decrypted must not be an unhandled rejection
    // (it would kill the process); `await pending` below still throws it.
    pending.catch(() => {});
    try {
      for (let turn = 1; pending; turn++) {
        const { batchStart, batchEnd, sealedBatch } = await pending;
        const nextStart: number = batchStart + CHUNKS_PER_BATCH;
        pending = nextStart <= lastChunk ? readBatch(nextStart, sealedBuffers[turn % 2]!) : null;
        pending?.catch(() => {});
        const plainLength = Math.min((batchEnd - batchStart + 1) * CHUNK_BYTES, ref.size - batchStart * CHUNK_BYTES);
        const { buffer, owner } = await destination(plainLength);
        const plain = buffer.subarray(0, plainLength);
        for (let index = batchStart; index <= batchEnd; index++) {
          const at = (index - batchStart) * SEALED_CHUNK_BYTES;
          const sealed = sealedBatch.subarray(at, Math.min(at + SEALED_CHUNK_BYTES, sealedBatch.length));
          const target = plain.subarray((index - batchStart) * CHUNK_BYTES, (index - batchStart) * CHUNK_BYTES + sealed.length - TAG_BYTES);
          const isFinal = index === chunkCount - 1;
          if (!cipher.open(target, sealed, index, isFinal)) {
            plain.fill(0);
            throw new IntegrityError(
              `${label}: chunk ${index} of its encrypted file failed authentication (altered, reordered or truncated)`,
            );
          }
        }
        const plainStart = batchStart * CHUNK_BYTES;
        yield { bytes: plain.subarray(Math.max(0, start - plainStart), Math.min(plain.length, endInclusive - plainStart + 1)), owner };
      }
    } finally {
      // Let an in-flight read finish before its file handle closes.
      await pending?.catch(() => {});
      cipher.wipe();
      await file.close();
    }
  }

  /** Decrypts the whole blob and returns the SHA-256 of its plaintext. */
  /**
   * Decrypts a blob and answers its SHA-256; `onBytes` hears of each authenticated piece (for
   * progress). With a `pool` (an audit of many files), hashing threads are reused.
   */
  async hash(ref: BlobRef, label: string, onBytes?: (bytes: number) => void, pool?: HasherPool): Promise<string> {
    if (ref.size < THREADED_HASH_MIN_BYTES) {
      const hash = createHash('sha256');
      for await (const piece of this.read(ref, label)) {
        hash.update(piece);
        onBytes?.(piece.length);
      }
      return hash.digest('hex');
    }
    // Each batch is decrypted straight into a slot of the hashing ring: no copy, no fresh memory.
    const hasher = pool ? pool.take() : new ThreadedSha256(BATCH_BYTES);
    let clean = false;
    try {
      for await (const { bytes, owner } of this.decrypt(ref, label, 0, ref.size - 1, async () => {
        const slot = await hasher.acquire();
        return { buffer: slot.buffer, owner: slot };
      })) {
        hasher.submit(owner, bytes.length);
        onBytes?.(bytes.length);
      }
      const digest = await hasher.digest();
      clean = true;
      return digest;
    } finally {
      if (pool) await pool.give(hasher, clean);
      else await hasher.close();
    }
  }

  private fileNameFor(blobId: Buffer): string {
    return this.crypto.genericHash(16, blobId, this.keys.nameKey).toString('hex');
  }

  private fileSizeOf(ref: BlobRef): number {
    const chunkCount = Math.max(1, Math.ceil(ref.size / CHUNK_BYTES));
    return HEADER_BYTES + ref.size + chunkCount * TAG_BYTES;
  }

  /** An empty file is one empty final chunk: its tag still has to verify. */
  private async verifyEmpty(ref: BlobRef, label: string): Promise<void> {
    const { file, header } = await this.openChecked(ref, label);
    const cipher = new ChunkCipher(this.crypto, header, this.keys.contentKey);
    try {
      const tag = Buffer.alloc(TAG_BYTES);
      await file.read(tag, 0, TAG_BYTES, HEADER_BYTES);
      if (!cipher.open(Buffer.alloc(0), tag, 0, true)) {
        throw new IntegrityError(`${label}: chunk 0 of its encrypted file failed authentication (altered, reordered or truncated)`);
      }
    } finally {
      cipher.wipe();
      await file.close();
    }
  }

  private async openChecked(ref: BlobRef, label: string) {
    let file;
    try {
      file = await fs.open(this.pathOf(ref), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IntegrityError(`${label}: its encrypted file is missing`);
      throw error;
    }
    try {
      const { size } = await file.stat();
      const layout = layoutFromFileSize(size);
      if (!layout || layout.plainSize !== ref.size || size !== this.fileSizeOf(ref)) {
        throw new IntegrityError(
          `${label}: its encrypted file has the wrong length (truncated or extended: ${size} bytes, expected ${this.fileSizeOf(ref)})`,
        );
      }
      const headerBytes = Buffer.alloc(HEADER_BYTES);
      await file.read(headerBytes, 0, HEADER_BYTES, 0);
      const header = decodeHeader(headerBytes);
      if (!header) throw new IntegrityError(`${label}: its encrypted file has a damaged header`);
      if (header.blobId.toString('hex') !== ref.blobId) {
        throw new IntegrityError(`${label}: its encrypted file belongs to another item (swapped or replaced)`);
      }
      return { file, header, chunkCount: layout.chunkCount };
    } catch (error) {
      await file.close();
      throw error;
    }
  }
}

/** Seals chunk `i` of a plaintext batch into its place in the sealed batch. */
function sealChunkOfBatch(cipher: ChunkCipher, sealed: Buffer, plain: Buffer, i: number, index: number, isFinal: boolean): void {
  const message = plain.subarray(i * CHUNK_BYTES, Math.min(plain.length, (i + 1) * CHUNK_BYTES));
  const at = i * SEALED_CHUNK_BYTES;
  cipher.seal(sealed.subarray(at, at + message.length + TAG_BYTES), message, index, isFinal);
}
