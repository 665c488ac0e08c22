import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type Ref } from 'react';
import type { CaseSummary, PowerOfAttorney, SearchHit } from '../../shared/model.ts';
import type { ApiError } from '../../shared/result.ts';
import { getApi } from './api.ts';
import type { CaseTab } from './CaseView.tsx';
import { useI18n } from './i18n/index.tsx';
import type { CaseStatus, Confidentiality } from './i18n/en.ts';
import {
  Card,
  describeError,
  Empty,
  ErrorMessage,
  Field,
  focusFirstRow,
  Highlighted,
  Loading,
  rovingKeyDown,
  SafeName,
  SelectField,
  SubmitButton,
} from './ui.tsx';
import type { ListState } from './Workspace.tsx';

const ARTICLE = /^\d{1,4}(\.\d{1,3})?$/;
const SEARCH_DELAY_MS = 200;

/** What the list filters need beyond `cases.list`: the region and the charged articles of each case. */
interface Facets {
  region: string | null;
  articles: string[];
}

interface Props {
  onLocked: () => void;
  onOpen: (id: string, tab?: CaseTab) => void;
  state: ListState;
  onState: (state: ListState) => void;
}

export function CasesScreen({ onLocked, onOpen, state, onState }: Props) {
  const { t, f } = useI18n();
  const api = getApi();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [facets, setFacets] = useState<Record<string, Facets>>({});
  const [listError, setListError] = useState<string | null>(null);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const hitsRef = useRef<HTMLUListElement>(null);
  const searchId = useId();
  const listHintId = useId();

  const fail = useCallback(
    (error: ApiError, set: (message: string) => void) => {
      if (error.kind === 'locked') onLocked();
      else set(describeError(t, error));
    },
    [onLocked, t],
  );

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
  const person = state.person.trim();
  const filters = useMemo(() => {
    const out: { status?: CaseStatus; article?: string; region?: string; dateFrom?: string; dateTo?: string } = {};
    if (state.status) out.status = state.status as CaseStatus;
    if (state.article) out.article = state.article;
    if (state.region) out.region = state.region;
    if (state.dateFrom) out.dateFrom = state.dateFrom;
    if (state.dateTo) out.dateTo = state.dateTo;
    return out;
  }, [state.status, state.article, state.region, state.dateFrom, state.dateTo]);

  // The person and date filters need the engine: which cases a person (in any spelling) is in, and
  // which cases have a status change or an event in the date range. Null: no such filter.
  const [allowed, setAllowed] = useState<Set<string> | null>(null);
  const [allowedError, setAllowedError] = useState<string | null>(null);
  useEffect(() => {
    if (!person && !state.dateFrom && !state.dateTo) {
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
      if (state.dateFrom || state.dateTo) {
        const dated = await api['search.query']({
          query: '',
          kinds: ['case'],
          filters: { ...(state.dateFrom ? { dateFrom: state.dateFrom } : {}), ...(state.dateTo ? { dateTo: state.dateTo } : {}) },
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
  }, [api, person, state.dateFrom, state.dateTo, fail]);

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

  const counts = useMemo(() => {
    const status = new Map<string, number>();
    const article = new Map<string, number>();
    const region = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const c of cases ?? []) {
      if (c.status) bump(status, c.status);
      const facet = facets[c.id];
      if (facet?.region) bump(region, facet.region);
      for (const a of facet?.articles ?? []) bump(article, a);
    }
    return { status, article, region };
  }, [cases, facets]);

  const set = (patch: Partial<ListState>) => onState({ ...state, ...patch });
  const filtered = Boolean(state.status || state.article || state.region || state.person || state.dateFrom || state.dateTo);

  const openHit = async (hit: SearchHit) => {
    setOpenError(null);
    const caseId = hit.caseIds[0];
    if (!caseId) return setOpenError(t.cases.hitNoCase);
    onOpen(caseId, hit.kind === 'case' ? 'overview' : hit.kind === 'person' ? 'people' : 'evidence');
  };

  const byCollator = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  const statusOptions = [
    { value: '', label: t.cases.filterAny },
    ...(Object.keys(t.labels.status) as CaseStatus[])
      .filter((s) => counts.status.has(s) || state.status === s)
      .map((s) => ({ value: s, label: t.cases.filterCount(t.labels.status[s], f.number(counts.status.get(s) ?? 0)) })),
  ];
  const articleOptions = [
    { value: '', label: t.cases.filterAny },
    ...[...counts.article.keys()]
      .sort(byCollator)
      .map((a) => ({ value: a, label: t.cases.filterCount(t.cases.articleOption(a), f.number(counts.article.get(a)!)) })),
  ];
  const regionOptions = [
    { value: '', label: t.cases.filterAny },
    ...[...counts.region.keys()]
      .sort(byCollator)
      .map((r) => ({ value: r, label: t.cases.filterCount(r, f.number(counts.region.get(r)!)) })),
  ];

  return (
    <div className="stack">
      <PoaBanner onLocked={onLocked} onOpen={(id) => onOpen(id, 'poa')} />
      <Card title={t.cases.title}>
        {listError && <ErrorMessage>{listError}</ErrorMessage>}
        <div className="toolbar" role="search">
          <div className="field field-search">
            <label htmlFor={searchId}>{t.cases.search}</label>
            <input
              id={searchId}
              type="search"
              className="input"
              value={state.query}
              placeholder={t.cases.searchPlaceholder}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => set({ query: event.target.value })}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  focusFirstRow(query ? hitsRef.current : listRef.current);
                }
              }}
              aria-describedby={listHintId}
            />
          </div>
          <SelectField
            className="field-filter"
            label={t.cases.filterStatus}
            value={state.status}
            onChange={(status) => set({ status })}
            options={statusOptions}
          />
          <SelectField
            className="field-filter"
            label={t.cases.filterArticle}
            value={state.article}
            onChange={(article) => set({ article })}
            options={articleOptions}
          />
          <SelectField
            className="field-filter"
            label={t.cases.filterRegion}
            value={state.region}
            onChange={(region) => set({ region })}
            options={regionOptions}
          />
          <div className="field field-filter">
            <label htmlFor={`${searchId}-person`}>{t.cases.filterPerson}</label>
            <input
              id={`${searchId}-person`}
              type="text"
              className="input"
              value={state.person}
              placeholder={t.cases.filterPersonPlaceholder}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => set({ person: event.target.value })}
            />
          </div>
          <div className="field field-filter">
            <label htmlFor={`${searchId}-from`}>{t.cases.filterFrom}</label>
            <input
              id={`${searchId}-from`}
              type="date"
              className="input"
              autoComplete="off"
              value={state.dateFrom}
              max={state.dateTo || undefined}
              onChange={(event) => set({ dateFrom: event.target.value })}
            />
          </div>
          <div className="field field-filter">
            <label htmlFor={`${searchId}-to`}>{t.cases.filterTo}</label>
            <input
              id={`${searchId}-to`}
              type="date"
              className="input"
              autoComplete="off"
              value={state.dateTo}
              min={state.dateFrom || undefined}
              onChange={(event) => set({ dateTo: event.target.value })}
            />
          </div>
        </div>
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
          <>
            {searchError && <ErrorMessage>{searchError}</ErrorMessage>}
            {searching && hits === null && <Loading label={t.cases.searching} />}
            {shownHits !== null && shownHits.length === 0 && !searching && (
              <Empty title={t.cases.noHits(query)} hint={t.cases.noHitsHint} />
            )}
            {shownHits !== null && shownHits.length > 0 && (
              <>
                <p className="count" role="status" aria-busy={searching}>
                  {t.cases.hitCount(shownHits.length, f.number(shownHits.length))}
                </p>
                <ul
                  className="hits"
                  aria-label={t.cases.hitsLabel}
                  ref={hitsRef}
                  onKeyDown={(event) => rovingKeyDown(event, (i) => void openHit(shownHits[i]!))}
                >
                  {shownHits.map((hit, index) => (
                    <li
                      key={`${hit.kind}:${hit.id}`}
                      className="hit"
                      data-row=""
                      tabIndex={index === 0 ? 0 : -1}
                      onClick={() => void openHit(hit)}
                      data-testid="search-hit"
                    >
                      <span className={`badge badge-${hit.kind}`}>{t.cases.hitKind[hit.kind]}</span>
                      <span className="hit-body">
                        <SafeName className="hit-title" text={hit.title} />
                        <span className="hit-snippet">
                          <Highlighted text={hit.snippet} />
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
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
        onLocked={onLocked}
        onAdded={async () => {
          await load();
        }}
      />
    </div>
  );
}

function CaseTable({
  cases,
  facets,
  bodyRef,
  onOpen,
}: {
  cases: CaseSummary[];
  facets: Record<string, Facets>;
  bodyRef: Ref<HTMLTableSectionElement>;
  onOpen: (id: string) => void;
}) {
  const { t, f } = useI18n();
  const captionId = useId();
  return (
    <table className="table cases" aria-labelledby={captionId}>
      <caption id={captionId} className="visually-hidden">
        {t.cases.listLabel}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t.cases.columnTitle}</th>
          <th scope="col">{t.cases.columnReference}</th>
          <th scope="col">{t.cases.columnStatus}</th>
          <th scope="col">{t.cases.columnRegion}</th>
          <th scope="col" className="numeric">
            {t.cases.columnItems}
          </th>
          <th scope="col" className="numeric">
            {t.cases.columnCreated}
          </th>
        </tr>
      </thead>
      <tbody ref={bodyRef} onKeyDown={(event) => rovingKeyDown(event, (i) => onOpen(cases[i]!.id))}>
        {cases.map((item, index) => (
          <tr key={item.id} data-row="" tabIndex={index === 0 ? 0 : -1} className="row-link" onClick={() => onOpen(item.id)}>
            <th scope="row" className="case-title">
              <SafeName text={item.title} />
            </th>
            <td className={item.reference ? 'case-reference' : 'case-reference muted'}>{item.reference ?? t.cases.noReference}</td>
            <td>{item.status ? <StatusBadge status={item.status} /> : <span className="muted">{t.cases.noValue}</span>}</td>
            <td>{facets[item.id]?.region ?? <span className="muted">{t.cases.noValue}</span>}</td>
            <td className="numeric">{t.cases.itemCount(item.itemCount, f.number(item.itemCount))}</td>
            <td className="numeric">{f.date(item.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = (t.labels.status as Record<string, string>)[status] ?? status;
  return <span className={`badge badge-status badge-${status}`}>{label}</span>;
}

function PoaBanner({ onLocked, onOpen }: { onLocked: () => void; onOpen: (caseId: string) => void }) {
  const { t, f } = useI18n();
  const api = getApi();
  const [list, setList] = useState<PowerOfAttorney[]>([]);
  useEffect(() => {
    let cancelled = false;
    void api['poa.list']({ expiringWithinDays: 30 }).then((result) => {
      if (cancelled) return;
      if (result.ok) setList(result.value.filter((p) => p.state === 'expiring' || p.state === 'expired'));
      else if (result.error.kind === 'locked') onLocked();
    });
    return () => {
      cancelled = true;
    };
  }, [api, onLocked]);
  if (list.length === 0) return null;
  return (
    <section className="banner banner-warning" role="alert" data-testid="poa-banner">
      <p className="banner-title">{t.cases.poaBanner(list.length, f.number(list.length))}</p>
      <ul className="banner-list">
        {list.map((poa) => (
          <li key={poa.id}>
            <button type="button" className="button button-link" onClick={() => onOpen(poa.caseId)}>
              {t.cases.poaEntry(poa.grantorName, poa.caseTitle)}
            </button>{' '}
            <span className={poa.state === 'expired' ? 'poa-expired' : 'poa-expiring'}>
              {poa.state === 'expired' ? t.labels.poaState.expired : t.cases.poaUntil(f.partialDate(poa.validUntil))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface ChargeDraft {
  key: number;
  article: string;
  part: string;
  title: string;
}

function AddCase({ onLocked, onAdded }: { onLocked: () => void; onAdded: () => Promise<void> }) {
  const { t } = useI18n();
  const api = getApi();
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [status, setStatus] = useState('');
  const [statusOther, setStatusOther] = useState('');
  const [statusSince, setStatusSince] = useState('');
  const [region, setRegion] = useState('');
  const [city, setCity] = useState('');
  const [narrative, setNarrative] = useState('');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>('public');
  const [charges, setCharges] = useState<ChargeDraft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<{ title?: string; statusOther?: string; charges?: Record<number, string> }>({});
  const [addError, setAddError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const narrativeId = useId();

  const reset = () => {
    setTitle('');
    setReference('');
    setStatus('');
    setStatusOther('');
    setStatusSince('');
    setRegion('');
    setCity('');
    setNarrative('');
    setConfidentiality('public');
    setCharges([]);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    setAddError(null);
    const cleanTitle = title.trim();
    const found: typeof errors = {};
    if (cleanTitle === '') found.title = t.cases.titleRequired;
    if (status === 'other' && statusOther.trim() === '') found.statusOther = t.cases.statusOtherRequired;
    const chargeErrors: Record<number, string> = {};
    for (const charge of charges) if (!ARTICLE.test(charge.article.trim())) chargeErrors[charge.key] = t.cases.articleInvalid;
    if (Object.keys(chargeErrors).length) found.charges = chargeErrors;
    setErrors(found);
    if (found.title) {
      titleRef.current?.focus();
      return;
    }
    if (found.statusOther || found.charges) return;
    setBusy(true);
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const result = await api['cases.add']({
      title: cleanTitle,
      reference: optional(reference),
      status: (status || undefined) as CaseStatus | undefined,
      statusOther: status === 'other' ? optional(statusOther) : undefined,
      statusSince: status ? optional(statusSince) : undefined,
      region: optional(region),
      city: optional(city),
      narrative: optional(narrative),
      confidentiality,
      charges: charges.map((c) => ({ code: 'Criminal Code', article: c.article.trim(), part: optional(c.part), title: optional(c.title) })),
    });
    if (!result.ok) {
      setBusy(false);
      if (result.error.kind === 'locked') return onLocked();
      setAddError(describeError(t, result.error));
      return;
    }
    await onAdded();
    setBusy(false);
    reset();
    setNotice(t.cases.added(cleanTitle));
    requestAnimationFrame(() => titleRef.current?.focus());
  };

  const updateCharge = (key: number, patch: Partial<ChargeDraft>) => {
    setCharges((list) => list.map((c) => (c.key === key ? { ...c, ...patch } : c)));
    if ('article' in patch && errors.charges?.[key]) {
      const rest = { ...errors.charges };
      delete rest[key];
      setErrors({ ...errors, charges: rest });
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.cases.addTitle}</h2>
      <form onSubmit={(event) => void add(event)} noValidate autoComplete="off" aria-busy={busy}>
        <fieldset disabled={busy}>
          <div className="grid grid-2">
            <Field
              label={t.cases.caseTitle}
              value={title}
              onChange={(value) => {
                setTitle(value);
                setErrors((e) => ({ ...e, title: undefined }));
              }}
              error={errors.title}
              autoComplete="off"
              inputRef={titleRef}
              required
              maxLength={500}
            />
            <Field
              label={t.cases.reference}
              value={reference}
              onChange={setReference}
              hint={t.cases.referenceHint}
              autoComplete="off"
              maxLength={200}
            />
          </div>
          <div className={status === 'other' ? 'grid grid-4' : 'grid grid-3'}>
            <SelectField
              label={t.cases.status}
              value={status}
              onChange={setStatus}
              options={[
                { value: '', label: t.cases.statusNone },
                ...(Object.keys(t.labels.status) as CaseStatus[]).map((s) => ({ value: s, label: t.labels.status[s] })),
              ]}
            />
            {status === 'other' && (
              <Field label={t.cases.statusOther} value={statusOther} onChange={setStatusOther} error={errors.statusOther} maxLength={200} />
            )}
            <Field label={t.cases.statusSince} type="date" value={statusSince} onChange={setStatusSince} />
            <SelectField
              label={t.cases.confidentiality}
              value={confidentiality}
              onChange={(value) => setConfidentiality(value as Confidentiality)}
              options={(Object.keys(t.labels.confidentiality) as Confidentiality[]).map((c) => ({
                value: c,
                label: t.labels.confidentiality[c],
              }))}
            />
          </div>
          <div className="grid grid-2">
            <Field label={t.cases.region} value={region} onChange={setRegion} autoComplete="off" maxLength={200} />
            <Field label={t.cases.city} value={city} onChange={setCity} autoComplete="off" maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor={narrativeId}>{t.cases.narrative}</label>
            <textarea
              autoComplete="off"
              id={narrativeId}
              className="input"
              rows={3}
              value={narrative}
              onChange={(event) => setNarrative(event.target.value)}
              aria-describedby={`${narrativeId}-hint`}
            />
            <p className="field-hint" id={`${narrativeId}-hint`}>
              {t.cases.narrativeHint}
            </p>
          </div>
          <fieldset className="charges">
            <legend>{t.cases.charges}</legend>
            {charges.length === 0 && <p className="muted small">{t.cases.noCharges}</p>}
            {charges.map((charge, index) => (
              <div key={charge.key} className="charge-row">
                <Field
                  label={t.cases.chargeArticle}
                  value={charge.article}
                  onChange={(article) => updateCharge(charge.key, { article })}
                  hint={t.cases.chargeArticleHint}
                  error={errors.charges?.[charge.key]}
                  maxLength={8}
                />
                <Field
                  label={t.cases.chargePart}
                  value={charge.part}
                  onChange={(part) => updateCharge(charge.key, { part })}
                  maxLength={20}
                />
                <Field
                  label={t.cases.chargeTitle}
                  value={charge.title}
                  onChange={(value) => updateCharge(charge.key, { title: value })}
                  maxLength={300}
                />
                <button
                  type="button"
                  className="button button-quiet charge-remove"
                  aria-label={t.cases.removeCharge(String(index + 1))}
                  onClick={() => setCharges((list) => list.filter((c) => c.key !== charge.key))}
                >
                  ×
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                setCharges((list) => [...list, { key: nextKey, article: '', part: '', title: '' }]);
                setNextKey((k) => k + 1);
              }}
            >
              {t.cases.addCharge}
            </button>
          </fieldset>
        </fieldset>
        {addError && <ErrorMessage>{addError}</ErrorMessage>}
        <div className="actions actions-split">
          <p className="notice" role="status">
            {notice}
          </p>
          <SubmitButton busy={busy} label={t.cases.add} busyLabel={t.cases.adding} />
        </div>
      </form>
    </section>
  );
}
