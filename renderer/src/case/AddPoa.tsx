import { useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../../shared/model.ts';
import { PowerOfAttorneyInput, type POA_SCOPES } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field, SelectField } from '../ui/fields.tsx';
import { parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { useSave } from './forms/useSave.ts';

type Scope = (typeof POA_SCOPES)[number];

/** Records a power of attorney: who granted it to whom, for what, how long, and its scanned copy. */
export function AddPoa({ detail, onDone, onCancel }: { detail: CaseDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const grantors = [...new Map(detail.persons.map((p) => [p.personId, p.name])).entries()];
  const [grantor, setGrantor] = useState(grantors[0]?.[0] ?? '');
  const [representative, setRepresentative] = useState('');
  const [scope, setScope] = useState<Scope[]>(['represent-in-court']);
  const [issued, setIssued] = useState('');
  const [until, setUntil] = useState('');
  const [itemId, setItemId] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const validUntil = parseUserDate(until);
    const request = {
      caseId: detail.id,
      grantorPersonId: grantor,
      representative: representative.trim(),
      scope,
      issued: parseUserDate(issued) || issued,
      ...(validUntil === '' ? {} : { validUntil: validUntil ?? until }),
      ...(itemId ? { itemId } : {}),
    };
    if (await save(PowerOfAttorneyInput, request, (value) => api['poa.add'](value))) onDone();
  };

  if (grantors.length === 0) return <p className="message message-warning">{t.record.grantorNone}</p>;
  return (
    <form className="card record-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off" data-testid="poa-form">
      <h3>{t.record.addPoa}</h3>
      <fieldset disabled={busy}>
        <div className="grid grid-2">
          <SelectField
            label={t.record.grantor}
            value={grantor}
            onChange={setGrantor}
            options={grantors.map(([value, name]) => ({ value, label: name }))}
          />
          <Field
            label={t.record.representative}
            value={representative}
            onChange={setRepresentative}
            error={errors.representative}
            required
          />
          <Field label={t.record.issued} value={issued} onChange={setIssued} hint={t.record.dateHint} error={errors.issued} required />
          <Field label={t.record.validUntil} value={until} onChange={setUntil} error={errors.validUntil} />
        </div>
        <fieldset className="checks">
          <legend>{t.record.scope}</legend>
          {(Object.keys(t.labels.poaScope) as Scope[]).map((value) => (
            <label key={value} className="checkbox">
              <input
                type="checkbox"
                checked={scope.includes(value)}
                onChange={(e) => setScope((list) => (e.target.checked ? [...list, value] : list.filter((s) => s !== value)))}
              />{' '}
              {t.labels.poaScope[value]}
            </label>
          ))}
          {errors.scope && <p className="field-error">{t.record.required}</p>}
        </fieldset>
        <SelectField
          label={t.record.scanned}
          value={itemId}
          onChange={setItemId}
          options={[
            { value: '', label: t.record.citeNone },
            ...detail.items.map((item) => ({ value: item.id, label: item.title ?? item.originalName })),
          ]}
        />
      </fieldset>
      <FormFooter busy={busy} failure={failure} onCancel={onCancel} />
    </form>
  );
}
