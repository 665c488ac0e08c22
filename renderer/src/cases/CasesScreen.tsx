import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { SearchHit } from '../../../shared/model.ts';
import type { SearchFilters } from '../../../shared/schemas.ts';
import type { CaseTab } from '../case/tabs.ts';
import { useI18n } from '../i18n/index.tsx';
import type { CaseStatus } from '../i18n/en.ts';
import { Card } from '../ui/Card.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';
import { focusFirstRow } from '../ui/roving.ts';
import { AddCase } from './AddCase.tsx';
import { CaseFilters } from './CaseFilters.tsx';
import { CaseList } from './CaseList.tsx';
import { countFacets, type Facets } from './facets.ts';
import type { ListState } from './list-state.ts';
import { PoaBanner } from './PoaBanner.tsx';
import { sortCases, type CaseSort } from './sort.ts';
import { SearchResults } from './SearchResults.tsx';
import { useAllowedCases } from './useAllowedCases.ts';
import { useCaseCatalog } from './useCaseCatalog.ts';
import { useSearch } from './useSearch.ts';

interface Props {
  onOpen: (id: string, tab?: CaseTab) => void;
  state: ListState;
  onState: Dispatch<SetStateAction<ListState>>;
  /** A person found by search opens the person page (every case and role). */
  onOpenPerson?: (id: string) => void;
  /** False while a case or person is open: the list stays mounted (data, scroll position) but out of sight. */
  visible: boolean;
}

