import type { Archive } from '../archive.ts';
import type { Destinations } from '../destinations/registry.ts';
import type { Jobs, JobProgress } from '../jobs.ts';
import { ArchiveError } from '../errors.ts';

/** What the channel modules need from the host: the unlocked archive, the job runner, the picked folders. */
export interface HostContext {
  unlocked(): Archive;
  jobs: Jobs;
  destinations: Destinations;
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
