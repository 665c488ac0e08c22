import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CaseDetail, CustodyEventView } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { LockedBoundary, useFailure } from '../api/locked.tsx';
import { DossierExport } from '../dossier/DossierExport.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ItemViewer } from '../viewer/ItemViewer.tsx';
import { ErrorMessage, Loading } from '../ui/feedback.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { SafeName } from '../ui/text.tsx';
import { CaseRecordActions } from './CaseRecordActions.tsx';
import { Custody } from './Custody.tsx';
import { Evidence } from './Evidence.tsx';
import { Overview } from './Overview.tsx';
import { People } from './People.tsx';
import { Powers } from './Powers.tsx';
import { Sources } from './Sources.tsx';
import { CASE_TABS, type CaseTab } from './tabs.ts';
import { Timeline } from './Timeline.tsx';
import './case-layout.css';

interface Props {
  id: string;
  initialTab: CaseTab;
  onBack: () => void;
  onOpenPerson?: (personId: string) => void;
}

/**
 * One case, tab by tab. Inside the Workspace a lock is already handled above it; rendered on its own
 * (tests, a window of its own) it takes `onLocked` and sets the boundary itself.
 */
export function CaseView({ onLocked, ...props }: Props & { onLocked?: () => void }) {
  const view = <CaseScreen {...props} />;
  return onLocked ? <LockedBoundary onLocked={onLocked}>{view}</LockedBoundary> : view;
}

function CaseScreen({ id, initialTab, onBack, onOpenPerson }: Props) {
  const { t } = useI18n();
  const api = getApi();
  const fail = useFailure();
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
      if (!caseResult.ok) return fail(caseResult.error, setError);
      setDetail(caseResult.value);
      if (custodyResult.ok) setCustody(custodyResult.value);
      else fail(custodyResult.error, setError);
    });
    return () => {
      cancelled = true;
    };
    // The case is read once per opening (and after an import); a language switch only re-labels it.
  }, [api, id, fail, reloads]);

  useEffect(() => {
    if (detail) heading.current?.focus();
  }, [detail]);

  // Viewing and verifying items add custody events; the log tab shows them without a reload.
  const refreshCustody = useCallback(async () => {
    const result = await api['cases.custody']({ id });
    if (result.ok) setCustody(result.value);
  }, [api, id]);

  // A form saved: read the case and its custody log again.
  const reload = () => setReloads((count) => count + 1);

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
            <span className="tab-label">{t.caseView.tabs[name]}</span>
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
        {tab === 'overview' && (
          <>
            <CaseRecordActions detail={detail} onChanged={reload} />
            <Overview detail={detail} />
          </>
        )}
        {tab === 'people' && <People detail={detail} onChanged={reload} onOpenPerson={onOpenPerson} />}
        {tab === 'evidence' &&
          (viewing ? (
            <ItemViewer
              id={viewing}
              onClose={() => {
                setViewing(null);
                void refreshCustody();
              }}
            />
          ) : (
            <Evidence
              caseId={detail.id}
              items={detail.items}
              persons={detail.persons}
              onOpen={setViewing}
              onImported={() => setReloads((count) => count + 1)}
              onCustodyChanged={() => void refreshCustody()}
              onChanged={reload}
            />
          ))}
        {tab === 'timeline' && <Timeline detail={detail} onChanged={reload} />}
        {tab === 'sources' && <Sources detail={detail} onChanged={reload} />}
        {tab === 'poa' && <Powers detail={detail} onChanged={reload} />}
        {tab === 'custody' && <Custody events={custody} detail={detail} />}
      </section>
    </article>
  );
}
