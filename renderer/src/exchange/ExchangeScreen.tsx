import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { BagsPanel } from './BagsPanel.tsx';
import { DossierCheck } from './DossierCheck.tsx';
import { PackagesPanel } from './PackagesPanel.tsx';
import { SubmissionPanel } from './SubmissionPanel.tsx';

const TABS = ['submission', 'bags', 'packages', 'dossier'] as const;
type Tab = (typeof TABS)[number];

/** Everything that leaves or enters the vault besides a single case's dossier: each export and check is a job. */
export function ExchangeScreen() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('submission');
  return (
    <Card title={t.app.exchange.title}>
      <div className="tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab tab-active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {t.app.exchange.tabs[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'submission' && <SubmissionPanel />}
        {tab === 'bags' && <BagsPanel />}
        {tab === 'packages' && <PackagesPanel />}
        {tab === 'dossier' && <DossierCheck />}
      </div>
    </Card>
  );
}
