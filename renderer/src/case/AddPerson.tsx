import { useState, type FormEvent } from 'react';
import type { PersonDetail } from '../../../shared/model.ts';
import { PersonAdd } from '../../../shared/record-edits.ts';
import { CasePersonLink, type PERSON_ROLES } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Confidentiality } from '../i18n/en.ts';
import { Field, SelectField } from '../ui/fields.tsx';
import { AliasSuggestions } from './forms/AliasSuggestions.tsx';
import { parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { lines, TextBox } from './forms/TextBox.tsx';
import type { Notice } from './RecordActions.tsx';
import { useSave } from './forms/useSave.ts';

type Role = (typeof PERSON_ROLES)[number];

/** Adds a person to the case with a role, or links someone already in the archive (found by any spelling). */
export function AddPerson({ caseId, onDone, onCancel }: { caseId: string; onDone: (message: Notice) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [role, setRole] = useState<Role>('defendant');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<PersonDetail[] | null>(null);
  const [name, setName] = useState('');
  const [aliases, setAliases] = useState('');
  const [born, setBorn] = useState('');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>('public');
  const roles = Object.entries(t.labels.role).map(([value, text]) => ({ value, label: text }));

  const find = async (text: string) => {
    setQuery(text);
    if (text.trim().length < 2) return setMatches(null);
    const result = await api['persons.find']({ query: text });
    setMatches(result.ok ? result.value : []);
  };

  const link = async (person: PersonDetail) => {
    const done = await save(CasePersonLink, { caseId, personId: person.id, role }, (request) => api['persons.link'](request));
    if (done) onDone((t) => t.record.personLinked(person.name));
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const birthDate = parseUserDate(born);
    const request = {
      person: {
        name: name.trim(),
        aliases: lines(aliases),
        ...(birthDate === '' ? {} : { birthDate: birthDate ?? born }),
        confidentiality,
      },
      link: { caseId, role },
    };
    const done = await save(PersonAdd, request, (value) => api['persons.add'](value));
    if (done) onDone((t) => t.record.personAdded(request.person.name));
  };

  return (
    <form className="card record-form" onSubmit={(event) => void add(event)} noValidate autoComplete="off" data-testid="add-person">
      <h3>{t.record.addPerson}</h3>
      <fieldset disabled={busy}>
        <SelectField label={t.record.role} value={role} onChange={(value) => setRole(value as Role)} options={roles} />
        <Field label={t.record.findExisting} value={query} onChange={(text) => void find(text)} hint={t.record.findPlaceholder} />
        {matches !== null && matches.length === 0 && <p className="muted small">{t.record.noMatch}</p>}
        {matches && matches.length > 0 && (
          <ul className="match-list">
            {matches.map((person) => (
              <li key={person.id}>
                <span className="strong">{person.name}</span>
                {person.aliases.length > 0 && <span className="muted small"> · {person.aliases.join(', ')}</span>}
                <button type="button" className="button button-secondary button-small" onClick={() => void link(person)}>
                  {t.record.linkAs(t.labels.role[role])}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="grid grid-2">
          <Field label={t.record.personName} value={name} onChange={setName} error={errors['person.name']} required maxLength={300} />
          <Field
            label={t.record.birthDate}
            value={born}
            onChange={setBorn}
            hint={t.record.dateHint}
            error={errors['person.birthDate']}
            maxLength={10}
          />
        </div>
        <TextBox
          label={t.record.aliases}
          value={aliases}
          onChange={setAliases}
          hint={t.record.aliasesHint}
          error={errors['person.aliases']}
          rows={2}
        />
        <AliasSuggestions name={name} aliases={aliases} onAliases={setAliases} />
        <SelectField
          label={t.record.confidentiality}
          value={confidentiality}
          onChange={(value) => setConfidentiality(value as Confidentiality)}
          options={Object.entries(t.labels.confidentiality).map(([value, text]) => ({ value, label: text }))}
        />
      </fieldset>
      <FormFooter busy={busy} failure={failure} onCancel={onCancel} label={t.record.addPerson} />
    </form>
  );
}
