import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { ItemSummary } from '../../../shared/model.ts';
import { DERIVATIONS, ItemMetadata } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { uploadFiles } from '../import/upload.ts';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { Field, SelectField, SubmitButton } from '../ui/fields.tsx';
import { validate, type FieldErrors } from './forms/validate.ts';
import type { Notice } from './RecordActions.tsx';

type Derivation = (typeof DERIVATIONS)[number];
/** The same checks the engine makes of a derived upload's details. */
const DerivedDetails = z.object({ derivation: z.enum(DERIVATIONS), metadata: ItemMetadata }).strict();

/**
 * A redaction, transcript or translation of an item: the file goes through the same upload as any
 * import, with `derivedFrom`, so the engine links it to the original and logs the derivation on both.
 */
export function DeriveItem({ item, onAdded }: { item: ItemSummary; onAdded: (message: Notice) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [derivation, setDerivation] = useState<Derivation>('translation');
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const metadata = {
      type: item.type,
      confidentiality: item.confidentiality,
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(language.trim() ? { language: language.trim() } : {}),
    };
    const checked = validate(DerivedDetails, { derivation, metadata }, t.record);
    const found: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!file) found.file = t.record.deriveFileRequired;
    setErrors(found);
    if (!file || !checked.ok) return;
    setBusy(true);
    const [outcome] = await uploadFiles(getApi(), item.caseId, [file], {
      metadata: checked.value.metadata,
      derivedFrom: { itemId: item.id, derivation },
    });
    setBusy(false);
    if (outcome?.status === 'imported' || outcome?.status === 'duplicate') onAdded((t) => t.record.derivedAdded(file.name));
    else if (outcome?.status === 'failed') setFailure(outcome.error ? describeError(t, outcome.error) : outcome.reason);
  };

  return (
    <form className="derive-item" onSubmit={(event) => void submit(event)} noValidate autoComplete="off" data-testid="derive-item">
      <h4>{t.record.derive}</h4>
      <fieldset disabled={busy} className="grid grid-2">
        <div className={errors.file ? 'field field-invalid' : 'field'}>
          <label htmlFor={`derive-file-${item.id}`}>{t.record.deriveFile}</label>
          <input
            id={`derive-file-${item.id}`}
            type="file"
            className="input"
            aria-invalid={errors.file ? true : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {errors.file && <p className="field-error">{errors.file}</p>}
        </div>
        <SelectField
          label={t.record.derivation}
          value={derivation}
          onChange={(value) => setDerivation(value as Derivation)}
          options={DERIVATIONS.map((value) => ({ value, label: t.record.derivations[value] ?? value }))}
        />
        <Field label={t.record.itemTitle} value={title} onChange={setTitle} error={errors['metadata.title']} maxLength={500} />
        <Field label={t.record.language} value={language} onChange={setLanguage} error={errors['metadata.language']} maxLength={50} />
      </fieldset>
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      <div className="actions actions-start">
        <SubmitButton busy={busy} label={t.record.deriveAdd} busyLabel={t.record.saving} />
      </div>
    </form>
  );
}
