/**
 * A windowed list: only the rows in view (and a few around) exist in the DOM, so a list of
 * 10,000 invoices scrolls as smoothly as one of 20. Rows have one fixed height.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export const ROW_HEIGHT = 40;
const OVERSCAN = 8;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Height of the scrolling box in px. */
  height: number;
  rowKey: (item: T) => string;
  renderRow: (item: T, index: number) => ComponentChildren;
  label: string;
}

/** The slice of rows to draw for a scroll position (exported for tests). */
export function windowOf(count: number, scrollTop: number, height: number): { start: number; end: number } {
  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

export function VirtualList<T>(p: VirtualListProps<T>) {
  const box = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef(0);

  // A new (shorter) list must not leave the box scrolled past its end.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && el.scrollTop > p.items.length * ROW_HEIGHT) {
      el.scrollTop = 0;
      setScrollTop(0);
    }
  }, [p.items]);

  const onScroll = () => {
    // One update per frame however many scroll events come.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setScrollTop(box.current?.scrollTop ?? 0);
    });
  };

  const { start, end } = windowOf(p.items.length, scrollTop, p.height);
  const rows: ComponentChildren[] = [];
  for (let i = start; i < end; i++) {
    const item = p.items[i] as T;
    rows.push(
      <div
        key={p.rowKey(item)}
        class="vrow"
        style={{ transform: `translateY(${i * ROW_HEIGHT}px)`, height: `${ROW_HEIGHT}px` }}
      >
        {p.renderRow(item, i)}
      </div>,
    );
  }
  return (
    <section
      ref={box}
      class="vlist"
      aria-label={p.label}
      style={{ height: `${p.height}px` }}
      onScroll={onScroll}
      data-testid="invoice-rows"
    >
      <div class="vlist-spacer" style={{ height: `${p.items.length * ROW_HEIGHT}px` }}>
        {rows}
      </div>
    </section>
  );
}
