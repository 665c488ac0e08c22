import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../shared/model.ts';
import type { Result } from '../../../shared/result.ts';
import { getApi } from './client.ts';
import { useFailure } from './locked.tsx';

const POLL_MS = 250;

/**
 * Follows a long job the engine runs (a dossier export, an audit): start it, read its progress
 * every quarter second until it ends, cancel it. Unmounting stops the polling, not the job.
 */
export function useJob() {
  const api = getApi();
  const fail = useFailure();
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        if (!result.ok) return fail(result.error, setError);
        setStatus(result.value);
        if (result.value.state === 'running') timer.current = window.setTimeout(() => void poll(), POLL_MS);
      };
      void poll();
    },
    [api, fail],
  );

  const start = useCallback(
    async (begin: () => Promise<Result<{ jobId: string }>>) => {
      setError(null);
      setStatus(null);
      const begun = await begin();
      if (!alive.current) return;
      if (!begun.ok) return fail(begun.error, setError);
      follow(begun.value.jobId);
    },
    [follow, fail],
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
