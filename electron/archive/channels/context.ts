import { promises as fs } from 'node:fs';
import type { Archive } from '../archive.ts';
import { assertOutsideVault } from '../exports.ts';
import type { Jobs, JobProgress } from '../jobs.ts';
import { ArchiveError } from '../errors.ts';

/** What the channel modules need from the host: the unlocked archive and the job runner. */
export interface HostContext {
  unlocked(): Archive;
  jobs: Jobs;
}

/**
 * The one place an export's destination folder is decided from a request. Today the request
 * carries a full path (typed, or chosen in the desktop dialog / the browser-mode folder picker);
 * it is never inside the vault, and is created when missing.
 */
export async function exportDestination(folder: string, archive: Archive, what: string): Promise<string> {
  assertOutsideVault(folder, archive.dir, what);
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  return folder;
}

/** A job's progress reporter that stops the work at its next step once the job is cancelled. */
export function progressUntilCancelled(report: (progress: JobProgress) => void, signal: AbortSignal): (progress: JobProgress) => void {
  return (progress) => {
    if (signal.aborted) throw new ArchiveError('io', 'cancelled; nothing was kept');
    report(progress);
  };
}

/** The same for work that counts bytes (bags). */
export function byteProgress(
  report: (progress: JobProgress) => void,
  signal: AbortSignal,
  phase: string,
): (done: number, total: number) => void {
  const step = progressUntilCancelled(report, signal);
  return (done, total) => step({ phase, done, total });
}
