import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { getApi } from '../api/client.ts';
import { Empty } from '../ui/feedback.tsx';
import { AddPoa } from './AddPoa.tsx';
import { daysUntil } from './forms/dates.ts';
import { Opener } from './RecordActions.tsx';
import { label } from './label.ts';

export function Powers({ detail, onChanged }: { detail: CaseDetail; onChanged?: () => void }) {
  const { t, f } = useI18n();
  const add = (
    <Opener label={t.record.addPoa} testId="open-add-poa">
      {({ done, cancel }) => (
        <AddPoa
          detail={detail}
          onDone={() => {
            done();
            onChanged?.();
          }}
          onCancel={cancel}
        />
      )}
    </Opener>
  );
  const revoke = async (id: string) => {
    if (!window.confirm(t.record.revokeConfirm)) return;
    const result = await getApi()['poa.revoke']({ id });
    if (result.ok) onChanged?.();
  };
  if (detail.powersOfAttorney.length === 0)
    return (
      <>
        {add}
        <Empty title={t.caseView.noPoa} hint={t.caseView.noPoaHint} />
      </>
    );
  const warn = detail.powersOfAttorney.filter((p) => p.state === 'expiring' || p.state === 'expired').length;
  return (
    <>
      {add}
      {warn > 0 && (
        <p className="message message-warning" role="alert" data-testid="poa-warning">
          {t.caseView.poaWarning(warn, f.number(warn))}
        </p>
      )}
      <table className="table poa-table">
        <caption className="visually-hidden">{t.caseView.poa}</caption>
        <thead>
          <tr>
            <th scope="col">{t.caseView.poaGrantor}</th>
            <th scope="col">{t.caseView.poaRepresentative}</th>
            <th scope="col">{t.caseView.poaScope}</th>
            <th scope="col">{t.caseView.poaIssued}</th>
            <th scope="col">{t.caseView.poaValidUntil}</th>
            <th scope="col">{t.caseView.poaState}</th>
            <th scope="col">
              <span className="visually-hidden">{t.record.revoke}</span>
            </th>
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
                {poa.validUntil && (poa.state === 'expiring' || poa.state === 'expired') && (
                  <span className="small block" data-testid="poa-days">
                    {t.record.expiresIn(daysUntil(poa.validUntil))}
                  </span>
                )}
              </td>
              <td>
                {poa.state !== 'revoked' && (
                  <button type="button" className="button button-quiet button-small" onClick={() => void revoke(poa.id)}>
                    {t.record.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
