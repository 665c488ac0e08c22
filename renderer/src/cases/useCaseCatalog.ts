import { useCallback, useEffect, useRef, useState } from 'react';
import type { CasePage, CaseSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { onVaultSettled } from '../api/vault-changes.ts';
import { FIRST_PAGE, peekFirstPage, takeFirstPage } from './first-page.ts';

export { FIRST_PAGE } from './first-page.ts';
/** The rest is read in stretches this long, so neither the engine nor the page is busy for long at a time. */
const STRETCH = 1000;
/** A catalog that keeps changing while it is read (an import finishing) is read again at most this often. */
const READS = 3;

export interface CaseCatalog {
  /** Every case, once all have been read; null until then. */
  cases: CaseSummary[] | null;
  /** The first rows and how many cases there are, while the rest is still being read. */
  first: { cases: CaseSummary[]; total: number } | null;
  /** How many cases have been read so far (for the progress line). */
  read: number;
  error: string | null;
  /** Read the list again if the catalog changed (after an import or a new case), keeping the one shown until the new one is whole; done by itself when a change is announced while the list is shown. */
  reload: () => Promise<void>;
}

const isWhole = (page: CasePage) => page.cases.length >= page.total;

/**
 * The case list from the engine: the first page at once (the list shows it, with the true total),
 * then the rest in stretches in the background. Sorting, filters and facet counts wait for the whole
 * list, which is kept while a case is open; on coming back one small question (the catalog's
 * revision) tells whether it must be read again.
 */
export function useCaseCatalog(visible: boolean): CaseCatalog {
  const api = getApi();
  const fail = useFailure();
  // The first page asked for at unlock, if it has come already: drawn in the very first render.
  const [early] = useState(() => (visible ? peekFirstPage(api) : null));
  const [cases, setCases] = useState<CaseSummary[] | null>(early && isWhole(early) ? early.cases : null);
  const [first, setFirst] = useState<CaseCatalog['first']>(early && !isWhole(early) ? early : null);
  const [read, setRead] = useState(early?.cases.length ?? 0);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  /** Some rows are on screen (the first page or the whole list). */
  const begun = useRef(early !== null);
  /** The revision of the whole list held, or null when none is (or it changed while being read). */
  const held = useRef<number | null>(early && isWhole(early) ? early.revision : null);
  const whole = useRef(early !== null && isWhole(early));

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const current = () => generation.current === mine;
    const asked = takeFirstPage(api);
    if (held.current !== null) {
      const probe = await api['cases.page']({ offset: 0, limit: 1 });
      if (!current()) return;
      if (!probe.ok) return fail(probe.error, setError);
      if (probe.value.revision === held.current) return;
    } else if (!begun.current) {
      const page = await (asked?.answer ?? api['cases.page']({ offset: 0, limit: FIRST_PAGE }));
      if (!current()) return;
      if (!page.ok) return fail(page.error, setError);
      begun.current = true;
      if (isWhole(page.value)) {
        // A small archive is whole in its first page.
        whole.current = true;
        held.current = page.value.revision;
        setCases(page.value.cases);
        setError(null);
        return;
      }
      setFirst(page.value);
      setRead(page.value.cases.length);
    }
    for (let attempt = 1; ; attempt++) {
      const all: CaseSummary[] = [];
      let revision: number | null = null;
      let moved = false;
      for (;;) {
        const stretch = await api['cases.page']({ offset: all.length, limit: STRETCH });
        if (!current()) return;
        if (!stretch.ok) return fail(stretch.error, setError);
        revision ??= stretch.value.revision;
        moved ||= stretch.value.revision !== revision;
        // Changed while being read: the stretches may miss or repeat a case, so read them again (the
        // last time through, the list is finished as read and marked for reading on the next return).
        if (moved && attempt < READS) break;
        all.push(...stretch.value.cases);
        if (!whole.current) setRead(all.length);
        if (stretch.value.cases.length < STRETCH || all.length >= stretch.value.total) break;
      }
      if (moved && attempt < READS) continue;
      whole.current = true;
      held.current = moved ? null : revision;
      setCases(all);
      setFirst(null);
      setError(null);
      return;
    }
  }, [api, fail]);

  // Read on opening, and on coming back from a case (an import there changes its item count).
  useEffect(() => {
    if (visible) void reload();
  }, [reload, visible]);
  // An import, or a received package, that ends while the list is shown changes its counts or adds cases.
  useEffect(() => (visible ? onVaultSettled(() => void reload()) : undefined), [reload, visible]);
  // A list still being read when the screen goes away is not finished into a stale state.
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  return { cases, first, read, error, reload };
}
