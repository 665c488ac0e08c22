import { memo, type KeyboardEvent } from 'react';
import { DateInput } from '../case/forms/DateInput.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { CaseStatus } from '../i18n/en.ts';
import { SelectField } from '../ui/fields.tsx';
import { useDebouncedText } from '../ui/useDebouncedText.ts';
import type { FacetCounts } from './facets.ts';
import type { ListState } from './list-state.ts';

interface Props {
  id: string;
  hintId: string;
  state: Omit<ListState, 'sort'>;
  counts: FacetCounts;
  onChange: (patch: Partial<ListState>) => void;
  /** Arrow-down in the search box moves into the list below it. */
  onArrowDown: () => void;
}

const byCollator = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/**
 * The search box and the filters above the case list, each choice with the number of cases it has.
 * Typed text stays here until a pause in typing (useDebouncedText); `onChange` and `onArrowDown` should be stable.
 */
export const CaseFilters = memo(function CaseFilters({ id, hintId, state, counts, onChange, onArrowDown }: Props) {
  const { t, f } = useI18n();
  const [query, setQuery] = useDebouncedText(state.query, (text) => onChange({ query: text }));
  const [person, setPerson] = useDebouncedText(state.person, (text) => onChange({ person: text }));
  const statusOptions = [
    { value: '', label: t.cases.filterAny },
    ...(Object.keys(t.labels.status) as CaseStatus[])
      .filter((s) => counts.status.has(s) || state.status === s)
      .map((s) => ({ value: s, label: t.cases.filterCount(t.labels.status[s], f.number(counts.status.get(s) ?? 0)) })),
  ];
  const articleOptions = [
    { value: '', label: t.cases.filterAny },
    ...[...counts.article.keys()]
      .sort(byCollator)
      .map((a) => ({ value: a, label: t.cases.filterCount(t.cases.articleOption(a), f.number(counts.article.get(a)!)) })),
  ];
  const regionOptions = [
    { value: '', label: t.cases.filterAny },
    ...[...counts.region.keys()]
      .sort(byCollator)
      .map((r) => ({ value: r, label: t.cases.filterCount(r, f.number(counts.region.get(r)!)) })),
  ];
  // Every role and evidence type, in the catalogue's order: the engine filters, so there is no count to show.
  const roleOptions = [
    { value: '', label: t.cases.filterAny },
    ...Object.entries(t.labels.role).map(([value, text]) => ({ value, label: text })),
  ];
  const typeOptions = [
    { value: '', label: t.cases.filterAny },
    ...Object.entries(t.labels.itemType).map(([value, text]) => ({ value, label: text })),
  ];
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      onArrowDown();
    }
  };

  return (
    <div className="toolbar" role="search">
      <div className="field field-search">
        <label htmlFor={id}>{t.cases.search}</label>
        <input
          id={id}
          type="search"
          className="input"
          value={query}
          placeholder={t.cases.searchPlaceholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
          aria-describedby={hintId}
        />
      </div>
      <SelectField
        className="field-filter"
        label={t.cases.filterStatus}
        value={state.status}
        onChange={(status) => onChange({ status })}
        options={statusOptions}
      />
      <SelectField
        className="field-filter"
        label={t.cases.filterArticle}
        value={state.article}
        onChange={(article) => onChange({ article })}
        options={articleOptions}
      />
      <SelectField
        className="field-filter"
        label={t.cases.filterRegion}
        value={state.region}
        onChange={(region) => onChange({ region })}
        options={regionOptions}
      />
      {/* The range is one cell, so nine filters fill two rows and "from" and "to" stay side by side. */}
      <div className="field-range">
        <div className="field field-filter">
          <label htmlFor={`${id}-from`}>{t.cases.filterFrom}</label>
          <DateInput id={`${id}-from`} value={state.dateFrom} onChange={(dateFrom) => onChange({ dateFrom })} />
        </div>
        <div className="field field-filter">
          <label htmlFor={`${id}-to`}>{t.cases.filterTo}</label>
          <DateInput id={`${id}-to`} value={state.dateTo} onChange={(dateTo) => onChange({ dateTo })} />
        </div>
      </div>
      <div className="field field-filter">
        <label htmlFor={`${id}-person`}>{t.cases.filterPerson}</label>
        <input
          id={`${id}-person`}
          type="text"
          className="input"
          value={person}
          placeholder={t.cases.filterPersonPlaceholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setPerson(event.target.value)}
        />
      </div>
      <SelectField
        className="field-filter"
        label={t.cases.filterRole}
        value={state.role}
        onChange={(role) => onChange({ role })}
        options={roleOptions}
      />
      <SelectField
        className="field-filter"
        label={t.cases.filterItemType}
        value={state.itemType}
        onChange={(itemType) => onChange({ itemType })}
        options={typeOptions}
      />
    </div>
  );
});
