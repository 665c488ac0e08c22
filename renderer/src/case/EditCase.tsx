import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../shared/model.ts';
import { CaseEdit } from '../../../shared/record-edits.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Confidentiality } from '../i18n/en.ts';
import { Field, SelectField } from '../ui/fields.tsx';
import { FormFooter } from './forms/FormFooter.tsx';
import { TextBox } from './forms/TextBox.tsx';
import { useSave } from './forms/useSave.ts';

interface ChargeDraft {
  article: string;
  part: string;
  title: string;
}

/** Edits what a case record says: title, reference, place, charges, tags, summary, confidentiality. */
export function EditCase({ detail, onDone, onCancel }: { detail: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [title, setTitle] = useState(detail.title);
  const [reference, setReference] = useState(detail.reference ?? '');
  const [region, setRegion] = useState(detail.region ?? '');
  const [city, setCity] = useState(detail.city ?? '');
  const [tags, setTags] = useState(detail.tags.join(', '));
  const [narrative, setNarrative] = useState(detail.narrative ?? '');
  const [confidentiality, setConfidentiality] = useState(detail.confidentiality as Confidentiality);
  const [charges, setCharges] = useState<ChargeDraft[]>(
    detail.charges.map((c) => ({ article: c.article, part: c.part ?? '', title: c.title ?? '' })),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = {
      caseId: detail.id,
      title: title.trim(),
      reference: reference.trim(),
      region: region.trim(),
      city: city.trim(),
      narrative: narrative.trim(),
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      confidentiality,
      charges: charges.map((c) => ({
        article: c.article.trim(),
        ...(c.part.trim() ? { part: c.part.trim() } : {}),
        ...(c.title.trim() ? { title: c.title.trim() } : {}),
      })),
    };
    if (await save(CaseEdit, request, (value) => api['cases.edit'](value))) onDone();
  };
  const setCharge = (index: number, patch: Partial<ChargeDraft>) =>
    setCharges((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  return (
    <form className="card record-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off" data-testid="edit-case">
      <h3>{t.record.editCase}</h3>
      <fieldset disabled={busy}>
        <div className="grid grid-2">
          <Field label={t.record.title} value={title} onChange={setTitle} error={errors.title} required maxLength={500} />
          <Field label={t.record.reference} value={reference} onChange={setReference} error={errors.reference} maxLength={200} />
          <Field label={t.record.region} value={region} onChange={setRegion} error={errors.region} maxLength={200} />
          <Field label={t.record.city} value={city} onChange={setCity} error={errors.city} maxLength={200} />
        </div>
        <fieldset className="charges">
          <legend>{t.record.charges}</legend>
          {charges.map((charge, index) => (
            <div key={index} className="charge-row">
              <Field
                label={t.record.chargeArticle}
                value={charge.article}
                onChange={(article) => setCharge(index, { article })}
                error={errors[`charges.${index}.article`]}
                maxLength={8}
              />
              <Field label={t.record.chargePart} value={charge.part} onChange={(part) => setCharge(index, { part })} maxLength={20} />
              <Field
                label={t.record.chargeTitle}
                value={charge.title}
                onChange={(text) => setCharge(index, { title: text })}
                maxLength={300}
              />
              <button
                type="button"
                className="button button-quiet charge-remove"
                aria-label={t.record.removeCharge}
                onClick={() => setCharges((list) => list.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setCharges((list) => [...list, { article: '', part: '', title: '' }])}
          >
            {t.record.addCharge}
          </button>
        </fieldset>
        <Field label={t.record.tags} value={tags} onChange={setTags} hint={t.record.tagsHint} error={errors.tags} />
        <TextBox label={t.record.narrative} value={narrative} onChange={setNarrative} error={errors.narrative} rows={4} />
        <SelectField
          label={t.record.confidentiality}
          value={confidentiality}
          onChange={(value) => setConfidentiality(value as Confidentiality)}
          options={Object.entries(t.labels.confidentiality).map(([value, text]) => ({ value, label: text }))}
        />
      </fieldset>
      <FormFooter busy={busy} failure={failure} onCancel={onCancel} />
    </form>
  );
}
