import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { AddPerson } from './AddPerson.tsx';
import { label } from './label.ts';
import { Opener } from './RecordActions.tsx';

export function People({
  detail,
  onChanged,
  onOpenPerson,
}: {
  detail: CaseDetail;
  onChanged?: () => void;
  onOpenPerson?: (personId: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Opener label={t.record.addPerson} testId="open-add-person">
        {({ done, cancel }) => (
          <AddPerson
            caseId={detail.id}
            onDone={(message) => {
              done(message);
              onChanged?.();
            }}
            onCancel={cancel}
          />
        )}
      </Opener>
      {detail.persons.length === 0 ? (
        <Empty title={t.caseView.noPeople} />
      ) : (
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
                  {onOpenPerson ? (
                    <button type="button" className="button-link strong" onClick={() => onOpenPerson(person.personId)}>
                      {person.name}
                    </button>
                  ) : (
                    person.name
                  )}
                </th>
                <td>{label(t.labels.role, person.role)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
