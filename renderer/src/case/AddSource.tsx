import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../shared/model.ts';
import { SourceInput } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field } from '../ui/fields.tsx';
import { dateForInput, isoDay, parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { TextBox } from './forms/TextBox.tsx';
import { useSave } from './forms/useSave.ts';

/** Records a publication or report about the case: its address, publisher, when it was read, a note. */
export function AddSource({ detail, onDone, onCancel }: { detail: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [publisher, setPublisher] = useState('');
  const [accessed, setAccessed] = useState(dateForInput(isoDay(), locale));
  const [note, setNote] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = {
      caseId: detail.id,
      url: url.trim(),
      title: title.trim(),
      ...(publisher.trim() ? { publisher: publisher.trim() } : {}),
      accessedAt: parseUserDate(accessed) || accessed,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (await save(SourceInput, request, (value) => api['sources.add'](value))) onDone();
  };

  return (
    <form className="card record-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off" data-testid="source-form">
      <h3>{t.record.addSource}</h3>
      <fieldset disabled={busy}>
        <Field label={t.record.sourceUrl} value={url} onChange={setUrl} error={errors.url} required maxLength={2000} />
        <div className="grid grid-3">
          <Field label={t.record.sourceTitle} value={title} onChange={setTitle} error={errors.title} required maxLength={500} />
          <Field label={t.record.publisher} value={publisher} onChange={setPublisher} error={errors.publisher} maxLength={300} />
          <Field label={t.record.accessed} value={accessed} onChange={setAccessed} error={errors.accessedAt} />
        </div>
        <TextBox label={t.record.note} value={note} onChange={setNote} error={errors.note} rows={2} />
      </fieldset>
      <FormFooter busy={busy} failure={failure} onCancel={onCancel} />
    </form>
  );
}
