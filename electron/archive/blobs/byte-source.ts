import { promises as fs } from 'node:fs';

/**
 * Where the plaintext of a new blob comes from: a file on disk, or bytes pushed by the renderer
 * (an upload). `read` fills the buffer from `offset` and returns how many bytes it wrote; 0 means
 * the end. `size` is the expected total, for progress only.
 */
export interface ByteSource {
  read(buffer: Buffer, offset: number, length: number): Promise<number>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export async function fileSource(sourcePath: string): Promise<ByteSource> {
  const handle = await fs.open(sourcePath, 'r');
  return {
    read: async (buffer, offset, length) => (await handle.read(buffer, offset, length, null)).bytesRead,
    size: async () => (await handle.stat()).size,
    close: () => handle.close(),
  };
}

/** Bytes already in memory (generated documents, the demo vault). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  let position = 0;
  return {
    read: async (buffer, offset, length) => {
      const count = Math.min(length, bytes.length - position);
      buffer.set(bytes.subarray(position, position + count), offset);
      position += count;
      return count;
    },
    size: async () => bytes.length,
    close: async () => undefined,
  };
}
