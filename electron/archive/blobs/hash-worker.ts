import { Worker } from 'node:worker_threads';
import type { DigestWorkerData, DigestWorkerReply, DigestWorkerRequest } from '../workers/digest-worker.ts';
import { workerFile } from '../workers/worker-file.ts';

/**
 * SHA-256 on a second thread, so hashing overlaps encryption on the main thread (two cores).
 * Plaintext travels through a fixed ring of slots in one SharedArrayBuffer: nothing is copied
 * per batch, nothing is left for a garbage collector, and memory stays bounded whatever the file
 * size. The slots live in this process's memory only, never on disk.
 */
export interface HashSlot {
  index: number;
  buffer: Buffer;
}

export class ThreadedSha256 {
  readonly slotBytes: number;
  private readonly shared: SharedArrayBuffer;
  private readonly worker: Worker;
  private readonly free: number[];
  private readonly waiters: Array<() => void> = [];
  private digestWaiter: ((hex: string) => void) | null = null;
  private failure: Error | null = null;

  constructor(slotBytes: number, slotCount = 8) {
    this.slotBytes = slotBytes;
    this.shared = new SharedArrayBuffer(slotBytes * slotCount);
    this.free = Array.from({ length: slotCount }, (_, index) => index);
    this.worker = new Worker(workerFile('digest-worker'), {
      workerData: { shared: this.shared, slotBytes, algorithm: 'sha256' } satisfies DigestWorkerData,
    });
    this.worker.on('message', (message: DigestWorkerReply) => {
      if (message.type === 'done') {
        this.free.push(message.slot);
        this.waiters.shift()?.();
      } else {
        this.digestWaiter?.(message.hex);
      }
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** A slot to fill with plaintext; waits while the worker still hashes every slot. */
  async acquire(): Promise<HashSlot> {
    while (this.free.length === 0 && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
    const index = this.free.shift()!;
    return { index, buffer: Buffer.from(this.shared, index * this.slotBytes, this.slotBytes) };
  }

  /** Queues the first `length` bytes of a filled slot for hashing; hashing happens in order. */
  submit(slot: HashSlot, length: number): void {
    this.worker.postMessage({ type: 'data', slot: slot.index, length } satisfies DigestWorkerRequest);
  }

  digest(): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.digestWaiter = resolve;
      this.worker.postMessage({ type: 'end' } satisfies DigestWorkerRequest);
    });
  }

  /** Stops the worker and wipes the plaintext left in the ring. */
  async close(): Promise<void> {
    await this.worker.terminate();
    new Uint8Array(this.shared).fill(0);
  }
}

/**
 * Hashing threads kept for a run of many files (an audit): starting a thread and its ring costs
 * about 50 ms, as much as hashing 60 MB. A hasher that saw an error is closed, never reused, so
 * a half-fed digest can never leak into the next file.
 */
export class HasherPool {
  private readonly idle: ThreadedSha256[] = [];
  private readonly slotBytes: number;

  constructor(slotBytes: number) {
    this.slotBytes = slotBytes;
  }

  take(): ThreadedSha256 {
    return this.idle.pop() ?? new ThreadedSha256(this.slotBytes);
  }

  async give(hasher: ThreadedSha256, clean: boolean): Promise<void> {
    if (clean) this.idle.push(hasher);
    else await hasher.close();
  }

  /** Stops every thread and wipes the plaintext left in their rings. */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((hasher) => hasher.close()));
  }
}
