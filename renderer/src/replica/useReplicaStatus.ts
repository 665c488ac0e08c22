import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplicaView } from '../../../shared/replica.ts';
import { getApi } from '../api/client.ts';
import { onVaultChanged } from '../api/vault-changes.ts';
import type { ApiError } from '../../../shared/result.ts';

/**
 * The replica's state as the engine reports it, read at once, after each change of the vault and
 * every `everyMs` (for "written 2 minutes ago" and Syncthing's progress). `replica.status` is a
 * passive call: the polling never keeps the vault from locking itself.
 */
export function useReplicaStatus(everyMs: number) {
  const [view, setView] = useState<ReplicaView | null>(null);
  // Kept as the engine's answer and worded where it is shown, in the language shown then.
  const [error, setError] = useState<ApiError | null>(null);
  const live = useRef(true);

  const read = useCallback(async () => {
    const result = await getApi()['replica.status']({});
    if (!live.current) return;
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error);
  }, []);

  useEffect(() => {
    live.current = true;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    void read();
    const every = setInterval(() => void read(), everyMs);
    // A batch import finishes many files in a row: one read after the last.
    const stop = onVaultChanged(() => {
      clearTimeout(debounce);
      debounce = setTimeout(() => void read(), 300);
    });
    return () => {
      live.current = false;
      clearInterval(every);
      clearTimeout(debounce);
      stop();
    };
  }, [read, everyMs]);

  return { view, error, refresh: read, show: setView };
}
