import { useEffect, useId, useState } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { getApi } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { revealDirectionControls } from '../bidi.ts';
import { Card, describeError, Empty, ErrorMessage, Loading } from '../ui.tsx';
import { DossierExport } from './DossierExport.tsx';

/** The navigation's dossier screen: pick a case, then the same export as inside the case. */
export function DossierScreen({ onLocked }: { onLocked: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const id = useId();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [caseId, setCaseId] = useState('');

  useEffect(() => {
    let current = true;
    void api['cases.list']({}).then((result) => {
      if (!current) return;
      if (!result.ok) return result.error.kind === 'locked' ? onLocked() : setError(describeError(t, result.error));
      setCases(result.value);
      if (result.value[0]) setCaseId((known) => known || result.value[0]!.id);
    });
    return () => {
      current = false;
    };
  }, [api, onLocked]);

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
          {caseId && <DossierExport key={caseId} caseId={caseId} onLocked={onLocked} />}
        </>
      )}
    </Card>
  );
}
