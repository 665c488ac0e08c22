import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { label } from './label.ts';

export function Overview({ detail }: { detail: CaseDetail }) {
  const { t, f } = useI18n();
  const latest = detail.statusHistory.at(-1);
  return (
    <div className="overview">
      <div className="overview-main">
        <h2>{t.caseView.narrative}</h2>
        {detail.narrative ? <p className="narrative">{detail.narrative}</p> : <p className="muted">{t.caseView.noNarrative}</p>}
        <h2>{t.caseView.charges}</h2>
        {detail.charges.length === 0 ? (
          <p className="muted">{t.caseView.noCharges}</p>
        ) : (
          <table className="table" data-testid="charges">
            <thead>
              <tr>
                <th scope="col">{t.caseView.chargeArticle}</th>
                <th scope="col">{t.caseView.chargeTitle}</th>
                <th scope="col">{t.caseView.chargeCode}</th>
              </tr>
            </thead>
            <tbody>
              {detail.charges.map((charge, index) => (
                <tr key={index}>
                  <td className="nowrap strong">{t.labels.chargeArticle(charge.article, charge.part)}</td>
                  <td>{charge.title ?? <span className="muted">{t.cases.noValue}</span>}</td>
                  <td className="muted">{t.labels.chargeCode(charge.code)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t.caseView.statusHistory}</h2>
        {detail.statusHistory.length === 0 ? (
          <p className="muted">{t.caseView.noHistory}</p>
        ) : (
          <ol className="history">
            {[...detail.statusHistory].reverse().map((entry, index) => (
              <li key={index}>
                <StatusBadge status={entry.status} />
                {entry.statusOther && <span> {entry.statusOther}</span>}
                {entry.since && <span> {t.caseView.statusSince(f.partialDate(entry.since))}</span>}
                <span className="muted small"> · {t.caseView.historyRecorded(f.date(entry.recordedAt))}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <dl className="facts" aria-label={t.caseView.facts}>
        <dt>{t.caseView.reference}</dt>
        <dd>{detail.reference ?? t.cases.noValue}</dd>
        <dt>{t.caseView.status}</dt>
        <dd>
          {latest ? label(t.labels.status, latest.status) : t.cases.noValue}
          {latest?.since && <span className="muted"> {t.caseView.statusSince(f.partialDate(latest.since))}</span>}
        </dd>
        <dt>{t.caseView.place}</dt>
        <dd>{[detail.region, detail.city].filter(Boolean).join(', ') || t.cases.noValue}</dd>
        <dt>{t.caseView.created}</dt>
        <dd data-testid="case-created">{f.date(detail.createdAt)}</dd>
        <dt>{t.caseView.items}</dt>
        <dd>{f.number(detail.items.length)}</dd>
        <dt>{t.caseView.confidentiality}</dt>
        <dd>{label(t.labels.confidentiality, detail.confidentiality)}</dd>
        {detail.tags.length > 0 && (
          <>
            <dt>{t.caseView.tags}</dt>
            <dd>
              {detail.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
