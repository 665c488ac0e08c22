import { useEffect, useState, type ReactNode } from 'react';
import type { CasePerson, ItemSummary } from '../../../shared/model.ts';
import { CaseChoice } from '../cases/CaseChoice.tsx';
import { ItemLink } from '../../../shared/schemas.ts';
import { CASE_SUMMARIES_MAX } from '../../../shared/limits.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';
import { SelectField } from '../ui/fields.tsx';
import { label } from './label.ts';
import { useSave } from './forms/useSave.ts';

type Target = { caseId: string } | { personId: string };
const keyOf = (target: Target) => ('caseId' in target ? `case:${target.caseId}` : `person:${target.personId}`);

/**
 * The cases and people an item belongs to besides the case it was filed under: each unlinked after
 * a confirmation (the engine logs it), and more linked. An engine refusal shows beside its button.
 */
export function ItemLinks({ item, persons, onChanged }: { item: ItemSummary; persons: CasePerson[]; onChanged: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const { save, failure, busy } = useSave();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [names, setNames] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<{ key: string; message: string } | null>(null);
  // The titles of the cases it belongs to: not the whole case list, which may be thousands, nor each whole case.
  useEffect(() => {
    let current = true;
    void api['cases.summaries']({ ids: [item.caseId, ...item.linkedCaseIds].slice(0, CASE_SUMMARIES_MAX) }).then((result) => {
      if (current && result.ok) setTitles(Object.fromEntries(result.value.map((c) => [c.id, c.title])));
    });
    return () => {
      current = false;
    };
  }, [api, item.caseId, item.linkedCaseIds]);
  // A linked person may be in another case only: read their name.
  useEffect(() => {
    const known = new Set(persons.map((p) => p.personId));
    for (const id of item.personIds.filter((id) => !known.has(id)))
      void api['persons.get']({ id }).then((result) => result.ok && setNames((all) => ({ ...all, [id]: result.value.name })));
  }, [api, item.personIds, persons]);

  const caseTitle = (id: string) => titles[id] ?? id;
  const personName = (id: string) => persons.find((p) => p.personId === id)?.name ?? names[id] ?? id;
  const casePeople = [...new Map(persons.map((p) => [p.personId, p])).values()];

  const link = async (target: Target) => {
    setRefused(null);
    const linked = await save(ItemLink, { itemId: item.id, ...target }, (value) => api['items.link'](value));
    if (linked) onChanged();
    return Boolean(linked);
  };
  const unlink = async (target: Target, name: string) => {
    if (!window.confirm(t.record.unlinkConfirm(name))) return;
    setRefused(null);
    const result = await api['items.unlink']({ itemId: item.id, ...target });
    if (result.ok) return onChanged();
    fail(result.error, (message) => setRefused({ key: keyOf(target), message }));
  };
  const list = (title: string, targets: Array<[Target, string]>) => (
    <>
      <p className="small strong">{title}</p>
      {targets.length === 0 ? (
        <p className="muted small">{t.record.noLinks}</p>
      ) : (
        <ul className="item-link-list">
          {targets.map(([target, name]) => (
            <li key={keyOf(target)} className="item-link">
              <span>{name}</span>
              <button type="button" className="button button-secondary button-small" onClick={() => void unlink(target, name)}>
                <span aria-hidden="true">{t.record.unlink}</span>
                <span className="visually-hidden">{t.record.unlinkFrom(name)}</span>
              </button>
              {refused?.key === keyOf(target) && <ErrorMessage>{refused.message}</ErrorMessage>}
            </li>
          ))}
        </ul>
      )}
    </>
  );

  return (
    <div className="item-links" data-testid="item-links">
      <h4>{t.record.linksTitle}</h4>
      <p className="muted small">{t.record.filedUnder(caseTitle(item.caseId))}</p>
      {list(
        t.record.linkedCases,
        item.linkedCaseIds.map((id) => [{ caseId: id }, caseTitle(id)]),
      )}
      {list(
        t.record.linkedPersons,
        item.personIds.map((id) => [{ personId: id }, personName(id)]),
      )}
      <LinkPicker
        busy={busy}
        field={(chosen, choose) => (
          <CaseChoice
            label={t.record.linkCase}
            none={t.record.linkCaseNone}
            value={chosen}
            onChange={choose}
            exclude={[item.caseId, ...item.linkedCaseIds]}
          />
        )}
        onLink={(caseId) => link({ caseId })}
      />
      {casePeople.length > 0 && (
        <LinkPicker
          busy={busy}
          field={(chosen, choose) => (
            <SelectField
              label={t.record.linkPerson}
              value={chosen}
              onChange={choose}
              options={[
                { value: '', label: t.record.linkPersonNone },
                ...casePeople
                  .filter((p) => !item.personIds.includes(p.personId))
                  .map((p) => ({ value: p.personId, label: `${p.name} (${label(t.labels.role, p.role)})` })),
              ]}
            />
          )}
          onLink={(personId) => link({ personId })}
        />
      )}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
    </div>
  );
}

interface PickerProps {
  busy: boolean;
  /** The field that chooses what to link ('' for nothing yet). */
  field: (chosen: string, choose: (id: string) => void) => ReactNode;
  /** Resolves true when the link was made (the choice is then cleared). */
  onLink: (id: string) => Promise<boolean>;
}

function LinkPicker({ busy, field, onLink }: PickerProps) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState('');
  return (
    <div className="inline-form">
      {field(chosen, setChosen)}
      <button
        type="button"
        className="button button-secondary"
        disabled={busy || !chosen}
        onClick={() => void onLink(chosen).then((linked) => linked && setChosen(''))}
      >
        {t.record.link}
      </button>
    </div>
  );
}
