import { Worker } from 'node:worker_threads';
import type { DigestWorkerData, DigestWorkerReply, DigestWorkerRequest } from '../workers/digest-worker.ts';
import { workerFile } from '../workers/worker-file.ts';

/**
 * Several digests of one stream, each on its own thread, so an export hashes SHA-256 and SHA-512
 * while the main thread decrypts and writes. Plaintext goes through a fixed ring of slots in one
 * SharedArrayBuffer (as blobs/hash-worker.ts does for SHA-256 alone): bounded memory, nothing
 * copied per worker, never on disk; the ring is wiped on close. A slot is free again once every
 * worker has hashed it.
 */
export class ThreadedDigests<A extends string> {
  readonly slotBytes: number;
  private readonly algorithms: readonly A[];
  private readonly shared: SharedArrayBuffer;
  private readonly workers: Worker[];
  private readonly pendingDone: number[];
  private readonly free: number[];
  private readonly waiters: Array<() => void> = [];
  private readonly digestWaiters: Array<((hex: string) => void) | null>;
  private failure: Error | null = null;

  constructor(algorithms: readonly A[], slotBytes: number, slotCount = 8) {
    this.algorithms = algorithms;
    this.slotBytes = slotBytes;
    this.shared = new SharedArrayBuffer(slotBytes * slotCount);
    this.free = Array.from({ length: slotCount }, (_, index) => index);
    this.pendingDone = new Array<number>(slotCount).fill(0);
    this.digestWaiters = algorithms.map(() => null);
    this.workers = algorithms.map((algorithm, index) => {
      const worker = new Worker(workerFile('digest-worker'), {
        workerData: { shared: this.shared, slotBytes, algorithm } satisfies DigestWorkerData,
      });
      worker.on('message', (message: DigestWorkerReply) => {
        if (message.type === 'done') {
          const slot = message.slot;
          if (--this.pendingDone[slot]! === 0) {
            this.free.push(slot);
            this.waiters.shift()?.();
          }
        } else if (message.type === 'digest') {
          const wake = this.digestWaiters[index];
          this.digestWaiters[index] = null;
          wake?.(message.hex);
        }
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const wake of this.waiters.splice(0)) wake();
      });
      return worker;
    });
  }

  /** Copies `bytes` into a free slot (waiting for one) and queues it for every digest, in order. */
  async update(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length; at += this.slotBytes) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + this.slotBytes));
      while (this.free.length === 0 && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.failure) throw this.failure;
      const slot = this.free.shift()!;
      new Uint8Array(this.shared, slot * this.slotBytes, piece.length).set(piece);
      this.pendingDone[slot] = this.workers.length;
      for (const worker of this.workers) worker.postMessage({ type: 'data', slot, length: piece.length } satisfies DigestWorkerRequest);
    }
  }

  /** The digests of everything since the last call (hex), then ready for the next stream. */
  async digest(): Promise<Record<A, string>> {
    if (this.failure) throw this.failure;
    const hexes = await Promise.all(
      this.workers.map(
        (worker, index) =>
          new Promise<string>((resolve) => {
            this.digestWaiters[index] = resolve;
            worker.postMessage({ type: 'end' } satisfies DigestWorkerRequest);
          }),
      ),
    );
    return Object.fromEntries(this.algorithms.map((algorithm, index) => [algorithm, hexes[index]!])) as Record<A, string>;
  }

  /** Stops the workers and wipes the plaintext left in the ring. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    new Uint8Array(this.shared).fill(0);
  }
}
