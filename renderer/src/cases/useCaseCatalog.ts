import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';

/** Enough rows to fill the list box at once; the engine works these out in a few milliseconds. */
export const FIRST_PAGE = 60;
/** The rest is read in stretches this long, so neither the engine nor the page is busy for long at a time. */
const STRETCH = 1000;

export interface CaseCatalog {
  /** Every case, once all have been read; null until then. */
  cases: CaseSummary[] | null;
  /** The first rows and how many cases there are, while the rest is still being read. */
  first: { cases: CaseSummary[]; total: number } | null;
  /** How many cases have been read so far (for the progress line). */
  read: number;
  error: string | null;
  /** Read the list again (after an import or a new case), keeping the one shown until the new one is whole. */
  reload: () => Promise<void>;
}

/**
 * The case list from the engine: the first page at once (the list shows it, with the true total),
 * then the rest in stretches in the background. Sorting, filters and facet counts wait for the whole
 * list, which is kept while a case is open and read again when the list shows.
 */
export function useCaseCatalog(visible: boolean): CaseCatalog {
  const api = getApi();
  const fail = useFailure();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [first, setFirst] = useState<CaseCatalog['first']>(null);
  const [read, setRead] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const known = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const current = () => generation.current === mine;
    if (!known.current) {
      const page = await api['cases.page']({ offset: 0, limit: FIRST_PAGE });
      if (!current()) return;
      if (!page.ok) return fail(page.error, setError);
      if (page.value.cases.length < page.value.total) {
        setFirst(page.value);
        setRead(page.value.cases.length);
      } else {
        // A small archive is whole in its first page.
        known.current = true;
        setCases(page.value.cases);
        setError(null);
        return;
      }
    }
    const all: CaseSummary[] = [];
    for (;;) {
      const stretch = await api['cases.page']({ offset: all.length, limit: STRETCH });
      if (!current()) return;
      if (!stretch.ok) return fail(stretch.error, setError);
      all.push(...stretch.value.cases);
      if (!known.current) setRead(all.length);
      if (stretch.value.cases.length < STRETCH || all.length >= stretch.value.total) break;
    }
    known.current = true;
    setCases(all);
    setFirst(null);
    setError(null);
  }, [api, fail]);

  // Read on opening, and again in the background on coming back from a case (an import changes its item count).
  useEffect(() => {
    if (visible) void reload();
  }, [reload, visible]);
  // A list still being read when the screen goes away is not finished into a stale state.
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  return { cases, first, read, error, reload };
}
