import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../shared/model.ts';
import type { ApiError, Result } from '../../shared/result.ts';
import { getApi } from './api.ts';

const POLL_MS = 250;

/**
 * Follows a long job the engine runs (a dossier export, an audit): start it, read its progress
 * every quarter second until it ends, cancel it. Unmounting stops the polling, not the job.
 */
export function useJob(onLocked: () => void) {
  const api = getApi();
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<number | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  const follow = useCallback(
    (jobId: string) => {
      const poll = async () => {
        const result = await api['jobs.status']({ jobId });
        if (!alive.current) return;
        if (!result.ok) {
          if (result.error.kind === 'locked') onLocked();
          else setError(result.error);
          return;
        }
        setStatus(result.value);
        if (result.value.state === 'running') timer.current = window.setTimeout(() => void poll(), POLL_MS);
      };
      void poll();
    },
    [api, onLocked],
  );

  const start = useCallback(
    async (begin: () => Promise<Result<{ jobId: string }>>) => {
      setError(null);
      setStatus(null);
      const begun = await begin();
      if (!alive.current) return;
      if (!begun.ok) {
        if (begun.error.kind === 'locked') onLocked();
        else setError(begun.error);
        return;
      }
      follow(begun.value.jobId);
    },
    [follow, onLocked],
  );

  const cancel = useCallback(async () => {
    if (status?.state === 'running') await api['jobs.cancel']({ jobId: status.jobId });
  }, [api, status]);

  const reset = useCallback(() => {
    setStatus(null);
    setError(null);
  }, []);

  return { status, error, start, cancel, reset, running: status?.state === 'running' };
}
