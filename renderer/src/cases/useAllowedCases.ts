import { useEffect, useState } from 'react';
import type { Request } from '../../../shared/contract.ts';
import type { SearchFilters } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { SEARCH_DELAY_MS } from './useSearch.ts';

export interface EngineFilters {
  person: string;
  dateFrom: string;
  dateTo: string;
  role: string;
  itemType: string;
}

type Role = NonNullable<SearchFilters['role']>;
type ItemType = NonNullable<SearchFilters['itemType']>;

/**
 * The person, date, role and evidence-type filters need the engine: which cases a person (in any
 * spelling) is in, which have a status change or an event in the date range, a person in the role,
 * or an item of the type. `allowed` is null when there is no such filter.
 */
export function useAllowedCases({ person, dateFrom, dateTo, role, itemType }: EngineFilters) {
  const api = getApi();
  const fail = useFailure();
  const [allowed, setAllowed] = useState<Set<string> | null>(null);
  const [allowedError, setAllowedError] = useState<string | null>(null);
  useEffect(() => {
    // Each filter is one engine query; a case must pass them all. Every hit names its cases: a case
    // itself, a person's cases, and every case an item belongs to (filed under or linked).
    const queries: Array<Request<'search.query'>> = [];
    const only = (kinds: Array<'case' | 'person' | 'item'>, filters: SearchFilters) =>
      queries.push({ query: '', kinds, filters, limit: 10_000 });
    if (person) queries.push({ query: person, kinds: ['person'], limit: 10_000 });
    if (dateFrom || dateTo) only(['case'], { ...(dateFrom ? { dateFrom } : {}), ...(dateTo ? { dateTo } : {}) });
    if (role) only(['case'], { role: role as Role });
    if (itemType) only(['item'], { itemType: itemType as ItemType });
    if (queries.length === 0) {
      setAllowed(null);
      setAllowedError(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      let ids: Set<string> | null = null;
      for (const request of queries) {
        const found = await api['search.query'](request);
        if (cancelled) return;
        if (!found.ok) return fail(found.error, setAllowedError);
        const next = found.value.flatMap((hit) => hit.caseIds);
        ids = ids === null ? new Set(next) : new Set(next.filter((id) => ids!.has(id)));
      }
      setAllowedError(null);
      setAllowed(ids);
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, person, dateFrom, dateTo, role, itemType, fail]);
  return { allowed, allowedError };
}
