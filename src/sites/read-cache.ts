/**
 * An optional memo for the expensive per-element reads of a page scan (message text, a turn's
 * parts), so a live page can be re-read incrementally. Adapters call `cachedRead`; with no
 * cache installed (CLI, unit tests of adapters) it simply computes, so adapter results never
 * depend on it. The content script installs a cache that knows, from its MutationObserver,
 * which subtrees changed, and that may pause a long scan (`ScanPaused`) so that no single task
 * runs long: the next attempt resumes cheaply because everything read so far is cached.
 */

export interface ReadCache {
  /** The cached value of `key` for `el` when still valid, else undefined. */
  get(el: Element, key: string): { value: unknown } | undefined;
  set(el: Element, key: string, value: unknown): void;
  /** Called before each miss is computed; may throw `ScanPaused` to split a long scan. */
  beforeMiss?(): void;
  /**
   * The current scan's number: it changes when a new scan starts, not when a paused scan resumes
   * in a later task. Without it, `cachedScanRead` does not memoise.
   */
  readonly scan?: number;
}

/** Thrown through the adapters by a cache whose time slice ran out; never an adapter error. */
export class ScanPaused extends Error {
  constructor() {
    super('scan paused (time slice used up); resumes in a later task');
    this.name = 'ScanPaused';
  }
}

let active: ReadCache | null = null;

/** Runs `fn` (a page read) with `cache` installed. */
export function withReadCache<T>(cache: ReadCache, fn: () => T): T {
  const previous = active;
  active = cache;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

function pageElement(root: ParentNode): Element | null {
  return root.nodeType === 9 ? (root as Document).documentElement : root.nodeType === 1 ? (root as Element) : null;
}

/** `cachedRead` keyed on the page as a whole: valid until anything on the page changes. */
export function cachedPageRead<T>(root: ParentNode, key: string, compute: () => T): T {
  const el = pageElement(root);
  return el ? cachedRead(el, key, compute) : compute();
}

/**
 * `cachedPageRead` that lasts only for the rest of the current scan (all its time slices, so a
 * long first read does not redo it in every slice); every new scan computes it again. For page
 * reads that depend on attributes the page observer does not watch (e.g. which elements are
 * turns), which a page-level cache could otherwise serve stale after such a change.
 */
export function cachedScanRead<T>(root: ParentNode, key: string, compute: () => T): T {
  const cache = active;
  const scan = cache?.scan;
  const el = pageElement(root);
  if (!cache || scan === undefined || !el) return compute();
  const hit = cache.get(el, key)?.value as { scan: number; value: T } | undefined;
  if (hit && hit.scan === scan) return hit.value;
  cache.beforeMiss?.();
  const value = compute();
  cache.set(el, key, { scan, value });
  return value;
}

/**
 * `compute()`, memoised per element and key while a cache is installed. `compute` must depend
 * only on `el`'s subtree (the cache is invalidated by changes below and on `el`).
 */
export function cachedRead<T>(el: Element, key: string, compute: () => T): T {
  const cache = active;
  if (!cache) return compute();
  const hit = cache.get(el, key);
  if (hit) return hit.value as T;
  cache.beforeMiss?.();
  const value = compute();
  cache.set(el, key, value);
  return value;
}
