import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { CaseSummary, SearchHit } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { revealDirectionControls } from '../ui/bidi.ts';
import { Empty, ErrorMessage } from '../ui/feedback.tsx';
import { SelectField } from '../ui/fields.tsx';
import { Highlighted, SafeName } from '../ui/text.tsx';
import { useSearch } from './useSearch.ts';
import './case-choice.css';

/** Up to this many cases a drop-down lists them all; beyond it the case is found by search, in any spelling. */
export const CASE_CHOICE_LIST_MAX = 300;
/** Matches offered at a time: typing more narrows them. */
const MATCHES = 20;
const NO_FILTERS = {};
const CASES_ONLY = { kinds: ['case' as const], pageSize: MATCHES };

interface Props {
  label: string;
  /** What no choice ('') means here: "All cases", "—", "Choose a case". */
  none: string;
  value: string;
  onChange: (caseId: string) => void;
  /** Cases not offered (an item's own case and those it is already linked to). */
  exclude?: readonly string[];
  /** How a case is named in the drop-down (default: its title). */
  labelOf?: (summary: CaseSummary) => string;
  /** Said instead of the choice when the vault has no case at all (otherwise the drop-down offers only `none`). */
  empty?: string;
}

type Known = { kind: 'reading' } | { kind: 'list'; cases: CaseSummary[] } | { kind: 'search'; total: number };

/**
 * One door for choosing a case (dossier, bag, package, linking an item). A drop-down while the
 * vault is small; in an archive of thousands, a search box (a combobox) whose matches are found in
 * any spelling, with an honest count: a drop-down of 10,000 titles is neither drawn nor read.
 */
export function CaseChoice(props: Props) {
  const { t } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [known, setKnown] = useState<Known>({ kind: 'reading' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api['cases.page']({ offset: 0, limit: CASE_CHOICE_LIST_MAX }).then((page) => {
      if (!current) return;
      if (!page.ok) return fail(page.error, setError);
      const { cases, total } = page.value;
      setKnown(total <= CASE_CHOICE_LIST_MAX ? { kind: 'list', cases } : { kind: 'search', total });
    });
    return () => {
      current = false;
    };
  }, [api, fail]);

  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (known.kind === 'list' && known.cases.length === 0 && props.empty) return <Empty title={props.empty} hint={t.cases.emptyHint} />;
  if (known.kind === 'list') {
    const { label, none, value, onChange, exclude = [], labelOf = (c: CaseSummary) => c.title } = props;
    const options = known.cases
      .filter((c) => !exclude.includes(c.id))
      .map((c) => ({ value: c.id, label: revealDirectionControls(labelOf(c)) }));
    return <SelectField label={label} value={value} onChange={onChange} options={[{ value: '', label: none }, ...options]} />;
  }
  return <CaseSearchChoice {...props} total={known.kind === 'search' ? known.total : null} />;
}

function CaseSearchChoice({ label, none, value, onChange, exclude = [], total }: Props & { total: number | null }) {
  const { t, f } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosenTitle, setChosenTitle] = useState<string | null>(null);
  const wanted = total === null ? '' : query.trim();
  const found = useSearch(wanted, NO_FILTERS, CASES_ONLY);
  // New matches start at the first.
  useEffect(() => setActive(0), [found.hits]);

  // Matches of an earlier query are not offered, not even for the frame before the new one is asked.
  const hits = wanted !== '' && found.answered === wanted ? found.hits : null;
  const open = hits !== null;
  const offered = hits?.filter((hit) => !exclude.includes(hit.id)) ?? [];
  const choose = (hit: SearchHit) => {
    setChosenTitle(hit.title);
    setQuery('');
    onChange(hit.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open || offered.length === 0) return;
    if (event.key === 'ArrowDown') setActive((index) => Math.min(offered.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setActive((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') choose(offered[Math.min(active, offered.length - 1)]!);
    else if (event.key === 'Escape') setQuery('');
    else return;
    event.preventDefault();
  };
  const optionId = (index: number) => `${id}-option-${index}`;

  return (
    <div className="field case-choice">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-matches`}
        aria-autocomplete="list"
        aria-activedescendant={open && offered.length > 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-chosen`}
        placeholder={total === null ? t.cases.loading : t.cases.choicePlaceholder(f.number(total))}
        disabled={total === null}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-chosen`} className="field-hint case-choice-chosen">
        {value && chosenTitle !== null ? (
          <>
            {t.cases.choiceChosen} <SafeName text={chosenTitle} />{' '}
            <button type="button" className="button button-link small" onClick={() => onChange('')}>
              {t.cases.choiceClear}
            </button>
          </>
        ) : (
          none
        )}
      </p>
      {found.searchError && <ErrorMessage>{found.searchError}</ErrorMessage>}
      {open && (
        <div className="case-choice-matches">
          <p className="muted small" role="status">
            {offered.length === 0
              ? t.cases.noHits(wanted)
              : found.total > hits.length || found.totalIsLowerBound
                ? t.cases.hitsPartial(f.number(hits.length), f.number(found.total), found.totalIsLowerBound)
                : t.cases.hitCount(found.total, f.number(found.total))}
          </p>
          <ul id={`${id}-matches`} role="listbox" aria-label={label}>
            {offered.map((hit, index) => (
              <li
                key={hit.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                // Chosen on mousedown's click without the input losing focus first.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(hit)}
              >
                <SafeName text={hit.title} className="hit-title" />
                {hit.snippet && (
                  <span className="muted small case-choice-snippet">
                    <Highlighted text={revealDirectionControls(hit.snippet)} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
