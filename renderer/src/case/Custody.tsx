import type { CaseDetail, CustodyEventView } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty, Loading } from '../ui/feedback.tsx';
import { label } from './label.ts';

export function Custody({ events, detail }: { events: CustodyEventView[] | null; detail: CaseDetail }) {
  const { t, f } = useI18n();
  if (events === null) return <Loading label={t.caseView.loading} />;
  if (events.length === 0) return <Empty title={t.caseView.noCustody} />;
  const names = new Map<string, string>();
  for (const item of detail.items) names.set(item.id, item.title ?? item.originalName);
  for (const person of detail.persons) names.set(person.personId, person.name);
  names.set(detail.id, t.caseView.thisCase);
  const describe = (value: unknown): string => {
    if (typeof value === 'string') {
      if (/^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 12)}…`;
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) return names.get(value) ?? `${value.slice(0, 8)}…`;
      return names.get(value) ?? value;
    }
    if (typeof value === 'number') return f.number(value);
    if (Array.isArray(value)) return value.map(describe).join(', ');
    if (value && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return (
    <>
      <p className="muted small">{t.caseView.custodyIntro}</p>
      <table className="table custody" data-testid="custody">
        <caption className="visually-hidden">{t.caseView.custody}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t.caseView.custodySeq}
            </th>
            <th scope="col">{t.caseView.custodyTime}</th>
            <th scope="col">{t.caseView.custodyAction}</th>
            <th scope="col">{t.caseView.custodySubject}</th>
            <th scope="col">{t.caseView.custodyDetails}</th>
            <th scope="col">{t.caseView.custodyActor}</th>
            <th scope="col">{t.caseView.custodyHash}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq}>
              <td className="numeric">{f.number(event.seq)}</td>
              <td className="nowrap">{f.dateTime(event.time)}</td>
              <td className="strong nowrap">{label(t.labels.custodyAction, event.action)}</td>
              <td>
                <span className="muted">{label(t.caseView.subjectKind, event.subject.kind)}</span>{' '}
                {event.subject.id ? (names.get(event.subject.id) ?? event.subject.id.slice(0, 8)) : ''}
              </td>
              <td className="details">
                {Object.entries(event.details).map(([key, value]) => (
                  <span key={key} className="detail">
                    <span className="muted">{label(t.caseView.detailKey, key)}:</span> {describe(value)}
                  </span>
                ))}
              </td>
              <td className="nowrap">{event.actor}</td>
              <td>
                <code className="hash" title={event.hash}>
                  {event.hash.slice(0, 10)}…
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
