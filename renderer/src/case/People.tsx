import { useCallback } from 'react';
import type { CaseDetail, CasePerson } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { VirtualTable } from '../ui/VirtualTable.tsx';
import { AddPerson } from './AddPerson.tsx';
import { label } from './label.ts';
import { Opener } from './RecordActions.tsx';

const ROW_HEIGHT_GUESS_PX = 42;
const keyOf = (person: CasePerson) => `${person.personId}:${person.role}`;

/** The people in the case and their roles, windowed (a large case can name hundreds). */
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
  const renderCells = useCallback(
    (person: CasePerson) => (
      <>
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
      </>
    ),
    [onOpenPerson, t],
  );
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
        <VirtualTable
          items={detail.persons}
          rowHeight={ROW_HEIGHT_GUESS_PX}
          caption={t.caseView.people}
          name="people"
          className="table people"
          columns={2}
          head={
            <>
              <th scope="col">{t.caseView.personName}</th>
              <th scope="col">{t.caseView.personRole}</th>
            </>
          }
          keyOf={keyOf}
          renderCells={renderCells}
        />
      )}
    </>
  );
}
