import { useCallback, useEffect, useState } from 'react';
import type { Request } from '../../../shared/contract.ts';
import type { SearchPage } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';

/** The fields already wait for a pause in typing (useDebouncedText); this only lets a burst of changes cancel each other. */
export const SEARCH_DELAY_MS = 0;
/** Results are read a page at a time; "Show more" reads the next. */
export const SEARCH_PAGE_SIZE = 100;

type SearchFilters = NonNullable<Request<'search.query'>['filters']>;
type SearchKinds = Request<'search.page'>['kinds'];

export interface SearchOptions {
  /** Only these kinds of record (a case chooser asks for cases); keep the array's identity stable. */
  kinds?: SearchKinds;
  pageSize?: number;
}

/**
 * Full-text search over the whole archive: the first page, how many there are in all, and the next
 * page on request. `filters` (and `options.kinds`) must keep their identity between renders.
 */
export function useSearch(query: string, filters: SearchFilters, { kinds, pageSize = SEARCH_PAGE_SIZE }: SearchOptions = {}) {
  const api = getApi();
  const fail = useFailure();
  const [page, setPage] = useState<SearchPage | null>(null);
  // The query the page answers: the text may have changed since, and its answer not come yet.
  const [answered, setAnswered] = useState('');
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  useEffect(() => {
    if (query === '') {
      setPage(null);
      setSearching(false);
      setSearchError(null);
      return;
    }
    let cancelled = false;
    setSearching(true);
    const timer = window.setTimeout(async () => {
      const result = await api['search.page']({ query, filters, ...(kinds ? { kinds } : {}), limit: pageSize, offset: 0 });
      if (cancelled) return;
      setSearching(false);
      if (result.ok) {
        setPage(result.value);
        setAnswered(query);
        setSearchError(null);
      } else {
        fail(result.error, setSearchError);
      }
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, query, filters, kinds, pageSize, fail]);

  const loadMore = useCallback(async () => {
    if (!page || loadingMore) return;
    setLoadingMore(true);
    const offset = page.hits.length;
    const result = await api['search.page']({ query, filters, ...(kinds ? { kinds } : {}), limit: pageSize, offset });
    setLoadingMore(false);
    if (!result.ok) return fail(result.error, setSearchError);
    // A newer query may have replaced the page meanwhile: only extend the page this one continues.
    setPage((known) => (known === page ? { ...result.value, offset: 0, hits: [...known.hits, ...result.value.hits] } : known));
  }, [api, query, filters, kinds, pageSize, fail, page, loadingMore]);

  return {
    hits: page?.hits ?? null,
    /** The query `hits` answer (not yet the one typed while `searching`). */
    answered,
    total: page?.total ?? 0,
    totalIsLowerBound: page?.totalIsLowerBound ?? false,
    searching,
    searchError,
    loadingMore,
    loadMore,
  };
}
