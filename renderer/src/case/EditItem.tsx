import { useState, type FormEvent } from 'react';
import type { CasePerson, ItemSummary } from '../../../shared/model.ts';
import { ItemEdit } from '../../../shared/record-edits.ts';
import { Withdrawal, type ITEM_TYPES } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Confidentiality } from '../i18n/en.ts';
import { Field, SelectField } from '../ui/fields.tsx';
import { dateForInput, parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { TextBox } from './forms/TextBox.tsx';
import { useSave } from './forms/useSave.ts';
import type { Notice } from './RecordActions.tsx';
import { DeriveItem } from './DeriveItem.tsx';
import { ItemLinks } from './ItemLinks.tsx';
import { SaveCopy } from './SaveCopy.tsx';

type ItemType = (typeof ITEM_TYPES)[number];

interface Props {
  item: ItemSummary;
  /** The people of the case the item is shown in, to link it to. */
  persons: CasePerson[];
  onDone: (message?: Notice) => void;
  onCancel: () => void;
  /** A link was added or removed: read the case again and keep the form open. */
  onLinksChanged: () => void;
}

/** An item's details (before/after logged), its withdrawal with a reason, its links to cases and people, a copy of the original, a derived item. */
export function EditItem({ item, persons, onDone, onCancel, onLinksChanged }: Props) {
  const { t, locale } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [title, setTitle] = useState(item.title ?? '');
  const [type, setType] = useState(item.type as ItemType);
  const [date, setDate] = useState(dateForInput(item.documentDate, locale));
  const [issuingBody, setIssuingBody] = useState(item.issuingBody ?? '');
  const [language, setLanguage] = useState(item.language ?? '');
  const [description, setDescription] = useState(item.description ?? '');
  const [confidentiality, setConfidentiality] = useState(item.confidentiality as Confidentiality);
  const [reason, setReason] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const documentDate = parseUserDate(date);
    const request = {
      itemId: item.id,
      title: title.trim(),
      type,
      documentDate: documentDate ?? date,
      issuingBody: issuingBody.trim(),
      language: language.trim(),
      description: description.trim(),
      confidentiality,
    };
    if (await save(ItemEdit, request, (value) => api['items.edit'](value))) onDone();
  };
  const withdraw = async () => {
    if (await save(Withdrawal, { itemId: item.id, reason: reason.trim() }, (value) => api['items.withdraw'](value))) onDone();
  };
  return (
    <div className="card record-form" data-testid="edit-item">
      <form onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <h3>{t.record.editItem}</h3>
        <fieldset disabled={busy}>
          <div className="grid grid-2">
            <Field label={t.record.itemTitle} value={title} onChange={setTitle} error={errors.title} maxLength={500} />
            <SelectField
              label={t.record.itemType}
              value={type}
              onChange={(value) => setType(value as ItemType)}
              options={Object.entries(t.labels.itemType).map(([value, text]) => ({ value, label: text }))}
            />
            <Field label={t.record.documentDate} value={date} onChange={setDate} hint={t.record.dateHint} error={errors.documentDate} />
            <Field label={t.record.issuingBody} value={issuingBody} onChange={setIssuingBody} error={errors.issuingBody} maxLength={500} />
            <Field label={t.record.language} value={language} onChange={setLanguage} error={errors.language} maxLength={50} />
            <SelectField
              label={t.record.confidentiality}
              value={confidentiality}
              onChange={(value) => setConfidentiality(value as Confidentiality)}
              options={Object.entries(t.labels.confidentiality).map(([value, text]) => ({ value, label: text }))}
            />
          </div>
          <TextBox label={t.record.description} value={description} onChange={setDescription} error={errors.description} rows={2} />
        </fieldset>
        <FormFooter busy={busy} failure={failure} onCancel={onCancel} />
        <div className="item-actions">
          {!item.withdrawnAt && (
            <div className="inline-form">
              <Field
                label={t.record.withdrawReason}
                value={reason}
                onChange={setReason}
                hint={t.record.withdrawHint}
                error={errors.reason}
              />
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void withdraw()}>
                {t.record.withdraw}
              </button>
            </div>
          )}
          <SaveCopy item={item} />
        </div>
      </form>
      <ItemLinks item={item} persons={persons} onChanged={onLinksChanged} />
      <DeriveItem item={item} onAdded={(message) => onDone(message)} />
    </div>
  );
}
