import { useState } from 'react';
import { CaseView, type CaseTab } from './CaseView.tsx';
import { CasesScreen } from './CasesScreen.tsx';
import { DossierScreen } from './dossier/DossierScreen.tsx';
import { useI18n } from './i18n/index.tsx';

type Route = { screen: 'cases' } | { screen: 'case'; id: string; tab: CaseTab } | { screen: 'dossier' };

/**
 * Everything shown while the vault is open. All case data lives in state below this component, so
 * when the vault locks and the App swaps it for the unlock form, the data is dropped with it.
 */
export function Workspace({ onLocked }: { onLocked: () => void }) {
  const { t } = useI18n();
  const [route, setRoute] = useState<Route>({ screen: 'cases' });
  // The list keeps its search and filters while a case is open, so "back" returns to the same place.
  const [listState, setListState] = useState<ListState>(emptyListState);
  return (
    <div className="workspace">
      <nav className="sidenav" aria-label={t.nav.label}>
        <button
          type="button"
          className={route.screen === 'case' || route.screen === 'cases' ? 'sidenav-link sidenav-active' : 'sidenav-link'}
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
        <span className="sidenav-link sidenav-disabled" aria-disabled="true">
          {t.nav.integrity}
          <span className="sidenav-soon">{t.nav.soon}</span>
        </span>
      </nav>
      <div className="workspace-main">
        {route.screen === 'dossier' ? (
          <DossierScreen onLocked={onLocked} />
        ) : route.screen === 'cases' ? (
          <CasesScreen
            onLocked={onLocked}
            state={listState}
            onState={setListState}
            onOpen={(id, tab = 'overview') => setRoute({ screen: 'case', id, tab })}
          />
        ) : (
          <CaseView key={route.id} id={route.id} initialTab={route.tab} onLocked={onLocked} onBack={() => setRoute({ screen: 'cases' })} />
        )}
      </div>
    </div>
  );
}

export interface ListState {
  query: string;
  status: string;
  article: string;
  region: string;
  /** A name in any spelling: only cases this person is in. */
  person: string;
  /** YYYY-MM-DD: only cases with a status change or an event in the range. */
  dateFrom: string;
  dateTo: string;
}

export const emptyListState: ListState = { query: '', status: '', article: '', region: '', person: '', dateFrom: '', dateTo: '' };
