import { useCallback, type Ref } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { revealDirectionControls } from '../ui/bidi.ts';
import { SafeName } from '../ui/text.tsx';
import { VirtualTable } from '../ui/VirtualTable.tsx';
import type { Facets } from './facets.ts';
import type { CaseSort, CaseSortKey } from './sort.ts';

const ROW_HEIGHT_GUESS_PX = 39;
const COLUMNS = 6;

interface Props {
  cases: CaseSummary[];
  /** How many rows the list has: more than `cases` while the rest is still being read (those rows say so). */
  count: number;
  facets: Record<string, Facets>;
  sort: CaseSort | null;
  onSort: (sort: CaseSort) => void;
  bodyRef: Ref<HTMLTableSectionElement>;
  /** Keep its identity between renders: the rows are memoised on it. */
  onOpen: (id: string) => void;
}

const keyOf = (item: CaseSummary) => item.id;

/** The case list as a windowed table: a row opens its case; arrow keys move between rows. */
export function CaseTable({ cases, count, facets, sort, onSort, bodyRef, onOpen }: Props) {
  const { t, f } = useI18n();

  const header = (key: CaseSortKey, text: string, className?: string) => {
    const active = sort?.key === key;
    return (
      <th scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort"
          title={t.caseView.sortBy(text)}
          onClick={() => onSort({ key, descending: active ? !sort.descending : false })}
        >
          {text}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  const renderCells = useCallback(
    (item: CaseSummary) => {
      const region = facets[item.id]?.region ?? null;
      return (
        <>
          <th scope="row" className="case-title" title={revealDirectionControls(item.title)}>
            <SafeName text={item.title} />
          </th>
          <td className={item.reference ? 'case-reference' : 'case-reference muted'}>{item.reference ?? t.cases.noReference}</td>
          <td>{item.status ? <StatusBadge status={item.status} /> : <span className="muted">{t.cases.noValue}</span>}</td>
          <td>{region ?? <span className="muted">{t.cases.noValue}</span>}</td>
          <td className="numeric">{t.cases.itemCount(item.itemCount, f.number(item.itemCount))}</td>
          <td className="numeric">{f.date(item.createdAt)}</td>
        </>
      );
    },
    [facets, t, f],
  );
  const renderMissing = useCallback(() => t.cases.loading, [t]);
  const open = useCallback((item: CaseSummary) => onOpen(item.id), [onOpen]);

  return (
    <VirtualTable
      items={cases}
      count={count}
      rowHeight={ROW_HEIGHT_GUESS_PX}
      caption={t.cases.listLabel}
      name="cases"
      className="table cases"
      columns={COLUMNS}
      head={
        <>
          {header('title', t.cases.columnTitle, 'col-title')}
          {header('reference', t.cases.columnReference, 'col-reference')}
          {header('status', t.cases.columnStatus, 'col-status')}
          {header('region', t.cases.columnRegion, 'col-region')}
          {header('items', t.cases.columnItems, 'numeric col-items')}
          {header('created', t.cases.columnCreated, 'numeric col-created')}
        </>
      }
      keyOf={keyOf}
      renderCells={renderCells}
      renderMissing={renderMissing}
      onOpen={open}
      rowClassName="row-link"
      bodyRef={bodyRef}
    />
  );
}
