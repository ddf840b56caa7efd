/**
 * A windowed list for the page's own scroll: only the rows in view (plus a few either side) are in
 * the DOM, so 10,000 records scroll like 20 on a cheap phone. Rows must all be one height, which
 * the stylesheet fixes; the list measures a real row once rendered (the height changes with the
 * user's font size) and positions the rest from it.
 *
 * Screen readers still hear "item 812 of 10,000": each row carries aria-posinset/aria-setsize.
 * Tabbing off the last rendered row focuses an overscan row below, the browser scrolls it into
 * view, and the window follows.
 */
import { type ComponentChildren, Fragment } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN_ROWS = 6;
/** Used until a row has been measured: the stylesheet's row height at the default font size. */
const ESTIMATED_ROW_PX = 92;

interface VirtualListProps<T> {
  items: readonly T[];
  label: string;
  itemKey(item: T): string;
  /** Renders one `<li>`; `position` is 1-based, for aria-posinset. */
  renderItem(item: T, position: number, setSize: number): ComponentChildren;
}

interface Range {
  start: number;
  end: number;
}

function visibleRange(list: HTMLElement, rowPx: number, count: number): Range {
  const top = list.getBoundingClientRect().top;
  const first = Math.floor(-top / rowPx) - OVERSCAN_ROWS;
  const last = Math.ceil((window.innerHeight - top) / rowPx) + OVERSCAN_ROWS;
  const start = Math.min(Math.max(0, first), count);
  return { start, end: Math.min(count, Math.max(start, last)) };
}

export function VirtualList<T>({ items, label, itemKey, renderItem }: VirtualListProps<T>) {
  const listRef = useRef<HTMLUListElement>(null);
  const [rowPx, setRowPx] = useState(ESTIMATED_ROW_PX);
  const [range, setRange] = useState<Range>({ start: 0, end: Math.min(items.length, 24) });

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = visibleRange(list, rowPx, items.length);
      setRange((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [items, rowPx]);

  useLayoutEffect(() => {
    const row = listRef.current?.firstElementChild;
    const measured = row ? row.getBoundingClientRect().height : 0;
    if (measured > 0 && Math.abs(measured - rowPx) > 0.5) setRowPx(measured);
  });

  const start = Math.min(range.start, items.length);
  const end = Math.min(range.end, items.length);
  return (
    <ul
      ref={listRef}
      class="record-list"
      // biome-ignore lint/a11y/noRedundantRoles: Safari drops the list semantics of a `list-style: none` list unless the role is explicit (https://www.scottohara.me/blog/2019/01/12/lists-and-safari.html).
      role="list"
      aria-label={label}
      style={{ height: `${items.length * rowPx}px`, paddingTop: `${start * rowPx}px` }}
    >
      {items.slice(start, end).map((item, i) => (
        // Keyed by record, so a row keeps its DOM (and focus) while the window moves.
        <Fragment key={itemKey(item)}>{renderItem(item, start + i + 1, items.length)}</Fragment>
      ))}
    </ul>
  );
}
