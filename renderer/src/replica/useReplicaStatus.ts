import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplicaView } from '../../../shared/replica.ts';
import { getApi } from '../api/client.ts';
import { onVaultSettled } from '../api/vault-changes.ts';
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
    void read();
    const every = setInterval(() => void read(), everyMs);
    const stop = onVaultSettled(() => void read());
    return () => {
      live.current = false;
      clearInterval(every);
      stop();
    };
  }, [read, everyMs]);

  return { view, error, refresh: read, show: setView };
}
