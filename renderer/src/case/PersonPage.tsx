import { useEffect, useRef, useState } from 'react';
import type { PersonDetail } from '../../../shared/model.ts';
import { PersonMerge } from '../../../shared/record-edits.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage, Loading } from '../ui/feedback.tsx';
import { Field } from '../ui/fields.tsx';
import { EditPerson } from './EditPerson.tsx';
import { useSave } from './forms/useSave.ts';
import { label } from './label.ts';
import type { Notice } from './RecordActions.tsx';

/** One person across the archive: every spelling, every case and role; a duplicate record can be merged in. */
export function PersonPage({ id, onBack, onOpenCase }: { id: string; onBack: () => void; onOpenCase: (caseId: string) => void }) {
  const { t, f } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const { save, failure, busy } = useSave();
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [others, setOthers] = useState<PersonDetail[]>([]);
  const [notice, setNotice] = useState<{ say: Notice } | null>(null);
  const [reloads, setReloads] = useState(0);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api['persons.get']({ id }).then((result) => {
      if (cancelled) return;
      if (result.ok) setPerson(result.value);
      else fail(result.error, setError);
    });
    return () => {
      cancelled = true;
    };
  }, [api, id, fail, reloads]);

  // Answers to earlier keystrokes may come back after later ones: only the newest is shown.
  const asked = useRef(0);
  const find = async (text: string) => {
    setQuery(text);
    const mine = ++asked.current;
    if (text.trim().length < 2) return setOthers([]);
    const result = await api['persons.find']({ query: text });
    if (mine === asked.current) setOthers(result.ok ? result.value.filter((p) => p.id !== id) : []);
  };

  const merge = async (other: PersonDetail) => {
    if (!person || !window.confirm(t.record.mergeConfirm(other.name, person.name))) return;
    const merged = await save(PersonMerge, { keepId: id, mergeId: other.id }, (request) => api['persons.merge'](request));
    if (!merged) return;
    setNotice({ say: (t) => t.record.merged(other.name) });
    setOthers([]);
    setQuery('');
    setReloads((n) => n + 1);
  };

  const back = (
    <button type="button" className="button button-link back" onClick={onBack}>
      ← {t.caseView.back}
    </button>
  );
  if (!person)
    return (
      <div className="card">
        {back}
        {error ? <ErrorMessage>{error}</ErrorMessage> : <Loading label={t.caseView.loading} />}
      </div>
    );
  return (
    <article className="card person-page" data-testid="person-page">
      {back}
      <p className="muted small">{t.record.personPage}</p>
      <h1 className="case-heading">{person.name}</h1>
      {person.mergedInto && <p className="message message-warning">{t.record.mergedInto}</p>}
      <dl className="facts">
        <dt>{t.record.personAliases}</dt>
        <dd>{person.aliases.join(' · ') || t.cases.noValue}</dd>
        <dt>{t.record.personBorn}</dt>
        <dd>{person.birthDate ? f.partialDate(person.birthDate) : t.cases.noValue}</dd>
        <dt>{t.record.confidentiality}</dt>
        <dd>{label(t.labels.confidentiality, person.confidentiality)}</dd>
        {person.notes && (
          <>
            <dt>{t.record.personNotes}</dt>
            <dd className="timeline-text">{person.notes}</dd>
          </>
        )}
      </dl>
      {editing ? (
        <EditPerson
          person={person}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            setNotice({ say: (t) => t.record.saved });
            setReloads((n) => n + 1);
          }}
        />
      ) : (
        !person.mergedInto && (
          <div className="actions actions-start">
            <button type="button" className="button button-secondary" data-testid="open-edit-person" onClick={() => setEditing(true)}>
              {t.record.editPerson}
            </button>
          </div>
        )
      )}
      {person.mergedFrom.length > 0 && (
        <p className="muted small">{t.record.mergedFrom(person.mergedFrom.map((p) => p.name).join(', '))}</p>
      )}
      <h2>{t.record.personCases}</h2>
      <ul className="person-cases">
        {person.cases.map((c) => (
          <li key={`${c.caseId}:${c.role}`}>
            <button type="button" className="button-link strong" onClick={() => onOpenCase(c.caseId)}>
              {c.title}
            </button>{' '}
            <span className="badge">{label(t.labels.role, c.role)}</span>
          </li>
        ))}
      </ul>
      {!person.mergedInto && (
        <section className="merge">
          <h2>{t.record.mergeTitle}</h2>
          <Field label={t.record.findPlaceholder} value={query} onChange={(text) => void find(text)} hint={t.record.mergeHint} />
          <ul className="match-list">
            {others.map((other) => (
              <li key={other.id}>
                <span className="strong">{other.name}</span>
                <span className="muted small"> · {other.cases.map((c) => c.title).join(', ')}</span>
                <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void merge(other)}>
                  {t.record.mergeInto(other.name)}
                </button>
              </li>
            ))}
          </ul>
          {failure && <ErrorMessage>{failure}</ErrorMessage>}
          <p className="notice" role="status">
            {notice?.say(t)}
          </p>
        </section>
      )}
    </article>
  );
}
