import { useState } from 'react';
import { CaseChoice } from '../cases/CaseChoice.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { DossierExport } from './DossierExport.tsx';

/** The navigation's dossier screen: choose a case, then the same export as inside the case. */
export function DossierScreen() {
  const { t } = useI18n();
  const [caseId, setCaseId] = useState('');
  return (
    <Card title={t.dossier.screenTitle}>
      <CaseChoice
        label={t.dossier.chooseCase}
        none={t.dossier.chooseCaseNone}
        empty={t.dossier.noCases}
        value={caseId}
        onChange={setCaseId}
      />
      {caseId && <DossierExport key={caseId} caseId={caseId} />}
    </Card>
  );
}
