import { useEffect, useState } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';

/** The vault's cases for the exchange panels' choosers (a failure becomes one sentence in `error`). */
export function useCases(): { cases: CaseSummary[]; error: string | null } {
  const api = getApi();
  const fail = useFailure();
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api['cases.list']({}).then((result) => {
      if (!current) return;
      if (result.ok) setCases(result.value);
      else fail(result.error, setError);
    });
    return () => {
      current = false;
    };
  }, [api, fail]);
  return { cases, error };
}
