import { useCallback, useEffect, useState } from 'react';
import { getApi } from '../api/client.ts';
import { LockedBoundary } from '../api/locked.tsx';
import { CaseView } from '../case/CaseView.tsx';
import { PersonPage } from '../case/PersonPage.tsx';
import type { CaseTab } from '../case/tabs.ts';
import { CasesScreen } from '../cases/CasesScreen.tsx';
import { emptyListState, type ListState } from '../cases/list-state.ts';
import { DossierScreen } from '../dossier/DossierScreen.tsx';
import { useI18n } from '../i18n/index.tsx';
import { IntegrityScreen } from '../integrity/IntegrityScreen.tsx';

type Route =
  | { screen: 'cases' }
  | { screen: 'case'; id: string; tab: CaseTab }
  | { screen: 'person'; id: string }
  | { screen: 'dossier' }
  | { screen: 'integrity' };

/**
 * Everything shown while the vault is open. All case data lives in state below this component, so
 * when the vault locks and the App swaps it for the unlock form, the data is dropped with it.
 */
export function Workspace({ onLocked }: { onLocked: () => void }) {
  const { t } = useI18n();
  const [route, setRoute] = useState<Route>({ screen: 'cases' });
  // The list keeps its search and filters while a case is open, so "back" returns to the same place.
  const [listState, setListState] = useState<ListState>(emptyListState);
  const openCase = useCallback((id: string, tab: CaseTab = 'overview') => setRoute({ screen: 'case', id, tab }), []);
  const backToList = useCallback(() => setRoute({ screen: 'cases' }), []);
  const openPerson = useCallback((id: string) => setRoute({ screen: 'person', id }), []);
  // The navigation nags when a scheduled full audit is overdue.
  const [auditOverdue, setAuditOverdue] = useState(false);
  useEffect(() => {
    let current = true;
    const api = getApi();
    void api['integrity.summary']({}).then((result) => {
      if (current && result.ok) setAuditOverdue(result.value.overdue);
    });
    return () => {
      current = false;
    };
  }, []);
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
            {auditOverdue && (
              <span className="sidenav-soon sidenav-warn" data-testid="nav-audit-overdue">
                {t.nav.auditDue}
              </span>
            )}
          </button>
        </nav>
        <div className="workspace-main">
          {route.screen === 'integrity' ? (
            <IntegrityScreen onSummary={(summary) => setAuditOverdue(summary.overdue)} />
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
