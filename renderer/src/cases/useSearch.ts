import { useEffect, useState } from 'react';
import type { Request } from '../../../shared/contract.ts';
import type { SearchHit } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';

export const SEARCH_DELAY_MS = 200;

type SearchFilters = NonNullable<Request<'search.query'>['filters']>;

/** Full-text search over the whole archive, a short pause after the last keystroke. */
export function useSearch(query: string, filters: SearchFilters) {
  const api = getApi();
  const fail = useFailure();
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  useEffect(() => {
    if (query === '') {
      setHits(null);
      setSearching(false);
      setSearchError(null);
      return;
    }
    let cancelled = false;
    setSearching(true);
    const timer = window.setTimeout(async () => {
      const result = await api['search.query']({ query, filters, limit: 100 });
      if (cancelled) return;
      setSearching(false);
      if (result.ok) {
        setHits(result.value);
        setSearchError(null);
      } else {
        fail(result.error, setSearchError);
      }
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, query, filters, fail]);
  return { hits, searching, searchError };
}
