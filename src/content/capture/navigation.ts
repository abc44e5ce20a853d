/**
 * SPA navigation for the capture controller. The URL is compared before every scan (and a scan
 * is poked on popstate and the Navigation API's navigatesuccess). When the conversation changes,
 * the turns still on screen belong to the old one until the site replaces them: they are marked
 * stale (by element and id) and never sent under the new id.
 */
import type { SiteAdapter } from '../../sites/adapter.ts';

export type NavigationChange =
  /** Same page, or same conversation (e.g. a fragment or query change). */
  | 'none'
  /** A new chat just received its id: its turns are kept and re-sent under the id. */
  | 'got-id'
  /** Another conversation (or site): start over. */
  | 'other';

export interface NavigationTracker {
  /** Compares `href` with the last one; on a conversation change marks `onScreen` stale. */
  check(href: string, onScreen: ReadonlyMap<string, Element>): NavigationChange;
  /** A turn left on screen by the previous conversation. */
  isStale(turnId: string, element: Element | undefined): boolean;
  /** Poke `onChange` on history navigations (popstate, navigatesuccess). Returns the undo. */
  listen(win: Window | null, onChange: () => void): () => void;
}

export function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

export function createNavigationTracker(adapterFor: (url: URL) => SiteAdapter | null, initialHref: string): NavigationTracker {
  let lastHref = initialHref;
  let staleElements = new WeakSet<Element>();
  let staleIds = new Set<string>();

  function conversationOf(href: string): { adapter: SiteAdapter | null; id: string | null } {
    const url = parseUrl(href);
    const adapter = url ? adapterFor(url) : null;
    return { adapter, id: url && adapter ? adapter.conversationId(url) : null };
  }

  return {
    check(href, onScreen) {
      if (href === lastHref) return 'none';
      const before = conversationOf(lastHref);
      const after = conversationOf(href);
      lastHref = href;
      if (before.id === after.id && before.adapter === after.adapter) return 'none';
      if (before.id === null) return 'got-id';
      staleElements = new WeakSet(onScreen.values());
      staleIds = new Set(onScreen.keys());
      return 'other';
    },
    isStale(turnId, element) {
      return element !== undefined && staleElements.has(element) && staleIds.has(turnId);
    },
    listen(win, onChange) {
      const navigation = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;
      win?.addEventListener('popstate', onChange);
      navigation?.addEventListener('navigatesuccess', onChange);
      return () => {
        win?.removeEventListener('popstate', onChange);
        navigation?.removeEventListener('navigatesuccess', onChange);
      };
    },
  };
}
