import type { ITEM_TYPES } from '../../../shared/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field, SelectField } from '../ui/fields.tsx';
import type { FieldErrors } from '../case/forms/validate.ts';

type ItemType = (typeof ITEM_TYPES)[number];

/** What the user says of one file of a batch before the import commits (typed text; checked by the shared schemas). */
export interface FileDraft {
  title: string;
  type: ItemType;
  documentDate: string;
  issuingBody: string;
  language: string;
  /** Provenance of this file when it differs from the batch's (empty: the batch's). */
  obtainedFrom: string;
  method: string;
}

export const emptyDraft = (type: ItemType): FileDraft => ({
  title: '',
  type,
  documentDate: '',
  issuingBody: '',
  language: '',
  obtainedFrom: '',
  method: '',
});

/** One file's title, type (suggested from its content), date, issuer, language and provenance. */
export function FileDetails({
  draft,
  errors,
  batch,
  onChange,
}: {
  draft: FileDraft;
  errors: FieldErrors;
  /** The batch's provenance, shown as what an empty field means. */
  batch: { obtainedFrom: string; method: string };
  onChange: (patch: Partial<FileDraft>) => void;
}) {
  const { t } = useI18n();
  const same = (value: string) => (value.trim() ? t.record.asForBatch(value.trim()) : undefined);
  return (
    <div className="grid grid-3 file-details">
      <Field
        label={t.record.itemTitle}
        value={draft.title}
        onChange={(title) => onChange({ title })}
        error={errors['metadata.title']}
        maxLength={500}
      />
      <SelectField
        label={t.record.itemType}
        value={draft.type}
        onChange={(type) => onChange({ type: type as ItemType })}
        options={Object.entries(t.labels.itemType).map(([value, text]) => ({ value, label: text }))}
      />
      <Field
        label={t.record.documentDate}
        value={draft.documentDate}
        onChange={(documentDate) => onChange({ documentDate })}
        hint={t.record.datePlaceholder}
        error={errors['metadata.documentDate']}
      />
      <Field
        label={t.record.issuingBody}
        value={draft.issuingBody}
        onChange={(issuingBody) => onChange({ issuingBody })}
        error={errors['metadata.issuingBody']}
        maxLength={500}
      />
      <Field
        label={t.record.language}
        value={draft.language}
        onChange={(language) => onChange({ language })}
        error={errors['metadata.language']}
        maxLength={50}
      />
      <Field
        label={t.importer.obtainedFrom}
        value={draft.obtainedFrom}
        onChange={(obtainedFrom) => onChange({ obtainedFrom })}
        hint={same(batch.obtainedFrom)}
        error={errors['acquisition.obtainedFrom']}
        maxLength={500}
      />
      <Field
        label={t.importer.method}
        value={draft.method}
        onChange={(method) => onChange({ method })}
        hint={same(batch.method)}
        error={errors['acquisition.method']}
        maxLength={500}
      />
    </div>
  );
}
