import type { ArchiveHost } from '../../electron/archive/index.ts';
import type { JobStatus } from '../../shared/model.ts';
import type { Result } from '../../shared/result.ts';

/** The value of a host answer, or a thrown error naming its kind and message. */
export async function value<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

/** Polls a job until it ends (at most 60 s), as the window does. */
export async function finished(host: ArchiveHost, jobId: string): Promise<JobStatus> {
  for (let i = 0; i < 1200; i++) {
    const status = await value<JobStatus>(host.call('jobs.status', { jobId }));
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not end within 60 s`);
}
