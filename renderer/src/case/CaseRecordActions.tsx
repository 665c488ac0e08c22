import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { ChangeStatus } from './ChangeStatus.tsx';
import { EditCase } from './EditCase.tsx';
import { Opener } from './RecordActions.tsx';

/** The case's own record: edit its details, record a status change. */
export function CaseRecordActions({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t } = useI18n();
  return (
    <div className="record-actions">
      <Opener label={t.record.editCase} testId="open-edit-case">
        {({ done, cancel }) => (
          <EditCase
            detail={detail}
            onDone={() => {
              done();
              onChanged();
            }}
            onCancel={cancel}
          />
        )}
      </Opener>
      <Opener label={t.record.changeStatus} testId="open-change-status">
        {({ done, cancel }) => (
          <ChangeStatus
            detail={detail}
            onDone={() => {
              done();
              onChanged();
            }}
            onCancel={cancel}
          />
        )}
      </Opener>
    </div>
  );
}
