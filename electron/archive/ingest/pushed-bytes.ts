import type { ByteSource } from '../blobs/byte-source.ts';

/**
 * A ByteSource fed from outside, one chunk at a time (an upload from the renderer). `push`
 * resolves once the import has taken every byte of the chunk, which is the back-pressure: a
 * sender never gets more than one chunk ahead of the encryption. Taken chunks are zeroed.
 */
export class PushedBytes implements ByteSource {
  private readonly expectedSize: number;
  private queue: Array<{ bytes: Uint8Array; taken: number; done: () => void; failed: (error: Error) => void }> = [];
  private ended = false;
  private failure: Error | null = null;
  private wakeReader: (() => void) | null = null;

  constructor(expectedSize: number) {
    this.expectedSize = expectedSize;
  }

  push(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(new Error('the upload has already ended'));
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, taken: 0, done: resolve, failed: reject });
      this.wake();
    });
  }

  /** No more bytes: the reader sees the end once the queue is drained. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** Stops the import: the reader and every pending push fail with `error`. */
  abort(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.queue.splice(0)) {
      pending.bytes.fill(0);
      pending.failed(error);
    }
    this.wake();
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<number> {
    for (;;) {
      if (this.failure) throw this.failure;
      const head = this.queue[0];
      if (head) {
        const count = Math.min(length, head.bytes.length - head.taken);
        buffer.set(head.bytes.subarray(head.taken, head.taken + count), offset);
        head.taken += count;
        if (head.taken === head.bytes.length) {
          this.queue.shift();
          head.bytes.fill(0);
          head.done();
        }
        return count;
      }
      if (this.ended) return 0;
      await new Promise<void>((resolve) => {
        this.wakeReader = resolve;
      });
    }
  }

  async size(): Promise<number> {
    return this.expectedSize;
  }

  async close(): Promise<void> {
    if (!this.ended && !this.failure) this.abort(new Error('the import stopped reading'));
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }
}
