import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../shared/model.ts';
import { CaseStatusChange } from '../../../shared/record-edits.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { CaseStatus } from '../i18n/en.ts';
import { Field, SelectField } from '../ui/fields.tsx';
import { parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { useSave } from './forms/useSave.ts';

/** Records a new detention status with the date it began; the history keeps every earlier one. */
export function ChangeStatus({ detail, onDone, onCancel }: { detail: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [status, setStatus] = useState<CaseStatus>((detail.status as CaseStatus | null) ?? 'pre-trial-detention');
  const [other, setOther] = useState('');
  const [since, setSince] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const date = parseUserDate(since);
    const request = {
      caseId: detail.id,
      status,
      ...(status === 'other' ? { statusOther: other.trim() } : {}),
      ...(date === '' ? {} : { statusSince: date ?? since }),
    };
    if (await save(CaseStatusChange, request, (value) => api['cases.setStatus'](value))) onDone();
  };

  return (
    <form className="card record-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off" data-testid="change-status">
      <h3>{t.record.changeStatus}</h3>
      <fieldset disabled={busy} className="grid grid-3">
        <SelectField
          label={t.record.status}
          value={status}
          onChange={(value) => setStatus(value as CaseStatus)}
          options={Object.entries(t.labels.status).map(([value, text]) => ({ value, label: text }))}
        />
        {status === 'other' && <Field label={t.record.statusOther} value={other} onChange={setOther} error={errors.statusOther} />}
        <Field label={t.record.statusSince} value={since} onChange={setSince} hint={t.record.dateHint} error={errors.statusSince} />
      </fieldset>
      <FormFooter busy={busy} failure={failure} onCancel={onCancel} />
    </form>
  );
}
