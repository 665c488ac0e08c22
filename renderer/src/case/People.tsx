import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { label } from './label.ts';

export function People({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  if (detail.persons.length === 0) return <Empty title={t.caseView.noPeople} hint={t.caseView.noPeopleHint} />;
  return (
    <table className="table">
      <caption className="visually-hidden">{t.caseView.people}</caption>
      <thead>
        <tr>
          <th scope="col">{t.caseView.personName}</th>
          <th scope="col">{t.caseView.personRole}</th>
        </tr>
      </thead>
      <tbody>
        {detail.persons.map((person) => (
          <tr key={`${person.personId}:${person.role}`}>
            <th scope="row" className="strong">
              {person.name}
            </th>
            <td>{label(t.labels.role, person.role)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
