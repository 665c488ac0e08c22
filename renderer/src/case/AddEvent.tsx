import { useState, type FormEvent } from 'react';
import type { CaseDetail, TimelineEntry } from '../../../shared/model.ts';
import { TimelineEventEdit } from '../../../shared/record-edits.ts';
import { TimelineEventInput, type TIMELINE_KINDS } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field, SelectField } from '../ui/fields.tsx';
import { dateForInput, parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { TextBox } from './forms/TextBox.tsx';
import { useSave } from './forms/useSave.ts';

type Kind = (typeof TIMELINE_KINDS)[number];

/** Adds a timeline event, or edits one: date (exact or approximate), kind, place, description, evidence cited to the page. */
export function AddEvent({
  detail,
  event,
  onDone,
  onCancel,
}: {
  detail: CaseDetail;
  event?: TimelineEntry;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [date, setDate] = useState(dateForInput(event?.date, locale));
  const [approximate, setApproximate] = useState(event?.approximate ?? false);
  const [kind, setKind] = useState<Kind>((event?.kind as Kind | undefined) ?? 'hearing');
  const [place, setPlace] = useState(event?.place ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [itemId, setItemId] = useState(event?.citations[0]?.itemId ?? '');
  const [page, setPage] = useState(event?.citations[0]?.page ? String(event.citations[0].page) : '');

  const submit = async (submitted: FormEvent) => {
    submitted.preventDefault();
    const parsedDate = parseUserDate(date);
    const pageNumber = page.trim() === '' ? undefined : Number(page.trim());
    const fields = {
      date: parsedDate || date,
      approximate,
      kind,
      description: description.trim(),
      citations: itemId ? [{ itemId, ...(pageNumber === undefined ? {} : { page: pageNumber }) }] : [],
    };
    const done = event
      ? await save(TimelineEventEdit, { eventId: event.id, ...fields, place: place.trim() }, (value) => api['timeline.edit'](value))
      : await save(TimelineEventInput, { caseId: detail.id, ...fields, ...(place.trim() ? { place: place.trim() } : {}) }, (value) =>
          api['timeline.add'](value),
        );
    if (done) onDone();
  };

  return (
    <form className="card record-form" onSubmit={(e) => void submit(e)} noValidate autoComplete="off" data-testid="event-form">
      <h3>{event ? t.record.editEvent : t.record.addEvent}</h3>
      <fieldset disabled={busy}>
        <div className="grid grid-3">
          <Field label={t.record.eventDate} value={date} onChange={setDate} hint={t.record.dateHint} error={errors.date} required />
          <SelectField
            label={t.record.eventKind}
            value={kind}
            onChange={(value) => setKind(value as Kind)}
            options={Object.entries(t.labels.timelineKind).map(([value, text]) => ({ value, label: text }))}
          />
          <Field label={t.record.eventPlace} value={place} onChange={setPlace} error={errors.place} maxLength={300} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={approximate} onChange={(e) => setApproximate(e.target.checked)} /> {t.record.approximate}
        </label>
        <TextBox label={t.record.eventDescription} value={description} onChange={setDescription} error={errors.description} />
        <div className="grid grid-2">
          <SelectField
            label={t.record.cite}
            value={itemId}
            onChange={setItemId}
            options={[
              { value: '', label: t.record.citeNone },
              ...detail.items.map((item) => ({ value: item.id, label: item.title ?? item.originalName })),
            ]}
          />
          {itemId && <Field label={t.record.citePage} value={page} onChange={setPage} error={errors['citations.0.page']} maxLength={6} />}
        </div>
      </fieldset>
      <FormFooter busy={busy} failure={failure} onCancel={onCancel} />
    </form>
  );
}
