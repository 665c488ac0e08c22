import { useEffect, useId, useState } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { revealDirectionControls } from '../ui/bidi.ts';
import { Card } from '../ui/Card.tsx';
import { Empty, ErrorMessage, Loading } from '../ui/feedback.tsx';
import { DossierExport } from './DossierExport.tsx';

/** The navigation's dossier screen: pick a case, then the same export as inside the case. */
export function DossierScreen() {
  const { t } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const id = useId();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [caseId, setCaseId] = useState('');

  useEffect(() => {
    let current = true;
    void api['cases.list']({}).then((result) => {
      if (!current) return;
      if (!result.ok) return fail(result.error, setError);
      setCases(result.value);
      if (result.value[0]) setCaseId((known) => known || result.value[0]!.id);
    });
    return () => {
      current = false;
    };
  }, [api, fail]);

  return (
    <Card title={t.dossier.screenTitle}>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {cases === null && !error && <Loading label={t.cases.loading} />}
      {cases !== null && cases.length === 0 && <Empty title={t.dossier.noCases} hint={t.cases.emptyHint} />}
      {cases !== null && cases.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={`${id}-case`}>{t.dossier.chooseCase}</label>
            <select id={`${id}-case`} className="input" value={caseId} onChange={(event) => setCaseId(event.target.value)}>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {revealDirectionControls(c.title)}
                </option>
              ))}
            </select>
          </div>
          {caseId && <DossierExport key={caseId} caseId={caseId} />}
        </>
      )}
    </Card>
  );
}
