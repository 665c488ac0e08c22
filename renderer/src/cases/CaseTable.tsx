import { memo, useId, type Ref } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { revealDirectionControls } from '../ui/bidi.ts';
import { SafeName } from '../ui/text.tsx';
import { useVirtualRows } from '../ui/useVirtualRows.ts';
import '../ui/virtual.css';
import type { Facets } from './facets.ts';
import type { CaseSort, CaseSortKey } from './sort.ts';

const ROW_HEIGHT_GUESS_PX = 42;
const COLUMNS = 6;

interface Props {
  cases: CaseSummary[];
  facets: Record<string, Facets>;
  sort: CaseSort | null;
  onSort: (sort: CaseSort) => void;
  bodyRef: Ref<HTMLTableSectionElement>;
  /** Keep its identity between renders: the rows are memoised on it. */
  onOpen: (id: string) => void;
}

/**
 * The case list as a table whose body is windowed: the DOM holds the rows in view, the table still
 * tells assistive technology how many rows there are and where each stands.
 */
export function CaseTable({ cases, facets, sort, onSort, bodyRef, onOpen }: Props) {
  const { t } = useI18n();
  const captionId = useId();
  const rows = useVirtualRows({ count: cases.length, rowHeight: ROW_HEIGHT_GUESS_PX, onOpen: (index) => onOpen(cases[index]!.id) });

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

  const shown = [];
  for (let index = rows.first; index < rows.last; index++) {
    const item = cases[index]!;
    shown.push(
      <CaseRow
        key={item.id}
        item={item}
        region={facets[item.id]?.region ?? null}
        index={index}
        tabbable={index === rows.tabStop}
        measure={index === rows.first ? rows.measureRef : undefined}
        onOpen={onOpen}
        onFocus={rows.onRowFocus}
      />,
    );
  }

  return (
    <div className="virtual-scroll" ref={rows.scrollerRef} data-scroller="cases">
      <table className="table cases" aria-labelledby={captionId} aria-rowcount={cases.length + 1}>
        <caption id={captionId} className="visually-hidden">
          {t.cases.listLabel}
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            {header('title', t.cases.columnTitle, 'col-title')}
            {header('reference', t.cases.columnReference, 'col-reference')}
            {header('status', t.cases.columnStatus, 'col-status')}
            {header('region', t.cases.columnRegion, 'col-region')}
            {header('items', t.cases.columnItems, 'numeric col-items')}
            {header('created', t.cases.columnCreated, 'numeric col-created')}
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={rows.onKeyDown}>
          {rows.spaceBefore > 0 && <Space height={rows.spaceBefore} />}
          {shown}
          {rows.spaceAfter > 0 && <Space height={rows.spaceAfter} />}
        </tbody>
      </table>
    </div>
  );
}

/** The height of the rows not drawn, so the scrollbar is true to the whole list. */
function Space({ height }: { height: number }) {
  return (
    <tr className="virtual-space" aria-hidden="true">
      <td colSpan={COLUMNS} style={{ height }} />
    </tr>
  );
}

interface RowProps {
  item: CaseSummary;
  region: string | null;
  index: number;
  tabbable: boolean;
  measure?: (element: HTMLElement | null) => void;
  onOpen: (id: string) => void;
  onFocus: (index: number) => void;
}

const CaseRow = memo(function CaseRow({ item, region, index, tabbable, measure, onOpen, onFocus }: RowProps) {
  const { t, f } = useI18n();
  return (
    <tr
      ref={measure}
      data-row=""
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={tabbable ? 0 : -1}
      className="row-link"
      onClick={() => onOpen(item.id)}
      onFocus={() => onFocus(index)}
    >
      <th scope="row" className="case-title" title={revealDirectionControls(item.title)}>
        <SafeName text={item.title} />
      </th>
      <td className={item.reference ? 'case-reference' : 'case-reference muted'}>{item.reference ?? t.cases.noReference}</td>
      <td>{item.status ? <StatusBadge status={item.status} /> : <span className="muted">{t.cases.noValue}</span>}</td>
      <td>{region ?? <span className="muted">{t.cases.noValue}</span>}</td>
      <td className="numeric">{t.cases.itemCount(item.itemCount, f.number(item.itemCount))}</td>
      <td className="numeric">{f.date(item.createdAt)}</td>
    </tr>
  );
});
