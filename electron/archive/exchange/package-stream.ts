import type { FileHandle } from 'node:fs/promises';
import { TAG_BYTES, type Primitives } from '../crypto/index.ts';
import { IntegrityError } from '../errors.ts';
import {
  BLOB_ID_BYTES,
  CHUNK_BYTES,
  HEADER_BYTES,
  NONCE_PREFIX_BYTES,
  SEALED_CHUNK_BYTES,
  decodeHeader,
  encodeHeader,
  layoutFromFileSize,
} from '../blobs/format.ts';
import { ChunkCipher } from '../blobs/chunk-cipher.ts';

/**
 * A package's content is one stream in the vault's blob format (docs/vault-format.md), sealed by
 * the same ChunkCipher as the blobs; only the base key differs: the package's random file key.
 */
const OUT_BATCH_CHUNKS = 16;

/** Encrypts whatever is written to it, chunk by chunk, to `file` from `offset` on. */
export class ChunkedWriter {
  private readonly file: FileHandle;
  private readonly cipher: ChunkCipher;
  private position: number;
  private readonly pending = Buffer.alloc(CHUNK_BYTES);
  private pendingLength = 0;
  private chunkIndex = 0;
  private readonly out = Buffer.alloc(SEALED_CHUNK_BYTES * OUT_BATCH_CHUNKS);
  private outLength = 0;

  constructor(crypto: Primitives, file: FileHandle, offset: number, fileKey: Buffer) {
    this.file = file;
    this.cipher = new ChunkCipher(crypto, encodeHeader(crypto.randomBytes(BLOB_ID_BYTES), crypto.randomBytes(NONCE_PREFIX_BYTES)), fileKey);
    this.position = offset;
    this.cipher.header.bytes.copy(this.out, 0);
    this.outLength = HEADER_BYTES;
  }

  async write(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length;) {
      // A full pending chunk is sealed as not-final only once more bytes arrive: the last one must carry the flag.
      if (this.pendingLength === CHUNK_BYTES) await this.sealPending(false);
      const take = Math.min(CHUNK_BYTES - this.pendingLength, bytes.length - at);
      this.pending.set(bytes.subarray(at, at + take), this.pendingLength);
      this.pendingLength += take;
      at += take;
    }
  }

  /** Seals the last chunk (flagged final), writes what is buffered and wipes key and plaintext. */
  async finish(): Promise<number> {
    await this.sealPending(true);
    await this.flush();
    this.wipe();
    return this.position;
  }

  wipe(): void {
    this.cipher.wipe();
    this.pending.fill(0);
  }

  private async sealPending(isFinal: boolean): Promise<void> {
    if (this.outLength + SEALED_CHUNK_BYTES > this.out.length) await this.flush();
    const sealed = this.out.subarray(this.outLength, this.outLength + this.pendingLength + TAG_BYTES);
    this.cipher.seal(sealed, this.pending.subarray(0, this.pendingLength), this.chunkIndex, isFinal);
    this.outLength += sealed.length;
    this.chunkIndex++;
    this.pendingLength = 0;
  }

  private async flush(): Promise<void> {
    if (this.outLength === 0) return;
    await this.file.write(this.out, 0, this.outLength, this.position);
    this.position += this.outLength;
    this.outLength = 0;
  }
}

/** Decrypts a stream written by ChunkedWriter, authenticating each chunk before any of its bytes are handed out. */
export class ChunkedReader {
  private readonly crypto: Primitives;
  private readonly file: FileHandle;
  private readonly offset: number;
  private readonly fileKey: Buffer;
  private cipher: ChunkCipher | null = null;
  private chunkCount = 0;
  private nextChunk = 0;
  private readonly sealed = Buffer.alloc(SEALED_CHUNK_BYTES);
  private readonly plain = Buffer.alloc(CHUNK_BYTES);
  private plainLength = 0;
  private plainAt = 0;
  private readonly label: string;

  constructor(crypto: Primitives, file: FileHandle, offset: number, fileKey: Buffer, label: string) {
    this.crypto = crypto;
    this.file = file;
    this.offset = offset;
    this.fileKey = fileKey;
    this.label = label;
  }

  async open(): Promise<void> {
    const { size } = await this.file.stat();
    const layout = layoutFromFileSize(size - this.offset);
    const headerBytes = Buffer.alloc(HEADER_BYTES);
    await this.file.read(headerBytes, 0, HEADER_BYTES, this.offset);
    const header = layout ? decodeHeader(headerBytes) : null;
    if (!header || !layout) throw new IntegrityError(`${this.label}: the encrypted content is damaged or cut short`);
    this.chunkCount = layout.chunkCount;
    this.cipher = new ChunkCipher(this.crypto, header, this.fileKey);
  }

  /** Fills `target` completely, or throws: the stream ended early or a chunk failed authentication. */
  async readExact(target: Buffer): Promise<void> {
    let filled = 0;
    while (filled < target.length) {
      const count = await this.read(target, filled, target.length - filled);
      if (count === 0) throw new IntegrityError(`${this.label}: the content ends before the manifest says it should`);
      filled += count;
    }
  }

  /** Up to `length` bytes into `target` at `offset`; 0 at the end of the stream. */
  async read(target: Buffer, offset: number, length: number): Promise<number> {
    if (this.plainAt === this.plainLength) {
      if (this.nextChunk === this.chunkCount) return 0;
      await this.openChunk();
      if (this.plainLength === 0) return 0;
    }
    const count = Math.min(length, this.plainLength - this.plainAt);
    this.plain.copy(target, offset, this.plainAt, this.plainAt + count);
    this.plainAt += count;
    return count;
  }

  /** True once every chunk, including the final one, has been read and authenticated. */
  get atEnd(): boolean {
    return this.nextChunk === this.chunkCount && this.plainAt === this.plainLength;
  }

  wipe(): void {
    this.cipher?.wipe();
    this.plain.fill(0);
  }

  private async openChunk(): Promise<void> {
    const index = this.nextChunk;
    const position = this.offset + HEADER_BYTES + index * SEALED_CHUNK_BYTES;
    const { bytesRead } = await this.file.read(this.sealed, 0, SEALED_CHUNK_BYTES, position);
    const isFinal = index === this.chunkCount - 1;
    if (bytesRead < TAG_BYTES || (!isFinal && bytesRead !== SEALED_CHUNK_BYTES)) {
      throw new IntegrityError(`${this.label}: chunk ${index} is cut short`);
    }
    const sealed = this.sealed.subarray(0, bytesRead);
    if (!this.cipher!.open(this.plain.subarray(0, bytesRead - TAG_BYTES), sealed, index, isFinal))
      throw new IntegrityError(`${this.label}: chunk ${index} failed authentication (altered, reordered or truncated)`);
    this.plainLength = bytesRead - TAG_BYTES;
    this.plainAt = 0;
    this.nextChunk++;
  }
}
