/**
 * Which replies are near the viewport (IntersectionObserver, within about a viewport above and
 * below): only their badges are rendered, so a 300-turn page renders a handful of badges, not
 * 150. The observer reports asynchronously and costs nothing while nothing scrolls.
 */
export interface NearbyWatch {
  /** Watch exactly these replies (new ones start as "not near" until the observer reports). */
  watch(elements: Iterable<Element>): void;
  isNear(element: Element): boolean;
  disconnect(): void;
}

/** How far outside the viewport a reply still counts as near (its badge is ready before it scrolls in). */
const NEAR_MARGIN = '100% 0px 100% 0px';

/** `onChange` runs (in the observer's callback) when some reply came near or went away. */
export type NearbyFactory = (win: Window, onChange: () => void) => NearbyWatch;

export const watchNearViewport: NearbyFactory = (win, onChange) => {
  const IO = (win as Window & { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
  if (!IO) return everythingNear();
  const near = new WeakSet<Element>();
  const watched = new Set<Element>();
  const observer = new IO(
    (entries) => {
      let changed = false;
      for (const e of entries) {
        if (e.isIntersecting === near.has(e.target)) continue;
        if (e.isIntersecting) near.add(e.target);
        else near.delete(e.target);
        changed = true;
      }
      if (changed) onChange();
    },
    { rootMargin: NEAR_MARGIN },
  );
  return {
    watch(elements) {
      const next = new Set(elements);
      for (const el of watched) {
        if (next.has(el)) continue;
        observer.unobserve(el);
        watched.delete(el);
        near.delete(el);
      }
      for (const el of next) {
        if (watched.has(el)) continue;
        observer.observe(el);
        watched.add(el);
      }
    },
    isNear: (el) => near.has(el),
    disconnect: () => observer.disconnect(),
  };
};

/** Every reply counts as near (no IntersectionObserver; unit tests in a DOM without layout). */
export function everythingNear(): NearbyWatch {
  return { watch: () => undefined, isNear: () => true, disconnect: () => undefined };
}
