import { createHash, type Hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A hashing thread: digests the slots of a shared ring in the order they are posted, with the
 * algorithm named in its workerData (sha256 for blobs; bags add sha512). Plaintext stays in the
 * SharedArrayBuffer of this process; nothing is copied per batch.
 */
export interface DigestWorkerData {
  shared: SharedArrayBuffer;
  slotBytes: number;
  algorithm: string;
}
export type DigestWorkerRequest = { type: 'data'; slot: number; length: number } | { type: 'end' };
export type DigestWorkerReply = { type: 'done'; slot: number } | { type: 'digest'; hex: string };

const { shared, slotBytes, algorithm } = workerData as DigestWorkerData;
let hash: Hash = createHash(algorithm);
const port = parentPort!;
port.on('message', (message: DigestWorkerRequest) => {
  if (message.type === 'data') {
    hash.update(new Uint8Array(shared, message.slot * slotBytes, message.length));
    port.postMessage({ type: 'done', slot: message.slot } satisfies DigestWorkerReply);
  } else {
    port.postMessage({ type: 'digest', hex: hash.digest('hex') } satisfies DigestWorkerReply);
    hash = createHash(algorithm);
  }
});
