import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { label } from './label.ts';

export function Powers({ detail }: { detail: CaseDetail }) {
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
