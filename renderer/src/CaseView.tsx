import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DossierExport } from './dossier/DossierExport.tsx';
import { ImportPanel } from './import/ImportPanel.tsx';
import { ItemViewer } from './viewer/ItemViewer.tsx';
import type { CaseDetail, CustodyEventView, ItemSummary } from '../../shared/model.ts';
import { getApi } from './api.ts';
import { StatusBadge } from './CasesScreen.tsx';
import { useI18n } from './i18n/index.tsx';
import { describeError, Empty, ErrorMessage, Loading, SafeName } from './ui.tsx';

export const CASE_TABS = ['overview', 'people', 'evidence', 'timeline', 'sources', 'poa', 'custody'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

interface Props {
  id: string;
  initialTab: CaseTab;
  onBack: () => void;
  onLocked: () => void;
}

/** Looks a code up in a label table, showing the code itself for anything newer than the catalogue. */
function label(table: Record<string, string>, code: string): string {
  return table[code] ?? code;
}

export function CaseView({ id, initialTab, onBack, onLocked }: Props) {
  const { t } = useI18n();
  const api = getApi();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [custody, setCustody] = useState<CustodyEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<CaseTab>(initialTab);
  const [viewing, setViewing] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [reloads, setReloads] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const baseId = useId();

  useEffect(() => {
    let cancelled = false;
    void Promise.all([api['cases.get']({ id }), api['cases.custody']({ id })]).then(([caseResult, custodyResult]) => {
      if (cancelled) return;
      if (!caseResult.ok) return caseResult.error.kind === 'locked' ? onLocked() : setError(describeError(t, caseResult.error));
      setDetail(caseResult.value);
      if (custodyResult.ok) setCustody(custodyResult.value);
      else if (custodyResult.error.kind === 'locked') onLocked();
      else setError(describeError(t, custodyResult.error));
    });
    return () => {
      cancelled = true;
    };
    // The case is read once per opening (and after an import); a language switch only re-labels it.
  }, [api, id, onLocked, reloads]);

  useEffect(() => {
    if (detail) heading.current?.focus();
  }, [detail]);

  // Viewing and verifying items add custody events; the log tab shows them without a reload.
  const refreshCustody = useCallback(async () => {
    const result = await api['cases.custody']({ id });
    if (result.ok) setCustody(result.value);
  }, [api, id]);

  const back = (
    <button type="button" className="button button-link back" onClick={onBack}>
      ← {t.caseView.back}
    </button>
  );

  if (!detail) {
    return (
      <div className="card">
        {back}
        {error ? <ErrorMessage>{error}</ErrorMessage> : <Loading label={t.caseView.loading} />}
      </div>
    );
  }

  const warnPoa = detail.powersOfAttorney.filter((p) => p.state === 'expiring' || p.state === 'expired').length;
  const counts: Partial<Record<CaseTab, number>> = {
    people: detail.persons.length,
    evidence: detail.items.length,
    timeline: detail.timeline.length,
    sources: detail.sources.length,
    poa: detail.powersOfAttorney.length,
    custody: custody?.length ?? 0,
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = CASE_TABS.indexOf(tab);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % CASE_TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + CASE_TABS.length) % CASE_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = CASE_TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    setTab(CASE_TABS[next]!);
    document.getElementById(`${baseId}-tab-${CASE_TABS[next]}`)?.focus();
  };

  return (
    <article className="card case" aria-labelledby={`${baseId}-title`}>
      {back}
      <header className="case-header">
        <h1 id={`${baseId}-title`} ref={heading} tabIndex={-1} className="case-heading">
          <SafeName text={detail.title} />
        </h1>
        <p className="case-sub">
          {detail.reference && <span className="case-reference">{detail.reference}</span>}
          {detail.status && <StatusBadge status={detail.status} />}
          {[detail.region, detail.city].filter(Boolean).length > 0 && (
            <span className="muted">{[detail.region, detail.city].filter(Boolean).join(', ')}</span>
          )}
        </p>
        <div className="case-actions">
          <button type="button" className="button button-secondary" aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
            {t.dossier.open}
          </button>
        </div>
      </header>
      {exporting && (
        <DossierExport
          caseId={detail.id}
          onLocked={onLocked}
          onClose={() => {
            setExporting(false);
            void refreshCustody();
          }}
        />
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="tabs" role="tablist" aria-label={t.caseView.tabsLabel} onKeyDown={onTabKey}>
        {CASE_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${baseId}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === name ? 0 : -1}
            className="tab"
            onClick={() => setTab(name)}
          >
            {t.caseView.tabs[name]}
            {counts[name] !== undefined && <span className="tab-count">{counts[name]}</span>}
            {name === 'poa' && warnPoa > 0 && (
              <span className="tab-warn" aria-hidden="true">
                !
              </span>
            )}
          </button>
        ))}
      </div>
      <section className="tab-panel" role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${tab}`}>
        {tab === 'overview' && <Overview detail={detail} />}
        {tab === 'people' && <People detail={detail} />}
        {tab === 'evidence' &&
          (viewing ? (
            <ItemViewer
              id={viewing}
              onClose={() => {
                setViewing(null);
                void refreshCustody();
              }}
              onLocked={onLocked}
            />
          ) : (
            <Evidence
              caseId={detail.id}
              items={detail.items}
              onLocked={onLocked}
              onOpen={setViewing}
              onImported={() => setReloads((count) => count + 1)}
              onCustodyChanged={() => void refreshCustody()}
            />
          ))}
        {tab === 'timeline' && <Timeline detail={detail} />}
        {tab === 'sources' && <Sources detail={detail} />}
        {tab === 'poa' && <Powers detail={detail} />}
        {tab === 'custody' && <Custody events={custody} detail={detail} />}
      </section>
    </article>
  );
}

function Overview({ detail }: { detail: CaseDetail }) {
  const { t, f } = useI18n();
  const latest = detail.statusHistory.at(-1);
  return (
    <div className="overview">
      <div className="overview-main">
        <h2>{t.caseView.narrative}</h2>
        {detail.narrative ? <p className="narrative">{detail.narrative}</p> : <p className="muted">{t.caseView.noNarrative}</p>}
        <h2>{t.caseView.charges}</h2>
        {detail.charges.length === 0 ? (
          <p className="muted">{t.caseView.noCharges}</p>
        ) : (
          <table className="table" data-testid="charges">
            <thead>
              <tr>
                <th scope="col">{t.caseView.chargeArticle}</th>
                <th scope="col">{t.caseView.chargeTitle}</th>
                <th scope="col">{t.caseView.chargeCode}</th>
              </tr>
            </thead>
            <tbody>
              {detail.charges.map((charge, index) => (
                <tr key={index}>
                  <td className="nowrap strong">{t.labels.chargeArticle(charge.article, charge.part)}</td>
                  <td>{charge.title ?? <span className="muted">{t.cases.noValue}</span>}</td>
                  <td className="muted">{t.labels.chargeCode(charge.code)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t.caseView.statusHistory}</h2>
        {detail.statusHistory.length === 0 ? (
          <p className="muted">{t.caseView.noHistory}</p>
        ) : (
          <ol className="history">
            {[...detail.statusHistory].reverse().map((entry, index) => (
              <li key={index}>
                <StatusBadge status={entry.status} />
                {entry.statusOther && <span> {entry.statusOther}</span>}
                {entry.since && <span> {t.caseView.statusSince(f.partialDate(entry.since))}</span>}
                <span className="muted small"> · {t.caseView.historyRecorded(f.date(entry.recordedAt))}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <dl className="facts" aria-label={t.caseView.facts}>
        <dt>{t.caseView.reference}</dt>
        <dd>{detail.reference ?? t.cases.noValue}</dd>
        <dt>{t.caseView.status}</dt>
        <dd>
          {latest ? label(t.labels.status, latest.status) : t.cases.noValue}
          {latest?.since && <span className="muted"> {t.caseView.statusSince(f.partialDate(latest.since))}</span>}
        </dd>
        <dt>{t.caseView.place}</dt>
        <dd>{[detail.region, detail.city].filter(Boolean).join(', ') || t.cases.noValue}</dd>
        <dt>{t.caseView.created}</dt>
        <dd data-testid="case-created">{f.date(detail.createdAt)}</dd>
        <dt>{t.caseView.items}</dt>
        <dd>{f.number(detail.items.length)}</dd>
        <dt>{t.caseView.confidentiality}</dt>
        <dd>{label(t.labels.confidentiality, detail.confidentiality)}</dd>
        {detail.tags.length > 0 && (
          <>
            <dt>{t.caseView.tags}</dt>
            <dd>
              {detail.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

function People({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  if (detail.persons.length === 0) return <Empty title={t.caseView.noPeople} hint={t.caseView.noPeopleHint} />;
  return (
    <table className="table">
      <caption className="visually-hidden">{t.caseView.people}</caption>
      <thead>
        <tr>
          <th scope="col">{t.caseView.personName}</th>
          <th scope="col">{t.caseView.personRole}</th>
        </tr>
      </thead>
      <tbody>
        {detail.persons.map((person) => (
          <tr key={`${person.personId}:${person.role}`}>
            <th scope="row" className="strong">
              {person.name}
            </th>
            <td>{label(t.labels.role, person.role)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type SortKey = 'type' | 'date' | 'title' | 'size' | 'sha256' | 'confidentiality';
type Verification =
  { state: 'busy' } | { state: 'done'; ok: boolean; sha256: string; expected: string } | { state: 'error'; message: string };

interface EvidenceProps {
  caseId: string;
  items: ItemSummary[];
  onLocked: () => void;
  onOpen: (itemId: string) => void;
  onImported: () => void;
  onCustodyChanged: () => void;
}

function Evidence({ caseId, items, onLocked, onOpen, onImported, onCustodyChanged }: EvidenceProps) {
  const { t, f, locale } = useI18n();
  const api = getApi();
  const [importing, setImporting] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'date', descending: false });
  const [verified, setVerified] = useState<Record<string, Verification>>({});

  const sorted = useMemo(() => {
    const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    const value = (item: ItemSummary): string | number => {
      switch (sort.key) {
        case 'type':
          return label(t.labels.itemType, item.type);
        case 'date':
          return item.documentDate ?? '';
        case 'title':
          return item.title ?? item.originalName;
        case 'size':
          return item.size;
        case 'sha256':
          return item.sha256;
        case 'confidentiality':
          return label(t.labels.confidentiality, item.confidentiality);
      }
    };
    const out = [...items].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    });
    return sort.descending ? out.reverse() : out;
  }, [items, sort, locale, t]);

  const importer = importing ? (
    <ImportPanel caseId={caseId} onClose={() => setImporting(false)} onImported={onImported} />
  ) : (
    <div className="actions actions-start">
      <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
        {t.importer.open}
      </button>
    </div>
  );

  if (items.length === 0) {
    return (
      <>
        {importer}
        {!importing && <Empty title={t.caseView.noEvidence} hint={t.caseView.noEvidenceHint} />}
      </>
    );
  }

  const verify = async (id: string) => {
    setVerified((v) => ({ ...v, [id]: { state: 'busy' } }));
    const result = await api['items.verify']({ id });
    if (!result.ok && result.error.kind === 'locked') return onLocked();
    setVerified((v) => ({
      ...v,
      [id]: result.ok ? { state: 'done', ...result.value } : { state: 'error', message: describeError(t, result.error) },
    }));
    onCustodyChanged();
  };

  const header = (key: SortKey, text: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort"
          title={t.caseView.sortBy(text)}
          onClick={() => setSort({ key, descending: active ? !sort.descending : false })}
        >
          {text}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      {importer}
      <div className="table-wrap">
        <table className="table evidence" data-testid="evidence">
          <caption className="visually-hidden">{t.caseView.evidence}</caption>
          <thead>
            <tr>
              {header('type', t.caseView.columnType)}
              {header('date', t.caseView.columnDate)}
              {header('title', t.caseView.columnTitle)}
              {header('size', t.caseView.columnSize, 'numeric')}
              {header('sha256', t.caseView.columnHash)}
              {header('confidentiality', t.caseView.columnConfidentiality)}
              <th scope="col">{t.caseView.columnVerify}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((item) => {
              const check = verified[item.id];
              return (
                <tr key={item.id}>
                  <td className="nowrap">{label(t.labels.itemType, item.type)}</td>
                  <td className="nowrap">
                    {item.documentDate ? f.partialDate(item.documentDate) : <span className="muted">{t.cases.noValue}</span>}
                  </td>
                  <th scope="row" className="item-title">
                    <button type="button" className="button-link strong item-open" onClick={() => onOpen(item.id)}>
                      <SafeName text={item.title ?? item.originalName} />
                    </button>
                    {item.title && <SafeName className="muted small block" text={item.originalName} />}
                    {item.acquisition && (
                      <span className="muted small block">
                        {t.caseView.acquisition(item.acquisition.obtainedFrom, item.acquisition.method)}
                      </span>
                    )}
                    {item.withdrawnAt && <span className="badge badge-warning">{t.caseView.withdrawn}</span>}
                  </th>
                  <td className="numeric nowrap">{f.bytes(item.size)}</td>
                  <td>
                    <code className="hash" title={t.caseView.fullHash(item.sha256)}>
                      {item.sha256.slice(0, 12)}…
                    </code>
                  </td>
                  <td>
                    <span className={`badge badge-conf-${item.confidentiality}`}>
                      {label(t.labels.confidentiality, item.confidentiality)}
                    </span>
                  </td>
                  <td className="verify-cell">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={check?.state === 'busy'}
                      aria-busy={check?.state === 'busy'}
                      onClick={() => void verify(item.id)}
                    >
                      {check?.state === 'busy' ? t.caseView.verifying : t.caseView.verify}
                    </button>
                    <span role="status" className="verify-result">
                      {check?.state === 'done' &&
                        (check.ok ? (
                          <span className="ok" title={t.caseView.verifyOkDetail(check.sha256)}>
                            ✓ {t.caseView.verifyOk}
                          </span>
                        ) : (
                          <span className="bad" title={t.caseView.verifyFailedDetail(check.expected, check.sha256)}>
                            ✗ {t.caseView.verifyFailed}
                          </span>
                        ))}
                      {check?.state === 'error' && <span className="bad">{check.message}</span>}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Timeline({ detail }: { detail: CaseDetail }) {
  const { t, f } = useI18n();
  if (detail.timeline.length === 0) return <Empty title={t.caseView.noTimeline} hint={t.caseView.noTimelineHint} />;
  const events = [...detail.timeline].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className="timeline-event">
          <span className="timeline-date">
            {event.approximate && <abbr title={t.caseView.approximate}>≈ </abbr>}
            {f.partialDate(event.date)}
          </span>
          <span className="timeline-body">
            <span className="badge">{label(t.labels.timelineKind, event.kind)}</span>{' '}
            <span className="timeline-text">{event.description}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Only http(s) addresses become links, and those open outside the app without a referrer. */
function SafeLink({ url }: { url: string }) {
  let safe: boolean;
  try {
    const parsed = new URL(url);
    safe = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    safe = false;
  }
  if (!safe) return <span className="url">{url}</span>;
  return (
    <a className="url" href={url} target="_blank" rel="noreferrer noopener">
      {url}
    </a>
  );
}

function Sources({ detail }: { detail: CaseDetail }) {
  const { t, f } = useI18n();
  if (detail.sources.length === 0) return <Empty title={t.caseView.noSources} hint={t.caseView.noSourcesHint} />;
  return (
    <table className="table">
      <caption className="visually-hidden">{t.caseView.sources}</caption>
      <thead>
        <tr>
          <th scope="col">{t.caseView.sourceTitle}</th>
          <th scope="col">{t.caseView.sourcePublisher}</th>
          <th scope="col">{t.caseView.sourceUrl}</th>
          <th scope="col">{t.caseView.sourceAccessed}</th>
        </tr>
      </thead>
      <tbody>
        {detail.sources.map((source) => (
          <tr key={source.id}>
            <th scope="row" className="strong">
              {source.title}
              {source.archivedItemId && <span className="muted small block">{t.caseView.archivedCopy}</span>}
            </th>
            <td>{source.publisher ?? <span className="muted">{t.cases.noValue}</span>}</td>
            <td className="break">
              <SafeLink url={source.url} />
            </td>
            <td className="nowrap">{f.partialDate(source.accessedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Powers({ detail }: { detail: CaseDetail }) {
  const { t, f } = useI18n();
  if (detail.powersOfAttorney.length === 0) return <Empty title={t.caseView.noPoa} hint={t.caseView.noPoaHint} />;
  const warn = detail.powersOfAttorney.filter((p) => p.state === 'expiring' || p.state === 'expired').length;
  return (
    <>
      {warn > 0 && (
        <p className="message message-warning" role="alert" data-testid="poa-warning">
          {t.caseView.poaWarning(warn, f.number(warn))}
        </p>
      )}
      <table className="table">
        <caption className="visually-hidden">{t.caseView.poa}</caption>
        <thead>
          <tr>
            <th scope="col">{t.caseView.poaGrantor}</th>
            <th scope="col">{t.caseView.poaRepresentative}</th>
            <th scope="col">{t.caseView.poaScope}</th>
            <th scope="col">{t.caseView.poaIssued}</th>
            <th scope="col">{t.caseView.poaValidUntil}</th>
            <th scope="col">{t.caseView.poaState}</th>
          </tr>
        </thead>
        <tbody>
          {detail.powersOfAttorney.map((poa) => (
            <tr key={poa.id} className={`poa-${poa.state}`}>
              <th scope="row" className="strong">
                {poa.grantorName}
              </th>
              <td>{poa.representative}</td>
              <td>{poa.scope.map((s) => label(t.labels.poaScope, s)).join(', ')}</td>
              <td className="nowrap">{f.partialDate(poa.issued)}</td>
              <td className="nowrap">{poa.validUntil ? f.partialDate(poa.validUntil) : t.caseView.poaNoEnd}</td>
              <td>
                <span className={`badge badge-poa-${poa.state}`}>{label(t.labels.poaState, poa.state)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Custody({ events, detail }: { events: CustodyEventView[] | null; detail: CaseDetail }) {
  const { t, f } = useI18n();
  if (events === null) return <Loading label={t.caseView.loading} />;
  if (events.length === 0) return <Empty title={t.caseView.noCustody} />;
  const names = new Map<string, string>();
  for (const item of detail.items) names.set(item.id, item.title ?? item.originalName);
  for (const person of detail.persons) names.set(person.personId, person.name);
  names.set(detail.id, t.caseView.thisCase);
  const describe = (value: unknown): string => {
    if (typeof value === 'string') {
      if (/^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 12)}…`;
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) return names.get(value) ?? `${value.slice(0, 8)}…`;
      return names.get(value) ?? value;
    }
    if (typeof value === 'number') return f.number(value);
    if (Array.isArray(value)) return value.map(describe).join(', ');
    if (value && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return (
    <>
      <p className="muted small">{t.caseView.custodyIntro}</p>
      <table className="table custody" data-testid="custody">
        <caption className="visually-hidden">{t.caseView.custody}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t.caseView.custodySeq}
            </th>
            <th scope="col">{t.caseView.custodyTime}</th>
            <th scope="col">{t.caseView.custodyAction}</th>
            <th scope="col">{t.caseView.custodySubject}</th>
            <th scope="col">{t.caseView.custodyDetails}</th>
            <th scope="col">{t.caseView.custodyActor}</th>
            <th scope="col">{t.caseView.custodyHash}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq}>
              <td className="numeric">{f.number(event.seq)}</td>
              <td className="nowrap">{f.dateTime(event.time)}</td>
              <td className="strong nowrap">{label(t.labels.custodyAction, event.action)}</td>
              <td>
                <span className="muted">{label(t.caseView.subjectKind, event.subject.kind)}</span>{' '}
                {event.subject.id ? (names.get(event.subject.id) ?? event.subject.id.slice(0, 8)) : ''}
              </td>
              <td className="details">
                {Object.entries(event.details).map(([key, value]) => (
                  <span key={key} className="detail">
                    <span className="muted">{label(t.caseView.detailKey, key)}:</span> {describe(value)}
                  </span>
                ))}
              </td>
              <td className="nowrap">{event.actor}</td>
              <td>
                <code className="hash" title={event.hash}>
                  {event.hash.slice(0, 10)}…
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
