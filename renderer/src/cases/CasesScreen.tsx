import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CaseSummary, SearchHit } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import type { CaseTab } from '../case/tabs.ts';
import { useI18n } from '../i18n/index.tsx';
import type { CaseStatus } from '../i18n/en.ts';
import { Card } from '../ui/Card.tsx';
import { Empty, ErrorMessage, Loading } from '../ui/feedback.tsx';
import { focusFirstRow } from '../ui/roving.ts';
import { AddCase } from './AddCase.tsx';
import { CaseFilters } from './CaseFilters.tsx';
import { CaseTable } from './CaseTable.tsx';
import { countFacets, type Facets } from './facets.ts';
import type { ListState } from './list-state.ts';
import { PoaBanner } from './PoaBanner.tsx';
import { SearchResults } from './SearchResults.tsx';
import { useAllowedCases } from './useAllowedCases.ts';
import { useSearch } from './useSearch.ts';

interface Props {
  onOpen: (id: string, tab?: CaseTab) => void;
  state: ListState;
  onState: (state: ListState) => void;
  /** A person found by search opens the person page (every case and role). */
  onOpenPerson?: (id: string) => void;
}

/** The case list: search, filters, the table or the search hits, and the form that adds a case. */
export function CasesScreen({ onOpen, state, onState, onOpenPerson }: Props) {
  const { t, f } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [facets, setFacets] = useState<Record<string, Facets>>({});
  const [listError, setListError] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const hitsRef = useRef<HTMLUListElement>(null);
  const searchId = useId();
  const listHintId = useId();

  const load = useCallback(async () => {
    const result = await api['cases.list']({});
    if (!result.ok) return fail(result.error, setListError);
    setCases(result.value);
    setListError(null);
    setFacets(Object.fromEntries(result.value.map((summary) => [summary.id, { region: summary.region, articles: summary.articles }])));
  }, [api, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const query = state.query.trim();
  const filters = useMemo(() => {
    const out: { status?: CaseStatus; article?: string; region?: string; dateFrom?: string; dateTo?: string } = {};
    if (state.status) out.status = state.status as CaseStatus;
    if (state.article) out.article = state.article;
    if (state.region) out.region = state.region;
    if (state.dateFrom) out.dateFrom = state.dateFrom;
    if (state.dateTo) out.dateTo = state.dateTo;
    return out;
  }, [state.status, state.article, state.region, state.dateFrom, state.dateTo]);
  const { allowed, allowedError } = useAllowedCases(state.person.trim(), state.dateFrom, state.dateTo);
  const { hits, searching, searchError } = useSearch(query, filters);

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

  const counts = useMemo(() => countFacets(cases ?? [], facets), [cases, facets]);

  const set = (patch: Partial<ListState>) => onState({ ...state, ...patch });
  const filtered = Boolean(state.status || state.article || state.region || state.person || state.dateFrom || state.dateTo);

  const openHit = (hit: SearchHit) => {
    setOpenError(null);
    if (hit.kind === 'person' && onOpenPerson) return onOpenPerson(hit.id);
    const caseId = hit.caseIds[0];
    if (!caseId) return setOpenError(t.cases.hitNoCase);
    onOpen(caseId, hit.kind === 'case' ? 'overview' : hit.kind === 'person' ? 'people' : 'evidence');
  };

  return (
    <div className="stack">
      <PoaBanner onOpen={(id) => onOpen(id, 'poa')} />
      <Card title={t.cases.title}>
        {listError && <ErrorMessage>{listError}</ErrorMessage>}
        <CaseFilters
          id={searchId}
          hintId={listHintId}
          state={state}
          counts={counts}
          onChange={set}
          onArrowDown={() => focusFirstRow(query ? hitsRef.current : listRef.current)}
        />
        <div className="list-meta">
          <p id={listHintId} className="muted small">
            {t.cases.listHint}
          </p>
          {filtered && (
            <button
              type="button"
              className="button button-link small"
              onClick={() => set({ status: '', article: '', region: '', person: '', dateFrom: '', dateTo: '' })}
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
            searching={searching}
            searchError={searchError}
            listRef={hitsRef}
            onOpen={openHit}
          />
        ) : (
          <>
            {cases === null && !listError && <Loading label={t.cases.loading} />}
            {cases !== null && cases.length === 0 && <Empty title={t.cases.empty} hint={t.cases.emptyHint} />}
            {cases !== null && cases.length > 0 && shown.length === 0 && <Empty title={t.cases.noMatches} hint={t.cases.noMatchesHint} />}
            {cases !== null && shown.length > 0 && (
              <>
                <p className="count" role="status">
                  {t.cases.shown(f.number(shown.length), f.number(cases.length))}
                </p>
                <CaseTable cases={shown} facets={facets} bodyRef={listRef} onOpen={onOpen} />
              </>
            )}
          </>
        )}
      </Card>
      <AddCase
        onAdded={async (id) => {
          await load();
          onOpen(id);
        }}
      />
    </div>
  );
}
