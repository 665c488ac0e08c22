import { useCallback, useEffect, useState } from 'react';
import { getApi } from '../api/client.ts';
import { onVaultSettled } from '../api/vault-changes.ts';
import { LockedBoundary } from '../api/locked.tsx';
import { CaseView } from '../case/CaseView.tsx';
import { PersonPage } from '../case/PersonPage.tsx';
import type { CaseTab } from '../case/tabs.ts';
import { CasesScreen } from '../cases/CasesScreen.tsx';
import { emptyListState, type ListState } from '../cases/list-state.ts';
import { DossierScreen } from '../dossier/DossierScreen.tsx';
import { useI18n } from '../i18n/index.tsx';
import { IntegrityScreen } from '../integrity/IntegrityScreen.tsx';
import { ExchangeScreen } from '../exchange/ExchangeScreen.tsx';
import { ReplicaStatusLine } from '../replica/ReplicaStatusLine.tsx';
import type { IntegrityView } from '../integrity/IntegrityFailure.tsx';

export type Route =
  | { screen: 'cases' }
  | { screen: 'case'; id: string; tab: CaseTab }
  | { screen: 'person'; id: string }
  | { screen: 'dossier' }
  | { screen: 'integrity' }
  | { screen: 'exchange' };

/**
 * Everything shown while the vault is open. All case data lives in state below this component, so
 * when the vault locks and the App swaps it for the unlock form, the data is dropped with it.
 */
export function Workspace({ onLocked, route: kept, onRoute }: { onLocked: () => void; route?: Route; onRoute?: (route: Route) => void }) {
  const { t } = useI18n();
  // The App keeps the route across a lock (unlocking returns there); alone, the workspace keeps its own.
  const [own, setOwn] = useState<Route>({ screen: 'cases' });
  const route = kept ?? own;
  const setRoute = onRoute ?? setOwn;
  // The list keeps its search and filters while a case is open, so "back" returns to the same place.
  const [listState, setListState] = useState<ListState>(emptyListState);
  const openCase = useCallback((id: string, tab: CaseTab = 'overview') => setRoute({ screen: 'case', id, tab }), []);
  const backToList = useCallback(() => setRoute({ screen: 'cases' }), []);
  const openPerson = useCallback((id: string) => setRoute({ screen: 'person', id }), []);
  // The navigation nags when a scheduled full audit is overdue.
  const [auditOverdue, setAuditOverdue] = useState(false);
  // …and shows a red "Integrity failed" from a failed audit until a later one passes or the loss is recorded.
  const [integrityFailed, setIntegrityFailed] = useState(false);
  // Stable, so the Integrity screen does not read its summary again each time the workspace draws.
  const onSummary = useCallback((summary: IntegrityView) => {
    setAuditOverdue(summary.overdue);
    setIntegrityFailed(summary.failure !== null);
  }, []);
  // Read at unlock and again whenever the vault changes (an import makes a new vault due, an audit ends).
  useEffect(() => {
    let current = true;
    const api = getApi();
    const read = () =>
      void api['integrity.summary']({}).then((result) => {
        if (current && result.ok) onSummary(result.value);
      });
    read();
    const stop = onVaultSettled(read);
    return () => {
      current = false;
      stop();
    };
  }, [onSummary]);
  return (
    <LockedBoundary onLocked={onLocked}>
      <div className="workspace">
        <nav className="sidenav" aria-label={t.nav.label}>
          <button
            type="button"
            className={
              route.screen === 'case' || route.screen === 'cases' || route.screen === 'person'
                ? 'sidenav-link sidenav-active'
                : 'sidenav-link'
            }
            aria-current={route.screen === 'cases' ? 'page' : undefined}
            onClick={() => setRoute({ screen: 'cases' })}
          >
            {t.nav.cases}
          </button>
          <button
            type="button"
            className={route.screen === 'dossier' ? 'sidenav-link sidenav-active' : 'sidenav-link'}
            aria-current={route.screen === 'dossier' ? 'page' : undefined}
            onClick={() => setRoute({ screen: 'dossier' })}
          >
            {t.nav.dossier}
          </button>
          <button
            type="button"
            className={route.screen === 'integrity' ? 'sidenav-link sidenav-active' : 'sidenav-link'}
            aria-current={route.screen === 'integrity' ? 'page' : undefined}
            onClick={() => setRoute({ screen: 'integrity' })}
          >
            {t.nav.integrity}
            {integrityFailed ? (
              <span className="sidenav-soon sidenav-danger" data-testid="nav-integrity-failed">
                {t.app.integrity.failedBadge}
              </span>
            ) : (
              auditOverdue && (
                <span className="sidenav-soon sidenav-warn" data-testid="nav-audit-overdue">
                  {t.nav.auditDue}
                </span>
              )
            )}
          </button>
          <ReplicaStatusLine />
          <button
            type="button"
            className={route.screen === 'exchange' ? 'sidenav-link sidenav-active' : 'sidenav-link'}
            aria-current={route.screen === 'exchange' ? 'page' : undefined}
            onClick={() => setRoute({ screen: 'exchange' })}
          >
            {t.app.exchange.nav}
          </button>
        </nav>
        <div className="workspace-main">
          {route.screen === 'integrity' ? (
            <IntegrityScreen onSummary={onSummary} onOpenCase={(id) => setRoute({ screen: 'case', id, tab: 'evidence' })} />
          ) : route.screen === 'exchange' ? (
            <ExchangeScreen />
          ) : route.screen === 'dossier' ? (
            <DossierScreen />
          ) : (
            <>
              {/* The list stays mounted while a case or person is open, so "back" shows it at once, scrolled where it was. */}
              <CasesScreen
                state={listState}
                onState={setListState}
                onOpen={openCase}
                onOpenPerson={openPerson}
                visible={route.screen === 'cases'}
              />
              {route.screen === 'person' && (
                <PersonPage
                  key={route.id}
                  id={route.id}
                  onBack={backToList}
                  onOpenCase={(id) => setRoute({ screen: 'case', id, tab: 'people' })}
                />
              )}
              {route.screen === 'case' && (
                <CaseView key={route.id} id={route.id} initialTab={route.tab} onBack={backToList} onOpenPerson={openPerson} />
              )}
            </>
          )}
        </div>
      </div>
    </LockedBoundary>
  );
}
