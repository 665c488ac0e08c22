import { memo, useId, type ReactNode, type Ref } from 'react';
import { useVirtualRows } from './useVirtualRows.ts';
import './virtual.css';

interface Props<T> {
  /** The rows known so far; `count` may be larger while the rest is still being read. */
  items: readonly T[];
  count?: number;
  /** A first guess in px; the real heights are measured from the rendered rows. */
  rowHeight: number;
  caption: string;
  /** Names the scrolling box (`data-scroller`), for the kept scroll position, tests and the benchmark. */
  name: string;
  className: string;
  testId?: string;
  columns: number;
  /** The header row's cells. */
  head: ReactNode;
  keyOf: (item: T) => string;
  /** The cells of one row; keep its identity between renders, so rows that did not change are not drawn again. */
  renderCells: (item: T) => ReactNode;
  /** A row not read yet, in the place it will have. */
  renderMissing?: () => ReactNode;
  /** When given, each row opens (click, Enter) and the rows take focus one at a time (arrow keys move). */
  onOpen?: (item: T) => void;
  rowClassName?: string;
  bodyRef?: Ref<HTMLTableSectionElement>;
}

/**
 * A table whose body is windowed (see useVirtualRows): the DOM holds the rows in view, and the table
 * still tells assistive technology how many rows there are (aria-rowcount) and where each stands
 * (aria-rowindex). Tabbing through the buttons in its rows scrolls, and the window follows.
 */
export function VirtualTable<T>(props: Props<T>) {
  const { items, count = items.length, rowHeight, caption, name, className, testId, columns, head } = props;
  const { keyOf, renderCells, renderMissing, onOpen, rowClassName, bodyRef } = props;
  const captionId = useId();
  const rows = useVirtualRows({
    count,
    rowHeight,
    onOpen: (index) => {
      const item = items[index];
      if (item !== undefined) onOpen?.(item);
    },
  });
  const shown: ReactNode[] = [];
  for (let index = rows.first; index < rows.last; index++) {
    const item = items[index];
    if (item === undefined) {
      shown.push(
        <tr key={`missing-${index}`} data-index={index} aria-rowindex={index + 2} aria-busy="true">
          <td colSpan={columns} className="muted">
            {renderMissing?.()}
          </td>
        </tr>,
      );
      continue;
    }
    shown.push(
      <VirtualTableRow
        key={keyOf(item)}
        item={item}
        index={index}
        className={rowClassName}
        tabbable={onOpen ? index === rows.tabStop : null}
        renderCells={renderCells}
        onOpen={onOpen}
        onFocus={rows.onRowFocus}
      />,
    );
  }
  return (
    <div className="virtual-scroll" ref={rows.scrollerRef} data-scroller={name}>
      <table className={className} aria-labelledby={captionId} aria-rowcount={count + 1} data-testid={testId}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={onOpen ? rows.onKeyDown : undefined}>
          {rows.spaceBefore > 0 && <Space columns={columns} height={rows.spaceBefore} />}
          {shown}
          {rows.spaceAfter > 0 && <Space columns={columns} height={rows.spaceAfter} />}
        </tbody>
      </table>
    </div>
  );
}

/** The height of the rows not drawn, so the scrollbar is true to the whole table. */
function Space({ columns, height }: { columns: number; height: number }) {
  return (
    <tr className="virtual-space" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

interface RowProps<T> {
  item: T;
  index: number;
  className?: string;
  /** null: the row is not a focus stop of its own (its buttons are). */
  tabbable: boolean | null;
  renderCells: (item: T) => ReactNode;
  onOpen?: (item: T) => void;
  onFocus: (index: number) => void;
}

function Row<T>({ item, index, className, tabbable, renderCells, onOpen, onFocus }: RowProps<T>) {
  if (tabbable === null || !onOpen) {
    return (
      <tr data-index={index} aria-rowindex={index + 2} className={className}>
        {renderCells(item)}
      </tr>
    );
  }
  return (
    <tr
      data-row=""
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={tabbable ? 0 : -1}
      className={className}
      onClick={() => onOpen(item)}
      onFocus={() => onFocus(index)}
    >
      {renderCells(item)}
    </tr>
  );
}

const VirtualTableRow = memo(Row) as typeof Row;
