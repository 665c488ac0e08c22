import { useId, useRef, useState, type FormEvent } from 'react';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { parseUserDate } from '../case/forms/dates.ts';
import { useI18n } from '../i18n/index.tsx';
import type { CaseStatus, Confidentiality } from '../i18n/en.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { Field, SelectField, SubmitButton } from '../ui/fields.tsx';

const ARTICLE = /^\d{1,4}(\.\d{1,3})?$/;

interface ChargeDraft {
  key: number;
  article: string;
  part: string;
  title: string;
}

export function AddCase({ onAdded }: { onAdded: (id: string) => Promise<void> }) {
  const { t } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [status, setStatus] = useState('');
  const [statusOther, setStatusOther] = useState('');
  const [statusSince, setStatusSince] = useState('');
  const [region, setRegion] = useState('');
  const [city, setCity] = useState('');
  const [narrative, setNarrative] = useState('');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>('public');
  const [charges, setCharges] = useState<ChargeDraft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<{ title?: string; statusOther?: string; statusSince?: string; charges?: Record<number, string> }>(
    {},
  );
  const [addError, setAddError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const narrativeId = useId();

  const reset = () => {
    setTitle('');
    setReference('');
    setStatus('');
    setStatusOther('');
    setStatusSince('');
    setRegion('');
    setCity('');
    setNarrative('');
    setConfidentiality('public');
    setCharges([]);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    setAddError(null);
    const cleanTitle = title.trim();
    const found: typeof errors = {};
    if (cleanTitle === '') found.title = t.cases.titleRequired;
    if (status === 'other' && statusOther.trim() === '') found.statusOther = t.cases.statusOtherRequired;
    // Typed as people write dates (08.01.2022), not in the browser's own date format.
    const since = parseUserDate(statusSince);
    if (status && since === null) found.statusSince = t.record.dateInvalid;
    const chargeErrors: Record<number, string> = {};
    for (const charge of charges) if (!ARTICLE.test(charge.article.trim())) chargeErrors[charge.key] = t.cases.articleInvalid;
    if (Object.keys(chargeErrors).length) found.charges = chargeErrors;
    setErrors(found);
    if (found.title) {
      titleRef.current?.focus();
      return;
    }
    if (found.statusOther || found.statusSince || found.charges) return;
    setBusy(true);
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const result = await api['cases.add']({
      title: cleanTitle,
      reference: optional(reference),
      status: (status || undefined) as CaseStatus | undefined,
      statusOther: status === 'other' ? optional(statusOther) : undefined,
      statusSince: status && since ? since : undefined,
      region: optional(region),
      city: optional(city),
      narrative: optional(narrative),
      confidentiality,
      charges: charges.map((c) => ({ code: 'Criminal Code', article: c.article.trim(), part: optional(c.part), title: optional(c.title) })),
    });
    if (!result.ok) {
      setBusy(false);
      return fail(result.error, setAddError);
    }
    setBusy(false);
    reset();
    // The new case opens, so the lawyer goes on to add its people and evidence.
    setNotice(t.cases.added(cleanTitle));
    await onAdded(result.value.id);
  };

  const updateCharge = (key: number, patch: Partial<ChargeDraft>) => {
    setCharges((list) => list.map((c) => (c.key === key ? { ...c, ...patch } : c)));
    if ('article' in patch && errors.charges?.[key]) {
      const rest = { ...errors.charges };
      delete rest[key];
      setErrors({ ...errors, charges: rest });
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.cases.addTitle}</h2>
      <form onSubmit={(event) => void add(event)} noValidate autoComplete="off" aria-busy={busy}>
        <fieldset disabled={busy}>
          <div className="grid grid-2">
            <Field
              label={t.cases.caseTitle}
              value={title}
              onChange={(value) => {
                setTitle(value);
                setErrors((e) => ({ ...e, title: undefined }));
              }}
              error={errors.title}
              autoComplete="off"
              inputRef={titleRef}
              required
              maxLength={500}
            />
            <Field
              label={t.cases.reference}
              value={reference}
              onChange={setReference}
              hint={t.cases.referenceHint}
              autoComplete="off"
              maxLength={200}
            />
          </div>
          <div className={status === 'other' ? 'grid grid-4' : 'grid grid-3'}>
            <SelectField
              label={t.cases.status}
              value={status}
              onChange={setStatus}
              options={[
                { value: '', label: t.cases.statusNone },
                ...(Object.keys(t.labels.status) as CaseStatus[]).map((s) => ({ value: s, label: t.labels.status[s] })),
              ]}
            />
            {status === 'other' && (
              <Field label={t.cases.statusOther} value={statusOther} onChange={setStatusOther} error={errors.statusOther} maxLength={200} />
            )}
            <Field
              label={t.cases.statusSince}
              value={statusSince}
              onChange={setStatusSince}
              hint={t.record.dateHint}
              error={errors.statusSince}
            />
            <SelectField
              label={t.cases.confidentiality}
              value={confidentiality}
              onChange={(value) => setConfidentiality(value as Confidentiality)}
              options={(Object.keys(t.labels.confidentiality) as Confidentiality[]).map((c) => ({
                value: c,
                label: t.labels.confidentiality[c],
              }))}
            />
          </div>
          <div className="grid grid-2">
            <Field label={t.cases.region} value={region} onChange={setRegion} autoComplete="off" maxLength={200} />
            <Field label={t.cases.city} value={city} onChange={setCity} autoComplete="off" maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor={narrativeId}>{t.cases.narrative}</label>
            <textarea
              autoComplete="off"
              id={narrativeId}
              className="input"
              rows={3}
              value={narrative}
              onChange={(event) => setNarrative(event.target.value)}
              aria-describedby={`${narrativeId}-hint`}
            />
            <p className="field-hint" id={`${narrativeId}-hint`}>
              {t.cases.narrativeHint}
            </p>
          </div>
          <fieldset className="charges">
            <legend>{t.cases.charges}</legend>
            {charges.length === 0 && <p className="muted small">{t.cases.noCharges}</p>}
            {charges.map((charge, index) => (
              <div key={charge.key} className="charge-row">
                <Field
                  label={t.cases.chargeArticle}
                  value={charge.article}
                  onChange={(article) => updateCharge(charge.key, { article })}
                  hint={t.cases.chargeArticleHint}
                  error={errors.charges?.[charge.key]}
                  maxLength={8}
                />
                <Field
                  label={t.cases.chargePart}
                  value={charge.part}
                  onChange={(part) => updateCharge(charge.key, { part })}
                  maxLength={20}
                />
                <Field
                  label={t.cases.chargeTitle}
                  value={charge.title}
                  onChange={(value) => updateCharge(charge.key, { title: value })}
                  maxLength={300}
                />
                <button
                  type="button"
                  className="button button-quiet charge-remove"
                  aria-label={t.cases.removeCharge(String(index + 1))}
                  onClick={() => setCharges((list) => list.filter((c) => c.key !== charge.key))}
                >
                  ×
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                setCharges((list) => [...list, { key: nextKey, article: '', part: '', title: '' }]);
                setNextKey((k) => k + 1);
              }}
            >
              {t.cases.addCharge}
            </button>
          </fieldset>
        </fieldset>
        {addError && <ErrorMessage>{addError}</ErrorMessage>}
        <div className="actions actions-split">
          <p className="notice" role="status">
            {notice}
          </p>
          <SubmitButton busy={busy} label={t.cases.add} busyLabel={t.cases.adding} />
        </div>
      </form>
    </section>
  );
}
