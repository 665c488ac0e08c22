import { memo, type ReactNode, type Ref } from 'react';
import { useVirtualRows } from './useVirtualRows.ts';
import './virtual.css';

interface Props<T> {
  items: readonly T[];
  /** A first guess in px; the real height is measured from a rendered row. */
  rowHeight: number;
  label: string;
  /** Names the scrolling box (`data-scroller`), for tests and the benchmark. */
  name: string;
  className?: string;
  rowClassName?: string;
  rowTestId?: string;
  keyOf: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  onOpen: (item: T) => void;
  listRef?: Ref<HTMLUListElement>;
}

/**
 * A long list of one-line rows in a box of its own height that scrolls: only the rows in view are
 * in the DOM (see useVirtualRows), each row says where it stands (aria-posinset/aria-setsize),
 * arrow keys move, Enter opens. `renderItem` and `onOpen` should keep their identity between
 * renders, so rows that did not change are not drawn again.
 */
export function VirtualList<T>(props: Props<T>) {
  const { items, rowHeight, label, name, className, rowClassName, rowTestId, keyOf, renderItem, onOpen, listRef } = props;
  const rows = useVirtualRows({ count: items.length, rowHeight, onOpen: (index) => onOpen(items[index]!) });
  const shown: ReactNode[] = [];
  for (let index = rows.first; index < rows.last; index++) {
    const item = items[index]!;
    shown.push(
      <VirtualRow
        key={keyOf(item)}
        item={item}
        index={index}
        count={items.length}
        className={rowClassName}
        testId={rowTestId}
        tabbable={index === rows.tabStop}
        renderItem={renderItem}
        onOpen={onOpen}
        onFocus={rows.onRowFocus}
      />,
    );
  }
  return (
    <div className="virtual-scroll" ref={rows.scrollerRef} data-scroller={name}>
      <ul className={className} aria-label={label} ref={listRef} onKeyDown={rows.onKeyDown}>
        {rows.spaceBefore > 0 && <li className="virtual-space" aria-hidden="true" style={{ height: rows.spaceBefore }} />}
        {shown}
        {rows.spaceAfter > 0 && <li className="virtual-space" aria-hidden="true" style={{ height: rows.spaceAfter }} />}
      </ul>
    </div>
  );
}

interface RowProps<T> {
  item: T;
  index: number;
  count: number;
  className?: string;
  testId?: string;
  tabbable: boolean;
  renderItem: (item: T) => ReactNode;
  onOpen: (item: T) => void;
  onFocus: (index: number) => void;
}

function Row<T>({ item, index, count, className, testId, tabbable, renderItem, onOpen, onFocus }: RowProps<T>) {
  return (
    <li
      className={className}
      data-row=""
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={count}
      tabIndex={tabbable ? 0 : -1}
      onClick={() => onOpen(item)}
      onFocus={() => onFocus(index)}
      data-testid={testId}
    >
      {renderItem(item)}
    </li>
  );
}

const VirtualRow = memo(Row) as typeof Row;
