import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props {
  count: number;
  /** Fixed row height in px: keeps windowing O(1) and scrolling smooth at 10k+ rows. */
  rowHeight: number;
  renderRow(index: number): ComponentChildren;
  label: string;
  /** Rows rendered above and below the viewport. */
  overscan?: number;
  class?: string;
}

/** Used when layout is unknown (first paint, test DOMs without layout). */
const FALLBACK_VIEWPORT = 640;

/**
 * A windowed list: only the rows in view (plus overscan) exist in the DOM. ArrowUp/ArrowDown/
 * Home/End move focus between rows, scrolling rows into existence as needed, so keyboard users
 * are not limited to the rows that happen to be rendered.
 */
export function VirtualList({ count, rowHeight, renderRow, label, overscan = 8, class: cls }: Props) {
  const outer = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const pendingFocus = useRef<number | null>(null);

  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);

  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    pendingFocus.current = null;
    const row = outer.current?.querySelector<HTMLElement>(`[data-row="${i}"]`);
    const target = row?.querySelector<HTMLElement>('button, a, input, [tabindex]') ?? row;
    target?.focus({ preventScroll: true });
  });

  function onKeyDown(e: KeyboardEvent) {
    const el = outer.current;
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!el || !rowEl || count === 0) return;
    const i = Number(rowEl.dataset.row);
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(count - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home' && e.ctrlKey) next = 0;
    else if (e.key === 'End' && e.ctrlKey) next = count - 1;
    if (next < 0 || next === i) return;
    e.preventDefault();
    const top = next * rowHeight;
    const height = el.clientHeight || viewport;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    pendingFocus.current = next;
    setScrollTop(el.scrollTop);
  }

  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={i}
        role="listitem"
        data-row={i}
        aria-setsize={count}
        aria-posinset={i + 1}
        class="po-vrow"
        style={{ position: 'absolute', top: `${i * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
      >
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div ref={outer} class={`po-vlist ${cls ?? ''}`} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKeyDown}>
      <div role="list" aria-label={label} style={{ position: 'relative', height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
