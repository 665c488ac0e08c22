import { useEffect, useState } from 'react';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { SEARCH_DELAY_MS } from './useSearch.ts';

/**
 * The person and date filters need the engine: which cases a person (in any spelling) is in, and
 * which cases have a status change or an event in the date range. `allowed` is null when there is no
 * such filter.
 */
export function useAllowedCases(person: string, dateFrom: string, dateTo: string) {
  const api = getApi();
  const fail = useFailure();
  const [allowed, setAllowed] = useState<Set<string> | null>(null);
  const [allowedError, setAllowedError] = useState<string | null>(null);
  useEffect(() => {
    if (!person && !dateFrom && !dateTo) {
      setAllowed(null);
      setAllowedError(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      let ids: Set<string> | null = null;
      const narrow = (next: string[]) => {
        ids = ids === null ? new Set(next) : new Set(next.filter((id) => ids!.has(id)));
      };
      if (person) {
        const found = await api['search.query']({ query: person, kinds: ['person'], limit: 10_000 });
        if (cancelled) return;
        if (!found.ok) return fail(found.error, setAllowedError);
        narrow(found.value.flatMap((hit) => hit.caseIds));
      }
      if (dateFrom || dateTo) {
        const dated = await api['search.query']({
          query: '',
          kinds: ['case'],
          filters: { ...(dateFrom ? { dateFrom } : {}), ...(dateTo ? { dateTo } : {}) },
          limit: 10_000,
        });
        if (cancelled) return;
        if (!dated.ok) return fail(dated.error, setAllowedError);
        narrow(dated.value.map((hit) => hit.id));
      }
      setAllowedError(null);
      setAllowed(ids);
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, person, dateFrom, dateTo, fail]);
  return { allowed, allowedError };
}