/** The case list: search, filters, the table or the search hits, and the form that adds a case. */
export function CasesScreen({ onOpen, state, onState, onOpenPerson, visible }: Props) {
  const { t, locale } = useI18n();
  const catalog = useCaseCatalog(visible);
  const { cases } = catalog;
  const facets = useMemo(
    () => Object.fromEntries((cases ?? []).map((summary) => [summary.id, { region: summary.region, articles: summary.articles }])),
    [cases],
  ) as Record<string, Facets>;
  const [openError, setOpenError] = useState<string | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const hitsRef = useRef<HTMLUListElement>(null);
  const searchId = useId();
  const listHintId = useId();
  const listError = catalog.error;

  const query = state.query.trim();
  const filters = useMemo(() => {
    const out: SearchFilters = {};
    if (state.status) out.status = state.status as CaseStatus;
    if (state.article) out.article = state.article;
    if (state.region) out.region = state.region;
    if (state.dateFrom) out.dateFrom = state.dateFrom;
    if (state.dateTo) out.dateTo = state.dateTo;
    if (state.role) out.role = state.role as SearchFilters['role'];
    if (state.itemType) out.itemType = state.itemType as SearchFilters['itemType'];
    return out;
  }, [state.status, state.article, state.region, state.dateFrom, state.dateTo, state.role, state.itemType]);
  // Search hits are filtered by role and type in the engine; only the plain list needs the cases that pass.
  const { allowed, allowedError } = useAllowedCases({
    person: state.person.trim(),
    dateFrom: state.dateFrom,
    dateTo: state.dateTo,
    role: query ? '' : state.role,
    itemType: query ? '' : state.itemType,
  });
  const search = useSearch(query, filters);
  const { hits } = search;

  const shown = useMemo(() => {
    if (!cases) return [];
    return cases.filter((c) => {
      if (state.status && c.status !== state.status) return false;
      const facet = facets[c.id];
      if (state.article && !facet?.articles.includes(state.article)) return false;
      if (state.region && facet?.region !== state.region) return false;
      if (allowed && !allowed.has(c.id)) return false;
      return true;
    });
  }, [cases, facets, state.status, state.article, state.region, allowed]);

  // Search hits honour the person filter through the cases they belong to.
  const shownHits = useMemo(
    () => (hits && allowed ? hits.filter((hit) => hit.caseIds.some((id) => allowed.has(id))) : hits),
    [hits, allowed],
  );

  const sorted = useMemo(() => sortCases(shown, facets, state.sort, locale, t), [shown, facets, state.sort, locale, t]);

  const counts = useMemo(() => countFacets(cases ?? [], facets), [cases, facets]);

  const set = useCallback((patch: Partial<ListState>) => onState((known) => ({ ...known, ...patch })), [onState]);
  const setSort = useCallback((sort: CaseSort) => set({ sort }), [set]);
  const kept = useKeptScroll(visible);
  const latestOpen = useRef(onOpen);
  latestOpen.current = onOpen;
  const openCase = useCallback(
    (id: string, tab?: CaseTab) => {
      kept.remember();
      latestOpen.current(id, tab);
    },
    [kept.remember],
  );
  const focusList = useCallback(() => focusFirstRow(query ? hitsRef.current : listRef.current), [query]);
  const filtered = Boolean(
    state.status || state.article || state.region || state.person || state.role || state.itemType || state.dateFrom || state.dateTo,
  );

  const latestOpenPerson = useRef(onOpenPerson);
  latestOpenPerson.current = onOpenPerson;
  const openHit = useCallback(
    (hit: SearchHit) => {
      setOpenError(null);
      const openPerson = latestOpenPerson.current;
      if (hit.kind === 'person' && openPerson) {
        kept.remember();
        return openPerson(hit.id);
      }
      const caseId = hit.caseIds[0];
      if (!caseId) return setOpenError(t.cases.hitNoCase);
      openCase(caseId, hit.kind === 'case' ? 'overview' : hit.kind === 'person' ? 'people' : 'evidence');
    },
    [openCase, kept.remember, t],
  );

  return (
    <div className="stack" hidden={!visible} ref={kept.screen}>
      <PoaBanner onOpen={(id) => openCase(id, 'poa')} />
      <Card title={t.cases.title}>
        {listError && <ErrorMessage>{listError}</ErrorMessage>}
        <CaseFilters id={searchId} hintId={listHintId} state={state} counts={counts} onChange={set} onArrowDown={focusList} />
        <div className="list-meta">
          <p id={listHintId} className="muted small">
            {t.cases.listHint}
          </p>
          {filtered && (
            <button
              type="button"
              className="button button-link small"
              onClick={() => set({ status: '', article: '', region: '', person: '', role: '', itemType: '', dateFrom: '', dateTo: '' })}
            >
              {t.cases.clearFilters}
            </button>
          )}
        </div>
        {openError && <ErrorMessage>{openError}</ErrorMessage>}
        {allowedError && <ErrorMessage>{allowedError}</ErrorMessage>}
        {query !== '' ? (
          <SearchResults
            query={query}
            hits={shownHits}
            // Narrowed here by the person or date filter, the engine's count no longer applies.
            total={allowed ? null : search.total}
            totalIsLowerBound={search.totalIsLowerBound}
            searching={search.searching}
            searchError={search.searchError}
            loadingMore={search.loadingMore}
            onMore={allowed ? null : () => void search.loadMore()}
            listRef={hitsRef}
            onOpen={openHit}
          />
        ) : (
          <CaseList
            catalog={catalog}
            shown={shown}
            sorted={sorted}
            facets={facets}
            sort={state.sort}
            narrowed={filtered || state.sort !== null}
            onSort={setSort}
            bodyRef={listRef}
            onOpen={openCase}
          />
        )}
      </Card>
      <AddCase
        onAdded={async (id) => {
          await catalog.reload();
          onOpen(id);
        }}
      />
    </div>
  );
}

/**
 * Where the page and the list box were scrolled to when a case was opened, put back when the list
 * shows again (it stays mounted, but a hidden box can lose its scroll offset).
 */
function useKeptScroll(visible: boolean) {
  const screen = useRef<HTMLDivElement>(null);
  const saved = useRef<{ page: number; boxes: Map<string, number> } | null>(null);
  const remember = useCallback(() => {
    const boxes = new Map<string, number>();
    for (const box of screen.current?.querySelectorAll<HTMLElement>('[data-scroller]') ?? [])
      boxes.set(box.dataset.scroller!, box.scrollTop);
    saved.current = { page: window.scrollY, boxes };
  }, []);
  useLayoutEffect(() => {
    const kept = saved.current;
    if (!visible || !kept) return;
    for (const box of screen.current?.querySelectorAll<HTMLElement>('[data-scroller]') ?? []) {
      box.scrollTop = kept.boxes.get(box.dataset.scroller!) ?? box.scrollTop;
    }
    if (window.scrollY !== kept.page) window.scrollTo(0, kept.page);
  }, [visible]);
  return useMemo(() => ({ screen, remember }), [remember]);
}
