import { flushSync } from 'react-dom';
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Without layout (a test DOM) the box is taken to be this tall, so the first rows still render. */
const FALLBACK_VIEWPORT_PX = 800;

export interface VirtualRows {
  /** Give to the scrolling element. */
  scrollerRef: (element: HTMLElement | null) => void;
  /** Indexes [first, last) are in the DOM; the rest is empty space of the right height above and below. */
  first: number;
  last: number;
  spaceBefore: number;
  spaceAfter: number;
  /** The row that takes Tab (roving tabindex). */
  tabStop: number;
  /** Give to every rendered row: it tracks the focused row. Rows carry `data-index`, by which they are measured. */
  onRowFocus: (index: number) => void;
  /** Arrow keys, Page Up/Down, Home and End move between rows (scrolling them into view); Enter or Space opens. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/**
 * Windowing for a long list of rows: only the rows in view, plus `overscan` on each side, are in the
 * DOM, so 10,000 cases cost what 40 do. Our own rather than a library's because it is small, the
 * table keeps its native semantics
 * (aria-rowcount/aria-rowindex are set by the caller), and a test DOM without layout still renders
 * the first rows. Rows carry `data-row` and `data-index`.
 */
export function useVirtualRows(options: {
  count: number;
  rowHeight: number;
  overscan?: number;
  onOpen: (index: number) => void;
}): VirtualRows {
  const { count, overscan = 6 } = options;
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const [rowHeight, setRowHeight] = useState(options.rowHeight);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const onOpen = useRef(options.onOpen);
  onOpen.current = options.onOpen;

  useLayoutEffect(() => {
    if (!scroller) return;
    const read = () =>
      setView((known) =>
        known.top === scroller.scrollTop && known.height === scroller.clientHeight
          ? known
          : { top: scroller.scrollTop, height: scroller.clientHeight },
      );
    read();
    // Drawn in the scroll event itself, so the rows for the new position are in the same frame (a
    // scheduled render would land a frame later, after a frame of blank space).
    const onScroll = () => flushSync(read);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(read) : null;
    observer?.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [scroller]);

  const viewport = view.height || FALLBACK_VIEWPORT_PX;
  const last = Math.min(count, Math.ceil((view.top + viewport) / rowHeight) + overscan);
  const first = Math.min(last, Math.max(0, Math.floor(view.top / rowHeight) - overscan));
  const inRange = (index: number) => index >= first && index < last;
  const tabStop = inRange(active) ? active : first;

  // A row asked for by the keyboard gets focus once it is rendered; focusing scrolls it into view
  // (rows carry a scroll-margin for the sticky header).
  useLayoutEffect(() => {
    const wanted = pendingFocus.current;
    if (wanted === null || !scroller) return;
    const row = scroller.querySelector<HTMLElement>(`[data-index="${wanted}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  });

  // Rows may differ in height (an item with a note, a custody event with many details): the space
  // for rows not drawn uses the mean height of every row drawn so far, which settles as more are seen.
  const measured = useRef(new Map<number, number>());
  const measuredCount = useRef(count);
  useLayoutEffect(() => {
    if (!scroller || last <= first) return;
    if (measuredCount.current !== count) {
      measured.current.clear();
      measuredCount.current = count;
    }
    for (const row of scroller.querySelectorAll<HTMLElement>('[data-index]')) {
      const height = row.getBoundingClientRect().height;
      if (height > 0) measured.current.set(Number(row.dataset.index), height);
    }
    if (measured.current.size === 0) return;
    let sum = 0;
    for (const height of measured.current.values()) sum += height;
    const mean = sum / measured.current.size;
    setRowHeight((known) => (Math.abs(known - mean) > 0.5 ? mean : known));
  }, [scroller, first, last, count]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
      const current = row ? Number(row.dataset.index) : -1;
      const page = Math.max(1, Math.floor((scroller?.clientHeight || FALLBACK_VIEWPORT_PX) / rowHeight) - 1);
      let next: number | null = null;
      if (event.key === 'ArrowDown') next = current === -1 ? 0 : current + 1;
      else if (event.key === 'ArrowUp') next = current === -1 ? 0 : current - 1;
      else if (event.key === 'PageDown') next = current + page;
      else if (event.key === 'PageUp') next = current - page;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = count - 1;
      else if ((event.key === 'Enter' || event.key === ' ') && row && row === document.activeElement) {
        event.preventDefault();
        onOpen.current(current);
        return;
      }
      if (next === null || count === 0) return;
      event.preventDefault();
      next = Math.max(0, Math.min(count - 1, next));
      setActive(next);
      const rendered = scroller?.querySelector<HTMLElement>(`[data-index="${next}"]`);
      if (rendered) {
        rendered.focus();
      } else if (scroller) {
        // Bring it into the rendered range first; the effect above focuses it after the render.
        pendingFocus.current = next;
        scroller.scrollTop = Math.max(0, next * rowHeight - scroller.clientHeight / 2);
      }
    },
    [count, rowHeight, scroller],
  );

  return {
    scrollerRef: setScroller,
    first,
    last,
    spaceBefore: first * rowHeight,
    spaceAfter: (count - last) * rowHeight,
    tabStop,
    onRowFocus: setActive,
    onKeyDown,
  };
}
