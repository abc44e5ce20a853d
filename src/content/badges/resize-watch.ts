/**
 * Size changes that move badges: a reply that grows moves the badges below it, and the open
 * panel grows when its status line or evidence changes. One ResizeObserver watches both; its
 * callback runs right after the browser's layout, so badges are re-placed in the same frame,
 * from a clean layout.
 */

/** First guess of the panel's size; replaced by its rendered size (see measurePanel()). */
const PANEL_SIZE_ESTIMATE = { width: 340, height: 420 };

export interface ResizeWatch {
  /** Observes the replies that are new since the last call, forgets those gone. */
  watchReplies(elements: Iterable<Element>): void;
  /** Reads the open panel's size (and watches it); true when it differs from what placement assumed. */
  measurePanel(panel: HTMLElement | null): boolean;
  /** The open panel's last measured size (the estimate until one is measured). */
  panelSize(): { width: number; height: number };
  disconnect(): void;
}

/** `onResize` runs in the observer's callback. Without ResizeObserver nothing is watched. */
export function createResizeWatch(onResize: () => void): ResizeWatch {
  const resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onResize);
  /** Replies watched for size changes. */
  const observed = new Set<Element>();
  let observedPanel: Element | null = null;
  let panelSize = PANEL_SIZE_ESTIMATE;

  return {
    watchReplies(elements) {
      if (!resizeObserver) return;
      const now = new Set(elements);
      for (const el of observed) {
        if (!now.has(el)) {
          resizeObserver.unobserve(el);
          observed.delete(el);
        }
      }
      for (const el of now) {
        if (!observed.has(el)) {
          resizeObserver.observe(el);
          observed.add(el);
        }
      }
    },
    measurePanel(panel) {
      // The panel grows when its status line or evidence changes: re-place it when it does.
      if (panel && panel !== observedPanel) {
        if (observedPanel) resizeObserver?.unobserve(observedPanel);
        resizeObserver?.observe(panel);
        observedPanel = panel;
      }
      const box = panel?.getBoundingClientRect();
      if (!box || box.width <= 0 || (Math.abs(box.width - panelSize.width) <= 1 && Math.abs(box.height - panelSize.height) <= 1)) return false;
      panelSize = { width: box.width, height: box.height };
      return true;
    },
    panelSize: () => panelSize,
    disconnect() {
      resizeObserver?.disconnect();
    },
  };
}
