import { randomUUID } from 'node:crypto';
import type { JobStatus } from '../../shared/model.ts';
import { ArchiveError, isArchiveError } from './errors.ts';

export interface JobProgress {
  /** A word for what is being done now (the job's own vocabulary: "exhibits", "hashing"…). */
  phase: string;
  done: number;
  total: number;
  bytesPerSecond?: number;
  etaSeconds?: number | null;
}

type Work<T> = (report: (progress: JobProgress) => void, signal: AbortSignal) => Promise<T>;

interface Job {
  kind: string;
  status: JobStatus;
  controller: AbortController;
  /** Settles when the work has returned (its partial output removed by the work itself). */
  settled: Promise<void>;
}

/** Finished jobs are kept this long for the window to read their result, then forgotten. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;
const MAX_JOBS = 50;

/**
 * Long work the window starts and then watches: a dossier export, an audit. The contract is
 * request/answer, so progress is read by polling `jobs.status`; `jobs.cancel` asks the work to
 * stop at its next step. Results and errors are plain data, like every answer.
 */
export class Jobs {
  private readonly jobs = new Map<string, Job>();

  start<T>(kind: string, work: Work<T>): { jobId: string } {
    this.forgetOld();
    if (this.jobs.size >= MAX_JOBS) throw new ArchiveError('validation', 'too many jobs are kept; wait for some to finish');
    const jobId = randomUUID();
    const job: Job = {
      kind,
      controller: new AbortController(),
      settled: Promise.resolve(),
      status: {
        jobId,
        kind,
        state: 'running',
        progress: null,
        result: null,
        error: null,
        startedAt: new Date().toISOString(),
        endedAt: null,
      },
    };
    this.jobs.set(jobId, job);
    const report = (progress: JobProgress) => {
      if (job.status.state === 'running') job.status = { ...job.status, progress: { ...progress } };
    };
    job.settled = work(report, job.controller.signal).then(
      (result) => this.end(job, { state: 'done', result: result as unknown }),
      (error: unknown) =>
        this.end(job, {
          state: job.controller.signal.aborted ? 'cancelled' : 'failed',
          error: {
            kind: isArchiveError(error) ? error.kind : 'internal',
            message: error instanceof Error ? error.message : String(error),
          },
        }),
    );
    return { jobId };
  }

  status(jobId: string): JobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new ArchiveError('not-found', 'no such job (it may have finished long ago, or the vault was locked)');
    return job.status;
  }

  cancel(jobId: string): JobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new ArchiveError('not-found', 'no such job');
    job.controller.abort();
    return job.status;
  }

  /** Work is still going on (the idle lock waits for it). */
  get running(): boolean {
    return [...this.jobs.values()].some((job) => job.status.state === 'running');
  }

  /**
   * Quit: tells running jobs to stop and waits until they have (each removes its own partial
   * output on the way out), at most `timeoutMs`. True when all stopped in time.
   */
  async stopAll(timeoutMs: number): Promise<boolean> {
    const running = [...this.jobs.values()].filter((job) => job.status.state === 'running');
    for (const job of running) job.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const stopped = await Promise.race([Promise.all(running.map((job) => job.settled)).then(() => true), timeout]);
    clearTimeout(timer);
    return stopped;
  }

  /** Lock: running jobs are told to stop and every record goes (results may name case data). */
  clear(): void {
    for (const job of this.jobs.values()) job.controller.abort();
    this.jobs.clear();
  }

  private end(job: Job, outcome: Partial<JobStatus>): void {
    if (!this.jobs.has(job.status.jobId)) return;
    job.status = { ...job.status, ...outcome, endedAt: new Date().toISOString() };
  }

  private forgetOld(): void {
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs) {
      if (job.status.endedAt && Date.parse(job.status.endedAt) < cutoff) this.jobs.delete(id);
    }
  }
}
