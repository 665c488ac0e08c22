import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Primitives } from '../crypto/index.ts';
import type { Checkpoint, CustodyLog } from '../custody/log.ts';
import { checkpointSignatureValid, compareWithCheckpoint, type Problem } from '../custody/verify-log.ts';
import { writeFileAtomicSync } from '../fs-durable.ts';

/** The last signed checkpoint, kept beside the catalog so an older copy of the catalog is caught. */
export const CHECKPOINT_FILE = 'custody-checkpoint.json';

export function writeCheckpointFile(dir: string, checkpoint: Checkpoint): void {
  writeFileAtomicSync(path.join(dir, CHECKPOINT_FILE), `${JSON.stringify(checkpoint, null, 2)}\n`);
}

/**
 * Compares the checkpoint beside the catalog with the catalog's log. Returns the problem found (if
 * any) and the sequence number the file vouches for (null when it vouches for nothing).
 */
export function readCheckpointFile(
  dir: string,
  vaultId: string,
  publicKey: Buffer,
  crypto: Primitives,
  custody: CustodyLog,
): { problem: Problem | null; seq: number | null } {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) {
    const problem: Problem | null = custody.hasCheckpoints()
      ? {
          kind: 'checkpoint-missing',
          message: `${CHECKPOINT_FILE} is missing although the catalog records checkpoints: it was removed, perhaps to hide a replaced catalog`,
        }
      : null;
    return { problem, seq: null };
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return { problem: { kind: 'checkpoint-signature', message: `${CHECKPOINT_FILE} is damaged` }, seq: null };
  }
  if (checkpoint.vaultId !== vaultId || !checkpointSignatureValid(checkpoint, publicKey, crypto)) {
    return { problem: { kind: 'checkpoint-signature', message: `${CHECKPOINT_FILE} is not signed by this vault's key` }, seq: null };
  }
  return { problem: compareWithCheckpoint(checkpoint, custody.eventAt(checkpoint.seq), custody.head().seq), seq: checkpoint.seq };
}
