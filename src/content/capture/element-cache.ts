/**
 * The content script's read cache (see src/sites/read-cache.ts): per-element values that stay
 * valid until the element's subtree changes, plus an optional time slice per scan.
 *
 * Invalidation: every MutationObserver record stamps its target and all its ancestors with a
 * new clock value (stopping at the first ancestor already stamped in this batch, so a burst of
 * records costs about one walk to the root). A value computed at clock c is valid while the
 * element's stamp is <= c. Changes the observer does not see (attributes outside its filter)
 * are not noticed: callers watch the attributes that change what is read (hidden, aria-hidden).
 * Added and removed elements are stamped themselves (they may have changed while detached);
 * their descendants are not walked, which is the remaining blind spot: a subtree edited while
 * detached and then re-inserted as the same nodes (virtualised lists create new nodes instead).
 */
import { ScanPaused, type ReadCache } from '../../sites/read-cache.ts';

export interface ElementCache extends ReadCache {
  /** Invalidate what these mutations touched. */
  noteMutations(records: readonly MutationRecord[]): void;
  /** Forget everything (start, navigation). */
  clear(): void;
  /**
   * Start a scan's time slice: `ms` of computing misses, counted from the first miss (the cheap
   * cache hits before it are the same in every slice, so they do not eat the budget); after
   * that `beforeMiss` throws ScanPaused. Infinity = no limit.
   */
  startSlice(ms: number): void;
  /** A new scan starts (not a paused one resuming): values memoised per scan are recomputed. */
  startScan(): void;
}

interface Entry {
  at: number;
  values: Map<string, unknown>;
}

const now = (): number => globalThis.performance?.now() ?? Date.now();

function parentOf(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  // Up through a shadow root to its host.
  return parent && parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : null;
}

export function createElementCache(): ElementCache {
  let clock = 0;
  let changedAt = new WeakMap<Element, number>();
  let entries = new WeakMap<Element, Entry>();
  let budget = Infinity;
  let deadline: number | null = null;
  let computedThisSlice = 0;
  let scan = 0;

  return {
    get scan() {
      return scan;
    },
    get(el, key) {
      const entry = entries.get(el);
      if (!entry || (changedAt.get(el) ?? 0) > entry.at || !entry.values.has(key)) return undefined;
      return { value: entry.values.get(key) };
    },
    set(el, key, value) {
      computedThisSlice++;
      let entry = entries.get(el);
      if (!entry || (changedAt.get(el) ?? 0) > entry.at) {
        entry = { at: clock, values: new Map() };
        entries.set(el, entry);
      }
      entry.values.set(key, value);
    },
    beforeMiss() {
      if (budget === Infinity) return;
      const t = now();
      deadline ??= t + budget;
      // Only pause after some progress, so every slice moves the scan forward.
      if (computedThisSlice > 0 && t > deadline) throw new ScanPaused();
    },
    noteMutations(records) {
      if (records.length === 0) return;
      const stamp = ++clock;
      for (const r of records) {
        let el: Element | null = r.target.nodeType === 1 ? (r.target as Element) : parentOf(r.target);
        while (el && changedAt.get(el) !== stamp) {
          changedAt.set(el, stamp);
          el = parentOf(el);
        }
        // A node taken out (or put back) may have changed while detached, unobserved.
        for (const list of [r.addedNodes, r.removedNodes]) {
          for (let i = 0; i < list.length; i++) if (list[i].nodeType === 1) changedAt.set(list[i] as Element, stamp);
        }
      }
    },
    clear() {
      changedAt = new WeakMap();
      entries = new WeakMap();
    },
    startScan() {
      scan++;
    },
    startSlice(ms) {
      budget = ms;
      deadline = null;
      computedThisSlice = 0;
    },
  };
}
