import { useState, type FormEvent } from 'react';
import type { PersonDetail } from '../../../shared/model.ts';
import { PersonEdit } from '../../../shared/record-edits.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Confidentiality } from '../i18n/en.ts';
import { Field, SelectField } from '../ui/fields.tsx';
import { AliasSuggestions } from './forms/AliasSuggestions.tsx';
import { dateForInput, parseUserDate } from './forms/dates.ts';
import { FormFooter } from './forms/FormFooter.tsx';
import { lines, TextBox } from './forms/TextBox.tsx';
import { useSave } from './forms/useSave.ts';

/** A person's name, spellings, birth date, notes and confidentiality; the engine logs each change with before and after. */
export function EditPerson({ person, onDone, onCancel }: { person: PersonDetail; onDone: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const api = getApi();
  const { save, errors, failure, busy } = useSave();
  const [name, setName] = useState(person.name);
  const [aliases, setAliases] = useState(person.aliases.join('\n'));
  const [born, setBorn] = useState(dateForInput(person.birthDate, locale));
  const [notes, setNotes] = useState(person.notes ?? '');
  const [confidentiality, setConfidentiality] = useState(person.confidentiality as Confidentiality);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const birthDate = parseUserDate(born);
    const request = {
      personId: person.id,
      name: name.trim(),
      aliases: lines(aliases),
      birthDate: birthDate ?? born,
      notes: notes.trim(),
      confidentiality,
    };
    if (await save(PersonEdit, request, (value) => api['persons.edit'](value))) onDone();
  };

  return (
    <form className="card record-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off" data-testid="edit-person">
      <h3>{t.record.editPerson}</h3>
      <fieldset disabled={busy}>
        <div className="grid grid-2">
          <Field label={t.record.personName} value={name} onChange={setName} error={errors.name} required maxLength={300} />
          <Field
            label={t.record.birthDate}
            value={born}
            onChange={setBorn}
            hint={t.record.dateHint}
            error={errors.birthDate}
            maxLength={10}
          />
        </div>
        <TextBox
          label={t.record.aliases}
          value={aliases}
          onChange={setAliases}
          hint={t.record.aliasesHint}
          error={errors.aliases}
          rows={2}
        />
        <AliasSuggestions name={name} aliases={aliases} onAliases={setAliases} />
        <TextBox label={t.record.personNotes} value={notes} onChange={setNotes} error={errors.notes} rows={2} />
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
